//! QR codes, made on the device (no network): at a counter, a volunteer shows the
//! outcome or checklist on screen and the person scans it to open the same page,
//! with the same answers, on their own phone. The encoder is Project Nayuki's
//! `qrcodegen`; this module draws its modules as a small SVG. Pure: tested natively,
//! where an independent decoder reads every code back.

use qrcodegen::{QrCode, QrCodeEcc};

/// The light margin around a code, in modules, that readers need.
pub const QUIET_ZONE: i32 = 4;

/// The dark modules of `text`'s code, row by row, or `None` if it does not fit in
/// a QR code (about 2,300 bytes at this error correction).
pub fn modules(text: &str) -> Option<Vec<Vec<bool>>> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = code.size();
    Some(
        (0..n)
            .map(|y| (0..n).map(|x| code.get_module(x, y)).collect())
            .collect(),
    )
}

/// `text`'s code as an SVG image, quiet zone included, one path of dark runs;
/// `label` names it for screen readers.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let rows = modules(text)?;
    let side = rows.len() as i32 + 2 * QUIET_ZONE;
    let mut path = String::new();
    for (y, row) in rows.iter().enumerate() {
        let mut x = 0;
        while x < row.len() {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < row.len() && row[x] {
                x += 1;
            }
            path.push_str(&format!(
                "M{} {}h{}v1h-{}z",
                start as i32 + QUIET_ZONE,
                y as i32 + QUIET_ZONE,
                x - start,
                x - start
            ));
        }
    }
    let label = label
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;");
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" role=\"img\" \
aria-label=\"{label}\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" \
fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads a code back with an independent decoder (`rqrr`), from the SVG's own
    /// path drawn at 4 pixels a module.
    fn decode_svg(svg: &str) -> String {
        let side: usize = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .expect("a viewBox");
        let mut dark = vec![vec![false; side]; side];
        let d = svg
            .split(" d=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        for run in d.split('M').filter(|r| !r.is_empty()) {
            // "x yhNv1h-Nz"
            let (xy, rest) = run.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let len: usize = rest.split('v').next().unwrap().parse().unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            for cell in &mut dark[y][x..x + len] {
                *cell = true;
            }
        }
        const PX: usize = 4;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(side * PX, side * PX, |x, y| {
            if dark[y / PX][x / PX] {
                0
            } else {
                255
            }
        });
        let grids = img.detect_grids();
        assert_eq!(grids.len(), 1, "one code");
        grids[0].decode().expect("decodes").1
    }

    #[test]
    fn a_flow_outcome_address_reads_back() {
        let url = "https://thutucxa.example.gov.vn/su-kien/sinh-con/#noi-sinh=viet-nam&chung-sinh=co&cha-me=khong&ket-hon=co&ket-qua";
        let svg = svg(url, "Mã QR của trang này").unwrap();
        assert!(svg.starts_with("<svg "));
        assert!(svg.contains("role=\"img\" aria-label=\"Mã QR của trang này\""));
        assert_eq!(decode_svg(&svg), url);
    }

    #[test]
    fn vietnamese_text_reads_back() {
        let text = "Đăng ký khai sinh – Thủ tục xã";
        assert_eq!(decode_svg(&svg(text, "x").unwrap()), text);
    }

    #[test]
    fn sizes_and_limits() {
        let small = modules("https://a.vn/").unwrap();
        assert_eq!(small.len(), 21, "version 1");
        assert!(small.iter().all(|r| r.len() == 21));
        assert!(
            modules(&"x".repeat(5000)).is_none(),
            "too long for any version"
        );
        assert!(svg("a\"<b", "say \"hi\" <now>")
            .unwrap()
            .contains("aria-label=\"say &quot;hi&quot; &lt;now>\""));
    }
}

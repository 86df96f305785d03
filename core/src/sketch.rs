//! Sketch maps: communes' outlines as SVG, drawn from [`Boundaries`] with no tiles
//! and no third party. The same code draws a commune page's sketch at build time
//! and, in the browser, the sketch around a person's location.
//!
//! The projection is flat (longitude scaled by the cosine of the middle latitude),
//! fine for a commune or a province. Points closer than about a pixel to the last
//! one drawn are skipped, so a sketch stays small whatever the data's detail.
//!
//! Architecture invariant: pure; no Leptos, no browser, no I/O.

use std::fmt::Write as _;

use crate::boundaries::Boundaries;
use crate::places::{Bbox, Origin, Point};

/// The drawing's width in its own units (it scales to the page).
const WIDTH: f64 = 1000.0;

/// One commune to draw: which file and area, its label, and how.
pub struct Shape<'a> {
    pub boundaries: &'a Boundaries,
    pub area: usize,
    pub label: &'a str,
    /// The commune the sketch is about (filled, outlined strongly).
    pub focus: bool,
}

/// A view: the box drawn and its scale.
struct View {
    bbox: Bbox,
    /// Units per 1e-5 degree of longitude and of latitude.
    sx: f64,
    sy: f64,
    height: f64,
}

impl View {
    fn new(bbox: Bbox) -> View {
        let mid = Point {
            lat: (bbox.south / 2) + (bbox.north / 2),
            lon: bbox.west,
        };
        let o = Origin::new(mid);
        let cos = o.km(Point {
            lat: mid.lat,
            lon: mid.lon + 100_000,
        }) / o.km(Point {
            lat: mid.lat + 100_000,
            lon: mid.lon,
        });
        let w = ((bbox.east - bbox.west) as f64 * cos).max(1.0);
        let h = ((bbox.north - bbox.south) as f64).max(1.0);
        let s = WIDTH / w;
        View {
            bbox,
            sx: s * cos,
            sy: s,
            height: (h * s).round().max(1.0),
        }
    }

    fn xy(&self, p: Point) -> (i64, i64) {
        (
            ((p.lon - self.bbox.west) as f64 * self.sx).round() as i64,
            ((self.bbox.north - p.lat) as f64 * self.sy).round() as i64,
        )
    }

    fn sees(&self, b: &Bbox) -> bool {
        b.east >= self.bbox.west
            && b.west <= self.bbox.east
            && b.north >= self.bbox.south
            && b.south <= self.bbox.north
    }
}

/// A box grown by a fraction of its size on each side.
pub fn pad(b: Bbox, fraction: f64) -> Bbox {
    let dy = ((b.north - b.south) as f64 * fraction) as i32 + 50;
    let dx = ((b.east - b.west) as f64 * fraction) as i32 + 50;
    Bbox {
        south: b.south - dy,
        west: b.west - dx,
        north: b.north + dy,
        east: b.east + dx,
    }
}

/// The path data of an area's rings (even–odd), in the view's units.
fn path(v: &View, b: &Boundaries, area: usize) -> String {
    let mut d = String::new();
    for r in 0..b.rings(area) {
        let pts = b.ring(area, r);
        let mut last: Option<(i64, i64)> = None;
        let mut n = 0;
        for (i, p) in pts.iter().enumerate() {
            let (x, y) = v.xy(*p);
            let end = i + 1 == pts.len();
            if let Some((lx, ly)) = last {
                if !end && (x - lx).abs() + (y - ly).abs() < 2 {
                    continue;
                }
                let _ = write!(d, "l{} {}", x - lx, y - ly);
            } else {
                let _ = write!(d, "M{x} {y}");
            }
            last = Some((x, y));
            n += 1;
        }
        if n > 0 {
            d.push('z');
        }
    }
    d
}

/// Escapes text for SVG.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;")
}

/// A sketch of `shapes` inside `bbox`, with the person's point if given. `title`
/// is the drawing's accessible name; the page says in words everything it shows.
pub fn svg(shapes: &[Shape], bbox: Bbox, you: Option<(Point, &str)>, title: &str) -> String {
    let v = View::new(bbox);
    let mut out = format!(
        "<svg class=\"sketch\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        // Whole numbers: no float formatting in the wasm.
        WIDTH as i64,
        v.height as i64,
        escape(title)
    );
    // Neighbours first, the focus on top.
    for focus in [false, true] {
        for s in shapes.iter().filter(|s| s.focus == focus) {
            if !v.sees(&s.boundaries.areas[s.area].bbox) {
                continue;
            }
            let class = if focus { "focus" } else { "other" };
            let _ = write!(
                out,
                "<path class=\"{class}\" fill-rule=\"evenodd\" d=\"{}\"/>",
                path(&v, s.boundaries, s.area)
            );
        }
    }
    for s in shapes {
        let at = s.boundaries.areas[s.area].point;
        if at.lat < bbox.south || at.lat > bbox.north || at.lon < bbox.west || at.lon > bbox.east {
            continue;
        }
        let (x, y) = v.xy(at);
        let class = if s.focus { "label focus" } else { "label" };
        let _ = write!(
            out,
            "<text class=\"{class}\" x=\"{x}\" y=\"{y}\" text-anchor=\"middle\">{}</text>",
            escape(s.label)
        );
    }
    if let Some((p, label)) = you {
        let (x, y) = v.xy(p);
        let _ = write!(
            out,
            "<circle class=\"you\" cx=\"{x}\" cy=\"{y}\" r=\"14\"/><text class=\"label you\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            y - 24,
            escape(label)
        );
    }
    out.push_str("</svg>");
    out
}

/// A whole province: every commune's outline, no labels (the page lists them).
/// A commune far out at sea (Hoàng Sa, Trường Sa, Côn Đảo) is drawn in its own framed inset,
/// named, instead of shrinking the rest to a speck. Returns the drawing and the
/// areas drawn as insets.
pub fn province_svg(
    b: &Boundaries,
    names: &dyn Fn(usize) -> String,
    title: &str,
) -> (String, Vec<usize>) {
    let n = b.areas.len();
    // Far: every ring more than about 100 km (0.9 degree) from every ring of every
    // other commune (by their boxes). Rings, not whole communes: a zone of scattered
    // islands has a box that reaches the mainland.
    let gap = |a: &Bbox, c: &Bbox| {
        let dx = (a.west - c.east).max(c.west - a.east).max(0);
        let dy = (a.south - c.north).max(c.south - a.north).max(0);
        dx.max(dy)
    };
    let boxes: Vec<Vec<Bbox>> = (0..n)
        .map(|i| {
            (0..b.rings(i))
                .filter_map(|r| Bbox::around(b.ring(i, r)))
                .collect()
        })
        .collect();
    let far: Vec<usize> = (0..n)
        .filter(|&i| {
            n > 1
                && (0..n).filter(|&j| j != i).all(|j| {
                    boxes[i]
                        .iter()
                        .all(|a| boxes[j].iter().all(|c| gap(a, c) > 90_000))
                })
        })
        .collect();
    let main = Bbox::around((0..n).filter(|i| !far.contains(i)).flat_map(|i| {
        let a = b.areas[i].bbox;
        [
            Point {
                lat: a.south,
                lon: a.west,
            },
            Point {
                lat: a.north,
                lon: a.east,
            },
        ]
    }));
    let Some(main) = main else {
        return (String::new(), far);
    };
    let v = View::new(pad(main, 0.02));
    // Insets in a column to the right of the main drawing, each a quarter of its
    // width, named under their frame.
    let side = WIDTH / 4.0;
    let mut insets = String::new();
    let mut bottom: f64 = 0.0;
    for &i in &far {
        let iv = View::new(pad(b.areas[i].bbox, 0.05));
        let h = (iv.height * side / WIDTH).min(side * 2.0);
        let (x, y) = (WIDTH + 24.0, bottom + 8.0);
        let _ = write!(
            insets,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{side}\" height=\"{h}\" fill=\"#fff\" stroke=\"#505a5f\" stroke-width=\"2\"/><svg x=\"{x}\" y=\"{y}\" width=\"{side}\" height=\"{h}\" viewBox=\"0 0 {WIDTH} {}\" preserveAspectRatio=\"xMidYMid meet\"><path fill-rule=\"evenodd\" fill=\"#d2e2f1\" stroke=\"#1d70b8\" stroke-width=\"1\" vector-effect=\"non-scaling-stroke\" d=\"{}\"/></svg><text x=\"{x}\" y=\"{}\" font-family=\"system-ui, sans-serif\" font-size=\"24\" fill=\"#0b0c0c\">{}</text>",
            iv.height,
            path(&iv, b, i),
            y + h + 28.0,
            escape(&names(i))
        );
        bottom = y + h + 40.0;
    }
    let width = if far.is_empty() {
        WIDTH
    } else {
        WIDTH + side + 32.0
    };
    let mut out = format!(
        "<svg class=\"sketch\" viewBox=\"0 0 {width} {}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\"><g fill=\"#d2e2f1\" stroke=\"#1d70b8\" stroke-width=\"1\" stroke-linejoin=\"round\">",
        v.height.max(bottom),
        escape(title)
    );
    for i in (0..n).filter(|i| !far.contains(i)) {
        let _ = write!(
            out,
            "<path fill-rule=\"evenodd\" vector-effect=\"non-scaling-stroke\" d=\"{}\"/>",
            path(&v, b, i)
        );
    }
    out.push_str("</g>");
    out.push_str(&insets);
    out.push_str("</svg>");
    (out, far)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_the_focus_over_its_neighbours_with_labels_and_the_person() {
        let b = Boundaries::parse(
            "a 0 0 0 1000\na 0 1000 1000 0 0 -1000 -1000 0\na 0 0 -1000 0 0 1000 1000 0\n\
             c 00001 500 -500 0,~2\nc 00002 500 500 ~0,~1\n",
        )
        .unwrap();
        let shapes = [
            Shape {
                boundaries: &b,
                area: 0,
                label: "A <1>",
                focus: true,
            },
            Shape {
                boundaries: &b,
                area: 1,
                label: "B",
                focus: false,
            },
        ];
        let bbox = pad(b.areas[0].bbox, 0.1);
        let svg = svg(
            &shapes,
            bbox,
            Some((
                Point {
                    lat: 500,
                    lon: -400,
                },
                "Bạn",
            )),
            "Sơ đồ",
        );
        assert!(svg.starts_with("<svg class=\"sketch\""));
        let other = svg.find("class=\"other\"").unwrap();
        let focus = svg.find("class=\"focus\"").unwrap();
        assert!(other < focus, "the focus is drawn last: {svg}");
        assert!(svg.contains("A &lt;1>"));
        assert!(svg.contains("<circle class=\"you\""));
        assert!(svg.contains("aria-label=\"Sơ đồ\""));
    }
}

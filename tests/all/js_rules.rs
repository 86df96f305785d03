//! The JavaScript copies of the embed rules agree with their owner, `embed.rs`:
//! `public/embed.js` makes the frame's address as `frame_url` does, and
//! `src/app/mode.js` in the frame keeps the province `frame_url` would pass and
//! the accent `readable_on_white` accepts. Both scripts run as shipped, under
//! Node, in the fake browser of `tests/js-rules.mjs`, on inputs generated here
//! from a fixed seed.

use std::io::Write;
use std::process::{Command, Stdio};

use thu_tuc_xa::embed::{frame_url, readable_on_white, Choice, DEFAULT_ACCENT, PROVINCE_MARK};
use thu_tuc_xa::model::Lang;

/// The site's address in the harness.
const ORIGIN: &str = "https://thutucxa.example.gov.vn";

/// A string as `JSON.stringify` writes it, so that the harness's lines are compared
/// as text.
fn json(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn pairs(pairs: &[(&str, String)]) -> String {
    let items: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("[{},{}]", json(k), json(v)))
        .collect();
    format!("[{}]", items.join(","))
}

/// SplitMix64: the same inputs on every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// Up to `max` characters of `alphabet`.
    fn text(&mut self, alphabet: &[char], max: usize) -> String {
        (0..self.below(max + 1))
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

const ODD: &[char] = &[
    'a', 'z', '0', '9', '-', '/', '/', '.', '_', 'A', 'Z', ' ', '\t', '\n', '?', '#', '&', '=',
    '%', '\\', '"', ':', 'ắ', 'đ', 'ǝ', '٧', '９', '\u{0}', '\u{2028}', '😀', 'e', 'n',
];

fn start(rng: &mut Rng) -> String {
    const HEADS: &[&str] = &[
        "",
        "/",
        "/en",
        "/en/",
        "en/",
        "/EN/",
        "//",
        "/enx",
        "/en/en/",
        "./",
        "\\",
        "https://x.y",
    ];
    const PARTS: &[&str] = &[
        "su-kien",
        "sinh-con",
        "dia-diem",
        "79",
        "ho-chi-minh",
        "en",
        "x",
        "a-b-c",
        "",
        "..",
        ".",
        "Sinh",
        "sinh_con",
        "sính",
        "%2f",
        "?q=1",
        "#x",
        " ",
        "\t",
        "\n",
        "/",
        "é",
    ];
    if rng.chance(15) {
        return rng.text(ODD, 12);
    }
    let mut s = rng.pick(HEADS).to_string();
    for i in 0..rng.below(4) {
        if i > 0 || !s.ends_with('/') {
            s.push_str(if rng.chance(8) { "//" } else { "/" });
        }
        s.push_str(rng.pick(PARTS));
    }
    if rng.chance(50) {
        s.push('/');
    }
    s
}

fn province(rng: &mut Rng) -> String {
    const ODD_CODES: &[&str] = &[
        "79", "01", "00", "99", "7", "790", "7x", "", " 79", "79 ", "٧٩", "７９", "79\n", "-1",
        "1e", "+7", "0x", "١", "7.", "79\u{0}",
    ];
    match rng.below(3) {
        0 => format!("{:02}", rng.below(100)),
        1 => rng.pick(ODD_CODES).to_string(),
        _ => rng.text(&['0', '1', '7', '9', 'a', ' ', '٧', '-'], 3),
    }
}

fn hex(rng: &mut Rng) -> String {
    let digits: Vec<char> = "0123456789abcdefABCDEF".chars().collect();
    (0..6).map(|_| digits[rng.below(digits.len())]).collect()
}

/// A colour `mode.js` would read from `&mau=` (without `#`), or not.
fn mau(rng: &mut Rng) -> String {
    const ODD_COLOURS: &[&str] = &[
        "0b4f8a", "0B4F8A", "767676", "777777", "ffffff", "000000", "fff", "12345", "1234567",
        "#0b4f8a", "0b4f8g", "", " 0b4f8a", "0b4f8a ", "0b4f8a\n", "red", "０b4f8a", "0x4f8a",
        "+b4f8a", "-b4f8a", "ǝ0b4f8",
    ];
    match rng.below(4) {
        0 | 1 => hex(rng),
        2 => rng.pick(ODD_COLOURS).to_string(),
        _ => rng.text(&['0', '7', 'a', 'F', 'g', '#', ' ', 'é'], 7),
    }
}

fn accent(rng: &mut Rng) -> String {
    if rng.chance(80) {
        let mau = mau(rng);
        if rng.chance(90) {
            format!("#{mau}")
        } else {
            mau
        }
    } else {
        rng.pick(&[
            DEFAULT_ACCENT,
            "#0B4F8A",
            "#abc",
            "##0b4f8a",
            "#",
            "rgb(0,0,0)",
        ])
        .to_string()
    }
}

/// What `embed.js` reads: its script's `data-*` attributes, each maybe missing.
#[derive(Debug)]
struct Script {
    lang: Option<String>,
    start: Option<String>,
    province: Option<String>,
    accent: Option<String>,
}

impl Script {
    fn json(&self) -> String {
        let fields: Vec<String> = [
            ("lang", &self.lang),
            ("start", &self.start),
            ("province", &self.province),
            ("accent", &self.accent),
        ]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("{}:{}", json(k), json(v))))
        .collect();
        format!("{{\"embed\":{{{}}}}}", fields.join(","))
    }

    /// The language of the frame. The snippets always write `data-lang`; one
    /// written by hand without it gets English from a start path under `/en/`
    /// (embed.js's own rule, which a `Choice` does not have to make).
    fn lang(&self) -> Lang {
        match self.lang.as_deref() {
            Some("en") => Lang::En,
            Some(l) if !l.is_empty() => Lang::Vi,
            _ => {
                // A start path under `/en/` that `frame_url` takes, dropping the `/en`.
                let mut start = self.start.clone().unwrap_or_default();
                if !start.ends_with('/') {
                    start.push('/');
                }
                let choice = Choice {
                    start: &start,
                    ..Choice::default()
                };
                match start.strip_prefix("/en/") {
                    Some(rest)
                        if frame_url(ORIGIN, &choice) == format!("{ORIGIN}/{rest}?nhung=1") =>
                    {
                        Lang::En
                    }
                    _ => Lang::Vi,
                }
            }
        }
    }

    fn choice(&self) -> Choice<'_> {
        Choice {
            province: self.province.as_deref(),
            lang: self.lang(),
            start: self.start.as_deref().unwrap_or(""),
            accent: self.accent.as_deref(),
        }
    }

    /// The frame's address and the link that replaces a refused frame, and the
    /// marks that address gives the frame.
    fn expected(&self) -> String {
        let url = frame_url(ORIGIN, &self.choice());
        let (page, query) = url.split_once('?').expect("a frame's address has a query");
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
        };
        format!(
            "[{},{},{}]",
            json(&url),
            json(page),
            marks(param("nhung"), param("tinh"), param("mau"), true)
        )
    }
}

/// A province's code in the form `frame_url` passes on.
fn is_province_code(code: &str) -> bool {
    let choice = Choice {
        province: Some(code),
        ..Choice::default()
    };
    frame_url(ORIGIN, &choice).ends_with(&format!("&tinh={code}"))
}

/// The marks `mode.js` should put on the frame's `<html>` for this query
/// (decoded), by the Rust rules: `data-embed` inside a frame asked for,
/// [`PROVINCE_MARK`] with a province's code, and the accent as the site's colours
/// if white text on it is readable.
fn marks(nhung: Option<&str>, tinh: Option<&str>, mau: Option<&str>, framed: bool) -> String {
    let mut html = Vec::new();
    let mut style = Vec::new();
    if framed && nhung == Some("1") {
        html.push(("data-embed", String::new()));
        if let Some(p) = tinh.filter(|p| is_province_code(p)) {
            html.push((PROVINCE_MARK, p.to_string()));
        }
        if let Some(colour) = mau.map(|c| format!("#{c}")) {
            if readable_on_white(&colour) {
                let colour = colour.to_ascii_lowercase();
                style.push(("--brand", colour.clone()));
                style.push(("--brand-dark", colour.clone()));
                style.push(("--link", colour));
            }
        }
    }
    html.sort();
    format!("{{\"html\":{},\"style\":{}}}", pairs(&html), pairs(&style))
}

struct Frame {
    nhung: Option<String>,
    tinh: Option<String>,
    mau: Option<String>,
    framed: bool,
}

impl Frame {
    fn json(&self) -> String {
        let params: Vec<String> = [
            ("nhung", &self.nhung),
            ("tinh", &self.tinh),
            ("mau", &self.mau),
        ]
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| format!("[{},{}]", json(k), json(v))))
        .collect();
        format!(
            "{{\"mode\":[{}],\"framed\":{}}}",
            params.join(","),
            self.framed
        )
    }

    fn expected(&self) -> String {
        marks(
            self.nhung.as_deref(),
            self.tinh.as_deref(),
            self.mau.as_deref(),
            self.framed,
        )
    }
}

/// Colours on either side of the contrast rule's edge: for each red and blue, the
/// greenest readable one and the next (luminance grows with each channel, so a
/// copy of the rule that agrees on both agrees on every green). Every 5th red and
/// blue is enough for a copy of the same formula: V8's `Math.pow` and Rust's
/// `powf` differ in the last bit for some channel values, but no colour's
/// contrast is within 1e-7 of 4.5, so no verdict turns on that bit.
fn edge_colours(step: usize) -> Vec<String> {
    let mut colours = Vec::new();
    for r in (0..=255).step_by(step) {
        for b in (0..=255).step_by(step) {
            let readable = |g: u32| readable_on_white(&format!("#{r:02x}{g:02x}{b:02x}"));
            // Readable up to some green, then not.
            let greens: Vec<u32> = (0..=255).collect();
            let Some(g) = greens.partition_point(|&g| readable(g)).checked_sub(1) else {
                colours.push(format!("{r:02x}00{b:02x}"));
                continue;
            };
            let g = greens[g];
            colours.push(format!("{r:02x}{g:02x}{b:02x}"));
            if g < 255 {
                colours.push(format!("{r:02x}{:02x}{b:02x}", g + 1));
            }
        }
    }
    colours
}

/// Runs the harness on these cases, one result line each.
fn run_harness(cases: &[String]) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut child = Command::new("node")
        .arg(root.join("tests/js-rules.mjs"))
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `node` ({e}): Node.js is needed to test public/embed.js and \
                 src/app/mode.js against core/src/embed.rs (and by the browser tests); \
                 install it (README.md) and put `node` on the PATH"
            )
        });
    let input = format!("[{}]", cases.join(",\n"));
    let mut stdin = child.stdin.take().expect("piped stdin");
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().expect("node runs");
    writer
        .join()
        .expect("the writer thread")
        .expect("node reads its cases");
    assert!(
        out.status.success(),
        "tests/js-rules.mjs failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("the harness writes UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn the_scripts_follow_the_embed_rules() {
    let mut rng = Rng(0x7468_755f_7475_635f);
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    let mut described = Vec::new();
    let some = |rng: &mut Rng, percent: usize, make: fn(&mut Rng) -> String| {
        rng.chance(percent).then(|| make(rng))
    };

    // embed.js: the frame's address from the script's attributes, and the frame
    // that address makes.
    let mut scripts: Vec<Script> = (0..3000)
        .map(|_| Script {
            lang: some(&mut rng, 85, |rng| {
                rng.pick(&["vi", "en", "en", "", "EN", "fr"]).to_string()
            }),
            start: some(&mut rng, 85, start),
            province: some(&mut rng, 60, province),
            accent: some(&mut rng, 60, accent),
        })
        .collect();
    for lang in [None, Some("vi"), Some("en")] {
        for start in ["/en", "/en/", "/en/su-kien/sinh-con", "/enx/", "/su-kien/"] {
            for accent in [DEFAULT_ACCENT, "#0B4F8A", "#7A1F5C"] {
                scripts.push(Script {
                    lang: lang.map(str::to_string),
                    start: Some(start.to_string()),
                    province: Some("79".to_string()),
                    accent: Some(accent.to_string()),
                });
            }
        }
    }
    for script in &scripts {
        cases.push(script.json());
        expected.push(script.expected());
        described.push(format!("embed.js with {script:?}"));
    }

    // mode.js: the frame's marks from any query, the contrast rule on colours at
    // its edge.
    let mut frames: Vec<Frame> = (0..2000)
        .map(|_| Frame {
            nhung: some(&mut rng, 90, |rng| {
                rng.pick(&["1", "1", "1", "0", "", "1 ", "true"])
                    .to_string()
            }),
            tinh: some(&mut rng, 70, province),
            mau: some(&mut rng, 80, mau),
            framed: rng.chance(90),
        })
        .collect();
    frames.extend(edge_colours(5).into_iter().map(|mau| Frame {
        nhung: Some("1".to_string()),
        tinh: None,
        mau: Some(mau),
        framed: true,
    }));
    for frame in &frames {
        cases.push(frame.json());
        expected.push(frame.expected());
        described.push(format!(
            "mode.js {}in a frame at ?nhung={:?}&tinh={:?}&mau={:?}",
            if frame.framed { "" } else { "not " },
            frame.nhung,
            frame.tinh,
            frame.mau
        ));
    }

    let got = run_harness(&cases);
    assert_eq!(got.len(), cases.len(), "one line per case");
    let wrong: Vec<String> = got
        .iter()
        .zip(&expected)
        .zip(&described)
        .filter(|((got, expected), _)| got != expected)
        .map(|((got, expected), what)| format!("{what}\n  js:   {got}\n  rust: {expected}"))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} cases disagree with core/src/embed.rs, such as:\n{}",
        wrong.len(),
        cases.len(),
        wrong[..wrong.len().min(12)].join("\n")
    );
}

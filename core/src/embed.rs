//! Embedding the guide in another site: the address of the embedded page and the
//! snippets a web team copies, from their choices. Pure: the "embed in your site"
//! page renders the default snippet at build time with it, and its builder in the
//! wasm makes the others. `public/embed.js` builds the same address on the host
//! page, and `src/app/mode.js` reads it in the frame.
//!
//! A frame kept to one province (`&tinh=79`) shows the places of that province
//! only ([`shows_place`], the one rule): the lists of provinces and old provinces,
//! the finder's "near me" (a point outside gets "outside {province}" and a link to
//! the full guide), and the search's communes and old wards. Procedures, life
//! events, documents and the national index are national and stay.

use crate::model::Lang;

/// What a web team chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice<'a> {
    /// A province's two-digit code: the place pages keep to it.
    pub province: Option<&'a str>,
    pub lang: Lang,
    /// The page to open, a site path without the language prefix, such as
    /// `/su-kien/sinh-con/`.
    pub start: &'a str,
    /// `#rrggbb`, used only if white text on it is readable ([`readable_on_white`]).
    pub accent: Option<&'a str>,
}

impl Default for Choice<'_> {
    fn default() -> Self {
        Choice {
            province: None,
            lang: Lang::Vi,
            start: "/",
            accent: None,
        }
    }
}

/// The site's own colour, which an accent replaces.
pub const DEFAULT_ACCENT: &str = "#0b4f8a";

/// Contrast of white text on `#rrggbb` (WCAG 2.2), or `None` if it is not a colour.
pub fn contrast_with_white(hex: &str) -> Option<f64> {
    let digits = hex.strip_prefix('#')?;
    if digits.len() != 6 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| {
        let v = f64::from(u8::from_str_radix(&digits[i..i + 2], 16).ok()?) / 255.0;
        Some(if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    let l = 0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?;
    Some(1.05 / (l + 0.05))
}

/// White text on this colour meets WCAG AA for normal text (4.5:1), as buttons and
/// links need. `mode.js` applies the same rule in the frame.
pub fn readable_on_white(hex: &str) -> bool {
    contrast_with_white(hex).is_some_and(|c| c >= 4.5)
}

/// The start path if it is a plain site path (`/`, `/su-kien/sinh-con/`), with
/// its final `/` (as `embed.js` adds it) and without an `/en` prefix (the
/// language is chosen apart); `/` otherwise.
fn clean_start(start: &str) -> String {
    let ok = start.starts_with('/')
        && !start.contains("//")
        && start
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/');
    let start = match (ok, start.ends_with('/')) {
        (true, true) => start.to_string(),
        (true, false) => format!("{start}/"),
        (false, _) => "/".to_string(),
    };
    match start.strip_prefix("/en/") {
        Some(rest) => format!("/{rest}"),
        None => start,
    }
}

/// The mark `mode.js` puts on a frame's `<html>` from `&tinh=`: the code of the
/// province the guide keeps its places to. The app's wasm removes it at start when
/// no province has that code, so that the app and the extras read the same scope.
pub const PROVINCE_MARK: &str = "data-province";

/// Whether a place in `province` (a province's code) is shown where the guide is
/// kept to `scope` (the code of [`PROVINCE_MARK`], `None` when it is not kept to
/// one): every place outside a frame, only the province's own inside one.
pub fn shows_place(scope: Option<&str>, province: &str) -> bool {
    scope.is_none_or(|s| s == province)
}

fn is_province_code(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit())
}

/// What every message of the embedding protocol starts with (see
/// `src/app/mode.rs`, which answers it in the frame, and `public/embed.js`, its
/// other end on the host page).
pub const MESSAGE_PREFIX: &str = "thu-tuc-xa:";

/// The tallest frame, in CSS pixels, the host page is asked for.
pub const MAX_HEIGHT: u32 = 60_000;

/// A message of the embedding protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message {
    /// The guide runs, in a frame (to any origin: it carries nothing).
    Ready,
    /// The host page's answer: from now on, talk to its origin only.
    Hello,
    /// The height of the guide's content (1 to [`MAX_HEIGHT`] pixels).
    Height(u32),
    /// The guide moved to another page or step: show the frame's top.
    Top,
}

impl Message {
    /// Reads a message's data. `None` for anything else: another script's
    /// messages, or a damaged or hostile one. A height is written as
    /// `embed.js` accepts it: digits, no leading zero, at most [`MAX_HEIGHT`].
    pub fn parse(data: &str) -> Option<Message> {
        match data.strip_prefix(MESSAGE_PREFIX)? {
            "ready" => Some(Message::Ready),
            "hello" => Some(Message::Hello),
            "top" => Some(Message::Top),
            other => {
                let px = other.strip_prefix("height:")?;
                let digits = (1..=5).contains(&px.len())
                    && !px.starts_with('0')
                    && px.bytes().all(|b| b.is_ascii_digit());
                if !digits {
                    return None;
                }
                let px: u32 = px.parse().ok()?;
                (px <= MAX_HEIGHT).then_some(Message::Height(px))
            }
        }
    }

    /// The message's data, as [`Message::parse`] reads it.
    pub fn text(self) -> String {
        let body = match self {
            Message::Ready => "ready".to_string(),
            Message::Hello => "hello".to_string(),
            Message::Height(px) => format!("height:{px}"),
            Message::Top => "top".to_string(),
        };
        format!("{MESSAGE_PREFIX}{body}")
    }
}

/// The address the frame opens: `origin[/en]start?nhung=1[&tinh=79][&mau=0b4f8a]`.
pub fn frame_url(origin: &str, choice: &Choice) -> String {
    let mut url = format!(
        "{}{}{}?nhung=1",
        origin.trim_end_matches('/'),
        choice.lang.prefix(),
        clean_start(choice.start)
    );
    if let Some(p) = choice.province.filter(|p| is_province_code(p)) {
        url.push_str("&tinh=");
        url.push_str(p);
    }
    if let Some(a) = accent(choice) {
        url.push_str("&mau=");
        url.push_str(&a[1..]);
    }
    url
}

/// The accent, lower case, if it is a colour other than the site's own.
fn accent(choice: &Choice) -> Option<String> {
    choice
        .accent
        .filter(|a| contrast_with_white(a).is_some())
        .map(str::to_ascii_lowercase)
        .filter(|a| a != DEFAULT_ACCENT)
}

/// The one line a web team puts where the guide should appear.
pub fn script_snippet(origin: &str, choice: &Choice) -> String {
    let mut attrs = String::new();
    if let Some(p) = choice.province.filter(|p| is_province_code(p)) {
        attrs.push_str(&format!(" data-province=\"{p}\""));
    }
    attrs.push_str(&format!(" data-lang=\"{}\"", choice.lang.tag()));
    let start = clean_start(choice.start);
    if start != "/" {
        attrs.push_str(&format!(" data-start=\"{start}\""));
    }
    if let Some(a) = accent(choice) {
        attrs.push_str(&format!(" data-accent=\"{a}\""));
    }
    format!(
        "<script src=\"{}/embed.js\"{attrs} async></script>",
        origin.trim_end_matches('/')
    )
}

/// The same without a script: a plain frame, whose height the host sets.
pub fn iframe_snippet(origin: &str, choice: &Choice, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"900\" allow=\"geolocation; clipboard-write\" referrerpolicy=\"no-referrer\"></iframe>",
        frame_url(origin, choice).replace('&', "&amp;"),
        title.replace('&', "&amp;").replace('"', "&quot;"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "https://thutucxa.example.gov.vn";

    #[test]
    fn the_default_opens_the_home_page() {
        let c = Choice::default();
        assert_eq!(frame_url(ORIGIN, &c), format!("{ORIGIN}/?nhung=1"));
        assert_eq!(
            script_snippet(ORIGIN, &c),
            format!("<script src=\"{ORIGIN}/embed.js\" data-lang=\"vi\" async></script>")
        );
    }

    #[test]
    fn every_choice_reaches_the_address_and_the_snippet() {
        let c = Choice {
            province: Some("79"),
            lang: Lang::En,
            start: "/su-kien/sinh-con",
            accent: Some("#7A1F5C"),
        };
        assert_eq!(
            frame_url(ORIGIN, &c),
            format!("{ORIGIN}/en/su-kien/sinh-con/?nhung=1&tinh=79&mau=7a1f5c")
        );
        assert_eq!(
            script_snippet(ORIGIN, &c),
            format!(
                "<script src=\"{ORIGIN}/embed.js\" data-province=\"79\" data-lang=\"en\" \
data-start=\"/su-kien/sinh-con/\" data-accent=\"#7a1f5c\" async></script>"
            )
        );
        let frame = iframe_snippet(ORIGIN, &c, "Thủ tục xã \"guide\"");
        assert!(
            frame.contains("?nhung=1&amp;tinh=79&amp;mau=7a1f5c\""),
            "{frame}"
        );
        assert!(frame.contains("title=\"Thủ tục xã &quot;guide&quot;\""));
    }

    #[test]
    fn an_english_path_is_not_prefixed_twice() {
        let c = Choice {
            lang: Lang::En,
            start: "/en/su-kien/sinh-con/",
            ..Choice::default()
        };
        assert_eq!(
            frame_url(ORIGIN, &c),
            format!("{ORIGIN}/en/su-kien/sinh-con/?nhung=1")
        );
        let c = Choice {
            start: "/en",
            ..Choice::default()
        };
        assert_eq!(frame_url(ORIGIN, &c), format!("{ORIGIN}/?nhung=1"));
        // A page whose name starts with "en" is not a language.
        let c = Choice {
            start: "/enx/",
            ..Choice::default()
        };
        assert_eq!(frame_url(ORIGIN, &c), format!("{ORIGIN}/enx/?nhung=1"));
    }

    #[test]
    fn bad_choices_are_left_out() {
        let c = Choice {
            province: Some("7x"),
            lang: Lang::Vi,
            start: "//evil.example/",
            accent: Some("red"),
        };
        assert_eq!(frame_url(ORIGIN, &c), format!("{ORIGIN}/?nhung=1"));
        let same_as_site = Choice {
            accent: Some(DEFAULT_ACCENT),
            ..Choice::default()
        };
        assert_eq!(
            frame_url(ORIGIN, &same_as_site),
            format!("{ORIGIN}/?nhung=1")
        );
    }

    #[test]
    fn a_province_frame_shows_its_own_places_only() {
        assert!(shows_place(None, "79"));
        assert!(shows_place(None, "01"));
        assert!(shows_place(Some("79"), "79"));
        assert!(!shows_place(Some("79"), "01"));
        assert!(!shows_place(Some("79"), ""));
    }

    #[test]
    fn messages_read_as_embed_js_writes_and_reads_them() {
        for m in [
            Message::Ready,
            Message::Hello,
            Message::Top,
            Message::Height(1),
            Message::Height(MAX_HEIGHT),
        ] {
            assert_eq!(Message::parse(&m.text()), Some(m));
        }
        assert_eq!(Message::parse("thu-tuc-xa:hello"), Some(Message::Hello));
        for bad in [
            "",
            "hello",
            "thu-tuc-xa:",
            "thu-tuc-xa:hello ",
            "THU-TUC-XA:hello",
            "thu-tuc-xa:height:",
            "thu-tuc-xa:height:0",
            "thu-tuc-xa:height:012",
            "thu-tuc-xa:height:+12",
            "thu-tuc-xa:height:60001",
            "thu-tuc-xa:height:99999999999999999999",
            "thu-tuc-xa:height:١٢",
        ] {
            assert_eq!(Message::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn contrast_follows_wcag() {
        let white_on = |h| contrast_with_white(h).unwrap();
        assert!((white_on("#000000") - 21.0).abs() < 1e-9);
        assert!((white_on("#ffffff") - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey with 4.5:1 on white.
        assert!(readable_on_white("#767676"));
        assert!(!readable_on_white("#777777"));
        assert!(readable_on_white(DEFAULT_ACCENT));
        assert!(!readable_on_white("#ffee00"));
        assert_eq!(contrast_with_white("#12345"), None);
        assert_eq!(contrast_with_white("123456"), None);
        assert_eq!(contrast_with_white("#12345g"), None);
    }
}

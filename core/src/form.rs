//! Official declaration forms (tờ khai): the questions a person answers on the
//! phone, the rules each answer must meet, and the official template the answers
//! print into. The templates are turned into HTML at build time, with a slot for
//! each answer (`<span class="fill" data-f="id" data-p="part">`); this module says
//! what goes in a slot.
//!
//! Pure: the answers are plain strings, keyed by field id, as the page's inputs
//! hold them. Nothing here stores or sends them.

use std::collections::BTreeMap;

use crate::calendar::Day;
use crate::model::{Lang, Text};

/// What every build knows of a form: its address and name (the app's routes);
/// the questions and templates are in [`Form`], which only the prerenderer and
/// the forms module carry.
#[derive(Debug, PartialEq, Eq)]
pub struct FormInfo {
    pub slug: &'static str,
    pub name: Text,
}

/// A form: `content/bieu-mau/<slug>.toml`, its slug that of the paper in the
/// glossary it fills (`giay-to/<slug>.toml`).
#[derive(Debug)]
pub struct Form {
    pub slug: &'static str,
    pub name: Text,
    /// What the form is for and who signs it (native builds only, as the hints
    /// below: the page carries them).
    #[cfg(not(target_arch = "wasm32"))]
    pub intro: Text,
    pub sections: &'static [Section],
    /// The official templates, oldest first; the one in force on a day prints.
    pub templates: &'static [Template],
    /// When the form was last checked against its sources.
    pub checked: &'static str,
    /// What the answers of a life-event flow fill in, or leave blank.
    pub prefill: &'static [Prefill],
}

/// A rule of `[[prefill]]`: when a flow's answers hold, some fields take a value
/// and others are left blank, for the reason it gives.
#[derive(Debug)]
pub struct Prefill {
    /// The flow's slug.
    pub flow: &'static str,
    /// Every question listed was answered with one of its options.
    pub when: &'static [(&'static str, &'static [&'static str])],
    /// Fields and the value they take.
    pub set: &'static [(&'static str, &'static str)],
    /// Fields left blank (and not asked).
    pub skip: &'static [&'static str],
    /// Why, in words the person reads above the form.
    pub why: Text,
}

impl Prefill {
    /// Whether the rule is `flow`'s and every question it names was answered
    /// with one of its options.
    pub fn holds(&self, flow: &str, answers: &[(&str, &str)]) -> bool {
        self.flow == flow
            && self.when.iter().all(|(q, options)| {
                answers
                    .iter()
                    .any(|(aq, ao)| aq == q && options.contains(ao))
            })
    }
}

/// What a flow's answers do to a form: [`Form::prefilled`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Prefilled {
    pub set: Vec<(&'static str, &'static str)>,
    /// Each field left blank, with the reason of its rule.
    pub skip: Vec<(&'static str, Text)>,
    /// The reasons of the rules that hold, in their order.
    pub why: Vec<Text>,
}

/// What the answers of `flow` fill in and leave blank: the rules whose every
/// condition holds, in their order. A field set by two rules takes the first
/// value; a field both set and left blank is set (the build refuses rules
/// that could do both).
pub fn prefilled(rules: &'static [Prefill], flow: &str, answers: &[(&str, &str)]) -> Prefilled {
    let mut out = Prefilled::default();
    for rule in rules.iter().filter(|r| r.holds(flow, answers)) {
        out.why.push(rule.why);
        for &(field, value) in rule.set {
            if !out.set.iter().any(|(f, _)| *f == field) {
                out.set.push((field, value));
            }
        }
        for &field in rule.skip {
            if !out.skip.iter().any(|(f, _)| *f == field) {
                out.skip.push((field, rule.why));
            }
        }
    }
    let set = out.set.clone();
    out.skip.retain(|(f, _)| !set.iter().any(|(s, _)| s == f));
    out
}

/// The key of the flow in a form link's `#` part: `#su-kien=<flow>&<question>=<option>…`.
pub const FROM_FLOW: &str = "su-kien";

/// The `#` part of a link from a flow's outcome to a form: the flow and its
/// answers, as `(question, option)` pairs.
pub fn from_flow_hash(flow: &str, answers: &[(&str, &str)]) -> String {
    let mut out = format!("{FROM_FLOW}={flow}");
    for (q, o) in answers {
        out.push('&');
        out.push_str(q);
        out.push('=');
        out.push_str(o);
    }
    out
}

/// The flow and answers of a [`from_flow_hash`] (with or without its `#`), or
/// `None` for any other `#` part. Pairs that are not `key=value` are dropped.
pub fn parse_from_flow(hash: &str) -> Option<(String, Vec<(String, String)>)> {
    let mut pairs = hash
        .trim_start_matches('#')
        .split('&')
        .filter_map(|p| p.split_once('='));
    let (key, flow) = pairs.next()?;
    if key != FROM_FLOW || flow.is_empty() {
        return None;
    }
    let answers = pairs
        .filter(|(q, o)| !q.is_empty() && !o.is_empty() && *q != FROM_FLOW)
        .map(|(q, o)| (q.to_string(), o.to_string()))
        .collect();
    Some((flow.to_string(), answers))
}

/// A short group of questions, one screen on a phone.
#[derive(Debug)]
pub struct Section {
    pub id: &'static str,
    pub title: Text,
    #[cfg(not(target_arch = "wasm32"))]
    pub hint: Option<Text>,
    pub fields: &'static [Field],
    /// Asked only when the number answered in that field (of an earlier part) is
    /// at least this: the second household member's part, when two or more
    /// change with the declarant. Its answers count only then.
    pub only_if: Option<(&'static str, u32)>,
}

/// One answer.
#[derive(Debug)]
pub struct Field {
    pub id: &'static str,
    pub label: Text,
    #[cfg(not(target_arch = "wasm32"))]
    pub hint: Option<Text>,
    pub kind: Kind,
    pub required: bool,
    pub rules: &'static [Rule],
}

/// What kind of answer a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line of text, at most `max` characters.
    Text { max: u16 },
    /// Several lines, at most `max` characters.
    LongText { max: u16 },
    /// A day, `YYYY-MM-DD`.
    Date,
    /// A year, four digits.
    Year,
    /// A time of day, `HH:MM`.
    Time,
    /// The 12-digit personal identification number (số định danh cá nhân).
    IdNumber,
    /// A whole number in a range.
    Number { min: u32, max: u32 },
    /// One of the options.
    Choice(&'static [Choice]),
}

/// An option of a [`Kind::Choice`].
#[derive(Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: &'static str,
    pub label: Text,
}

/// A rule between answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// A date or year not after today.
    NotFuture,
    /// A date not before the date of the other field.
    NotBefore(&'static str),
    /// A date not after the date of the other field.
    NotAfter(&'static str),
}

/// An official template and the dates it is in force.
#[derive(Debug)]
pub struct Template {
    pub from: Day,
    /// Its last day, when a newer template is known to replace it.
    pub until: Option<Day>,
    /// The text and article that issue it, as the page names them.
    #[cfg(not(target_arch = "wasm32"))]
    pub issued_by: Text,
    /// How many A4 pages it prints on.
    pub pages: u8,
    /// Which copy the text was read in, and how it differs from others.
    #[cfg(not(target_arch = "wasm32"))]
    pub note: Text,
    /// Where the text was read.
    #[cfg(not(target_arch = "wasm32"))]
    pub read: &'static [&'static str],
    /// The template as HTML: fixed text, and a slot for each answer. Native
    /// builds only: the page carries it.
    #[cfg(not(target_arch = "wasm32"))]
    pub html: &'static str,
}

/// What is wrong with an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Missing,
    TooLong {
        max: u16,
    },
    NotADate,
    NotAYear,
    NotATime,
    /// Not 12 digits.
    NotAnId,
    OutOfRange {
        min: u32,
        max: u32,
    },
    NotAnOption,
    InTheFuture,
    /// Before the day of the other field (its id).
    Before(&'static str),
    /// After the day of the other field (its id).
    After(&'static str),
}

/// Answers by field id.
pub type Answers = BTreeMap<String, String>;

impl Form {
    pub fn fields(&self) -> impl Iterator<Item = &'static Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    pub fn field(&self, id: &str) -> Option<&'static Field> {
        self.fields().find(|f| f.id == id)
    }

    /// Whether the part is asked with these answers: see [`Section::only_if`].
    pub fn asked(&self, section: &Section, answers: &Answers) -> bool {
        section.only_if.is_none_or(|(field, at_least)| {
            answers
                .get(field)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .is_some_and(|n| n >= at_least)
        })
    }

    /// Whether the answer to `field` counts: its part is asked. An answer to a
    /// part no longer asked (the count went down) neither prints nor is checked.
    pub fn counts(&self, field: &str, answers: &Answers) -> bool {
        self.sections
            .iter()
            .find(|s| s.fields.iter().any(|f| f.id == field))
            .is_some_and(|s| self.asked(s, answers))
    }

    /// The template in force on `day`: the newest one that started by then, or
    /// the oldest when `day` comes before them all.
    pub fn template_on(&self, day: Day) -> &'static Template {
        self.templates
            .iter()
            .rev()
            .find(|t| t.from <= day)
            .or(self.templates.first())
            .expect("a form has a template")
    }

    /// What the answers of `flow` fill in and leave blank: [`prefilled`] by this
    /// form's rules.
    pub fn prefilled(&self, flow: &str, answers: &[(&str, &str)]) -> Prefilled {
        prefilled(self.prefill, flow, answers)
    }

    /// Every problem of the answers, in the order of the fields.
    pub fn check(&self, answers: &Answers, today: Day) -> Vec<(&'static Field, Problem)> {
        let mut out = Vec::new();
        let asked = self.sections.iter().filter(|s| self.asked(s, answers));
        for field in asked.flat_map(|s| s.fields.iter()) {
            let value = answers.get(field.id).map_or("", |v| v.trim());
            if let Some(p) = self.problem(field, value, answers, today) {
                out.push((field, p));
            }
        }
        out
    }

    fn problem(
        &self,
        field: &Field,
        value: &str,
        answers: &Answers,
        today: Day,
    ) -> Option<Problem> {
        if value.is_empty() {
            return field.required.then_some(Problem::Missing);
        }
        match field.kind {
            Kind::Text { max } | Kind::LongText { max } => {
                if value.chars().count() > usize::from(max) {
                    return Some(Problem::TooLong { max });
                }
            }
            Kind::Date => {
                if Day::parse(value).is_none() {
                    return Some(Problem::NotADate);
                }
            }
            Kind::Year => {
                if year(value).is_none() {
                    return Some(Problem::NotAYear);
                }
            }
            Kind::Time => {
                if time(value).is_none() {
                    return Some(Problem::NotATime);
                }
            }
            Kind::IdNumber => {
                if value.len() != 12 || !value.bytes().all(|b| b.is_ascii_digit()) {
                    return Some(Problem::NotAnId);
                }
            }
            Kind::Number { min, max } => match value.parse::<u32>() {
                Ok(n) if (min..=max).contains(&n) && value.bytes().all(|b| b.is_ascii_digit()) => {}
                _ => return Some(Problem::OutOfRange { min, max }),
            },
            Kind::Choice(options) => {
                if !options.iter().any(|o| o.id == value) {
                    return Some(Problem::NotAnOption);
                }
            }
        }
        for rule in field.rules {
            match *rule {
                Rule::NotFuture => {
                    let future = match field.kind {
                        Kind::Date => Day::parse(value).is_some_and(|d| d > today),
                        Kind::Year => year(value).is_some_and(|y| y > today.year()),
                        _ => false,
                    };
                    if future {
                        return Some(Problem::InTheFuture);
                    }
                }
                Rule::NotBefore(other) | Rule::NotAfter(other) => {
                    let (Some(this), Some(that)) = (
                        Day::parse(value),
                        answers.get(other).and_then(|v| Day::parse(v.trim())),
                    ) else {
                        continue;
                    };
                    match rule {
                        Rule::NotBefore(_) if this < that => return Some(Problem::Before(other)),
                        Rule::NotAfter(_) if this > that => return Some(Problem::After(other)),
                        _ => {}
                    }
                }
            }
        }
        None
    }
}

fn year(value: &str) -> Option<i32> {
    (value.len() == 4 && value.bytes().all(|b| b.is_ascii_digit()))
        .then(|| value.parse().ok())
        .flatten()
        .filter(|y| crate::calendar::YEARS.contains(y))
}

fn time(value: &str) -> Option<(u32, u32)> {
    let (h, m) = value.split_once(':')?;
    let ok = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !ok(h) || !ok(m) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

/// What a slot of the template shows of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The answer as written; a date `DD/MM/YYYY`, an option its label.
    Whole,
    /// Of a date: day, month, year. Of a time: hours, minutes.
    Day,
    Month,
    Year,
    Hour,
    Minute,
    /// A date in Vietnamese words.
    Words,
    /// Of a personal identification number: its digit at this place (1 to 12),
    /// one to a box.
    Digit(u8),
}

impl Part {
    /// The slot's `data-p`: `d`, `m`, `y`, `h`, `min`, `words`, `c1`…`c12`, or empty. (A tick
    /// box's slot has `data-tick="option"` instead: see [`ticked`].)
    pub fn parse(s: &str) -> Option<Part> {
        Some(match s {
            "" => Part::Whole,
            "d" => Part::Day,
            "m" => Part::Month,
            "y" => Part::Year,
            "h" => Part::Hour,
            "min" => Part::Minute,
            "words" => Part::Words,
            _ => match s.strip_prefix('c').and_then(|n| n.parse::<u8>().ok()) {
                Some(n @ 1..=12) if !s.starts_with("c0") => Part::Digit(n),
                _ => return None,
            },
        })
    }
}

/// What a slot shows for `value` (already checked): empty when there is nothing
/// to show, so that the template's dotted line stays.
pub fn show(field: &Field, value: &str, part: Part, lang: Lang) -> String {
    let value = value.trim();
    if value.is_empty() {
        return String::new();
    }
    let day = || Day::parse(value);
    match part {
        Part::Whole => match field.kind {
            Kind::Date => day().map_or_else(|| value.to_string(), Day::vi),
            Kind::Choice(options) => options
                .iter()
                .find(|o| o.id == value)
                .map_or_else(|| value.to_string(), |o| o.label.get(lang).to_string()),
            _ => value.to_string(),
        },
        Part::Day => day().map_or_else(String::new, |d| format!("{:02}", d.ymd().2)),
        Part::Month => day().map_or_else(String::new, |d| format!("{:02}", d.ymd().1)),
        Part::Year => day().map_or_else(String::new, |d| d.ymd().0.to_string()),
        Part::Hour => time(value).map_or_else(String::new, |(h, _)| format!("{h:02}")),
        Part::Minute => time(value).map_or_else(String::new, |(_, m)| format!("{m:02}")),
        Part::Words => day().map_or_else(String::new, date_in_words),
        Part::Digit(n) => value
            .chars()
            .nth(usize::from(n) - 1)
            .map_or_else(String::new, String::from),
    }
}

/// Whether a tick box for `option` is ticked by the answer `value`.
pub fn ticked(value: &str, option: &str) -> bool {
    value.trim() == option
}

/// A date in Vietnamese words, as a form asks it "ghi bằng chữ": 24/11/2026 →
/// "Ngày hai mươi tư tháng mười một năm hai nghìn không trăm hai mươi sáu".
pub fn date_in_words(day: Day) -> String {
    let (y, m, d) = day.ymd();
    let month = match m {
        4 => "tư".to_string(),
        _ => number_in_words(m),
    };
    format!(
        "Ngày {} tháng {month} năm {}",
        number_in_words(d),
        number_in_words(y as u32)
    )
}

/// A whole number below 10,000 in Vietnamese words.
pub fn number_in_words(n: u32) -> String {
    const DIGITS: [&str; 10] = [
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
    ];
    // Below 100: "mười lăm", "hai mươi mốt", "hai mươi tư", "ba mươi".
    fn tens(n: u32) -> String {
        let (t, u) = (n / 10, n % 10);
        match (t, u) {
            (0, u) => DIGITS[u as usize].to_string(),
            (1, 0) => "mười".to_string(),
            (1, 5) => "mười lăm".to_string(),
            (1, u) => format!("mười {}", DIGITS[u as usize]),
            (t, 0) => format!("{} mươi", DIGITS[t as usize]),
            (t, 1) => format!("{} mươi mốt", DIGITS[t as usize]),
            (t, 4) => format!("{} mươi tư", DIGITS[t as usize]),
            (t, 5) => format!("{} mươi lăm", DIGITS[t as usize]),
            (t, u) => format!("{} mươi {}", DIGITS[t as usize], DIGITS[u as usize]),
        }
    }
    // Below 1,000, with its hundreds said even when zero (after thousands):
    // "không trăm linh năm".
    fn hundreds(n: u32, full: bool) -> String {
        let (h, r) = (n / 100, n % 100);
        if h == 0 && !full {
            return tens(r);
        }
        match r {
            0 => format!("{} trăm", DIGITS[h as usize]),
            1..=9 => format!("{} trăm linh {}", DIGITS[h as usize], DIGITS[r as usize]),
            _ => format!("{} trăm {}", DIGITS[h as usize], tens(r)),
        }
    }
    let n = n % 10_000;
    let (th, r) = (n / 1000, n % 1000);
    match (th, r) {
        (0, r) => hundreds(r, false),
        (th, 0) => format!("{} nghìn", DIGITS[th as usize]),
        (th, r) => format!("{} nghìn {}", DIGITS[th as usize], hundreds(r, true)),
    }
}

/// The separator of [`pack`]: a control character no answer can hold (the
/// inputs cannot type it, and [`unpack`] refuses answers that contain one).
const SEP: char = '\u{1f}';

/// A short fingerprint of the form's questions (each field's id and kind, in
/// order), so that answers packed by an older build of a form whose questions
/// changed are refused rather than read into the wrong fields. FNV-1a, 32 bits,
/// in hexadecimal.
pub fn fingerprint(form: &Form) -> String {
    let mut h: u32 = 0x811c_9dc5;
    let mut eat = |s: &str| {
        for b in s.bytes().chain([0u8]) {
            h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
        }
    };
    for field in form.fields() {
        eat(field.id);
        let kind = match field.kind {
            Kind::Text { .. } => "text",
            Kind::LongText { .. } => "long-text",
            Kind::Date => "date",
            Kind::Year => "year",
            Kind::Time => "time",
            Kind::IdNumber => "id-number",
            Kind::Number { .. } => "number",
            Kind::Choice(options) => {
                for o in options {
                    eat(o.id);
                }
                "choice"
            }
        };
        eat(kind);
    }
    format!("{h:08x}")
}

/// The answers as one string for another device (the QR code's `#` part, before
/// compression and base64) or for keeping on the phone: `v2`, the form's slug, its
/// [`fingerprint`], then every field's answer in the order of the form, separated
/// by U+001F.
pub fn pack(form: &Form, answers: &Answers) -> String {
    let mut out = format!("v2{SEP}{}{SEP}{}", form.slug, fingerprint(form));
    for field in form.fields() {
        out.push(SEP);
        let value = answers.get(field.id).map_or("", |v| v.as_str());
        out.extend(value.chars().filter(|c| !c.is_control() || *c == '\n'));
    }
    out
}

/// The answers [`pack`] wrote for this form, or `None` for anything else: another
/// form, another version, the same form with other questions, a different number
/// of answers, or an answer with a control character or longer than its field
/// allows.
pub fn unpack(form: &Form, packed: &str) -> Option<Answers> {
    let mut parts = packed.split(SEP);
    if parts.next()? != "v2" || parts.next()? != form.slug || parts.next()? != fingerprint(form) {
        return None;
    }
    let mut answers = Answers::new();
    let mut fields = form.fields();
    for value in parts.by_ref() {
        let field = fields.next()?;
        if value.chars().any(|c| c.is_control() && c != '\n') {
            return None;
        }
        let max = match field.kind {
            Kind::Text { max } | Kind::LongText { max } => usize::from(max),
            _ => 64,
        };
        if value.chars().count() > max {
            return None;
        }
        if !value.is_empty() {
            answers.insert(field.id.to_string(), value.to_string());
        }
    }
    fields.next().is_none().then_some(answers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_in_words() {
        for (n, words) in [
            (0, "không"),
            (1, "một"),
            (10, "mười"),
            (11, "mười một"),
            (14, "mười bốn"),
            (15, "mười lăm"),
            (20, "hai mươi"),
            (21, "hai mươi mốt"),
            (24, "hai mươi tư"),
            (25, "hai mươi lăm"),
            (31, "ba mươi mốt"),
            (105, "một trăm linh năm"),
            (110, "một trăm mười"),
            (1990, "một nghìn chín trăm chín mươi"),
            (2000, "hai nghìn"),
            (2005, "hai nghìn không trăm linh năm"),
            (2026, "hai nghìn không trăm hai mươi sáu"),
            (2100, "hai nghìn một trăm"),
        ] {
            assert_eq!(number_in_words(n), words, "{n}");
        }
        assert_eq!(
            date_in_words(Day::at(2026, 4, 5)),
            "Ngày năm tháng tư năm hai nghìn không trăm hai mươi sáu"
        );
        assert_eq!(
            date_in_words(Day::at(2025, 12, 24)),
            "Ngày hai mươi tư tháng mười hai năm hai nghìn không trăm hai mươi lăm"
        );
    }

    #[test]
    fn prefill_from_a_flow() {
        const WHY_MARRIED: Text = Text {
            vi: "chưa kết hôn",
            en: "not married",
        };
        const WHY_FATHER: Text = Text {
            vi: "chưa nhận cha",
            en: "no father",
        };
        const WHY_VN: Text = Text {
            vi: "Việt Nam",
            en: "Viet Nam",
        };
        static FIELDS: [Field; 3] = [
            Field {
                id: "kh_so",
                label: WHY_MARRIED,
                hint: None,
                kind: Kind::Text { max: 20 },
                required: false,
                rules: &[],
            },
            Field {
                id: "cha_ho_ten",
                label: WHY_FATHER,
                hint: None,
                kind: Kind::Text { max: 20 },
                required: false,
                rules: &[],
            },
            Field {
                id: "quoc_tich",
                label: WHY_VN,
                hint: None,
                kind: Kind::Text { max: 20 },
                required: true,
                rules: &[],
            },
        ];
        static SECTIONS: [Section; 1] = [Section {
            id: "s",
            title: WHY_VN,
            hint: None,
            fields: &FIELDS,
            only_if: None,
        }];
        static FORM: Form = Form {
            slug: "to-khai",
            name: WHY_VN,
            intro: WHY_VN,
            sections: &SECTIONS,
            templates: &[],
            checked: "2026-12-04",
            prefill: &[
                Prefill {
                    flow: "sinh-con",
                    when: &[("ket-hon", &["chua"])],
                    set: &[],
                    skip: &["kh_so"],
                    why: WHY_MARRIED,
                },
                Prefill {
                    flow: "sinh-con",
                    when: &[("ket-hon", &["chua"]), ("nhan-cha", &["khong"])],
                    set: &[],
                    skip: &["cha_ho_ten", "kh_so"],
                    why: WHY_FATHER,
                },
                Prefill {
                    flow: "sinh-con",
                    when: &[("cha-me", &["khong"])],
                    set: &[("quoc_tich", "Việt Nam")],
                    skip: &[],
                    why: WHY_VN,
                },
                Prefill {
                    flow: "ket-hon",
                    when: &[("cha-me", &["khong"])],
                    set: &[("quoc_tich", "Lào")],
                    skip: &[],
                    why: WHY_VN,
                },
            ],
        };
        let p = FORM.prefilled(
            "sinh-con",
            &[
                ("cha-me", "khong"),
                ("ket-hon", "chua"),
                ("nhan-cha", "khong"),
            ],
        );
        assert_eq!(p.set, vec![("quoc_tich", "Việt Nam")]);
        assert_eq!(
            p.skip,
            vec![("kh_so", WHY_MARRIED), ("cha_ho_ten", WHY_FATHER)]
        );
        assert_eq!(p.why, vec![WHY_MARRIED, WHY_FATHER, WHY_VN]);
        // A condition not met, another flow, or no answer: nothing.
        let p = FORM.prefilled("sinh-con", &[("ket-hon", "roi"), ("nhan-cha", "khong")]);
        assert_eq!(p, Prefilled::default());
        assert_eq!(
            FORM.prefilled("giay-to", &[("cha-me", "khong")]),
            Prefilled::default()
        );
        let p = FORM.prefilled("sinh-con", &[("ket-hon", "chua")]);
        assert_eq!(p.skip, vec![("kh_so", WHY_MARRIED)]);

        let hash = from_flow_hash("sinh-con", &[("ket-hon", "chua"), ("nhan-cha", "khong")]);
        assert_eq!(hash, "su-kien=sinh-con&ket-hon=chua&nhan-cha=khong");
        let (flow, answers) = parse_from_flow(&format!("#{hash}")).expect("a flow's hash");
        assert_eq!(flow, "sinh-con");
        assert_eq!(
            answers,
            vec![
                ("ket-hon".into(), "chua".into()),
                ("nhan-cha".into(), "khong".into())
            ]
        );
        for other in ["", "#", "#d=abc", "#ket-hon=chua", "#su-kien=", "su-kien"] {
            assert_eq!(parse_from_flow(other), None, "{other}");
        }
        let (_, answers) = parse_from_flow("su-kien=x&bad&=y&q=&su-kien=z&q=o").expect("a flow");
        assert_eq!(answers, vec![("q".into(), "o".into())]);
    }

    #[test]
    fn times_and_years() {
        assert_eq!(time("07:05"), Some((7, 5)));
        for bad in ["7:05", "24:00", "12:60", "1205", "ab:cd", ""] {
            assert_eq!(time(bad), None, "{bad}");
        }
        assert_eq!(year("1985"), Some(1985));
        for bad in ["85", "1800", "+985", "19 5"] {
            assert_eq!(year(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_part_asked_only_for_a_count_counts_only_then() {
        const T: Text = Text { vi: "t", en: "t" };
        static COUNT: [Field; 1] = [Field {
            id: "so",
            label: T,
            hint: None,
            kind: Kind::Number { min: 0, max: 4 },
            required: true,
            rules: &[],
        }];
        static MEMBER: [Field; 1] = [Field {
            id: "tv2_so",
            label: T,
            hint: None,
            kind: Kind::IdNumber,
            required: false,
            rules: &[],
        }];
        static SECTIONS: [Section; 2] = [
            Section {
                id: "a",
                title: T,
                hint: None,
                fields: &COUNT,
                only_if: None,
            },
            Section {
                id: "b",
                title: T,
                hint: None,
                fields: &MEMBER,
                only_if: Some(("so", 2)),
            },
        ];
        static FORM: Form = Form {
            slug: "f",
            name: T,
            intro: T,
            sections: &SECTIONS,
            templates: &[],
            checked: "2026-12-04",
            prefill: &[],
        };
        let today = Day::from_ymd(2026, 12, 4).unwrap();
        let mut answers = Answers::new();
        answers.insert("tv2_so".into(), "12".into());
        for (count, asked) in [
            ("", false),
            ("1", false),
            ("x", false),
            ("2", true),
            ("4", true),
        ] {
            answers.insert("so".into(), count.into());
            assert_eq!(FORM.asked(&SECTIONS[1], &answers), asked, "{count}");
            assert_eq!(FORM.counts("tv2_so", &answers), asked, "{count}");
            let wrong: Vec<_> = FORM
                .check(&answers, today)
                .into_iter()
                .map(|(f, _)| f.id)
                .collect();
            let expected: Vec<&str> = match count {
                "" | "x" => vec!["so"],
                "1" => vec![],
                _ => vec!["tv2_so"],
            };
            assert_eq!(wrong, expected, "{count}");
        }
        assert!(FORM.asked(&SECTIONS[0], &answers));
    }

    #[test]
    fn an_id_number_prints_a_digit_to_a_box() {
        static F: Field = Field {
            id: "so",
            label: Text { vi: "t", en: "t" },
            hint: None,
            kind: Kind::IdNumber,
            required: false,
            rules: &[],
        };
        let id = "025188001010";
        let digits: String = (1..=12)
            .map(|n| show(&F, id, Part::parse(&format!("c{n}")).unwrap(), Lang::Vi))
            .collect();
        assert_eq!(digits, id);
        assert_eq!(show(&F, "", Part::Digit(1), Lang::Vi), "");
        for bad in ["c0", "c13", "c01", "c", "cx"] {
            assert_eq!(Part::parse(bad), None, "{bad}");
        }
    }
}

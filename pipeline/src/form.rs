//! Declaration forms, `content/bieu-mau/<slug>.toml`: the questions, their
//! rules, and each official template written in a small layout language that
//! becomes HTML here, at build time (see `content/bieu-mau/README.md`).
//!
//! Layout, one paragraph per line:
//! - `^ ` centred, `> ` right-aligned; an empty line is an empty paragraph;
//! - `---` the short rule under the national motto; `[rule] ` a paragraph with
//!   a rule above it;
//! - `**bold**`, `__underlined__`, `^(n)` a footnote call;
//! - `{id}` an answer, `{id.d}` `{id.m}` `{id.y}` `{id.words}` parts of a date,
//!   `{id.h}` `{id.min}` of a time, `{id.boxes}` an ID number a digit to a
//!   box (12 boxes), `{id=option}` a tick box, `{_}` a blank to
//!   fill by hand; `~N` after the name (`{id~6}`) makes its blank N em wide
//!   (the last slot of a line runs to its end);
//! - `{+}` alone: one more dotted line to write on;
//! - `[box W H] text`: a bordered box W × H cm (a photo);
//! - `[table W W …]` … `[/table]`: a ruled table, one row per line, cells
//!   separated by ` | `;
//! - `[columns W W …]` … `[next]` … `[/columns]`: side-by-side blocks without
//!   borders (`[columns framed W W …]`: each in a frame);
//! - `[notes]`: the footnotes ("Chú thích") start.

use std::fmt::Write as _;

use serde::Deserialize;
use toml::Spanned;

use super::diag::{Diagnostics, Source};
use super::flow::{leak, leak_str, leak_text, ParsedFlow};
use super::front_matter::{ReviewFm, TextFm, WhenFm};
use super::register::{date, Register};
use super::validate::{is_url, parse_toml, require_review, slug_of, text};
use thu_tuc_xa_core::form::Prefill;
use thu_tuc_xa_core::text::escape_html;

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FormFm {
    pub name: TextFm,
    pub intro: TextFm,
    pub checked: Spanned<String>,
    #[serde(default)]
    pub reviewed: Option<ReviewFm>,
    #[serde(default)]
    pub section: Vec<SectionFm>,
    #[serde(default)]
    pub template: Vec<TemplateFm>,
    #[serde(default)]
    pub prefill: Vec<PrefillFm>,
}

/// One `[[prefill]]`: what a life-event flow's answers fill in or leave blank.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct PrefillFm {
    pub flow: Spanned<String>,
    pub when: WhenFm,
    #[serde(default)]
    pub set: std::collections::BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    pub skip: Vec<Spanned<String>>,
    pub why: TextFm,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct SectionFm {
    pub id: Spanned<String>,
    pub title: TextFm,
    #[serde(default)]
    pub hint: Option<TextFm>,
    #[serde(default)]
    pub field: Vec<FieldFm>,
    /// Asked only when a number answered earlier is at least `at_least`.
    #[serde(default)]
    pub only_if: Option<OnlyIfFm>,
}

/// `only_if = { field = "so_nguoi", at_least = 2 }`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct OnlyIfFm {
    pub field: Spanned<String>,
    pub at_least: Spanned<u32>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FieldFm {
    pub id: Spanned<String>,
    pub label: TextFm,
    #[serde(default)]
    pub hint: Option<TextFm>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub min: Option<u32>,
    #[serde(default)]
    pub max: Option<u32>,
    #[serde(default)]
    pub options: Vec<OptionFm>,
    #[serde(default)]
    pub rules: Vec<Spanned<String>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct OptionFm {
    pub id: Spanned<String>,
    pub vi: Spanned<String>,
    pub en: Spanned<String>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct TemplateFm {
    pub from: Spanned<String>,
    #[serde(default)]
    pub until: Option<Spanned<String>>,
    pub doc: Spanned<String>,
    pub issued_by: TextFm,
    pub read: Vec<Spanned<String>>,
    pub note: TextFm,
    pub pages: Spanned<u8>,
    pub layout: Spanned<String>,
}

/// A field's kind, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindOf {
    Text(u16),
    LongText(u16),
    Date,
    Year,
    Time,
    IdNumber,
    Number(u32, u32),
    Choice(Vec<String>),
}

/// A form that passed every check, its templates as HTML.
#[derive(Debug)]
pub struct ParsedForm {
    pub slug: String,
    pub fm: FormFm,
    /// Per field (in order): its kind and rules, checked.
    pub kinds: Vec<KindOf>,
    pub rules: Vec<Vec<(String, Option<String>)>>,
    /// Per template: its HTML.
    pub html: Vec<String>,
    /// Per template: its first day.
    pub from: Vec<jiff::civil::Date>,
    /// The `[[prefill]]` rules, as the site carries them.
    pub prefill: &'static [Prefill],
}

/// Reads every form; `papers` are the glossary's ids (a form fills one of them).
pub fn forms(
    sources: &[Source],
    papers: &[&str],
    register: &Register,
    diags: &mut Diagnostics,
) -> Vec<ParsedForm> {
    sources
        .iter()
        .filter_map(|s| one(s, papers, register, diags))
        .collect()
}

fn one(
    source: &Source,
    papers: &[&str],
    register: &Register,
    diags: &mut Diagnostics,
) -> Option<ParsedForm> {
    let before = diags.0.len();
    let slug = slug_of(&source.path).to_string();
    let fm: FormFm = parse_toml(source, &source.text, 0, diags)?;
    if !papers.contains(&slug.as_str()) {
        diags.push(source.at(
            0,
            format!(
                "a form fills a paper of the glossary: there is no content/giay-to/{slug}.toml"
            ),
        ));
    }
    text(source, 0, &fm.name, diags);
    text(source, 0, &fm.intro, diags);
    require_review(source, fm.reviewed.as_ref(), diags);
    if date(fm.checked.get_ref()).is_none() {
        diags.push(source.at(
            fm.checked.span().start,
            format!(
                "checked `{}` must be a date written YYYY-MM-DD",
                fm.checked.get_ref()
            ),
        ));
    }
    if fm.section.is_empty() {
        diags.push(source.at(0, "a form has at least one [[section]] of questions"));
    }
    let mut ids: Vec<(String, usize)> = Vec::new();
    let mut kinds = Vec::new();
    for s in &fm.section {
        text(source, 0, &s.title, diags);
        if let Some(h) = &s.hint {
            text(source, 0, h, diags);
        }
        if s.field.is_empty() {
            diags.push(source.at(
                s.id.span().start,
                "a section has at least one [[section.field]]",
            ));
        }
        for f in &s.field {
            let id = f.id.get_ref();
            if !is_id(id) {
                diags.push(source.at(
                    f.id.span().start,
                    format!("field id `{id}`: lower-case letters, digits and `_`, starting with a letter"),
                ));
            }
            if ids.iter().any(|(i, _)| i == id) {
                diags.push(source.at(f.id.span().start, format!("field `{id}` is defined twice")));
            }
            ids.push((id.clone(), f.id.span().start));
            text(source, 0, &f.label, diags);
            if let Some(h) = &f.hint {
                text(source, 0, h, diags);
            }
            kinds.push(kind_of(source, f, diags));
        }
    }
    // A part asked only for a count: the count is a number field of an earlier
    // part, the threshold within its range, and nothing in the part required.
    let mut seen = 0;
    for s in &fm.section {
        if let Some(o) = &s.only_if {
            let at = o.field.span().start;
            let id = o.field.get_ref();
            match ids[..seen]
                .iter()
                .position(|(i, _)| i == id)
                .map(|i| &kinds[i])
            {
                Some(KindOf::Number(min, max)) => {
                    let n = *o.at_least.get_ref();
                    if n <= *min || n > *max {
                        diags.push(source.at(
                            o.at_least.span().start,
                            format!("only_if: at_least {n} must be above `{id}`'s least, {min}, and at most its greatest, {max}"),
                        ));
                    }
                }
                _ => diags.push(source.at(
                    at,
                    format!("only_if: `{id}` is not a number field of an earlier section"),
                )),
            }
            for f in s.field.iter().filter(|f| f.required) {
                diags.push(source.at(
                    f.id.span().start,
                    format!(
                        "field `{}` is in a section asked only_if, so it cannot be required",
                        f.id.get_ref()
                    ),
                ));
            }
        }
        seen += s.field.len();
    }
    let mut rules = Vec::new();
    for (f, kind) in fm.section.iter().flat_map(|s| &s.field).zip(&kinds) {
        let mut these = Vec::new();
        for r in &f.rules {
            let (name, other) = match r.get_ref().split_once(':') {
                Some((n, o)) => (n, Some(o.to_string())),
                None => (r.get_ref().as_str(), None),
            };
            match (name, &other) {
                ("not-future", None) if matches!(kind, KindOf::Date | KindOf::Year) => {}
                ("not-before" | "not-after", Some(o)) if *kind == KindOf::Date => {
                    let other_kind = ids
                        .iter()
                        .position(|(i, _)| i == o)
                        .map(|i| &kinds[i]);
                    if other_kind != Some(&KindOf::Date) {
                        diags.push(source.at(
                            r.span().start,
                            format!("`{name}:{o}`: `{o}` is not a date field of this form"),
                        ));
                    }
                }
                _ => diags.push(source.at(
                    r.span().start,
                    format!(
                        "unknown rule `{}` for a field of kind `{}`; known: not-future (date, year), not-before:<date field>, not-after:<date field> (date)",
                        r.get_ref(),
                        f.kind.get_ref()
                    ),
                )),
            }
            these.push((name.to_string(), other));
        }
        rules.push(these);
    }
    if fm.template.is_empty() {
        diags.push(source.at(0, "a form has at least one [[template]]: the official one"));
    }
    let mut html = Vec::new();
    let mut from = Vec::new();
    let mut last_from: Option<jiff::civil::Date> = None;
    for t in &fm.template {
        text(source, 0, &t.issued_by, diags);
        text(source, 0, &t.note, diags);
        if register.get(t.doc.get_ref()).is_none() {
            diags.push(source.at(
                t.doc.span().start,
                format!(
                    "unknown legal text `{}`: there is no content/van-ban/{}.toml",
                    t.doc.get_ref(),
                    t.doc.get_ref()
                ),
            ));
        }
        if t.read.is_empty() {
            diags.push(source.at(
                t.doc.span().start,
                "read must list where the template's text was read",
            ));
        }
        for r in &t.read {
            if !is_url(r.get_ref(), "https://") {
                diags.push(source.at(
                    r.span().start,
                    format!("`{}` must be a https:// address", r.get_ref()),
                ));
            }
        }
        if !(1..=2).contains(t.pages.get_ref()) {
            diags.push(source.at(t.pages.span().start, "a form prints on one or two A4 pages"));
        }
        let start = date(t.from.get_ref());
        match start {
            None => diags.push(source.at(
                t.from.span().start,
                format!(
                    "from `{}` must be a date written YYYY-MM-DD",
                    t.from.get_ref()
                ),
            )),
            Some(s) => {
                if last_from.is_some_and(|l| l >= s) {
                    diags.push(source.at(t.from.span().start, "templates are listed oldest first"));
                }
                last_from = Some(s);
                from.push(s);
            }
        }
        if let Some(u) = &t.until {
            match (date(u.get_ref()), start) {
                (None, _) => diags.push(source.at(
                    u.span().start,
                    format!("until `{}` must be a date written YYYY-MM-DD", u.get_ref()),
                )),
                (Some(end), Some(s)) if end < s => {
                    diags.push(source.at(u.span().start, "until comes before from"))
                }
                _ => {}
            }
        }
        let fields: Vec<(&str, &KindOf)> =
            ids.iter().map(|(i, _)| i.as_str()).zip(&kinds).collect();
        let (h, used) = layout(source, &t.layout, &fields, diags);
        // A count that only says which parts are asked prints nothing itself.
        let counts: Vec<&str> = fm
            .section
            .iter()
            .filter_map(|s| s.only_if.as_ref().map(|o| o.field.get_ref().as_str()))
            .collect();
        for (id, at) in &ids {
            if !used.contains(id) && !counts.contains(&id.as_str()) {
                diags.push(source.at(
                    *at,
                    format!("field `{id}` has no slot in the template from {}: the printout would leave it out", t.from.get_ref()),
                ));
            }
        }
        html.push(h);
    }
    let prefill = prefill(source, &fm, &ids, &kinds, diags);
    (diags.0.len() == before).then_some(ParsedForm {
        slug,
        fm,
        kinds,
        rules,
        html,
        from,
        prefill,
    })
}

/// The `[[prefill]]` rules: each field known, a value its field accepts (only
/// text and choice fields take one), a field left blank never one that must be
/// answered, and no field both given a value and left blank by one rule. Which
/// flows, questions and options they name is checked by [`check_flows`].
fn prefill(
    source: &Source,
    fm: &FormFm,
    ids: &[(String, usize)],
    kinds: &[KindOf],
    diags: &mut Diagnostics,
) -> &'static [Prefill] {
    let fields: Vec<&FieldFm> = fm.section.iter().flat_map(|s| &s.field).collect();
    let find = |id: &str| ids.iter().position(|(i, _)| i == id);
    let mut out = Vec::new();
    for p in &fm.prefill {
        text(source, 0, &p.why, diags);
        if p.set.is_empty() && p.skip.is_empty() {
            diags.push(source.at(
                p.flow.span().start,
                "a [[prefill]] sets a field (`set = { field = \"value\" }`) or leaves some blank (`skip = [\"field\"]`)",
            ));
        }
        let mut set = Vec::new();
        for (field, value) in &p.set {
            let Some(i) = find(field.get_ref()) else {
                diags.push(source.at(
                    field.span().start,
                    format!(
                        "`set`: there is no field `{}` in this form",
                        field.get_ref()
                    ),
                ));
                continue;
            };
            let v = value.get_ref();
            let fits = match &kinds[i] {
                KindOf::Text(max) | KindOf::LongText(max) => {
                    !v.trim().is_empty() && v.chars().count() <= usize::from(*max)
                }
                KindOf::Choice(options) => options.contains(v),
                _ => false,
            };
            if !fits {
                diags.push(source.at(
                    value.span().start,
                    format!(
                        "`{}` cannot take `{v}`: a prefilled value fits a text field's length or is one of a choice's options",
                        field.get_ref()
                    ),
                ));
            }
            set.push((leak_str(field.get_ref()), leak_str(v)));
        }
        let mut skip = Vec::new();
        for field in &p.skip {
            match find(field.get_ref()) {
                None => diags.push(source.at(
                    field.span().start,
                    format!(
                        "`skip`: there is no field `{}` in this form",
                        field.get_ref()
                    ),
                )),
                Some(i) if fields[i].required => diags.push(source.at(
                    field.span().start,
                    format!(
                        "`skip`: `{}` must be answered, it cannot be left blank",
                        field.get_ref()
                    ),
                )),
                Some(_) => {}
            }
            if p.set.keys().any(|k| k.get_ref() == field.get_ref()) {
                diags.push(source.at(
                    field.span().start,
                    format!("`{}` is both set and left blank", field.get_ref()),
                ));
            }
            skip.push(leak_str(field.get_ref()));
        }
        let when = p
            .when
            .get_ref()
            .iter()
            .map(|(q, o)| {
                (
                    leak_str(q.get_ref()),
                    leak(o.get_ref().items().into_iter().map(leak_str).collect()),
                )
            })
            .collect();
        out.push(Prefill {
            flow: leak_str(p.flow.get_ref()),
            when: leak(when),
            set: leak(set),
            skip: leak(skip),
            why: leak_text(&p.why),
        });
    }
    leak(out)
}

/// What the scenarios did with the `[[prefill]]` rules.
#[derive(Debug, Default)]
pub struct PrefillUse {
    /// The forms' slugs and rule indices some scenario reached with the rule
    /// holding.
    pub used: std::collections::HashSet<(String, usize)>,
    /// The flows whose scenarios failed (their rules' use is not known).
    pub failed: std::collections::HashSet<String>,
    /// Every flow file's slug, parsed or not.
    pub flow_files: Vec<String>,
}

/// The flows the `[[prefill]]` rules name: each flow, question and option
/// exists, the flow leads to the form, two rules that can hold together never
/// disagree on a field, and some scenario of the flow reaches the form with the
/// rule holding (`used`: the forms' slugs and rule indices the scenarios hit).
pub fn check_flows(
    sources: &[Source],
    forms: &[ParsedForm],
    flows: &[ParsedFlow],
    use_: &PrefillUse,
    diags: &mut Diagnostics,
) {
    for form in forms {
        let Some(source) = sources.iter().find(|s| slug_of(&s.path) == form.slug) else {
            continue;
        };
        for (i, p) in form.fm.prefill.iter().enumerate() {
            let Some(flow) = flows.iter().find(|f| f.slug == *p.flow.get_ref()) else {
                // A flow file that failed its own checks says so itself.
                if !use_.flow_files.contains(p.flow.get_ref()) {
                    diags.push(source.at(
                        p.flow.span().start,
                        format!(
                            "unknown flow `{}`; known: {}",
                            p.flow.get_ref(),
                            use_.flow_files.join(", ")
                        ),
                    ));
                }
                continue;
            };
            let f = flow.text.flow;
            if p.when.get_ref().is_empty() {
                diags.push(source.at(
                    p.when.span().start,
                    "`when` needs at least one `question = \"option\"`",
                ));
            }
            let mut known = true;
            for (q, o) in p.when.get_ref() {
                let Some(question) = f.questions.iter().find(|x| x.id == q.get_ref()) else {
                    let ids: Vec<&str> = f.questions.iter().map(|x| x.id).collect();
                    diags.push(source.at(
                        q.span().start,
                        format!(
                            "flow `{}` has no question `{}`; its questions: {}",
                            flow.slug,
                            q.get_ref(),
                            ids.join(", ")
                        ),
                    ));
                    known = false;
                    continue;
                };
                for item in o.get_ref().items() {
                    if !question.options.contains(&item) {
                        diags.push(source.at(
                            o.span().start,
                            format!(
                                "question `{}` has no option `{item}`; its options: {}",
                                question.id,
                                question.options.join(", ")
                            ),
                        ));
                        known = false;
                    }
                }
            }
            if known
                && !use_.failed.contains(&flow.slug)
                && !use_.used.contains(&(form.slug.clone(), i))
            {
                diags.push(source.at(
                    p.flow.span().start,
                    format!(
                        "no scenario of content/su-kien/kich-ban/{}.toml reaches this form with these answers: add one that does",
                        flow.slug
                    ),
                ));
            }
        }
        // Two rules that can hold together must not disagree on a field.
        for (i, a) in form.prefill.iter().enumerate() {
            for b in &form.prefill[i + 1..] {
                if a.flow != b.flow || !together(a, b) {
                    continue;
                }
                for &(field, value) in a.set {
                    let other = b.set.iter().find(|(f, _)| *f == field).map(|(_, v)| *v);
                    if other.is_some_and(|v| v != value) || b.skip.contains(&field) {
                        diags.push(source.at(
                            form.fm.prefill[i].flow.span().start,
                            format!("`{field}`: two [[prefill]] rules of `{}` that can hold together disagree on it", a.flow),
                        ));
                    }
                }
                for &field in a.skip {
                    if b.set.iter().any(|(f, _)| *f == field) {
                        diags.push(source.at(
                            form.fm.prefill[i].flow.span().start,
                            format!("`{field}`: two [[prefill]] rules of `{}` that can hold together disagree on it", a.flow),
                        ));
                    }
                }
            }
        }
    }
}

/// Whether two rules can hold for the same answers: no question they both name
/// has options that rule each other out.
fn together(a: &Prefill, b: &Prefill) -> bool {
    a.when.iter().all(|(q, options)| {
        b.when
            .iter()
            .find(|(bq, _)| bq == q)
            .is_none_or(|(_, other)| options.iter().any(|o| other.contains(o)))
    })
}

fn is_id(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn kind_of(source: &Source, f: &FieldFm, diags: &mut Diagnostics) -> KindOf {
    let at = f.kind.span().start;
    let no_limits = |diags: &mut Diagnostics| {
        if f.min.is_some() || f.max.is_some() {
            diags.push(source.at(
                at,
                format!("a field of kind `{}` has no min or max", f.kind.get_ref()),
            ));
        }
    };
    let kind = match f.kind.get_ref().as_str() {
        "text" | "long-text" => {
            if f.min.is_some() {
                diags.push(source.at(at, "text has a max (characters), no min"));
            }
            let long = f.kind.get_ref() == "long-text";
            let max = f.max.unwrap_or(if long { 300 } else { 100 });
            if !(1..=2000).contains(&max) {
                diags.push(source.at(at, "max must be between 1 and 2000 characters"));
            }
            let max = max.min(2000) as u16;
            if long {
                KindOf::LongText(max)
            } else {
                KindOf::Text(max)
            }
        }
        "date" => {
            no_limits(diags);
            KindOf::Date
        }
        "year" => {
            no_limits(diags);
            KindOf::Year
        }
        "time" => {
            no_limits(diags);
            KindOf::Time
        }
        "id-number" => {
            no_limits(diags);
            KindOf::IdNumber
        }
        "number" => match (f.min, f.max) {
            (Some(a), Some(b)) if a <= b => KindOf::Number(a, b),
            _ => {
                diags.push(source.at(at, "a number has min and max, min ≤ max"));
                KindOf::Number(0, 0)
            }
        },
        "choice" => {
            no_limits(diags);
            if f.options.len() < 2 {
                diags.push(source.at(at, "a choice has at least two options"));
            }
            let mut seen: Vec<String> = Vec::new();
            for o in &f.options {
                if !is_id(o.id.get_ref()) {
                    diags.push(source.at(
                        o.id.span().start,
                        format!(
                            "option id `{}`: lower-case letters, digits and `_`",
                            o.id.get_ref()
                        ),
                    ));
                }
                if seen.contains(o.id.get_ref()) {
                    diags.push(source.at(
                        o.id.span().start,
                        format!("option `{}` is listed twice", o.id.get_ref()),
                    ));
                }
                seen.push(o.id.get_ref().clone());
                text(
                    source,
                    0,
                    &TextFm {
                        vi: o.vi.clone(),
                        en: o.en.clone(),
                    },
                    diags,
                );
            }
            KindOf::Choice(seen)
        }
        other => {
            diags.push(source.at(
                at,
                format!("unknown kind `{other}`; known: text, long-text, date, year, time, id-number, number, choice"),
            ));
            KindOf::Text(100)
        }
    };
    if !matches!(kind, KindOf::Choice(_)) && !f.options.is_empty() {
        diags.push(source.at(at, "only a choice has options"));
    }
    kind
}

/// The template's HTML and the fields it has a slot for.
fn layout(
    source: &Source,
    layout: &Spanned<String>,
    fields: &[(&str, &KindOf)],
    diags: &mut Diagnostics,
) -> (String, Vec<String>) {
    let start = layout.span().start;
    // Only a literal string maps each byte of the value to the file.
    let Some(open) = source.text.get(start..).filter(|t| t.starts_with("'''\n")) else {
        diags.push(source.at(
            start,
            "write the layout as a literal string: layout = '''<newline>…'''",
        ));
        return (String::new(), Vec::new());
    };
    let _ = open;
    let mut offset = start + 4;
    let mut out = String::from("<div class=\"form-print\">");
    let mut used = Vec::new();
    // The open blocks: ("table" | "columns", the line's offset).
    let mut open_block: Option<(&str, usize, usize)> = None;
    let mut in_notes = false;
    for line in layout.get_ref().split('\n') {
        let at = offset;
        offset += line.len() + 1;
        let l = line.trim_end();
        let mut ctx = Line {
            source,
            at,
            fields,
            used: &mut used,
            diags,
        };
        if let Some(rest) = l.strip_prefix("[table") {
            if open_block.is_some() {
                ctx.err(0, "a block opens inside another; close it first");
            }
            let widths = ctx.widths(rest);
            let _ = write!(out, "<table class=\"ruled\">{}", colgroup(&widths));
            open_block = Some(("table", at, widths.len()));
        } else if l == "[/table]" {
            match open_block.take() {
                Some(("table", _, _)) => out.push_str("</table>"),
                _ => ctx.err(0, "[/table] closes no [table"),
            }
        } else if let Some(rest) = l.strip_prefix("[columns") {
            if open_block.is_some() {
                ctx.err(0, "a block opens inside another; close it first");
            }
            // `[columns framed W W]`: each block in a frame (the boxes for an
            // official's opinion).
            let (class, rest) = match rest.strip_prefix(" framed") {
                Some(r) => ("cols framed", r),
                None => ("cols", rest),
            };
            let widths = ctx.widths(rest);
            let _ = write!(
                out,
                "<table class=\"{class}\">{}<tr><td>",
                colgroup(&widths)
            );
            open_block = Some(("columns", at, widths.len()));
        } else if l == "[next]" {
            match &mut open_block {
                Some(("columns", _, n)) if *n > 1 => {
                    *n -= 1;
                    out.push_str("</td><td>");
                }
                Some(("columns", _, _)) => ctx.err(0, "more [next] than columns"),
                _ => ctx.err(0, "[next] outside [columns"),
            }
        } else if l == "[/columns]" {
            match open_block.take() {
                Some(("columns", _, 1)) => out.push_str("</td></tr></table>"),
                Some(("columns", _, n)) => {
                    ctx.err(0, &format!("{} column(s) have no [next] block", n - 1))
                }
                _ => ctx.err(0, "[/columns] closes no [columns"),
            }
        } else if l == "[notes]" {
            if in_notes || open_block.is_some() {
                ctx.err(0, "[notes] comes once, outside any block");
            }
            in_notes = true;
            out.push_str("<div class=\"notes\">");
        } else if let Some(("table", _, n)) = open_block {
            let cells: Vec<&str> = l.split(" | ").collect();
            if cells.len() != n {
                ctx.err(
                    0,
                    &format!(
                        "this row has {} cells; the table has {n} columns",
                        cells.len()
                    ),
                );
            }
            out.push_str("<tr>");
            let mut cell_at = 0;
            for c in cells {
                let (class, body) = align(c);
                let _ = write!(out, "<td{class}>");
                ctx.inline(body, cell_at + (c.len() - body.len()), &mut out);
                out.push_str("</td>");
                cell_at += c.len() + 3;
            }
            out.push_str("</tr>");
        } else {
            ctx.paragraph(l, &mut out);
        }
    }
    if let Some((what, at, _)) = open_block {
        diags.push(source.at(at, format!("[{what} is never closed")));
    }
    if in_notes {
        out.push_str("</div>");
    }
    out.push_str("</div>");
    (out, used)
}

/// `<colgroup>` with each width as a share of the whole.
fn colgroup(widths: &[f32]) -> String {
    let total: f32 = widths.iter().sum();
    let mut out = String::from("<colgroup>");
    for w in widths {
        let _ = write!(out, "<col width=\"{:.1}%\">", w / total * 100.0);
    }
    out.push_str("</colgroup>");
    out
}

/// A paragraph's alignment: its class and the rest of the line.
fn align(l: &str) -> (&'static str, &str) {
    if let Some(rest) = l.strip_prefix("^ ") {
        (" class=\"c\"", rest)
    } else if let Some(rest) = l.strip_prefix("> ") {
        (" class=\"r\"", rest)
    } else {
        ("", l)
    }
}

struct Line<'a, 'b> {
    source: &'a Source,
    at: usize,
    fields: &'a [(&'a str, &'a KindOf)],
    used: &'b mut Vec<String>,
    diags: &'b mut Diagnostics,
}

impl Line<'_, '_> {
    fn err(&mut self, col: usize, message: &str) {
        self.diags.push(self.source.at(self.at + col, message));
    }

    fn widths(&mut self, rest: &str) -> Vec<f32> {
        let Some(inner) = rest.strip_suffix(']') else {
            self.err(0, "a block's widths end with `]`: [table 4.9 6.6 6.6]");
            return vec![1.0];
        };
        let widths: Vec<f32> = inner
            .split_whitespace()
            .map(|w| w.parse::<f32>().ok().filter(|w| *w > 0.0 && *w < 30.0))
            .collect::<Option<_>>()
            .unwrap_or_default();
        if widths.len() < 2 {
            self.err(
                0,
                "a block has two or more column widths, in cm: [columns 8.9 8.0]",
            );
            return vec![1.0, 1.0];
        }
        widths
    }

    fn paragraph(&mut self, l: &str, out: &mut String) {
        if l.is_empty() {
            out.push_str("<p class=\"blank\"></p>");
            return;
        }
        if l == "---" {
            out.push_str("<hr class=\"motto\">");
            return;
        }
        if l == "{+}" {
            out.push_str("<p class=\"line\"></p>");
            return;
        }
        if let Some(rest) = l.strip_prefix("[box ") {
            let Some((size, label)) = rest.split_once(']') else {
                self.err(0, "[box W H] label");
                return;
            };
            let dims: Vec<f32> = size
                .split_whitespace()
                .filter_map(|d| d.parse().ok())
                .collect();
            if dims.len() != 2 || dims.iter().any(|d| !(0.5..10.0).contains(d)) {
                self.err(0, "[box W H]: two sizes in cm");
                return;
            }
            let _ = write!(
                out,
                "<div class=\"box\" data-w=\"{}\" data-h=\"{}\">{}</div>",
                dims[0],
                dims[1],
                escape_html(label.trim())
            );
            return;
        }
        let (class, body, ruled) = match l.strip_prefix("[rule] ") {
            Some(rest) => {
                let (c, b) = align(rest);
                (c, b, true)
            }
            None => {
                let (c, b) = align(l);
                (c, b, false)
            }
        };
        let class = match (class, ruled) {
            ("", true) => " class=\"ruled-above\"".to_string(),
            (c, true) => c
                .replace("\"c\"", "\"c ruled-above\"")
                .replace("\"r\"", "\"r ruled-above\""),
            (c, false) => c.to_string(),
        };
        let _ = write!(out, "<p{class}>");
        self.inline(body, l.len() - body.len(), out);
        out.push_str("</p>");
    }

    /// Text with its marks and slots; `col` is where it starts in the line.
    fn inline(&mut self, s: &str, col: usize, out: &mut String) {
        let mut rest = s;
        let mut pos = col;
        let mut bold = false;
        let mut under = false;
        // The last slot of the line runs to its end.
        let last_slot = s.rfind('{');
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("**") {
                out.push_str(if bold { "</b>" } else { "<b>" });
                bold = !bold;
                rest = r;
                pos += 2;
            } else if let Some(r) = rest.strip_prefix("__") {
                out.push_str(if under { "</u>" } else { "<u>" });
                under = !under;
                rest = r;
                pos += 2;
            } else if rest.starts_with("^(") {
                let Some(end) = rest.find(')') else {
                    self.err(pos, "`^(` without `)`");
                    return;
                };
                let _ = write!(out, "<sup>{}</sup>", escape_html(&rest[1..=end]));
                pos += end + 1;
                rest = &rest[end + 1..];
            } else if rest.starts_with('{') {
                let Some(end) = rest.find('}') else {
                    self.err(pos, "`{` without `}`");
                    return;
                };
                let is_last = Some(pos - col) == last_slot;
                self.slot(&rest[1..end], pos, is_last, out);
                pos += end + 1;
                rest = &rest[end + 1..];
            } else {
                let next = rest
                    .char_indices()
                    .skip(1)
                    .find(|(i, _)| {
                        let t = &rest[*i..];
                        t.starts_with("**")
                            || t.starts_with("__")
                            || t.starts_with("^(")
                            || t.starts_with('{')
                    })
                    .map_or(rest.len(), |(i, _)| i);
                if rest[..next].contains('}') {
                    self.err(pos, "`}` without `{`");
                }
                out.push_str(&escape_html(&rest[..next]));
                pos += next;
                rest = &rest[next..];
            }
        }
        if bold {
            self.err(col, "`**` is not closed on this line");
            out.push_str("</b>");
        }
        if under {
            self.err(col, "`__` is not closed on this line");
            out.push_str("</u>");
        }
    }

    fn slot(&mut self, spec: &str, pos: usize, last: bool, out: &mut String) {
        let (spec, width) = match spec.split_once('~') {
            Some((s, w)) => match w.parse::<u8>() {
                Ok(w) if (1..=40).contains(&w) => (s, Some(w)),
                _ => {
                    self.err(pos, "`~N`: a width of 1 to 40 (em)");
                    (s, None)
                }
            },
            None => (spec, None),
        };
        let class = match (width, last) {
            (Some(w), _) => format!("fill w{w}"),
            (None, true) => "fill end".to_string(),
            (None, false) => "fill w8".to_string(),
        };
        if spec == "_" {
            let _ = write!(out, "<span class=\"{class}\"></span>");
            return;
        }
        let (id, tick) = match spec.split_once('=') {
            Some((id, o)) => (id, Some(o)),
            None => (spec, None),
        };
        let (id, part) = match id.split_once('.') {
            Some((id, p)) => (id, p),
            None => (id, ""),
        };
        let Some((_, kind)) = self.fields.iter().find(|(f, _)| *f == id) else {
            self.err(pos, &format!("no field `{id}` in this form"));
            return;
        };
        if let Some(option) = tick {
            match kind {
                KindOf::Choice(options)
                    if options.iter().any(|o| o == option) && part.is_empty() =>
                {
                    let _ = write!(
                        out,
                        "<span class=\"tickbox\" data-f=\"{id}\" data-tick=\"{option}\"></span>"
                    );
                }
                _ => self.err(
                    pos,
                    &format!(
                        "`{{{id}={option}}}`: `{id}` is not a choice with the option `{option}`"
                    ),
                ),
            }
        } else {
            if part == "boxes" {
                if *kind != &KindOf::IdNumber {
                    self.err(pos, &format!("`{{{id}.boxes}}`: only a personal ID number (id-number) prints a digit to a box"));
                    return;
                }
                out.push_str("<span class=\"digits\">");
                for n in 1..=12 {
                    let _ = write!(
                        out,
                        "<span class=\"fill digit\" data-f=\"{id}\" data-p=\"c{n}\"></span>"
                    );
                }
                out.push_str("</span>");
                if !self.used.iter().any(|u| u == id) {
                    self.used.push(id.to_string());
                }
                return;
            }
            let fits = match part {
                "" => true,
                "d" | "m" | "y" | "words" => *kind == &KindOf::Date,
                "h" | "min" => *kind == &KindOf::Time,
                _ => false,
            };
            if !fits {
                self.err(
                    pos,
                    &format!("`{{{id}.{part}}}`: no part `{part}` of a field of this kind"),
                );
                return;
            }
            let p = if part.is_empty() {
                String::new()
            } else {
                format!(" data-p=\"{part}\"")
            };
            let _ = write!(out, "<span class=\"{class}\" data-f=\"{id}\"{p}></span>");
        }
        if !self.used.iter().any(|u| u == id) {
            self.used.push(id.to_string());
        }
    }
}

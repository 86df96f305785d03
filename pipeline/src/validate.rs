//! Checks on each content file, beyond what the typed front matter already enforces.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use toml::Spanned;

use super::body::{body, split_front_matter, SitePages};
use super::diag::{Diagnostics, Source};
use super::front_matter::{
    AliasesFm, FieldFm, FieldsFile, GlossaryFm, LogFm, ProcedureFm, ReviewFm, TextFm,
};
use super::register::{Ended, Register};
use super::{ParsedDocument, ParsedProcedure, StringEntry, StringValue, Strings};
use thu_tuc_xa_core::model::{
    Channel, DocKind, LogEntry, LogWhy, Place, PlaceOf, Text, Vocabulary,
};

/// Deserializes TOML that starts at byte `offset` of `source`, reporting errors there.
pub(super) fn parse_toml<T: serde::de::DeserializeOwned>(
    source: &Source,
    toml_text: &str,
    offset: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    match toml::from_str::<T>(toml_text) {
        Ok(v) => Some(v),
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start) + offset;
            let message = e.message().trim().replace('\n', " ");
            diags.push(source.at(at, message));
            None
        }
    }
}

pub(super) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// `content/linh-vuc.toml`.
pub fn fields(source: &Source, diags: &mut Diagnostics) -> Vec<FieldFm> {
    let Some(file) = parse_toml::<FieldsFile>(source, &source.text, 0, diags) else {
        return Vec::new();
    };
    let mut seen = HashSet::new();
    for f in &file.field {
        if !is_slug(f.id.get_ref()) {
            diags.push(source.at(
                f.id.span().start,
                format!(
                    "field id `{}` must be lower-case letters, digits and `-`",
                    f.id.get_ref()
                ),
            ));
        }
        if !seen.insert(f.id.get_ref().clone()) {
            diags.push(source.at(
                f.id.span().start,
                format!("field id `{}` is declared twice", f.id.get_ref()),
            ));
        }
        for t in [&f.name, &f.summary] {
            text(source, 0, t, diags);
        }
    }
    file.field
}

/// `content/i18n/vi.toml` and `en.toml`: flat tables with the same keys.
pub fn strings(vi: &Source, en: &Source, diags: &mut Diagnostics) -> Strings {
    let parse = |s: &Source, diags: &mut Diagnostics| {
        parse_toml::<BTreeMap<String, StringValue>>(s, &s.text, 0, diags).unwrap_or_default()
    };
    let vi_map = parse(vi, diags);
    let en_map = parse(en, diags);
    let line_of = |s: &Source, key: &str| -> usize {
        let mut offset = 0;
        for line in s.text.split_inclusive('\n') {
            let rest = line.trim_start();
            if rest.starts_with(key) && rest[key.len()..].trim_start().starts_with('=') {
                return offset + (line.len() - rest.len());
            }
            offset += line.len();
        }
        0
    };
    for (have, have_map, other, other_map) in
        [(vi, &vi_map, en, &en_map), (en, &en_map, vi, &vi_map)]
    {
        for (key, value) in have_map {
            let at = line_of(have, key);
            if !other_map.contains_key(key) {
                diags.push(have.at(at, format!("key `{key}` is missing in {}", other.path)));
            }
            if !key
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                || key.starts_with(|c: char| c.is_ascii_digit())
            {
                diags.push(have.at(
                    at,
                    format!("key `{key}` must be lower-case letters, digits and `_`"),
                ));
            }
            let (one, many) = value.forms();
            if one.trim().is_empty() || many.trim().is_empty() {
                diags.push(have.at(at, format!("key `{key}` is empty")));
            }
            if let StringValue::Forms { one, other } = value {
                if !other.contains("{n}") {
                    diags.push(have.at(
                        at,
                        format!("key `{key}`: the form `other` must say the count, `{{n}}`"),
                    ));
                }
                let extra: Vec<String> = placeholders(one)
                    .difference(&placeholders(other))
                    .cloned()
                    .collect();
                if !extra.is_empty() {
                    diags.push(have.at(
                        at,
                        format!(
                            "key `{key}`: the form `one` has {}, which `other` has not",
                            braces(&extra)
                        ),
                    ));
                }
            }
        }
    }
    // Both languages fill the same blanks: a `{n}` missing in one language
    // would print the other's number nowhere, or a raw `{n}`.
    for (key, vi_value) in &vi_map {
        let Some(en_value) = en_map.get(key) else {
            continue;
        };
        let vi_names = placeholders(vi_value.forms().1);
        let en_names = placeholders(en_value.forms().1);
        for (have, names, other, other_names) in [
            (vi, &vi_names, en, &en_names),
            (en, &en_names, vi, &vi_names),
        ] {
            let missing: Vec<String> = names.difference(other_names).cloned().collect();
            if !missing.is_empty() {
                diags.push(other.at(
                    line_of(other, key),
                    format!(
                        "key `{key}` lacks {}, which {} has",
                        braces(&missing),
                        have.path
                    ),
                ));
            }
        }
    }
    let mut entries: Vec<StringEntry> = vi_map
        .iter()
        .filter_map(|(k, v)| {
            en_map.get(k).map(|e| StringEntry {
                key: k.clone(),
                vi: v.clone(),
                en: e.clone(),
            })
        })
        .collect();
    entries.sort_by(|a, b| a.key.cmp(&b.key));
    Strings { entries }
}

/// The blanks of a string: each `{name}` (lower-case letters, digits, `_`).
fn placeholders(s: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        let name = &rest[..close];
        if !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            out.insert(name.to_string());
            rest = &rest[close + 1..];
        }
    }
    out
}

fn braces(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{{{n}}}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks one bilingual text: both languages present and without markup.
pub(super) fn text(source: &Source, offset: usize, t: &TextFm, diags: &mut Diagnostics) {
    for s in [&t.vi, &t.en] {
        if s.get_ref().trim().is_empty() {
            diags.push(source.at(offset + s.span().start, "text is empty"));
        } else if s.get_ref().contains('<') {
            diags.push(source.at(
                offset + s.span().start,
                "text may not contain `<` (no HTML in content)",
            ));
        }
    }
}

/// A page's aliases: each non-empty, without HTML, and different (once folded,
/// as search compares them) from the name and from each other.
pub(super) fn aliases(
    source: &Source,
    offset: usize,
    name: &TextFm,
    aliases: &AliasesFm,
    diags: &mut Diagnostics,
) {
    for (name, list) in [(&name.vi, &aliases.vi), (&name.en, &aliases.en)] {
        let mut seen = HashSet::from([thu_tuc_xa_core::text::fold(name.get_ref())]);
        for a in list {
            let at = offset + a.span().start;
            let folded = thu_tuc_xa_core::text::fold(a.get_ref());
            if folded.is_empty() {
                diags.push(source.at(at, "alias is empty"));
            } else if a.get_ref().contains('<') {
                diags.push(source.at(at, "alias may not contain `<` (no HTML in content)"));
            } else if !seen.insert(folded) {
                diags.push(source.at(
                    at,
                    format!(
                        "alias `{}` repeats the name or another alias (search ignores case and tone marks)",
                        a.get_ref()
                    ),
                ));
            }
        }
    }
}

pub(super) fn is_url(s: &str, prefix: &str) -> bool {
    s.starts_with(prefix)
        && s.len() > prefix.len()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: Range<usize>| s[r].parse::<u32>().ok();
    match (num(0..4), num(5..7), num(8..10)) {
        (Some(y), Some(m), Some(d)) => {
            let days = match m {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
                2 => 28,
                _ => 0,
            };
            (2000..=2100).contains(&y) && (1..=days).contains(&d)
        }
        _ => false,
    }
}

pub(super) fn is_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 8 && b[0].is_ascii_digit() && b[1] == b'.' && b[2..].iter().all(u8::is_ascii_digit)
}

/// The value of a vocabulary id, or a diagnostic listing the known ids.
pub(super) fn id_of<V: Vocabulary>(
    source: &Source,
    offset: usize,
    what: &str,
    value: &Spanned<String>,
    diags: &mut Diagnostics,
) -> Option<V> {
    let found = V::from_id(value.get_ref());
    if found.is_none() {
        diags.push(source.at(
            offset + value.span().start,
            format!(
                "unknown {what} `{}`; known: {}",
                value.get_ref(),
                V::known()
            ),
        ));
    }
    found
}

/// The slug of a content file: its name without the extension.
pub fn slug_of(path: &str) -> &str {
    let file_name = path.rsplit('/').next().unwrap_or_default();
    file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
}

/// The record of an independent check: a date, and a note naming the texts
/// and articles it used and what it changed.
pub fn review(source: &Source, offset: usize, r: &ReviewFm, diags: &mut Diagnostics) {
    if !is_iso_date(r.date.get_ref()) {
        diags.push(source.at(
            offset + r.date.span().start,
            format!(
                "reviewed.date `{}` must be a date written YYYY-MM-DD",
                r.date.get_ref()
            ),
        ));
    }
    if r.note.get_ref().trim().is_empty() {
        diags.push(source.at(
            offset + r.note.span().start,
            "reviewed.note must say which texts the check used and what it changed",
        ));
    }
}

/// A page's change log (`[[log]]`): newest first, ending with the one `new`
/// entry, no day after the content's day nor after the page's last check
/// (`checked`: a change is checked before the page says when it was checked), a
/// `law` (and only then) naming a text of the register. Returns the entries for
/// the generated data.
pub fn log(
    source: &Source,
    offset: usize,
    entries: &[LogFm],
    (register, checked): (&Register, Option<jiff::civil::Date>),
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
) -> &'static [LogEntry] {
    let at = |s: &Spanned<String>| offset + s.span().start;
    if entries.is_empty() {
        diags.push(source.at(
            offset,
            "the change log is missing: add a `[[log]]` with `why = \"new\"` and the day the page was published (see content/README.md)",
        ));
    }
    let mut out = Vec::new();
    let mut newer: Option<jiff::civil::Date> = None;
    for (i, e) in entries.iter().enumerate() {
        text(
            source,
            offset,
            &TextFm {
                vi: e.vi.clone(),
                en: e.en.clone(),
            },
            diags,
        );
        let why = id_of::<LogWhy>(source, offset, "why", &e.why, diags);
        match super::register::date(e.date.get_ref()) {
            None => diags.push(source.at(
                at(&e.date),
                format!(
                    "log date `{}` must be a date written YYYY-MM-DD",
                    e.date.get_ref()
                ),
            )),
            Some(d) if d > today => diags.push(source.at(
                at(&e.date),
                format!(
                    "log date {} is after the content's day {today}: a change is logged once it is made",
                    e.date.get_ref()
                ),
            )),
            Some(d) if checked.is_some_and(|c| d > c) => diags.push(source.at(
                at(&e.date),
                format!(
                    "log date {} is after the page's last check ({}): check the change, then move `checked` and `reviewed.date` to its day",
                    e.date.get_ref(),
                    checked.map(|c| c.to_string()).unwrap_or_default()
                ),
            )),
            Some(d) => {
                if newer.is_some_and(|n| d > n) {
                    diags.push(source.at(
                        at(&e.date),
                        format!(
                            "log entries go newest first: {} comes after an older entry",
                            e.date.get_ref()
                        ),
                    ));
                }
                newer = Some(d);
            }
        }
        let last = i + 1 == entries.len();
        match why {
            Some(LogWhy::New) if !last => diags.push(source.at(
                at(&e.why),
                "`why = \"new\"` is the page's first publication: the last (oldest) entry, once",
            )),
            Some(w) if last && w != LogWhy::New => diags.push(source.at(
                at(&e.why),
                "the last (oldest) entry must be `why = \"new\"`: the day the page was published",
            )),
            _ => {}
        }
        match (&e.law, why) {
            (None, Some(LogWhy::Law)) => diags.push(source.at(
                at(&e.why),
                "`why = \"law\"` needs `law = \"<id>\"`: the text of the register that caused the change",
            )),
            (Some(law), Some(w)) if w != LogWhy::Law => diags.push(source.at(
                at(law),
                format!("`law` goes only with `why = \"law\"`, not `{}`", w.id()),
            )),
            (Some(law), _) if register.get(law.get_ref()).is_none() => diags.push(source.at(
                at(law),
                format!(
                    "unknown legal text `{}`: there is no content/van-ban/{}.toml",
                    law.get_ref(),
                    law.get_ref()
                ),
            )),
            _ => {}
        }
        if let Some(why) = why {
            out.push(LogEntry {
                date: leak(e.date.get_ref()),
                why,
                law: e.law.as_ref().map(|l| leak(l.get_ref())),
                text: Text {
                    vi: leak(e.vi.get_ref()),
                    en: leak(e.en.get_ref()),
                },
            });
        }
    }
    Box::leak(out.into_boxed_slice())
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// A file whose `reviewed` is required: where it is missing.
pub fn require_review(source: &Source, r: Option<&ReviewFm>, diags: &mut Diagnostics) {
    if let Some(r) = r {
        review(source, 0, r, diags);
    } else {
        diags.push(source.at(
            0,
            "reviewed.date and reviewed.note are missing: record the independent check (see content/README.md)",
        ));
    }
}

/// One glossary entry, `content/giay-to/<id>.toml`.
pub fn glossary_entry(source: &Source, diags: &mut Diagnostics) -> Option<ParsedDocument> {
    let id = slug_of(&source.path).to_string();
    let before = diags.0.len();
    if !is_slug(&id) {
        let file_name = source.path.rsplit('/').next().unwrap_or_default();
        diags.push(source.at(0, format!("file name `{file_name}` must be lower-case letters, digits and `-`, ending in `.toml`")));
    }
    let fm: GlossaryFm = parse_toml(source, &source.text, 0, diags)?;
    for t in [&fm.name, &fm.summary, &fm.get] {
        text(source, 0, t, diags);
    }
    aliases(source, 0, &fm.name, &fm.aliases, diags);
    require_review(source, fm.reviewed.as_ref(), diags);
    if let Some(form) = &fm.form {
        if form.get_ref().trim().is_empty() {
            diags.push(source.at(
                form.span().start,
                "form is empty; leave it out if there is no form number",
            ));
        }
    }
    for s in &fm.sources {
        if !is_url(s.get_ref(), "https://") {
            diags.push(source.at(
                s.span().start,
                format!("source `{}` must be a https:// address", s.get_ref()),
            ));
        }
    }
    (diags.0.len() == before).then_some(ParsedDocument { id, fm })
}

/// Every glossary entry is needed by some procedure (checked once all else is fine,
/// so a broken procedure does not make its documents look unused).
pub fn glossary_used(
    glossary: &[Source],
    procedures: &[(&Source, ParsedProcedure)],
    diags: &mut Diagnostics,
) {
    if !diags.is_empty() {
        return;
    }
    for g in glossary {
        let id = slug_of(&g.path);
        let used = procedures.iter().any(|(_, p)| {
            p.fm.documents
                .get_ref()
                .iter()
                .any(|d| d.doc.get_ref() == id)
        });
        if !used {
            diags.push(g.at(
                0,
                format!("document `{id}` is not needed by any procedure; remove it or refer to it"),
            ));
        }
    }
}

/// One `content/thu-tuc/<slug>.md`.
/// What a procedure may refer to.
pub struct Known<'a> {
    pub fields: &'a [FieldFm],
    /// The glossary files; their names are the document ids.
    pub glossary: &'a [Source],
    pub pages: &'a SitePages,
    pub register: &'a Register,
    /// The day the content is built for: rules that ended before it fail.
    pub today: jiff::civil::Date,
}

pub fn procedure(
    source: &Source,
    known: &Known,
    diags: &mut Diagnostics,
) -> Option<ParsedProcedure> {
    let (fields, pages) = (known.fields, known.pages);
    let file_name = source.path.rsplit('/').next().unwrap_or_default();
    let slug = slug_of(&source.path).to_string();
    if !is_slug(&slug) {
        diags.push(source.at(0, format!("file name `{file_name}` must be lower-case letters, digits and `-`, ending in `.md`")));
    }
    let (fm_text, fm_offset, body_text, body_offset) = split_front_matter(source, diags)?;
    let rendered = body(source, body_text, body_offset, pages, diags);
    let fm: ProcedureFm = parse_toml(source, fm_text, fm_offset, diags)?;
    let at = |s: &Spanned<String>| fm_offset + s.span().start;
    let before = diags.0.len();

    if !is_code(fm.code.get_ref()) {
        diags.push(source.at(
            at(&fm.code),
            format!("code `{}` must look like `1.001193`", fm.code.get_ref()),
        ));
    }
    if !fields.iter().any(|f| f.id.get_ref() == fm.field.get_ref()) {
        let known: Vec<&str> = fields.iter().map(|f| f.id.get_ref().as_str()).collect();
        diags.push(source.at(
            at(&fm.field),
            format!(
                "unknown field `{}`; known: {}",
                fm.field.get_ref(),
                known.join(", ")
            ),
        ));
    }
    if let Some(url) = fm
        .portal_url
        .as_ref()
        .filter(|u| !is_url(u.get_ref(), "https://dichvucong.gov.vn/"))
    {
        diags.push(source.at(
            at(url),
            "portal_url must be a https://dichvucong.gov.vn/ address",
        ));
    }
    if !is_iso_date(fm.checked.get_ref()) {
        diags.push(source.at(
            at(&fm.checked),
            format!(
                "checked `{}` must be a date written YYYY-MM-DD",
                fm.checked.get_ref()
            ),
        ));
    }
    match &fm.reviewed {
        Some(r) => review(source, fm_offset, r, diags),
        None => diags.push(source.at(
            fm_offset,
            "reviewed.date and reviewed.note are missing: record the independent check (see content/README.md)",
        )),
    }
    if fm.sources.get_ref().is_empty() {
        diags.push(source.at(
            fm_offset + fm.sources.span().start,
            "sources must list at least one address",
        ));
    }
    for s in fm.sources.get_ref() {
        if !is_url(s.get_ref(), "https://") {
            diags.push(source.at(
                at(s),
                format!("source `{}` must be a https:// address", s.get_ref()),
            ));
        }
    }
    if fm.legal_basis.get_ref().is_empty() {
        diags.push(source.at(
            fm_offset + fm.legal_basis.span().start,
            "legal_basis must list at least one legal text",
        ));
    }
    let mut listed = HashSet::new();
    for id in fm.legal_basis.get_ref() {
        if known.register.get(id.get_ref()).is_none() {
            diags.push(source.at(
                at(id),
                format!(
                    "unknown legal text `{}`: there is no content/van-ban/{}.toml",
                    id.get_ref(),
                    id.get_ref()
                ),
            ));
            continue;
        }
        if !listed.insert(id.get_ref()) {
            diags.push(source.at(at(id), format!("`{}` is listed twice", id.get_ref())));
        }
        let ended = known.register.ended(id.get_ref(), known.today);
        let why = fm
            .legal_basis_why
            .keys()
            .any(|k| k.get_ref() == id.get_ref());
        if let (Some(ended), false) = (ended, why) {
            let how = match ended {
                Ended::Replaced(by, from) => format!("was replaced by `{by}` on {from}"),
                Ended::Lapsed(d) => format!("lapsed after {d}"),
            };
            diags.push(source.at(
                at(id),
                format!(
                    "`{}` {how}: rely on the text in force, or say why in legal_basis_why.{}.vi and .en",
                    id.get_ref(),
                    id.get_ref()
                ),
            ));
        }
    }
    for (id, why) in &fm.legal_basis_why {
        text(source, fm_offset, why, diags);
        if !listed.contains(id.get_ref()) {
            diags.push(source.at(
                at(id),
                format!("`{}` is not listed in legal_basis", id.get_ref()),
            ));
        }
    }
    if fm.channels.get_ref().is_empty() {
        diags.push(source.at(
            fm_offset + fm.channels.span().start,
            "channels must list at least one way to submit",
        ));
    }
    let mut seen = HashSet::new();
    for c in fm.channels.get_ref() {
        if id_of::<Channel>(source, fm_offset, "channel", c, diags).is_some()
            && !seen.insert(c.get_ref())
        {
            diags.push(source.at(at(c), format!("channel `{}` is listed twice", c.get_ref())));
        }
    }
    if let Some(place) = id_of::<Place>(source, fm_offset, "place", &fm.place, diags) {
        place_of(
            source,
            fm_offset,
            place,
            &fm.place,
            fm.place_of.as_ref(),
            diags,
        );
        if place == Place::ByCase && fm.place_note.is_none() {
            diags.push(source.at(
                fm_offset + fm.place.span().start,
                "place `by-case` needs a `place_note` saying where, case by case",
            ));
        }
    }
    let facts: Vec<TextFm> = [&fm.who, &fm.time, &fm.fee]
        .into_iter()
        .chain(&fm.deadline)
        .chain(&fm.exemptions)
        .map(|f| f.text())
        .collect();
    for t in [&fm.name, &fm.summary, &fm.result]
        .into_iter()
        .chain(&facts)
        .chain(&fm.place_note)
    {
        text(source, fm_offset, t, diags);
    }
    let counts = super::facts::check(source, fm_offset, &fm, known.register, known.today, diags);
    aliases(source, fm_offset, &fm.name, &fm.aliases, diags);
    if fm.documents.get_ref().is_empty() {
        diags.push(source.at(
            fm_offset + fm.documents.span().start,
            "a procedure needs at least one `[[documents]]` entry",
        ));
    }
    for d in fm.documents.get_ref() {
        id_of::<DocKind>(source, fm_offset, "document kind", &d.kind, diags);
        if !(1..=100).contains(d.count.get_ref()) {
            diags.push(source.at(
                fm_offset + d.count.span().start,
                format!("count must be between 1 and 100, not {}", d.count.get_ref()),
            ));
        }
        if !known
            .glossary
            .iter()
            .any(|g| slug_of(&g.path) == d.doc.get_ref())
        {
            diags.push(source.at(
                at(&d.doc),
                format!(
                    "unknown document `{}`: there is no content/giay-to/{}.toml",
                    d.doc.get_ref(),
                    d.doc.get_ref()
                ),
            ));
        }
        for t in [&d.note, &d.when, &d.lacking].into_iter().flatten() {
            text(source, fm_offset, t, diags);
        }
        match (&d.when, &d.case) {
            (Some(_), None) => diags.push(source.at(
                at(&d.doc),
                format!(
                    "document `{}` is needed only sometimes (`when`) but names no `case`: add `case = \"<id>\"`, the situation, so that a flow's question can settle it",
                    d.doc.get_ref()
                ),
            )),
            (None, Some(case)) => diags.push(source.at(
                fm_offset + case.span().start,
                "`case` names when a document is needed only sometimes; this one has no `when`",
            )),
            (_, Some(case)) => {
                for id in case.get_ref().items() {
                    if !is_slug(id) {
                        diags.push(source.at(
                            fm_offset + case.span().start,
                            format!("case `{id}` must be lower-case letters, digits and `-`"),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    // The page's last check: the earlier of `checked` and the review.
    let last_check = [Some(&fm.checked), fm.reviewed.as_ref().map(|r| &r.date)]
        .into_iter()
        .flatten()
        .filter_map(|d| super::register::date(d.get_ref()))
        .min();
    let log = log(
        source,
        fm_offset,
        &fm.log,
        (known.register, last_check),
        known.today,
        diags,
    );
    let (body_vi, body_en) = rendered?;
    (diags.0.len() == before).then_some(ParsedProcedure {
        slug,
        fm,
        body_vi,
        body_en,
        counts,
        log,
    })
}

/// Two files may not describe the same national procedure.
pub fn unique_codes(procedures: &[(&Source, ParsedProcedure)], diags: &mut Diagnostics) {
    let mut first: BTreeMap<&str, &str> = BTreeMap::new();
    for (source, p) in procedures {
        let code = p.fm.code.get_ref().as_str();
        match first.get(code) {
            Some(other) => diags.push(source.at(
                p.fm.code.span().start + 4,
                format!("code `{code}` is already used by {other}"),
            )),
            None => {
                first.insert(code, source.path.as_str());
            }
        }
    }
}

/// Checks `place_of` against its `place`: a place tied to someone or something
/// says whose it is, and no other place takes one. Returns the valid value.
pub(super) fn place_of(
    source: &Source,
    offset: usize,
    place: Place,
    place_span: &Spanned<String>,
    of: Option<&Spanned<String>>,
    diags: &mut Diagnostics,
) -> Option<PlaceOf> {
    match of {
        None if place.needs_of() => {
            diags.push(source.at(
                offset + place_span.span().start,
                format!(
                    "place `{}` needs `place_of`, whose commune or province it is: one of {}",
                    place.id(),
                    PlaceOf::known()
                ),
            ));
            None
        }
        None => None,
        Some(of) if !place.takes_of() => {
            diags.push(source.at(
                offset + of.span().start,
                format!("place `{}` takes no `place_of`", place.id()),
            ));
            None
        }
        Some(of) => id_of::<PlaceOf>(source, offset, "place_of", of, diags),
    }
}

//! The register of legal texts, `content/van-ban/<id>.toml`: one file per law,
//! decree, circular or resolution, named after its number folded
//! (`75/2022/TT-BTC` → `75-2022-tt-btc`). Every `legal_basis` and every fact's
//! citation points into it by id.

use jiff::civil::Date;

use super::diag::{Diagnostics, Source};
use super::front_matter::LegalDocFm;
use super::validate::{id_of, is_url, parse_toml, slug_of, text};
use thu_tuc_xa_core::model::LegalKind;

/// The citation of a procedure's own record on the national portal.
pub const PORTAL: &str = "cong-dvc";

/// A legal text that passed every check.
#[derive(Debug)]
pub struct ParsedLegalDoc {
    pub id: String,
    pub fm: LegalDocFm,
}

/// Every legal text, in file-name order.
#[derive(Debug, Default)]
pub struct Register {
    pub docs: Vec<ParsedLegalDoc>,
}

/// Why a text is no longer in force on a given day.
#[derive(Debug, PartialEq, Eq)]
pub enum Ended {
    /// Replaced by another text, in force since the date.
    Replaced(String, Date),
    /// Its own term ended on the date.
    Lapsed(Date),
}

impl Register {
    pub fn get(&self, id: &str) -> Option<&ParsedLegalDoc> {
        self.docs.iter().find(|d| d.id == id)
    }

    pub fn position(&self, id: &str) -> Option<usize> {
        self.docs.iter().position(|d| d.id == id)
    }

    /// The last day the text is in force, if one is known: its own `until`, or the
    /// day before the text that replaces it takes effect, whichever is first.
    pub fn last_day(&self, id: &str) -> Option<Date> {
        let doc = self.get(id)?;
        let own = doc.fm.until.as_ref().and_then(|u| date(u.get_ref()));
        let replaced = doc
            .fm
            .replaced_by
            .as_ref()
            .and_then(|r| self.get(r.get_ref()))
            .and_then(|r| date(r.fm.in_force.get_ref()))
            .and_then(|d| d.yesterday().ok());
        match (own, replaced) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Whether the text has stopped being in force before `today`, and how.
    pub fn ended(&self, id: &str, today: Date) -> Option<Ended> {
        let last = self.last_day(id)?;
        if last >= today {
            return None;
        }
        let doc = self.get(id)?;
        let replaced = doc.fm.replaced_by.as_ref().and_then(|r| {
            let by = self.get(r.get_ref())?;
            let from = date(by.fm.in_force.get_ref())?;
            (from.yesterday().ok()? == last).then(|| Ended::Replaced(by.id.clone(), from))
        });
        Some(replaced.unwrap_or(Ended::Lapsed(last)))
    }
}

/// An ISO date, `YYYY-MM-DD`, or `None`.
pub fn date(s: &str) -> Option<Date> {
    (s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-')
        .then(|| s.parse::<Date>().ok())
        .flatten()
}

/// Reads and checks every file of the register; the checks between files (a
/// replacement or amendment that is not in the register) come once all are read.
pub fn register(sources: &[Source], diags: &mut Diagnostics) -> Register {
    let mut docs = Vec::new();
    for source in sources {
        if let Some(doc) = one(source, diags) {
            docs.push((source, doc));
        }
    }
    for (source, doc) in &docs {
        let refs = doc.fm.replaced_by.iter().chain(&doc.fm.amended_by);
        for r in refs {
            if r.get_ref() == &doc.id {
                diags.push(source.at(r.span().start, "a text cannot replace or amend itself"));
            } else if !docs.iter().any(|(_, d)| &d.id == r.get_ref()) {
                diags.push(source.at(
                    r.span().start,
                    format!(
                        "unknown legal text `{}`: there is no content/van-ban/{}.toml",
                        r.get_ref(),
                        r.get_ref()
                    ),
                ));
            }
        }
    }
    Register {
        docs: docs.into_iter().map(|(_, d)| d).collect(),
    }
}

fn one(source: &Source, diags: &mut Diagnostics) -> Option<ParsedLegalDoc> {
    let before = diags.0.len();
    let id = slug_of(&source.path).to_string();
    let fm: LegalDocFm = parse_toml(source, &source.text, 0, diags)?;
    let expected = thu_tuc_xa_core::text::slug(fm.number.get_ref());
    if expected != id {
        diags.push(source.at(
            fm.number.span().start,
            format!(
                "the file of number `{}` must be named content/van-ban/{expected}.toml",
                fm.number.get_ref()
            ),
        ));
    }
    id_of::<LegalKind>(source, 0, "kind of legal text", &fm.kind, diags);
    for t in [
        Some(&fm.name),
        fm.short.as_ref(),
        Some(&fm.issuer),
        fm.note.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        text(source, 0, t, diags);
    }
    let mut dated = |value: &toml::Spanned<String>, what: &str| {
        let d = date(value.get_ref());
        if d.is_none() {
            diags.push(source.at(
                value.span().start,
                format!(
                    "{what} `{}` must be a date written YYYY-MM-DD",
                    value.get_ref()
                ),
            ));
        }
        d
    };
    let signed = dated(&fm.signed, "signed");
    let in_force = dated(&fm.in_force, "in_force");
    let until = fm.until.as_ref().map(|u| (u, dated(u, "until")));
    if let (Some(s), Some(f)) = (signed, in_force) {
        if f < s {
            diags.push(source.at(
                fm.in_force.span().start,
                "in_force comes before the date the text was signed",
            ));
        }
    }
    if let (Some(f), Some((u, Some(end)))) = (in_force, &until) {
        if *end < f {
            diags.push(source.at(u.span().start, "until comes before in_force"));
        }
    }
    if let Some(link) = fm
        .link
        .as_ref()
        .filter(|l| !is_url(l.get_ref(), "https://"))
    {
        diags.push(source.at(link.span().start, "link must be a https:// address"));
    }
    if fm.read.get_ref().is_empty() {
        diags.push(source.at(
            fm.read.span().start,
            "read must list the pages where the text was read",
        ));
    }
    for r in fm.read.get_ref() {
        if !is_url(r.get_ref(), "https://") {
            diags.push(source.at(
                r.span().start,
                format!("`{}` must be a https:// address", r.get_ref()),
            ));
        }
    }
    (diags.0.len() == before).then_some(ParsedLegalDoc { id, fm })
}

//! The site's content, generated at build time from `content/` by this crate's
//! `build.rs` (the pipeline is the crate `thu-tuc-xa-content`), with its lookups.
//! A crate of its own so that editing the app does not run the pipeline again or
//! recompile the generated statics. The interface strings are the app's
//! (`thu_tuc_xa::data`), since which of them the wasm needs depends on its code.
//!
//! Architecture invariant: pure data and lookups; no Leptos, no browser, no I/O.

#[cfg(not(target_arch = "wasm32"))]
pub use thu_tuc_xa_content::facts::FactCounts;
use thu_tuc_xa_core::flow::{Branch, Clause, Cond, Flow, Node, Outcome, Question};
#[cfg(not(target_arch = "wasm32"))]
use thu_tuc_xa_core::flow::{DocRule, Need, Step};
#[cfg(not(target_arch = "wasm32"))]
use thu_tuc_xa_core::flow::{FlowText, Note, OutcomeText, QuestionText};
#[cfg(not(target_arch = "wasm32"))]
use thu_tuc_xa_core::model::{Aliases, NoteAbout};
#[cfg(not(target_arch = "wasm32"))]
use thu_tuc_xa_core::model::{
    Basis, Change, Cite, Fact, FactKind, LegalDoc, LegalKind, LogEntry, LogWhy, Right, Status,
};
#[cfg(not(target_arch = "wasm32"))]
use thu_tuc_xa_core::model::{
    Channel, DocKind, Document, DocumentEntry, IndexEntry, Place, PlaceOf, Procedure,
};
use thu_tuc_xa_core::model::{DocumentInfo, Field, IndexField, ProcedureInfo, Text};
use thu_tuc_xa_core::places::{Bbox, OldProvince, Province};
#[cfg(not(target_arch = "wasm32"))]
use thu_tuc_xa_core::places::{
    Center, Commune, Office, OfficeKind, OfficeSource, OldDistrict, OldWard, Point, ProvinceDetails,
};

include!(concat!(env!("OUT_DIR"), "/content.rs"));

pub fn procedure(slug: &str) -> Option<&'static ProcedureInfo> {
    PROCEDURES.iter().find(|p| p.slug == slug)
}

/// A legal text of the register (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn legal_doc(id: &str) -> Option<&'static LegalDoc> {
    LEGAL_DOCS.iter().find(|d| d.id == id)
}

/// The full page of a procedure (native builds only: the wasm fetches it as HTML).
#[cfg(not(target_arch = "wasm32"))]
pub fn details(info: &ProcedureInfo) -> &'static Procedure {
    DETAILS
        .iter()
        .find(|d| d.info == info)
        .expect("every procedure has details")
}

pub fn document(id: &str) -> Option<&'static DocumentInfo> {
    DOCUMENTS.iter().find(|d| d.id == id)
}

/// A declaration form by its address segment.
pub fn form(slug: &str) -> Option<&'static thu_tuc_xa_core::form::FormInfo> {
    FORM_INFOS.iter().find(|f| f.slug == slug)
}

/// A form's questions and templates.
pub fn form_details(
    info: &thu_tuc_xa_core::form::FormInfo,
) -> &'static thu_tuc_xa_core::form::Form {
    FORMS
        .iter()
        .find(|f| f.slug == info.slug)
        .expect("every form's info has its form")
}

/// The form that fills a paper of the glossary, if there is one.
pub fn form_for(document: &DocumentInfo) -> Option<&'static thu_tuc_xa_core::form::FormInfo> {
    form(document.id)
}

/// A document's glossary entry in full (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn glossary_entry(info: &DocumentInfo) -> &'static DocumentEntry {
    GLOSSARY
        .iter()
        .find(|d| d.info == info)
        .expect("every document has an entry")
}

/// The procedures that ask for a document (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn procedures_needing(info: &DocumentInfo) -> impl Iterator<Item = &'static Procedure> + '_ {
    DETAILS
        .iter()
        .filter(move |p| p.documents.iter().any(|d| d.doc == info))
}

pub fn index_field(id: &str) -> Option<&'static IndexField> {
    INDEX_FIELDS.iter().find(|f| f.id == id)
}

/// The procedures of the national index in one of its fields (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn index_entries(field: &IndexField) -> impl Iterator<Item = &'static IndexEntry> + '_ {
    INDEX.iter().filter(move |e| e.field == field)
}

/// The procedure with a full page for a national code, if there is one.
pub fn procedure_by_code(code: &str) -> Option<&'static ProcedureInfo> {
    PROCEDURES.iter().find(|p| p.code == code)
}

pub fn field(id: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.id == id)
}

/// The procedures of a field, in content order.
pub fn procedures_in(field: &str) -> impl Iterator<Item = &'static ProcedureInfo> + '_ {
    PROCEDURES.iter().filter(move |p| p.field == field)
}

/// Fields that have at least one procedure: the ones worth showing.
pub fn fields_in_use() -> impl Iterator<Item = &'static Field> {
    FIELDS
        .iter()
        .filter(|f| PROCEDURES.iter().any(|p| p.field == f.id))
}

/// The flow of a life event.
pub fn flow(slug: &str) -> Option<&'static Flow> {
    FLOWS.iter().find(|f| f.slug == slug)
}

/// A flow's words (native builds only: the wasm gets them as HTML).
#[cfg(not(target_arch = "wasm32"))]
pub fn flow_text(flow: &Flow) -> &'static FlowText {
    FLOW_TEXTS
        .iter()
        .find(|t| t.flow == flow)
        .expect("every flow has its words")
}

pub fn province(slug: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.slug == slug)
}

pub fn old_province(slug: &str) -> Option<&'static OldProvince> {
    OLD_PROVINCES.iter().find(|p| p.slug == slug)
}

/// What the native builds know of a province beyond its name and box.
#[cfg(not(target_arch = "wasm32"))]
pub fn province_details(province: &Province) -> &'static ProvinceDetails {
    PROVINCE_DETAILS
        .iter()
        .find(|d| d.province == province)
        .expect("every province has details")
}

/// A province's communes, in the data's order (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn communes_in(province: &Province) -> impl Iterator<Item = &'static Commune> + '_ {
    COMMUNES.iter().filter(move |c| c.province == province)
}

/// A commune by its province and address (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn commune(province: &Province, slug: &str) -> Option<&'static Commune> {
    communes_in(province).find(|c| c.slug == slug)
}

/// The old wards that went, whole or in part, into a commune (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn old_wards_into(commune: &Commune) -> impl Iterator<Item = &'static OldWard> + '_ {
    OLD_WARDS
        .iter()
        .filter(move |w| w.to.iter().any(|c| std::ptr::eq(*c, commune)))
}

/// The old wards of an old province, district by district (native builds only).
#[cfg(not(target_arch = "wasm32"))]
pub fn old_wards_in(province: &OldProvince) -> impl Iterator<Item = &'static OldWard> + '_ {
    OLD_WARDS
        .iter()
        .filter(move |w| w.district.province == province)
}

/// Replaces `{name}` in a UI string.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    template.replace(&format!("{{{name}}}"), value)
}

/// A key that sorts Vietnamese text the way a reader expects: by letter, with
/// `đ` after `d` and tone marks ignored before they matter (a simple approximation of
/// Vietnamese collation, good enough for lists). Case is ignored for ASCII and the
/// Vietnamese letters by the table below, not by `char::to_lowercase`, whose
/// Unicode tables would weigh about 10 KB in the wasm.
pub fn sort_key(text: &str) -> Vec<(u32, u32)> {
    text.chars()
        .map(|c| {
            let (base, rank) = base_letter(c.to_ascii_lowercase());
            (base as u32, rank)
        })
        .collect()
}

/// The base letter of a Vietnamese character, lower or upper case, and a rank
/// among letters sharing it (`a` < `ă` < `â`, `d` < `đ`, `e` < `ê`, `o` < `ô` <
/// `ơ`, `u` < `ư`); tones rank 0. Other characters are their own base.
fn base_letter(c: char) -> (char, u32) {
    const GROUPS: [(&str, char, u32); 13] = [
        ("aàáảãạÀÁẢÃẠ", 'a', 0),
        ("ăằắẳẵặĂẰẮẲẴẶ", 'a', 1),
        ("âầấẩẫậÂẦẤẨẪẬ", 'a', 2),
        ("đĐ", 'd', 1),
        ("eèéẻẽẹÈÉẺẼẸ", 'e', 0),
        ("êềếểễệÊỀẾỂỄỆ", 'e', 1),
        ("iìíỉĩịÌÍỈĨỊ", 'i', 0),
        ("oòóỏõọÒÓỎÕỌ", 'o', 0),
        ("ôồốổỗộÔỒỐỔỖỘ", 'o', 1),
        ("ơờớởỡợƠỜỚỞỠỢ", 'o', 2),
        ("uùúủũụÙÚỦŨỤ", 'u', 0),
        ("ưừứửữựƯỪỨỬỮỰ", 'u', 1),
        ("ỳýỷỹỵỲÝỶỸỴ", 'y', 0),
    ];
    for (letters, base, rank) in GROUPS {
        if letters.contains(c) {
            return (base, rank);
        }
    }
    (c, 0)
}

/// The documents flows ask for only sometimes, counted over every outcome and
/// its procedures (native builds: the bench prints them): `(decided, open,
/// undecided)`. Decided: the answers that lead to the outcome, or the outcome
/// itself, say whether it is needed. Open: nothing the flow asks settles it, so
/// the checklist keeps it in its "only if this applies to you" line. Undecided:
/// open, although a question that settles one of its cases is asked on some way
/// to the outcome (but not all); the build refuses that, and this recounts it
/// from the built flows.
#[cfg(not(target_arch = "wasm32"))]
pub fn conditional_docs() -> (usize, usize, usize) {
    let (mut decided, mut open, mut undecided) = (0, 0, 0);
    for flow in &FLOWS {
        let Ok(paths) = flow.paths() else { continue };
        for (o, outcome) in flow.outcomes.iter().enumerate() {
            let o = o as u16;
            let here: Vec<_> = paths.iter().filter(|w| w.end == Node::Outcome(o)).collect();
            for (i, step) in outcome.steps.iter().enumerate() {
                let Some(p) = procedure(step.procedure).map(details) else {
                    continue;
                };
                // The ways to the outcome on which this step applies.
                let here: Vec<_> = here
                    .iter()
                    .filter(|w| step.when.is_none_or(|c| flow.holds(c, &w.path)))
                    .collect();
                for d in p.documents.iter().filter(|d| d.when.is_some()) {
                    match flow.need(o, i as u16, d.doc.id, d.case, true) {
                        Need::Maybe | Need::MaybeWhen(_) => {
                            open += 1;
                            let cases = d.case.unwrap_or_default().split('+');
                            let partly = cases.into_iter().any(|case| {
                                flow.questions.iter().enumerate().any(|(q, question)| {
                                    let asked = here
                                        .iter()
                                        .filter(|w| w.path.get(q as u16).is_some())
                                        .count();
                                    question.settles.iter().any(|(c, _, _)| *c == case)
                                        && asked > 0
                                        && asked < here.len()
                                })
                            });
                            undecided += usize::from(partly);
                        }
                        _ => decided += 1,
                    }
                }
            }
        }
    }
    (decided, open, undecided)
}

/// Every province's boundaries, parsed once (native builds: the pages' sketches).
#[cfg(not(target_arch = "wasm32"))]
pub fn boundaries() -> &'static [(&'static str, thu_tuc_xa_core::boundaries::Boundaries)] {
    static PARSED: std::sync::OnceLock<Vec<(&str, thu_tuc_xa_core::boundaries::Boundaries)>> =
        std::sync::OnceLock::new();
    PARSED.get_or_init(|| {
        BOUNDARY_FILES
            .iter()
            .map(|(code, text)| {
                let b = thu_tuc_xa_core::boundaries::Boundaries::parse(text)
                    .expect("the build checked every boundaries file");
                (*code, b)
            })
            .collect()
    })
}

/// A commune's boundary: its province's file and its area there.
#[cfg(not(target_arch = "wasm32"))]
pub fn boundary(c: &Commune) -> Option<(&'static thu_tuc_xa_core::boundaries::Boundaries, usize)> {
    let (_, b) = boundaries().iter().find(|(p, _)| *p == c.province.code)?;
    Some((b, b.find(c.code)?))
}

/// The communes that share a border with this one, in any province, in name order.
#[cfg(not(target_arch = "wasm32"))]
pub fn neighbours(c: &Commune) -> Vec<&'static Commune> {
    static TOUCHING: std::sync::OnceLock<
        std::collections::HashMap<&'static str, Vec<&'static str>>,
    > = std::sync::OnceLock::new();
    let map = TOUCHING
        .get_or_init(|| thu_tuc_xa_core::boundaries::touching(boundaries().iter().map(|(_, b)| b)));
    let mut found: Vec<&'static Commune> = map
        .get(c.code)
        .into_iter()
        .flatten()
        .filter_map(|code| COMMUNES.iter().find(|x| x.code == *code))
        .collect();
    found.sort_by_key(|x| (sort_key(x.name), x.code));
    found
}

#[cfg(test)]
mod tests {
    use super::sort_key;

    #[test]
    fn sorting_ignores_case_and_tones_and_puts_hats_after_plain_letters() {
        assert_eq!(sort_key("ĐÀ NẴNG"), sort_key("đà nẵng"));
        assert_eq!(sort_key("Ứng Hòa"), sort_key("ứng hoà"));
        let mut names = ["Ơn", "Ông", "Ô Môn", "on", "Đông", "Dương", "Yên", "ỷ"];
        names.sort_by_key(|n| sort_key(n));
        assert_eq!(
            names,
            ["Dương", "Đông", "on", "Ô Môn", "Ông", "Ơn", "ỷ", "Yên"]
        );
    }
}

//! The site's content, generated at build time from `content/` (see `build.rs`).
//!
//! Architecture invariant: pure data and lookups; no Leptos, no browser, no I/O.

#[cfg(not(target_arch = "wasm32"))]
use crate::model::{Channel, DocKind, Document, Place, Procedure};
use crate::model::{Field, Lang, ProcedureInfo, Text};

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The interface strings of a language.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

pub fn procedure(slug: &str) -> Option<&'static ProcedureInfo> {
    PROCEDURES.iter().find(|p| p.slug == slug)
}

/// The full page of a procedure (native builds only: the wasm fetches it as HTML).
#[cfg(not(target_arch = "wasm32"))]
pub fn details(info: &ProcedureInfo) -> &'static Procedure {
    DETAILS
        .iter()
        .find(|d| d.info == info)
        .expect("every procedure has details")
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

/// Replaces `{name}` in a UI string.
pub fn fill(template: &str, name: &str, value: &str) -> String {
    template.replace(&format!("{{{name}}}"), value)
}

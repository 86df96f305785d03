//! The site's content, generated at build time from `content/` (see `build.rs`).
//!
//! Architecture invariant: pure data and lookups; no Leptos, no browser, no I/O.

use crate::model::{Channel, DocKind, Document, Field, Lang, Place, Procedure, Text};

include!(concat!(env!("OUT_DIR"), "/content.rs"));

/// The interface strings of a language.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

pub fn procedure(slug: &str) -> Option<&'static Procedure> {
    PROCEDURES.iter().find(|p| p.slug == slug)
}

pub fn field(id: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.id == id)
}

/// The procedures of a field, in content order.
pub fn procedures_in(field: &str) -> impl Iterator<Item = &'static Procedure> + '_ {
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

// Keep the imports used by the generated code visibly used even when a list is empty.
#[allow(dead_code)]
fn _generated_types(_: Channel, _: DocKind, _: Place, _: &Document, _: Text) {}

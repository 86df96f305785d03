//! The shape of content files as editors write them: TOML deserialized into typed
//! structs that refuse unknown keys. Values that are checked further keep their
//! position (`Spanned`) so a problem can be reported at the exact line.

use serde::Deserialize;
use toml::Spanned;

/// A text in both languages: `name = { vi = "…", en = "…" }` or `name.vi = "…"`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct TextFm {
    pub vi: Spanned<String>,
    pub en: Spanned<String>,
}

/// The front matter of `content/thu-tuc/<slug>.md`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ProcedureFm {
    /// National code, `d.dddddd`.
    pub code: Spanned<String>,
    /// An `id` from `content/linh-vuc.toml`.
    pub field: Spanned<String>,
    /// The procedure's entry on dichvucong.gov.vn.
    pub portal_url: Spanned<String>,
    /// `YYYY-MM-DD`: when the facts were last checked against the sources.
    pub checked: Spanned<String>,
    pub sources: Spanned<Vec<Spanned<String>>>,
    pub legal_basis: Spanned<Vec<Spanned<String>>>,
    /// Ids of [`crate::model::Channel`].
    pub channels: Spanned<Vec<Spanned<String>>>,
    /// An id of [`crate::model::Place`].
    pub place: Spanned<String>,
    pub name: TextFm,
    pub summary: TextFm,
    pub who: TextFm,
    pub result: TextFm,
    pub time: TextFm,
    pub fee: TextFm,
    #[serde(default)]
    pub place_note: Option<TextFm>,
    #[serde(default)]
    pub exemptions: Vec<TextFm>,
    pub documents: Spanned<Vec<DocumentFm>>,
}

/// One `[[documents]]` entry.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct DocumentFm {
    /// An id of [`crate::model::DocKind`].
    pub kind: Spanned<String>,
    pub count: Spanned<i64>,
    pub name: TextFm,
    #[serde(default)]
    pub note: Option<TextFm>,
    #[serde(default)]
    pub when: Option<TextFm>,
    #[serde(default)]
    pub lacking: Option<TextFm>,
}

/// `content/linh-vuc.toml`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FieldsFile {
    pub field: Vec<FieldFm>,
}

/// One `[[field]]` entry.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FieldFm {
    pub id: Spanned<String>,
    pub name: TextFm,
    pub summary: TextFm,
}

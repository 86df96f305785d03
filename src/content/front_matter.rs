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

/// Other words people use for a page, for search: `aliases.vi = ["làm giấy khai
/// sinh"]`, `aliases.en = [...]`. Either list may be left out.
#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
pub struct AliasesFm {
    #[serde(default)]
    pub vi: Vec<Spanned<String>>,
    #[serde(default)]
    pub en: Vec<Spanned<String>>,
}

/// The front matter of `content/thu-tuc/<slug>.md`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ProcedureFm {
    /// National code, `d.dddddd`.
    pub code: Spanned<String>,
    /// An `id` from `content/linh-vuc.toml`.
    pub field: Spanned<String>,
    /// The procedure's entry on dichvucong.gov.vn, when the sources give one.
    #[serde(default)]
    pub portal_url: Option<Spanned<String>>,
    /// `YYYY-MM-DD`: when the facts were last checked against the sources.
    pub checked: Spanned<String>,
    pub sources: Spanned<Vec<Spanned<String>>>,
    pub legal_basis: Spanned<Vec<Spanned<String>>>,
    /// Ids of [`crate::model::Channel`].
    pub channels: Spanned<Vec<Spanned<String>>>,
    /// An id of [`crate::model::Place`].
    pub place: Spanned<String>,
    pub name: TextFm,
    #[serde(default)]
    pub aliases: AliasesFm,
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
    /// The id of a glossary entry (`content/giay-to/<id>.toml`).
    pub doc: Spanned<String>,
    /// An id of [`crate::model::DocKind`].
    pub kind: Spanned<String>,
    pub count: Spanned<i64>,
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

/// A glossary entry, `content/giay-to/<id>.toml`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct GlossaryFm {
    pub name: TextFm,
    #[serde(default)]
    pub aliases: AliasesFm,
    /// The official form number, if any.
    #[serde(default)]
    pub form: Option<Spanned<String>>,
    /// What it is.
    pub summary: TextFm,
    /// Where and how to get it.
    pub get: TextFm,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
}

/// `content/danh-muc/linh-vuc.toml`: the fields of the national index.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct IndexFieldsFile {
    pub field: Vec<IndexFieldFm>,
}

/// One `[[field]]` of the index.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct IndexFieldFm {
    pub id: Spanned<String>,
    /// The field's name exactly as in the CSV's `linh_vuc` column.
    pub source: Spanned<String>,
    pub name: TextFm,
}

/// `content/danh-muc/co-quan.toml`: the agencies of the CSV's `bo` column.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct AgenciesFile {
    pub agency: Vec<AgencyFm>,
}

/// One `[[agency]]`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct AgencyFm {
    pub id: Spanned<String>,
    pub name: TextFm,
}

/// One row of `content/danh-muc/thu-tuc-cap-xa.csv`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct IndexRowCsv {
    pub ma_thu_tuc: String,
    pub ten_thu_tuc: String,
    pub bo: String,
    pub linh_vuc: String,
    pub cap_thuc_hien: String,
    pub so_quyet_dinh: String,
    pub hinh_thuc_nop: String,
    pub detail_url: String,
}

/// A life event's flow, `content/su-kien/<slug>.toml`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FlowFm {
    /// Position in lists of life events (1 first).
    pub order: Spanned<i64>,
    pub name: TextFm,
    #[serde(default)]
    pub aliases: AliasesFm,
    pub summary: TextFm,
    /// The id of the first question.
    pub start: Spanned<String>,
    pub question: Spanned<Vec<QuestionFm>>,
    pub outcome: Spanned<Vec<OutcomeFm>>,
}

/// A condition: `{ question = "option" }` or `{ question = ["a", "b"] }`; with
/// several questions, all must hold.
pub type WhenFm = Spanned<std::collections::BTreeMap<Spanned<String>, Spanned<OneOrMany>>>;

/// One option id, or a list of them.
#[derive(Deserialize, Debug)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    pub fn items(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// One `[[question]]`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct QuestionFm {
    pub id: Spanned<String>,
    pub text: TextFm,
    #[serde(default)]
    pub hint: Option<TextFm>,
    pub option: Spanned<Vec<OptionFm>>,
    /// Tried in order; the first whose `when` holds chooses the next node.
    #[serde(default)]
    pub branch: Vec<BranchFm>,
    /// The next node when no branch holds.
    pub next: Spanned<String>,
}

/// One option of a question: `{ id = "…", vi = "…", en = "…" }`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct OptionFm {
    pub id: Spanned<String>,
    pub vi: Spanned<String>,
    pub en: Spanned<String>,
}

/// `{ when = { … }, go = "node" }`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct BranchFm {
    pub when: WhenFm,
    pub go: Spanned<String>,
}

/// One `[[outcome]]`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct OutcomeFm {
    pub id: Spanned<String>,
    pub title: TextFm,
    /// Why these answers lead here.
    pub why: TextFm,
    pub step: Spanned<Vec<StepFm>>,
    #[serde(default)]
    pub note: Vec<NoteFm>,
    #[serde(default)]
    pub document: Vec<DocRuleFm>,
}

/// One `[[outcome.step]]`: a procedure to do.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct StepFm {
    /// The slug of a procedure (`content/thu-tuc/<slug>.md`).
    pub procedure: Spanned<String>,
    #[serde(default)]
    pub when: Option<WhenFm>,
    /// What this step is for, in this situation.
    #[serde(default)]
    pub why: Option<TextFm>,
}

/// One `[[outcome.note]]`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct NoteFm {
    /// An id of [`crate::model::NoteAbout`]: where the note is shown.
    pub about: Spanned<String>,
    #[serde(default)]
    pub when: Option<WhenFm>,
    pub text: TextFm,
}

/// One `[[outcome.document]]`: in this outcome, a document is needed only when `when` holds.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct DocRuleFm {
    pub doc: Spanned<String>,
    pub when: WhenFm,
}

/// `content/su-kien/kich-ban/<slug>.toml`: expected results for given answers.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ScenariosFile {
    pub scenario: Vec<ScenarioFm>,
}

/// One `[[scenario]]`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFm {
    pub name: Spanned<String>,
    /// `{ question = "option", … }`: a complete set of answers.
    pub answers: Spanned<std::collections::BTreeMap<String, String>>,
    /// The outcome's id.
    pub outcome: Spanned<String>,
    /// The national codes of the procedures that apply, in order.
    pub procedures: Spanned<Vec<String>>,
    /// Documents that must be on the checklist.
    #[serde(default)]
    pub documents: Vec<Spanned<String>>,
    /// Documents that must not be on the checklist.
    #[serde(default)]
    pub absent: Vec<Spanned<String>>,
}

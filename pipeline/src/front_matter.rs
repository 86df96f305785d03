//! The shape of content files as editors write them: TOML deserialized into typed
//! structs that refuse unknown keys. Values that are checked further keep their
//! position (`Spanned`) so a problem can be reported at the exact line.

use serde::Deserialize;
use toml::Spanned;

/// A text in both languages: `name = { vi = "…", en = "…" }` or `name.vi = "…"`.
#[derive(Deserialize, Debug, Clone)]
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
    /// The independent re-check by a second reader: when, and against what.
    #[serde(default)]
    pub reviewed: Option<ReviewFm>,
    pub sources: Spanned<Vec<Spanned<String>>>,
    /// Ids of the register (`content/van-ban/<id>.toml`).
    pub legal_basis: Spanned<Vec<Spanned<String>>>,
    /// For a text of `legal_basis` no longer in force that the page still relies
    /// on: why (`legal_basis_why.<id>.vi = "…"`).
    #[serde(default)]
    pub legal_basis_why: std::collections::BTreeMap<Spanned<String>, TextFm>,
    /// Ids of [`thu_tuc_xa_core::model::Channel`].
    pub channels: Spanned<Vec<Spanned<String>>>,
    /// The sources of `channels`.
    #[serde(default)]
    pub channels_cite: Vec<CiteFm>,
    /// An id of [`thu_tuc_xa_core::model::Place`].
    pub place: Spanned<String>,
    /// An id of [`thu_tuc_xa_core::model::PlaceOf`]: whose commune or province it is.
    #[serde(default)]
    pub place_of: Option<Spanned<String>>,
    /// The sources of `place` (and `place_note`).
    #[serde(default)]
    pub place_cite: Vec<CiteFm>,
    pub name: TextFm,
    #[serde(default)]
    pub aliases: AliasesFm,
    pub summary: TextFm,
    pub who: FactFm,
    /// The deadline the person must meet (within 60 days of the birth…).
    #[serde(default)]
    pub deadline: Option<FactFm>,
    pub result: TextFm,
    pub time: FactFm,
    pub fee: FactFm,
    #[serde(default)]
    pub place_note: Option<TextFm>,
    #[serde(default)]
    pub exemptions: Vec<FactFm>,
    pub documents: Spanned<Vec<DocumentFm>>,
    /// Rules already announced for a later date.
    #[serde(default)]
    pub change: Vec<ChangeFm>,
    /// The change log, newest first.
    #[serde(default)]
    pub log: Vec<LogFm>,
}

/// One `[[log]]`: what changed on the page for the reader, when and why.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct LogFm {
    pub date: Spanned<String>,
    /// An id of [`thu_tuc_xa_core::model::LogWhy`].
    pub why: Spanned<String>,
    /// With `why = "law"`: the text of the register that caused it.
    #[serde(default)]
    pub law: Option<Spanned<String>>,
    pub vi: Spanned<String>,
    pub en: Spanned<String>,
}

/// `reviewed.date = "…"`, `reviewed.note = "…"`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ReviewFm {
    pub date: Spanned<String>,
    /// Which texts and articles the check used, and what it changed.
    pub note: Spanned<String>,
}

/// A citation: `{ doc = "75-2022-tt-btc", art = "Điều 3", quote = "…" }`, or
/// `{ doc = "cong-dvc", quote = "…" }` for the procedure's portal record.
#[derive(Deserialize, Debug, Clone)]
#[serde(deny_unknown_fields)]
pub struct CiteFm {
    pub doc: Spanned<String>,
    #[serde(default)]
    pub art: Option<Spanned<String>>,
    pub quote: Spanned<String>,
}

/// A hard fact: its text in both languages, its sources, whether it is settled,
/// and the dates it applies.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct FactFm {
    pub vi: Spanned<String>,
    pub en: Spanned<String>,
    #[serde(default)]
    pub cite: Vec<CiteFm>,
    /// An id of [`thu_tuc_xa_core::model::Status`]; `settled` when left out.
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    /// Why it varies or is unsettled.
    #[serde(default)]
    pub reason: Option<TextFm>,
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    #[serde(default)]
    pub until: Option<Spanned<String>>,
    /// Of `time` only: its base case in words a program reads (`5 ngày làm việc`,
    /// `30 ngày`, `trong ngày`, `ngay`), for the dossier card's expected date; the
    /// words must be in a quote of a legal text among `cite`.
    #[serde(default)]
    pub limit: Option<Spanned<String>>,
}

impl FactFm {
    pub fn text(&self) -> TextFm {
        TextFm {
            vi: self.vi.clone(),
            en: self.en.clone(),
        }
    }
}

/// One `[[change]]`: the rule for a fact from a later date.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct ChangeFm {
    /// `who`, `time`, `fee`, `deadline`, `place` or `channels`.
    pub fact: Spanned<String>,
    pub from: Spanned<String>,
    pub vi: Spanned<String>,
    pub en: Spanned<String>,
    #[serde(default)]
    pub cite: Vec<CiteFm>,
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    #[serde(default)]
    pub reason: Option<TextFm>,
}

/// A legal text of the register, `content/van-ban/<id>.toml`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct LegalDocFm {
    /// As printed: `75/2022/TT-BTC`. The file name is this, folded.
    pub number: Spanned<String>,
    /// An id of [`thu_tuc_xa_core::model::LegalKind`].
    pub kind: Spanned<String>,
    /// The title, without the number.
    pub name: TextFm,
    /// The name people know a law by (`Luật Cư trú 2020`).
    #[serde(default)]
    pub short: Option<TextFm>,
    pub issuer: TextFm,
    pub signed: Spanned<String>,
    pub in_force: Spanned<String>,
    /// The last day in force, when a text says it lapses.
    #[serde(default)]
    pub until: Option<Spanned<String>>,
    #[serde(default)]
    pub replaced_by: Option<Spanned<String>>,
    #[serde(default)]
    pub amended_by: Vec<Spanned<String>>,
    /// An official address of the text.
    #[serde(default)]
    pub link: Option<Spanned<String>>,
    /// Where the text was read.
    pub read: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub note: Option<TextFm>,
}

/// One `[[documents]]` entry.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct DocumentFm {
    /// The id of a glossary entry (`content/giay-to/<id>.toml`).
    pub doc: Spanned<String>,
    /// An id of [`thu_tuc_xa_core::model::DocKind`].
    pub kind: Spanned<String>,
    pub count: Spanned<i64>,
    #[serde(default)]
    pub note: Option<TextFm>,
    #[serde(default)]
    pub when: Option<TextFm>,
    /// For a document needed only sometimes (`when`): the id of that situation
    /// (`nha-thue`, `nop-truc-tiep`), which a flow's question may settle.
    /// Several ids when it takes all of them (`["ve-o-voi-nguoi-than",
    /// "ngoai-csdl"]`: moving in with a relative, and the relation not on record).
    #[serde(default)]
    pub case: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pub lacking: Option<TextFm>,
    #[serde(default)]
    pub cite: Vec<CiteFm>,
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    #[serde(default)]
    pub reason: Option<TextFm>,
    #[serde(default)]
    pub from: Option<Spanned<String>>,
    #[serde(default)]
    pub until: Option<Spanned<String>>,
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
    /// The independent check of its factual claims.
    pub reviewed: Option<ReviewFm>,
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

/// One row of `content/danh-muc/ten-tieng-anh.csv`: our English name of a
/// procedure of the index.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct EnglishNameCsv {
    pub ma_thu_tuc: String,
    pub ten_tieng_anh: String,
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
    /// The independent check of its questions, answers and outcomes.
    pub reviewed: Option<ReviewFm>,
    /// The change log, newest first.
    #[serde(default)]
    pub log: Vec<LogFm>,
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
    /// The cases (of documents needed only sometimes) this question settles:
    /// `{ nha-thue = ["thue", "o-nho"] }`, the case applies exactly when the
    /// answer is one of these options; or `{ nha-thue = { yes = ["thue"], maybe
    /// = ["nguoi-than", "khong-ro"] } }` when some answers leave it open.
    #[serde(default)]
    pub settles: std::collections::BTreeMap<Spanned<String>, Spanned<SettlesFm>>,
}

/// What the answers to a question say of a case: the options under which it
/// applies, and (optionally) those that leave it open.
#[derive(Deserialize, Debug)]
#[serde(untagged)]
pub enum SettlesFm {
    Yes(OneOrMany),
    Split {
        yes: OneOrMany,
        #[serde(default)]
        maybe: Option<OneOrMany>,
    },
}

impl SettlesFm {
    /// The options under which the case applies, and those that leave it open.
    pub fn options(&self) -> (Vec<&str>, Vec<&str>) {
        match self {
            SettlesFm::Yes(yes) => (yes.items(), Vec::new()),
            SettlesFm::Split { yes, maybe } => (
                yes.items(),
                maybe.as_ref().map(OneOrMany::items).unwrap_or_default(),
            ),
        }
    }
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
    /// The procedures to do; none for an outcome that needs no procedure
    /// (not allowed to register, exempt from a permit…).
    #[serde(default)]
    pub step: Vec<StepFm>,
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
    /// Cases of this procedure's documents that this outcome itself settles:
    /// `{ nha-thue = false }` (a newborn joins its parents, never a rented home).
    #[serde(default)]
    pub given: std::collections::BTreeMap<Spanned<String>, Spanned<bool>>,
    /// Where this step is filed in this situation, when the procedure's place
    /// depends on the case (`by-case`) or is tied to someone the outcome knows:
    /// an id of [`thu_tuc_xa_core::model::Place`], with `place_of`.
    #[serde(default)]
    pub place: Option<Spanned<String>>,
    #[serde(default)]
    pub place_of: Option<Spanned<String>>,
}

/// One `[[outcome.note]]`.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct NoteFm {
    /// An id of [`thu_tuc_xa_core::model::NoteAbout`]: where the note is shown.
    pub about: Spanned<String>,
    #[serde(default)]
    pub when: Option<WhenFm>,
    pub text: TextFm,
    /// The note's last day, for a rule that lapses (`2027-02-28`).
    #[serde(default)]
    pub until: Option<Spanned<String>>,
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
    /// Documents that must be in the checklist's "only if this applies to you"
    /// line (needed in a situation these answers do not settle).
    #[serde(default)]
    pub maybe: Vec<Spanned<String>>,
    /// Per form on the checklist: every field these answers fill in, and its
    /// value (`[[prefill]]` of `content/bieu-mau/`).
    #[serde(default)]
    pub filled:
        std::collections::BTreeMap<String, Spanned<std::collections::BTreeMap<String, String>>>,
    /// Per form on the checklist: every field these answers leave blank.
    #[serde(default)]
    pub left_blank: std::collections::BTreeMap<String, Spanned<Vec<String>>>,
}

/// `content/quyen-cua-ban.toml`: the rights page.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct RightsFile {
    pub right: Vec<RightFm>,
}

/// One `[[right]]`: a heading and the rule, a hard fact with its sources.
#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
pub struct RightFm {
    /// The anchor on the page (`#giay-to-cu`).
    pub id: Spanned<String>,
    pub title: TextFm,
    pub fact: FactFm,
}

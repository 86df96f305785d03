//! The content model as the site uses it at run time: plain data, all `'static`,
//! generated at build time from `content/` by the content pipeline (`thu-tuc-xa-content`).
//!
//! Architecture invariant: this module knows nothing of Leptos, the browser, files
//! or parsing. It is shared verbatim with `build.rs`, so it may not refer to other
//! modules of the crate.

/// A language of the interface and the content. Vietnamese comes first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Vi,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The BCP 47 tag used in `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The URL prefix of the language: Vietnamese lives at the root, English under `/en`.
    pub fn prefix(self) -> &'static str {
        match self {
            Lang::Vi => "",
            Lang::En => "/en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }
}

/// Content items are equal when their ids are: two values with the same id are the
/// same item (and comparing ids is all a route change needs).
macro_rules! identified_by {
    ($type:ty, $id:ident) => {
        impl PartialEq for $type {
            fn eq(&self, other: &Self) -> bool {
                self.$id == other.$id
            }
        }
        impl Eq for $type {}
    };
}

/// An interface string that says a count, in the forms its language has
/// (`content/i18n/*.toml`: `{ one = "1 result", other = "{n} results" }`;
/// Vietnamese has one form, both fields the same).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

impl Plural {
    /// The form for `n`, its `{n}` not yet filled (for a count written apart).
    pub fn form(&self, n: usize) -> &'static str {
        if n == 1 {
            self.one
        } else {
            self.other
        }
    }

    /// The form for `n` with `{n}` filled.
    pub fn of(&self, n: usize) -> String {
        self.with(n, &n.to_string())
    }

    /// The form for `n` with `{n}` filled by `shown` (the count as the page
    /// writes it: `1.234`, `1,234`).
    pub fn with(&self, n: usize, shown: &str) -> String {
        self.form(n).replace("{n}", shown)
    }
}

/// A text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub vi: &'static str,
    pub en: &'static str,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

/// Other words people use for a page (content's `aliases`), for search.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Aliases {
    pub vi: &'static [&'static str],
    pub en: &'static [&'static str],
}

impl Aliases {
    pub fn get(&self, lang: Lang) -> &'static [&'static str] {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

/// A closed vocabulary used in content files: each value has the id editors write.
pub trait Vocabulary: Copy + 'static {
    const ALL: &'static [Self];

    /// The id written in content files.
    fn id(self) -> &'static str;

    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.id() == id)
    }

    /// Every id, comma-separated, for error messages.
    fn known() -> String {
        Self::ALL
            .iter()
            .map(|v| v.id())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Declares an enum and its [`Vocabulary`] implementation.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl Vocabulary for $name {
            const ALL: &'static [$name] = &[$($name::$variant,)+];

            fn id(self) -> &'static str {
                match self {
                    $($name::$variant => $id,)+
                }
            }
        }
    };
}

vocabulary! {
    /// How a dossier can be submitted.
    Channel {
        /// At the counter of the service centre (or the commune police).
        InPerson = "in-person",
        /// By public post (bưu chính công ích).
        Post = "post",
        /// Online on the National Public Service Portal (dichvucong.gov.vn).
        NationalPortal = "national-portal",
        /// Online in the VNeID app.
        Vneid = "vneid",
        /// By the phone number, email address or website the office announces or
        /// posts publicly (a stay report, a temporary-absence declaration).
        PhoneEmail = "phone-email",
    }
}

impl Channel {
    /// Filed on a portal or in an app, not at a counter, by post or by phone.
    pub fn is_online(self) -> bool {
        matches!(self, Channel::NationalPortal | Channel::Vneid)
    }
}

vocabulary! {
    /// Which office is responsible for a person's dossier.
    Place {
        /// The service centre of any commune in the country.
        AnyCommune = "any-commune",
        /// The service centre of any commune in the person's province.
        AnyCommuneInProvince = "any-commune-in-province",
        /// The service centre of the commune where the person resides (or the event happened).
        ResidenceCommune = "residence-commune",
        /// The commune where the land, house or works are, wherever the person lives.
        PropertyCommune = "property-commune",
        /// The office that keeps the original register (sổ gốc) of the paper.
        RecordOffice = "record-office",
        /// The police of the commune where the person resides.
        CommunePolice = "commune-police",
        /// The police of any commune in the country.
        AnyCommunePolice = "any-commune-police",
        /// The social insurance agency (Bảo hiểm xã hội), not the commune.
        SocialInsuranceOffice = "social-insurance-office",
        /// Online only; there is no counter.
        OnlineOnly = "online-only",
        /// The military command of a commune (Ban Chỉ huy quân sự cấp xã).
        CommuneMilitary = "commune-military",
        /// Depends on the case; the procedure's `place_note` says where, and an
        /// outcome whose answers settle the case names one place for its step.
        ByCase = "by-case",
    }
}

vocabulary! {
    /// Whose commune, province or home a [`Place`] is: "where the land is", "where
    /// the household business has its seat". Without it a page would say "where
    /// you live" for the land's commune, the new home's police or the commune of
    /// the person who needs an allowance.
    PlaceOf {
        /// Where the person filing lives.
        You = "you",
        /// Where the person filing has permanent residence.
        Permanent = "permanent",
        /// Where the person filing is staying on temporary residence.
        Temporary = "temporary",
        /// Where the household lives.
        Household = "household",
        /// Where the household has permanent residence.
        HouseholdPermanent = "household-permanent",
        /// Where the home being registered is.
        NewHome = "new-home",
        /// Where the house or lodging a guest stays at is.
        Lodging = "lodging",
        /// Where the temporary residence to be removed was registered.
        RegisteredTemporary = "registered-temporary",
        /// Where the permanent residence to be removed was registered.
        RegisteredPermanent = "registered-permanent",
        /// Where the person filing lives now, before moving away.
        Leaving = "leaving",
        /// Where the person who needs the social support lives.
        Beneficiary = "beneficiary",
        /// Where the person with a disability lives.
        Disabled = "disabled",
        /// The commune that manages the file of the person with meritorious service.
        VeteranFile = "veteran-file",
        /// Where the deceased received the allowance.
        AllowancePaid = "allowance-paid",
        /// Where the land is.
        Land = "land",
        /// Where the land, house or works are.
        Property = "property",
        /// Where the house or works are.
        Building = "building",
        /// Where the house will be built.
        BuildSite = "build-site",
        /// Where the household business has its seat.
        BusinessSeat = "business-seat",
    }
}

impl PlaceOf {
    /// Whether the commune meant is the filer's own, so that the commune they
    /// saved on this device is the right one to offer.
    pub fn own(self) -> bool {
        matches!(
            self,
            Self::You
                | Self::Permanent
                | Self::Temporary
                | Self::Leaving
                | Self::Household
                | Self::HouseholdPermanent
        )
    }
}

impl Place {
    /// Whether a page must say whose place it is ([`PlaceOf`]): a commune, a
    /// province or a police office tied to someone or something.
    pub fn needs_of(self) -> bool {
        matches!(
            self,
            Self::AnyCommuneInProvince
                | Self::ResidenceCommune
                | Self::PropertyCommune
                | Self::CommuneMilitary
        )
    }

    /// Whether a page may say whose place it is.
    pub fn takes_of(self) -> bool {
        self.needs_of() || self == Self::CommunePolice
    }
}

vocabulary! {
    /// What the citizen hands over for one document.
    DocKind {
        /// Hand in the original (bản chính); it stays with the dossier.
        Original = "original",
        /// Hand in a copy (bản sao or bản chụp).
        Copy = "copy",
        /// Hand in a certified copy (bản sao có chứng thực).
        CertifiedCopy = "certified-copy",
        /// Show the original at the counter; it is handed back (xuất trình).
        Show = "show",
    }
}

vocabulary! {
    /// Where a note of a flow's outcome is shown.
    NoteAbout {
        /// At the top, as a caution: the answers leave doubt, ask the staff.
        Doubt = "doubt",
        /// Above the checklist.
        Documents = "documents",
        /// With the fee.
        Fee = "fee",
        /// With the processing time.
        Time = "time",
        /// With where to go.
        Where = "where",
        /// Under "what happens next".
        Next = "next",
    }
}

vocabulary! {
    /// How sure a hard fact is.
    Status {
        /// The law settles it: written plainly, without a hedge.
        Settled = "settled",
        /// Each province decides (its People's Council or People's Committee).
        Varies = "varies",
        /// Not settled: two sources disagree, or the law changed and no guidance exists yet.
        Unsettled = "unsettled",
    }
}

vocabulary! {
    /// The hard facts of a procedure that a `[[change]]` can announce a new rule for.
    FactKind {
        Who = "who",
        Time = "time",
        Fee = "fee",
        Deadline = "deadline",
        Place = "place",
        Channels = "channels",
    }
}

vocabulary! {
    /// The kind of a legal text of the register.
    LegalKind {
        Constitution = "hien-phap",
        Law = "luat",
        Ordinance = "phap-lenh",
        AssemblyResolution = "nghi-quyet-qh",
        StandingCommitteeResolution = "nghi-quyet-ubtvqh",
        Decree = "nghi-dinh",
        GovernmentResolution = "nghi-quyet-cp",
        PrimeMinisterDecision = "quyet-dinh-ttg",
        Circular = "thong-tu",
        JointCircular = "thong-tu-lien-tich",
        Decision = "quyet-dinh",
        Consolidated = "van-ban-hop-nhat",
    }
}

/// A legal text of the register (`content/van-ban/<id>.toml`), native builds only.
#[derive(Debug)]
pub struct LegalDoc {
    /// The number, folded: `75-2022-tt-btc`.
    pub id: &'static str,
    /// As printed: `75/2022/TT-BTC`.
    pub number: &'static str,
    pub kind: LegalKind,
    pub name: Text,
    /// How the pages name it: the short name people know, or kind and number.
    pub short: Text,
    pub issuer: Text,
    pub signed: &'static str,
    pub in_force: &'static str,
    /// The last day in force, when a text says it lapses.
    pub until: Option<&'static str>,
    pub replaced_by: Option<&'static str>,
    pub amended_by: &'static [&'static str],
    pub link: Option<&'static str>,
    pub read: &'static [&'static str],
    pub note: Option<Text>,
}

identified_by!(LegalDoc, id);

/// Where a hard fact comes from: an article of a legal text, or the procedure's
/// record on the national portal (`doc: None`), with a short quote in Vietnamese.
#[derive(Debug)]
pub struct Cite {
    pub doc: Option<&'static LegalDoc>,
    pub art: Option<&'static str>,
    pub quote: &'static str,
}

/// Where a rule comes from, how sure it is, and the dates it applies: what a
/// hard fact and a document asked for have in common.
#[derive(Debug)]
pub struct Basis {
    pub cite: &'static [Cite],
    pub status: Status,
    /// Why it varies or is unsettled.
    pub reason: Option<Text>,
    /// ISO dates between which it applies (both days included).
    pub from: Option<&'static str>,
    pub until: Option<&'static str>,
}

/// A hard fact: who may apply, the time, the fee, an exemption, the deadline…
#[derive(Debug)]
pub struct Fact {
    pub text: Text,
    pub basis: Basis,
}

/// A rule announced for a later date: from `fact.basis.from`, `kind` reads `fact`.
#[derive(Debug)]
pub struct Change {
    pub kind: FactKind,
    pub fact: Fact,
}

vocabulary! {
    /// Why a page changed: an entry of its change log.
    LogWhy {
        /// The page was first published.
        New = "new",
        /// A legal text came into force, was amended or was announced.
        Law = "law",
        /// A fact was wrong and is now right.
        Correction = "correction",
        /// Something readers can use was added, nothing having been wrong.
        Addition = "addition",
    }
}

/// One entry of a procedure's or a flow's change log (`[[log]]`): what changed
/// for the reader, when and why. Native builds only reach it (pages, feeds).
#[derive(Debug)]
pub struct LogEntry {
    /// ISO date of the change.
    pub date: &'static str,
    pub why: LogWhy,
    /// With [`LogWhy::Law`]: the id of the text in the register.
    pub law: Option<&'static str>,
    pub text: Text,
}

/// One right of the rights page: a heading and the rule with its sources.
#[derive(Debug)]
pub struct Right {
    pub id: &'static str,
    pub title: Text,
    pub fact: Fact,
}

/// A field of procedures (lĩnh vực), such as civil status.
#[derive(Debug)]
pub struct Field {
    pub id: &'static str,
    pub name: Text,
    pub summary: Text,
}

identified_by!(Field, id);

/// What every build knows of a document of the glossary (`content/giay-to/`).
#[derive(Debug)]
pub struct DocumentInfo {
    /// URL segment, from the file name.
    pub id: &'static str,
    /// Native builds only: the wasm takes a page's heading from its HTML.
    #[cfg(not(target_arch = "wasm32"))]
    pub name: Text,
}

identified_by!(DocumentInfo, id);

/// A document's glossary entry in full (native builds only).
#[derive(Debug)]
pub struct DocumentEntry {
    pub info: &'static DocumentInfo,
    pub aliases: Aliases,
    /// The official form number, e.g. `CT01`.
    pub form: Option<&'static str>,
    /// What it is.
    pub summary: Text,
    /// Where and how to get it.
    pub get: Text,
    pub sources: &'static [&'static str],
}

/// One document a procedure asks for: a glossary entry, and how this procedure
/// wants it.
#[derive(Debug)]
pub struct Document {
    pub doc: &'static DocumentInfo,
    pub kind: DocKind,
    pub count: u32,
    /// A detail specific to this procedure.
    pub note: Option<Text>,
    /// The condition under which it is needed; `None` means always.
    pub when: Option<Text>,
    /// The ids of that condition's situations (`content`'s `case`), joined by
    /// `+`: what a flow's answers may settle ([`crate::flow::Flow::need`]).
    pub case: Option<&'static str>,
    /// What to do without it.
    pub lacking: Option<Text>,
    pub basis: Basis,
}

/// What every build knows of a procedure with a full page: enough to recognise its
/// address and title it. This is all of a procedure that reaches the wasm.
#[derive(Debug)]
pub struct ProcedureInfo {
    /// URL segment, from the content file name.
    pub slug: &'static str,
    /// The national code, e.g. `1.001193`.
    pub code: &'static str,
    pub field: &'static str,
    /// Native builds only: the wasm takes a page's heading from its HTML.
    #[cfg(not(target_arch = "wasm32"))]
    pub name: Text,
}

identified_by!(ProcedureInfo, slug);

/// A procedure's full page. Only native builds hold these (the prerenderer writes
/// each page, and an HTML fragment the wasm fetches on client-side navigation).
#[derive(Debug)]
pub struct Procedure {
    pub info: &'static ProcedureInfo,
    pub aliases: Aliases,
    /// One sentence: what the procedure is for.
    pub summary: Text,
    /// Its entry on dichvucong.gov.vn, when the sources give one.
    pub portal_url: Option<&'static str>,
    /// ISO date the facts were last checked against the sources.
    pub checked: &'static str,
    /// ISO date of the independent re-check by a second reader, if done.
    pub reviewed: Option<&'static str>,
    pub sources: &'static [&'static str],
    /// The legal texts it rests on, each with the reason when it is no longer in force.
    pub legal_basis: &'static [(&'static LegalDoc, Option<Text>)],
    pub channels: &'static [Channel],
    pub channels_cite: &'static [Cite],
    pub place: Place,
    /// Whose place it is, where [`Place::takes_of`].
    pub place_of: Option<PlaceOf>,
    pub place_cite: &'static [Cite],
    pub who: Fact,
    pub deadline: Option<Fact>,
    pub result: Text,
    pub time: Fact,
    /// The base case of `time` a program can count with (the dossier card).
    pub time_limit: Option<crate::calendar::Limit>,
    /// Its last day, when the texts that state it end on a known date (ISO).
    pub time_limit_until: Option<&'static str>,
    pub fee: Fact,
    pub place_note: Option<Text>,
    pub exemptions: &'static [Fact],
    pub documents: &'static [Document],
    /// Rules announced for later dates.
    pub changes: &'static [Change],
    /// What changed on the page, newest first.
    pub log: &'static [LogEntry],
    /// The body (steps, notes) rendered to HTML at build time.
    pub body_html: Text,
}

impl Procedure {
    /// The announced changes of one fact, in date order.
    pub fn changes_of(&self, kind: FactKind) -> impl Iterator<Item = &'static Change> {
        self.changes.iter().filter(move |c| c.kind == kind)
    }

    pub fn is_online(&self) -> bool {
        self.channels.iter().any(|c| c.is_online())
    }

    /// Whether every way to file is online (a phone call or an email is not).
    pub fn is_online_only(&self) -> bool {
        self.channels.iter().all(|c| c.is_online())
    }
}

/// A field of the national index of commune-level procedures.
#[derive(Debug)]
pub struct IndexField {
    pub id: &'static str,
    pub name: Text,
    /// How many procedures of the index are in this field.
    pub count: u32,
}

identified_by!(IndexField, id);

/// One procedure of the national index (native builds only): its official name,
/// in Vietnamese as on the national portal, and our English translation.
#[derive(Debug)]
pub struct IndexEntry {
    pub code: &'static str,
    pub name: &'static str,
    /// A translation of `name`, shown as such.
    pub name_en: &'static str,
    pub field: &'static IndexField,
    /// The ministry or body responsible.
    pub agency: Text,
    /// The decision that published it.
    pub decision: &'static str,
    pub channels: &'static [Channel],
    /// Its entry on dichvucong.gov.vn.
    pub url: &'static str,
}

/// Formats an ISO date (`2026-11-23`) the way each language writes dates.
pub fn format_date(iso: &str, lang: Lang) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return iso.to_string();
    };
    match lang {
        Lang::Vi => format!("{d}/{m}/{y}"),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let month = m
                .parse::<usize>()
                .ok()
                .and_then(|m| MONTHS.get(m.wrapping_sub(1)));
            match (month, d.parse::<u32>()) {
                (Some(month), Ok(day)) => format!("{day} {month} {y}"),
                _ => iso.to_string(),
            }
        }
    }
}

/// What an office of a commune is (`crate::places::Office`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeKind {
    /// The Public Administration Service Centre (its main office).
    Centre,
    /// A numbered service point of the centre.
    ServicePoint,
    /// The People's Committee's headquarters.
    Committee,
    /// Where the map site says the commune's administrative centre is.
    AdminCentre,
}

/// Which copy of the national administrative map site's data an office comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeSource {
    /// `thinhpxp/sapnhap_v7.1`, table `ward_admin_centers`.
    Sapnhap,
    /// `thanglequoc/vietnamese-provinces-database`, the communes' GeoJSON.
    Vpd,
}

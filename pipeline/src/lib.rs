//! The content pipeline: `content/` → validated data → Rust source for the site.
//!
//! Stages, each its own module: split a file into front matter and body, deserialize
//! the front matter ([`front_matter`]), render markdown ([`markdown`]), validate
//! cross-references, then generate code ([`codegen`]). Every problem is collected as a
//! [`Diagnostic`] with `path:line:column`, so an editor sees all of them at once.
//!
//! Architecture invariants: this module never reaches the wasm (it is compiled into
//! `build.rs` and into native test builds only); it knows nothing of Leptos. Only
//! [`load`] touches the file system; [`build`] is pure.

mod body;
pub mod boundaries;
pub mod calendar;
pub mod codegen;
pub mod diag;
pub mod facts;
pub mod flow;
pub mod form;
pub mod front_matter;
mod hedges;
pub mod index;
pub mod markdown;
pub mod offices;
pub mod places;
pub mod register;
pub mod scenario;
mod validate;

use std::collections::BTreeSet;
use std::path::Path;

use diag::Diagnostics;
pub use diag::{report, Diagnostic, Source};
use front_matter::{FieldFm, GlossaryFm, ProcedureFm};

/// A procedure that passed every check.
#[derive(Debug)]
pub struct ParsedProcedure {
    pub slug: String,
    pub fm: ProcedureFm,
    pub body_vi: String,
    pub body_en: String,
    /// Its hard facts, counted.
    pub counts: facts::FactCounts,
    /// Its change log, checked.
    pub log: &'static [thu_tuc_xa_core::model::LogEntry],
}

/// UI strings: the keys, sorted, with both translations.
#[derive(Debug, Default)]
pub struct Strings {
    pub entries: Vec<StringEntry>,
}

/// One interface string in both languages.
#[derive(Debug)]
pub struct StringEntry {
    pub key: String,
    pub vi: StringValue,
    pub en: StringValue,
}

/// A string as written in `content/i18n/<lang>.toml`: plain text, or a count's
/// forms (`{ one = "1 result", other = "{n} results" }`), chosen by `{n}`.
/// Vietnamese has one form; a key written with forms in either language is a
/// `Plural` in the generated code, its plain text standing for both forms.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(untagged)]
pub enum StringValue {
    Plain(String),
    Forms { one: String, other: String },
}

impl StringValue {
    /// The forms, `(one, other)`; plain text is both.
    pub fn forms(&self) -> (&str, &str) {
        match self {
            StringValue::Plain(s) => (s, s),
            StringValue::Forms { one, other } => (one, other),
        }
    }
}

impl StringEntry {
    /// Whether the key chooses a form by count in either language.
    pub fn is_plural(&self) -> bool {
        matches!(self.vi, StringValue::Forms { .. }) || matches!(self.en, StringValue::Forms { .. })
    }
}

/// Reads and checks the interface strings alone (`content/i18n/*.toml`), for the
/// app's build script, which must not wait for the whole content pipeline.
pub fn load_strings(content_dir: &Path) -> Result<Strings, Vec<Diagnostic>> {
    let vi = read(content_dir, "i18n/vi.toml").map_err(|d| vec![d])?;
    let en = read(content_dir, "i18n/en.toml").map_err(|d| vec![d])?;
    let mut diags = Diagnostics::default();
    let strings = validate::strings(&vi, &en, &mut diags);
    if diags.is_empty() {
        Ok(strings)
    } else {
        Err(diags.into_sorted())
    }
}

/// A glossary entry that passed every check.
#[derive(Debug)]
pub struct ParsedDocument {
    pub id: String,
    pub fm: GlossaryFm,
}

/// Everything in `content/`, validated.
#[derive(Debug)]
pub struct Site {
    pub fields: Vec<FieldFm>,
    pub procedures: Vec<ParsedProcedure>,
    pub glossary: Vec<ParsedDocument>,
    pub index: index::Index,
    pub strings: Strings,
    /// Life-event flows, in their `order`.
    pub flows: Vec<flow::ParsedFlow>,
    /// Provinces, communes, old wards and centres.
    pub places: places::Places,
    /// The legal texts, in file-name order.
    pub register: register::Register,
    /// The rights page.
    pub rights: Vec<front_matter::RightFm>,
    /// Every procedure's hard facts, counted.
    pub facts: facts::FactCounts,
    /// The day the content was checked for.
    pub today: jiff::civil::Date,
    /// Each province's boundaries file: its code and text.
    pub boundaries: Vec<(String, String)>,
    pub boundary_counts: boundaries::BoundaryCounts,
    /// The working-day calendar, year by year.
    pub calendar: Vec<calendar::ParsedYear>,
    /// The declaration forms, by slug.
    pub forms: Vec<form::ParsedForm>,
}

/// The files the pipeline reads, by role.
pub struct Inputs {
    pub fields: Source,
    pub procedures: Vec<Source>,
    pub glossary: Vec<Source>,
    pub strings_vi: Source,
    pub strings_en: Source,
    /// `danh-muc/thu-tuc-cap-xa.csv`, `danh-muc/linh-vuc.toml`, `danh-muc/co-quan.toml`,
    /// `danh-muc/ten-tieng-anh.csv`.
    pub index: [Source; 4],
    /// `su-kien/*.toml`: the life-event flows.
    pub flows: Vec<Source>,
    /// `su-kien/kich-ban/*.toml`: their scenarios.
    pub scenarios: Vec<Source>,
    /// `dia-phuong/*.csv`, in the order of [`places::FILES`].
    pub places: [Source; 6],
    /// `dia-phuong/ranh-gioi/*.txt`, one per province.
    pub boundaries: Vec<Source>,
    /// `van-ban/*.toml`: the register of legal texts.
    pub register: Vec<Source>,
    /// `quyen-cua-ban.toml`: the rights page.
    pub rights: Source,
    /// `ngay-nghi/*.toml`: the days off and worked Saturdays, one file a year.
    pub calendar: Vec<Source>,
    /// `bieu-mau/*.toml`: the declaration forms.
    pub forms: Vec<Source>,
    /// The day to check dated rules against: `THU_TUC_XA_TODAY` (`YYYY-MM-DD`)
    /// if set, else today in Việt Nam.
    pub today: jiff::civil::Date,
}

/// Today in Việt Nam (UTC+7), or the date in `THU_TUC_XA_TODAY`.
pub fn today() -> Result<jiff::civil::Date, Diagnostic> {
    match std::env::var("THU_TUC_XA_TODAY") {
        Ok(s) => register::date(&s).ok_or_else(|| Diagnostic {
            path: "THU_TUC_XA_TODAY".into(),
            line: 1,
            column: 1,
            message: format!("`{s}` must be a date written YYYY-MM-DD"),
        }),
        Err(_) => Ok(jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
            .date()),
    }
}

fn cannot(path: String, e: std::io::Error) -> Diagnostic {
    Diagnostic {
        path,
        line: 1,
        column: 1,
        message: format!("cannot read: {e}"),
    }
}

/// Reads one file of `content/`.
fn read(content_dir: &Path, rel: &str) -> Result<Source, Diagnostic> {
    std::fs::read_to_string(content_dir.join(rel))
        .map(|text| Source::new(format!("content/{rel}"), text))
        .map_err(|e| cannot(format!("content/{rel}"), e))
}

/// Reads every `*.ext` file of a folder of `content/`, sorted by name.
fn read_folder(
    content_dir: &Path,
    folder: &str,
    ext: &str,
) -> Result<Vec<Source>, Vec<Diagnostic>> {
    let dir = std::fs::read_dir(content_dir.join(folder))
        .map_err(|e| vec![cannot(format!("content/{folder}"), e)])?;
    let mut names: Vec<String> = dir
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    let (ok, err): (Vec<_>, Vec<_>) = names
        .iter()
        .map(|n| read(content_dir, &format!("{folder}/{n}")))
        .partition(Result::is_ok);
    if err.is_empty() {
        Ok(ok.into_iter().filter_map(Result::ok).collect())
    } else {
        Err(err.into_iter().filter_map(Result::err).collect())
    }
}

/// Reads `content/` from disk. Paths in messages are relative to the directory that
/// holds `content/`, e.g. `content/thu-tuc/dang-ky-khai-sinh.md`.
pub fn load(content_dir: &Path) -> Result<Inputs, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let today = today().map_err(|d| problems.push(d)).ok();
    let mut one = |r: Result<Source, Diagnostic>| r.map_err(|d| problems.push(d)).ok();
    let fields = one(read(content_dir, "linh-vuc.toml"));
    let strings_vi = one(read(content_dir, "i18n/vi.toml"));
    let strings_en = one(read(content_dir, "i18n/en.toml"));
    let index_csv = one(read(content_dir, "danh-muc/thu-tuc-cap-xa.csv"));
    let index_fields = one(read(content_dir, "danh-muc/linh-vuc.toml"));
    let agencies = one(read(content_dir, "danh-muc/co-quan.toml"));
    let rights = one(read(content_dir, "quyen-cua-ban.toml"));
    let english = one(read(content_dir, "danh-muc/ten-tieng-anh.csv"));
    let mut many = |r: Result<Vec<Source>, Vec<Diagnostic>>| {
        r.map_err(|d| problems.extend(d)).unwrap_or_default()
    };
    let procedures = many(read_folder(content_dir, "thu-tuc", ".md"));
    let glossary = many(read_folder(content_dir, "giay-to", ".toml"));
    let flows = many(read_folder(content_dir, "su-kien", ".toml"));
    let register = many(read_folder(content_dir, "van-ban", ".toml"));
    let scenarios = many(read_folder(content_dir, "su-kien/kich-ban", ".toml"));
    let boundaries = many(read_folder(content_dir, "dia-phuong/ranh-gioi", ".txt"));
    let calendar = many(read_folder(content_dir, "ngay-nghi", ".toml"));
    let forms = many(read_folder(content_dir, "bieu-mau", ".toml"));
    let place_files: Vec<Source> = places::FILES
        .iter()
        .filter_map(|f| read(content_dir, f).map_err(|d| problems.push(d)).ok())
        .collect();
    match (
        fields,
        strings_vi,
        strings_en,
        index_csv,
        index_fields,
        (agencies, rights, english),
    ) {
        (
            Some(fields),
            Some(strings_vi),
            Some(strings_en),
            Some(csv),
            Some(index_fields),
            (Some(agencies), Some(rights), Some(english)),
        ) if problems.is_empty() => Ok(Inputs {
            rights,
            register,
            today: today.expect("no problem means today was read"),
            places: place_files.try_into().expect("every place file was read"),
            boundaries,
            fields,
            procedures,
            glossary,
            strings_vi,
            strings_en,
            index: [csv, index_fields, agencies, english],
            flows,
            scenarios,
            calendar,
            forms,
        }),
        _ => Err(problems),
    }
}

/// Parses and validates every input. Pure: no I/O.
pub fn build(inputs: &Inputs) -> Result<Site, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    let fields = validate::fields(&inputs.fields, &mut diags);
    let strings = validate::strings(&inputs.strings_vi, &inputs.strings_en, &mut diags);
    let pages = body::SitePages {
        procedures: inputs
            .procedures
            .iter()
            .map(|s| validate::slug_of(&s.path).to_string())
            .collect(),
        fields: fields.iter().map(|f| f.id.get_ref().clone()).collect(),
        documents: inputs
            .glossary
            .iter()
            .map(|s| validate::slug_of(&s.path).to_string())
            .collect(),
    };
    let glossary: Vec<ParsedDocument> = inputs
        .glossary
        .iter()
        .filter_map(|source| validate::glossary_entry(source, &mut diags))
        .collect();
    let register = register::register(&inputs.register, &mut diags);
    let known = validate::Known {
        fields: &fields,
        glossary: &inputs.glossary,
        pages: &pages,
        register: &register,
        today: inputs.today,
    };
    let mut procedures = Vec::new();
    for source in &inputs.procedures {
        if let Some(p) = validate::procedure(source, &known, &mut diags) {
            procedures.push((source, p));
        }
    }
    validate::unique_codes(&procedures, &mut diags);
    validate::glossary_used(&inputs.glossary, &procedures, &mut diags);
    let [csv, index_fields, agencies, english] = &inputs.index;
    let index = index::index(csv, index_fields, agencies, english, &mut diags);
    let papers: Vec<&str> = glossary.iter().map(|d| d.id.as_str()).collect();
    let forms = form::forms(&inputs.forms, &papers, &register, &mut diags);
    let mut prefills = form::PrefillUse::default();
    let flows = flows(
        inputs,
        &procedures,
        &forms,
        &mut prefills,
        &register,
        inputs.today,
        &mut diags,
    );
    form::check_flows(&inputs.forms, &forms, &flows, &prefills, &mut diags);
    let mut places = places::places(&inputs.places, &mut diags);
    let (_, boundary_counts) = boundaries::boundaries(
        &inputs.boundaries,
        &inputs.places[2],
        &mut places,
        &mut diags,
    );
    let mut facts = facts::FactCounts::default();
    for (_, p) in &procedures {
        facts.add(p.counts);
    }
    let rights = rights(
        &inputs.rights,
        &register,
        inputs.today,
        &mut diags,
        &mut facts,
    );
    let (calendar, calendar_counts) =
        calendar::calendar(&inputs.calendar, &register, inputs.today, &mut diags);
    facts.add(calendar_counts);
    match index {
        Some(index) if diags.is_empty() => Ok(Site {
            calendar,
            forms,
            register,
            rights,
            facts,
            today: inputs.today,
            fields,
            procedures: procedures.into_iter().map(|(_, p)| p).collect(),
            glossary,
            index,
            strings,
            flows,
            boundaries: inputs
                .boundaries
                .iter()
                .map(|f| {
                    let name = f.path.rsplit('/').next().unwrap_or_default();
                    (name.trim_end_matches(".txt").to_string(), f.text.clone())
                })
                .collect(),
            boundary_counts,
            places,
        }),
        _ => Err(diags.into_sorted()),
    }
}

/// The rights page: each right's id unique, its rule a sourced fact.
fn rights(
    source: &Source,
    register: &register::Register,
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
    counts: &mut facts::FactCounts,
) -> Vec<front_matter::RightFm> {
    let Some(file) =
        validate::parse_toml::<front_matter::RightsFile>(source, &source.text, 0, diags)
    else {
        return Vec::new();
    };
    let mut seen = std::collections::HashSet::new();
    for r in &file.right {
        if !validate::is_slug(r.id.get_ref()) || !seen.insert(r.id.get_ref().clone()) {
            diags.push(source.at(
                r.id.span().start,
                format!(
                    "id `{}` must be lower-case letters, digits and `-`, used once",
                    r.id.get_ref()
                ),
            ));
        }
        validate::text(source, 0, &r.title, diags);
    }
    let facts: Vec<(String, &front_matter::FactFm)> = file
        .right
        .iter()
        .map(|r| (format!("right {}", r.id.get_ref()), &r.fact))
        .collect();
    counts.add(facts::check_facts(source, &facts, register, today, diags));
    file.right
}

/// The flows, checked, with their scenarios run.
fn flows(
    inputs: &Inputs,
    procedures: &[(&Source, ParsedProcedure)],
    forms: &[form::ParsedForm],
    prefills: &mut form::PrefillUse,
    register: &register::Register,
    today: jiff::civil::Date,
    diags: &mut Diagnostics,
) -> Vec<flow::ParsedFlow> {
    let procedures: Vec<&ParsedProcedure> = procedures.iter().map(|(_, p)| p).collect();
    // Every procedure file read, the broken ones too: a flow that names a broken
    // procedure is told to see its errors, not that the file does not exist.
    let files: BTreeSet<&str> = inputs
        .procedures
        .iter()
        .map(|s| validate::slug_of(&s.path))
        .collect();
    let mut flows: Vec<(&Source, flow::ParsedFlow)> = inputs
        .flows
        .iter()
        .filter_map(|s| flow::flow(s, &procedures, &files, register, today, diags).map(|f| (s, f)))
        .collect();
    flows.sort_by_key(|(_, f)| f.order);
    for pair in flows.windows(2) {
        if pair[0].1.order == pair[1].1.order {
            diags.push(pair[1].0.at(
                0,
                format!(
                    "order {} is also used by {}",
                    pair[1].1.order, pair[0].0.path
                ),
            ));
        }
    }
    prefills.flow_files = inputs
        .flows
        .iter()
        .map(|f| validate::slug_of(&f.path).to_string())
        .collect();
    for s in &inputs.scenarios {
        let slug = validate::slug_of(&s.path);
        if !inputs
            .flows
            .iter()
            .any(|f| validate::slug_of(&f.path) == slug)
        {
            diags.push(s.at(
                0,
                format!("there is no flow content/su-kien/{slug}.toml for these scenarios"),
            ));
        }
    }
    for (source, f) in &flows {
        let file = inputs
            .scenarios
            .iter()
            .find(|s| validate::slug_of(&s.path) == f.slug);
        let before = diags.0.len();
        let count = file.map_or(0, |s| {
            scenario::run(
                s,
                f,
                &procedures,
                &inputs.forms,
                forms,
                &mut prefills.used,
                diags,
            )
        });
        if diags.0.len() != before {
            prefills.failed.insert(f.slug.clone());
        }
        if count < scenario::MIN_SCENARIOS {
            diags.push(source.at(
                0,
                format!(
                    "a flow needs at least {} scenarios in content/su-kien/kich-ban/{}.toml; it has {count}",
                    scenario::MIN_SCENARIOS,
                    f.slug
                ),
            ));
        }
    }
    flows.into_iter().map(|(_, f)| f).collect()
}

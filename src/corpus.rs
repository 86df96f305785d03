//! What the search indexes, written at build time (native only): the pages of
//! each language and the places, as the lines [`crate::search::Index`] reads; and
//! the query set of `tests/search-queries.toml` that measures it.

use std::collections::HashMap;

use crate::model::Lang;
use crate::route::{Page, Route};
use crate::search::{index_anchor, Index, Kind};

/// One index line (tabs and line breaks inside a text become spaces).
fn line(kind: Kind, href: &str, title: &str, note: &str, aliases: &[&str], body: &str) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\n",
        kind.letter(),
        clean(href),
        clean(title),
        clean(note),
        clean(&aliases.join(" | ")),
        clean(body)
    )
}

/// The pages' index for one language (native builds: the prerenderer writes it).
pub fn pages_corpus(lang: Lang) -> String {
    use crate::data;
    let t = data::strings(lang);
    let mut out = String::new();
    for flow in &data::FLOWS {
        let text = data::flow_text(flow);
        out += &line(
            Kind::Event,
            &Route::new(lang, Page::Flow(flow)).href(),
            flow.name.get(lang),
            "",
            text.aliases.get(lang),
            text.summary.get(lang),
        );
    }
    for p in &data::PROCEDURES {
        let d = data::details(p);
        let field = data::field(p.field).map_or("", |f| f.name.get(lang));
        out += &line(
            Kind::Procedure,
            &Route::new(lang, Page::Procedure(p)).href(),
            p.name.get(lang),
            &format!("{} {} · {field}", t.proc_code, p.code),
            d.aliases.get(lang),
            d.summary.get(lang),
        );
    }
    for doc in &data::DOCUMENTS {
        let g = data::glossary_entry(doc);
        out += &line(
            Kind::Document,
            &Route::new(lang, Page::Document(doc)).href(),
            doc.name.get(lang),
            g.form.unwrap_or_default(),
            g.aliases.get(lang),
            g.summary.get(lang),
        );
    }
    // The pages that find something: where to file, an old address, your rights.
    let aliases = |s: &'static str| s.split('|').collect::<Vec<_>>();
    for (page, title, aliases, body) in [
        (
            Page::Places,
            t.places_title,
            aliases(t.search_aliases_places),
            t.places_description,
        ),
        (
            Page::OldAddress,
            t.old_address_title,
            aliases(t.search_aliases_old),
            t.old_address_description,
        ),
        (
            Page::Rights,
            t.rights_title,
            aliases(t.search_aliases_rights),
            t.rights_description,
        ),
        (
            Page::Receipts,
            t.receipts_title,
            aliases(t.search_aliases_receipts),
            t.receipts_description,
        ),
    ] {
        out += &line(
            Kind::Tool,
            &Route::new(lang, page).href(),
            title,
            "",
            &aliases,
            body,
        );
    }
    for e in data::INDEX.iter() {
        // A procedure with a guide is found as that guide.
        if data::procedure_by_code(e.code).is_some() {
            continue;
        }
        let href = format!(
            "{}#{}",
            Route::new(lang, Page::IndexField(e.field)).href(),
            index_anchor(e.code)
        );
        // In English the translation is the title, and the official name is
        // still found.
        let (title, official) = match lang {
            Lang::Vi => (e.name, &[][..]),
            Lang::En => (e.name_en, std::slice::from_ref(&e.name)),
        };
        out += &line(
            Kind::Index,
            &href,
            title,
            &format!("{} {} · {}", t.proc_code, e.code, e.field.name.get(lang)),
            official,
            e.agency.get(lang),
        );
    }
    out
}

/// The places' index: every commune, and every old ward with where it went, in
/// a compact form that [`Index::add_places`] expands (the places are most of the
/// index, and names repeat): one record per line, fields separated by tabs.
///
/// ```text
/// P  slug  name  code  a province; the communes that follow are in it (the
///                      code lets a frame kept to one province keep its places)
/// c  name  [slug]      a commune (the slug only when it is not the name's)
/// O  name              an old province
/// D  name              an old district of it
/// w  name  n…          an old ward of it, now in the n-th commune (from 0), or in
///                      several (numbers separated by spaces, in the source's order)
///                      when it was divided; a whole district (no wards) has an
///                      empty name
/// ```
pub fn places_corpus() -> String {
    use crate::data;
    use crate::text::slug;
    let mut out = String::new();
    let mut number: HashMap<&str, usize> = HashMap::new();
    for p in &data::PROVINCES {
        out += &format!("P\t{}\t{}\t{}\n", p.slug, p.name, p.code);
        for c in data::communes_in(p) {
            number.insert(c.code, number.len());
            if slug(c.name) == c.slug {
                out += &format!("c\t{}\n", c.name);
            } else {
                out += &format!("c\t{}\t{}\n", c.name, c.slug);
            }
        }
    }
    let mut district = None;
    let mut province = None;
    for w in &data::OLD_WARDS {
        if province != Some(w.district.province.slug) {
            province = Some(w.district.province.slug);
            out += &format!("O\t{}\n", w.district.province.name);
        }
        if district != Some(w.district.code) {
            district = Some(w.district.code);
            out += &format!("D\t{}\n", w.district.name);
        }
        // Every commune it went into, the main one first.
        let to: Vec<String> = w.to.iter().map(|c| number[c.code].to_string()).collect();
        out += &format!("w\t{}\t{}\n", w.name, to.join(" "));
    }
    out
}

/// Where a language's place links start (`/noi-nop`, `/en/noi-nop`), as the search
/// boxes tell the browser (`data-places`).
pub fn places_base(lang: Lang) -> String {
    Route::new(lang, Page::Places)
        .href()
        .trim_end_matches('/')
        .to_string()
}

/// The site's whole index for one language, as the browser assembles it
/// (native builds: tests and the benchmark).
pub fn site_index(lang: Lang) -> Index {
    site_index_in(lang, None)
}

/// The index as the browser assembles it in a frame kept to the province of code
/// `scope` (`None`: not kept to one), [`crate::embed::shows_place`].
pub fn site_index_in(lang: Lang, scope: Option<&str>) -> Index {
    let mut index = Index::default();
    index.add(&pages_corpus(lang), "");
    index.add_places(&places_corpus(), places_base(lang).as_str(), |code| {
        crate::embed::shows_place(scope, code)
    });
    index
}

/// One query of the query set (`tests/search-queries.toml`).
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Query {
    pub q: String,
    /// The page wanted: its Vietnamese path, or `ma:<code>` for a procedure of
    /// the national index.
    pub expect: String,
    /// What kind of query it is: one of [`CATEGORIES`].
    pub category: String,
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(default)]
    pub why: Option<String>,
}

/// The kinds of query in the query set, in its order (its header describes
/// each); the bench reports recall for each.
pub const CATEGORIES: [&str; 13] = [
    "name",
    "own-words",
    "typo",
    "event",
    "document",
    "index",
    "place",
    "english",
    "short-typo",
    "keys",
    "everyday",
    "split-ward",
    "tool",
];

/// Reads the query set; a query of no known category is an error.
pub fn read_queries(text: &str) -> Result<Vec<Query>, String> {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct File {
        query: Vec<Query>,
    }
    let queries = toml::from_str::<File>(text)
        .map(|f| f.query)
        .map_err(|e| e.to_string())?;
    match queries
        .iter()
        .find(|q| !CATEGORIES.contains(&q.category.as_str()))
    {
        Some(q) => Err(format!("{:?}: unknown category {:?}", q.q, q.category)),
        None => Ok(queries),
    }
}

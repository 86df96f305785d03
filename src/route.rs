//! Routes: which page a URL path shows, and the path of each page. Pure, so the
//! prerenderer, the wasm and native tests agree on every URL.
//!
//! Vietnamese pages live at the root, English ones at the same path under `/en`.
//! Every page path ends in `/` (a static host serves `<path>/index.html`).

use crate::data;
use crate::flow::Flow;
use crate::model::{DocumentInfo, Field, IndexField, Lang, ProcedureInfo};

/// What a route shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    /// Every life event with a guided flow.
    Events,
    /// A life event's questions and outcomes (the state lives in the URL's hash).
    Flow(&'static Flow),
    /// Every procedure, grouped by field.
    All,
    Field(&'static Field),
    Procedure(&'static ProcedureInfo),
    /// The glossary: every document citizens are asked for.
    Glossary,
    Document(&'static DocumentInfo),
    /// The national index of commune-level procedures, by field.
    Index,
    IndexField(&'static IndexField),
    NotFound,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub lang: Lang,
    pub page: Page,
}

pub const PROCEDURES_SEGMENT: &str = "thu-tuc";
pub const FIELD_SEGMENT: &str = "linh-vuc";
pub const GLOSSARY_SEGMENT: &str = "giay-to";
pub const INDEX_SEGMENT: &str = "danh-muc";
pub const EVENTS_SEGMENT: &str = "su-kien";

impl Route {
    pub fn new(lang: Lang, page: Page) -> Self {
        Route { lang, page }
    }

    /// The page for a URL path. Never fails: anything unknown is [`Page::NotFound`].
    /// A query string or fragment is ignored; a missing trailing slash is tolerated.
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let lang = if segments.first() == Some(&"en") {
            segments.remove(0);
            Lang::En
        } else {
            Lang::Vi
        };
        let page = match segments.as_slice() {
            [] => Page::Home,
            [EVENTS_SEGMENT] => Page::Events,
            [EVENTS_SEGMENT, slug] => data::flow(slug).map_or(Page::NotFound, Page::Flow),
            [PROCEDURES_SEGMENT] => Page::All,
            [PROCEDURES_SEGMENT, slug] => {
                data::procedure(slug).map_or(Page::NotFound, Page::Procedure)
            }
            [GLOSSARY_SEGMENT] => Page::Glossary,
            [INDEX_SEGMENT] => Page::Index,
            [INDEX_SEGMENT, id] => data::index_field(id).map_or(Page::NotFound, Page::IndexField),
            [GLOSSARY_SEGMENT, id] => data::document(id).map_or(Page::NotFound, Page::Document),
            [FIELD_SEGMENT, id] => data::field(id)
                .filter(|f| data::procedures_in(f.id).next().is_some())
                .map_or(Page::NotFound, Page::Field),
            _ => Page::NotFound,
        };
        Route { lang, page }
    }

    /// The path of this page, e.g. `/en/thu-tuc/dang-ky-khai-sinh/`.
    /// [`Page::NotFound`] has no path of its own; it is served from `/404.html`.
    pub fn href(&self) -> String {
        let prefix = self.lang.prefix();
        match self.page {
            Page::Home => format!("{prefix}/"),
            Page::Events => format!("{prefix}/{EVENTS_SEGMENT}/"),
            Page::Flow(f) => format!("{prefix}/{EVENTS_SEGMENT}/{}/", f.slug),
            Page::All => format!("{prefix}/{PROCEDURES_SEGMENT}/"),
            Page::Field(f) => format!("{prefix}/{FIELD_SEGMENT}/{}/", f.id),
            Page::Procedure(p) => format!("{prefix}/{PROCEDURES_SEGMENT}/{}/", p.slug),
            Page::Glossary => format!("{prefix}/{GLOSSARY_SEGMENT}/"),
            Page::Document(d) => format!("{prefix}/{GLOSSARY_SEGMENT}/{}/", d.id),
            Page::Index => format!("{prefix}/{INDEX_SEGMENT}/"),
            Page::IndexField(f) => format!("{prefix}/{INDEX_SEGMENT}/{}/", f.id),
            Page::NotFound => "/404.html".to_string(),
        }
    }

    /// Where the wasm fetches the content of a page made at build time, e.g.
    /// `/fragments/en/thu-tuc/dang-ky-khai-sinh.html`. Other pages have none.
    pub fn fragment_href(&self) -> Option<String> {
        match self.page {
            Page::All
            | Page::Events
            | Page::Flow(_)
            | Page::Field(_)
            | Page::Procedure(_)
            | Page::Glossary
            | Page::Document(_)
            | Page::Index
            | Page::IndexField(_) => {
                let href = self.href();
                let path = href.trim_end_matches('/');
                Some(format!("/fragments{path}.html"))
            }
            _ => None,
        }
    }

    /// The same page in the other language.
    pub fn translated(&self) -> Route {
        Route::new(self.lang.other(), self.page)
    }

    /// Every page that is prerendered, in both languages (the 404 page excluded).
    pub fn all() -> Vec<Route> {
        let mut pages = vec![Page::Home, Page::Events];
        pages.extend(data::FLOWS.iter().map(Page::Flow));
        pages.push(Page::All);
        pages.extend(data::fields_in_use().map(Page::Field));
        pages.extend(data::PROCEDURES.iter().map(Page::Procedure));
        pages.push(Page::Glossary);
        pages.extend(data::DOCUMENTS.iter().map(Page::Document));
        pages.push(Page::Index);
        pages.extend(data::INDEX_FIELDS.iter().map(Page::IndexField));
        Lang::ALL
            .iter()
            .flat_map(|&lang| pages.iter().map(move |&page| Route::new(lang, page)))
            .collect()
    }

    /// The page's main heading.
    pub fn heading(&self) -> &'static str {
        let t = data::strings(self.lang);
        match self.page {
            Page::Home => t.home_heading,
            Page::Events => t.events_title,
            Page::Flow(f) => f.name.get(self.lang),
            Page::All => t.all_title,
            Page::Field(f) => f.name.get(self.lang),
            Page::Procedure(p) => p.name.get(self.lang),
            Page::Glossary => t.glossary_title,
            Page::Document(d) => d.name.get(self.lang),
            Page::Index => t.index_title,
            Page::IndexField(f) => f.name.get(self.lang),
            Page::NotFound => t.not_found_title,
        }
    }

    /// The document title.
    pub fn title(&self) -> String {
        let t = data::strings(self.lang);
        match self.page {
            Page::Home => t.home_title.to_string(),
            _ => format!("{} – {}", self.heading(), t.site_name),
        }
    }

    /// The meta description (native builds: only the prerenderer writes it).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn description(&self) -> String {
        let t = data::strings(self.lang);
        match self.page {
            Page::Home => t.home_description.to_string(),
            Page::Events => t.events_description.to_string(),
            Page::Flow(f) => data::flow_text(f).summary.get(self.lang).to_string(),
            Page::All => t.all_description.to_string(),
            Page::Field(f) => data::fill(t.field_description, "field", f.name.get(self.lang)),
            Page::Procedure(p) => data::details(p).summary.get(self.lang).to_string(),
            Page::Glossary => t.glossary_description.to_string(),
            Page::Document(d) => {
                data::fill(t.document_description, "document", d.name.get(self.lang))
            }
            Page::Index => t.index_description.to_string(),
            Page::IndexField(f) => {
                data::fill(t.index_field_description, "field", f.name.get(self.lang))
            }
            Page::NotFound => t.not_found_body.to_string(),
        }
    }
}

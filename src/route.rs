//! Routes: which page a URL path shows, and the path of each page. Pure, so the
//! prerenderer, the wasm and native tests agree on every URL.
//!
//! Vietnamese pages live at the root, English ones at the same path under `/en`.
//! Every page path ends in `/` (a static host serves `<path>/index.html`).

use crate::data;
use crate::model::{Field, Lang, ProcedureInfo};

/// What a route shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    /// Every procedure, grouped by field.
    All,
    Field(&'static Field),
    Procedure(&'static ProcedureInfo),
    NotFound,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub lang: Lang,
    pub page: Page,
}

pub const PROCEDURES_SEGMENT: &str = "thu-tuc";
pub const FIELD_SEGMENT: &str = "linh-vuc";

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
            [PROCEDURES_SEGMENT] => Page::All,
            [PROCEDURES_SEGMENT, slug] => {
                data::procedure(slug).map_or(Page::NotFound, Page::Procedure)
            }
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
            Page::All => format!("{prefix}/{PROCEDURES_SEGMENT}/"),
            Page::Field(f) => format!("{prefix}/{FIELD_SEGMENT}/{}/", f.id),
            Page::Procedure(p) => format!("{prefix}/{PROCEDURES_SEGMENT}/{}/", p.slug),
            Page::NotFound => "/404.html".to_string(),
        }
    }

    /// Where the wasm fetches a procedure page's article on client-side navigation,
    /// e.g. `/fragments/en/thu-tuc/dang-ky-khai-sinh.html`. Other pages have none.
    pub fn fragment_href(&self) -> Option<String> {
        match self.page {
            Page::Procedure(p) => Some(format!(
                "/fragments{}/{PROCEDURES_SEGMENT}/{}.html",
                self.lang.prefix(),
                p.slug
            )),
            _ => None,
        }
    }

    /// The same page in the other language.
    pub fn translated(&self) -> Route {
        Route::new(self.lang.other(), self.page)
    }

    /// Every page that is prerendered, in both languages (the 404 page excluded).
    pub fn all() -> Vec<Route> {
        let mut pages = vec![Page::Home, Page::All];
        pages.extend(data::fields_in_use().map(Page::Field));
        pages.extend(data::PROCEDURES.iter().map(Page::Procedure));
        Lang::ALL
            .iter()
            .flat_map(|&lang| pages.iter().map(move |&page| Route::new(lang, page)))
            .collect()
    }

    /// The document title.
    pub fn title(&self) -> String {
        let t = data::strings(self.lang);
        let page = match self.page {
            Page::Home => return t.home_title.to_string(),
            Page::All => t.all_title,
            Page::Field(f) => f.name.get(self.lang),
            Page::Procedure(p) => p.name.get(self.lang),
            Page::NotFound => t.not_found_title,
        };
        format!("{page} – {}", t.site_name)
    }

    /// The meta description.
    pub fn description(&self) -> String {
        let t = data::strings(self.lang);
        match self.page {
            Page::Home => t.home_description.to_string(),
            Page::All => t.all_description.to_string(),
            Page::Field(f) => data::fill(t.field_description, "field", f.name.get(self.lang)),
            Page::Procedure(p) => p.summary.get(self.lang).to_string(),
            Page::NotFound => t.not_found_body.to_string(),
        }
    }
}

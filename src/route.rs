//! Routes: which page a URL path shows, and the path of each page. Pure, so the
//! prerenderer, the wasm and native tests agree on every URL.
//!
//! Vietnamese pages live at the root, English ones at the same path under `/en`.
//! Every page path ends in `/` (a static host serves `<path>/index.html`).

use crate::data;
use crate::flow::Flow;
use crate::form::FormInfo;
use crate::model::{DocumentInfo, Field, IndexField, Lang, ProcedureInfo};
use crate::places::{OldProvince, Province};

/// A commune's address segment, held inline so that [`Page`] stays `Copy`: the wasm
/// does not carry the 3,321 communes, so it cannot point at one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slug {
    bytes: [u8; Slug::MAX],
    len: u8,
}

impl Slug {
    pub const MAX: usize = 48;

    /// A well-formed segment (lower-case ASCII letters, digits, `-`), or `None`.
    pub fn new(s: &str) -> Option<Slug> {
        let ok = !s.is_empty()
            && s.len() <= Self::MAX
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        ok.then(|| {
            let mut bytes = [0; Self::MAX];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            Slug {
                bytes,
                len: s.len() as u8,
            }
        })
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or_default()
    }
}

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
    /// A declaration form to fill on the phone and print on the official template.
    Form(&'static FormInfo),
    /// The national index of commune-level procedures, by field.
    Index,
    IndexField(&'static IndexField),
    /// The place finder: my location, a province, my old address.
    Places,
    /// A province's communes.
    Province(&'static Province),
    /// A commune's page: its centre, location, the old wards it absorbed. Native
    /// builds only ever make it for a commune that exists; the wasm trusts the
    /// address, and the page's fragment tells.
    Commune(&'static Province, Slug),
    /// The provinces as they were before 1 July 2025.
    OldAddress,
    /// An old province's districts and wards, each with its new commune.
    OldProvince(&'static OldProvince),
    /// Search results (the query is in the hash, `#q=…`, so it never reaches a
    /// server) and every page A to Z.
    Search,
    /// For web teams: how to embed the guide in a provincial portal, with a
    /// snippet builder and a live preview.
    Embed,
    /// The register of legal texts the facts rest on.
    Laws,
    /// For provincial web teams and other services: the open data files.
    OpenData,
    /// What changed across the site lately: every change log, newest first, and
    /// the feeds.
    Changes,
    /// Your rights at the counter.
    Rights,
    /// The dossier receipts kept on this phone (read by the forms module).
    Receipts,
    /// Who runs the site, where its facts come from, how to report a mistake.
    About,
    NotFound,
    /// What the service worker shows for a page not saved, when there is no
    /// network; served from `/offline.html`, in both languages at once.
    Offline,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Route {
    pub lang: Lang,
    pub page: Page,
}

/// The `<meta name>` that says which page a prerendered HTML is (its canonical
/// path): the wasm hydrates that page whatever address served it.
pub const PAGE_META: &str = "thu-tuc-xa:page";
/// The attribute the wasm sets on `<html>` as it starts hydrating: a failure
/// without it is not a hydration's (the wasm did not load, say).
pub const HYDRATING_ATTR: &str = "data-hydrating";
/// The attribute on `<html>` of a page the boot script shows without the app
/// ([`boot_script`]), with [`RENDER_STATIC`].
pub const RENDER_ATTR: &str = "data-render";
pub const RENDER_STATIC: &str = "static";

/// The boot script of every page that loads the app: it starts the wasm, which
/// hydrates the prerendered page. If the HTML is not the view the wasm makes (a
/// proxy or a host added to it), hydration fails, and the page would read but
/// do nothing, its links caught by a dead app. Then the page is loaded again,
/// marked in its history entry (which a reload keeps, and which needs no
/// storage), and this time shown as without JavaScript: `noscript.css` hides
/// what needs the app, and links are plain links, to pages that hydrate. That
/// costs the wasm nothing (rendering afresh would carry every view's building
/// code beside its hydrating code). A failure that is not hydration's (the wasm
/// did not load) is left as it is.
pub fn boot_script(module: &str, wasm: &str) -> String {
    r#"import init from 'MODULE';
const html = document.documentElement;
const KEY = 'thu-tuc-xa:render';
if (history.state?.[KEY] === 'STATIC') {
  html.setAttribute('ATTR', 'STATIC');
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/noscript.css';
  document.head.append(css);
} else {
  try {
    await init({ module_or_path: 'WASM' });
  } catch (failure) {
    if (!html.hasAttribute('HYDRATING') || html.hasAttribute('data-hydrated')) throw failure;
    console.warn('This page is not the view the app makes: loading it again without the app.', failure);
    history.replaceState({ ...history.state, [KEY]: 'STATIC' }, '');
    location.reload();
  }
}
"#
    .replace("MODULE", module)
    .replace("WASM", wasm)
    .replace("HYDRATING", HYDRATING_ATTR)
    .replace("ATTR", RENDER_ATTR)
    .replace("STATIC", RENDER_STATIC)
}

/// The `<meta name>` that names the build a page belongs to (the hash in its wasm
/// file's name). Every fragment starts with the same build in a comment
/// ([`build_mark`]): a wasm meets a fragment of another build after a deploy, and
/// must not apply its own flow graph to that HTML.
pub const BUILD_META: &str = "thu-tuc-xa:build";

/// The comment a fragment of `build` starts with.
pub fn build_mark(build: &str) -> String {
    format!("<!--build {build}-->")
}

/// The build a fragment names at its start ([`build_mark`]), if any.
pub fn build_of_fragment(html: &str) -> Option<&str> {
    let rest = html.strip_prefix("<!--build ")?;
    let build = &rest[..rest.find("-->")?];
    (!build.is_empty() && build.bytes().all(|b| b.is_ascii_alphanumeric())).then_some(build)
}

/// The build of a site made by trunk: the hash in the name of the wasm file
/// its shell loads (`/thu-tuc-xa-<hash>_bg.wasm`).
pub fn build_of_shell(html: &str) -> Option<&str> {
    let end = html.find("_bg.wasm")?;
    let start = html[..end].rfind('-')? + 1;
    let build = &html[start..end];
    (!build.is_empty() && build.bytes().all(|b| b.is_ascii_hexdigit())).then_some(build)
}
/// The address a link to `to` goes to (a path, maybe with its own `?…` and
/// `#…`, or `#…` alone) from a page whose address has the `?` part `search`
/// (`location.search`, maybe empty): `to` with the page's modes (`?nhung=1`,
/// `?quay=1`, see `app/mode.rs`) put before its `#`, unless it has a `?` part of
/// its own or is only a `#`.
pub fn keeping_modes(to: &str, search: &str) -> String {
    if to.starts_with('#') || to.contains('?') || search.is_empty() {
        return to.to_string();
    }
    let (path, hash) = to.split_at(to.find('#').unwrap_or(to.len()));
    format!("{path}{search}{hash}")
}

/// How a page is saved in advance for offline use ([`Route::saved_offline`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Saved {
    /// Made offline from the language's one shell and the page's fragment; the
    /// build fails if the shell does not make the page the prerenderer wrote.
    Made,
    /// A list or a tool: made from the shell where that gives the page, else
    /// kept whole.
    Listed,
}

impl Saved {
    /// The word the prerenderer writes before each path of [`OFFLINE_LIST`].
    pub fn word(self) -> &'static str {
        match self {
            Saved::Made => "made",
            Saved::Listed => "listed",
        }
    }
}

/// The file, in the built site's folder, where the prerenderer lists the pages
/// saved in advance, one per line: `made /thu-tuc/x/` or `listed /`
/// ([`Saved::word`]). `cargo xtask dist` reads it into the offline packs and
/// removes it: it is not served.
pub const OFFLINE_LIST: &str = "offline-pages.txt";

pub const PROCEDURES_SEGMENT: &str = "thu-tuc";
pub const FIELD_SEGMENT: &str = "linh-vuc";
pub const GLOSSARY_SEGMENT: &str = "giay-to";
pub const FORMS_SEGMENT: &str = "bieu-mau";
pub const INDEX_SEGMENT: &str = "danh-muc";
pub const EVENTS_SEGMENT: &str = "su-kien";
pub const PLACES_SEGMENT: &str = "noi-nop";
pub const OLD_ADDRESS_SEGMENT: &str = "dia-chi-cu";
pub const SEARCH_SEGMENT: &str = "tim-kiem";
pub const EMBED_SEGMENT: &str = "nhung";
pub const LAWS_SEGMENT: &str = "van-ban";
pub const OPEN_DATA_SEGMENT: &str = "du-lieu";
/// The "what changed" page; its feeds are `/thay-doi.xml` and
/// `/thay-doi/<field>.xml` (and under `/en`).
pub const CHANGES_SEGMENT: &str = "thay-doi";
pub const RIGHTS_SEGMENT: &str = "quyen-cua-ban";
pub const RECEIPTS_SEGMENT: &str = "giay-hen";
pub const ABOUT_SEGMENT: &str = "gioi-thieu";

impl Route {
    pub fn new(lang: Lang, page: Page) -> Self {
        Route { lang, page }
    }

    /// The page for a URL path. Never fails: anything unknown is [`Page::NotFound`].
    /// A query string or fragment is ignored; a missing trailing slash is tolerated.
    pub fn parse(path: &str) -> Route {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        // The same page under another address a host serves: percent-encoded
        // letters, or the file's own name.
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if segments.last() == Some(&"index.html") {
            segments.pop();
        }
        let lang = if segments.first() == Some(&"en") {
            segments.remove(0);
            Lang::En
        } else {
            Lang::Vi
        };
        let page = match segments.as_slice() {
            ["offline.html"] => Page::Offline,
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
            [FORMS_SEGMENT, slug] => data::form(slug).map_or(Page::NotFound, Page::Form),
            [SEARCH_SEGMENT] => Page::Search,
            [EMBED_SEGMENT] => Page::Embed,
            [LAWS_SEGMENT] => Page::Laws,
            [OPEN_DATA_SEGMENT] => Page::OpenData,
            [CHANGES_SEGMENT] => Page::Changes,
            [RIGHTS_SEGMENT] => Page::Rights,
            [RECEIPTS_SEGMENT] => Page::Receipts,
            [ABOUT_SEGMENT] => Page::About,
            [PLACES_SEGMENT] => Page::Places,
            [PLACES_SEGMENT, OLD_ADDRESS_SEGMENT] => Page::OldAddress,
            [PLACES_SEGMENT, OLD_ADDRESS_SEGMENT, slug] => {
                data::old_province(slug).map_or(Page::NotFound, Page::OldProvince)
            }
            [PLACES_SEGMENT, slug] => data::province(slug).map_or(Page::NotFound, Page::Province),
            [PLACES_SEGMENT, province, commune] => commune_page(province, commune),
            [FIELD_SEGMENT, id] => data::field(id)
                .filter(|f| data::procedures_in(f.id).next().is_some())
                .map_or(Page::NotFound, Page::Field),
            _ => Page::NotFound,
        };
        Route { lang, page }
    }

    /// The path of a commune's page, e.g. `/noi-nop/ho-chi-minh/phuong-ben-thanh/`.
    pub fn commune_href(lang: Lang, province: &Province, commune: &str) -> String {
        format!(
            "{}/{PLACES_SEGMENT}/{}/{commune}/",
            lang.prefix(),
            province.slug
        )
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
            Page::Form(f) => format!("{prefix}/{FORMS_SEGMENT}/{}/", f.slug),
            Page::Index => format!("{prefix}/{INDEX_SEGMENT}/"),
            Page::IndexField(f) => format!("{prefix}/{INDEX_SEGMENT}/{}/", f.id),
            Page::Places => format!("{prefix}/{PLACES_SEGMENT}/"),
            Page::Province(p) => format!("{prefix}/{PLACES_SEGMENT}/{}/", p.slug),
            Page::Commune(p, c) => Route::commune_href(self.lang, p, c.as_str()),
            Page::OldAddress => format!("{prefix}/{PLACES_SEGMENT}/{OLD_ADDRESS_SEGMENT}/"),
            Page::OldProvince(o) => {
                format!(
                    "{prefix}/{PLACES_SEGMENT}/{OLD_ADDRESS_SEGMENT}/{}/",
                    o.slug
                )
            }
            Page::Search => format!("{prefix}/{SEARCH_SEGMENT}/"),
            Page::Embed => format!("{prefix}/{EMBED_SEGMENT}/"),
            Page::Laws => format!("{prefix}/{LAWS_SEGMENT}/"),
            Page::OpenData => format!("{prefix}/{OPEN_DATA_SEGMENT}/"),
            Page::Changes => format!("{prefix}/{CHANGES_SEGMENT}/"),
            Page::Rights => format!("{prefix}/{RIGHTS_SEGMENT}/"),
            Page::Receipts => format!("{prefix}/{RECEIPTS_SEGMENT}/"),
            Page::About => format!("{prefix}/{ABOUT_SEGMENT}/"),
            Page::NotFound => "/404.html".to_string(),
            Page::Offline => format!("{prefix}/offline.html"),
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
            | Page::Form(_)
            | Page::Index
            | Page::IndexField(_)
            | Page::Places
            | Page::Province(_)
            | Page::Commune(..)
            | Page::OldAddress
            | Page::OldProvince(_)
            | Page::Search
            | Page::Embed
            | Page::Laws
            | Page::OpenData
            | Page::Changes
            | Page::Rights
            | Page::Receipts
            | Page::About => {
                let href = self.href();
                let path = href.trim_end_matches('/');
                Some(format!("/fragments{path}.html"))
            }
            _ => None,
        }
    }

    /// How the service worker saves this page in advance for offline use, if it
    /// does: the procedures and life events, the lists, the finder and search.
    /// `xtask/src/sw.rs` packs what the prerenderer lists from this
    /// ([`OFFLINE_LIST`]).
    pub fn saved_offline(&self) -> Option<Saved> {
        match self.page {
            Page::Procedure(_) | Page::Flow(_) => Some(Saved::Made),
            Page::Home
            | Page::All
            | Page::Events
            | Page::Glossary
            | Page::Index
            | Page::Places
            | Page::OldAddress
            | Page::Receipts
            | Page::Search => Some(Saved::Listed),
            // A form's page is kept once visited, like any page; saving the
            // nine in advance would cost the offline pack about 45 KB.
            Page::Field(_)
            | Page::Document(_)
            | Page::Form(_)
            | Page::IndexField(_)
            | Page::Province(_)
            | Page::Commune(..)
            | Page::OldProvince(_)
            | Page::Embed
            | Page::Laws
            | Page::OpenData
            | Page::Changes
            | Page::Rights
            | Page::About
            | Page::NotFound
            | Page::Offline => None,
        }
    }

    /// The same page in the other language.
    pub fn translated(&self) -> Route {
        Route::new(self.lang.other(), self.page)
    }

    /// Every page that is prerendered, in both languages (the 404 page excluded).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn all() -> Vec<Route> {
        let mut pages = vec![Page::Home, Page::Events];
        pages.extend(data::FLOWS.iter().map(Page::Flow));
        pages.push(Page::All);
        pages.extend(data::fields_in_use().map(Page::Field));
        pages.extend(data::PROCEDURES.iter().map(Page::Procedure));
        pages.push(Page::Glossary);
        pages.extend(data::DOCUMENTS.iter().map(Page::Document));
        pages.extend(data::FORM_INFOS.iter().map(Page::Form));
        pages.push(Page::Index);
        pages.extend(data::INDEX_FIELDS.iter().map(Page::IndexField));
        pages.push(Page::Places);
        pages.extend(data::PROVINCES.iter().map(Page::Province));
        pages.extend(
            data::COMMUNES
                .iter()
                .filter_map(|c| Slug::new(c.slug).map(|s| Page::Commune(c.province, s))),
        );
        pages.push(Page::Search);
        pages.push(Page::Embed);
        pages.push(Page::Laws);
        pages.push(Page::OpenData);
        pages.push(Page::Changes);
        pages.push(Page::Rights);
        pages.push(Page::Receipts);
        pages.push(Page::About);
        pages.push(Page::OldAddress);
        pages.extend(data::OLD_PROVINCES.iter().map(Page::OldProvince));
        Lang::ALL
            .iter()
            .flat_map(|&lang| pages.iter().map(move |&page| Route::new(lang, page)))
            .collect()
    }

    /// The page's main heading, where this build knows it: the wasm does not
    /// carry the names of procedures, documents, communes and old provinces (the
    /// page's HTML does; see [`Route::title`]).
    pub fn heading(&self) -> Option<&'static str> {
        let t = data::strings(self.lang);
        Some(match self.page {
            Page::Home => t.home_heading,
            Page::Events => t.events_title,
            Page::Flow(f) => f.name.get(self.lang),
            Page::Form(f) => f.name.get(self.lang),
            Page::All => t.all_title,
            Page::Field(f) => f.name.get(self.lang),
            Page::Glossary => t.glossary_title,
            Page::Index => t.index_title,
            Page::IndexField(f) => f.name.get(self.lang),
            Page::Places => t.places_title,
            Page::Province(p) => p.name,
            Page::OldAddress => t.old_address_title,
            Page::Search => t.search_title,
            Page::Embed => t.embed_title,
            Page::Laws => t.laws_title,
            Page::OpenData => t.open_data_title,
            Page::Changes => t.changes_title,
            Page::Rights => t.rights_title,
            Page::Receipts => t.receipts_title,
            Page::About => t.about_title,
            Page::NotFound => t.not_found_title,
            Page::Offline => t.offline_title,
            #[cfg(not(target_arch = "wasm32"))]
            Page::Procedure(p) => p.name.get(self.lang),
            #[cfg(not(target_arch = "wasm32"))]
            Page::Document(d) => d.name.get(self.lang),
            #[cfg(not(target_arch = "wasm32"))]
            Page::Commune(p, c) => data::commune(p, c.as_str())?.name,
            #[cfg(not(target_arch = "wasm32"))]
            Page::OldProvince(o) => o.name,
            #[cfg(target_arch = "wasm32")]
            Page::Procedure(_) | Page::Document(_) | Page::Commune(..) | Page::OldProvince(_) => {
                return None
            }
        })
    }

    /// The document title, "heading – site". A page whose heading the wasm does not
    /// know gets the site's name until its HTML arrives with the heading
    /// ([`Route::title_from`]).
    pub fn title(&self) -> String {
        let t = data::strings(self.lang);
        match (self.page, self.heading()) {
            (Page::Home, _) => t.home_title.to_string(),
            (_, Some(h)) => Self::title_from(self.lang, h),
            (_, None) => t.site_name.to_string(),
        }
    }

    /// The document title for a page with this heading.
    pub fn title_from(lang: Lang, heading: &str) -> String {
        format!("{} – {}", heading.trim(), data::strings(lang).site_name)
    }
}

/// A commune's page, if the address can be one (native builds: if it exists).
fn commune_page(province: &str, commune: &str) -> Page {
    let (Some(p), Some(slug)) = (data::province(province), Slug::new(commune)) else {
        return Page::NotFound;
    };
    #[cfg(not(target_arch = "wasm32"))]
    if data::commune(p, commune).is_none() {
        return Page::NotFound;
    }
    Page::Commune(p, slug)
}

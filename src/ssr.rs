//! Prerendering: the HTML of every page, rendered natively from the same
//! components the wasm hydrates. Only the `prerender` binary and tests use it.
//!
//! Architecture invariant: no file or network I/O here; the binary reads trunk's
//! `index.html` and writes the pages.

use std::sync::Arc;

use hydration_context::SsrSharedContext;
use leptos::prelude::*;

use crate::app::{App, NotFound};
use crate::data;
use crate::model::{Channel, Lang, Place};
use crate::route::{Page, Route, PAGE_META};

/// The body HTML the wasm will hydrate for `route`.
pub fn render_body(route: &Route) -> String {
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let path = route.href();
    owner.with(|| view! { <App path/> }.to_html())
}

/// What every prerendered page must be, checked on each page the prerenderer
/// writes (and on a sample by the tests): a heading, the main landmark, no
/// inline script or style (the CSP allows neither), and, for a page made at
/// build time, its article carried as the wasm would set the fetched fragment.
pub fn check_body(route: &Route, body: &str, article: Option<&str>) -> Result<(), String> {
    let href = route.href();
    let problem = if !body.contains("<h1") {
        Some("no heading")
    } else if !body.contains("id=\"main\"") {
        Some("no main landmark")
    } else if body.contains("<script") {
        Some("an inline script")
    } else if body.contains(" style=\"") {
        Some("an inline style breaks the CSP")
    } else {
        match (route.fragment_href(), article) {
            (Some(_), Some(html)) => (!body.contains(&format!(
                "<div data-page=\"{href}\" class=\"fragment\">{html}</div>"
            )))
            .then_some("the page does not carry its fragment as the wasm would set it"),
            (None, None) => None,
            _ => Some("the fragment's address and its content disagree"),
        }
    };
    problem.map_or(Ok(()), |p| Err(format!("{href}: {p}")))
}

/// The 404 page's main content, rendered alone (the page is static).
pub fn render_not_found() -> String {
    let owner = Owner::new_root(None);
    owner.with(|| view! { <NotFound/> }.to_html())
}

/// Escapes text for an HTML attribute or text node.
pub use crate::text::escape_html as escape;

/// The `<head>` tags of a page: title, description, canonical and language
/// alternates. `base_url` is the site's public origin, without a trailing slash.
pub fn head(route: &Route, base_url: &str) -> String {
    let mut out = format!(
        "<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n",
        escape(&route.title()),
        escape(&description(route))
    );
    // Installable: the manifest of the page's language, and an icon for home screens.
    out.push_str(&format!(
        "<link rel=\"manifest\" href=\"{}/manifest.webmanifest\">\n<link rel=\"apple-touch-icon\" href=\"/icon-192.png\">\n",
        route.lang.prefix()
    ));
    // The page this HTML is, for the wasm to hydrate whatever address served it.
    out.push_str(&format!(
        "<meta name=\"{PAGE_META}\" content=\"{}\">\n",
        escape(&route.href())
    ));
    if !matches!(route.page, Page::NotFound | Page::Offline) {
        out.push_str(&format!(
            "<link rel=\"canonical\" href=\"{base_url}{}\">\n",
            escape(&route.href())
        ));
        for lang in Lang::ALL {
            out.push_str(&format!(
                "<link rel=\"alternate\" hreflang=\"{}\" href=\"{base_url}{}\">\n",
                lang.tag(),
                escape(&Route::new(lang, route.page).href())
            ));
        }
        out.push_str(&format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{base_url}{}\">\n",
            escape(&Route::new(Lang::Vi, route.page).href())
        ));
        // A page's own tags for search engines, sharing and feeds, between marks:
        // the service worker's offline pack leaves them out (`xtask/src/sw.rs`).
        out.push_str(PAGE_HEAD.0);
        out.push_str(&open_graph(route, base_url));
        if let Some(ld) = json_ld(route, base_url) {
            out.push_str(&format!(
                "<script type=\"application/ld+json\">{ld}</script>\n"
            ));
        }
        // The change feeds: the site's, and a procedure's field's.
        let field = match route.page {
            Page::Procedure(p) => data::field(p.field),
            Page::Field(f) => Some(f),
            _ => None,
        };
        for f in std::iter::once(None).chain(field.map(Some)) {
            out.push_str(&format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"{}\" href=\"{}\">\n",
                escape(&crate::changes::feed_title(route.lang, f)),
                escape(&crate::changes::feed_path(route.lang, f))
            ));
        }
        out.push_str(PAGE_HEAD.1);
        out.push('\n');
    }
    out
}

/// A page's Open Graph and Twitter card tags: its title, description and
/// address, and the preview image of its kind ([`crate::og`]).
fn open_graph(route: &Route, base_url: &str) -> String {
    let t = data::strings(route.lang);
    let kind = crate::og::Kind::of(route.page);
    let locale = match route.lang {
        Lang::Vi => "vi_VN",
        Lang::En => "en_GB",
    };
    let meta = |property: &str, content: &str| {
        format!(
            "<meta property=\"{property}\" content=\"{}\">\n",
            escape(content)
        )
    };
    [
        meta("og:type", "website"),
        meta("og:site_name", t.site_name),
        meta("og:locale", locale),
        meta("og:title", &route.title()),
        meta("og:description", &description(route)),
        meta("og:url", &format!("{base_url}{}", route.href())),
        meta("og:image", &format!("{base_url}{}", kind.path(route.lang))),
        meta("og:image:type", "image/png"),
        meta("og:image:width", &crate::og::WIDTH.to_string()),
        meta("og:image:height", &crate::og::HEIGHT.to_string()),
        meta(
            "og:image:alt",
            &format!("{}: {}", t.site_name, kind.words(route.lang).0),
        ),
        "<meta name=\"twitter:card\" content=\"summary_large_image\">\n".to_string(),
    ]
    .concat()
}

/// The marks around a page's own head tags (see [`head`]).
pub const PAGE_HEAD: (&str, &str) = ("<!--page-head-->", "<!--/page-head-->");

/// A page's meta description.
pub fn description(route: &Route) -> String {
    let t = data::strings(route.lang);
    match route.page {
        Page::Home => t.home_description.to_string(),
        Page::Events => t.events_description.to_string(),
        Page::Flow(f) => data::flow_text(f).summary.get(route.lang).to_string(),
        Page::All => t.all_description.to_string(),
        Page::Field(f) => data::fill(t.field_description, "field", f.name.get(route.lang)),
        Page::Procedure(p) => data::details(p).summary.get(route.lang).to_string(),
        Page::Glossary => t.glossary_description.to_string(),
        Page::Document(d) => data::fill(t.document_description, "document", d.name.get(route.lang)),
        Page::Form(f) => data::fill(t.form_description, "form", f.name.get(route.lang)),
        Page::Index => t.index_description.to_string(),
        Page::IndexField(f) => {
            data::fill(t.index_field_description, "field", f.name.get(route.lang))
        }
        Page::Places => t.places_description.to_string(),
        Page::Province(p) => data::fill(t.province_description, "province", p.name),
        Page::Commune(p, c) => data::fill(
            &data::fill(
                t.commune_description,
                "commune",
                route.heading().unwrap_or(c.as_str()),
            ),
            "province",
            p.name,
        ),
        Page::OldAddress => t.old_address_description.to_string(),
        Page::OldProvince(o) => data::fill(t.old_province_description, "province", o.name),
        Page::Search => t.search_description.to_string(),
        Page::Embed => t.embed_description.to_string(),
        Page::Laws => t.laws_description.to_string(),
        Page::OpenData => t.open_data_description.to_string(),
        Page::Changes => t.changes_description.to_string(),
        Page::Rights => t.rights_description.to_string(),
        Page::Receipts => t.receipts_description.to_string(),
        Page::About => t.about_description.to_string(),
        Page::NotFound => t.not_found_body.to_string(),
        Page::Offline => t.offline_body.to_string(),
    }
}

/// Who provides a procedure, as far as its place names one office kind; `None`
/// where the place depends on the case, is online only or is whoever keeps a
/// register: the data would otherwise name a provider the page does not.
fn provider(place: Place, lang: Lang) -> Option<&'static str> {
    let t = data::strings(lang);
    match place {
        Place::AnyCommune | Place::AnyCommuneInProvince | Place::ResidenceCommune => {
            Some(t.ld_provider_centre)
        }
        Place::PropertyCommune => Some(t.ld_provider_property),
        Place::CommunePolice | Place::AnyCommunePolice => Some(t.ld_provider_police),
        Place::CommuneMilitary => Some(t.ld_provider_military),
        Place::SocialInsuranceOffice => Some(t.ld_provider_social_insurance),
        Place::RecordOffice | Place::OnlineOnly | Place::ByCase => None,
    }
}

/// A procedure page's schema.org data (JSON-LD): a `GovernmentService` with its
/// code, field, provider, the country it serves, its channels (the portal's
/// address for the online ones), what it produces and its fee as an offer's
/// words. The documents to bring have no schema.org property and are left out;
/// so are the life-event flows (a tree of questions is not a `HowTo`'s list of
/// steps). `<` is escaped so the data can never close its script element.
pub fn json_ld(route: &Route, base_url: &str) -> Option<String> {
    let Page::Procedure(info) = route.page else {
        return None;
    };
    let lang = route.lang;
    let t = data::strings(lang);
    let p = data::details(info);
    let url = format!("{base_url}{}", route.href());
    let channels: Vec<serde_json::Value> = p
        .channels
        .iter()
        .map(|&c| {
            let mut ch = serde_json::json!({
                "@type": "ServiceChannel",
                "name": crate::app::article::channel_label(t, c),
            });
            let online = match c {
                Channel::NationalPortal => p.portal_url.or(Some("https://dichvucong.gov.vn/")),
                Channel::Vneid => Some("https://vneid.gov.vn/"),
                Channel::InPerson | Channel::Post | Channel::PhoneEmail => None,
            };
            if let Some(u) = online {
                ch["serviceUrl"] = u.into();
            }
            ch
        })
        .collect();
    let mut ld = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": info.name.get(lang),
        "description": p.summary.get(lang),
        "url": url,
        "identifier": info.code,
        "serviceType": data::field(info.field).map(|f| f.name.get(lang)),
        "areaServed": { "@type": "Country", "name": t.ld_country },
        "availableChannel": channels,
        "serviceOutput": { "@type": "Thing", "name": p.result.get(lang) },
    });
    // The fee in words, unless they point at the exemptions listed under them on
    // the page, which the data does not carry.
    let fee = p.fee.text.get(lang);
    if !["dưới đây", "below"].iter().any(|w| fee.contains(w)) {
        ld["offers"] = serde_json::json!({ "@type": "Offer", "description": fee });
    }
    if let Some(name) = provider(p.place, lang) {
        ld["provider"] = serde_json::json!({
            "@type": "GovernmentOrganization",
            "name": name,
            "areaServed": { "@type": "Country", "name": t.ld_country },
        });
    }
    if let Some(portal) = p.portal_url {
        ld["sameAs"] = portal.into();
    }
    Some(ld.to_string().replace('<', "\\u003c"))
}

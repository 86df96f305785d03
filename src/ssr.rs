//! Prerendering: the HTML of every page, rendered natively from the same
//! components the wasm hydrates. Only the `prerender` binary and tests use it.
//!
//! Architecture invariant: no file or network I/O here; the binary reads trunk's
//! `index.html` and writes the pages.

use std::sync::Arc;

use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos_router::location::RequestUrl;

use crate::app::{App, NotFound};
use crate::model::Lang;
use crate::route::{Page, Route};

/// The body HTML the wasm will hydrate for `route`.
pub fn render_body(route: &Route) -> String {
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let path = route.href();
    owner.with(|| {
        provide_context(RequestUrl::new(&path));
        view! { <App/> }.to_html()
    })
}

/// The 404 page's main content, rendered without the router (the page is static).
pub fn render_not_found() -> String {
    let owner = Owner::new_root(None);
    owner.with(|| view! { <NotFound/> }.to_html())
}

/// Escapes text for an HTML attribute or text node.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The `<head>` tags of a page: title, description, canonical and language
/// alternates. `base_url` is the site's public origin, without a trailing slash.
pub fn head(route: &Route, base_url: &str) -> String {
    let mut out = format!(
        "<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n",
        escape(&route.title()),
        escape(&route.description())
    );
    if route.page != Page::NotFound {
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
    }
    out
}

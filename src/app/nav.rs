//! Client-side navigation, without a router crate: the address is one signal.
//!
//! Which page a path shows is decided by [`crate::route::Route::parse`], so all
//! the app needs from a router is the path and the links. After hydration a
//! click on a link to another page of this site pushes a history entry and sets
//! the signal; back and forward (`popstate`) set it too. Everything else is left
//! to the browser:
//!
//! - links to other sites, `tel:`, `geo:`, and links with `target`, `download` or
//!   `rel="external"` (the "reload the page" button), or clicked with a modifier key
//!   (a new tab);
//! - links that only change the part after `#` on the same page (the skip link,
//!   a flow's own states, an old province's districts);
//! - clicks a page's own script has already handled (`preventDefault`).
//!
//! The address's `?` part holds the page's modes (embedded, counter mode), and a new
//! address keeps it ([`super::mode::record`]).
//!
//! Only the wasm listens; a native build renders the path it is given.

#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// Starts following the address: link clicks and history moves set `path`. Its
/// listeners are the document's, for as long as it lives (set once, at start).
#[cfg(feature = "hydrate")]
pub fn follow(path: RwSignal<String>) {
    use wasm_bindgen::JsCast;
    use web_sys::{Element, MouseEvent};

    use super::listener::Listener;

    let Some(window) = web_sys::window() else {
        return;
    };
    let set = move |to: String| {
        if path.get_untracked() != to {
            path.set(to);
        }
    };

    let on_click = move |ev: web_sys::Event| {
        let Some(ev) = ev.dyn_ref::<MouseEvent>() else {
            return;
        };
        if ev.default_prevented()
            || ev.button() != 0
            || ev.meta_key()
            || ev.ctrl_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let external = link
            .get_attribute("rel")
            .is_some_and(|r| r.split_whitespace().any(|w| w == "external"));
        if external || link.has_attribute("target") || link.has_attribute("download") {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        // The link's address, resolved by the browser (relative links included).
        let href = web_sys::js_sys::Reflect::get(&link, &"href".into())
            .ok()
            .and_then(|h| h.as_string())
            .unwrap_or_default();
        let origin = location.origin().unwrap_or_default();
        let Some(to) = href.strip_prefix(&origin).filter(|t| t.starts_with('/')) else {
            return;
        };
        let (page, hash) = to.split_once('#').unwrap_or((to, ""));
        let (pathname, query) = page.split_once('?').unwrap_or((page, ""));
        // The page's modes are in its `?` part, which a link without one keeps.
        let same_query = query.is_empty()
            || location
                .search()
                .unwrap_or_default()
                .trim_start_matches('?')
                == query;
        let same_page = pathname == location.pathname().unwrap_or_default() && same_query;
        if same_page && !hash.is_empty() {
            return;
        }
        ev.prevent_default();
        super::mode::record(to);
        set(pathname.to_string());
        if hash.is_empty() {
            super::mode::to_top();
        }
    };
    if let Some(doc) = window.document() {
        Listener::new(&doc, "click", on_click).forever();
    }
    Listener::new(&window, "popstate", move |_| {
        if let Some(p) = web_sys::window().and_then(|w| w.location().pathname().ok()) {
            set(p);
        }
    })
    .forever();
}

/// Whether the address is `route`'s: the page shown, or about to be (the address
/// changes first).
#[cfg(feature = "hydrate")]
pub fn at(route: crate::route::Route) -> bool {
    web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|p| crate::route::Route::parse(&p) == route)
}

/// Brings the element named by the address's `#` into view, once a page's HTML
/// has arrived after a client navigation (the browser did it before the HTML was
/// there).
#[cfg(feature = "hydrate")]
pub fn reveal_hash() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
        return;
    };
    if let Some(el) = window.document().and_then(|d| d.get_element_by_id(id)) {
        el.scroll_into_view();
    }
}

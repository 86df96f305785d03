//! Thủ tục xã: a citizen self-service guide to Vietnam's commune-level procedures.
//!
//! The pure core ([`model`], [`data`], [`route`], [`places`], [`text`], and the build-time [`content`]
//! pipeline) knows nothing of Leptos or the browser and is tested natively. The
//! thin UI in [`app`] renders it; [`ssr`] prerenders it to HTML, and the wasm
//! (feature `hydrate`) hydrates that HTML. See ARCHITECTURE.md.

// Leptos views are deeply nested types; the procedure page needs more than 128.
#![recursion_limit = "256"]

pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod changes;
#[cfg(not(target_arch = "wasm32"))]
pub mod corpus;
pub mod data;
#[cfg(not(target_arch = "wasm32"))]
pub mod og;
#[cfg(not(target_arch = "wasm32"))]
pub mod open_data;
pub mod route;
#[cfg(feature = "ssr")]
pub mod ssr;

// The pure core is a crate of its own (`core/`), and so is the content pipeline
// (`pipeline/`, native only); their modules are used here as the crate's own.
#[cfg(not(target_arch = "wasm32"))]
pub use thu_tuc_xa_content as content;
pub use thu_tuc_xa_core::{
    boundaries, calendar, embed, flow, form, model, places, search, sketch, text,
};

/// The wasm entry point (called by `main`): hydrates the prerendered page, then
/// marks the document with `data-hydrated` (tests can tell a live page from a
/// static one).
#[cfg(feature = "hydrate")]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let path = served_path();
    let lang = route::Route::parse(&path).lang;
    let html = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    // If hydrating fails, the boot script shows the page without the app.
    if let Some(html) = &html {
        let _ = html.set_attribute(route::HYDRATING_ATTR, "");
    }
    leptos::mount::hydrate_body(move || {
        use leptos::prelude::*;
        view! { <app::App path/> }
    });
    if let Some(html) = html {
        let _ = html.set_attribute("data-hydrated", "");
    }
    app::search::listen();
    app::handoff::listen();
    app::mode::start();
    // Checklist ticks are kept 30 days (the flows' privacy line says so).
    app::flow::forget_old_ticks();
    app::offline::register(lang);
}

/// The page to hydrate: the one the HTML says it is (`PAGE_META`), whatever
/// address served it (`…/index.html`, percent-encoded letters), so that the view
/// is the served HTML; the address bar then shows the page's own address. Without
/// that mark (an HTML older than it), the address.
#[cfg(feature = "hydrate")]
fn served_path() -> String {
    let Some(window) = web_sys::window() else {
        return "/".to_string();
    };
    let location = window.location();
    let address = location.pathname().unwrap_or_else(|_| "/".to_string());
    let served = window
        .document()
        .and_then(|d| {
            d.query_selector(&format!("meta[name=\"{}\"]", route::PAGE_META))
                .ok()
                .flatten()
        })
        .and_then(|m| m.get_attribute("content"));
    let Some(served) = served.filter(|s| s.starts_with('/')) else {
        return address;
    };
    if served != address {
        let rest = format!(
            "{}{}",
            location.search().unwrap_or_default(),
            location.hash().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(
                &wasm_bindgen::JsValue::NULL,
                "",
                Some(&format!("{served}{rest}")),
            );
        }
    }
    served
}

//! The search box (in the header, on the home page, on the search page) and the
//! search page.
//!
//! Without JavaScript the box is not shown (it could not search): a link leads to
//! the search page, whose A–Z list reaches every page. The input has no `name`,
//! so what was typed is never sent anywhere. With JavaScript, the first focus on a box (or the search
//! page) loads the extras module, whose combobox (`extras/src/combobox.rs`) searches
//! the index on the device as the person types. The form's attributes carry what
//! that needs: its language, the place finder's path, the status messages.

use leptos::prelude::*;

use super::fragment::enhanced;
use crate::data;
use crate::model::Lang;
use crate::route::{Page, Route};

/// A search form. `id` makes its element ids unique on the page; `on_page` is
/// the search page's own box, whose results are a list on the page rather than a
/// popup.
#[component]
pub fn SearchBox(lang: Lang, id: &'static str, #[prop(optional)] on_page: bool) -> impl IntoView {
    let t = data::strings(lang);
    let input = format!("{id}-q");
    let list = format!("{id}-list");
    let kinds = [
        t.search_kind_event,
        t.search_kind_procedure,
        t.search_kind_document,
        t.search_kind_index,
        t.search_kind_commune,
        t.search_kind_old,
        t.search_kind_tool,
    ]
    .join("|");
    view! {
        // Without the script the box could not search: it is not shown, and a link
        // to the A–Z list, which reaches every page, is (`noscript.css`).
        // (The search page's own box needs no link to itself: the list is below.)
        {(!on_page)
            .then(|| {
                view! {
                    <a class="no-js-only search-az-link" href=Route::new(lang, Page::Search).href()>
                        {t.search_nojs_link}
                    </a>
                }
            })}
        <form
            class="search js-only"
            role="search"
            action=Route::new(lang, Page::Search).href()
            data-search=lang.tag()
            data-places=Route::new(lang, Page::Places).href().trim_end_matches('/').to_string()
            data-search-page=on_page.then_some("")
            data-kinds=kinds
            data-loading=t.search_loading
            data-none=t.search_none
            data-failed=t.search_failed
            data-count=t.search_count.other data-count-one=t.search_count.one
        >
            <label class="search-label" for=input.clone()>
                {t.search_label}
            </label>
            <div class="search-row">
                <input
                    id=input
                    class="search-input"
                    type="search"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    role="combobox"
                    aria-autocomplete="list"
                    aria-expanded="false"
                    aria-controls=list.clone()
                    data-search-input
                />
                <button type="submit" class="search-button">
                    {t.search_button}
                </button>
            </div>
            <p class="search-status" role="status" data-search-status></p>
            <div id=list class="search-list" role="listbox" aria-label=t.search_label hidden></div>
        </form>
    }
}

/// The search page: its fragment (the box, the results, A to Z); the extras
/// module, loaded with it, reads the query from the address's `#q=`.
#[component]
pub fn SearchPage(route: Route) -> impl IntoView {
    enhanced(route, |_root, _| {
        #[cfg(feature = "hydrate")]
        super::extras::need(&_root);
    })
}

/// Starts the listeners (the wasm, once, at start).
#[cfg(feature = "hydrate")]
pub fn listen() {
    browser::listen();
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;

    use crate::app::listener::Listener;

    /// The first focus on a search box loads the extras, which hold the search
    /// (the document's listener, set once at start).
    pub fn listen() {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let on_focus = |ev: web_sys::Event| {
            let on_box = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| e.has_attribute("data-search-input"));
            if on_box {
                crate::app::extras::load();
            }
        };
        Listener::new(&doc, "focusin", on_focus).forever();
    }
}

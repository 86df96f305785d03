//! Extras: what a page needs only once someone uses it, kept out of the app's wasm
//! so that a first visit downloads less (the critical path of ARCHITECTURE.md).
//!
//! - [`qr`]: QR codes of a page's address, for handing it over to a phone
//!   ([`handoff`] draws them in the page's `[data-qr]` panels, on request and
//!   before printing).
//! - the "embed in your site" page's snippet builder ([`builder`]);
//! - "Đọc to", reading a page aloud with the device's own voice ([`read`]);
//! - search as you type ([`combobox`] over [`search`], the app's engine), loaded
//!   when a search box is first focused or with the search page.
//!
//! `cargo xtask dist` builds this crate into its own wasm (`extras-<hash>.js`,
//! `_bg.wasm`, and a boot file the page names in `<meta name="thu-tuc-xa:extras">`).
//! The app's wasm loads it (`src/app/extras.rs`) the first time a page holds the
//! builder or the search page, a search box is focused, or a QR or print button is
//! pressed; from then on an `thu-tuc-xa:attach` event on the document
//! tells it that a new page is in place. It marks `<html data-extras>` once
//! running, which shows the buttons that need it.
//!
//! The pure parts are the core crate's (`thu-tuc-xa-core`), shared with the app:
//! `search` and `text` (the search engine and its folding), `embed` (the snippets)
//! and `model` (the languages).

pub mod qr;
pub use thu_tuc_xa_core::{embed, model, search, text};

#[cfg(target_arch = "wasm32")]
mod builder;
#[cfg(target_arch = "wasm32")]
mod combobox;
#[cfg(target_arch = "wasm32")]
mod handoff;
#[cfg(target_arch = "wasm32")]
mod read;

/// The elements of a `query_selector_all`'s answer, in document order (none if
/// the selector failed).
#[cfg(target_arch = "wasm32")]
fn elements(list: Result<web_sys::NodeList, wasm_bindgen::JsValue>) -> Vec<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let Ok(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::Element>().ok())
        .collect()
}

/// Runs when the module is loaded.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    handoff::listen(&doc);
    read::listen(&doc);
    builder::attach(&doc);
    combobox::start(&doc);
    let on_attach = Closure::<dyn FnMut()>::new(|| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            builder::attach(&doc);
            combobox::attach(&doc);
        }
    });
    let _ = doc
        .add_event_listener_with_callback("thu-tuc-xa:attach", on_attach.as_ref().unchecked_ref());
    on_attach.forget();
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("data-extras", "");
    }
}

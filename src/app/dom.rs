//! The DOM lookups the page scripts share (the wasm only): the elements a
//! selector matches, as `HtmlElement` (which derefs to `Element`).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, NodeList};

/// The browser window. Every page of the app has one.
pub fn window() -> web_sys::Window {
    web_sys::window().expect("a browser window")
}

fn html_elements(list: Option<NodeList>) -> Vec<HtmlElement> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<HtmlElement>().ok())
        .collect()
}

/// Every element under `root` that `selector` matches, in document order.
pub fn elements(root: &Element, selector: &str) -> Vec<HtmlElement> {
    html_elements(root.query_selector_all(selector).ok())
}

/// The first element under `root` that `selector` matches.
pub fn element(root: &Element, selector: &str) -> Option<HtmlElement> {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

/// Every element of the document that `selector` matches.
pub fn in_document(selector: &str) -> Vec<HtmlElement> {
    html_elements(
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all(selector).ok()),
    )
}

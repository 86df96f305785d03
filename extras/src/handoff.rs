//! The page's QR code ([`crate::qr`]) in its `[data-qr]` panel: shown or hidden by
//! `button[data-action=qr]`, and drawn into every panel before printing (the print
//! stylesheet puts a drawn panel top right of the sheet). The first such click
//! loads this module; it then finishes that click (`data-pending`). The app's wasm puts the
//! panels away when the address changes (`src/app/handoff.rs`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, MouseEvent};

/// The page's address for another phone: without the `?` part (the modes are this
/// device's), with the answers (a flow's, from the panel's `data-hash`, which the
/// app keeps in their canonical form; in counter mode the address has none).
fn address(panel: &Element) -> Option<String> {
    let location = web_sys::window()?.location();
    let hash = match panel.get_attribute("data-hash") {
        Some(h) if h.is_empty() => String::new(),
        Some(h) => format!("#{h}"),
        None => location.hash().ok()?,
    };
    Some(format!(
        "{}{}{hash}",
        location.origin().ok()?,
        location.pathname().ok()?,
    ))
}

/// Draws the code of the current address into a panel; returns whether it did.
/// An address too long for one code leaves no code (never the last one), and the
/// status line beside the panel says why.
fn draw(panel: &Element) -> bool {
    let Some(url) = address(panel) else {
        return false;
    };
    let label = panel.get_attribute("data-label").unwrap_or_default();
    let Ok(Some(code)) = panel.query_selector("[data-qr-code]") else {
        return false;
    };
    let status = panel
        .previous_element_sibling()
        .filter(|e| e.has_attribute("data-qr-status"));
    let svg = crate::qr::svg(&url, &label);
    let said = match &svg {
        Some(svg) => {
            code.set_inner_html(svg);
            let _ = panel.set_attribute("data-filled", "");
            // What the code says, for anyone checking it (and the browser tests).
            let _ = panel.set_attribute("data-url", &url);
            None
        }
        None => {
            code.set_inner_html("");
            let _ = panel.remove_attribute("data-filled");
            let _ = panel.remove_attribute("data-url");
            panel.get_attribute("data-too-long")
        }
    };
    if let Some(status) = status {
        status.set_text_content(said.as_deref());
    }
    svg.is_some()
}

fn panels(doc: &Document) -> Vec<Element> {
    crate::elements(doc.query_selector_all("[data-qr]"))
}

fn toggle(button: &Element) {
    let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
    let panel = button
        .get_attribute("aria-controls")
        .and_then(|id| web_sys::window()?.document()?.get_element_by_id(&id));
    if let Some(panel) = panel {
        let shown = open && draw(&panel);
        if shown {
            let _ = panel.remove_attribute("hidden");
        } else {
            let _ = panel.set_attribute("hidden", "");
        }
        let _ = button.set_attribute("aria-expanded", &shown.to_string());
    }
}

/// Finishes what a button asked for before this module arrived (`data-pending`).
fn catch_up(doc: &Document) {
    for button in crate::elements(doc.query_selector_all("button[data-pending]")) {
        let _ = button.remove_attribute("data-pending");
        match button.get_attribute("data-action").as_deref() {
            Some("qr") => toggle(&button),
            Some("read") => crate::read::toggle(&button),
            Some("print") => {
                if let Some(window) = web_sys::window() {
                    // `beforeprint` draws the codes.
                    let _ = window.print();
                }
            }
            _ => {}
        }
    }
}

pub fn listen(doc: &Document) {
    let on_click = Closure::<dyn FnMut(MouseEvent)>::new(|ev: MouseEvent| {
        let target = ev.target().and_then(|t| t.dyn_into::<Element>().ok());
        let button = |selector: &str| {
            target
                .as_ref()
                .and_then(|e| e.closest(selector).ok().flatten())
        };
        if let Some(button) = button("button[data-action=qr]") {
            toggle(&button);
        } else if let Some(button) = button("button[data-action=read]") {
            crate::read::toggle(&button);
        }
    });
    let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    on_click.forget();
    // The print button and the browser's own print command alike.
    let on_print = Closure::<dyn FnMut()>::new(|| {
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            for panel in panels(&doc) {
                draw(&panel);
            }
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .add_event_listener_with_callback("beforeprint", on_print.as_ref().unchecked_ref());
    }
    on_print.forget();
    catch_up(doc);
}

//! Handing a page over: a QR code of the page's address (answers included, they are
//! after `#`) that a person scans to open the same page on their own phone, and a
//! printout that carries the same code. Made on the device by [`crate::qr`]; the
//! address never leaves it.
//!
//! The buttons and the panel are build-time HTML ([`QrButton`], [`QrPanel`], in a
//! flow's outcome and on a procedure's page); the wasm listens on the document for
//! `button[data-action=qr]` (show or hide the code) and `button[data-action=print]`
//! (draw the code for the printout, then print).

#[cfg(not(target_arch = "wasm32"))]
use leptos::prelude::*;

#[cfg(not(target_arch = "wasm32"))]
use crate::{data, model::Lang};

/// The button that shows the page's QR code ([`QrPanel`] must be on the page).
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn QrButton(lang: Lang) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button-secondary js-only"
            data-action="qr"
            aria-expanded="false"
            aria-controls="qr-panel"
        >
            {data::strings(lang).qr_show}
        </button>
    }
}

/// Where the code appears, on screen and on the printout (top right).
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn QrPanel(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        <div class="qr-panel" id="qr-panel" data-qr data-label=t.qr_label hidden>
            <div class="qr-code" data-qr-code></div>
            <p class="qr-caption">{t.qr_caption}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{listen, reset};

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, MouseEvent};

    /// The page's address for another phone: without the `?` part (the modes are
    /// this device's), with the `#` part (a flow's answers).
    fn address() -> Option<String> {
        let location = web_sys::window()?.location();
        Some(format!(
            "{}{}{}",
            location.origin().ok()?,
            location.pathname().ok()?,
            location.hash().ok()?
        ))
    }

    /// Draws the code of the current address into a panel.
    fn draw(panel: &Element) {
        let Some(url) = address() else {
            return;
        };
        let label = panel.get_attribute("data-label").unwrap_or_default();
        if let (Ok(Some(code)), Some(svg)) = (
            panel.query_selector("[data-qr-code]"),
            crate::qr::svg(&url, &label),
        ) {
            code.set_inner_html(&svg);
            let _ = panel.set_attribute("data-filled", "");
            // What the code says, for anyone checking it (and the browser tests).
            let _ = panel.set_attribute("data-url", &url);
        }
    }

    fn panels() -> Vec<Element> {
        let Some(list) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all("[data-qr]").ok())
        else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    /// Hides the codes (the address changed, so they are out of date).
    pub fn reset() {
        for panel in panels() {
            let _ = panel.set_attribute("hidden", "");
            let _ = panel.remove_attribute("data-filled");
        }
        if let Some(list) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector_all("button[data-action=qr]").ok())
        {
            for i in 0..list.length() {
                if let Some(b) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = b.set_attribute("aria-expanded", "false");
                }
            }
        }
    }

    pub fn listen() {
        let on_click = Closure::<dyn FnMut(MouseEvent)>::new(|ev: MouseEvent| {
            let Some(button) = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("button[data-action]").ok().flatten())
            else {
                return;
            };
            match button.get_attribute("data-action").as_deref() {
                Some("qr") => {
                    let open = button.get_attribute("aria-expanded").as_deref() != Some("true");
                    let panel = button
                        .get_attribute("aria-controls")
                        .and_then(|id| web_sys::window()?.document()?.get_element_by_id(&id));
                    if let Some(panel) = panel {
                        if open {
                            draw(&panel);
                            let _ = panel.remove_attribute("hidden");
                        } else {
                            let _ = panel.set_attribute("hidden", "");
                        }
                        let _ = button.set_attribute("aria-expanded", &open.to_string());
                    }
                }
                Some("print") => {
                    for panel in panels() {
                        draw(&panel);
                    }
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                }
                _ => {}
            }
        });
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            let _ =
                doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        }
        on_click.forget();
    }
}

//! Handing a page over: a QR code of the page's address (a flow's answers
//! included, after `#`, from `data-hash`, which the flow keeps up to date) that a
//! person scans to open the same page on their own phone, and a
//! printout that carries the same code. Made on the device; the address never
//! leaves it.
//!
//! The buttons and the panel are build-time HTML ([`QrButton`], [`QrPanel`], in a
//! flow's outcome and on a procedure's page). The code is drawn by the extras module
//! (`extras/src/handoff.rs`), which the first click on one of these buttons loads:
//! most people never ask for a code, so their phones never download it. The app's
//! wasm prints, and puts the codes away when the address changes.

#[cfg(not(target_arch = "wasm32"))]
use leptos::prelude::*;

#[cfg(not(target_arch = "wasm32"))]
use crate::{data, model::Lang};

/// The button that shows the page's QR code ([`QrPanel`] must be on the page).
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn QrButton(
    lang: Lang,
    /// The rest of the button's name for a screen reader, when the code does not
    /// open the page on a phone.
    #[prop(optional)]
    more: Option<&'static str>,
) -> impl IntoView {
    view! {
        <button
            type="button"
            class="button-secondary js-only"
            data-action="qr"
            aria-expanded="false"
            aria-controls="qr-panel"
        >
            // Short on screen, whole for a screen reader.
            {data::strings(lang).qr_show}
            <span class="visually-hidden">{more.unwrap_or(data::strings(lang).qr_show_more)}</span>
        </button>
    }
}

/// "Đọc to": reads aloud, with the device's own voice for the page's language,
/// the visible text of the elements `target` selects (the extras module's
/// `read.rs`, loaded by the first press); says so when the device has no such
/// voice. Never starts by itself.
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn ReadAloud(lang: Lang, target: &'static str) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        <div class="read-aloud js-only">
            <button
                type="button"
                class="button-secondary"
                data-action="read"
                data-read=target
                data-label=t.read_aloud
                data-label-stop=t.read_stop
                data-no-voice=t.read_no_voice
                data-unsupported=t.read_unsupported
                aria-pressed="false"
            >
                {t.read_aloud}
            </button>
            <p class="status form-status" role="status" data-read-status></p>
        </div>
    }
}

/// Where the code appears, on screen and on the printout (top right).
#[cfg(not(target_arch = "wasm32"))]
#[component]
pub fn QrPanel(
    lang: Lang,
    /// What the code opens, when not the page with the answers chosen.
    #[prop(optional)]
    caption: Option<&'static str>,
    /// Why there is no code, when not because the page's answers are too many.
    #[prop(optional)]
    too_long: Option<&'static str>,
) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        // Says why there is no code, when the answers are too many for one.
        <p class="status qr-status" role="status" data-qr-status></p>
        <div class="qr-panel" id="qr-panel" data-qr data-label=t.qr_label data-too-long=too_long.unwrap_or(t.qr_too_long) hidden>
            <div class="qr-code" data-qr-code></div>
            <p class="qr-caption">{caption.unwrap_or(t.qr_caption)}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{listen, reset};

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsCast;
    use web_sys::{Element, Event};

    use crate::app::listener::Listener;

    use crate::app::dom::in_document as all;

    /// Puts the codes away: the answers changed, so they are out of date. `hash`
    /// is the answers' canonical form, which the next code will carry (in counter
    /// mode the address has none of them).
    pub fn reset(hash: &str) {
        for panel in all("[data-qr]") {
            let _ = panel.set_attribute("hidden", "");
            let _ = panel.remove_attribute("data-filled");
            let _ = panel.set_attribute("data-hash", hash);
        }
        for status in all("[data-qr-status]") {
            status.set_text_content(None);
        }
        for button in all("button[data-action=qr]") {
            let _ = button.set_attribute("aria-expanded", "false");
        }
    }

    /// The QR and print buttons before the extras module runs (and "Lưu giấy hẹn"
    /// before the forms module does): the click loads it,
    /// and it finishes what was asked (`data-pending`). Once it runs it handles the
    /// QR buttons itself, and the code on every printout (`beforeprint`). The
    /// document's listener, set once at start.
    pub fn listen() {
        let on_click = |ev: Event| {
            // "Lưu giấy hẹn" before the forms module runs: the click loads it,
            // and it opens the form (`data-pending`).
            let keep = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("button[data-receipt-open]").ok().flatten());
            if let Some(button) = keep {
                let ready = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.document_element())
                    .is_some_and(|h| h.has_attribute("data-forms"));
                if !ready {
                    let _ = button.set_attribute("data-pending", "");
                    crate::app::extras::load_forms();
                }
                return;
            }
            let Some(button) = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("button[data-action]").ok().flatten())
            else {
                return;
            };
            let ready = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
                .is_some_and(|h| h.has_attribute("data-extras"));
            match (button.get_attribute("data-action").as_deref(), ready) {
                (Some("print"), true) => {
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                }
                (Some("print" | "qr" | "read"), false) => {
                    let _ = button.set_attribute("data-pending", "");
                    crate::app::extras::load();
                }
                _ => {}
            }
        };
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            Listener::new(&doc, "click", on_click).forever();
        }
    }
}

//! The page's modes. `mode.js`, which trunk inlines into every page and which runs
//! before the first paint (so nothing moves when the wasm arrives), reads them from
//! the address and marks them on `<html>`:
//!
//! - **Embedded** (`?nhung=1`, honoured only inside a frame): `data-embed`, maybe
//!   `data-province="79"` (`&tinh=79`) and an accent colour (`&mau=0b4f8a`, kept
//!   only if white text on it has a contrast of 4.5:1). The stylesheet hides the
//!   site's own header and footer; the places keep to that province
//!   ([`crate::embed::shows_place`]: the place pages, "near me", the search's
//!   communes and old wards); the page tells the embedding page its height
//!   ([`start`]).
//! - **Counter mode** (`?quay=1`), for volunteers at a counter: larger text and
//!   targets, a "next person" button that starts again from a clean page, and
//!   nothing kept between people: no storage, a flow's answers in the page's
//!   memory only (never in an address, which the browser's history keeps), and
//!   moving between pages replaces the history entry instead of adding one.
//!
//! The modes live in the address's `?` part, which [`record`] carries from page to
//! page, so a reload keeps them. The prerendered pages are the same for everyone.
//!
//! ## The embedding protocol
//!
//! Messages are strings that start with `thu-tuc-xa:`. The guide, once running in
//! a frame, sends `ready` to its parent (it carries nothing, so any origin may see
//! it). `embed.js` on the host page answers `hello`, addressed to this site's
//! origin only. The guide accepts a `hello` only from its parent window, and from
//! then on sends `height:<px>` (the height of its content, never of its own
//! viewport, so the two cannot feed each other) and `top` (after moving to another
//! page or step: show the frame's top) to the origin the `hello` came from, and to
//! no other.

#[cfg(feature = "hydrate")]
pub use browser::*;

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::{Cell, RefCell};

    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{Element, MessageEvent};

    use crate::app::listener::Listener;
    use crate::data;
    use crate::places::Province;

    const PREFIX: &str = "thu-tuc-xa:";

    fn html() -> Option<Element> {
        web_sys::window()?.document()?.document_element()
    }

    fn marked(attr: &str) -> bool {
        html().is_some_and(|h| h.has_attribute(attr))
    }

    /// Counter mode: nothing is kept between people.
    pub fn counter() -> bool {
        marked("data-counter")
    }

    /// Running inside another site's page.
    pub fn embedded() -> bool {
        marked("data-embed")
    }

    /// The province an embedding page keeps the places to, if it is a real one
    /// ([`crate::embed::shows_place`] says what that keeps).
    pub fn province() -> Option<&'static Province> {
        let code = html()?.get_attribute(crate::embed::PROVINCE_MARK)?;
        data::PROVINCES.iter().find(|p| p.code == code)
    }

    /// Whether a place in this province is shown: all of them, except in a frame
    /// kept to one province.
    pub fn shows_place(province: &Province) -> bool {
        crate::embed::shows_place(self::province().map(|p| p.code), province.code)
    }

    /// Sets the address to `to` (a path, or `#…` alone), keeping the modes' `?`
    /// part: a new history entry, or in counter mode the same one.
    pub fn record(to: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let search = window.location().search().unwrap_or_default();
        let url = crate::route::keeping_modes(to, &search);
        if let Ok(history) = window.history() {
            let _ = if counter() {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(&url))
            };
        }
    }

    /// After moving to another page or step: back to the top, and in a frame, the
    /// embedding page is asked to show the frame's top.
    pub fn to_top() {
        if let Some(window) = web_sys::window() {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
        send("top");
    }

    thread_local! {
        /// The embedding page's origin, once it said `hello`.
        static HOST: RefCell<Option<String>> = const { RefCell::new(None) };
        /// The last height sent.
        static HEIGHT: Cell<i32> = const { Cell::new(-1) };
    }

    fn parent() -> Option<web_sys::Window> {
        web_sys::window()?.parent().ok().flatten()
    }

    /// Sends a message to the embedding page, if it said `hello`.
    fn send(message: &str) {
        let Some(host) = HOST.with(|h| h.borrow().clone()) else {
            return;
        };
        if let Some(parent) = parent() {
            let _ = parent.post_message(&JsValue::from_str(&format!("{PREFIX}{message}")), &host);
        }
    }

    /// The height of the content (not of the frame's viewport).
    fn send_height() {
        let Some(page) = html().and_then(|h| h.query_selector(".page").ok().flatten()) else {
            return;
        };
        let height = page.get_bounding_client_rect().height().ceil() as i32;
        if height > 0 && HEIGHT.get() != height && HOST.with(|h| h.borrow().is_some()) {
            HEIGHT.set(height);
            send(&format!("height:{height}"));
        }
    }

    /// Starts what the modes need once the page is live: in a frame, the embedding
    /// protocol; in counter mode, the "next person" button.
    pub fn start() {
        let Some(window) = web_sys::window() else {
            return;
        };
        if counter() {
            next_person(&window);
        }
        if !embedded() {
            return;
        }
        // A code no province has keeps nothing: the extras, which read the mark
        // and know no provinces, then see none either.
        if province().is_none() {
            if let Some(html) = html() {
                let _ = html.remove_attribute(crate::embed::PROVINCE_MARK);
            }
        }
        // The document's listeners and observer, set once at start.
        let on_message = |ev: web_sys::Event| {
            let Some(ev) = ev.dyn_ref::<MessageEvent>() else {
                return;
            };
            let from_parent = match (ev.source(), parent()) {
                (Some(source), Some(parent)) => {
                    web_sys::js_sys::Object::is(&source, parent.as_ref())
                }
                _ => false,
            };
            let hello = ev
                .data()
                .as_string()
                .as_deref()
                .and_then(crate::embed::Message::parse)
                == Some(crate::embed::Message::Hello);
            if from_parent && hello {
                HOST.with(|h| *h.borrow_mut() = Some(ev.origin()));
                HEIGHT.set(-1);
                send_height();
            }
        };
        Listener::new(&window, "message", on_message).forever();
        if let Some(page) = html().and_then(|h| h.query_selector(".page").ok().flatten()) {
            let on_resize = Closure::<dyn FnMut()>::new(send_height);
            if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
                observer.observe(&page);
            }
            on_resize.forget();
        }
        if let Some(parent) = parent() {
            let _ = parent.post_message(&JsValue::from_str("thu-tuc-xa:ready"), "*");
        }
    }

    /// "Next person" starts again from the home page in counter mode, as a new
    /// page (so nothing of the last person stays in memory) that takes the place of
    /// this one in the history.
    fn next_person(window: &web_sys::Window) {
        let on_click = |ev: web_sys::Event| {
            let link = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("a[data-next]").ok().flatten());
            let Some(href) = link.and_then(|l| l.get_attribute("href")) else {
                return;
            };
            ev.prevent_default();
            if let Some(window) = web_sys::window() {
                let _ = window.location().replace(&href);
            }
        };
        if let Some(doc) = window.document() {
            // Capture, before the router sees the click; the document's, set once.
            Listener::capture(&doc, "click", on_click).forever();
        }
    }
}

//! The one way the app listens to the DOM (the wasm only): a [`Listener`] is
//! added when made and removed when dropped.
//!
//! A page's script keeps its listeners in the page's [`PageListeners`], which the
//! page's owner holds: when the person leaves the page, Leptos cleans that owner up
//! and every listener of the page is removed, even where Leptos keeps the page's
//! element for the next page of the same shape (flow A, flow B, flow A again would
//! otherwise leave A's first listeners on it, handling every tap twice).
//! Listeners the document needs for as long as it lives, set once at start (the
//! client-side navigation, the extras' loaders, the embedding protocol), are kept
//! with [`Listener::forever`].

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Event, EventTarget};

/// An event listener on `target`, removed when dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    capture: bool,
    callback: Closure<dyn FnMut(Event)>,
}

impl Listener {
    /// Listens to `kind` events on `target` (in the bubbling phase).
    pub fn new(target: &EventTarget, kind: &'static str, f: impl FnMut(Event) + 'static) -> Self {
        Self::add(target, kind, false, Closure::new(f))
    }

    /// Listens to `kind` events on `target` in the capture phase, before the
    /// listeners of the bubbling phase (the client-side navigation's among them).
    pub fn capture(
        target: &EventTarget,
        kind: &'static str,
        f: impl FnMut(Event) + 'static,
    ) -> Self {
        Self::add(target, kind, true, Closure::new(f))
    }

    fn add(
        target: &EventTarget,
        kind: &'static str,
        capture: bool,
        callback: Closure<dyn FnMut(Event)>,
    ) -> Self {
        let _ = target.add_event_listener_with_callback_and_bool(
            kind,
            callback.as_ref().unchecked_ref(),
            capture,
        );
        Self {
            target: target.clone(),
            kind,
            capture,
            callback,
        }
    }

    /// Keeps the listener for as long as the document lives: only for listeners
    /// set once, when the app starts, never for a page's.
    pub fn forever(self) {
        std::mem::forget(self);
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.kind,
            self.callback.as_ref().unchecked_ref(),
            self.capture,
        );
    }
}

/// The listeners of one page's script, held by the page's owner: removed when
/// the page is left.
#[derive(Clone, Copy)]
pub struct PageListeners(StoredValue<Vec<Listener>, LocalStorage>);

impl PageListeners {
    /// Made while the page renders, so that the page's owner holds it.
    pub fn new() -> Self {
        Self(StoredValue::new_local(Vec::new()))
    }

    /// Whether the page is still shown (its owner not cleaned up).
    pub fn live(&self) -> bool {
        !self.0.is_disposed()
    }

    /// Listens to `kind` events on `target` until the page is left. Once it has
    /// been left, nothing is added.
    pub fn listen(&self, target: &EventTarget, kind: &'static str, f: impl FnMut(Event) + 'static) {
        if self.live() {
            let listener = Listener::new(target, kind, f);
            // Dropped, and so removed, at once if the page is gone meanwhile.
            let _ = self.0.try_update_value(move |all| all.push(listener));
        }
    }
}

//! Offline use (the wasm only): registers the service worker (`/sw.mjs`, written
//! by `cargo xtask dist`), asks it to save this language's pages, marks the
//! document `data-offline-ready` once they are saved, and announces a new version
//! with a button that lets it take over and reloads.
//!
//! Never inside another site's frame: an embedded guide registers nothing.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, ServiceWorkerRegistration, ServiceWorkerState};

use crate::model::Lang;

pub fn register(lang: Lang) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let top = window.top().ok().flatten();
    if !top.is_some_and(|t| web_sys::js_sys::Object::is(&t, &window)) {
        return;
    }
    let navigator = window.navigator();
    if !web_sys::js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let container = navigator.service_worker();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|e: MessageEvent| {
        if e.data().as_string().as_deref() == Some("precached") {
            if let Some(html) = document().and_then(|d| d.document_element()) {
                let _ = html.set_attribute("data-offline-ready", "");
            }
        }
    });
    container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Reload once the new version has taken over, if the person asked for it.
    let asked = Rc::new(Cell::new(false));
    let on_change = {
        let asked = asked.clone();
        Closure::<dyn FnMut()>::new(move || {
            if asked.get() {
                let _ = web_sys::window().map(|w| w.location().reload());
            }
        })
    };
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    let registering = container.register("/sw.mjs");
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(registering).await else {
            return;
        };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        watch_for_update(&reg, asked);
        let Ok(ready) = container.ready() else {
            return;
        };
        if let Ok(ready) = JsFuture::from(ready).await {
            if let Some(active) = ready.unchecked_into::<ServiceWorkerRegistration>().active() {
                let _ =
                    active.post_message(&JsValue::from_str(&format!("precache {}", lang.tag())));
            }
        }
    });
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

/// Shows the banner when a new worker is installed and waiting while this page
/// is controlled by the old one (a first install has nothing to announce).
fn watch_for_update(reg: &ServiceWorkerRegistration, asked: Rc<Cell<bool>>) {
    let controlled =
        || web_sys::window().is_some_and(|w| w.navigator().service_worker().controller().is_some());
    if reg.waiting().is_some() && controlled() {
        announce(reg, asked);
        return;
    }
    let found = {
        let reg = reg.clone();
        Closure::<dyn FnMut()>::new(move || {
            let Some(worker) = reg.installing() else {
                return;
            };
            let (reg, asked, w) = (reg.clone(), asked.clone(), worker.clone());
            let changed = Closure::<dyn FnMut()>::new(move || {
                if w.state() == ServiceWorkerState::Installed && controlled() {
                    announce(&reg, asked.clone());
                }
            });
            worker.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            changed.forget();
        })
    };
    reg.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
}

/// "A new version is available. Reload": the button lets the waiting worker take
/// over; the page reloads when it has.
fn announce(reg: &ServiceWorkerRegistration, asked: Rc<Cell<bool>>) {
    let Some(banner) = document().and_then(|d| d.get_element_by_id("update")) else {
        return;
    };
    let _ = banner.remove_attribute("hidden");
    let Ok(Some(button)) = banner.query_selector("button") else {
        return;
    };
    let reg = reg.clone();
    // The shell's banner outlives every page; shown once a version is waiting.
    super::listener::Listener::new(&button, "click", move |_| {
        asked.set(true);
        if let Some(waiting) = reg.waiting() {
            let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
        }
    })
    .forever();
}

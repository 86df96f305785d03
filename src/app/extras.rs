//! Loads the modules a first visit does without, so that their code is not on its
//! critical path:
//!
//! - the extras (`extras/`: search as you type, QR codes, the embed page's
//!   builder), the first time a page needs them (the search and embed pages), a
//!   search box is focused, or a QR or print button is pressed;
//! - the forms module (`forms/`: filling in a declaration form), on a form's page.
//!
//! The prerenderer names each one's boot file in a `<meta>` of every page
//! (`thu-tuc-xa:extras`, `thu-tuc-xa:forms`); this adds a `<script type="module">`
//! for it once. Later pages that need it are announced with an event on the
//! document (`thu-tuc-xa:attach`, `thu-tuc-xa:forms-attach`).

#[cfg(feature = "hydrate")]
pub use browser::{load, load_forms, need, need_forms};

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;
    use std::thread::LocalKey;

    thread_local! {
        static EXTRAS: Cell<bool> = const { Cell::new(false) };
        static FORMS: Cell<bool> = const { Cell::new(false) };
    }

    /// Loads the extras if `root` (a page's content) has a part that needs them.
    pub fn need(root: &web_sys::Element) {
        let wanted = root
            .query_selector("[data-embed-builder], [data-search-page]")
            .ok()
            .flatten()
            .is_some();
        if wanted {
            load();
        }
    }

    /// Loads the extras (once); if they are there already, tells them a new page is
    /// in place.
    pub fn load() {
        add(&EXTRAS, "thu-tuc-xa:extras", "thu-tuc-xa:attach");
    }

    /// Loads the forms module if `root` holds a form to fill in, or the list of
    /// receipts kept.
    pub fn need_forms(root: &web_sys::Element) {
        let wanted = root
            .query_selector("[data-form-fill], [data-receipts]")
            .ok()
            .flatten()
            .is_some();
        if wanted {
            load_forms();
        }
    }

    /// Loads the forms module (once); if it is there already, tells it a new page
    /// is in place.
    pub fn load_forms() {
        add(&FORMS, "thu-tuc-xa:forms", "thu-tuc-xa:forms-attach");
    }

    fn add(added: &'static LocalKey<Cell<bool>>, meta: &str, event: &str) {
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if added.get() {
            if let Ok(ev) = web_sys::Event::new(event) {
                let _ = doc.dispatch_event(&ev);
            }
            return;
        }
        let src = doc
            .query_selector(&format!("meta[name='{meta}']"))
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"));
        let (Some(src), Some(head)) = (src, doc.head()) else {
            return;
        };
        if let Ok(script) = doc.create_element("script") {
            let _ = script.set_attribute("type", "module");
            let _ = script.set_attribute("src", &src);
            let _ = head.append_child(&script);
            added.set(true);
        }
    }
}

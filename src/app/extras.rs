//! Loads the extras module (`extras/`: search as you type, QR codes, the embed
//! page's builder) the first time a page needs it (the search and embed pages), a
//! search box is focused, or a QR or print button is pressed, so that its code is not on a first visit's critical
//! path. The prerenderer names its boot file in `<meta name="thu-tuc-xa:extras">`;
//! this adds a `<script type="module">` for it once. Later pages that need it are
//! announced with a `thu-tuc-xa:attach` event on the document.

#[cfg(feature = "hydrate")]
pub use browser::{load, need};

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::Cell;

    thread_local! {
        static ADDED: Cell<bool> = const { Cell::new(false) };
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
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if ADDED.get() {
            if let Ok(ev) = web_sys::Event::new("thu-tuc-xa:attach") {
                let _ = doc.dispatch_event(&ev);
            }
            return;
        }
        let src = doc
            .query_selector("meta[name='thu-tuc-xa:extras']")
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
            ADDED.set(true);
        }
    }
}

//! Pages whose content is made at build time ([`super::article`]): procedures and
//! glossary entries.
//!
//! The prerendered page carries the content; when the wasm hydrates that page it
//! leaves it as it is, and after a client-side navigation it fetches the page's
//! fragment (`Route::fragment_href`) and sets it as inner HTML. So the wasm stays
//! small however large the catalogue grows. If the fetch fails (offline, say),
//! the page says so and offers a full reload.

use leptos::either::EitherOf3;
use leptos::prelude::*;

use crate::data;
use crate::route::Route;

/// The state of the page's HTML.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Content {
    Ready(String),
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Loading,
    Failed,
    /// The server has no such page (a stale link to a commune, say).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Missing,
}

/// The content: rendered here on the server, already in the document while
/// hydrating, fetched otherwise.
pub(super) fn content(route: Route) -> RwSignal<Content> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        RwSignal::new(super::article::render(&route).map_or(Content::Failed, Content::Ready))
    }
    #[cfg(target_arch = "wasm32")]
    {
        let hydrating = Owner::current_shared_context().is_some_and(|c| c.during_hydration());
        if hydrating {
            return RwSignal::new(Content::Ready(String::new()));
        }
        let state = RwSignal::new(Content::Loading);
        if let Some(url) = route.fragment_href() {
            leptos::task::spawn_local(async move {
                let answer = fetch::page(&url).await;
                // The person may have gone on while it loaded: an answer for a
                // page no longer shown touches nothing (not the next page's
                // title, nor its content, nor a reload).
                if state.is_disposed() || !super::nav::at(route) {
                    return;
                }
                let next = match answer {
                    Ok(html) if of_another_build(&html) => {
                        // The page whole, its HTML and wasm of one build: it
                        // hydrates and fetches nothing, so this happens once.
                        if let Some(w) = web_sys::window() {
                            let _ = w.location().reload();
                        }
                        Content::Loading
                    }
                    Ok(html) => {
                        // The wasm may not know this page's name; its HTML does.
                        if let (Some(h), Some(doc)) = (
                            heading_in(&html),
                            web_sys::window().and_then(|w| w.document()),
                        ) {
                            doc.set_title(&Route::title_from(route.lang, &h));
                        }
                        Content::Ready(html)
                    }
                    Err(404) => {
                        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
                            let missing = Route::new(route.lang, crate::route::Page::NotFound);
                            doc.set_title(&missing.title());
                        }
                        Content::Missing
                    }
                    Err(_) => Content::Failed,
                };
                let _ = state.try_set(next);
            });
        }
        state
    }
}

/// True when a fetched fragment belongs to another build than this wasm (a deploy
/// happened since the page was loaded, and a cache or the server has the newer,
/// or older, HTML): its `data-when` and `data-show` marks number this build's
/// conditions differently, so a checklist would silently follow the wrong answers.
#[cfg(target_arch = "wasm32")]
fn of_another_build(html: &str) -> bool {
    thread_local! {
        /// The build the document this wasm started in names (`BUILD_META`).
        static OURS: Option<String> = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                let css = format!("meta[name=\"{}\"]", crate::route::BUILD_META);
                d.query_selector(&css).ok().flatten()
            })
            .and_then(|m| m.get_attribute("content"));
    }
    OURS.with(|ours| {
        ours.as_deref()
            .is_some_and(|ours| crate::route::build_of_fragment(html) != Some(ours))
    })
}

/// The text of the first `<h1>` of some HTML, tags dropped and the entities
/// that Leptos writes read back.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn heading_in(html: &str) -> Option<String> {
    let start = html.find("<h1")?;
    let inner = &html[start..];
    let inner = &inner[inner.find('>')? + 1..];
    let inner = &inner[..inner.find("</h1>")?];
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// A page made of a build-time fragment. A form's page and the receipts' page are
/// handed to the forms module once their HTML is in place.
#[component]
pub fn FragmentPage(route: Route) -> impl IntoView {
    if matches!(
        route.page,
        crate::route::Page::Form(_) | crate::route::Page::Receipts
    ) {
        return leptos::either::Either::Left(enhanced(route, |_root, _| {
            #[cfg(feature = "hydrate")]
            super::extras::need_forms(&_root);
        }));
    }
    let state = content(route);
    leptos::either::Either::Right(view! { <FragmentView route state node_ref=NodeRef::new()/> })
}

/// The element an enhanced fragment's script works on (nothing outside the wasm).
#[cfg(feature = "hydrate")]
pub(super) type Root = web_sys::Element;
#[cfg(not(feature = "hydrate"))]
pub(super) type Root = ();

/// Where a page's script keeps its listeners, so that they end with the page
/// (nothing outside the wasm).
#[cfg(feature = "hydrate")]
pub(super) type Listeners = super::listener::PageListeners;
#[cfg(not(feature = "hydrate"))]
pub(super) type Listeners = ();

/// A build-time page whose HTML the wasm enhances (a flow, the place finder):
/// `attach` gets the fragment's element once its HTML is in place, whether
/// hydrated or fetched after a client navigation, and the page's [`Listeners`]:
/// every listener it adds there is removed when the page is left.
pub(super) fn enhanced(route: Route, attach: impl Fn(Root, Listeners) + 'static) -> impl IntoView {
    let page = content(route);
    let node = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        // Made here, so that this page's owner holds it.
        let listeners = super::listener::PageListeners::new();
        let attach = std::rc::Rc::new(attach);
        Effect::new(move |_| {
            let ready = matches!(page.get(), Content::Ready(_));
            if let (true, Some(root)) = (ready, node.get()) {
                let attach = std::rc::Rc::clone(&attach);
                when_filled(root.into(), route.href(), attach, listeners, 0);
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = attach;
    view! { <FragmentView route state=page node_ref=node/> }
}

/// Calls `attach` once the fragment's HTML is in the element, once per page. A
/// fetched fragment is set by a render effect that may run after the effect that
/// saw it arrive, so an element not yet holding this page is looked at again on
/// the next frames (a few at most). The element itself may be the previous
/// page's, with its HTML: Leptos keeps the DOM of a view of the same shape (a
/// province after the finder), so the element says which page's HTML it holds
/// (`data-page`), and which page it was attached for (`data-attached`). A page
/// left before that attaches nothing.
#[cfg(feature = "hydrate")]
fn when_filled(
    root: web_sys::Element,
    page: String,
    attach: std::rc::Rc<impl Fn(Root, Listeners) + 'static>,
    listeners: Listeners,
    tries: u8,
) {
    use wasm_bindgen::JsCast;
    if !listeners.live() || root.get_attribute("data-attached").as_deref() == Some(page.as_str()) {
        return;
    }
    let filled = root.get_attribute("data-page").as_deref() == Some(page.as_str())
        && root.first_element_child().is_some();
    if filled || tries >= 10 {
        let _ = root.set_attribute("data-attached", &page);
        attach(root, listeners);
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let next = wasm_bindgen::closure::Closure::once_into_js(move || {
        when_filled(root, page, attach, listeners, tries + 1);
    });
    let _ = window.request_animation_frame(next.unchecked_ref());
}

/// The fragment's HTML in a `div`, with a message while it loads or if it failed.
#[component]
pub(super) fn FragmentView(
    route: Route,
    state: RwSignal<Content>,
    node_ref: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let t = data::strings(route.lang);
    let html = move || match state.get() {
        Content::Ready(html) => html,
        _ => String::new(),
    };
    let status = move || match state.get() {
        Content::Ready(_) => None,
        Content::Loading => Some(EitherOf3::A(view! {
            <p class="status" role="status">
                {t.loading}
            </p>
        })),
        Content::Missing => Some(EitherOf3::B(view! { <super::NotFound/> })),
        Content::Failed => Some(EitherOf3::C(view! {
            <div class="status" role="alert">
                <h1>{route.heading().unwrap_or(t.load_failed_heading)}</h1>
                <p>{t.load_failed}</p>
                <p>
                    <a class="button" href=route.href() rel="external">
                        {t.load_retry}
                    </a>
                </p>
            </div>
        })),
    };
    // Once fetched HTML is in place, the part its address names can be shown.
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        if matches!(state.get(), Content::Ready(html) if !html.is_empty()) {
            super::nav::reveal_hash();
        }
    });
    // Set after the HTML (attributes are updated in order): the element holds
    // this page's HTML once `data-page` names it, even when Leptos kept the
    // element of the page before.
    let shown = move || matches!(state.get(), Content::Ready(_)).then(|| route.href());
    view! {
        {status}
        <div class="fragment" node_ref=node_ref inner_html=html data-page=shown></div>
    }
}

/// Fetching a fragment over the network (the wasm only).
#[cfg(target_arch = "wasm32")]
pub(super) mod fetch {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    /// The body of a successful GET, or `None` (offline, 404, anything else).
    pub async fn text(url: &str) -> Option<String> {
        body(start(url)?).await
    }

    /// The body of a successful GET, or the response's status (0 without one:
    /// offline, say).
    pub async fn page(url: &str) -> Result<String, u16> {
        let request = start(url).ok_or(0u16)?;
        let response: web_sys::Response = JsFuture::from(request)
            .await
            .map_err(|_| 0u16)?
            .dyn_into()
            .map_err(|_| 0u16)?;
        if !response.ok() {
            return Err(response.status());
        }
        let text = JsFuture::from(response.text().map_err(|_| 0u16)?)
            .await
            .map_err(|_| 0u16)?;
        text.as_string().ok_or(0)
    }

    /// Starts a GET now (to run several at once); [`body`] waits for it.
    pub fn start(url: &str) -> Option<web_sys::js_sys::Promise> {
        Some(web_sys::window()?.fetch_with_str(url))
    }

    /// The body of a GET [`start`]ed earlier, if it succeeded.
    pub async fn body(request: web_sys::js_sys::Promise) -> Option<String> {
        let response: web_sys::Response = JsFuture::from(request).await.ok()?.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    }
}

#[cfg(test)]
mod tests {
    use super::heading_in;

    #[test]
    fn the_heading_is_read_from_a_fragment() {
        let html = r#"<nav><ol><li>x</li></ol></nav><h1 class="a">Xã <!>Sơn Hà &amp; <b>B</b></h1><h1>2</h1>"#;
        assert_eq!(heading_in(html).as_deref(), Some("Xã Sơn Hà & B"));
        assert_eq!(heading_in("<h1></h1>"), None);
        assert_eq!(heading_in("<p>no heading</p>"), None);
        assert_eq!(heading_in("<h1>unclosed"), None);
    }
}

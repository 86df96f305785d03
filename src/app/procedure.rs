//! A procedure's page: breadcrumbs around the article.
//!
//! The article itself is HTML made at build time ([`super::article`]). The
//! prerendered page carries it; when the wasm hydrates that page it leaves the
//! article as it is, and after a client-side navigation it fetches the article's
//! fragment (`Route::fragment_href`). So the wasm stays small however many
//! procedures there are.

use leptos::prelude::*;

use super::Breadcrumbs;
use crate::data;
use crate::model::{Lang, ProcedureInfo};
use crate::route::{Page, Route};

/// The state of the article's HTML.
#[derive(Clone, Debug, PartialEq)]
enum Article {
    Ready(String),
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Loading,
    Failed,
}

/// The article for a page: already in the document while hydrating (or rendered
/// here on the server), fetched otherwise.
fn article(route: Route) -> RwSignal<Article> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        let Page::Procedure(info) = route.page else {
            return RwSignal::new(Article::Failed);
        };
        RwSignal::new(Article::Ready(super::article::article_html(
            data::details(info),
            route.lang,
        )))
    }
    #[cfg(target_arch = "wasm32")]
    {
        let hydrating = Owner::current_shared_context().is_some_and(|c| c.during_hydration());
        if hydrating {
            return RwSignal::new(Article::Ready(String::new()));
        }
        let state = RwSignal::new(Article::Loading);
        if let Some(url) = route.fragment_href() {
            leptos::task::spawn_local(async move {
                let next = match fetch::text(&url).await {
                    Some(html) => Article::Ready(html),
                    None => Article::Failed,
                };
                let _ = state.try_set(next);
            });
        }
        state
    }
}

/// The page of one procedure.
#[component]
pub fn ProcedurePage(lang: Lang, procedure: &'static ProcedureInfo) -> impl IntoView {
    let t = data::strings(lang);
    let route = Route::new(lang, Page::Procedure(procedure));
    let mut trail = vec![(Route::new(lang, Page::All).href(), t.all_title)];
    if let Some(f) = data::field(procedure.field) {
        trail.push((Route::new(lang, Page::Field(f)).href(), f.name.get(lang)));
    }
    let state = article(route);
    let html = move || match state.get() {
        Article::Ready(html) => html,
        _ => String::new(),
    };
    let status = move || match state.get() {
        Article::Ready(_) => None,
        Article::Loading => Some(
            view! {
                <p class="status" role="status">
                    {t.loading}
                </p>
            }
            .into_any(),
        ),
        Article::Failed => Some(
            view! {
                <div class="status" role="alert">
                    <h1>{procedure.name.get(lang)}</h1>
                    <p>{t.load_failed}</p>
                    <p>
                        <a class="button" href=route.href() rel="external">
                            {t.load_retry}
                        </a>
                    </p>
                </div>
            }
            .into_any(),
        ),
    };
    view! {
        <Breadcrumbs lang trail/>
        {status}
        <article class="procedure" inner_html=html></article>
    }
}

/// Fetching the article over the network (the wasm only).
#[cfg(target_arch = "wasm32")]
mod fetch {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    /// The body of a successful GET, or `None` (offline, 404, anything else).
    pub async fn text(url: &str) -> Option<String> {
        let window = web_sys::window()?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()
    }
}

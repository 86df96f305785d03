//! The user interface: a thin Leptos layer over the pure core. Each page is its
//! own module; this one holds the shell (header, footer, language switch) and
//! picks the page for the current URL.
//!
//! Architecture invariant: no content logic here (what a page shows comes from
//! [`crate::data`] and [`crate::route`]); browser APIs only behind `hydrate`.

#[cfg(not(target_arch = "wasm32"))]
pub mod article;
#[cfg(feature = "hydrate")]
mod dom;
mod embed;
mod extras;
pub mod flow;
mod fragment;
pub mod handoff;
mod home;
#[cfg(feature = "hydrate")]
mod listener;
pub mod mode;
mod nav;
mod not_found;
#[cfg(feature = "hydrate")]
pub mod offline;
mod places;
pub mod search;

use leptos::either::EitherOf8;
use leptos::prelude::*;

use crate::data;
use crate::route::{Page, Route};

use flow::FlowPage;
use fragment::FragmentPage;
use home::Home;
pub use not_found::{NotFound, Offline};
use places::PlacesPage;

/// The whole application: the page for the current path.
///
/// Which page a path shows is decided by [`Route::parse`] in the pure core; the
/// path itself is a signal that [`nav`] keeps in step with the address bar. After
/// a client-side navigation it does what a full page load would: sets the
/// document's title and language, and moves keyboard and screen-reader focus to
/// the new page's main content.
#[component]
pub fn App(
    /// The path being rendered (the prerenderer's page, or the browser's address).
    path: String,
) -> impl IntoView {
    let path = RwSignal::new(path);
    let route = Memo::new(move |_| Route::parse(&path.get()));
    #[cfg(feature = "hydrate")]
    {
        nav::follow(path);
        Effect::new(move |previous: Option<()>| {
            use wasm_bindgen::JsCast;
            let route = route.get();
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            if let Some(html) = doc.document_element() {
                let _ = html.set_attribute("lang", route.lang.tag());
            }
            // A prerendered page already has its title (the wasm does not know every
            // page's name, so it must not replace it).
            if previous.is_some() {
                doc.set_title(&route.title());
                if let Some(main) = doc
                    .get_element_by_id("main")
                    .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = main.focus();
                }
            }
        });
    }
    move || {
        let route = route.get();
        view! { <Shell route=route/> }
    }
}

/// Header, main content and footer around a page.
#[component]
fn Shell(route: Route) -> impl IntoView {
    let lang = route.lang;
    let t = data::strings(lang);
    let home = Route::new(lang, Page::Home).href();
    let next_person = format!("{home}?quay=1");
    // The page itself, where the counter mode switch and exit lead.
    let here = match route.page {
        Page::NotFound | Page::Offline => home.clone(),
        _ => route.href(),
    };
    let counter_on = format!("{here}?quay=1");
    let other = route.translated();
    let other_href = match route.page {
        Page::NotFound | Page::Offline => Route::new(lang.other(), Page::Home).href(),
        _ => other.href(),
    };
    // An enum of the pages' views rather than `into_any`: a type-erased view
    // carries every way of rendering it (async hydration among them) into the
    // wasm, whether used or not.
    let page = match route.page {
        Page::Home => EitherOf8::A(view! { <Home lang/> }),
        Page::NotFound => EitherOf8::B(view! { <NotFound/> }),
        Page::Offline => EitherOf8::C(view! { <Offline lang/> }),
        Page::Flow(flow) => EitherOf8::D(view! { <FlowPage route flow/> }),
        Page::Places | Page::Province(_) | Page::OldAddress | Page::OldProvince(_) => {
            EitherOf8::E(view! { <PlacesPage route/> })
        }
        Page::Search => EitherOf8::F(view! { <search::SearchPage route/> }),
        Page::Embed => EitherOf8::G(view! { <embed::EmbedPage route/> }),
        _ => EitherOf8::H(view! { <FragmentPage route/> }),
    };
    view! {
        <div class="page">
            // `target` leaves this link to the browser, which moves focus.
            <a class="skip-link" href="#main" target="_self">
                {t.skip_link}
            </a>
            // Shown only in counter mode (`mode.js` marks it before the first paint).
            <div class="counter-bar">
                <div class="container counter-inner">
                    <span class="counter-label">{t.counter_label}</span>
                    <a class="button counter-next" href=next_person data-next>
                        {t.counter_next}
                    </a>
                    <a class="counter-exit" href=here rel="external">
                        {t.counter_exit}
                        <span class="visually-hidden">{t.counter_exit_rest}</span>
                    </a>
                </div>
            </div>
            <header class="site-header">
                <div class="container header-inner">
                    <a class="brand" href=home>
                        <span class="brand-name">{t.site_name}</span>
                        <span class="brand-tagline">{t.site_tagline}</span>
                    </a>
                    <a
                        class="lang-switch"
                        href=other_href
                        hreflang=lang.other().tag()
                        lang=lang.other().tag()
                    >
                        {t.lang_switch}
                    </a>
                </div>
                // The home page and the search page have their own, larger box.
                {(route.page != Page::Home && route.page != Page::Search)
                    .then(|| {
                        view! {
                            <div class="container header-search">
                                <search::SearchBox lang id="hs"/>
                            </div>
                        }
                    })}
            </header>
            // Shown by the wasm when a new version of the site is ready (offline.rs).
            <div id="update" class="update-banner" role="status" hidden>
                <div class="container">
                    <span>{t.update_ready}</span>
                    " "
                    <button type="button" class="button button-secondary">
                        {t.update_reload}
                    </button>
                </div>
            </div>
            <main id="main" class="container" tabindex="-1">
                {page}
            </main>
            <footer class="site-footer">
                <div class="container">
                    <p class="footer-publisher">
                        {data::fill(t.footer_publisher, "publisher", data::PUBLISHER.name(lang))}
                    </p>
                    <p>{t.footer_privacy}</p>
                    <p>{t.footer_disclaimer}</p>
                    <nav aria-label=t.footer_tools>
                        <ul class="footer-links">
                            <li>
                                <a href=Route::new(lang, Page::About).href()>{t.footer_about}</a>
                            </li>
                            <li>
                                <a href=Route::new(lang, Page::Rights).href()>{t.rights_title}</a>
                            </li>
                            <li>
                                <a href=Route::new(lang, Page::Receipts).href()>{t.receipts_link}</a>
                            </li>
                            <li>
                                <a href=Route::new(lang, Page::Laws).href()>{t.laws_title}</a>
                            </li>
                            <li>
                                <a href=Route::new(lang, Page::Changes).href()>{t.changes_title}</a>
                            </li>
                            <li>
                                <a href=Route::new(lang, Page::Embed).href()>{t.footer_embed}</a>
                            </li>
                            <li>
                                <a href=Route::new(lang, Page::OpenData).href()>{t.open_data_title}</a>
                            </li>
                            <li class="counter-switch">
                                <a href=counter_on rel="external">
                                    {t.counter_switch}
                                </a>
                            </li>
                        </ul>
                    </nav>
                </div>
            </footer>
        </div>
    }
}

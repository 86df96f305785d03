//! The page for an unknown address, in both languages at once: it is served for any
//! unknown path, whatever language that path was in.

use leptos::prelude::*;

use crate::data;
use crate::model::Lang;
use crate::route::{Page, Route};

/// "Page not found", with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let vi = data::strings(Lang::Vi);
    let en = data::strings(Lang::En);
    view! {
        <h1>{vi.not_found_title}</h1>
        <p class="lead">{vi.not_found_body}</p>
        <p>
            <a class="button" href=Route::new(Lang::Vi, Page::Home).href()>{vi.not_found_back}</a>
        </p>
        <div lang="en" class="not-found-en">
            <h2>{en.not_found_title}</h2>
            <p>{en.not_found_body}</p>
            <p>
                <a href=Route::new(Lang::En, Page::Home).href()>{en.not_found_back}</a>
            </p>
        </div>
    }
}

/// "No network, and this page was not saved", with the way to what was saved.
#[component]
pub fn Offline() -> impl IntoView {
    let vi = data::strings(Lang::Vi);
    let en = data::strings(Lang::En);
    view! {
        <h1>{vi.offline_title}</h1>
        <p class="lead">{vi.offline_body}</p>
        <p>
            <a class="button" href=Route::new(Lang::Vi, Page::Home).href()>{vi.not_found_back}</a>
        </p>
        <div lang="en" class="not-found-en">
            <h2>{en.offline_title}</h2>
            <p>{en.offline_body}</p>
            <p>
                <a href=Route::new(Lang::En, Page::Home).href()>{en.not_found_back}</a>
            </p>
        </div>
    }
}

//! The page for an unknown address, in both languages at once: it is served for any
//! unknown path, whatever language that path was in.

use leptos::prelude::*;

use crate::data;
use crate::model::Lang;
use crate::route::{Page, Route};

/// "Page not found", with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    let (vi, en) = (data::strings(Lang::Vi), data::strings(Lang::En));
    view! {
        <BothLanguages
            title=(vi.not_found_title, en.not_found_title)
            body=(vi.not_found_body, en.not_found_body)
        />
    }
}

/// "No network, and this page was not saved", with the way to what was saved.
#[component]
pub fn Offline() -> impl IntoView {
    let (vi, en) = (data::strings(Lang::Vi), data::strings(Lang::En));
    view! {
        <BothLanguages
            title=(vi.offline_title, en.offline_title)
            body=(vi.offline_body, en.offline_body)
        />
    }
}

/// A page with no address of its own, so in both languages at once: a title and
/// a line (Vietnamese, then English), each with a way back home.
#[component]
fn BothLanguages(
    title: (&'static str, &'static str),
    body: (&'static str, &'static str),
) -> impl IntoView {
    let (vi, en) = (data::strings(Lang::Vi), data::strings(Lang::En));
    view! {
        <h1>{title.0}</h1>
        <p class="lead">{body.0}</p>
        <p>
            <a class="button" href=Route::new(Lang::Vi, Page::Home).href()>{vi.not_found_back}</a>
        </p>
        <div lang="en" class="not-found-en">
            <h2>{title.1}</h2>
            <p>{body.1}</p>
            <p>
                <a href=Route::new(Lang::En, Page::Home).href()>{en.not_found_back}</a>
            </p>
        </div>
    }
}

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

/// "No network, and this page was not saved", with the way to what was saved: in
/// the language of the address asked for, then in the other.
#[component]
pub fn Offline(lang: Lang) -> impl IntoView {
    let (first, second) = (data::strings(lang), data::strings(lang.other()));
    view! {
        <BothLanguages
            first=lang
            title=(first.offline_title, second.offline_title)
            body=(first.offline_body, second.offline_body)
        />
    }
}

/// A page in both languages at once (it has no address of its own, or the
/// address's language may not be the reader's): a title and a line in `first`,
/// then in the other, each with a way back home.
#[component]
fn BothLanguages(
    #[prop(default = Lang::Vi)] first: Lang,
    title: (&'static str, &'static str),
    body: (&'static str, &'static str),
) -> impl IntoView {
    let second = first.other();
    let (a, b) = (data::strings(first), data::strings(second));
    view! {
        <h1>{title.0}</h1>
        <p class="lead">{body.0}</p>
        <p>
            <a class="button" href=Route::new(first, Page::Home).href()>{a.not_found_back}</a>
        </p>
        <div lang=second.tag() class="not-found-en">
            <h2>{title.1}</h2>
            <p>{body.1}</p>
            <p>
                <a href=Route::new(second, Page::Home).href()>{b.not_found_back}</a>
            </p>
        </div>
    }
}

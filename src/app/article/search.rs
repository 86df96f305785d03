//! The search page: the box, the results (filled by the wasm from `#q=` and as
//! one types), and every life event, procedure and document from A to Z, which
//! is what the search form leads to without JavaScript.

use leptos::prelude::*;

use super::Breadcrumbs;
use crate::app::search::SearchBox;
use crate::data;
use crate::model::Lang;
use crate::route::{Page, Route};

#[component]
pub fn SearchArticle(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let mut all: Vec<(&'static str, String, &'static str)> = Vec::new();
    for f in &data::FLOWS {
        all.push((
            f.name.get(lang),
            Route::new(lang, Page::Flow(f)).href(),
            t.search_kind_event,
        ));
    }
    for p in &data::PROCEDURES {
        let href = Route::new(lang, Page::Procedure(p)).href();
        all.push((p.name.get(lang), href, t.search_kind_procedure));
    }
    for d in &data::DOCUMENTS {
        let href = Route::new(lang, Page::Document(d)).href();
        all.push((d.name.get(lang), href, t.search_kind_document));
    }
    all.sort_by_key(|(name, _, _)| data::sort_key(name));
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <h1>{t.search_title}</h1>
        <p class="lead js-only">{t.search_intro}</p>
        <p class="lead no-js-only">{t.search_nojs}</p>
        <SearchBox lang id="ps" on_page=true/>
        <div class="search-page-results" data-search-results></div>
        <h2>{t.search_az}</h2>
        <p>{t.search_az_intro}</p>
        <ul class="az-list">
            {all
                .into_iter()
                .map(|(name, href, kind)| {
                    view! {
                        <li>
                            <a href=href>{name}</a>
                            " "
                            <span class="search-note">{kind}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

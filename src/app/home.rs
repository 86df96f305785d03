//! The home page: what the site is for, where to go, and the life events and fields
//! as large cards.

use leptos::prelude::*;

use crate::data;
use crate::model::Lang;
use crate::route::{Page, Route};

/// The home page of a language.
#[component]
pub fn Home(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let places = Route::new(lang, Page::Places).href();
    view! {
        <h1>{t.home_heading}</h1>
        <p class="lead">{t.home_intro}</p>
        <div class="home-search">
            <super::search::SearchBox lang id="home"/>
        </div>
        // Where to go: the question people bring before any other.
        <section class="home-where" aria-labelledby="home-where">
            <h2 id="home-where">{t.home_where_heading}</h2>
            <p>{t.home_where_intro}</p>
            <ul class="actions">
                // Location needs the script (`noscript.css` hides it without).
                <li class="js-only">
                    <a class="button" href=format!("{places}#near")>{t.places_link_nearest}</a>
                </li>
                <li>
                    <a class="button-secondary" href=format!("{places}#by-province")>
                        {t.places_by_province}
                    </a>
                </li>
                <li>
                    <a class="button-secondary" href=Route::new(lang, Page::OldAddress).href()>
                        {t.old_address_button}
                    </a>
                </li>
            </ul>
        </section>
        <h2>{t.home_events_heading}</h2>
        <ul class="cards cards-events">
            {data::FLOWS
                .iter()
                .map(|f| {
                    view! {
                        <li class="card">
                            <a class="card-link" href=Route::new(lang, Page::Flow(f)).href()>
                                <span class="card-title">{f.name.get(lang)}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <p>
            <a class="button-secondary" href=Route::new(lang, Page::Events).href()>
                {t.home_events_more}
            </a>
        </p>
        <h2>{t.home_fields_heading}</h2>
        <ul class="cards">
            {data::fields_in_use()
                .map(|f| {
                    let count = data::procedures_in(f.id).count();
                    view! {
                        <li class="card">
                            <a class="card-link" href=Route::new(lang, Page::Field(f)).href()>
                                <span class="card-title">{f.name.get(lang)}</span>
                                <span class="card-summary">{f.summary.get(lang)}</span>
                                <span class="card-meta">
                                    {t.field_procedure_count.of(count)}
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <ul class="actions">
            <li>
                <a class="button-secondary" href=Route::new(lang, Page::All).href()>
                    {t.home_all_procedures}
                </a>
            </li>
            <li>
                <a class="button-secondary" href=Route::new(lang, Page::Glossary).href()>
                    {t.home_glossary}
                </a>
            </li>
            <li>
                <a class="button-secondary" href=Route::new(lang, Page::Index).href()>
                    {t.home_index}
                </a>
            </li>
        </ul>
    }
}

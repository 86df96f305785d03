//! Lists of procedures: all of them by field, and one field's.

use leptos::prelude::*;

use super::Breadcrumbs;
use crate::data;
use crate::model::{Field, Lang};
use crate::route::{Page, Route};

/// The procedures of one field as a list of links with their summaries.
#[component]
fn ProcedureList(lang: Lang, field: &'static Field) -> impl IntoView {
    view! {
        <ul class="procedure-list">
            {data::procedures_in(field.id)
                .map(|p| {
                    view! {
                        <li>
                            <a href=Route::new(lang, Page::Procedure(p)).href()>{p.name.get(lang)}</a>
                            <p>{p.summary.get(lang)}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// Every procedure, grouped by field.
#[component]
pub fn All(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <h1>{t.all_title}</h1>
        {data::fields_in_use()
            .map(|f| {
                view! {
                    <section class="field-section">
                        <h2>
                            <a href=Route::new(lang, Page::Field(f)).href()>{f.name.get(lang)}</a>
                        </h2>
                        <ProcedureList lang field=f/>
                    </section>
                }
            })
            .collect_view()}
    }
}

/// One field's procedures.
#[component]
pub fn FieldPage(lang: Lang, field: &'static Field) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        <Breadcrumbs lang trail=vec![(Route::new(lang, Page::All).href(), t.all_title)]/>
        <h1>{field.name.get(lang)}</h1>
        <p class="lead">{field.summary.get(lang)}</p>
        <ProcedureList lang field/>
    }
}

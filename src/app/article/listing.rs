//! Lists: all procedures by field, one field's procedures, the glossary A to Z,
//! the national index by field.

use leptos::prelude::*;

use super::Breadcrumbs;
use crate::data;
use crate::model::{DocumentInfo, Field, Lang};
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
                            <p>{data::details(p).summary.get(lang)}</p>
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
        <p>
            <a class="button-secondary" href=Route::new(lang, Page::Index).href()>{t.home_index}</a>
        </p>
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

/// The glossary: every document citizens are asked for, A to Z.
#[component]
pub fn Glossary(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let mut documents: Vec<&'static DocumentInfo> = data::DOCUMENTS.iter().collect();
    documents.sort_by_key(|d| data::sort_key(d.name.get(lang)));
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <h1>{t.glossary_title}</h1>
        <p class="lead">{t.glossary_intro}</p>
        <ul class="procedure-list">
            {documents
                .into_iter()
                .map(|d| {
                    view! {
                        <li>
                            <a href=Route::new(lang, Page::Document(d)).href()>{d.name.get(lang)}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The national index: its fields, with how many procedures each has.
#[component]
pub fn IndexPage(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let total: u32 = data::INDEX_FIELDS.iter().map(|f| f.count).sum();
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <h1>{t.index_title}</h1>
        <p class="lead">{data::fill(t.index_intro, "n", &total.to_string())}</p>
        <ul class="procedure-list">
            {data::INDEX_FIELDS
                .iter()
                .map(|f| {
                    view! {
                        <li>
                            <a href=Route::new(lang, Page::IndexField(f)).href()>{f.name.get(lang)}</a>
                            <p>{t.field_procedure_count.of(f.count as usize)}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

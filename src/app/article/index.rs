//! One field of the national index: every procedure the national portal lists,
//! linking to our full page where there is one and to the portal otherwise.

use leptos::prelude::*;

use super::Breadcrumbs;
use crate::data;
use crate::model::{IndexEntry, IndexField, Lang};
use crate::route::{Page, Route};

/// The entries of a field, those with a full guide here first, each group in the
/// portal's order.
fn guides_first(field: &'static IndexField) -> Vec<&'static IndexEntry> {
    let mut entries: Vec<&'static IndexEntry> = data::index_entries(field).collect();
    entries.sort_by_key(|e| data::procedure_by_code(e.code).is_none());
    entries
}

/// One procedure of the index.
#[component]
fn Entry(lang: Lang, entry: &'static IndexEntry) -> impl IntoView {
    let t = data::strings(lang);
    // In English, our translation links and the official name follows it.
    let (name, name_lang) = match lang {
        Lang::Vi => (entry.name, "vi"),
        Lang::En => (entry.name_en, "en"),
    };
    let link = match data::procedure_by_code(entry.code) {
        Some(p) => view! {
            <a href=Route::new(lang, Page::Procedure(p)).href() lang=name_lang>{name}</a>
            <span class="badge badge-guide">{t.index_full_guide}</span>
        }
        .into_any(),
        None => view! {
            <a href=entry.url rel="external noopener" lang=name_lang>{name}</a>
        }
        .into_any(),
    };
    view! {
        <li class="index-entry" id=crate::search::index_anchor(entry.code)>
            {link}
            {(lang == Lang::En)
                .then(|| view! { <p class="index-official" lang="vi">{entry.name}</p> })}
            <p>
                {t.proc_code} ": " {entry.code} " · " {entry.agency.get(lang)}
            </p>
        </li>
    }
}

/// The procedures of one field of the index, with its breadcrumbs.
#[component]
pub fn IndexFieldArticle(lang: Lang, field: &'static IndexField) -> impl IntoView {
    let t = data::strings(lang);
    let trail = vec![(Route::new(lang, Page::Index).href(), t.index_title)];
    view! {
        <Breadcrumbs lang trail/>
        <article class="index-field">
            <h1>{field.name.get(lang)}</h1>
            <p class="lead">{t.field_procedure_count.of(field.count as usize)}</p>
            <p class="hint">{t.index_names_note}</p>
            <ul class="procedure-list index-list">
                {guides_first(field).into_iter().map(|entry| view! { <Entry lang entry/> }).collect_view()}
            </ul>
        </article>
    }
}

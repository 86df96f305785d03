//! A document's page: what it is, where to get it, and which procedures need it.

use leptos::prelude::*;

use super::{kind_label, Sources};
use super::{Breadcrumbs, ProcedureLink};
use crate::data;
use crate::model::{DocumentEntry, Lang};
use crate::route::{Page, Route};

/// The glossary entry of one document, with its breadcrumbs.
#[component]
pub fn DocumentArticle(lang: Lang, entry: &'static DocumentEntry) -> impl IntoView {
    let t = data::strings(lang);
    let info = entry.info;
    let trail = vec![(Route::new(lang, Page::Glossary).href(), t.glossary_title)];
    view! {
        <Breadcrumbs lang trail/>
        <article class="document-entry">
            <h1>{info.name.get(lang)}</h1>
            <p class="lead">{entry.summary.get(lang)}</p>
            {entry
                .form
                .map(|f| {
                    view! {
                        <p>
                            {t.doc_form} ": " <strong>{f}</strong>
                        </p>
                    }
                })}
            {data::form_for(info)
                .map(|f| {
                    view! {
                        <p>
                            <a class="button-secondary" href=Route::new(lang, Page::Form(f)).href()>
                                {t.doc_form_link}
                            </a>
                        </p>
                    }
                })}
            <section aria-labelledby="get">
                <h2 id="get">{t.doc_get}</h2>
                <p>{entry.get.get(lang)}</p>
            </section>
            <section aria-labelledby="needed-by">
                <h2 id="needed-by">{t.doc_needed_by}</h2>
                <ul class="procedure-list">
                    {data::procedures_needing(info)
                        .map(|p| {
                            let how = p
                                .documents
                                .iter()
                                .find(|d| d.doc == info)
                                .map(|d| kind_label(t, d.kind))
                                .unwrap_or_default();
                            view! {
                                <li>
                                    <ProcedureLink lang procedure=p/>
                                    <p class="how">{how}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
            {(!entry.sources.is_empty())
                .then(|| view! { <Sources lang sources=entry.sources checked=None portal_url=None/> })}
        </article>
    }
}

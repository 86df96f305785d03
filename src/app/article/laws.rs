//! The register of legal texts (`/van-ban/`): every law, decree, circular and
//! resolution the facts cite, with its dates, what replaced or amended it, where
//! it was read, and the pages that rely on it. Each text has an anchor (its id),
//! which the "Căn cứ" notes link to.

use leptos::prelude::*;

use super::{Breadcrumbs, ProcedureLink};
use crate::data;
use crate::model::{format_date, Lang, LegalDoc};

/// The procedures whose facts or legal basis rest on a text.
fn pages_citing(doc: &LegalDoc) -> Vec<&'static crate::model::Procedure> {
    data::DETAILS
        .iter()
        .filter(|p| p.legal_basis.iter().any(|(d, _)| d.id == doc.id))
        .collect()
}

#[component]
fn LawEntry(lang: Lang, doc: &'static LegalDoc) -> impl IntoView {
    let t = data::strings(lang);
    let link_to = |id: &str| {
        data::legal_doc(id).map(|d| {
            view! { <a href=format!("#{}", d.id)>{d.short.get(lang)}</a> }
        })
    };
    let replaced = doc.replaced_by.and_then(|id| {
        let by = data::legal_doc(id)?;
        Some(view! {
            <p>
                {t.laws_replaced_by} " " {link_to(id)} " "
                {t.fact_from.replace("{date}", &format_date(by.in_force, lang))}
            </p>
        })
    });
    let pages = pages_citing(doc);
    view! {
        <article class="law" id=doc.id>
            <h2>{doc.short.get(lang)}</h2>
            <p lang=if lang == Lang::En { "en" } else { "vi" }>{doc.name.get(lang)}</p>
            <dl class="law-dates">
                <div>
                    <dt>{t.laws_issuer}</dt>
                    <dd>{doc.issuer.get(lang)}</dd>
                </div>
                <div>
                    <dt>{t.laws_signed}</dt>
                    <dd><time datetime=doc.signed>{format_date(doc.signed, lang)}</time></dd>
                </div>
                <div>
                    <dt>{t.laws_in_force}</dt>
                    <dd><time datetime=doc.in_force>{format_date(doc.in_force, lang)}</time></dd>
                </div>
                {doc
                    .until
                    .map(|u| {
                        view! {
                            <div>
                                <dt>{t.laws_until}</dt>
                                <dd><time datetime=u>{format_date(u, lang)}</time></dd>
                            </div>
                        }
                    })}
            </dl>
            {replaced}
            {(!doc.amended_by.is_empty())
                .then(|| {
                    view! {
                        <p>
                            {t.laws_amended_by} " "
                            {doc
                                .amended_by
                                .iter()
                                .enumerate()
                                .map(|(i, id)| view! { {(i > 0).then_some(", ")} {link_to(id)} })
                                .collect_view()}
                        </p>
                    }
                })}
            {doc.note.map(|n| view! { <p>{n.get(lang)}</p> })}
            <p class="law-links">
                {doc
                    .link
                    .map(|l| {
                        view! {
                            <a href=l rel="external noopener">{t.laws_official}</a>
                            " · "
                        }
                    })}
                {t.laws_read} ": "
                {doc
                    .read
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        view! {
                            {(i > 0).then_some(", ")}
                            <a href=*r rel="external noopener">{source_host(r)}</a>
                        }
                    })
                    .collect_view()}
            </p>
            {(!pages.is_empty())
                .then(|| {
                    view! {
                        <details class="law-pages">
                            <summary>{t.laws_pages.of(pages.len())}</summary>
                            <ul>
                                {pages
                                    .into_iter()
                                    .map(|p| {
                                        view! {
                                            <li><ProcedureLink lang procedure=p/></li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </details>
                    }
                })}
        </article>
    }
}

/// `https://thuvienphapluat.vn/van-ban/…` → `thuvienphapluat.vn`.
fn source_host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest)
}

/// The register page.
#[component]
pub fn LawsArticle(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let mut docs: Vec<&'static LegalDoc> = data::LEGAL_DOCS.iter().collect();
    // Newest first: the texts of 2025–26 reshaped the commune's work.
    docs.sort_by(|a, b| b.in_force.cmp(a.in_force).then(a.id.cmp(b.id)));
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <article class="laws">
            <h1>{t.laws_title}</h1>
            <p class="lead">{t.laws_intro}</p>
            <p>{t.laws_count.of(docs.len())}</p>
            {docs.into_iter().map(|doc| view! { <LawEntry lang doc/> }).collect_view()}
        </article>
    }
}

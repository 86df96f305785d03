//! Pages whose content is made at build time: every page but the home page (a
//! procedure, a glossary document, the lists, the national index).
//!
//! Native builds only. The prerenderer renders them into each page and into an
//! HTML fragment per page (`Route::fragment_href`), which the wasm fetches on
//! client-side navigation; so the full content never has to be in the wasm.

mod about;
pub mod changes;
mod document;
mod embed;
pub mod facts;
pub mod flow;
mod form;
mod index;
mod laws;
mod listing;
mod open_data;
pub mod places;
mod procedure;
mod receipt;
mod rights;
mod search;

use leptos::prelude::*;

use crate::data::{self, Strings};
use crate::model::{format_date, DocKind, Document, Lang, Place, PlaceOf, Procedure, Vocabulary};
use crate::route::{Page, Route};

pub use embed::SITE_URL;
pub use procedure::channel_label;

std::thread_local! {
    /// The last page [`render`] made on this thread, by address.
    static LAST: std::cell::RefCell<Option<(String, Option<String>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The HTML of a page that has a fragment (see [`Route::fragment_href`]). The
/// page is rendered once for the two uses the prerenderer has for it, inside the
/// page and as its fragment: the last one made on this thread is kept.
pub fn render(route: &Route) -> Option<String> {
    let key = route.href();
    let kept = LAST.with(|last| {
        last.borrow()
            .as_ref()
            .filter(|(href, _)| *href == key)
            .map(|(_, html)| html.clone())
    });
    if let Some(html) = kept {
        return html;
    }
    let html = render_anew(route);
    LAST.with(|last| *last.borrow_mut() = Some((key, html.clone())));
    html
}

fn render_anew(route: &Route) -> Option<String> {
    let lang = route.lang;
    let owner = Owner::new();
    owner.with(|| match route.page {
        Page::Procedure(info) => {
            let procedure = data::details(info);
            Some(view! { <procedure::ProcedureArticle lang procedure/> }.to_html())
        }
        Page::Document(info) => {
            let entry = data::glossary_entry(info);
            Some(view! { <document::DocumentArticle lang entry/> }.to_html())
        }
        Page::Form(info) => {
            let form = data::form_details(info);
            Some(view! { <form::FormArticle lang form/> }.to_html())
        }
        Page::IndexField(field) => Some(view! { <index::IndexFieldArticle lang field/> }.to_html()),
        Page::All => Some(view! { <listing::All lang/> }.to_html()),
        Page::Events => Some(view! { <flow::EventsPage lang/> }.to_html()),
        Page::Flow(f) => {
            let text = data::flow_text(f);
            Some(view! { <flow::FlowArticle lang text/> }.to_html())
        }
        Page::Field(field) => Some(view! { <listing::FieldPage lang field/> }.to_html()),
        Page::Glossary => Some(view! { <listing::Glossary lang/> }.to_html()),
        Page::Index => Some(view! { <listing::IndexPage lang/> }.to_html()),
        Page::Places => Some(view! { <places::PlacesPage lang/> }.to_html()),
        Page::Province(province) => Some(view! { <places::ProvincePage lang province/> }.to_html()),
        Page::Commune(province, slug) => data::commune(province, slug.as_str())
            .map(|commune| view! { <places::CommunePage lang commune/> }.to_html()),
        Page::OldAddress => Some(view! { <places::OldAddressPage lang/> }.to_html()),
        Page::Search => Some(view! { <search::SearchArticle lang/> }.to_html()),
        Page::Embed => Some(view! { <embed::EmbedArticle lang/> }.to_html()),
        Page::Laws => Some(view! { <laws::LawsArticle lang/> }.to_html()),
        Page::OpenData => Some(view! { <open_data::OpenDataArticle lang/> }.to_html()),
        Page::Changes => Some(view! { <changes::ChangesArticle lang/> }.to_html()),
        Page::Rights => Some(view! { <rights::RightsArticle lang/> }.to_html()),
        Page::Receipts => Some(view! { <receipt::ReceiptsArticle lang/> }.to_html()),
        Page::About => Some(view! { <about::AboutArticle lang/> }.to_html()),
        Page::OldProvince(province) => {
            Some(view! { <places::OldProvincePage lang province/> }.to_html())
        }
        _ => None,
    })
}

/// Where to file, as the catalogue says, with a link into the place finder when
/// the answer is a centre or a police station somewhere.
#[component]
fn WhereToFile(
    lang: Lang,
    place: Place,
    of: Option<PlaceOf>,
    /// Whether to say that the office takes it only online.
    #[prop(optional)]
    online: bool,
) -> impl IntoView {
    let t = data::strings(lang);
    // The finder has centres, not police offices: for the police it finds the
    // commune. A commune that is not the person's own (the land's, the new
    // home's) is found by name or by its old address, never offered as "yours".
    let own = of.is_none_or(PlaceOf::own);
    let link = match place {
        Place::AnyCommune => Some(t.places_link_nearest),
        Place::AnyCommuneInProvince if own => Some(t.places_link_nearest),
        Place::AnyCommunePolice => Some(t.places_link_mine),
        Place::ResidenceCommune | Place::CommunePolice | Place::CommuneMilitary if own => {
            Some(t.places_link_mine)
        }
        Place::AnyCommuneInProvince
        | Place::ResidenceCommune
        | Place::CommunePolice
        | Place::CommuneMilitary
        | Place::PropertyCommune => Some(t.places_link_find),
        Place::SocialInsuranceOffice | Place::OnlineOnly | Place::RecordOffice | Place::ByCase => {
            None
        }
    };
    // Where the person's own commune will do, a commune they saved on this device
    // replaces the link (`mode.js`).
    let mine = (own
        && matches!(
            place,
            Place::AnyCommune
                | Place::AnyCommuneInProvince
                | Place::AnyCommunePolice
                | Place::ResidenceCommune
                | Place::CommunePolice
                | Place::CommuneMilitary
        ))
    .then_some(t.mine_link);
    view! {
        {procedure::place_label(t, place, of)}
        {online.then(|| view! { " " {t.step_online_only} })}
        {link
            .map(|l| {
                view! {
                    " "
                    <a class="place-link no-print" href=Route::new(lang, Page::Places).href() data-mine=mine>
                        {l}
                    </a>
                }
            })}
    }
}

/// "Bản chính", "Bản sao × 2": what to hand over for one document, as a badge.
/// A link to a procedure's page, by its name.
#[component]
fn ProcedureLink(
    lang: Lang,
    procedure: &'static Procedure,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    let href = Route::new(lang, Page::Procedure(procedure.info)).href();
    let name = procedure.info.name.get(lang);
    // No empty `class=""` on a plain link.
    match class {
        Some(class) => view! { <a class=class href=href>{name}</a> }.into_any(),
        None => view! { <a href=href>{name}</a> }.into_any(),
    }
}

#[component]
fn KindBadge(lang: Lang, document: &'static Document) -> impl IntoView {
    let t = data::strings(lang);
    let text = match (document.kind, document.count) {
        (DocKind::Show, _) | (_, 1) => kind_label(t, document.kind).to_string(),
        (kind, n) => format!("{} × {n}", kind_label(t, kind)),
    };
    view! { <span class=format!("badge badge-{}", document.kind.id())>{text}</span> }
}

fn kind_label(t: &'static Strings, kind: DocKind) -> &'static str {
    match kind {
        DocKind::Original => t.doc_original,
        DocKind::Copy => t.doc_copy,
        DocKind::CertifiedCopy => t.doc_certified_copy,
        DocKind::Show => t.doc_show,
    }
}

/// Where the facts come from, when they were checked, and the official entry.
#[component]
fn Sources(
    lang: Lang,
    sources: &'static [&'static str],
    checked: Option<&'static str>,
    portal_url: Option<&'static str>,
    /// The page's change log, newest first: its latest entries show under the
    /// "checked" date.
    #[prop(optional)]
    log: &'static [crate::model::LogEntry],
) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        <aside class="sources" aria-labelledby="sources">
            <h2 id="sources">{t.proc_sources}</h2>
            <p class="warning">{t.proc_verify_note}</p>
            <ul>
                {sources
                    .iter()
                    .map(|s| view! { <li><a href=*s rel="external noopener">{*s}</a></li> })
                    .collect_view()}
            </ul>
            {checked
                .map(|c| {
                    view! {
                        <p>
                            {t.proc_checked} ": " <time datetime=c>{format_date(c, lang)}</time>
                        </p>
                    }
                })}
            <changes::RecentChanges lang log/>
            {portal_url
                .map(|u| {
                    view! {
                        <p>
                            <a class="button-secondary" href=u rel="external noopener">
                                {t.proc_portal_link}
                            </a>
                        </p>
                    }
                })}
        </aside>
    }
}

/// A breadcrumb trail: links to the pages above this one.
#[component]
pub fn Breadcrumbs(lang: Lang, trail: Vec<(String, &'static str)>) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        <nav class="breadcrumbs" aria-label=t.breadcrumb_label>
            <ol>
                <li>
                    <a href=Route::new(lang, Page::Home).href()>{t.nav_home}</a>
                </li>
                {trail
                    .into_iter()
                    .map(|(href, label)| view! { <li><a href=href>{label}</a></li> })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// A number with Vietnamese or English thousands separators.
pub(super) fn count(n: usize, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = if lang == Lang::Vi { '.' } else { ',' };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

//! A hard fact as the reader sees it: the rule, how sure it is, the dates it
//! applies, and its sources ("Căn cứ"), shown without JavaScript and on paper.
//!
//! Dated rules carry `data-from` / `data-until`; `mode.js` hides, from the
//! device's date, those whose period has ended, so a page built today stays right
//! offline later. Without JavaScript every rule shows with its dates.

use leptos::prelude::*;

use crate::data;
use crate::model::{format_date, Basis, Change, Cite, Fact, Lang, Status, Vocabulary};
use crate::route::{Page, Route};

/// The day before an ISO date, as an ISO date.
fn day_before(iso: &str) -> Option<String> {
    let d: jiff::civil::Date = iso.parse().ok()?;
    d.yesterday().ok().map(|d| d.to_string())
}

/// "Đến hết 28/02/2027" / "Từ 01/03/2027": the period a dated rule applies.
pub fn period(lang: Lang, from: Option<&str>, until: Option<&str>) -> Option<String> {
    let t = data::strings(lang);
    match (from, until) {
        (Some(f), _) => Some(t.fact_from.replace("{date}", &format_date(f, lang))),
        (None, Some(u)) => Some(t.fact_until.replace("{date}", &format_date(u, lang))),
        (None, None) => None,
    }
}

/// The anchor of a legal text on the register page.
pub fn register_href(lang: Lang, id: &str) -> String {
    format!("{}#{id}", Route::new(lang, Page::Laws).href())
}

/// "Căn cứ: Thông tư 75/2022/TT-BTC, Điều 3": the citations of a fact, each
/// opening to its quote.
#[component]
pub fn Cites(lang: Lang, cite: &'static [Cite], portal_url: Option<&'static str>) -> impl IntoView {
    let t = data::strings(lang);
    // The article is quoted as the text writes it, in Vietnamese.
    let label = move |i: usize, c: &Cite| {
        let name = c.doc.map_or(t.fact_portal_record, |d| d.short.get(lang));
        view! {
            {(i > 0).then_some("; ")}
            {name}
            {c.art.map(|a| view! { ", " <span lang="vi">{a}</span> })}
        }
    };
    (!cite.is_empty()).then(|| {
        view! {
            <details class="cite">
                <summary>
                    <span class="cite-label">{t.fact_basis} ": "</span>
                    {cite.iter().enumerate().map(|(i, c)| label(i, c)).collect_view()}
                </summary>
                {cite
                    .iter()
                    .map(|c| {
                        let link = match c.doc {
                            Some(d) => view! {
                                <a href=register_href(lang, d.id)>{d.short.get(lang)}</a>
                            }
                                .into_any(),
                            None => match portal_url {
                                Some(u) => view! {
                                    <a href=u rel="external noopener">{t.fact_portal_record}</a>
                                }
                                    .into_any(),
                                None => view! { {t.fact_portal_record} }.into_any(),
                            },
                        };
                        view! {
                            <figure>
                                <blockquote lang="vi">"“" {c.quote} "”"</blockquote>
                                <figcaption>
                                    {link}
                                    {c.art.map(|a| view! { ", " <span lang="vi">{a}</span> })}
                                </figcaption>
                            </figure>
                        }
                    })
                    .collect_view()}
            </details>
        }
    })
}

/// How sure a fact or a document is, when it is not settled: "Khác nhau theo
/// tỉnh: …", "Chưa rõ: …".
#[component]
pub fn StatusNote(lang: Lang, basis: &'static Basis) -> impl IntoView {
    let t = data::strings(lang);
    let label = match basis.status {
        Status::Settled => None,
        Status::Varies => Some(t.fact_varies),
        Status::Unsettled => Some(t.fact_unsettled),
    };
    label.map(|label| {
        view! {
            <p class=format!("fact-status fact-{}", basis.status.id())>
                <strong>{label}</strong>
                {basis.reason.map(|r| view! { <span class="fact-reason">": " {r.get(lang)}</span> })}
            </p>
        }
    })
}

/// A fact's own block: its period, text, status and sources. `until` may be
/// later than the fact's own, when an announced change ends it.
fn fact_view(
    lang: Lang,
    fact: &'static Fact,
    class: &'static str,
    until: Option<String>,
    portal_url: Option<&'static str>,
) -> impl IntoView {
    let b = &fact.basis;
    view! {
        <div class=class data-from=b.from data-until=until.clone()>
            {period(lang, b.from, until.as_deref()).map(|p| view! { <p class="fact-period">{p}</p> })}
            <p>{fact.text.get(lang)}</p>
            <StatusNote lang basis=b/>
            <Cites lang cite=b.cite portal_url/>
        </div>
    }
}

/// One fact, then the changes already announced for it, each from its date; the
/// fact itself applies until the day before the first change.
#[component]
pub fn FactBlock(
    lang: Lang,
    fact: &'static Fact,
    #[prop(optional)] changes: Vec<&'static Change>,
    portal_url: Option<&'static str>,
) -> impl IntoView {
    let until = fact.basis.until.map(str::to_string).or_else(|| {
        changes
            .first()
            .and_then(|c| c.fact.basis.from.and_then(day_before))
    });
    view! {
        {fact_view(lang, fact, "fact", until, portal_url)}
        {changes
            .into_iter()
            .map(|c| fact_view(lang, &c.fact, "fact fact-change", None, portal_url))
            .collect_view()}
    }
}

//! "Thay đổi gần đây" (`/thay-doi/`): every change log of the site, newest first,
//! grouped by day, with the Atom feeds to follow; and [`RecentChanges`], a page's
//! own latest changes under its "checked" date.

use leptos::prelude::*;

use super::Breadcrumbs;
use crate::changes::{all_in, feeds, law_not_named, Logged};
use crate::data;
use crate::model::{format_date, Lang, LogEntry};
use crate::route::{Page, Route};

/// How many of a page's changes it shows under its "checked" date: the latest
/// only, with a link to every change. Each entry shown costs the offline pack
/// (every procedure's and flow's page is in it): three cost 7 KB brotli, over
/// `sw_precache_brotli_kb`'s budget.
const RECENT: usize = 1;

/// One change: what changed (its words say why: "Sửa:", "Thêm:", "Cập nhật
/// theo…"), and the legal text it follows.
#[component]
fn ChangeText(lang: Lang, entry: &'static LogEntry) -> impl IntoView {
    let t = data::strings(lang);
    let law = law_not_named(entry, lang).map(|doc| {
        let href = format!("{}#{}", Route::new(lang, Page::Laws).href(), doc.id);
        view! {
            " " {t.changes_law} ": " <a href=href>{doc.short.get(lang)}</a> "."
        }
    });
    view! {
        {entry.text.get(lang)}
        {law}
    }
}

/// A page's latest changes, under its "checked" date, with a link to all.
#[component]
pub fn RecentChanges(
    lang: Lang,
    log: &'static [LogEntry],
    /// A section of its own (a flow's intro): an `h2`; else under the sources' `h2`.
    #[prop(optional)]
    section: bool,
) -> impl IntoView {
    let t = data::strings(lang);
    (!log.is_empty()).then(|| {
        let heading = if section {
            view! { <h2>{t.changes_recent}</h2> }.into_any()
        } else {
            view! { <h3>{t.changes_recent}</h3> }.into_any()
        };
        view! {
            <div class="recent-changes">
                {heading}
                <ul>
                    {log
                        .iter()
                        .take(RECENT)
                        .map(|entry| {
                            view! {
                                <li>
                                    <time datetime=entry.date>{format_date(entry.date, lang)}</time>
                                    ": "
                                    <ChangeText lang entry/>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p>
                    <a href=Route::new(lang, Page::Changes).href()>{t.changes_all}</a>
                </p>
            </div>
        }
    })
}

#[component]
pub fn ChangesArticle(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let changes = all_in(lang);
    let site = super::SITE_URL.get().cloned().unwrap_or_default();
    // Consecutive entries of one day make one group.
    let mut days: Vec<(&'static str, Vec<Logged>)> = Vec::new();
    for l in changes {
        match days.last_mut() {
            Some((day, list)) if *day == l.entry.date => list.push(l),
            _ => days.push((l.entry.date, vec![l])),
        }
    }
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <article class="changes">
            <h1>{t.changes_title}</h1>
            <p class="lead">{t.changes_intro}</p>
            <section aria-labelledby="changes-feeds">
                <h2 id="changes-feeds">{t.changes_feeds_heading}</h2>
                <p>{t.changes_feeds_intro}</p>
                <ul class="changes-feeds">
                    {feeds(lang)
                        .into_iter()
                        .map(|(field, path)| {
                            let name = field.map_or(t.changes_feed_site, |f| f.name.get(lang));
                            // The whole address: what a feed reader is given.
                            let address = format!("{site}{path}");
                            view! {
                                <li>
                                    <a href=path type="application/atom+xml">{name}</a>
                                    " " <code>{address}</code>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
            {days
                .into_iter()
                .map(|(day, list)| {
                    let id = format!("ngay-{day}");
                    let labelled = id.clone();
                    view! {
                        <section aria-labelledby=labelled>
                            <h2 id=id>
                                <time datetime=day>{format_date(day, lang)}</time>
                            </h2>
                            <ul class="changes-list">
                                {list
                                    .into_iter()
                                    .map(|l| {
                                        view! {
                                            <li id=l.anchor()>
                                                <a href=Route::new(lang, l.page).href()>{l.name.get(lang)}</a>
                                                ": "
                                                <ChangeText lang entry=l.entry/>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </article>
    }
}

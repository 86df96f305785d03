//! "Giới thiệu" (`/gioi-thieu/`): who runs this copy of the site (the host sets it at
//! build time, [`data::PUBLISHER`]), that it is a guide and not the official portal,
//! where its facts come from, and how to report a mistake.

use leptos::prelude::*;

use super::Breadcrumbs;
use crate::data;
use crate::model::Lang;
use crate::route::{Page, Route};

#[component]
pub fn AboutArticle(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let publisher = data::PUBLISHER;
    let who = data::fill(t.about_who, "publisher", publisher.name(lang));
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <article class="about">
            <h1>{t.about_title}</h1>
            <section aria-labelledby="about-who">
                <h2 id="about-who">{t.about_who_heading}</h2>
                <p>{who}</p>
                {publisher
                    .url
                    .filter(|u| !u.trim().is_empty())
                    .map(|url| view! { <p><a href=url rel="external">{t.about_publisher_site}</a></p> })}
            </section>
            <section aria-labelledby="about-guide">
                <h2 id="about-guide">{t.about_guide_heading}</h2>
                <p>{t.about_guide}</p>
            </section>
            <section aria-labelledby="about-sources">
                <h2 id="about-sources">{t.about_sources_heading}</h2>
                <p>{t.about_sources}</p>
                <p>
                    <a href=Route::new(lang, Page::Laws).href()>{t.laws_title}</a>
                </p>
                <p>{t.about_places}</p>
            </section>
            <section aria-labelledby="about-report" id="bao-loi">
                <h2 id="about-report">{t.about_report_heading}</h2>
                {match publisher.report_href() {
                    Some(href) => {
                        // An e-mail address is also written out: many phones have no
                        // mail app set up for the link.
                        let email = href.strip_prefix("mailto:").map(|e| data::fill(t.about_report_email, "email", e));
                        view! {
                            <p>{t.about_report}</p>
                            <p>
                                <a class="button" href=href rel="external">{t.about_report_link}</a>
                            </p>
                            {email.map(|e| view! { <p>{e}</p> })}
                        }
                            .into_any()
                    }
                    None => view! { <p>{t.about_report_none}</p> }.into_any(),
                }}
            </section>
            <section aria-labelledby="about-privacy">
                <h2 id="about-privacy">{t.about_privacy_heading}</h2>
                <p>{t.footer_privacy}</p>
            </section>
        </article>
    }
}

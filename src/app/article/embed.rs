//! "Embed in your site": for the web teams of provincial and commune portals. The
//! snippet for the default choice is made here at build time (so it reads without
//! JavaScript); the builder in the wasm ([`crate::app::embed`]) remakes it from the
//! form and shows a live preview through the real `embed.js`.

use std::sync::OnceLock;

use leptos::prelude::*;

use super::Breadcrumbs;
use crate::data;
use crate::embed::{iframe_snippet, script_snippet, Choice, DEFAULT_ACCENT};
use crate::model::Lang;
use crate::places::Province;
use crate::route::{Page, Route};

/// Where the site is published (the prerenderer's base URL), for the snippets.
pub static SITE_URL: OnceLock<String> = OnceLock::new();

fn site_url() -> &'static str {
    SITE_URL
        .get()
        .map(String::as_str)
        .unwrap_or("https://thutucxa.example.gov.vn")
}

/// The pages a frame can open on: the home page, the life events and each of their
/// flows, every procedure, the place finder (paths without the language prefix).
fn starts(lang: Lang) -> Vec<(String, &'static str)> {
    let t = data::strings(lang);
    let path = |page| Route::new(Lang::Vi, page).href();
    let mut out = vec![
        (path(Page::Home), t.embed_start_home),
        (path(Page::Events), t.events_title),
    ];
    out.extend(
        data::FLOWS
            .iter()
            .map(|f| (path(Page::Flow(f)), f.name.get(lang))),
    );
    out.push((path(Page::All), t.all_title));
    out.push((path(Page::Places), t.places_title));
    out
}

#[component]
pub fn EmbedArticle(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let choice = Choice {
        lang,
        ..Choice::default()
    };
    let mut provinces: Vec<&'static Province> = data::PROVINCES.iter().collect();
    provinces.sort_by_key(|p| data::sort_key(data::province_details(p).short_name));
    let host_example = "FRAME_ANCESTORS=\"https://dichvucong.example.gov.vn\" cargo xtask dist\n\n\
Content-Security-Policy: … frame-ancestors 'self' https://dichvucong.example.gov.vn";
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <article class="embed" data-embed-builder data-origin=site_url()>
            <h1>{t.embed_title}</h1>
            <p class="lead">{t.embed_intro}</p>

            <form class="embed-form js-only" data-embed-form>
                <h2>{t.embed_choose}</h2>
                <div class="field">
                    <label class="field-label" for="embed-province">{t.embed_province}</label>
                    <p class="hint" id="embed-province-hint">{t.embed_province_hint}</p>
                    <select id="embed-province" name="province" aria-describedby="embed-province-hint">
                        <option value="" selected>{t.embed_province_all}</option>
                        {provinces
                            .into_iter()
                            .map(|p| view! { <option value=p.code>{p.name}</option> })
                            .collect_view()}
                    </select>
                </div>
                <fieldset class="field">
                    <legend class="field-label">{t.embed_lang}</legend>
                    {Lang::ALL
                        .iter()
                        .map(|&l| {
                            let id = format!("embed-lang-{}", l.tag());
                            view! {
                                <div class="radio">
                                    <input class="radio-input" type="radio" id=id.clone() name="lang" value=l.tag() checked=l == lang/>
                                    <label class="radio-label" for=id lang=l.tag()>{data::strings(l).lang_name}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <div class="field">
                    <label class="field-label" for="embed-start">{t.embed_start}</label>
                    <select id="embed-start" name="start">
                        {starts(lang)
                            .into_iter()
                            .map(|(path, name)| view! { <option value=path>{name}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for="embed-accent">{t.embed_accent}</label>
                    <p class="hint" id="embed-accent-hint">{t.embed_accent_hint}</p>
                    <input class="color-input" type="color" id="embed-accent" name="accent" value=DEFAULT_ACCENT aria-describedby="embed-accent-hint"/>
                    <p class="warning" data-embed-too-light hidden>{t.embed_accent_too_light}</p>
                </div>
            </form>

            <h2>{t.embed_code}</h2>
            <p>{t.embed_code_hint}</p>
            <pre class="snippet"><code data-embed-script>{script_snippet(site_url(), &choice)}</code></pre>
            <p class="js-only">
                <button type="button" class="button" data-copy="script">{t.embed_copy}</button>
                " "
                <span class="status" role="status" data-copied=t.embed_copied data-failed=t.embed_copy_failed></span>
            </p>

            <h2>{t.embed_iframe}</h2>
            <p>{t.embed_iframe_hint}</p>
            <pre class="snippet">
                <code data-embed-iframe data-title=t.embed_frame_title>
                    {iframe_snippet(site_url(), &choice, t.embed_frame_title)}
                </code>
            </pre>
            <p class="js-only">
                <button type="button" class="button-secondary" data-copy="iframe">{t.embed_copy}</button>
                " "
                <span class="status" role="status" data-copied=t.embed_copied data-failed=t.embed_copy_failed></span>
            </p>

            <section class="js-only" aria-labelledby="embed-preview">
                <h2 id="embed-preview">{t.embed_preview}</h2>
                <div class="embed-preview" data-embed-preview></div>
            </section>

            <h2>{t.embed_host_title}</h2>
            <p>{t.embed_host_body}</p>
            <pre class="snippet"><code>{host_example}</code></pre>
            <h2>{t.embed_portal_title}</h2>
            <p>{t.embed_portal_body}</p>
            <h2>{t.embed_privacy_title}</h2>
            <p>{t.embed_privacy_body}</p>
            <h2>{t.embed_counter_title}</h2>
            <p>{t.embed_counter_body}</p>
            <p>
                <a class="button-secondary" href=format!("{}?quay=1", Route::new(lang, Page::Home).href()) rel="external">
                    {t.embed_counter_button}
                </a>
            </p>
        </article>
    }
}

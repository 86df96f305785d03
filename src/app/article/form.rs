//! A declaration form's page: what it is, which procedures use it, and the
//! official template, blank, to print on A4 (without JavaScript too), with where
//! its text comes from.

use leptos::prelude::*;

use super::{Breadcrumbs, ProcedureLink};
use crate::data;
use crate::form::{Form, Template};
use crate::model::{format_date, Lang};
use crate::route::{Page, Route};

/// The form's page.
#[component]
pub fn FormArticle(lang: Lang, form: &'static Form) -> impl IntoView {
    let t = data::strings(lang);
    let document = data::document(form.slug);
    let mut trail = vec![(Route::new(lang, Page::Glossary).href(), t.glossary_title)];
    if let Some(d) = document {
        trail.push((Route::new(lang, Page::Document(d)).href(), d.name.get(lang)));
    }
    // The template in force on the day the content was checked for (the build's
    // day, `THU_TUC_XA_TODAY`); the forms module shows the one of the day it runs.
    let today = crate::calendar::Day::parse(data::CONTENT_DAY).expect("the build writes a day");
    let in_force = form.template_on(today);
    view! {
        <Breadcrumbs lang trail/>
        <article class="form-page">
            <h1>{form.name.get(lang)}</h1>
            <p class="lead">{form.intro.get(lang)}</p>
            {document
                .map(|d| {
                    view! {
                        <section aria-labelledby="form-used-by">
                            <h2 id="form-used-by">{t.form_used_by}</h2>
                            <ul class="procedure-list">
                                {data::procedures_needing(d)
                                    .map(|p| view! { <li><ProcedureLink lang procedure=p/></li> })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}
            <section class="form-template" aria-labelledby="form-template">
                <h2 id="form-template">{t.form_template_title}</h2>
                <p>{t.form_print_blank}</p>
                {form
                    .templates
                    .iter()
                    .map(|template| {
                        view! { <Sheet lang template shown=std::ptr::eq(template, in_force)/> }
                    })
                    .collect_view()}
                <p class="form-checked">
                    {t.proc_checked} ": "
                    <time datetime=form.checked>{format_date(form.checked, lang)}</time>
                </p>
            </section>
        </article>
    }
}

/// One official template: where it comes from, and the sheet itself. Only the
/// one in force on the content's day is shown (and printed).
#[component]
fn Sheet(lang: Lang, template: &'static Template, shown: bool) -> impl IntoView {
    let t = data::strings(lang);
    let from = template.from.iso();
    let until = template.until.map(|u| u.iso());
    view! {
        <div class="form-version" hidden=!shown data-from=from data-until=until>
            <details class="form-source">
                <summary>{t.form_issued_by} " " {template.issued_by.get(lang)}</summary>
                <p>{template.note.get(lang)}</p>
                <p>{t.form_read_in}</p>
                <ul>
                    {template
                        .read
                        .iter()
                        .map(|r| view! { <li><a href=*r rel="external noopener">{*r}</a></li> })
                        .collect_view()}
                </ul>
            </details>
            // The sheet is Vietnamese in both languages: it is the official form.
            <div class="form-sheet" lang="vi" inner_html=template.html></div>
        </div>
    }
}

//! A declaration form's page: what it is, which procedures use it, the questions
//! to fill it in on the phone ([`Fill`], which the forms module brings to life),
//! and the official template to print on A4 (blank without JavaScript, filled in
//! with it), with where its text comes from.

use leptos::prelude::*;

use super::{Breadcrumbs, ProcedureLink};
use crate::app::handoff::{QrButton, QrPanel, ReadAloud};
use crate::data;
use crate::form::{Field, Form, Kind, Section, Template};
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
            <ReadAloud lang target=".form-page > h1, .form-page > .lead, .form-part:not([hidden])"/>
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
            <Fill lang form/>
            <section class="form-template" aria-labelledby="form-template">
                <h2 id="form-template">{t.form_template_title}</h2>
                <p data-fill-print-note>{t.form_print_blank}</p>
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

/// The questions, part by part (the GOV.UK question pages, on one page), the
/// check of the answers before printing, keeping them on the phone and handing
/// them to another device. Hidden until the forms module (`forms/`) runs: without
/// it, the page offers the blank template. The module reads the messages it
/// shows from the `data-m-*` attributes, in the page's language.
#[component]
fn Fill(lang: Lang, form: &'static Form) -> impl IntoView {
    let t = data::strings(lang);
    let total = form.sections.len();
    view! {
        <section
            class="form-fill"
            data-form-fill=form.slug
            hidden
            aria-labelledby="form-fill-title"
            data-m-missing=t.form_err_missing
            data-m-choose=t.form_err_choose
            data-m-too-long=t.form_err_too_long
            data-m-date=t.form_err_date
            data-m-year=t.form_err_year
            data-m-time=t.form_err_time
            data-m-id=t.form_err_id
            data-m-range=t.form_err_range
            data-m-future=t.form_err_future
            data-m-before=t.form_err_before
            data-m-after=t.form_err_after
            data-m-not-answered=t.form_not_answered
            data-m-keep-failed=t.form_keep_failed
            data-m-cleared=t.form_cleared
            data-m-restored=t.form_restored
            data-m-handoff-loaded=t.form_handoff_loaded
            data-m-handoff-bad=t.form_handoff_bad
            data-m-stale=t.form_stale
            data-m-print-with-answers=t.form_print_with_answers
            data-m-title-prefix=t.form_error_title_prefix
            data-m-left-blank=t.form_left_blank
            data-m-step=t.form_step
        >
            <h2 id="form-fill-title">{t.form_fill_title}</h2>
            <p>{t.form_fill_intro}</p>
            // What the answers of a life-event flow filled in or left blank, when
            // the person came from its outcome (the forms module fills it).
            <div class="callout form-prefilled" data-fill-prefilled hidden>
                <h3>{t.form_prefilled_title}</h3>
                <ul></ul>
                <p>{t.form_prefilled_change}</p>
            </div>
            <p class="status form-status" role="status" data-fill-status></p>
            <div class="error-summary" data-fill-errors tabindex="-1" role="alert" hidden>
                <h3 class="error-summary-title">{t.form_error_title}</h3>
                <ul class="error-summary-list"></ul>
            </div>
            {form
                .sections
                .iter()
                .enumerate()
                .map(|(i, section)| view! { <Part lang section n=i + 1 total/> })
                .collect_view()}
            <section class="form-check" data-fill-check hidden aria-labelledby="form-check-title">
                <h3 id="form-check-title" tabindex="-1">{t.form_check_title}</h3>
                <p>{t.form_check_intro}</p>
                {form
                    .sections
                    .iter()
                    .map(|section| {
                        view! {
                            <div data-check-part=section.id>
                            <h4 class="form-check-part">{section.title.get(lang)}</h4>
                            <dl class="summary-list">
                                {section
                                    .fields
                                    .iter()
                                    .map(|field| {
                                        view! {
                                            <div class="summary-row" data-row=field.id>
                                                <dt>{field.label.get(lang)}</dt>
                                                <dd data-value></dd>
                                                <dd class="summary-change">
                                                    <button type="button" class="link-button" data-fill="change" data-to=field.id>
                                                        {t.form_change}
                                                        <span class="visually-hidden">
                                                            " " {field.label.get(lang)} " (" {section.title.get(lang)} ")"
                                                        </span>
                                                    </button>
                                                </dd>
                                            </div>
                                        }
                                    })
                                    .collect_view()}
                            </dl>
                            </div>
                        }
                    })
                    .collect_view()}
                <p class="callout form-qr-warning">{t.form_qr_warning}</p>
                <div class="form-actions">
                    <button type="button" class="button" data-fill="print">{t.form_print_filled}</button>
                    <button type="button" class="button-secondary" data-fill="print-empty">{t.form_print_empty}</button>
                    <QrButton lang more=t.form_qr_show_more/>
                </div>
                <QrPanel lang caption=t.form_qr_caption too_long=t.form_qr_too_long/>
                <div class="form-nav">
                    <button type="button" class="button-secondary" data-fill="back">{t.form_back}</button>
                </div>
            </section>
            <div class="form-keep" data-fill-keep>
                <div data-fill-keep-choice>
                    <div class="checkbox">
                        <input class="checkbox-input" type="checkbox" id="form-keep" data-fill="keep" aria-describedby="form-keep-hint"/>
                        <label class="checkbox-label" for="form-keep">{t.form_keep_label}</label>
                    </div>
                    <p class="hint" id="form-keep-hint">{t.form_keep_hint}</p>
                </div>
                <button type="button" class="button-secondary" data-fill="clear" aria-expanded="false" aria-controls="form-clear-ask">
                    {t.form_clear}
                </button>
                <div class="form-clear-ask" id="form-clear-ask" data-fill-clear-ask tabindex="-1" hidden>
                    <p>{t.form_clear_ask}</p>
                    <div class="form-actions">
                        <button type="button" class="button button-warning" data-fill="clear-yes">{t.form_clear_yes}</button>
                        <button type="button" class="button-secondary" data-fill="clear-no">{t.form_clear_no}</button>
                    </div>
                </div>
                <p class="status form-status" role="status" data-fill-keep-status></p>
            </div>
        </section>
    }
}

/// One part of the questions: a fieldset, shown one at a time.
#[component]
fn Part(lang: Lang, section: &'static Section, n: usize, total: usize) -> impl IntoView {
    let t = data::strings(lang);
    let step = data::fill(
        &data::fill(t.form_step, "n", &n.to_string()),
        "total",
        &total.to_string(),
    );
    let heading = format!("form-part-{}", section.id);
    view! {
        <div class="form-part" data-part=section.id hidden={n > 1}>
            <h3 class="form-part-title" id=heading tabindex="-1">
                <span class="progress">{step}</span>
                {section.title.get(lang)}
            </h3>
            {section.hint.map(|h| view! { <p class="hint">{h.get(lang)}</p> })}
            {section.fields.iter().map(|field| view! { <Question lang field/> }).collect_view()}
            <div class="form-nav">
                {(n > 1).then(|| view! { <button type="button" class="button-secondary" data-fill="back">{t.form_back}</button> })}
                <button type="button" class="button" data-fill="next">{t.form_next}</button>
            </div>
        </div>
    }
}

/// One question: its label, hint, the place of its error, and its input.
#[component]
fn Question(lang: Lang, field: &'static Field) -> impl IntoView {
    let t = data::strings(lang);
    let id = format!("f-{}", field.id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let hint = match field.kind {
        Kind::Date => Some(field.hint.map_or(t.form_date_hint.to_string(), |h| {
            format!("{} {}", h.get(lang), t.form_date_hint)
        })),
        Kind::Time => Some(field.hint.map_or(t.form_time_hint.to_string(), |h| {
            format!("{} {}", h.get(lang), t.form_time_hint)
        })),
        _ => field.hint.map(|h| h.get(lang).to_string()),
    };
    let described = hint.as_ref().map(|_| hint_id.clone());
    let label = view! {
        {field.label.get(lang)}
        {(!field.required).then(|| view! { " " <span class="optional">{t.form_optional}</span> })}
    };
    let hint = hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> });
    let error = view! {
        <p class="error-message" id=error_id.clone() hidden>
            <span class="visually-hidden">{t.form_error_prefix} " "</span>
            <span data-error-text></span>
        </p>
    };
    let kind = kind_name(field.kind);
    match field.kind {
        Kind::Date => view! {
            <fieldset class="form-row fieldset field" data-field=field.id data-kind=kind aria-describedby=described>
                <legend class="field-label">{label}</legend>
                {hint}
                {error}
                <div class="date-input">
                    {[("d", t.form_day, 2), ("m", t.form_month, 2), ("y", t.form_year, 4)]
                        .into_iter()
                        .map(|(part, name, width)| {
                            let part_id = format!("{id}-{part}");
                            view! {
                                <div class="date-part">
                                    <label for=part_id.clone()>{name}</label>
                                    <input
                                        class=format!("input input-w{width}")
                                        id=part_id
                                        data-date-part=part
                                        type="text"
                                        inputmode="numeric"
                                        maxlength=width
                                        autocomplete="off"
                                        spellcheck="false"
                                    />
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        }
        .into_any(),
        Kind::Choice(options) => view! {
            <fieldset class="form-row fieldset field" data-field=field.id data-kind=kind aria-describedby=described>
                <legend class="field-label">{label}</legend>
                {hint}
                {error}
                <div class="radios">
                    {options
                        .iter()
                        .map(|o| {
                            let option_id = format!("{id}-{}", o.id);
                            view! {
                                <div class="radio">
                                    <input class="radio-input" type="radio" id=option_id.clone() name=field.id value=o.id/>
                                    <label class="radio-label" for=option_id>{o.label.get(lang)}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
                {(!field.required).then(|| view! {
                    <button type="button" class="link-button" data-fill="unselect" data-to=field.id>
                        {t.form_unselect}
                        <span class="visually-hidden">" " {field.label.get(lang)}</span>
                    </button>
                })}
            </fieldset>
        }
        .into_any(),
        Kind::LongText { .. } => view! {
            <div class="form-row field" data-field=field.id data-kind=kind>
                <label class="field-label" for=id.clone()>{label}</label>
                {hint}
                {error}
                <textarea class="input" id=id name=field.id rows="3" autocomplete="off" spellcheck="false" aria-describedby=described></textarea>
            </div>
        }
        .into_any(),
        _ => {
            // No `maxlength` on text: a pasted answer is not cut without a word,
            // the rule says when it is too long.
            let (mode, max, width) = match field.kind {
                Kind::Text { .. } => (None, None, "input"),
                Kind::IdNumber => (Some("numeric"), Some(12), "input input-w12"),
                Kind::Year => (Some("numeric"), Some(4), "input input-w4"),
                Kind::Number { max, .. } => (Some("numeric"), Some(max.to_string().len() as u32), "input input-w4"),
                _ => (Some("numeric"), Some(5), "input input-w5"),
            };
            view! {
                <div class="form-row field" data-field=field.id data-kind=kind>
                    <label class="field-label" for=id.clone()>{label}</label>
                    {hint}
                    {error}
                    <input
                        class=width
                        id=id
                        name=field.id
                        type="text"
                        inputmode=mode
                        maxlength=max
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby=described
                    />
                </div>
            }
            .into_any()
        }
    }
}

/// The kind's name in `data-kind` (the module reads a date from its three parts).
fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Text { .. } => "text",
        Kind::LongText { .. } => "long-text",
        Kind::Date => "date",
        Kind::Year => "year",
        Kind::Time => "time",
        Kind::IdNumber => "id-number",
        Kind::Number { .. } => "number",
        Kind::Choice(_) => "choice",
    }
}

//! The dossier receipt kept on the phone ("Lưu giấy hẹn"): the section of a
//! procedure's page that keeps one ([`ReceiptSection`]), and the page that lists
//! the receipts kept (`/giay-hen/`, [`ReceiptsArticle`]). Both are build-time HTML
//! with the messages in `data-m-*` attributes; the forms module (`forms/`, loaded
//! by the first press of "Lưu giấy hẹn" or with the list page) reads and writes
//! the receipts and works out the expected date with the working-day calendar.

use leptos::prelude::*;

use super::Breadcrumbs;
use crate::data;
use crate::model::{FactKind, Lang, Place, Procedure};
use crate::route::{Page, Route};

/// Where the national portal's dossier lookup is: the portal's home page, whose
/// "Tra cứu hồ sơ" the person opens (the lookup page's own address moved with the
/// portal in 2026, and no official page names the new one).
pub const LOOKUP_URL: &str = "https://dichvucong.gov.vn/";

/// The last day the procedure's time limit is known to apply: the day before an
/// announced change of its time, the end of its time fact, or the last day of the
/// texts that state it (Luật Hộ tịch 2014 ends on 28/02/2027).
fn limit_until(procedure: &Procedure) -> Option<String> {
    let change = procedure
        .changes_of(FactKind::Time)
        .filter_map(|c| c.fact.basis.from)
        .filter_map(crate::calendar::Day::parse)
        .min()
        .map(|d| d.plus(-1).iso());
    [
        change,
        procedure.time.basis.until.map(str::to_string),
        procedure.time_limit_until.map(str::to_string),
    ]
    .into_iter()
    .flatten()
    .min()
}

/// The messages the module shows on both pages, each in a hidden `data-m` span.
fn messages(lang: Lang) -> impl IntoView {
    view! {
        <div hidden data-messages>
            {message_list(lang)
                .into_iter()
                .map(|(key, text)| view! { <span data-m=key>{text}</span> })
                .collect_view()}
        </div>
    }
}

fn message_list(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let t = data::strings(lang);
    vec![
        ("err-filed", t.receipt_err_filed),
        ("err-appointment", t.receipt_err_appointment),
        ("saved", t.receipt_saved),
        ("keep-failed", t.receipt_keep_failed),
        ("number", t.receipt_number),
        ("filed", t.receipt_filed),
        ("appointment", t.receipt_appointment),
        ("expected", t.receipt_expected),
        ("working", t.receipt_expected_working),
        ("days", t.receipt_expected_days),
        ("same-day", t.receipt_expected_same_day),
        ("at-once", t.receipt_expected_at_once),
        ("passed", t.receipt_expected_passed),
        ("unsettled", t.receipt_expected_unsettled),
        ("unknown", t.receipt_expected_unknown),
        ("none", t.receipt_expected_none),
        ("official", t.receipt_official),
        ("ics", t.receipt_ics),
        ("lookup", t.receipt_lookup),
        ("lookup-hint", t.receipt_lookup_hint),
        ("delete", t.receipt_delete),
        ("deleted", t.receipt_deleted),
        ("delete-ask", t.receipt_delete_ask),
        ("delete-yes", t.receipt_delete_yes),
        ("delete-no", t.receipt_delete_no),
        ("reminder", t.receipt_reminder),
        ("weekdays", t.receipt_weekdays),
        ("worked", t.receipt_expected_worked),
        ("ics-note", t.receipt_ics_note),
        ("unreadable", t.receipt_unreadable),
        ("counter", t.receipt_counter),
    ]
}

/// Who gives the receipt: a commune's service centre (Nghị định 118/2025/NĐ-CP
/// Điều 17), or the commune police for residence and identity procedures (their
/// own slip). Other procedures (a notification, an online-only request, another
/// office) have no section.
#[derive(Clone, Copy, PartialEq)]
enum Giver {
    Centre,
    Police,
}

fn giver(procedure: &Procedure) -> Option<Giver> {
    match procedure.place {
        Place::AnyCommune
        | Place::AnyCommuneInProvince
        | Place::ResidenceCommune
        | Place::PropertyCommune => Some(Giver::Centre),
        // A notification has no result and no time limit.
        Place::CommunePolice | Place::AnyCommunePolice if procedure.time_limit.is_some() => {
            Some(Giver::Police)
        }
        _ => None,
    }
}

/// "After you file" on a procedure's page: what the receipt is, the rights that
/// come with it, and keeping it on the phone (not offered in counter mode).
#[component]
pub fn ReceiptSection(lang: Lang, procedure: &'static Procedure) -> impl IntoView {
    giver(procedure).map(|giver| view! { <Receipt lang procedure giver/> })
}

#[component]
fn Receipt(lang: Lang, procedure: &'static Procedure, giver: Giver) -> impl IntoView {
    let t = data::strings(lang);
    let info = procedure.info;
    let limit = procedure.time_limit.map(|l| l.attr());
    let same_day = procedure.time_limit == Some(crate::calendar::Limit::SameDay);
    let rights = format!("{}#giay-hen", Route::new(lang, Page::Rights).href());
    let all = Route::new(lang, Page::Receipts).href();
    let date = |id: &'static str,
                label: &'static str,
                required: bool,
                hint: Option<&'static str>| {
        let hint_id = format!("r-{id}-hint");
        let described = hint_id.clone();
        view! {
            <fieldset class="form-row fieldset field" data-receipt-field=id aria-describedby=described>
                <legend class="field-label">
                    {label}
                    {(!required).then(|| view! { " " <span class="optional">{t.form_optional}</span> })}
                </legend>
                <p class="hint" id=hint_id>
                    {hint.map(|h| view! { {h} " " })}
                    {t.form_date_hint}
                </p>
                <p class="error-message" hidden>
                    <span class="visually-hidden">{t.form_error_prefix} " "</span>
                    <span data-error-text></span>
                </p>
                <div class="date-input">
                    {[("d", t.form_day, 2), ("m", t.form_month, 2), ("y", t.form_year, 4)]
                        .into_iter()
                        .map(|(part, name, width)| {
                            let part_id = format!("r-{id}-{part}");
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
                                    />
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        }
    };
    view! {
        <section
            class="receipt"
            aria-labelledby="receipt-title"
            data-receipt=info.slug
            data-name=info.name.get(lang)
            data-href=Route::new(lang, Page::Procedure(info)).href()
            data-limit=limit
            data-limit-until=limit_until(procedure)
            data-lookup=LOOKUP_URL
        >
            <h2 id="receipt-title">{t.receipt_title}</h2>
            {match giver {
                Giver::Centre => view! {
                    <p>{t.receipt_intro}</p>
                    <p><a href=rights>{t.receipt_rights}</a></p>
                }
                .into_any(),
                Giver::Police => view! { <p>{t.receipt_police_intro}</p> }.into_any(),
            }}
            <div class="js-only receipt-keep" data-receipt-keep>
                <button
                    type="button"
                    class="button-secondary"
                    data-receipt-open
                    aria-expanded="false"
                    aria-controls="receipt-form"
                >
                    {t.receipt_open}
                </button>
                <div class="receipt-form" id="receipt-form" data-receipt-form hidden>
                    <div class="error-summary" data-receipt-errors tabindex="-1" role="alert" hidden>
                        <h3 class="error-summary-title">{t.form_error_title}</h3>
                        <ul class="error-summary-list"></ul>
                    </div>
                    <div class="form-row field" data-receipt-field="number">
                        <label class="field-label" for="r-number">
                            {t.receipt_number} " " <span class="optional">{t.form_optional}</span>
                        </label>
                        <p class="hint" id="r-number-hint">{t.receipt_number_hint}</p>
                        <input class="input" id="r-number" type="text" autocomplete="off" spellcheck="false" aria-describedby="r-number-hint"/>
                    </div>
                    {date("filed", t.receipt_filed, true, Some(t.receipt_filed_hint))}
                    {same_day.then(|| view! {
                        <div class="checkbox form-row">
                            <input class="checkbox-input" type="checkbox" id="r-after-three"/>
                            <label class="checkbox-label" for="r-after-three">{t.receipt_after_three}</label>
                        </div>
                    })}
                    {date("appointment", t.receipt_appointment, false, None)}
                    <p class="hint">{t.receipt_private}</p>
                    <div class="form-actions">
                        <button type="button" class="button" data-receipt-save>{t.receipt_save}</button>
                        <button type="button" class="button-secondary" data-receipt-cancel>{t.receipt_cancel}</button>
                    </div>
                </div>
                <p class="status form-status" role="status" data-receipt-status></p>
                <p data-receipt-see-all hidden><a href=all>{t.receipt_see_all}</a></p>
            </div>
            {messages(lang)}
        </section>
    }
}

/// `/giay-hen/`: the receipts kept on this phone, which the forms module lists.
#[component]
pub fn ReceiptsArticle(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <article class="receipts-page">
            <h1>{t.receipts_title}</h1>
            <p class="lead">{t.receipts_intro}</p>
            <p class="no-js-only">{t.receipts_no_js}</p>
            <div class="receipts" data-receipts data-lookup=LOOKUP_URL>
                <p class="status form-status" role="status" tabindex="-1" data-receipt-status></p>
                // Each procedure's name, page and time limit in this language, so
                // that a receipt kept on a page in the other language, or before
                // the content was corrected, shows what the site says now.
                <ul hidden data-procedures>
                    {data::DETAILS
                        .iter()
                        .map(|p| {
                            view! {
                                <li
                                    data-slug=p.info.slug
                                    data-limit=p.time_limit.map(|l| l.attr())
                                    data-limit-until=limit_until(p)
                                >
                                    <a href=Route::new(lang, Page::Procedure(p.info)).href()>{p.info.name.get(lang)}</a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p data-receipts-none hidden>{t.receipts_none}</p>
                <ol class="receipt-list" data-receipt-list></ol>
                {messages(lang)}
            </div>
        </article>
    }
}

//! Life events: the list, and each flow's page.
//!
//! A flow's page holds, as build-time HTML, every view the flow can show: the
//! intro, each question as a form, "check your answers", each outcome. Only the
//! intro is visible. The wasm ([`crate::app::flow`]) shows one view at a time from
//! the URL's hash: every top-level part says when it is shown (`data-show`), and
//! parts of an outcome that depend on the answers carry the index of their
//! condition (`data-when`, into [`Flow::conds`]). So the wasm holds the flows'
//! graphs but none of their words.

use leptos::prelude::*;

use super::facts::{period, FactBlock};
use super::procedure::channel_label;
use super::WhereToFile;
use super::{Breadcrumbs, KindBadge, ProcedureLink};
use crate::app::handoff::{QrButton, QrPanel, ReadAloud};
use crate::data::{self, Strings};
use crate::flow::{part, Flow, FlowText, Need, Outcome, OutcomeText, State, Step};
use crate::model::{
    format_date, DocKind, Document, FactKind, Lang, NoteAbout, Place, PlaceOf, Procedure,
    Vocabulary,
};
use crate::route::{Page, Route};

/// The list of life events.
#[component]
pub fn EventsPage(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <h1>{t.events_title}</h1>
        <p class="lead">{t.events_intro}</p>
        <EventCards lang/>
    }
}

/// Every flow as a large card.
#[component]
pub fn EventCards(lang: Lang) -> impl IntoView {
    view! {
        <ul class="cards">
            {data::FLOWS
                .iter()
                .map(|f| {
                    let text = data::flow_text(f);
                    view! {
                        <li class="card">
                            <a class="card-link" href=Route::new(lang, Page::Flow(f)).href()>
                                <span class="card-title">{f.name.get(lang)}</span>
                                <span class="card-summary">{text.summary.get(lang)}</span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The procedures an outcome's step names.
fn step_procedure(step: &Step) -> &'static Procedure {
    data::details(data::procedure(step.procedure).expect("checked at build time"))
}

/// Every procedure a flow can lead to, once each, in order of appearance.
fn flow_procedures(flow: &Flow) -> Vec<&'static Procedure> {
    let mut out: Vec<&'static Procedure> = Vec::new();
    for step in flow.outcomes.iter().flat_map(|o| o.steps) {
        let p = step_procedure(step);
        if !out.iter().any(|q| q.info == p.info) {
            out.push(p);
        }
    }
    out
}

fn when_attr(when: Option<u16>) -> Option<String> {
    when.map(|c| c.to_string())
}

/// A flow's page: every view, all but the intro hidden.
#[component]
pub fn FlowArticle(lang: Lang, text: &'static FlowText) -> impl IntoView {
    let t = data::strings(lang);
    let flow = text.flow;
    let start = format!("#{}", State::start(flow).to_hash(flow));
    // The parts shown both on "check your answers" and on an outcome.
    let both = format!("{} {}", part::CHECK, part::OUTCOME);
    let trail = vec![(Route::new(lang, Page::Events).href(), t.events_title)];
    view! {
        <div class="flow" data-flow=flow.slug>
            // Filled in by the wasm: where "back" leads, and how far along this is.
            <div class="flow-nav" data-show=part::NAV hidden>
                <a class="back-link" href="#" target="_self" data-back>{t.flow_back}</a>
                <p class="progress" data-progress=t.flow_progress></p>
            </div>
            <section class="flow-intro" data-show=part::INTRO>
                <Breadcrumbs lang trail/>
                <h1 tabindex="-1">{flow.name.get(lang)}</h1>
                <p class="lead">{text.summary.get(lang)}</p>
                // Shown by `noscript.css`: without JavaScript, and when a page
                // that failed to hydrate is shown as without it (`route::boot_script`),
                // where a `<noscript>` would stay hidden.
                <p class="warning no-js-only">{t.flow_noscript}</p>
                // The questions need the script; without it the line above says
                // what still works.
                <p class="js-only">
                    <a class="button button-start" href=start target="_self">
                        {t.flow_start}
                    </a>
                </p>
                <p class="hint js-only">{t.flow_privacy}</p>
                <h2>{t.flow_related}</h2>
                <ul class="link-list">
                    {flow_procedures(flow)
                        .into_iter()
                        .map(|p| {
                            view! {
                                <li><ProcedureLink lang procedure=p/></li>
                            }
                        })
                        .collect_view()}
                </ul>
                <super::changes::RecentChanges lang log=text.log section=true/>
            </section>
            {flow
                .questions
                .iter()
                .zip(text.questions)
                .map(|(q, qt)| {
                    let hint_id = format!("hint-{}", q.id);
                    let error_id = format!("error-{}", q.id);
                    let described = if qt.hint.is_some() {
                        format!("{hint_id} {error_id}")
                    } else {
                        error_id.clone()
                    };
                    view! {
                        <form class="question" data-show=part::question(q.id) data-q=q.id hidden novalidate>
                            <fieldset class="fieldset" aria-describedby=described>
                                <legend class="legend">
                                    <h1 class="question-title" tabindex="-1">{qt.text.get(lang)}</h1>
                                </legend>
                                {qt.hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h.get(lang)}</p> })}
                                <p class="error-message" id=error_id hidden data-prefix=t.flow_error_prefix>
                                    <span class="visually-hidden">{t.flow_error_prefix}</span>
                                    {t.flow_error_choose}
                                </p>
                                <div class="radios">
                                    {q
                                        .options
                                        .iter()
                                        .zip(qt.options)
                                        .map(|(o, label)| {
                                            let id = format!("{}-{}", q.id, o);
                                            view! {
                                                <div class="radio">
                                                    <input class="radio-input" type="radio" id=id.clone() name=q.id value=*o/>
                                                    <label class="radio-label" for=id>{label.get(lang)}</label>
                                                </div>
                                            }
                                        })
                                        .collect_view()}
                                </div>
                            </fieldset>
                            <button type="submit" class="button">{t.flow_continue}</button>
                        </form>
                    }
                })
                .collect_view()}
            <section class="check" data-show=part::CHECK hidden>
                <h1 tabindex="-1">{t.flow_check_title}</h1>
                <p class="lead">{t.flow_check_lead}</p>
            </section>
            {flow
                .outcomes
                .iter()
                .zip(text.outcomes)
                .map(|(o, ot)| view! { <OutcomeView lang outcome=o text=ot/> })
                .collect_view()}
            <div class="outcome-actions" data-show=part::OUTCOME hidden>
                <button type="button" class="button" data-action="print">{t.flow_print}</button>
                <QrButton lang/>
                <button type="button" class="button-secondary" data-action="share">{t.flow_share}</button>
                <ReadAloud lang target="section.outcome:not([hidden]), .outcome-more:not([hidden])"/>
                <p class="status" role="status" data-share-status data-copied=t.flow_copied data-failed=t.flow_copy_failed></p>
                <input type="text" readonly class="share-link" data-share-link aria-label=t.flow_share_link hidden/>
            </div>
            <QrPanel lang/>
            {flow
                .outcomes
                .iter()
                .zip(text.outcomes)
                .enumerate()
                .map(|(i, (o, ot))| view! { <OutcomeMore lang flow index=i as u16 outcome=o text=ot/> })
                .collect_view()}
            <section class="answers" data-show=both.clone() hidden aria-labelledby="answers-title">
                <h2 id="answers-title">{t.flow_answers}</h2>
                <dl class="summary-list">
                    {flow
                        .questions
                        .iter()
                        .zip(text.questions)
                        .map(|(q, qt)| {
                            view! {
                                <div class="summary-row" data-row=q.id hidden>
                                    <dt>{qt.text.get(lang)}</dt>
                                    <dd>
                                        {q
                                            .options
                                            .iter()
                                            .zip(qt.options)
                                            .map(|(o, label)| view! { <span data-opt=*o hidden>{label.get(lang)}</span> })
                                            .collect_view()}
                                    </dd>
                                    <dd class="summary-change">
                                        <a data-change=q.id href="#" target="_self">
                                            {t.flow_change}
                                            <span class="visually-hidden">" – " {qt.text.get(lang)}</span>
                                        </a>
                                    </dd>
                                </div>
                            }
                        })
                        .collect_view()}
                </dl>
            </section>
            <p class="check-continue" data-show=part::CHECK hidden>
                <a class="button" data-go="outcome" href="#" target="_self">{t.flow_see_outcome}</a>
            </p>
            <p class="restart" data-show=both hidden>
                <a href="#" target="_self" data-action="restart">{t.flow_restart}</a>
            </p>
        </div>
    }
}

/// Notes of one kind, each shown when its condition holds.
fn notes(lang: Lang, text: &'static OutcomeText, about: NoteAbout) -> impl IntoView {
    text.notes
        .iter()
        .filter(move |n| n.about == about)
        .map(move |n| {
            view! {
                <p class="note" data-when=when_attr(n.when) data-until=n.until>
                    {n.text.get(lang)}
                </p>
            }
        })
        .collect_view()
}

/// One document on the checklist, with a tick box; where to get it and its
/// notes open on demand.
#[component]
fn CheckItem(
    lang: Lang,
    id: String,
    document: &'static Document,
    when: Option<u16>,
) -> impl IntoView {
    let t = data::strings(lang);
    let entry = data::glossary_entry(document.doc);
    view! {
        <li class="check-item" data-when=when_attr(when) data-from=document.basis.from data-until=document.basis.until>
            {period(lang, document.basis.from, document.basis.until)
                .map(|p| view! { <p class="fact-period">{p}</p> })}
            <input class="tick" type="checkbox" id=id.clone() data-doc=document.doc.id/>
            <label class="tick-label" for=id>
                <span class="document-name">{document.doc.name.get(lang)}</span>
                " "
                <KindBadge lang document/>
            </label>
            // On the label's last line, "where to get it" opens on demand; then
            // when the paper is needed.
            <div class="check-detail">
                " "
                <details class="check-more">
                    <summary>
                        {t.flow_doc_more}
                        <span class="visually-hidden">": " {document.doc.name.get(lang)}</span>
                    </summary>
                    {document.note.map(|n| view! { <p class="document-note">{n.get(lang)}</p> })}
                    {document.lacking.map(|l| view! { <p class="document-lacking">{l.get(lang)}</p> })}
                    <p class="document-get">
                        <span class="document-get-label">{t.flow_get} ": "</span>
                        {entry.get.get(lang)}
                    </p>
                </details>
                {document.when.map(|w| view! { <p class="document-when">{w.get(lang)}</p> })}
            </div>
            // A form to fill on the phone: the flow's script adds the answers
            // after `#`, so what they settle is filled in (`[[prefill]]`).
            {data::form_for(document.doc)
                .map(|f| {
                    let href = Route::new(lang, Page::Form(f)).href();
                    view! {
                        <p class="check-form no-print">
                            <a href=href.clone() data-form-link=href>{t.flow_fill_form}</a>
                        </p>
                    }
                })}
        </li>
    }
}

/// The steps of an outcome that it shows, each with its procedure.
fn outcome_steps(outcome: &'static Outcome) -> Vec<(usize, &'static Step, &'static Procedure)> {
    outcome
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s, step_procedure(s)))
        .collect()
}

/// Where a step of an outcome is filed: the outcome's answers may settle it.
fn step_place(text: &OutcomeText, i: usize, p: &Procedure) -> (Place, Option<PlaceOf>) {
    text.places[i].unwrap_or((p.place, p.place_of))
}

/// The top of an outcome, on the first screens: what to do and where. The
/// actions (print, QR, share) follow it; the rest is [`OutcomeMore`].
#[component]
fn OutcomeView(lang: Lang, outcome: &'static Outcome, text: &'static OutcomeText) -> impl IntoView {
    let t = data::strings(lang);
    if outcome.steps.is_empty() {
        return view! { <NothingToDo lang outcome text/> }.into_any();
    }
    let steps = outcome_steps(outcome);
    view! {
        <section class="outcome" data-show=part::outcome(outcome.id) hidden>
            <OutcomeHead lang text/>
            <h2>{t.flow_todo}</h2>
            <ol class="steps">
                {steps
                    .iter()
                    .map(|&(i, s, p)| {
                        let (place, of) = step_place(text, i, p);
                        // "Depends on the case": the cases are the answer.
                        let cases = p.place_note.filter(|_| place == Place::ByCase);
                        view! {
                            <li class="step" data-when=when_attr(s.when)>
                                <ProcedureLink lang procedure=p class="step-name"/>
                                // On screen the code is with the step's why (below); on
                                // paper, beside its name.
                                <span class="step-code print-only">{t.proc_code} " " {p.info.code}</span>
                                <p class="step-where">
                                    <span class="step-where-label">{t.proc_where} ": "</span>
                                    // An office that takes it only online: not a counter to go to
                                    // (a phone call or an email is not filing online).
                                    <WhereToFile
                                        lang
                                        place
                                        of
                                        online=place != Place::OnlineOnly
                                            && p.is_online_only()
                                    />
                                </p>
                                {cases.map(|n| view! { <p class="step-where-cases">{n.get(lang)}</p> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            {notes(lang, text, NoteAbout::Where)}
        </section>
    }
    .into_any()
}

/// The rest of an outcome, after its actions: the checklist, then fee, time,
/// how to file and what next, each opening on demand (and on paper).
#[component]
fn OutcomeMore(
    lang: Lang,
    flow: &'static Flow,
    index: u16,
    outcome: &'static Outcome,
    text: &'static OutcomeText,
) -> impl IntoView {
    let t = data::strings(lang);
    if outcome.steps.is_empty() {
        return None;
    }
    let steps = outcome_steps(outcome);
    let many = steps.len() > 1;
    // With several steps, facts are numbered like the steps (hidden steps are
    // skipped in both lists, so the numbers agree).
    let facts_class = if many {
        "facts-list"
    } else {
        "facts-list facts-single"
    };
    let per_step = |f: &dyn Fn(usize, &'static Procedure) -> AnyView| {
        steps
            .iter()
            .map(|&(i, s, p)| {
                view! {
                    <li data-when=when_attr(s.when)>
                        {many.then(|| view! { <strong class="step-label">{p.info.name.get(lang)} ": "</strong> })}
                        {f(i, p)}
                    </li>
                }
            })
            .collect_view()
    };
    let need = |step: usize, d: &'static Document| {
        flow.need(index, step as u16, d.doc.id, d.case, d.when.is_some())
    };
    // What to bring, by step: the documents the answers call for (always, or
    // when a condition on them holds); those the answers rule out are left out.
    let mut kinds: Vec<DocKind> = Vec::new();
    let checklist = steps
        .iter()
        .map(|&(i, s, p)| {
            let items = p
                .documents
                .iter()
                .enumerate()
                .filter_map(|(j, d)| {
                    let when = match need(i, d) {
                        Need::Always => None,
                        Need::When(c) | Need::Split(c, _) => Some(c),
                        Need::Never | Need::Maybe | Need::MaybeWhen(_) => return None,
                    };
                    if !kinds.contains(&d.kind) {
                        kinds.push(d.kind);
                    }
                    // A procedure may ask for one document in two cases.
                    let id = format!("tick-{}-{i}-{j}-{}", outcome.id, d.doc.id);
                    Some(view! { <CheckItem lang id document=d when/> })
                })
                .collect_view();
            view! {
                <div class="checklist-group" data-when=when_attr(s.when)>
                    {many.then(|| view! { <h3>{p.info.name.get(lang)}</h3> })}
                    <ul class="checklist">{items}</ul>
                </div>
            }
        })
        .collect_view();
    // Each label the checklist uses, said once in plain words.
    kinds.sort_by_key(|k| DocKind::ALL.iter().position(|a| a == k));
    let badges = view! {
        <details class="badge-key no-print">
            <summary>{t.flow_badges}</summary>
            <dl>
                {kinds
                    .into_iter()
                    .map(|k| {
                        view! {
                            <div>
                                <dt><span class=format!("badge badge-{}", k.id())>{super::kind_label(t, k)}</span></dt>
                                <dd>{badge_means(t, k)}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        </details>
    };
    // Those no question of the flow decides: one line that opens on demand,
    // each with the situation it is for.
    let maybe: Vec<_> = steps
        .iter()
        .filter_map(|&(i, s, p)| {
            let items: Vec<_> = p
                .documents
                .iter()
                .filter_map(|d| {
                    let when = match need(i, d) {
                        Need::Maybe => None,
                        Need::MaybeWhen(c) | Need::Split(_, c) => Some(c),
                        _ => return None,
                    };
                    Some(view! {
                        <li data-when=when_attr(when)>
                            <span class="document-name">{d.doc.name.get(lang)}</span>
                            {d.when.map(|w| view! { <span class="maybe-when">": " {w.get(lang)}</span> })}
                        </li>
                    })
                })
                .collect();
            (!items.is_empty()).then(|| {
                view! {
                    <div data-when=when_attr(s.when)>
                        {many.then(|| view! { <p class="maybe-step">{p.info.name.get(lang)}</p> })}
                        <ul class="maybe-list">{items}</ul>
                    </div>
                }
            })
        })
        .collect();
    let maybe = (!maybe.is_empty()).then(|| {
        view! {
            <details class="checklist-maybe">
                <summary>{t.flow_maybe}</summary>
                {maybe}
            </details>
        }
    });
    Some(view! {
        <section class="outcome outcome-more" data-show=part::outcome(outcome.id) hidden>
            <section class="checklist-section">
                <h2>{t.flow_checklist}</h2>
                <p class="hint no-print">{t.flow_checklist_hint}</p>
                {badges}
                {notes(lang, text, NoteAbout::Documents)}
                {checklist}
                {maybe}
            </section>
            <details class="more">
                <summary><h2>{t.flow_fee_time}</h2></summary>
                <h3>{t.proc_fee}</h3>
                <ol class=facts_class>
                    {per_step(&|_, p| {
                        view! { <FactBlock lang fact=&p.fee changes=p.changes_of(FactKind::Fee).collect() portal_url=p.portal_url/> }
                            .into_any()
                    })}
                </ol>
                {notes(lang, text, NoteAbout::Fee)}
                <h3>{t.proc_time}</h3>
                <ol class=facts_class>
                    {per_step(&|_, p| {
                        view! { <FactBlock lang fact=&p.time changes=p.changes_of(FactKind::Time).collect() portal_url=p.portal_url/> }
                            .into_any()
                    })}
                </ol>
                {notes(lang, text, NoteAbout::Time)}
            </details>
            // How to file, why each step, what comes after: on screen only, one
            // line until opened.
            <details class="more no-print">
                <summary><h2>{t.flow_more_steps}</h2></summary>
                <h3>{t.flow_how_file}</h3>
                <ol class=facts_class>
                    {per_step(&|_, p| {
                        let online = p.portal_url.filter(|_| p.is_online());
                        // The cases of a place that depends on the case: said at
                        // the top when the answers leave it open, and would only
                        // confuse once they settle it.
                        let note = p.place_note.filter(|_| p.place != Place::ByCase);
                        view! {
                            {note.map(|n| view! { <span class="block">{n.get(lang)}</span> })}
                            // Where to file changes on a known day: said here as on
                            // the procedure's page.
                            {p
                                .changes_of(FactKind::Place)
                                .map(|c| view! { <FactBlock lang fact=&c.fact portal_url=p.portal_url/> })
                                .collect_view()}
                            <span class="block">
                                {p.channels.iter().map(|&c| channel_label(t, c)).collect::<Vec<_>>().join(" · ")}
                            </span>
                            {online
                                .map(|u| {
                                    view! { <a class="block" href=u rel="external noopener">{t.flow_apply_online}</a> }
                                })}
                        }
                            .into_any()
                    })}
                </ol>
                <h3>{t.flow_why_steps}</h3>
                <ol class=facts_class>
                    {per_step(&|i, p| {
                        view! {
                            {text.steps[i].map(|w| view! { <span class="block">{w.get(lang)}</span> })}
                            <span class="block step-code">{t.proc_code} " " {p.info.code}</span>
                            <span class="block step-checked">
                                {t.proc_checked} ": " <time datetime=p.checked>{format_date(p.checked, lang)}</time>
                            </span>
                        }
                            .into_any()
                    })}
                </ol>
                <h3>{t.flow_next}</h3>
                <ol class=facts_class>{per_step(&|_, p| view! { {p.result.get(lang)} }.into_any())}</ol>
                {notes(lang, text, NoteAbout::Next)}
                <p class="rights-link">
                    <a href=Route::new(lang, Page::Rights).href()>{t.rights_link}</a>
                </p>
            </details>
        </section>
    })
}

fn badge_means(t: &'static Strings, kind: DocKind) -> &'static str {
    match kind {
        DocKind::Original => t.badge_original_means,
        DocKind::Copy => t.badge_copy_means,
        DocKind::CertifiedCopy => t.badge_certified_copy_means,
        DocKind::Show => t.badge_show_means,
    }
}

/// The top of every outcome: its label, title, why, and the caution box (hidden
/// by the page's script when none of its notes applies).
#[component]
fn OutcomeHead(lang: Lang, text: &'static OutcomeText) -> impl IntoView {
    let t = data::strings(lang);
    let has_doubt = text.notes.iter().any(|n| n.about == NoteAbout::Doubt);
    view! {
        <p class="outcome-label">{t.flow_outcome_label}</p>
        <h1 tabindex="-1">{text.title.get(lang)}</h1>
        <p class="lead">{text.why.get(lang)}</p>
        {has_doubt
            .then(|| {
                view! {
                    // Open: it can decide whether the trip is worth making; it
                    // folds for those who have read it.
                    <details class="callout" open>
                        <summary>
                            <h2 class="callout-title">{t.flow_doubt_title}</h2>
                        </summary>
                        {notes(lang, text, NoteAbout::Doubt)}
                    </details>
                }
            })}
    }
}

/// An outcome that needs no procedure (not allowed to register yet, exempt from a
/// permit): why, and what to know or do next.
#[component]
fn NothingToDo(lang: Lang, outcome: &'static Outcome, text: &'static OutcomeText) -> impl IntoView {
    let t = data::strings(lang);
    view! {
        <section class="outcome" data-show=part::outcome(outcome.id) hidden>
            <OutcomeHead lang text/>
            <p class="outcome-nothing">{t.flow_nothing}</p>
            {[NoteAbout::Documents, NoteAbout::Fee, NoteAbout::Time, NoteAbout::Where, NoteAbout::Next]
                .into_iter()
                .map(|about| notes(lang, text, about))
                .collect_view()}
            <p class="rights-link no-print">
                <a href=Route::new(lang, Page::Rights).href()>{t.rights_link}</a>
            </p>
        </section>
    }
}

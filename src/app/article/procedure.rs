//! A procedure's article: who, what to bring, fee, time, where, steps, sources.

use leptos::prelude::*;

use super::facts::{period, register_href, Cites, FactBlock, StatusNote};
use super::Breadcrumbs;
use super::{KindBadge, Sources, WhereToFile};
use crate::app::handoff::{QrButton, QrPanel, ReadAloud};
use crate::data::{self, Strings};
use crate::model::{Channel, Document, FactKind, Lang, Place, PlaceOf, Procedure};
use crate::route::{Page, Route};

/// The national portal's home page, for procedures without an entry of their own.
use super::receipt::LOOKUP_URL as PORTAL_HOME;

pub fn channel_label(t: &'static Strings, channel: Channel) -> &'static str {
    match channel {
        Channel::InPerson => t.channel_in_person,
        Channel::Post => t.channel_post,
        Channel::NationalPortal => t.channel_national_portal,
        Channel::Vneid => t.channel_vneid,
        Channel::PhoneEmail => t.channel_phone_email,
    }
}

/// Where to file, in words: the place, and whose commune or province it is.
pub(super) fn place_label(t: &'static Strings, place: Place, of: Option<PlaceOf>) -> String {
    let wording = match place {
        Place::AnyCommune => t.place_any_commune,
        Place::AnyCommuneInProvince => t.place_any_commune_in_province,
        Place::ResidenceCommune => t.place_residence_commune,
        Place::PropertyCommune => t.place_property_commune,
        Place::RecordOffice => t.place_record_office,
        Place::CommunePolice if of.is_none() => t.place_commune_police_unnamed,
        Place::CommunePolice => t.place_commune_police,
        Place::AnyCommunePolice => t.place_any_commune_police,
        Place::SocialInsuranceOffice => t.place_social_insurance_office,
        Place::OnlineOnly => t.place_online_only,
        Place::CommuneMilitary => t.place_commune_military,
        Place::ByCase => t.place_by_case,
    };
    match of {
        Some(of) => wording.replace("{of}", place_of_label(t, of)),
        None => wording.to_string(),
    }
}

fn place_of_label(t: &'static Strings, of: PlaceOf) -> &'static str {
    match of {
        PlaceOf::You => t.place_of_you,
        PlaceOf::Permanent => t.place_of_permanent,
        PlaceOf::Temporary => t.place_of_temporary,
        PlaceOf::Household => t.place_of_household,
        PlaceOf::HouseholdPermanent => t.place_of_household_permanent,
        PlaceOf::NewHome => t.place_of_new_home,
        PlaceOf::Lodging => t.place_of_lodging,
        PlaceOf::RegisteredTemporary => t.place_of_registered_temporary,
        PlaceOf::RegisteredPermanent => t.place_of_registered_permanent,
        PlaceOf::Leaving => t.place_of_leaving,
        PlaceOf::Beneficiary => t.place_of_beneficiary,
        PlaceOf::Disabled => t.place_of_disabled,
        PlaceOf::VeteranFile => t.place_of_veteran_file,
        PlaceOf::AllowancePaid => t.place_of_allowance_paid,
        PlaceOf::Land => t.place_of_land,
        PlaceOf::Property => t.place_of_property,
        PlaceOf::Building => t.place_of_building,
        PlaceOf::BuildSite => t.place_of_build_site,
        PlaceOf::BusinessSeat => t.place_of_business_seat,
    }
}

/// One document of the checklist.
#[component]
fn DocumentItem(
    lang: Lang,
    document: &'static Document,
    portal_url: Option<&'static str>,
) -> impl IntoView {
    let t = data::strings(lang);
    let b = &document.basis;
    view! {
        <li class="document" data-from=b.from data-until=b.until>
            {period(lang, b.from, b.until).map(|p| view! { <p class="fact-period">{p}</p> })}
            <a class="document-name" href=Route::new(lang, Page::Document(document.doc)).href()>
                {document.doc.name.get(lang)}
            </a>
            <KindBadge lang document/>
            {document.when.map(|w| view! { <p class="document-when">{w.get(lang)}</p> })}
            {document.note.map(|n| view! { <p class="document-note">{n.get(lang)}</p> })}
            {document.lacking.map(|l| view! { <p class="document-lacking">{l.get(lang)}</p> })}
            {data::form_for(document.doc)
                .map(|f| {
                    view! {
                        <p class="document-form no-print">
                            <a href=Route::new(lang, Page::Form(f)).href()>{t.doc_form_link}</a>
                        </p>
                    }
                })}
            <StatusNote lang basis=b/>
            <Cites lang cite=b.cite portal_url/>
        </li>
    }
}

/// What to bring: the documents everyone needs, then those needed only in some cases.
#[component]
fn Documents(lang: Lang, procedure: &'static Procedure) -> impl IntoView {
    let t = data::strings(lang);
    let (always, sometimes): (Vec<&'static Document>, Vec<&'static Document>) =
        procedure.documents.iter().partition(|d| d.when.is_none());
    let portal_url = procedure.portal_url;
    let list = move |docs: Vec<&'static Document>| {
        view! {
            <ul class="documents">
                {docs
                    .into_iter()
                    .map(|d| view! { <DocumentItem lang document=d portal_url/> })
                    .collect_view()}
            </ul>
        }
    };
    view! {
        <section aria-labelledby="documents">
            <h2 id="documents">{t.proc_documents}</h2>
            {list(always)}
            {(!sometimes.is_empty())
                .then(|| view! { <h3>{t.doc_sometimes}</h3> {list(sometimes)} })}
            <p class="hint">
                {t.proc_documents_hint} " "
                <a href=Route::new(lang, Page::Rights).href()>{t.rights_link}</a>
            </p>
            <div class="handoff no-print">
                <button type="button" class="button js-only" data-action="print">{t.flow_print}</button>
                <QrButton lang/>
            </div>
            <QrPanel lang/>
        </section>
    }
}

/// The article of one procedure, with its breadcrumbs.
#[component]
pub fn ProcedureArticle(lang: Lang, procedure: &'static Procedure) -> impl IntoView {
    let t = data::strings(lang);
    let p = procedure;
    let info = p.info;
    let mut trail = vec![(Route::new(lang, Page::All).href(), t.all_title)];
    if let Some(f) = data::field(info.field) {
        trail.push((Route::new(lang, Page::Field(f)).href(), f.name.get(lang)));
    }
    let online = if p.is_online() {
        t.proc_online
    } else {
        t.proc_in_person_only
    };
    view! {
        <Breadcrumbs lang trail/>
        <article class="procedure">
            <h1>{info.name.get(lang)}</h1>
            <p class="lead">{p.summary.get(lang)}</p>
            <ReadAloud lang target="article.procedure"/>
            <dl class="facts">
                <div>
                    <dt>{t.proc_code}</dt>
                    <dd>
                        {match p.portal_url {
                            Some(url) => view! { <a href=url rel="external noopener">{info.code}</a> }.into_any(),
                            None => view! { {info.code} " " <span class="hint">{t.proc_no_portal_entry}</span> }.into_any(),
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{t.proc_fee}</dt>
                    <dd><a href="#fee">{p.fee.text.get(lang)}</a></dd>
                </div>
                <div>
                    <dt>{t.proc_time}</dt>
                    <dd><a href="#time">{p.time.text.get(lang)}</a></dd>
                </div>
                <div>
                    <dt>{t.proc_channels}</dt>
                    <dd>{online}</dd>
                </div>
            </dl>

            <section aria-labelledby="who">
                <h2 id="who">{t.proc_who}</h2>
                <FactBlock lang fact=&p.who changes=p.changes_of(FactKind::Who).collect() portal_url=p.portal_url/>
                {p
                    .deadline
                    .as_ref()
                    .map(|d| {
                        view! {
                            <h3>{t.proc_deadline}</h3>
                            <FactBlock lang fact=d changes=p.changes_of(FactKind::Deadline).collect() portal_url=p.portal_url/>
                        }
                    })}
            </section>

            <Documents lang procedure=p/>

            <section aria-labelledby="fee">
                <h2 id="fee">{t.proc_fee}</h2>
                <FactBlock lang fact=&p.fee changes=p.changes_of(FactKind::Fee).collect() portal_url=p.portal_url/>
                {(!p.exemptions.is_empty())
                    .then(|| {
                        view! {
                            <h3>{t.proc_exemptions}</h3>
                            <ul class="exemptions">
                                {p
                                    .exemptions
                                    .iter()
                                    .map(|e| view! { <li><FactBlock lang fact=e portal_url=p.portal_url/></li> })
                                    .collect_view()}
                            </ul>
                        }
                    })}
            </section>

            <section aria-labelledby="time">
                <h2 id="time">{t.proc_time}</h2>
                <FactBlock lang fact=&p.time changes=p.changes_of(FactKind::Time).collect() portal_url=p.portal_url/>
            </section>

            <section aria-labelledby="where">
                <h2 id="where">{t.proc_where}</h2>
                <p>
                    <WhereToFile lang place=p.place of=p.place_of/>
                </p>
                {p.place_note.map(|n| view! { <p>{n.get(lang)}</p> })}
                <Cites lang cite=p.place_cite portal_url=p.portal_url/>
                {p
                    .changes_of(FactKind::Place)
                    .map(|c| view! { <FactBlock lang fact=&c.fact portal_url=p.portal_url/> })
                    .collect_view()}
                <h3>{t.proc_channels}</h3>
                <ul class="channels">
                    {p
                        .channels
                        .iter()
                        .map(|&c| match c {
                            Channel::NationalPortal => {
                                view! {
                                    <li>
                                        <a href=p.portal_url.unwrap_or(PORTAL_HOME) rel="external noopener">
                                            {channel_label(t, c)}
                                        </a>
                                    </li>
                                }
                                    .into_any()
                            }
                            _ => view! { <li>{channel_label(t, c)}</li> }.into_any(),
                        })
                        .collect_view()}
                </ul>
                <Cites lang cite=p.channels_cite portal_url=p.portal_url/>
                {p
                    .changes_of(FactKind::Channels)
                    .map(|c| view! { <FactBlock lang fact=&c.fact portal_url=p.portal_url/> })
                    .collect_view()}
            </section>

            <section aria-labelledby="result">
                <h2 id="result">{t.proc_result}</h2>
                <p>{p.result.get(lang)}</p>
            </section>

            <div class="prose" inner_html=p.body_html.get(lang)></div>

            <super::receipt::ReceiptSection lang procedure=p/>

            <section aria-labelledby="legal">
                <h2 id="legal">{t.proc_legal_basis}</h2>
                <ul class="legal-basis">
                    {p
                        .legal_basis
                        .iter()
                        .map(|(doc, why)| {
                            view! {
                                <li>
                                    <a href=register_href(lang, doc.id)>{doc.short.get(lang)}</a>
                                    " "
                                    <span lang="vi">{doc.name.vi}</span>
                                    {why.map(|w| view! { <p class="fact-status">{w.get(lang)}</p> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p>
                    <a href=Route::new(lang, Page::Laws).href()>{t.laws_link}</a>
                </p>
            </section>

            <Sources lang sources=p.sources checked=Some(p.checked) portal_url=p.portal_url log=p.log/>
        </article>
    }
}

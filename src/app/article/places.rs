//! "Where do I go?": the place finder, a province's communes, a commune's page, and
//! the old (pre-2025) provinces with their wards and where each went.
//!
//! Everything a person reads is here, at build time. The wasm only enhances it
//! ([`crate::app::places`]): it filters the lists as one types, and finds the
//! nearest communes from the location, fetching the fragments of province pages
//! (whose list items carry each commune's place in `data-at`) only when needed.
//! Without JavaScript every list is complete and every link works.
//!
//! These lists are the place data a browser downloads, so their markup is lean:
//! no per-item keys or ids, one explanation of divided wards per page.

use leptos::prelude::*;

use super::{count, Breadcrumbs};
use crate::data::{self, Strings};
use crate::model::Lang;
use crate::places::{
    Commune, Office, OfficeKind, OfficeSource, OldProvince, OldWard, Point, Province,
};
use crate::route::{Page, Route};

/// The national public-services portal.
const NATIONAL_PORTAL: &str = "https://dichvucong.gov.vn/";

/// A coordinate as decimal degrees, `10.77250`.
fn degrees(units: i32) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let u = units.unsigned_abs();
    format!("{sign}{}.{:05}", u / 100_000, u % 100_000)
}

fn commune_route(lang: Lang, c: &Commune) -> String {
    Route::commune_href(lang, c.province, c.slug)
}

/// The trail above every place page.
fn trail(lang: Lang, extra: Option<(String, &'static str)>) -> Vec<(String, &'static str)> {
    let t = data::strings(lang);
    let mut trail = vec![(Route::new(lang, Page::Places).href(), t.places_title)];
    trail.extend(extra);
    trail
}

/// The search box that filters a list as one types (shown by the wasm only; the
/// full list is there without it). `groups`: the districts of an old province.
#[component]
fn Filter(
    lang: Lang,
    label: &'static str,
    hint: &'static str,
    #[prop(optional)] groups: Vec<(String, &'static str)>,
) -> impl IntoView {
    let t = data::strings(lang);
    let has_groups = !groups.is_empty();
    view! {
        <div class="filter js-only" data-filter>
            {has_groups
                .then(|| {
                    view! {
                        <div class="form-row">
                            <label for="filter-group">{t.old_district_label}</label>
                            <select id="filter-group" data-filter-group>
                                <option value="">{t.old_district_all}</option>
                                {groups
                                    .into_iter()
                                    .map(|(id, name)| view! { <option value=id>{name}</option> })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })}
            <div class="form-row">
                <label for="filter-input">{label}</label>
                <p class="hint" id="filter-hint">{hint}</p>
                <input
                    id="filter-input"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="filter-hint filter-count"
                    data-filter-input
                />
            </div>
            <p id="filter-count" class="filter-count" role="status" data-count=t.filter_count.other data-count-one=t.filter_count.one></p>
            <p class="warning" data-filter-empty hidden>{t.filter_empty}</p>
        </div>
    }
}

/// "Which commune am I in": the location button, its messages (all in the HTML, the
/// wasm shows one), the answer's box and the nearest list. Shown only with JavaScript.
#[component]
fn Near(lang: Lang, heading: &'static str, explain: &'static str) -> impl IntoView {
    let t = data::strings(lang);
    let base = format!("{}/{}/", lang.prefix(), crate::route::PLACES_SEGMENT);
    view! {
        <section class="near js-only" aria-labelledby="near" data-near=base>
            <h2 id="near">{heading}</h2>
            <p>{explain}</p>
            <button type="button" class="button" data-near-button>{t.near_button}</button>
            <div class="near-status" role="status" tabindex="-1" data-near-status>
                <div data-near-here hidden data-here=t.near_here data-border=t.near_here_border data-none=t.near_here_none data-close=t.near_here_close data-you=t.near_you data-title=t.near_sketch_title data-around=t.near_sketch_around></div>
                <p data-msg="locating" hidden>{t.near_locating}</p>
                <p class="warning" data-msg="denied" hidden>{t.near_denied}</p>
                <p class="warning" data-msg="unavailable" hidden>{t.near_unavailable}</p>
                <p class="warning" data-msg="failed" hidden>{t.near_failed}</p>
                <p class="warning" data-msg="far" hidden>{t.near_far}</p>
                // Embedded for one province, a point outside it (the wasm fills in
                // the province); the link opens the full guide, outside the frame.
                <p class="warning" data-msg="outside" hidden>
                    <span data-near-outside=t.near_outside></span>
                    " "
                    <a href=format!("{base}#near") target="_blank" rel="noopener">{t.near_outside_link}</a>
                </p>
                <p data-msg="found" hidden>{t.near_found}</p>
            </div>
            // The sketch and its words, outside the status region: a screen reader
            // hears the answer, then reads these when it comes to them.
            <div data-near-sketch hidden></div>
            <ol class="near-list" data-near-list data-km=t.near_km></ol>
            <p class="hint" data-near-note hidden>{t.near_here_note}</p>
        </section>
    }
}

/// The finder: my location, a province, my old address.
#[component]
pub fn PlacesPage(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let mut provinces: Vec<&'static Province> = data::PROVINCES.iter().collect();
    provinces.sort_by_key(|p| data::sort_key(data::province_details(p).short_name));
    view! {
        <Breadcrumbs lang trail=vec![]/>
        <h1>{t.places_title}</h1>
        <p class="lead">{t.places_intro}</p>
        <p>{t.places_rule}</p>

        <Near lang heading=t.near_heading explain=t.near_explain/>

        <section aria-labelledby="by-province">
            <h2 id="by-province">{t.places_by_province}</h2>
            <ul class="place-grid">
                {provinces
                    .into_iter()
                    .map(|p| {
                        let n = data::communes_in(p).count();
                        view! {
                            <li>
                                <a href=Route::new(lang, Page::Province(p)).href()>
                                    <span class="place-name">{p.name}</span>
                                    <span class="place-meta">
                                        {t.province_commune_count.with(n, &count(n, lang))}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>

        <section aria-labelledby="by-old-address">
            <h2 id="by-old-address">{t.old_address_title}</h2>
            <p>{t.old_address_teaser}</p>
            <p>
                <a class="button-secondary" href=Route::new(lang, Page::OldAddress).href()>
                    {t.old_address_button}
                </a>
            </p>
        </section>
    }
}

/// The portals of a province, and the national one.
#[component]
fn Portals(lang: Lang, province: &'static Province) -> impl IntoView {
    let t = data::strings(lang);
    let d = data::province_details(province);
    let host = |url: &'static str| url.trim_start_matches("https://").trim_end_matches('/');
    view! {
        <ul class="links">
            <li>
                {t.province_portal} ": "
                <a href=d.portal rel="external noopener">{host(d.portal)}</a>
            </li>
            {d
                .public_services
                .map(|u| {
                    view! {
                        <li>
                            {t.province_public_services} ": "
                            <a href=u rel="external noopener">{host(u)}</a>
                        </li>
                    }
                })}
            <li>
                {t.national_portal} ": "
                <a href=NATIONAL_PORTAL rel="external noopener">{host(NATIONAL_PORTAL)}</a>
            </li>
        </ul>
    }
}

/// The old provinces a new one was made of, as links, "A, B và C".
fn old_province_links(lang: Lang, olds: &[&'static OldProvince]) -> impl IntoView {
    let t = data::strings(lang);
    let n = olds.len();
    olds.iter()
        .enumerate()
        .map(|(i, o)| {
            let sep = match i {
                0 => "",
                i if i + 1 == n => t.list_and,
                _ => ", ",
            };
            view! { {sep} <a href=Route::new(lang, Page::OldProvince(o)).href()>{o.name}</a> }
        })
        .collect_view()
}

/// A province's sketch: an image (`/ranh-gioi/<code>.svg`, made by the prerenderer),
/// loaded only when scrolled to, so the page stays the small piece of place data
/// the nearest search reads.
#[component]
fn ProvinceSketch(lang: Lang, province: &'static Province) -> impl IntoView {
    let t = data::strings(lang);
    let (_, b) = data::boundaries()
        .iter()
        .find(|(p, _)| *p == province.code)?;
    let (_, far) = crate::sketch::province_svg(b, &|_| String::new(), "");
    let names: Vec<&str> = far
        .iter()
        .filter_map(|&i| data::COMMUNES.iter().find(|c| c.code == b.areas[i].code))
        .map(|c| c.name)
        .collect();
    let alt = data::fill(t.province_sketch_title, "name", province.name);
    Some(view! {
        <figure class="sketch-figure">
            <img class="sketch" src=format!("/ranh-gioi/{}.svg", province.code) alt=alt loading="lazy" decoding="async"/>
            <figcaption>
                {t.sketch_note}
                {(!names.is_empty()).then(|| view! { " " {data::fill(t.province_sketch_insets, "names", &names.join(", "))} })}
            </figcaption>
        </figure>
    })
}

/// A province: its communes, A to Z, with a filter.
#[component]
pub fn ProvincePage(lang: Lang, province: &'static Province) -> impl IntoView {
    let t = data::strings(lang);
    let d = data::province_details(province);
    let mut communes: Vec<&'static Commune> = data::communes_in(province).collect();
    communes.sort_by_key(|c| data::sort_key(c.short_name));
    let n = communes.len();
    view! {
        <Breadcrumbs lang trail=trail(lang, None)/>
        <h1>{province.name}</h1>
        <p class="lead">
            {t.province_lead.with(n, &count(n, lang))} " "
            {(d.merged_from.len() > 1)
                .then(|| view! { {t.province_merged_from} " " {old_province_links(lang, d.merged_from)} "." })}
        </p>
        {province_note(lang, province).map(|n| view! { <p class="warning">{n}</p> })}
        <Portals lang province/>
        <h2>{t.province_communes}</h2>
        <Filter lang label=t.filter_commune_label hint=t.filter_commune_hint/>
        <ul class="commune-list" data-filter-list>
            {communes
                .into_iter()
                .map(|c| {
                    view! {
                        <li data-at=c.at.to_attr()>
                            <a href=commune_route(lang, c)>{c.name}</a>
                            {c.center.as_ref().and_then(|x| x.address).map(|_| view! { " " <span class="tag">{t.commune_has_address}</span> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <ProvinceSketch lang province/>
        <p>
            <a href=Route::new(lang, Page::OldAddress).href()>{t.old_address_button}</a>
        </p>
    }
}

/// What a province does differently, where the content says so, with its source.
fn province_note(lang: Lang, province: &Province) -> Option<impl IntoView> {
    let t = data::strings(lang);
    let (text, sources) = data::province_details(province).note?;
    let links = sources
        .iter()
        .enumerate()
        .map(|(i, href)| {
            let label = if sources.len() > 1 {
                format!("({} {})", t.province_note_source, i + 1)
            } else {
                format!("({})", t.province_note_source)
            };
            view! { " " <a href=*href rel="noopener">{label}</a> }
        })
        .collect_view();
    Some(view! { {text.get(lang)} {links} })
}

/// "xã", "phường", "đặc khu" (or their English) as a word in a sentence.
fn kind_word(t: &'static Strings, c: &Commune) -> &'static str {
    match c.kind {
        "Phường" => t.kind_ward,
        "Đặc khu" => t.kind_special_zone,
        _ => t.kind_commune,
    }
}

/// The standard name of a commune's centre (Nghị định 118/2025/NĐ-CP).
fn standard_center_name(t: &'static Strings, c: &Commune) -> String {
    let kind = kind_word(t, c);
    data::fill(
        &data::fill(t.center_standard_name, "kind", kind),
        "name",
        c.short_name,
    )
}

/// Links to see a point on a map or get directions, without any map script.
#[component]
fn MapLinks(
    lang: Lang,
    at: Point,
    label: &'static str,
    address: Option<&'static str>,
) -> impl IntoView {
    let t = data::strings(lang);
    let (lat, lon) = (degrees(at.lat), degrees(at.lon));
    let osm = format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=15/{lat}/{lon}");
    let directions = format!("https://www.openstreetmap.org/directions?to={lat}%2C{lon}");
    let geo = format!("geo:{lat},{lon}?q={lat},{lon}({})", encode(label));
    let search =
        address.map(|a| format!("https://www.openstreetmap.org/search?query={}", encode(a)));
    view! {
        <ul class="links">
            {search.map(|s| view! { <li><a href=s rel="external noopener">{t.map_search_address}</a></li> })}
            <li><a href=osm rel="external noopener">{t.map_view}</a></li>
            <li><a href=directions rel="external noopener">{t.map_directions}</a></li>
            <li><a href=geo>{t.map_app}</a></li>
        </ul>
    }
}

/// The commune's outline among its neighbours, drawn at build time, and the same in
/// words: the names of the communes it borders, as links.
#[component]
fn Sketch(lang: Lang, commune: &'static Commune) -> impl IntoView {
    use crate::sketch::{pad, svg, Shape};
    let t = data::strings(lang);
    let (b, area) = data::boundary(commune)?;
    let neighbours = data::neighbours(commune);
    let mut shapes = vec![Shape {
        boundaries: b,
        area,
        label: commune.short_name,
        focus: true,
    }];
    for n in &neighbours {
        if let Some((nb, na)) = data::boundary(n) {
            shapes.push(Shape {
                boundaries: nb,
                area: na,
                label: n.short_name,
                focus: false,
            });
        }
    }
    let title = data::fill(t.sketch_title, "name", commune.name);
    let drawing = svg(&shapes, pad(b.areas[area].bbox, 0.2), None, &title);
    let items = neighbours
        .iter()
        .map(|n| {
            let other = (n.province != commune.province).then(|| format!(" ({})", n.province.name));
            view! { <li><a href=commune_route(lang, n)>{n.name}</a>{other}</li> }
        })
        .collect_view();
    Some(view! {
        <figure class="sketch-figure">
            <div class="sketch-frame" inner_html=drawing></div>
            <figcaption>{t.sketch_note}</figcaption>
        </figure>
        {(!neighbours.is_empty()).then(|| view! {
            <p>{t.commune_neighbours}</p>
            <ul class="links">{items}</ul>
        })}
    })
}

/// Percent-encodes a query value.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A commune's page.
#[component]
pub fn CommunePage(lang: Lang, commune: &'static Commune) -> impl IntoView {
    let t = data::strings(lang);
    let c = commune;
    let province = c.province;
    let center_name = c
        .center
        .as_ref()
        .map_or_else(|| standard_center_name(t, c), |x| x.name.to_string());
    let address = c.center.as_ref().and_then(|x| x.address);
    // For the map search: the centre's address, else the first office the source
    // locates (not only names, not a former building).
    let map_address = address.or_else(|| {
        c.offices
            .iter()
            .find(|o| o.street && !o.old)
            .map(|o| o.address)
    });
    let olds: Vec<&'static OldWard> = data::old_wards_into(c).collect();
    let kind = kind_word(t, c);
    let area = c.area_km2.map(|a| {
        if lang == Lang::Vi {
            a.replace('.', ",")
        } else {
            a.to_string()
        }
    });
    view! {
        <Breadcrumbs
            lang
            trail=trail(lang, Some((Route::new(lang, Page::Province(province)).href(), province.name)))
        />
        <article class="commune">
            <h1>{c.name}</h1>
            <p class="lead">
                {data::fill(&data::fill(t.commune_lead, "kind", kind), "province", province.name)}
            </p>
            <section class="center" aria-labelledby="center">
                <h2 id="center">{center_name}</h2>
                {province_note(lang, province).map(|n| view! { <p>{n}</p> })}
                <dl class="facts">
                    {address
                        .map(|a| view! { <div><dt>{t.center_address}</dt><dd>{a}</dd></div> })}
                    {c.center
                        .as_ref()
                        .and_then(|x| x.phone)
                        .map(|p| {
                            view! {
                                <div>
                                    <dt>{t.center_phone}</dt>
                                    <dd>
                                        {p.split(" · ")
                                            .map(|n| {
                                                let tel: String = n.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                                                view! { <a href=format!("tel:{tel}")>{n.to_string()}</a> " " }
                                            })
                                            .collect_view()}
                                    </dd>
                                </div>
                            }
                        })}
                    {c.center
                        .as_ref()
                        .and_then(|x| x.hours)
                        .map(|h| view! { <div><dt>{t.center_hours}</dt><dd>{h}</dd></div> })}
                </dl>
                {match c.center.as_ref() {
                    Some(x) if address.is_some() => {
                        view! {
                            <p class="warning">
                                {t.center_check} " " {t.center_source} " "
                                {match x.source_url {
                                    Some(u) => view! { <a href=u rel="external noopener">{x.source}</a> }.into_any(),
                                    None => view! { <span>{x.source}</span> }.into_any(),
                                }}
                                "."
                            </p>
                        }
                            .into_any()
                    }
                    _ if !c.offices.is_empty() => ().into_any(),
                    _ => view! { <p class="warning">{t.center_unknown}</p> }.into_any(),
                }}
                <Offices lang commune=c/>
                <MyCommune lang commune=c/>
            </section>

            <section aria-labelledby="location">
                <h2 id="location">{t.commune_location}</h2>
                <p>
                    {t.commune_location_approx} " "
                    <span class="nowrap">{degrees(c.at.lat)} ", " {degrees(c.at.lon)}</span>
                    {area.map(|a| view! { ". " {data::fill(t.commune_area, "area", &a)} })}
                </p>
                <MapLinks lang at=c.at label=c.name address=map_address/>
                <Sketch lang commune=c/>
            </section>

            {(!olds.is_empty())
                .then(|| {
                    view! {
                        <section aria-labelledby="before">
                            <h2 id="before">{t.commune_before}</h2>
                            <ul class="old-wards">
                                {olds
                                    .into_iter()
                                    .map(|w| {
                                        // The source does not say which part is the
                                        // larger: every part of a divided ward is "a part".
                                        let part = if w.is_split() {
                                            format!("{} ", t.commune_part_of)
                                        } else {
                                            String::new()
                                        };
                                        let href = format!(
                                            "{}#d{}",
                                            Route::new(lang, Page::OldProvince(w.district.province)).href(),
                                            w.district.code
                                        );
                                        if w.whole_district {
                                            view! {
                                                <li>
                                                    <a href=href>{w.district.name}</a> " (" {t.old_whole_district_short}
                                                    ", " {w.district.province.name} ")"
                                                </li>
                                            }
                                                .into_any()
                                        } else {
                                            view! {
                                                <li>
                                                    {part} <a href=href>{w.name}</a> " (" {w.district.name} ", "
                                                    {w.district.province.name} ")"
                                                </li>
                                            }
                                                .into_any()
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })}

            <section aria-labelledby="portals">
                <h2 id="portals">{t.commune_portals}</h2>
                <Portals lang province/>
            </section>

            <section aria-labelledby="next">
                <h2 id="next">{t.commune_next}</h2>
                <p>{t.commune_next_text}</p>
                <p>
                    <a class="button-secondary" href=Route::new(lang, Page::Events).href()>{t.home_events_link}</a>
                </p>
            </section>
        </article>
    }
}

/// "Save as my commune": shown by `mode.js` where storage works and the page is
/// not in counter mode; the saved commune is kept on the device only.
#[component]
fn MyCommune(lang: Lang, commune: &'static Commune) -> impl IntoView {
    let t = data::strings(lang);
    let path = Route::commune_href(Lang::Vi, commune.province, commune.slug);
    view! {
        <div class="mine no-print" data-mine-page=path data-mine-name=commune.name hidden>
            <p data-mine-off>
                <button type="button" class="button-secondary" data-mine-act="save">{t.mine_save}</button>
                <span class="block hint">{t.mine_save_hint}</span>
            </p>
            <p data-mine-on hidden>
                {t.mine_saved} " "
                <button type="button" class="button-secondary" data-mine-act="forget">{t.mine_forget}</button>
            </p>
        </div>
    }
}

/// A commune's offices as the national administrative map site lists them, in the
/// source's words, with the source and a request to check before going.
#[component]
fn Offices(lang: Lang, commune: &'static Commune) -> impl IntoView {
    let t = data::strings(lang);
    let offices = commune.offices;
    if offices.is_empty() {
        return ().into_any();
    }
    let name = |o: &'static Office| match o.kind {
        OfficeKind::Centre => t.office_centre,
        OfficeKind::ServicePoint => o.label.unwrap_or(t.office_point),
        OfficeKind::Committee => t.office_committee,
        OfficeKind::AdminCentre => t.office_admin_centre,
    };
    let mut sources = Vec::new();
    for o in offices {
        if !sources.contains(&o.source) {
            sources.push(o.source);
        }
    }
    let sources = sources
        .into_iter()
        .map(|s| match s {
            OfficeSource::Sapnhap => (
                "https://github.com/thinhpxp/sapnhap_v7.1",
                t.offices_source_sapnhap,
            ),
            OfficeSource::Vpd => (
                "https://github.com/thanglequoc/vietnamese-provinces-database",
                t.offices_source_vpd,
            ),
        })
        .enumerate()
        .map(|(i, (href, label))| {
            view! {
                {if i > 0 { "; " } else { " " }}
                <a href=href rel="external noopener">{label}</a>
            }
        })
        .collect_view();
    view! {
        <h3>{t.offices_heading}</h3>
        <ul class="offices">
            {offices
                .iter()
                .map(|o| {
                    view! {
                        <li class="office">
                            <strong>{name(o)}</strong>
                            {o.committee.then(|| view! { " " {t.office_with_committee} })}
                            <span class="block">{o.address}</span>
                            {o.accepts.map(|a| view! { <span class="block hint">{a}</span> })}
                            {o.old.then(|| view! { <span class="tag">{t.office_old}</span> })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <p class="warning">{t.offices_check}</p>
        <p class="hint">{t.offices_source} {sources} "."</p>
    }
    .into_any()
}

/// Every old province, A to Z, each with the new one it went into.
#[component]
pub fn OldAddressPage(lang: Lang) -> impl IntoView {
    let t = data::strings(lang);
    let mut olds: Vec<&'static OldProvince> = data::OLD_PROVINCES.iter().collect();
    olds.sort_by_key(|o| {
        data::sort_key(
            o.name
                .trim_start_matches("Thành phố ")
                .trim_start_matches("Tỉnh "),
        )
    });
    view! {
        <Breadcrumbs lang trail=trail(lang, None)/>
        <h1>{t.old_address_title}</h1>
        <p class="lead">
            {data::fill(
                &data::fill(t.old_address_intro, "old", &count(data::OLD_WARDS.len(), lang)),
                "new",
                &count(data::COMMUNES.len(), lang),
            )}
        </p>
        <h2>{t.old_address_choose}</h2>
        <ul class="place-grid">
            {olds
                .into_iter()
                .map(|o| {
                    view! {
                        <li>
                            <a href=Route::new(lang, Page::OldProvince(o)).href()>
                                <span class="place-name">{o.name}</span>
                                <span class="place-meta">
                                    {data::fill(t.old_province_now, "province", o.province.name)}
                                </span>
                            </a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// One old province: its districts and wards, each with the new commune(s).
#[component]
pub fn OldProvincePage(lang: Lang, province: &'static OldProvince) -> impl IntoView {
    let t = data::strings(lang);
    let wards: Vec<&'static OldWard> = data::old_wards_in(province).collect();
    let mut districts: Vec<&'static crate::places::OldDistrict> = Vec::new();
    for w in &wards {
        if !districts.iter().any(|d| std::ptr::eq(*d, w.district)) {
            districts.push(w.district);
        }
    }
    let groups = districts
        .iter()
        .map(|d| (format!("d{}", d.code), d.name))
        .collect();
    view! {
        <Breadcrumbs lang trail=trail(lang, Some((Route::new(lang, Page::OldAddress).href(), t.old_address_title)))/>
        <h1>{data::fill(t.old_province_heading, "province", province.name)}</h1>
        <p class="lead">
            {t.old_province_now_lead} " "
            <a href=Route::new(lang, Page::Province(province.province)).href()>{province.province.name}</a>
            ". " {t.old_province_how}
        </p>
        {wards.iter().any(|w| w.is_split()).then(|| view! {
            <p>{t.split_note}</p>
            // Which part holds my house: the finder answers from the boundaries (a
            // link, not a second copy of its messages: this page is place data too).
            <p>
                {t.split_near_explain} " "
                <a href=format!("{}#near", Route::new(lang, Page::Places).href())>{t.near_heading}</a>
            </p>
        })}
        <Filter lang label=t.filter_old_ward_label hint=t.filter_old_ward_hint groups/>
        <nav class="jump" aria-label=t.old_district_label data-filter-nav>
            <ul>
                {districts
                    .iter()
                    .map(|d| view! { <li><a href=format!("#d{}", d.code)>{d.name}</a></li> })
                    .collect_view()}
            </ul>
        </nav>
        <div data-filter-list>
            {districts
                .into_iter()
                .map(|d| {
                    view! {
                        <section class="old-district" id=format!("d{}", d.code) data-group=format!("d{}", d.code)>
                            <h2>{d.name}</h2>
                            <ul class="old-wards">
                                {wards
                                    .iter()
                                    .filter(|w| std::ptr::eq(w.district, d))
                                    .map(|w| view! { <OldWardItem lang ward=w/> })
                                    .collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// An old ward and where it went; a divided ward lists every part, marked
/// divided (the page explains once, in `split_note`, that which one a home is in
/// depends on its street or village).
#[component]
fn OldWardItem(lang: Lang, ward: &'static OldWard) -> impl IntoView {
    let t = data::strings(lang);
    let link = |c: &'static Commune| view! { <a href=commune_route(lang, c)>{c.name}</a> };
    let rest = &ward.to[1..];
    view! {
        <li>
            <span class="old-name">
                {if ward.whole_district { t.old_whole_district } else { ward.name }}
            </span>
            {ward.is_split().then(|| view! { " " <span class="tag">{t.split_main}</span> })}
            " → "
            {link(ward.to[0])}
            {rest.iter().map(|c| view! { ", " {link(c)} }).collect_view()}
        </li>
    }
}

//! The place pages ([`super::article::places`]): the fragment, and in the wasm two
//! small enhancements of its HTML.
//!
//! - **Type-ahead**: a `[data-filter]` box hides the items of `[data-filter-list]`
//!   whose name (the item's first child, plus its group's heading) does not match
//!   what is typed, folded, and the groups (`data-group`, an old district) left
//!   empty or not chosen in the select. The folded names are made once, on attach.
//! - **Nearest communes**: the `[data-near]` section asks for the location only
//!   when its button is pressed, then fetches province pages' fragments (their
//!   items carry `data-at`) one by one, nearest first, until no other province
//!   could hold anything nearer ([`crate::places::Nearest`]). A fetched fragment
//!   is the one a later visit to that province page uses. First, [`here`] says
//!   which commune holds the point, from the province boundaries around it. Every
//!   message is already in the HTML; the wasm only shows one or fills its
//!   `{place}`. Embedded for one province, only that province is read, and a
//!   point outside it is told so, with a link to the full guide's finder. The
//!   location stays in these functions: it is not stored, not put in the
//!   address, not sent.
//!
//! Plain DOM listeners, no signals of their own, like the flow pages: small wasm.

use leptos::prelude::*;

use super::fragment::enhanced;
use crate::route::Route;

/// A place page: the finder, a province, the old provinces, an old province (a commune's page has
/// nothing to enhance and is a plain fragment).
#[component]
pub fn PlacesPage(route: Route) -> impl IntoView {
    enhanced(route, move |_root, _listeners| {
        #[cfg(feature = "hydrate")]
        browser::attach(route.lang, _root, _listeners);
    })
}

#[cfg(feature = "hydrate")]
mod here;

/// Everything else that touches the browser (the wasm only).
#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement};

    use crate::app::dom::elements;
    use crate::app::listener::PageListeners;
    use crate::app::mode;
    use crate::data;
    use crate::model::Lang;
    use crate::places::{format_km, Nearest, Point, Province};
    use crate::route::{Page, Route};
    use crate::text::{fold, matches};

    use super::here::{here, show_here};

    /// How many communes the nearest search lists.
    const NEAREST: usize = 5;
    /// Beyond this, the person is probably not in Viet Nam (or the fix is wrong).
    const FAR_KM: f64 = 50.0;

    pub(super) fn show(el: &Element, visible: bool) {
        if visible {
            let _ = el.remove_attribute("hidden");
        } else {
            let _ = el.set_attribute("hidden", "");
        }
    }

    /// Follows the page's filter box and location button until the page is left.
    pub fn attach(lang: Lang, root: Element, listeners: PageListeners) {
        if let Ok(Some(filter)) = root.query_selector("[data-filter]") {
            attach_filter(&root, filter, listeners);
        }
        if let Ok(Some(near)) = root.query_selector("[data-near]") {
            attach_near(near, listeners);
        }
        if mode::province().is_some() {
            keep_to(&root, lang);
        }
    }

    /// Embedded in a province's portal: the lists of provinces and old provinces
    /// show only that province and the old ones it was made of.
    fn keep_to(root: &Element, lang: Lang) {
        let mut kept: Vec<String> = data::PROVINCES
            .iter()
            .filter(|p| mode::shows_place(p))
            .map(|p| Route::new(lang, Page::Province(p)).href())
            .collect();
        kept.extend(
            data::OLD_PROVINCES
                .iter()
                .filter(|o| mode::shows_place(o.province))
                .map(|o| Route::new(lang, Page::OldProvince(o)).href()),
        );
        for item in elements(root, ".place-grid > li") {
            let href = item
                .query_selector("a")
                .ok()
                .flatten()
                .and_then(|a| a.get_attribute("href"))
                .unwrap_or_default();
            show(&item, kept.contains(&href));
        }
    }

    /// The filtered list: each group (or the whole list) with its items and
    /// their folded names.
    struct Groups(Vec<(Element, Vec<(Element, String)>)>);

    fn attach_filter(root: &Element, filter: Element, listeners: PageListeners) {
        show(&filter, true);
        let heading = |g: &Element| {
            g.query_selector("h2")
                .ok()
                .flatten()
                .and_then(|h| h.text_content())
                .unwrap_or_default()
        };
        let items = |g: &Element, group: &str| {
            elements(g, "li")
                .into_iter()
                .map(|li| {
                    let name = li
                        .first_element_child()
                        .and_then(|c| c.text_content())
                        .unwrap_or_default();
                    let key = fold(&format!("{name} {group}"));
                    (Element::from(li), key)
                })
                .collect()
        };
        let Ok(Some(list)) = root.query_selector("[data-filter-list]") else {
            return;
        };
        let mut groups: Vec<_> = elements(&list, "[data-group]")
            .into_iter()
            .map(|g| {
                let group = heading(&g);
                let its = items(&g, &group);
                (Element::from(g), its)
            })
            .collect();
        if groups.is_empty() {
            let its = items(&list, "");
            groups.push((list, its));
        }
        // Both listeners share the folded names.
        let groups = std::rc::Rc::new(Groups(groups));
        for kind in ["input", "change"] {
            let (root, groups) = (root.clone(), std::rc::Rc::clone(&groups));
            listeners.listen(&filter, kind, move |_| apply_filter(&root, &groups));
        }
    }

    /// The value of a form control (`value` is read through JS, to keep the wasm
    /// free of one binding per element type).
    fn value(root: &Element, selector: &str) -> String {
        root.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|el| web_sys::js_sys::Reflect::get(&el, &"value".into()).ok())
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }

    /// Shows the items that match the box and the chosen group; counts them.
    fn apply_filter(root: &Element, groups: &Groups) {
        let query = fold(&value(root, "[data-filter-input]"));
        let group = value(root, "[data-filter-group]");
        let mut shown = 0;
        for (g, items) in &groups.0 {
            let grouped = g.has_attribute("data-group");
            let chosen = !grouped || group.is_empty() || g.id() == group;
            let mut any = false;
            for (item, key) in items {
                let hit = chosen && matches(key, &query);
                any |= hit;
                shown += usize::from(hit);
                show(item, hit);
            }
            if grouped {
                show(g, any);
            }
        }
        let filtering = !query.is_empty() || !group.is_empty();
        if let Ok(Some(count)) = root.query_selector("[data-count]") {
            // The count's form: English has one for 1 (`data-count-one`).
            let form = if shown == 1 {
                "data-count-one"
            } else {
                "data-count"
            };
            let text = count.get_attribute(form).unwrap_or_default();
            count.set_text_content(Some(&if filtering {
                data::fill(&text, "n", &shown.to_string())
            } else {
                String::new()
            }));
        }
        if let Ok(Some(empty)) = root.query_selector("[data-filter-empty]") {
            show(&empty, filtering && shown == 0);
        }
        if let Ok(Some(nav)) = root.query_selector("[data-filter-nav]") {
            show(&nav, !filtering);
        }
    }

    fn attach_near(near: Element, listeners: PageListeners) {
        show(&near, true);
        let Ok(Some(button)) = near.query_selector("[data-near-button]") else {
            return;
        };
        let section = near.clone();
        listeners.listen(&button, "click", move |_| locate(section.clone()));
    }

    /// Shows one message of the section (or none), and empties the list.
    fn say(near: &Element, msg: &str) {
        for m in elements(near, "[data-msg]") {
            show(&m, m.get_attribute("data-msg").as_deref() == Some(msg));
        }
        if msg != "found" && msg != "far" {
            if let Ok(Some(list)) = near.query_selector("[data-near-list]") {
                list.set_inner_html("");
            }
            for sel in ["[data-near-here]", "[data-near-sketch]", "[data-near-note]"] {
                if let Ok(Some(el)) = near.query_selector(sel) {
                    show(&el, false);
                }
            }
        }
        if msg != "locating" {
            if let Ok(Some(status)) = near.query_selector("[data-near-status]") {
                if let Ok(status) = status.dyn_into::<HtmlElement>() {
                    let _ = status.focus();
                }
            }
        }
    }

    /// Asks the browser for the location; the answer comes back in a callback.
    fn locate(near: Element) {
        let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            say(&near, "unavailable");
            return;
        };
        say(&near, "locating");
        let ok_near = near.clone();
        let ok = Closure::once_into_js(move |pos: web_sys::Position| {
            let c = pos.coords();
            let at = Point {
                lat: (c.latitude() * 1e5).round() as i32,
                lon: (c.longitude() * 1e5).round() as i32,
            };
            leptos::task::spawn_local(nearest(ok_near, at, c.accuracy()));
        });
        let err_near = near.clone();
        let err = Closure::once_into_js(move |e: web_sys::PositionError| {
            // 1: permission denied; 2: position unavailable; 3: timeout.
            say(
                &err_near,
                if e.code() == 1 {
                    "denied"
                } else {
                    "unavailable"
                },
            );
        });
        let options = web_sys::PositionOptions::new();
        options.set_enable_high_accuracy(false);
        options.set_timeout(20_000);
        options.set_maximum_age(600_000);
        if geo
            .get_current_position_with_error_callback_and_options(
                ok.unchecked_ref(),
                Some(err.unchecked_ref()),
                &options,
            )
            .is_err()
        {
            say(&near, "unavailable");
        }
    }

    /// A commune as a province page's fragment gives it: its link and name.
    struct Found {
        province: usize,
        href: String,
        name: String,
    }

    /// The communes of a province page's fragment, with their places. Items that
    /// do not read are skipped: a damaged download gives fewer answers.
    fn communes_in(html: &str, province: usize) -> Vec<(Found, Point)> {
        let Some(div) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("div").ok())
        else {
            return Vec::new();
        };
        div.set_inner_html(html);
        elements(&div, "li[data-at]")
            .into_iter()
            .filter_map(|li| {
                let at = Point::from_attr(&li.get_attribute("data-at")?)?;
                let a = li.query_selector("a").ok()??;
                let found = Found {
                    province,
                    href: a.get_attribute("href")?,
                    name: a.text_content()?,
                };
                Some((found, at))
            })
            .collect()
    }

    /// Fetches province pages' fragments, nearest first, until the answer is
    /// complete; then lists the communes with their distances.
    async fn nearest(near: Element, at: Point, accuracy_m: f64) {
        let base = near.get_attribute("data-near").unwrap_or_default();
        // Vietnamese pages (no `/en` prefix) write 2,3 km.
        let lang = if base.starts_with("/en/") {
            Lang::En
        } else {
            Lang::Vi
        };
        // Embedded in a province's portal: that province's communes only.
        let scope = mode::province();
        let mut search: Nearest<Found> =
            Nearest::new(at, data::PROVINCES.iter().map(|p| p.bbox), NEAREST)
                .only(|i| mode::shows_place(&data::PROVINCES[i]));
        let here = here(at, accuracy_m).await;
        // There, a point that none of its communes holds or is near is outside it.
        if let (Some(province), Ok(None)) = (scope, &here) {
            outside(&near, province);
            return;
        }
        let unknown = here.is_err();
        let here = here.ok().flatten();
        let mut failed = false;
        while let Some(i) = search.next_province() {
            let url = Route::new(lang, Page::Province(&data::PROVINCES[i]))
                .fragment_href()
                .unwrap_or_default();
            match super::super::fragment::fetch::text(&url).await {
                Some(html) => search.add(communes_in(&html, i)),
                None => {
                    failed = true;
                    search.skip();
                }
            }
        }
        if search.found.is_empty() || failed && search.found.len() < NEAREST {
            say(&near, "failed");
            return;
        }
        let far = search.found.first().is_some_and(|(_, d)| *d > FAR_KM);
        // Kept to one province whose boundaries did not load: far from all its
        // communes is outside it.
        if let (Some(province), true) = (scope, far) {
            outside(&near, province);
            return;
        }
        let Ok(Some(list)) = near.query_selector("[data-near-list]") else {
            return;
        };
        let km_text = list.get_attribute("data-km").unwrap_or_default();
        let html: String = search
            .found
            .iter()
            .map(|(c, d)| {
                format!(
                    "<li><a href=\"{}\">{}</a> <span class=\"place-meta\">{}, {}</span></li>",
                    escape(&c.href),
                    escape(&c.name),
                    data::fill(&km_text, "km", &format_km(*d, lang == Lang::Vi)),
                    escape(data::PROVINCES[c.province].name)
                )
            })
            .collect();
        list.set_inner_html(&html);
        // The answer first, then the message that moves focus to the status region.
        show_here(&near, here.as_ref(), lang, at, unknown);
        say(&near, if far { "far" } else { "found" });
    }

    /// Embedded for one province, a point outside it: says so, with the link to
    /// the full guide's finder (the message is in the HTML; the name is filled in).
    fn outside(near: &Element, province: &Province) {
        if let Ok(Some(text)) = near.query_selector("[data-near-outside]") {
            let template = text.get_attribute("data-near-outside").unwrap_or_default();
            text.set_text_content(Some(&data::fill(&template, "province", province.name)));
        }
        say(near, "outside");
    }

    /// Escapes text for HTML (the names come from our own data, but still).
    pub(super) fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    }
}

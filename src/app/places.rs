//! The place pages ([`super::article::places`]): the fragment, and in the wasm two
//! small enhancements of its HTML.
//!
//! - **Type-ahead**: a `[data-filter]` box hides the items of `[data-filter-list]`
//!   whose folded words (`data-k`) do not match what is typed, and the groups
//!   (`data-group`, an old district) left empty or not chosen in the select.
//! - **Nearest communes**: the `[data-near]` section asks for the location only
//!   when its button is pressed, then fetches the provinces' pieces of coordinates
//!   one by one, nearest first, until no other province could hold anything nearer
//!   ([`crate::places::Nearest`]). Every message is already in the HTML; the wasm
//!   only shows one. The location stays in this function: it is not stored, not
//!   put in the address, not sent.
//!
//! Plain DOM listeners, no signals of their own, like the flow pages: small wasm.

use leptos::prelude::*;

use super::fragment::enhanced;
use crate::route::Route;

/// A place page: the finder, a province, an old province (a commune's page has
/// nothing to enhance and is a plain fragment).
#[component]
pub fn PlacesPage(route: Route) -> impl IntoView {
    enhanced(route, |_root| {
        #[cfg(feature = "hydrate")]
        browser::attach(_root);
    })
}

/// Everything that touches the browser (the wasm only).
#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, Event, HtmlElement, HtmlInputElement, HtmlSelectElement};

    use crate::data;
    use crate::places::{format_km, parse_shard, Nearest, Point, ShardCommune};
    use crate::text::{fold, matches};

    /// How many communes the nearest search lists.
    const NEAREST: usize = 5;
    /// Beyond this, the person is probably not in Viet Nam (or the fix is wrong).
    const FAR_KM: f64 = 50.0;

    fn elements(root: &Element, selector: &str) -> Vec<Element> {
        let Ok(list) = root.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    fn show(el: &Element, visible: bool) {
        if visible {
            let _ = el.remove_attribute("hidden");
        } else {
            let _ = el.set_attribute("hidden", "");
        }
    }

    pub fn attach(root: Element) {
        if root.has_attribute("data-attached") {
            return;
        }
        let _ = root.set_attribute("data-attached", "");
        if let Ok(Some(filter)) = root.query_selector("[data-filter]") {
            attach_filter(&root, filter);
        }
        if let Ok(Some(near)) = root.query_selector("[data-near]") {
            attach_near(near);
        }
    }

    fn attach_filter(root: &Element, filter: Element) {
        show(&filter, true);
        let root = root.clone();
        let on_input = Closure::<dyn FnMut(Event)>::new(move |_: Event| apply_filter(&root));
        for kind in ["input", "change"] {
            let _ =
                filter.add_event_listener_with_callback(kind, on_input.as_ref().unchecked_ref());
        }
        on_input.forget();
    }

    /// Shows the items that match the box and the chosen group; counts them.
    fn apply_filter(root: &Element) {
        let value = |selector: &str| {
            root.query_selector(selector)
                .ok()
                .flatten()
                .map(|el| {
                    el.dyn_ref::<HtmlInputElement>()
                        .map(|i| i.value())
                        .or_else(|| el.dyn_ref::<HtmlSelectElement>().map(|s| s.value()))
                        .unwrap_or_default()
                })
                .unwrap_or_default()
        };
        let query = fold(&value("[data-filter-input]"));
        let group = value("[data-filter-group]");
        let mut shown = 0;
        let groups = elements(root, "[data-group]");
        if groups.is_empty() {
            for item in elements(root, "[data-k]") {
                let hit = matches(&item.get_attribute("data-k").unwrap_or_default(), &query);
                shown += usize::from(hit);
                show(&item, hit);
            }
        } else {
            for g in groups {
                let chosen = group.is_empty() || g.id() == group;
                let mut any = false;
                for item in elements(&g, "[data-k]") {
                    let hit = chosen
                        && matches(&item.get_attribute("data-k").unwrap_or_default(), &query);
                    any |= hit;
                    shown += usize::from(hit);
                    show(&item, hit);
                }
                show(&g, any);
            }
        }
        let filtering = !query.is_empty() || !group.is_empty();
        if let Ok(Some(count)) = root.query_selector("[data-count]") {
            let text = count.get_attribute("data-count").unwrap_or_default();
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

    fn attach_near(near: Element) {
        show(&near, true);
        let Ok(Some(button)) = near.query_selector("[data-near-button]") else {
            return;
        };
        let section = near.clone();
        let on_click = Closure::<dyn FnMut(Event)>::new(move |_: Event| locate(section.clone()));
        let _ = button.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
        on_click.forget();
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
                lat: (c.latitude() * 1e5) as i32,
                lon: (c.longitude() * 1e5) as i32,
            };
            leptos::task::spawn_local(nearest(ok_near, at));
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

    /// Fetches provinces' pieces, nearest first, until the answer is complete; then
    /// lists the communes with their distances.
    async fn nearest(near: Element, at: Point) {
        let mut search: Nearest<(usize, ShardCommune)> =
            Nearest::new(at, data::PROVINCES.iter().map(|p| p.bbox), NEAREST);
        let mut failed = false;
        while let Some(i) = search.next_province() {
            let url = format!("/places/{}.txt", data::PROVINCES[i].slug);
            match super::super::fragment::fetch::text(&url).await {
                Some(text) => search.add(parse_shard(&text).into_iter().map(|(c, p)| ((i, c), p))),
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
        let base = near.get_attribute("data-near").unwrap_or_default();
        let Ok(Some(list)) = near.query_selector("[data-near-list]") else {
            return;
        };
        let km_text = list.get_attribute("data-km").unwrap_or_default();
        // Vietnamese pages (no `/en` prefix) write 2,3 km.
        let comma = !base.starts_with("/en/");
        let far = search.found.first().is_some_and(|(_, d)| *d > FAR_KM);
        let html: String = search
            .found
            .iter()
            .map(|((i, c), d)| {
                let p = &data::PROVINCES[*i];
                format!(
                    "<li><a href=\"{base}{}/{}/\">{}</a> <span class=\"place-meta\">{}, {}</span></li>",
                    p.slug,
                    c.slug,
                    escape(&c.name),
                    data::fill(&km_text, "km", &format_km(*d, comma)),
                    escape(p.name)
                )
            })
            .collect();
        list.set_inner_html(&html);
        say(&near, if far { "far" } else { "found" });
    }

    /// Escapes text for HTML (the names come from our own data, but still).
    fn escape(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;")
    }
}

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
//!   is the one a later visit to that province page uses. First, the province
//!   boundaries whose box holds the point (`/ranh-gioi/<code>.txt`, fetched only
//!   then) say which commune holds it ([`crate::boundaries::Boundaries::locate`]):
//!   "you are in …", or near a border, both names, with a sketch around the point
//!   ([`crate::sketch`]). Every message is already in the HTML; the wasm
//!   only shows one or fills its `{place}`. The location stays in this function: it is not stored, not
//!   put in the address, not sent.
//!
//! Plain DOM listeners, no signals of their own, like the flow pages: small wasm.

use leptos::prelude::*;

use super::fragment::enhanced;
use crate::route::Route;

/// A place page: the finder, a province, the old provinces, an old province (a commune's page has
/// nothing to enhance and is a plain fragment).
#[component]
pub fn PlacesPage(route: Route) -> impl IntoView {
    enhanced(route, move |_root| {
        #[cfg(feature = "hydrate")]
        browser::attach(route.lang, _root);
    })
}

/// Everything that touches the browser (the wasm only).
#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, Event, HtmlElement};

    use crate::data;
    use crate::model::Lang;
    use crate::places::{format_km, Nearest, Point, KM_PER_UNIT};
    use crate::route::{Page, Route};
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

    pub fn attach(lang: Lang, root: Element) {
        if let Ok(Some(filter)) = root.query_selector("[data-filter]") {
            attach_filter(&root, filter);
        }
        if let Ok(Some(near)) = root.query_selector("[data-near]") {
            attach_near(near);
        }
        if let Some(province) = crate::app::mode::province() {
            keep_to(&root, province, lang);
        }
    }

    /// Embedded in a province's portal: the lists of provinces and old provinces
    /// show only that province and the old ones it was made of.
    fn keep_to(root: &Element, province: &'static crate::places::Province, lang: Lang) {
        let mut kept = vec![Route::new(lang, Page::Province(province)).href()];
        kept.extend(
            data::OLD_PROVINCES
                .iter()
                .filter(|o| std::ptr::eq(o.province, province))
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

    fn attach_filter(root: &Element, filter: Element) {
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
                    (li, key)
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
                (g, its)
            })
            .collect();
        if groups.is_empty() {
            let its = items(&list, "");
            groups.push((list, its));
        }
        let groups = Groups(groups);
        let root = root.clone();
        let on_input =
            Closure::<dyn FnMut(Event)>::new(move |_: Event| apply_filter(&root, &groups));
        for kind in ["input", "change"] {
            let _ =
                filter.add_event_listener_with_callback(kind, on_input.as_ref().unchecked_ref());
        }
        on_input.forget();
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
            for sel in ["[data-near-here]", "[data-near-note]"] {
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
        let scope = crate::app::mode::province();
        let mut search: Nearest<Found> =
            Nearest::new(at, data::PROVINCES.iter().map(|p| p.bbox), NEAREST)
                .only(|i| scope.is_none_or(|p| std::ptr::eq(p, &data::PROVINCES[i])));
        let here = here(at, accuracy_m, scope).await;
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
        let Ok(Some(list)) = near.query_selector("[data-near-list]") else {
            return;
        };
        let km_text = list.get_attribute("data-km").unwrap_or_default();
        let far = search.found.first().is_some_and(|(_, d)| *d > FAR_KM);
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
        show_here(&near, here.as_ref(), lang, at, scope.is_some() || unknown);
        say(&near, if far { "far" } else { "found" });
    }

    /// What the boundaries say of the point, from every province file whose box
    /// holds it (a point near a province border is checked on both sides).
    struct Here {
        /// The files read, each with its province and its answer.
        files: Vec<(crate::boundaries::Boundaries, crate::boundaries::Located)>,
        provinces: Vec<usize>,
    }

    impl Here {
        /// The commune the answer is about: the one holding the point, else the
        /// nearest within reach; its file and area.
        fn focus(&self) -> Option<(usize, usize)> {
            let holding = self
                .files
                .iter()
                .enumerate()
                .find_map(|(f, (_, l))| l.inside.map(|i| (f, i)));
            holding.or_else(|| {
                self.files
                    .iter()
                    .enumerate()
                    .find_map(|(f, (_, l))| l.near.first().map(|&i| (f, i)))
            })
        }

        /// Every other commune the point may be in (its file and area): the ones
        /// near, or holding it too, in any file read.
        fn others(&self) -> Vec<(usize, usize)> {
            let focus = self.focus();
            let mut out = Vec::new();
            for (f, (_, l)) in self.files.iter().enumerate() {
                let holding = l.inside.filter(|_| focus.is_some_and(|x| x.0 != f));
                for i in holding.into_iter().chain(l.near.iter().copied()) {
                    if Some((f, i)) != focus {
                        out.push((f, i));
                    }
                }
            }
            out
        }

        /// A commune's name, its page's address and its province's name.
        fn named(
            &self,
            (f, i): (usize, usize),
            lang: Lang,
        ) -> Option<(String, String, &'static str)> {
            let area = &self.files[f].0.areas[i];
            let province = &data::PROVINCES[self.provinces[f]];
            (!area.name.is_empty()).then(|| {
                (
                    area.name.clone(),
                    Route::commune_href(lang, province, &area.slug),
                    province.name,
                )
            })
        }
    }

    /// Reads the boundaries of the provinces whose box, grown by the near distance,
    /// holds the point. `Ok(None)` when no commune holds it or is near; `Err` when a
    /// file did not load and nothing holds the point (that file might have).
    async fn here(
        at: Point,
        accuracy_m: f64,
        scope: Option<&'static crate::places::Province>,
    ) -> Result<Option<Here>, ()> {
        // Near a border: within the simplification's error (between communes, or
        // at the coast when no commune holds the point), or the position's own
        // uncertainty, at most 300 m.
        let uncertain_km = (accuracy_m / 1000.0).min(0.3);
        // The most the near distance can be, 300 m, in 1e-5 degrees (with room).
        let pad = 300;
        let mut files = Vec::new();
        let mut provinces = Vec::new();
        let mut failed = false;
        for (pi, p) in data::PROVINCES.iter().enumerate() {
            let b = p.bbox;
            let in_box = at.lat >= b.south - pad
                && at.lat <= b.north + pad
                && at.lon >= b.west - pad
                && at.lon <= b.east + pad;
            if !in_box || scope.is_some_and(|s| !std::ptr::eq(s, p)) {
                continue;
            }
            let url = format!("/ranh-gioi/{}.txt", p.code);
            let Some(text) = super::super::fragment::fetch::text(&url).await else {
                failed = true;
                continue;
            };
            let Ok(boundaries) = crate::boundaries::Boundaries::parse(&text) else {
                failed = true;
                continue;
            };
            let near_km = (boundaries.tolerance.0 as f64 * KM_PER_UNIT).max(uncertain_km);
            let mut located = boundaries.locate(at, near_km);
            if located.inside.is_none() {
                let coast_km = (boundaries.tolerance.1 as f64 * KM_PER_UNIT).max(uncertain_km);
                located = boundaries.locate(at, coast_km);
            }
            files.push((boundaries, located));
            provinces.push(pi);
        }
        let holds = files.iter().any(|(_, l)| l.inside.is_some());
        if failed && !holds {
            return Err(());
        }
        let any = files
            .iter()
            .any(|(_, l)| l.inside.is_some() || !l.near.is_empty());
        Ok(any.then_some(Here { files, provinces }))
    }

    /// "You are in …" (or near a border, or in no commune), and a sketch around the
    /// point. The words come from the section's attributes; names from the served
    /// boundaries files.
    fn show_here(near: &Element, here: Option<&Here>, lang: Lang, at: Point, silent: bool) {
        let Ok(Some(box_)) = near.query_selector("[data-near-here]") else {
            return;
        };
        let attr = |n: &str| box_.get_attribute(n).unwrap_or_default();
        let link = |(name, href, _): &(String, String, &str)| {
            format!("<a href=\"{}\">{}</a>", escape(href), escape(name))
        };
        let Some(h) = here else {
            // Kept to one province (embedded), a point elsewhere is simply not in it;
            // and a boundaries file that did not load cannot say.
            if silent {
                show(&box_, false);
                return;
            }
            box_.set_inner_html(&format!("<p>{}</p>", escape(&attr("data-none"))));
            show(&box_, true);
            return;
        };
        let Some((focus, first)) = h.focus().and_then(|x| h.named(x, lang).map(|f| (x, f))) else {
            show(&box_, false);
            return;
        };
        let (b, located) = (&h.files[focus.0].0, &h.files[focus.0].1);
        let inside = located.inside == Some(focus.1);
        let other = h.others().into_iter().find_map(|x| h.named(x, lang));
        let province = escape(first.2);
        let sentence = match (&other, inside) {
            (Some(o), _) => data::fill(&escape(&attr("data-border")), "place", &link(&first))
                .replace("{other}", &link(o)),
            (None, true) => data::fill(&escape(&attr("data-here")), "place", &link(&first))
                .replace("{province}", &province),
            (None, false) => data::fill(&escape(&attr("data-close")), "place", &link(&first))
                .replace("{province}", &province),
        };
        // The sketch: the focus and its neighbours in the same file, and the point.
        let sketch_shapes: Vec<crate::sketch::Shape> = std::iter::once(focus.1)
            .chain(b.neighbours(focus.1))
            .map(|i| crate::sketch::Shape {
                boundaries: b,
                area: i,
                label: &b.areas[i].name,
                focus: i == focus.1,
            })
            .collect();
        let area = b.areas[focus.1].bbox;
        let view = crate::places::Bbox::around([
            crate::places::Point {
                lat: area.south,
                lon: area.west,
            },
            crate::places::Point {
                lat: area.north,
                lon: area.east,
            },
            at,
        ])
        .unwrap_or(area);
        let drawing = crate::sketch::svg(
            &sketch_shapes,
            crate::sketch::pad(view, 0.2),
            Some((at, &attr("data-you"))),
            &attr("data-title"),
        );
        box_.set_inner_html(&format!(
            "<p class=\"near-here\">{sentence}</p><div class=\"sketch-frame\">{drawing}</div>"
        ));
        show(&box_, true);
        if let Ok(Some(note)) = near.query_selector("[data-near-note]") {
            show(&note, true);
        }
    }

    /// Escapes text for HTML (the names come from our own data, but still).
    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    }
}

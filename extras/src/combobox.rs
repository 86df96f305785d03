//! What makes the search boxes live: a combobox over [`crate::search::Index`].
//! The boxes are the app's (`src/app/search.rs`, a plain form that without
//! JavaScript leads to the search page, its input without `name`); the app loads
//! this module when a box is first focused, or with the search page.
//!
//! - the index is fetched once per visit (the pages of the box's language and the
//!   places, both at once) and kept in memory; in a frame kept to one province,
//!   with that province's places only (`crate::embed::shows_place`);
//! - each keystroke searches it and lists the best results under the box, grouped
//!   by kind, matched words marked; arrow keys move through them
//!   (`aria-activedescendant`), Enter opens one, Escape closes the list;
//! - submitting opens the search page with the query after `#q=` (so it stays in
//!   the browser), which lists more results.
//!
//! The listeners are on the document (one set for every box, present or to come).
//! Pages are opened through a link click, which the app's router takes.
use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, KeyboardEvent};

use crate::model::Lang;
use crate::search::{Hit, Index, Kind, PAGES_FILE, PLACES_FILE};

/// Results in the popup, and on the search page.
const POPUP: usize = 8;
const PAGE: usize = 40;

enum Load {
    Idle,
    Loading,
    Ready(Index),
    Failed,
}

thread_local! {
    /// The index of each language, loaded at most once per visit.
    static INDEX: RefCell<[Load; 2]> = const { RefCell::new([Load::Idle, Load::Idle]) };
}

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::Vi => 0,
        Lang::En => 1,
    }
}

fn lang_of(form: &Element) -> Lang {
    if form.get_attribute("data-search").as_deref() == Some("en") {
        Lang::En
    } else {
        Lang::Vi
    }
}

fn form_of(input: &Element) -> Option<Element> {
    input.closest("form[data-search]").ok().flatten()
}

fn input_of(form: &Element) -> Option<HtmlInputElement> {
    form.query_selector("[data-search-input]")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

fn listen() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let on = |kind: &str, f: Box<dyn FnMut(Event)>| {
        let closure = Closure::wrap(f);
        let _ = doc.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
        closure.forget();
    };
    on(
        "focusin",
        Box::new(|ev: Event| {
            if let Some(form) = search_input(&ev).and_then(|i| form_of(&i)) {
                load(lang_of(&form));
            }
        }),
    );
    on(
        "input",
        Box::new(|ev: Event| {
            if let Some(form) = search_input(&ev).and_then(|i| form_of(&i)) {
                show(&form);
            }
        }),
    );
    on("keydown", Box::new(keydown));
    // The header's box on the search page itself changes only the `#q=`.
    if let Some(window) = web_sys::window() {
        let closure = Closure::<dyn FnMut()>::new(|| {
            if let Some(body) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
            {
                from_hash(&body, true);
            }
        });
        let _ =
            window.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
        closure.forget();
    }
    on("submit", Box::new(submit));
    // A click or focus elsewhere closes every popup.
    on(
        "click",
        Box::new(|ev: Event| {
            let inside = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("form[data-search]").ok().flatten());
            close_all(inside.as_ref());
        }),
    );
}

/// The search input an event happened on, if it did.
fn search_input(ev: &Event) -> Option<Element> {
    let el: Element = ev.target()?.dyn_into().ok()?;
    el.has_attribute("data-search-input").then_some(el)
}

/// Fetches the index of a language (pages, then places), then refreshes
/// every box of that language.
fn load(lang: Lang) {
    let idle = INDEX.with(|i| matches!(i.borrow()[slot(lang)], Load::Idle | Load::Failed));
    if !idle {
        return;
    }
    INDEX.with(|i| i.borrow_mut()[slot(lang)] = Load::Loading);
    wasm_bindgen_futures::spawn_local(async move {
        // Both files at once.
        let (pages, places) = (start_get(PAGES_FILE[slot(lang)]), start_get(PLACES_FILE));
        let pages = match pages {
            Some(p) => body(p).await,
            None => None,
        };
        let places = match places {
            Some(p) => body(p).await,
            None => None,
        };
        let state = match (pages, places) {
            (Some(pages), Some(places)) => {
                let mut index = Index::default();
                index.add(&pages, "");
                // In a frame kept to one province, that province's places only.
                let scope = province();
                index.add_places(&places, &places_base(lang), |code| {
                    crate::embed::shows_place(scope.as_deref(), code)
                });
                Load::Ready(index)
            }
            _ => Load::Failed,
        };
        INDEX.with(|i| i.borrow_mut()[slot(lang)] = state);
        refresh_all();
    });
}

fn forms() -> Vec<Element> {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    crate::elements(doc.query_selector_all("form[data-search]"))
}

fn refresh_all() {
    for form in forms() {
        let typed = input_of(&form).is_some_and(|i| !i.value().trim().is_empty());
        if typed {
            show(&form);
        }
    }
}

fn close_all(except: Option<&Element>) {
    for form in forms() {
        if except != Some(&form) && !form.has_attribute("data-search-page") {
            close(&form);
        }
    }
}

fn close(form: &Element) {
    if let Some(list) = list_of(form) {
        let _ = list.set_attribute("hidden", "");
        list.set_inner_html("");
    }
    if let Some(input) = input_of(form) {
        let _ = input.set_attribute("aria-expanded", "false");
        let _ = input.remove_attribute("aria-activedescendant");
    }
}

fn list_of(form: &Element) -> Option<Element> {
    form.query_selector("[role=listbox]").ok().flatten()
}

/// Searches what the box holds and shows the results: in the popup, or on the
/// search page.
pub fn show(form: &Element) {
    let Some(input) = input_of(form) else {
        return;
    };
    let query = input.value();
    let lang = lang_of(form);
    let on_page = form.has_attribute("data-search-page");
    let status = form.query_selector("[data-search-status]").ok().flatten();
    let say = |text: &str| {
        if let Some(s) = &status {
            s.set_text_content(Some(text));
        }
    };
    if query.trim().is_empty() {
        close(form);
        say("");
        if on_page {
            results_area(form, "");
        }
        return;
    }
    let attr = |name: &str| form.get_attribute(name).unwrap_or_default();
    let html = INDEX.with(|i| match &i.borrow()[slot(lang)] {
        Load::Ready(index) => {
            let hits = index.search(&query, if on_page { PAGE } else { POPUP });
            if hits.is_empty() {
                say(&attr("data-none"));
            } else {
                // The count's form: English has one for 1 (`data-count-one`).
                let form = if hits.len() == 1 {
                    "data-count-one"
                } else {
                    "data-count"
                };
                say(&attr(form).replace("{n}", &hits.len().to_string()));
            }
            Some(render(
                index,
                &hits,
                &attr("data-kinds"),
                on_page,
                &input.id(),
            ))
        }
        Load::Failed => {
            say(&attr("data-failed"));
            None
        }
        Load::Idle | Load::Loading => {
            say(&attr("data-loading"));
            None
        }
    });
    if INDEX.with(|i| matches!(i.borrow()[slot(lang)], Load::Idle)) {
        load(lang);
    }
    let html = html.unwrap_or_default();
    if on_page {
        results_area(form, &html);
        return;
    }
    let Some(list) = list_of(form) else {
        return;
    };
    list.set_inner_html(&html);
    let open = !html.is_empty();
    if open {
        let _ = list.remove_attribute("hidden");
    } else {
        let _ = list.set_attribute("hidden", "");
    }
    let _ = input.set_attribute("aria-expanded", if open { "true" } else { "false" });
    let _ = input.remove_attribute("aria-activedescendant");
}

/// The search page's results list (outside the form).
fn results_area(form: &Element, html: &str) {
    if let Some(area) = form
        .owner_document()
        .and_then(|d| d.query_selector("[data-search-results]").ok().flatten())
    {
        area.set_inner_html(html);
    }
}

/// Results grouped by kind, in the order of their best result. In the popup,
/// options of a listbox; on the page, headed lists of links.
fn render(index: &Index, hits: &[Hit], kinds: &str, on_page: bool, id: &str) -> String {
    let names: Vec<&str> = kinds.split('|').collect();
    let mut order: Vec<Kind> = Vec::new();
    for h in hits {
        let k = index.entries[h.entry].kind;
        if !order.contains(&k) {
            order.push(k);
        }
    }
    let mut html = String::new();
    let mut n = 0;
    for (g, kind) in order.into_iter().enumerate() {
        let name = Kind::ALL
            .iter()
            .position(|k| *k == kind)
            .and_then(|i| names.get(i))
            .copied()
            .unwrap_or_default();
        let items: String = hits
            .iter()
            .filter(|h| index.entries[h.entry].kind == kind)
            .map(|h| {
                let e = &index.entries[h.entry];
                let title = marked(&e.title, &h.marks);
                let note = escape(&e.note);
                let href = escape(&e.href);
                n += 1;
                if on_page {
                    format!(
                        "<li><a href=\"{href}\">{title}</a><span class=\"search-note\">{note}</span></li>"
                    )
                } else {
                    format!(
                        "<a id=\"{id}-o{n}\" role=\"option\" class=\"search-option\" href=\"{href}\" tabindex=\"-1\"><span class=\"search-title\">{title}</span><span class=\"search-note\">{note}</span></a>"
                    )
                }
            })
            .collect();
        if on_page {
            html += &format!(
                "<h2>{}</h2><ul class=\"search-results\">{items}</ul>",
                escape(name)
            );
        } else {
            html += &format!(
                "<div role=\"group\" aria-labelledby=\"{id}-g{g}\"><div id=\"{id}-g{g}\" class=\"search-group\" role=\"presentation\">{}</div>{items}</div>",
                escape(name)
            );
        }
    }
    html
}

/// The title with its matched words in `<mark>`.
fn marked(title: &str, marks: &[std::ops::Range<usize>]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for r in marks {
        if r.start < at || r.end > title.len() {
            continue;
        }
        out += &escape(&title[at..r.start]);
        out += "<mark>";
        out += &escape(&title[r.clone()]);
        out += "</mark>";
        at = r.end;
    }
    out += &escape(&title[at..]);
    out
}

use crate::text::escape_html as escape;

fn options(form: &Element) -> Vec<Element> {
    let Some(list) = list_of(form) else {
        return Vec::new();
    };
    crate::elements(list.query_selector_all("[role=option]"))
}

/// Arrow keys move through the options; Enter opens one; Escape closes.
fn keydown(ev: Event) {
    let Some(input) = search_input(&ev) else {
        return;
    };
    let Some(form) = form_of(&input) else {
        return;
    };
    let Some(key) = ev.dyn_ref::<KeyboardEvent>().map(|k| k.key()) else {
        return;
    };
    let options = options(&form);
    let active = input.get_attribute("aria-activedescendant");
    let current = options
        .iter()
        .position(|o| active.as_deref() == Some(o.id().as_str()));
    let next = match key.as_str() {
        "ArrowDown" if !options.is_empty() => Some(current.map_or(0, |c| (c + 1) % options.len())),
        "ArrowUp" if !options.is_empty() => Some(current.map_or(options.len() - 1, |c| {
            (c + options.len() - 1) % options.len()
        })),
        "Escape" => {
            if options.is_empty() {
                if let Ok(i) = input.clone().dyn_into::<HtmlInputElement>() {
                    i.set_value("");
                }
            } else {
                close(&form);
            }
            ev.prevent_default();
            return;
        }
        _ => return,
    };
    ev.prevent_default();
    for (i, o) in options.iter().enumerate() {
        let selected = Some(i) == next;
        let _ = o.set_attribute("aria-selected", if selected { "true" } else { "false" });
        if selected {
            let _ = input.set_attribute("aria-activedescendant", &o.id());
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
            o.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    }
}

/// Enter: the chosen option, or the search page with the query.
fn submit(ev: Event) {
    let Some(form) = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .filter(|f| f.has_attribute("data-search"))
    else {
        return;
    };
    let Some(input) = input_of(&form) else {
        return;
    };
    ev.prevent_default();
    let chosen = input
        .get_attribute("aria-activedescendant")
        .and_then(|id| form.owner_document()?.get_element_by_id(&id))
        .and_then(|o| o.get_attribute("href"));
    let query = input.value();
    let to = match chosen {
        Some(href) => href,
        None if form.has_attribute("data-search-page") => {
            show(&form);
            return;
        }
        // In counter mode the query stays in memory: the browser's history keeps
        // every address, for the next person to see.
        None if counter_mode() => {
            PENDING.with(|p| *p.borrow_mut() = Some(query.trim().to_string()));
            form.get_attribute("action").unwrap_or_default()
        }
        None => format!(
            "{}#q={}",
            form.get_attribute("action").unwrap_or_default(),
            String::from(web_sys::js_sys::encode_uri_component(query.trim()))
        ),
    };
    close(&form);
    navigate(&form, &to);
}

thread_local! {
    /// A query on its way to the search page in counter mode (not in the address).
    static PENDING: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The province a frame keeps its places to (`mode.js` marks it, the app checks it).
fn province() -> Option<String> {
    web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute(crate::embed::PROVINCE_MARK)
}

/// Counter mode (`mode.js` marks `<html data-counter>`).
fn counter_mode() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|h| h.has_attribute("data-counter"))
}

/// The search page: the query from `#q=` (or, in counter mode, from memory), into
/// the page's box.
pub fn from_hash(root: &Element, hash_changed: bool) {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let pending = if hash_changed {
        None
    } else {
        PENDING.with(|p| p.borrow_mut().take())
    };
    let query = pending
        .or_else(|| {
            hash.strip_prefix("#q=")
                .and_then(|q| web_sys::js_sys::decode_uri_component(q).ok())
                .map(String::from)
        })
        .unwrap_or_default();
    let Some(form) = root.query_selector("form[data-search-page]").ok().flatten() else {
        return;
    };
    if let Some(input) = input_of(&form) {
        // A page that opens without `#q=` keeps what the person may already have
        // typed while this module was loading; only a change of the address
        // (back to no query) empties the box.
        if query.is_empty() && !hash_changed {
            if !input.value().trim().is_empty() {
                load(lang_of(&form));
                show(&form);
            }
            return;
        }
        input.set_value(&query);
        if !query.is_empty() {
            load(lang_of(&form));
        }
        show(&form);
    }
}

/// The place finder's path for a language (`/noi-nop`, `/en/noi-nop`), from the
/// boxes of that language.
fn places_base(lang: Lang) -> String {
    forms()
        .into_iter()
        .find(|f| lang_of(f) == lang)
        .and_then(|f| f.get_attribute("data-places"))
        .unwrap_or_default()
}

/// Opens a page of the site as a click on a link would (the app's router takes it).
fn navigate(near: &Element, to: &str) {
    let Some(doc) = near.owner_document() else {
        return;
    };
    let Ok(link) = doc.create_element("a") else {
        return;
    };
    let _ = link.set_attribute("href", to);
    let _ = link.set_attribute("hidden", "");
    let _ = near.append_child(&link);
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    link.remove();
}

/// Starts every listener, then catches up with what happened before this module
/// arrived: a box already focused and typed into, the search page's `#q=`.
pub fn start(doc: &web_sys::Document) {
    listen();
    if let Some(active) = doc.active_element() {
        if let Some(form) = active
            .has_attribute("data-search-input")
            .then(|| form_of(&active))
            .flatten()
        {
            load(lang_of(&form));
            show(&form);
        }
    }
    if let Some(body) = doc.body() {
        from_hash(&body, false);
    }
}

/// A page of the site is in place: the search page takes its `#q=`.
pub fn attach(doc: &web_sys::Document) {
    if let Some(body) = doc.body() {
        from_hash(&body, false);
    }
}

/// The body of a successful GET started earlier, if it succeeded.
async fn body(request: web_sys::js_sys::Promise) -> Option<String> {
    use wasm_bindgen_futures::JsFuture;
    let response: web_sys::Response = JsFuture::from(request).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// Starts a GET now, to run several at once.
fn start_get(url: &str) -> Option<web_sys::js_sys::Promise> {
    Some(web_sys::window()?.fetch_with_str(url))
}

//! A life event's page: one question at a time, "check your answers", the outcome.
//!
//! Every word is build-time HTML ([`super::article::flow`], fetched like any
//! fragment); this module only decides which part is shown. The state is the URL's
//! hash, read by [`State::parse`] (so reload, back and shared links work, and
//! answers never reach a server); in counter mode it is in the page's memory only,
//! never in an address the browser would keep in its history. Answering, or following one of the flow's own
//! links, pushes a history entry that differs only after `#` (the router has
//! nothing to do) and applies the new state to the HTML at once: which part is
//! visible, which radio is selected, where the back link leads, which rows of the
//! summary and which parts of the outcome apply. Back and forward arrive as
//! `popstate`.
//!
//! Nothing here is reactive beyond "the HTML is in place": the hash is read when it
//! changes, and the listeners are plain DOM listeners. That keeps the wasm small.
//! Before hydration ends nothing depends on the hash, so the hydrated page is
//! exactly the prerendered one (the intro); the state is applied right after.

use leptos::prelude::*;

use super::fragment::enhanced;
use crate::flow::Flow;
use crate::route::Route;

/// The page of one flow.
#[component]
pub fn FlowPage(route: Route, flow: &'static Flow) -> impl IntoView {
    enhanced(route, move |_root, _listeners| {
        #[cfg(feature = "hydrate")]
        browser::attach(route, flow, _root, _listeners);
        #[cfg(not(feature = "hydrate"))]
        let _ = flow;
    })
}

#[cfg(feature = "hydrate")]
pub use browser::forget_old_ticks;

/// Everything that touches the browser (the wasm only).
#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;

    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Element, Event, HtmlElement, HtmlInputElement};

    use crate::app::dom::{element, elements, window};
    use crate::app::listener::PageListeners;
    use crate::flow::{Flow, State, View};
    use crate::route::Route;

    thread_local! {
        /// The state shown, as a hash. In counter mode the only copy: never in the
        /// address, which the browser keeps in its history database and offers to
        /// the next person as they type. Otherwise it covers for an address whose
        /// `#` is not a state (the skip link's `#main`).
        static MEMORY: RefCell<String> = const { RefCell::new(String::new()) };
    }

    /// A hash that is a flow state: none (the intro) or answers and a view.
    fn is_state(hash: &str) -> bool {
        hash.trim_start_matches('#').is_empty() || hash.contains('=')
    }

    fn current(flow: &Flow) -> State {
        let hash = window().location().hash().unwrap_or_default();
        if !crate::app::mode::counter() && is_state(&hash) {
            return State::parse(flow, &hash);
        }
        MEMORY.with(|m| State::parse(flow, &m.borrow()))
    }

    /// The state of the address, if it holds one, into memory; in counter mode
    /// (answers in a link or a code scanned) the address then drops them.
    fn adopt_address(flow: &Flow) {
        let location = window().location();
        let hash = location.hash().unwrap_or_default();
        if !is_state(&hash) {
            return;
        }
        let state = State::parse(flow, &hash);
        MEMORY.with(|m| *m.borrow_mut() = state.to_hash(flow));
        if crate::app::mode::counter() && hash.contains('=') {
            let bare = format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            );
            if let Ok(history) = window().history() {
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&bare));
            }
        }
    }

    /// Moves to a state, then shows it: a new history entry whose address differs
    /// only after `#`, without a `popstate` (so the router has nothing to do); in
    /// counter mode, the same address.
    fn go(route: Route, flow: &'static Flow, root: &Element, state: &State) {
        let hash = state.to_hash(flow);
        MEMORY.with(|m| *m.borrow_mut() = hash.clone());
        if !crate::app::mode::counter() {
            let url = if hash.is_empty() {
                window().location().pathname().unwrap_or_default()
            } else {
                format!("#{hash}")
            };
            crate::app::mode::record(&url);
        }
        apply(route, flow, state, root, true);
    }

    /// Shows the state of the hash now, then follows the person's actions until the
    /// page is left (its listeners end with it).
    pub fn attach(route: Route, flow: &'static Flow, root: Element, listeners: PageListeners) {
        adopt_address(flow);
        apply(route, flow, &current(flow), &root, false);
        // Back and forward, and a hash typed into the address bar: this page's
        // own moves only (the address changes before the page does).
        let target = root.clone();
        listeners.listen(&window(), "popstate", move |_: Event| {
            let hash = window().location().hash().unwrap_or_default();
            // `#main` (the skip link) and other plain anchors are not flow states;
            // in counter mode, only answers typed into the address are.
            let counter = crate::app::mode::counter();
            let state = if counter {
                hash.contains('=')
            } else {
                is_state(&hash)
            };
            if crate::app::nav::at(route) && state {
                adopt_address(flow);
                apply(route, flow, &current(flow), &target, true);
            }
        });
        for kind in ["submit", "change", "click"] {
            let target = root.clone();
            listeners.listen(&root, kind, move |ev: Event| act(route, flow, &target, &ev));
        }
    }

    /// A submitted answer, a tick, the share button.
    fn act(route: Route, flow: &'static Flow, root: &Element, ev: &Event) {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        match ev.type_().as_str() {
            "submit" => {
                ev.prevent_default();
                let state = current(flow);
                let View::Question(q) = state.view else {
                    return;
                };
                let chosen = target
                    .query_selector("input[type=radio]:checked")
                    .ok()
                    .flatten()
                    .and_then(|i| i.get_attribute("value"));
                let option =
                    chosen.and_then(|v| flow.question(q).options.iter().position(|o| *o == v));
                match option {
                    Some(o) => go(route, flow, root, &state.answer(flow, o as u16)),
                    None => show_error(&target),
                }
            }
            "change" => {
                if target.matches("input.tick").unwrap_or(false) {
                    save_ticks(flow, root);
                } else if let Some(form) = target.closest("form").ok().flatten() {
                    hide_error(&form);
                }
            }
            "click" => {
                // The flow's own links (start, back, change, result, start again).
                let plain = ev.dyn_ref::<web_sys::MouseEvent>().is_some_and(|m| {
                    m.button() == 0
                        && !(m.ctrl_key() || m.meta_key() || m.shift_key() || m.alt_key())
                });
                let link = target.closest("a[href^='#']").ok().flatten();
                let to =
                    link.and_then(|a| a.get_attribute("data-state").or(a.get_attribute("href")));
                if let (true, Some(href)) = (plain, to) {
                    ev.prevent_default();
                    go(route, flow, root, &State::parse(flow, &href));
                    return;
                }
                let action = target
                    .closest("button[data-action]")
                    .ok()
                    .flatten()
                    .and_then(|b| b.get_attribute("data-action"));
                // Print and the QR code are the document's ([`crate::app::handoff`]).
                if action.as_deref() == Some("share") {
                    share(flow, root);
                }
            }
            _ => {}
        }
    }

    /// Hides or shows an element, touching the DOM only if that changes anything
    /// (each write makes the browser restyle).
    fn set_hidden(element: &HtmlElement, hidden: bool) {
        if element.hidden() != hidden {
            element.set_hidden(hidden);
        }
    }

    /// Where a flow link leads. In counter mode the state goes into `data-state`
    /// and the link's address stays `#`, so opening it in a new tab puts no answer
    /// in an address.
    fn set_href(link: Option<HtmlElement>, flow: &Flow, state: &State) {
        if let Some(link) = link {
            let hash = format!("#{}", state.to_hash(flow));
            if crate::app::mode::counter() {
                let _ = link.set_attribute("href", "#");
                let _ = link.set_attribute("data-state", &hash);
            } else {
                let _ = link.set_attribute("href", &hash);
                let _ = link.remove_attribute("data-state");
            }
        }
    }

    /// Shows the part of the page for `state`, fills in its details, and (after a
    /// step, not on load) moves focus to its heading.
    fn apply(route: Route, flow: &'static Flow, state: &State, root: &Element, moved: bool) {
        crate::app::handoff::reset(&state.to_hash(flow));
        // What a failed share showed belongs to the answers it was for.
        if let Some(status) = element(root, "[data-share-status]") {
            status.set_text_content(None);
        }
        if let Some(link) = element(root, "[data-share-link]") {
            set_hidden(&link, true);
            let _ = link.dyn_ref::<HtmlInputElement>().map(|i| i.set_value(""));
        }
        let tokens = state.view.parts(flow);
        for part in elements(root, "[data-show]") {
            let show = part.get_attribute("data-show").unwrap_or_default();
            set_hidden(
                &part,
                !show.split(' ').any(|s| tokens.iter().any(|t| t == s)),
            );
        }
        if let Some(back) = state.back() {
            set_href(element(root, "a[data-back]"), flow, &back);
        }
        if let Some(progress) = element(root, "[data-progress]") {
            let text = state.progress(flow).map(|(n, max)| {
                progress
                    .get_attribute("data-progress")
                    .unwrap_or_default()
                    .replace("{n}", &n.to_string())
                    .replace("{max}", &max.to_string())
            });
            set_hidden(&progress, text.is_none());
            progress.set_text_content(text.as_deref());
        }
        match state.view {
            View::Question(q) => {
                let question = flow.question(q);
                let chosen = state
                    .answers
                    .get(q)
                    .map(|o| question.options[usize::from(o)]);
                for input in elements(root, &format!("input[name=\"{}\"]", question.id)) {
                    if let Ok(input) = input.dyn_into::<HtmlInputElement>() {
                        let checked = chosen == Some(input.value().as_str());
                        if input.checked() != checked {
                            input.set_checked(checked);
                        }
                    }
                }
                if let Some(form) = element(root, &format!("form[data-q=\"{}\"]", question.id)) {
                    hide_error(&form);
                }
            }
            View::Check | View::Outcome(_) => summary(flow, state, root),
            View::Intro => {}
        }
        // An outcome is two parts, its top and the rest after the actions.
        if let View::Outcome(o) = state.view {
            let id = crate::flow::part::outcome(flow.outcome(o).id);
            for section in elements(root, &format!("[data-show=\"{id}\"]")) {
                outcome(flow, state, &section);
            }
        }
        let heading = tokens
            .last()
            .and_then(|t| element(root, &format!("[data-show~=\"{t}\"] h1")));
        let doc = window().document().expect("a document");
        // In counter mode the title stays the flow's: browsers keep a page's
        // latest title in their history, and an outcome's names the answers.
        let counter = crate::app::mode::counter();
        match (&heading, state.view) {
            (Some(h), View::Question(_) | View::Check | View::Outcome(_)) if !counter => doc
                .set_title(&format!(
                    "{} – {}",
                    h.text_content().unwrap_or_default().trim(),
                    route.title()
                )),
            _ => doc.set_title(&route.title()),
        }
        if moved {
            crate::app::mode::to_top();
            if let Some(h) = heading {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = h.focus_with_options(&options);
            }
        }
    }

    /// The parts of an outcome that apply to these answers.
    fn outcome(flow: &Flow, state: &State, section: &Element) {
        // A form's link carries the answers on the path after `#` (never to a
        // server), for the form to fill in what they settle; in counter mode no
        // answer goes into an address, so the link stays the form's.
        let walked = flow.walk(&state.answers).path;
        let answers: Vec<(&str, &str)> = walked
            .0
            .iter()
            .map(|&(q, o)| {
                let question = flow.question(q);
                (question.id, question.options[usize::from(o)])
            })
            .collect();
        let hash = crate::form::from_flow_hash(flow.slug, &answers);
        for link in elements(section, "a[data-form-link]") {
            let base = link.get_attribute("data-form-link").unwrap_or_default();
            let href = if crate::app::mode::counter() {
                base
            } else {
                format!("{base}#{hash}")
            };
            if link.get_attribute("href").as_deref() != Some(href.as_str()) {
                let _ = link.set_attribute("href", &href);
            }
        }
        for part in elements(section, "[data-when]") {
            let holds = part
                .get_attribute("data-when")
                .and_then(|c| c.parse::<u16>().ok())
                .filter(|&c| usize::from(c) < flow.conds.len())
                .is_some_and(|c| flow.holds(c, &state.answers));
            set_hidden(&part, !holds);
        }
        // The "only if" line, when the answers leave none of its documents.
        for maybe in elements(section, ".checklist-maybe") {
            let empty = elements(&maybe, ".maybe-list > li")
                .iter()
                .all(|li| li.hidden() || li.closest("div[hidden]").ok().flatten().is_some());
            set_hidden(&maybe, empty);
        }
        // On paper a document is listed once, even if two steps ask for it.
        let mut seen = Vec::new();
        for item in elements(section, ".check-item") {
            let doc = element(&item, "input[data-doc]").and_then(|i| i.get_attribute("data-doc"));
            let shown = !item.hidden() && item.closest("[hidden]").ok().flatten().is_none();
            let repeat = shown && doc.as_ref().is_some_and(|d| seen.contains(d));
            let _ = item.class_list().toggle_with_force("repeat", repeat);
            if shown {
                seen.extend(doc);
            }
        }
        // A caution box whose notes all depend on other answers stays hidden.
        for callout in elements(section, ".callout") {
            let empty = elements(&callout, ".note").iter().all(|n| n.hidden());
            set_hidden(&callout, empty);
        }
        restore_ticks(flow, section);
    }

    /// The summary of answers: a row per answered question, with its change link.
    fn summary(flow: &Flow, state: &State, root: &Element) {
        for row in elements(root, "[data-row]") {
            let id = row.get_attribute("data-row").unwrap_or_default();
            let Some(q) = flow.question_index(&id) else {
                continue;
            };
            let answer = state
                .answers
                .get(q)
                .map(|o| flow.question(q).options[usize::from(o)]);
            set_hidden(&row, answer.is_none());
            for span in elements(&row, "[data-opt]") {
                set_hidden(&span, span.get_attribute("data-opt").as_deref() != answer);
            }
            set_href(element(&row, "a[data-change]"), flow, &state.change(q));
        }
        set_href(
            element(root, "a[data-go=outcome]"),
            flow,
            &state.to_outcome(flow),
        );
    }

    fn show_error(form: &Element) {
        let _ = form.class_list().add_1("has-error");
        if let Some(message) = element(form, ".error-message") {
            set_hidden(&message, false);
            let prefix = message.get_attribute("data-prefix").unwrap_or_default();
            let doc = window().document().expect("a document");
            let title = doc.title();
            if !title.starts_with(&prefix) {
                doc.set_title(&format!("{prefix}{title}"));
            }
        }
        if let Some(first) = element(form, "input[type=radio]") {
            let _ = first.focus();
        }
    }

    fn hide_error(form: &Element) {
        if form.class_list().contains("has-error") {
            let _ = form.class_list().remove_1("has-error");
        }
        if let Some(message) = element(form, ".error-message") {
            set_hidden(&message, true);
        }
    }

    thread_local! {
        /// Ticks, when the browser gives no storage (private mode, embedded).
        static TICKS: RefCell<Vec<(String, String)>> = const { RefCell::new(Vec::new()) };
    }

    /// How long ticks are kept on the device after the last change (the privacy
    /// text says 30 days).
    const TICKS_KEPT_MS: u64 = 30 * 24 * 3600 * 1000;
    const TICKS_PREFIX: &str = "thu-tuc-xa:ticks:";

    /// Ticks are kept per flow, never under the answers: the documents ticked as
    /// ready (`data-doc`), so a document stays ticked when an answer changes and
    /// in every outcome that lists it.
    fn ticks_key(flow: &Flow) -> String {
        format!("{TICKS_PREFIX}{}", flow.slug)
    }

    /// Ticks kept too long, and those an earlier version kept under the answers
    /// (`…#answers`), removed; run when a page starts, and before each use.
    pub fn forget_old_ticks() {
        let Some(storage) = window().local_storage().ok().flatten() else {
            return;
        };
        let now = now_ms();
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(TICKS_PREFIX))
            .collect();
        for key in keys {
            let saved = storage.get_item(&key).ok().flatten().unwrap_or_default();
            let at = saved.split(' ').next().and_then(|t| t.parse::<u64>().ok());
            if key.contains('#') || at.is_none_or(|at| now.saturating_sub(at) > TICKS_KEPT_MS) {
                let _ = storage.remove_item(&key);
            }
        }
    }

    /// The time in whole milliseconds: an integer, so that writing and reading it
    /// needs none of the standard library's float formatting in the wasm.
    fn now_ms() -> u64 {
        web_sys::js_sys::Date::now() as u64
    }

    /// The browser's storage, except in counter mode, where nothing is kept
    /// between people.
    fn storage() -> Option<web_sys::Storage> {
        if crate::app::mode::counter() {
            return None;
        }
        forget_old_ticks();
        window().local_storage().ok().flatten()
    }

    /// The documents ticked: when, then their ids.
    fn load_ticks(flow: &Flow) -> Vec<String> {
        let key = ticks_key(flow);
        let value = storage()
            .and_then(|s| s.get_item(&key).ok().flatten())
            .or_else(|| {
                TICKS.with(|t| {
                    t.borrow()
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(_, v)| v.clone())
                })
            })
            .unwrap_or_default();
        value
            .split(' ')
            .skip(1)
            .filter(|d| !d.is_empty())
            .map(String::from)
            .collect()
    }

    fn save_ticks(flow: &Flow, root: &Element) {
        let boxes: Vec<HtmlInputElement> = elements(root, "[data-show]:not([hidden]) input.tick")
            .into_iter()
            .filter_map(|e| e.dyn_into::<HtmlInputElement>().ok())
            .collect();
        let doc = |i: &HtmlInputElement| i.get_attribute("data-doc").unwrap_or_default();
        // What other outcomes' documents were ticked stays; these are as shown.
        let mut ticked: Vec<String> = load_ticks(flow)
            .into_iter()
            .filter(|d| !boxes.iter().any(|i| doc(i) == *d))
            .collect();
        for input in boxes.iter().filter(|i| i.checked()) {
            let d = doc(input);
            if !d.is_empty() && !ticked.contains(&d) {
                ticked.push(d);
            }
        }
        let key = ticks_key(flow);
        let value = format!("{} {}", now_ms(), ticked.join(" "));
        let stored = storage().is_some_and(|s| {
            if ticked.is_empty() {
                s.remove_item(&key).is_ok()
            } else {
                s.set_item(&key, &value).is_ok()
            }
        });
        if !stored {
            TICKS.with(|t| {
                let mut t = t.borrow_mut();
                t.retain(|(k, _)| *k != key);
                t.push((key, value));
            });
        }
    }

    fn restore_ticks(flow: &Flow, section: &Element) {
        let ticked = load_ticks(flow);
        for input in elements(section, "input.tick") {
            if let Ok(input) = input.dyn_into::<HtmlInputElement>() {
                let doc = input.get_attribute("data-doc").unwrap_or_default();
                input.set_checked(ticked.contains(&doc));
            }
        }
    }

    /// Shares the page's address with its answers but without this device's modes:
    /// the phone's share sheet, or else the clipboard. It says "copied" only when
    /// the copy happened; otherwise (a frame whose host did not delegate the
    /// clipboard, an old browser) it shows the link, selected, to copy by hand.
    fn share(flow: &Flow, root: &Element) {
        let location = window().location();
        let hash = current(flow).to_hash(flow);
        let url = format!(
            "{}{}{}{hash}",
            location.origin().unwrap_or_default(),
            location.pathname().unwrap_or_default(),
            if hash.is_empty() { "" } else { "#" }
        );
        let title = window().document().map(|d| d.title()).unwrap_or_default();
        let root = root.clone();
        leptos::task::spawn_local(async move {
            let navigator = window().navigator();
            if has(navigator.as_ref(), "share") {
                let data = web_sys::ShareData::new();
                data.set_url(&url);
                data.set_title(&title);
                match JsFuture::from(navigator.share_with_data(&data)).await {
                    Ok(_) => return,
                    // The person closed the share sheet: nothing more to do.
                    Err(e) if error_name(&e) == "AbortError" => return,
                    // Not allowed here (a frame): the clipboard, then by hand.
                    Err(_) => {}
                }
            }
            let copied =
                match web_sys::js_sys::Reflect::get(navigator.as_ref(), &"clipboard".into()) {
                    Ok(c) if !c.is_undefined() => {
                        let clipboard: web_sys::Clipboard = c.unchecked_into();
                        JsFuture::from(clipboard.write_text(&url)).await.is_ok()
                    }
                    _ => false,
                };
            let status = element(&root, "[data-share-status]");
            let link = element(&root, "[data-share-link]");
            let said = if copied { "data-copied" } else { "data-failed" };
            if let Some(status) = &status {
                status.set_text_content(status.get_attribute(said).as_deref());
            }
            if let Some(link) = link.and_then(|l| l.dyn_into::<HtmlInputElement>().ok()) {
                link.set_value(&url);
                link.set_hidden(copied);
                if !copied {
                    let _ = link.focus();
                    link.select();
                }
            }
        });
    }

    fn has(object: &wasm_bindgen::JsValue, name: &str) -> bool {
        web_sys::js_sys::Reflect::has(object, &name.into()).unwrap_or(false)
    }

    /// The `name` of a rejected promise's DOMException (`AbortError`…).
    fn error_name(error: &wasm_bindgen::JsValue) -> String {
        web_sys::js_sys::Reflect::get(error, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_default()
    }
}

//! A life event's page: one question at a time, "check your answers", the outcome.
//!
//! The words are build-time HTML ([`super::article::flow`], fetched like any
//! fragment); this component only decides which view is shown. The state is the
//! URL's hash, read by [`State::parse`] (so reload, back and shared links work, and
//! answers never reach a server). Answering sets a new hash; a `hashchange` then
//! re-applies the state to the HTML: which part is visible, which radio is
//! selected, which rows of the summary and which parts of the outcome apply.
//!
//! Before hydration ends nothing depends on the hash, so the hydrated page is
//! exactly the prerendered one (the intro); the state is applied right after.

use leptos::prelude::*;

use super::fragment::{content, FragmentView};
use crate::data;
use crate::flow::{Flow, State};
use crate::route::Route;

/// The page of one flow.
#[component]
pub fn FlowPage(route: Route, flow: &'static Flow) -> impl IntoView {
    let t = data::strings(route.lang);
    let page = content(route);
    let node = NodeRef::<leptos::html::Div>::new();
    // `None` until the page is live: the server knows no hash.
    let hash = RwSignal::new(None::<String>);
    let state = Memo::new(move |_| hash.get().map(|h| State::parse(flow, &h)));
    #[cfg(feature = "hydrate")]
    browser::connect(route, flow, page, node, hash, state);
    let back = move || {
        let back = state.get()?.back()?;
        Some(view! {
            <a class="back-link" href=format!("#{}", back.to_hash(flow)) target="_self">
                {t.flow_back}
            </a>
        })
    };
    let progress = move || {
        let (n, max) = state.get()?.progress(flow)?;
        let text = data::fill(
            data::fill(t.flow_progress, "n", &n.to_string()).as_str(),
            "max",
            &max.to_string(),
        );
        Some(view! { <p class="progress">{text}</p> })
    };
    view! {
        <div class="flow-nav">{back} {progress}</div>
        <FragmentView route state=page node_ref=node/>
    }
}

/// Everything that touches the browser (the wasm only).
#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;
    use std::collections::HashMap;

    use leptos::prelude::*;
    use leptos::{ev, html};
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, HtmlInputElement};

    use super::super::fragment::Content;
    use crate::data;
    use crate::flow::{Flow, State, View};
    use crate::route::Route;

    fn window() -> web_sys::Window {
        web_sys::window().expect("a browser window")
    }

    fn location_hash() -> String {
        window().location().hash().unwrap_or_default()
    }

    fn set_hash(hash: &str) {
        let _ = window().location().set_hash(hash);
    }

    /// Wires the page to the URL's hash and to the person's actions.
    pub fn connect(
        route: Route,
        flow: &'static Flow,
        page: RwSignal<Content>,
        node: NodeRef<html::Div>,
        hash: RwSignal<Option<String>>,
        state: Memo<Option<State>>,
    ) {
        // After hydration: read the hash, and follow it.
        Effect::new(move |_| hash.set(Some(location_hash())));
        let listener = window_event_listener(ev::hashchange, move |_| {
            let h = location_hash();
            // `#main` (the skip link) and other plain anchors are not flow states.
            if h.is_empty() || h.contains('=') {
                hash.set(Some(h));
            }
        });
        on_cleanup(move || listener.remove());

        // Show the state: whenever it changes, and once the HTML is in place.
        Effect::new(move |shown: Option<Option<State>>| {
            let ready = matches!(page.get(), Content::Ready(_));
            let current = state.get();
            if let (true, Some(s), Some(root)) = (ready, &current, node.get()) {
                let moved = matches!(&shown, Some(Some(prev)) if prev != s);
                apply(route, flow, s, &root, moved);
                return current;
            }
            shown.flatten()
        });

        // The person's actions, delegated from the fragment's root.
        let submit = move |ev: ev::SubmitEvent| {
            ev.prevent_default();
            let (Some(s), Some(form)) = (
                state.get_untracked(),
                ev.target().and_then(|t| t.dyn_into::<Element>().ok()),
            ) else {
                return;
            };
            let chosen = form
                .query_selector("input[type=radio]:checked")
                .ok()
                .flatten()
                .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
                .map(|i| i.value());
            let View::Question(q) = s.view else { return };
            match chosen.and_then(|v| flow.question(q).options.iter().position(|o| *o == v)) {
                Some(o) => set_hash(&s.answer(flow, o as u16).to_hash(flow)),
                None => show_error(route, &form),
            }
        };
        let change = move |ev: ev::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            if input.type_() == "checkbox" {
                if let Some(s) = state.get_untracked() {
                    if let Some(root) = node.get_untracked() {
                        save_ticks(flow, &s, &root);
                    }
                }
            } else if let Some(form) = input.closest("form").ok().flatten() {
                hide_error(&form);
            }
        };
        let click = move |ev: ev::MouseEvent| {
            let Some(button) = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("button[data-action]").ok().flatten())
            else {
                return;
            };
            match button.get_attribute("data-action").as_deref() {
                Some("print") => {
                    let _ = window().print();
                }
                Some("share") => share(route, node),
                _ => {}
            }
        };
        Effect::new(move |_| {
            if let Some(root) = node.get() {
                let listeners = (
                    root.on(ev::submit, submit),
                    root.on(ev::change, change),
                    root.on(ev::click, click),
                );
                // The listeners live as long as the element.
                std::mem::forget(listeners);
            }
        });
    }

    fn elements(root: &Element, selector: &str) -> Vec<HtmlElement> {
        let Ok(list) = root.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
            .collect()
    }

    fn element(root: &Element, selector: &str) -> Option<HtmlElement> {
        root.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    }

    /// Shows the part of the page for `state`, fills in its details, and (after a
    /// step, not on load) moves focus to its heading.
    fn apply(route: Route, flow: &'static Flow, state: &State, root: &Element, moved: bool) {
        let tokens: Vec<String> = match state.view {
            View::Intro => vec!["intro".into()],
            View::Question(q) => vec![format!("q:{}", flow.question(q).id)],
            View::Check => vec!["check".into()],
            View::Outcome(o) => vec!["outcome".into(), format!("o:{}", flow.outcome(o).id)],
        };
        for part in elements(root, "[data-show]") {
            let show = part.get_attribute("data-show").unwrap_or_default();
            part.set_hidden(!show.split(' ').any(|s| tokens.iter().any(|t| t == s)));
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
                        input.set_checked(chosen == Some(input.value().as_str()));
                    }
                }
                if let Some(form) = element(root, &format!("form[data-q=\"{}\"]", question.id)) {
                    hide_error(&form);
                }
            }
            View::Check | View::Outcome(_) => summary(flow, state, root),
            View::Intro => {}
        }
        if let View::Outcome(o) = state.view {
            let section = element(root, &format!("[data-show=\"o:{}\"]", flow.outcome(o).id));
            if let Some(section) = section {
                for part in elements(&section, "[data-when]") {
                    let holds = part
                        .get_attribute("data-when")
                        .and_then(|c| c.parse::<u16>().ok())
                        .filter(|&c| usize::from(c) < flow.conds.len())
                        .is_some_and(|c| flow.holds(c, &state.answers));
                    part.set_hidden(!holds);
                }
                // A caution box whose notes all depend on other answers stays hidden.
                for callout in elements(&section, ".callout") {
                    let empty = elements(&callout, ".note").iter().all(|n| n.hidden());
                    callout.set_hidden(empty);
                }
                restore_ticks(flow, state, &section);
            }
        }
        let heading = tokens
            .last()
            .and_then(|t| element(root, &format!("[data-show~=\"{t}\"] h1")));
        let doc = window().document().expect("a document");
        let t = data::strings(route.lang);
        match (&heading, state.view) {
            (Some(h), View::Question(_) | View::Check | View::Outcome(_)) => {
                doc.set_title(&format!(
                    "{} – {} – {}",
                    h.text_content().unwrap_or_default().trim(),
                    flow.name.get(route.lang),
                    t.site_name
                ))
            }
            _ => doc.set_title(&route.title()),
        }
        if moved {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(h) = heading {
                let _ = h.focus();
            }
        }
    }

    /// The summary of answers: a row per answered question, with its change link.
    fn summary(flow: &'static Flow, state: &State, root: &Element) {
        for row in elements(root, "[data-row]") {
            let id = row.get_attribute("data-row").unwrap_or_default();
            let Some(q) = flow.question_index(&id) else {
                continue;
            };
            let answer = state
                .answers
                .get(q)
                .map(|o| flow.question(q).options[usize::from(o)]);
            row.set_hidden(answer.is_none());
            for span in elements(&row, "[data-opt]") {
                span.set_hidden(span.get_attribute("data-opt").as_deref() != answer);
            }
            if let Some(link) = element(&row, "a[data-change]") {
                let _ = link.set_attribute("href", &format!("#{}", state.change(q).to_hash(flow)));
            }
        }
        if let Some(link) = element(root, "a[data-go=outcome]") {
            let _ = link.set_attribute(
                "href",
                &format!("#{}", state.to_outcome(flow).to_hash(flow)),
            );
        }
    }

    fn show_error(route: Route, form: &Element) {
        let _ = form.class_list().add_1("has-error");
        if let Some(message) = element(form, ".error-message") {
            message.set_hidden(false);
        }
        let doc = window().document().expect("a document");
        let t = data::strings(route.lang);
        let title = doc.title();
        if !title.starts_with(t.flow_error_prefix) {
            doc.set_title(&format!("{}{title}", t.flow_error_prefix));
        }
        if let Some(first) = element(form, "input[type=radio]") {
            let _ = first.focus();
        }
    }

    fn hide_error(form: &Element) {
        let _ = form.class_list().remove_1("has-error");
        if let Some(message) = element(form, ".error-message") {
            message.set_hidden(true);
        }
    }

    thread_local! {
        /// Ticks, when the browser gives no storage (private mode, embedded).
        static TICKS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    }

    /// Ticks are kept per flow and set of answers.
    fn ticks_key(flow: &Flow, state: &State) -> String {
        let answers = State {
            answers: state.answers.clone(),
            view: View::Intro,
        };
        format!("thu-tuc-xa:ticks:{}#{}", flow.slug, answers.to_hash(flow))
    }

    fn storage() -> Option<web_sys::Storage> {
        window().local_storage().ok().flatten()
    }

    fn save_ticks(flow: &Flow, state: &State, root: &Element) {
        let ticked: Vec<String> = elements(root, "[data-show]:not([hidden]) input.tick")
            .into_iter()
            .filter_map(|e| e.dyn_into::<HtmlInputElement>().ok())
            .filter(|i| i.checked())
            .map(|i| i.id())
            .collect();
        let key = ticks_key(flow, state);
        let value = ticked.join(" ");
        let stored = storage().is_some_and(|s| s.set_item(&key, &value).is_ok());
        if !stored {
            TICKS.with(|t| t.borrow_mut().insert(key, value));
        }
    }

    fn restore_ticks(flow: &Flow, state: &State, section: &Element) {
        let key = ticks_key(flow, state);
        let value = storage()
            .and_then(|s| s.get_item(&key).ok().flatten())
            .or_else(|| TICKS.with(|t| t.borrow().get(&key).cloned()))
            .unwrap_or_default();
        let ticked: Vec<&str> = value.split(' ').collect();
        for input in elements(section, "input.tick") {
            if let Ok(input) = input.dyn_into::<HtmlInputElement>() {
                input.set_checked(ticked.contains(&input.id().as_str()));
            }
        }
    }

    /// Shares the page's address (the phone's share sheet), or copies it.
    fn share(route: Route, node: NodeRef<html::Div>) {
        let t = data::strings(route.lang);
        let url = window().location().href().unwrap_or_default();
        let navigator = window().navigator();
        let status = move |text: &str| {
            if let Some(s) = node
                .get_untracked()
                .and_then(|root| element(&root, "[data-share-status]"))
            {
                s.set_text_content(Some(text));
            }
        };
        let can_share = js_has(&navigator, "share");
        if can_share {
            let data = web_sys::ShareData::new();
            data.set_url(&url);
            data.set_title(&window().document().map(|d| d.title()).unwrap_or_default());
            let _ = navigator.share_with_data(&data);
        } else {
            let _ = navigator.clipboard().write_text(&url);
            status(t.flow_copied);
        }
    }

    fn js_has(object: &web_sys::Navigator, name: &str) -> bool {
        js_sys_has(object.as_ref(), name)
    }

    fn js_sys_has(object: &wasm_bindgen::JsValue, name: &str) -> bool {
        web_sys::js_sys::Reflect::has(object, &wasm_bindgen::JsValue::from_str(name))
            .unwrap_or(false)
    }
}

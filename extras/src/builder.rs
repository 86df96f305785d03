//! The "embed in your site" page's snippet builder. Each change of the form remakes
//! both snippets with [`crate::embed`] and, once the choice settles (`change`, not
//! every step of a colour picker), replaces the preview with a fresh
//! `<script src="/embed.js">`, so the preview is the very script a portal will run,
//! talking to a real frame. Plain DOM listeners.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement};

use crate::embed::{iframe_snippet, readable_on_white, script_snippet, Choice, DEFAULT_ACCENT};
use crate::model::Lang;

fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

fn value(root: &Element, selector: &str) -> String {
    let Some(el) = find(root, selector) else {
        return String::new();
    };
    if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
        return select.value();
    }
    el.dyn_ref::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

/// The form's choice, as owned strings.
struct Form {
    province: String,
    lang: Lang,
    start: String,
    accent: String,
}

impl Form {
    fn read(root: &Element) -> Form {
        Form {
            province: value(root, "#embed-province"),
            lang: if value(root, "input[name=lang]:checked") == "en" {
                Lang::En
            } else {
                Lang::Vi
            },
            start: value(root, "#embed-start"),
            accent: value(root, "#embed-accent"),
        }
    }

    fn choice(&self) -> Choice<'_> {
        Choice {
            province: Some(self.province.as_str()).filter(|p| !p.is_empty()),
            lang: self.lang,
            start: &self.start,
            accent: Some(self.accent.as_str())
                .filter(|a| readable_on_white(a) && !a.eq_ignore_ascii_case(DEFAULT_ACCENT)),
        }
    }
}

fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Remakes the snippets (and the preview, if `preview`).
fn update(root: &Element, preview: bool) {
    let form = Form::read(root);
    let choice = form.choice();
    let origin = origin();
    if let Some(code) = find(root, "[data-embed-script]") {
        code.set_text_content(Some(&script_snippet(&origin, &choice)));
    }
    if let Some(code) = find(root, "[data-embed-iframe]") {
        let title = code.get_attribute("data-title").unwrap_or_default();
        code.set_text_content(Some(&iframe_snippet(&origin, &choice, &title)));
    }
    if let Some(warning) = find(root, "[data-embed-too-light]") {
        let light = !form.accent.is_empty() && !readable_on_white(&form.accent);
        if light {
            let _ = warning.remove_attribute("hidden");
        } else {
            let _ = warning.set_attribute("hidden", "");
        }
    }
    if preview {
        show_preview(root, &choice);
    }
}

/// A fresh `embed.js` in the preview box, with the snippet's attributes.
fn show_preview(root: &Element, choice: &Choice) {
    let (Some(target), Some(doc)) = (
        find(root, "[data-embed-preview]"),
        web_sys::window().and_then(|w| w.document()),
    ) else {
        return;
    };
    target.set_inner_html("");
    let Ok(script) = doc.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("src", "/embed.js");
    let _ = script.set_attribute("data-lang", choice.lang.tag());
    let _ = script.set_attribute("data-start", choice.start);
    if let Some(p) = choice.province {
        let _ = script.set_attribute("data-province", p);
    }
    if let Some(a) = choice.accent {
        let _ = script.set_attribute("data-accent", a);
    }
    let _ = target.append_child(&script);
}

/// Copies a snippet, and says so: "copied" only once it was, and otherwise how to
/// copy it by hand (the snippet is on screen).
fn copy(button: &Element) {
    let which = button.get_attribute("data-copy").unwrap_or_default();
    let Some(root) = button.closest("[data-embed-builder]").ok().flatten() else {
        return;
    };
    let text = find(&root, &format!("[data-embed-{which}]"))
        .and_then(|c| c.text_content())
        .unwrap_or_default();
    let status = button
        .parent_element()
        .and_then(|p| p.query_selector("[data-copied]").ok().flatten());
    wasm_bindgen_futures::spawn_local(async move {
        let clipboard = web_sys::window()
            .map(|w| w.navigator())
            .and_then(|n| web_sys::js_sys::Reflect::get(n.as_ref(), &"clipboard".into()).ok())
            .filter(|c| !c.is_undefined());
        let copied = match clipboard {
            Some(c) => {
                let c: web_sys::Clipboard = c.unchecked_into();
                wasm_bindgen_futures::JsFuture::from(c.write_text(&text))
                    .await
                    .is_ok()
            }
            None => false,
        };
        if let Some(status) = status {
            let said = if copied { "data-copied" } else { "data-failed" };
            status.set_text_content(status.get_attribute(said).as_deref());
        }
    });
}

/// Starts the builder of the page in place, if it has one.
pub fn attach(doc: &web_sys::Document) {
    let Some(builder) = doc.query_selector("[data-embed-builder]").ok().flatten() else {
        return;
    };
    if builder.has_attribute("data-attached") {
        return;
    }
    let _ = builder.set_attribute("data-attached", "");
    update(&builder, true);
    let target = builder.clone();
    let on_event = Closure::<dyn FnMut(Event)>::new(move |ev: Event| match ev.type_().as_str() {
        "input" => update(&target, false),
        "change" => update(&target, true),
        "submit" => ev.prevent_default(),
        "click" => {
            let button = ev
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("button[data-copy]").ok().flatten());
            if let Some(button) = button {
                copy(&button);
            }
        }
        _ => {}
    });
    for kind in ["input", "change", "submit", "click"] {
        let _ = builder.add_event_listener_with_callback(kind, on_event.as_ref().unchecked_ref());
    }
    on_event.forget();
}

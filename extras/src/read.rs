//! "Đọc to" (`button[data-action=read]`, `src/app/handoff.rs`'s `ReadAloud`):
//! reads the visible text of the elements its `data-read` selects, block by
//! block, with the browser's own speech synthesis and a voice of the page's
//! language, marking the block being read (`.reading`). Where the device has no
//! voice for that language it says so and reads nothing: Vietnamese read by an
//! English voice is noise. It never starts by itself, and stops when pressed
//! again, when a link is followed, or on going back or forward.

use std::cell::RefCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, SpeechSynthesis, SpeechSynthesisUtterance};

/// What is being read: the button pressed, and each block with its utterance.
struct Reading {
    button: Element,
    blocks: Vec<Element>,
}

thread_local! {
    static READING: RefCell<Option<Reading>> = const { RefCell::new(None) };
}

/// The blocks a person hears, in the order of the page.
const BLOCKS: &str = "h1, h2, h3, h4, p, li, dt, dd, legend, label, th, td";

fn synthesis() -> Option<SpeechSynthesis> {
    web_sys::window()?.speech_synthesis().ok()
}

fn page_lang(doc: &Document) -> String {
    doc.document_element()
        .and_then(|h| h.get_attribute("lang"))
        .unwrap_or_else(|| "vi".into())
}

/// A voice whose language is the page's (`vi`, `vi-VN`…), if the device has one.
fn voice_for(synth: &SpeechSynthesis, lang: &str) -> Option<web_sys::SpeechSynthesisVoice> {
    let voices = synth.get_voices();
    (0..voices.length())
        // The list holds voices and nothing else (no `instanceof` check needed).
        .map(|i| {
            voices
                .get(i)
                .unchecked_into::<web_sys::SpeechSynthesisVoice>()
        })
        .find(|v| {
            let l = v.lang().to_ascii_lowercase().replace('_', "-");
            l == lang || l.starts_with(&format!("{lang}-"))
        })
}

/// Whether a person sees `el` (not hidden, not in a skipped part).
fn shown(el: &Element) -> bool {
    let visible = el
        .dyn_ref::<HtmlElement>()
        .is_some_and(|h| h.offset_parent().is_some() || h.get_client_rects().length() > 0);
    visible
        && el
            .closest("[hidden], .visually-hidden, .form-sheet, .form-template, [data-read-skip], button, .js-only[hidden]")
            .ok()
            .flatten()
            .is_none()
}

/// The blocks to read: the outermost text blocks of the targets, shown.
fn blocks(doc: &Document, selector: &str) -> Vec<Element> {
    let mut out: Vec<Element> = Vec::new();
    for target in crate::elements(doc.query_selector_all(selector)) {
        for el in crate::elements(target.query_selector_all(BLOCKS)) {
            // A list item's own paragraphs are read with it.
            if out.iter().any(|o| o.contains(Some(&el))) || !shown(&el) {
                continue;
            }
            let text = el.text_content().unwrap_or_default();
            if text.split_whitespace().next().is_some() {
                out.push(el);
            }
        }
    }
    out
}

fn status(button: &Element, text: Option<&str>) {
    if let Some(s) = button
        .parent_element()
        .and_then(|p| p.query_selector("[data-read-status]").ok().flatten())
    {
        s.set_text_content(text);
    }
}

fn label(button: &Element, reading: bool) {
    let key = if reading {
        "data-label-stop"
    } else {
        "data-label"
    };
    if let Some(text) = button.get_attribute(key) {
        button.set_text_content(Some(&text));
    }
    let _ = button.set_attribute("aria-pressed", &reading.to_string());
}

/// Stops reading, if anything is being read.
pub fn stop() {
    let was = READING.with(|r| r.borrow_mut().take());
    if let Some(reading) = was {
        if let Some(s) = synthesis() {
            s.cancel();
        }
        for b in &reading.blocks {
            let _ = b.class_list().remove_1("reading");
        }
        label(&reading.button, false);
    }
}

/// The button pressed: stops, or starts reading.
pub fn toggle(button: &Element) {
    let same = READING.with(|r| r.borrow().as_ref().is_some_and(|r| &r.button == button));
    stop();
    if same {
        return;
    }
    let Some(synth) = synthesis() else {
        status(button, button.get_attribute("data-unsupported").as_deref());
        return;
    };
    // The voices may arrive a moment after the page: wait for them, once
    // (whichever comes first, the voices or a second and a half).
    if synth.get_voices().length() == 0 {
        let button = button.clone();
        let done = std::rc::Rc::new(std::cell::Cell::new(false));
        let waited = Closure::<dyn FnMut()>::new(move || {
            if !done.replace(true) {
                start(&button);
            }
        });
        synth.set_onvoiceschanged(Some(waited.as_ref().unchecked_ref()));
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                waited.as_ref().unchecked_ref(),
                1_500,
            );
        }
        waited.forget();
        return;
    }
    start(button);
}

fn start(button: &Element) {
    let (Some(synth), Some(doc)) = (synthesis(), web_sys::window().and_then(|w| w.document()))
    else {
        return;
    };
    synth.set_onvoiceschanged(None);
    // Pressed again while waiting, or the page has changed.
    if !button.is_connected() || READING.with(|r| r.borrow().is_some()) {
        return;
    }
    let lang = page_lang(&doc);
    let Some(voice) = voice_for(&synth, &lang) else {
        status(button, button.get_attribute("data-no-voice").as_deref());
        return;
    };
    let selector = button.get_attribute("data-read").unwrap_or_default();
    let blocks = blocks(&doc, &selector);
    if blocks.is_empty() {
        return;
    }
    status(button, None);
    label(button, true);
    let last = blocks.len() - 1;
    for (i, block) in blocks.iter().enumerate() {
        let text = block.text_content().unwrap_or_default();
        let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(text.trim()) else {
            continue;
        };
        utterance.set_voice(Some(&voice));
        utterance.set_lang(&voice.lang());
        let on = block.clone();
        let on_start = Closure::<dyn FnMut()>::new(move || {
            let _ = on.class_list().add_1("reading");
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            on.scroll_into_view_with_scroll_into_view_options(&options);
        });
        utterance.set_onstart(Some(on_start.as_ref().unchecked_ref()));
        on_start.forget();
        let off = block.clone();
        let on_end = Closure::<dyn FnMut()>::new(move || {
            let _ = off.class_list().remove_1("reading");
            if i == last {
                stop();
            }
        });
        utterance.set_onend(Some(on_end.as_ref().unchecked_ref()));
        on_end.forget();
        synth.speak(&utterance);
    }
    READING.with(|r| {
        *r.borrow_mut() = Some(Reading {
            button: button.clone(),
            blocks,
        })
    });
}

/// Stops on following a link, and on going back or forward.
pub fn listen(doc: &Document) {
    let on_click = Closure::<dyn FnMut(web_sys::Event)>::new(|ev: web_sys::Event| {
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten());
        if link.is_some() {
            stop();
        }
    });
    let _ = doc.add_event_listener_with_callback_and_bool(
        "click",
        on_click.as_ref().unchecked_ref(),
        true,
    );
    on_click.forget();
    if let Some(w) = web_sys::window() {
        let on_pop = Closure::<dyn FnMut()>::new(stop);
        let _ = w.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
        on_pop.forget();
    }
}

//! The form on its page, brought to life: one part of the questions at a time,
//! each part's answers checked when the person goes on, problems beside their
//! field and in a summary at the top (the GOV.UK error pattern), the template's
//! slots filled as the person types, the check of every answer before printing,
//! keeping the answers on the phone (asked for, never in counter mode), and the
//! answers for another device in the QR panel's `data-hash`, which the extras
//! module draws.
//!
//! The listeners are the document's, set once; they act on the form page in place
//! ([`Page`], replaced when another form's page is attached, forgotten when the
//! page has none).

use std::cell::RefCell;

use thu_tuc_xa_core::calendar::{Day, YEARS};
use thu_tuc_xa_core::form::{
    pack, parse_from_flow, show, ticked, unpack, Answers, Field, Form, Kind, Part, Problem,
};
use thu_tuc_xa_core::model::{Lang, Text};
use thu_tuc_xa_data::FORMS;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, Event, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use crate::code;

/// Where a form's answers are kept on the phone, when the person asks: this
/// prefix and the form's slug, in the browser's `localStorage`.
const STORE: &str = "thu-tuc-xa:bieu-mau:";

/// The form page in place.
struct Page {
    root: Element,
    form: &'static Form,
    lang: Lang,
    answers: Answers,
    /// The part shown: a section's index, or the number of sections for the check
    /// of the answers.
    at: usize,
    /// Whether the answers are kept on the phone.
    keep: bool,
    /// Counter mode: nothing is kept.
    counter: bool,
    /// "Change" from the check: "Continue" goes back to the check.
    returning: bool,
    /// Fields a flow's answers leave blank, not asked (`[[prefill]]`), each
    /// with its reason; "Change" on the check asks them again.
    skipped: Vec<(&'static str, Text)>,
}

thread_local! {
    static PAGE: RefCell<Option<Page>> = const { RefCell::new(None) };
}

pub(crate) fn document() -> Option<Document> {
    web_sys::window()?.document()
}

pub(crate) fn elements(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

pub(crate) fn one(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

pub(crate) fn set_hidden(el: &Element, hidden: bool) {
    let _ = if hidden {
        el.set_attribute("hidden", "")
    } else {
        el.remove_attribute("hidden")
    };
}

pub(crate) fn focus(el: &Element) {
    if let Some(el) = el.dyn_ref::<HtmlElement>() {
        let _ = el.focus();
    }
}

/// Today on this device, as the rules and the template in force need it (a
/// clock set outside the years a day can hold is taken to their edge).
pub(crate) fn today() -> Day {
    let now = js_sys::Date::new_0();
    let year = (now.get_full_year() as i32).clamp(*YEARS.start(), *YEARS.end());
    Day::from_ymd(year, now.get_month() + 1, now.get_date())
        .or_else(|| Day::from_ymd(year, now.get_month() + 1, 28))
        .unwrap_or(Day::at(*YEARS.start(), 1, 1))
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Adds a listener to the document for as long as the page lives (set once).
fn listen(doc: &Document, event: &str, f: impl FnMut(Event) + 'static) {
    let closure = Closure::<dyn FnMut(Event)>::new(f);
    let _ = doc.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Runs `f` after `ms` milliseconds (a status written just after its region is
/// shown is not read out).
pub(crate) fn later(ms: i32, f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f.unchecked_ref(), ms);
    }
}

pub fn start() {
    let Some(doc) = document() else {
        return;
    };
    listen(&doc, "click", on_click);
    listen(&doc, "input", on_input);
    listen(&doc, "change", on_input);
    listen(&doc, "thu-tuc-xa:forms-attach", |_| {
        attach();
        crate::card::attach();
    });
    // A code typed into the address of a form already open (a scanner that
    // types): read it as the page's answers.
    if let Some(w) = web_sys::window() {
        let closure = Closure::<dyn FnMut(Event)>::new(|_: Event| {
            let hash = web_sys::window()
                .and_then(|w| w.location().hash().ok())
                .unwrap_or_default();
            if !code::is_code(&hash) {
                return;
            }
            if let Some(root) =
                document().and_then(|d| d.query_selector("[data-form-fill]").ok().flatten())
            {
                let _ = root.remove_attribute("data-live");
                attach();
            }
        });
        let _ = w.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref());
        closure.forget();
    }
    attach();
    crate::card::attach();
    // What was asked before this module arrived: "Lưu giấy hẹn" pressed.
    if let Some(html) = doc.document_element() {
        for button in elements(&html, "[data-receipt-open][data-pending]") {
            let _ = button.remove_attribute("data-pending");
            crate::card::on_click(&button);
        }
        let _ = html.set_attribute("data-forms", "");
    }
}

/// Takes the form page in place, if there is one.
fn attach() {
    let Some(doc) = document() else {
        return;
    };
    let Some(root) = doc.query_selector("[data-form-fill]").ok().flatten() else {
        PAGE.set(None);
        return;
    };
    if root.has_attribute("data-live") {
        return;
    }
    let slug = root.get_attribute("data-form-fill").unwrap_or_default();
    let Some(form) = FORMS.iter().find(|f| f.slug == slug) else {
        return;
    };
    let html = doc.document_element();
    let lang = match html.as_ref().and_then(|h| h.get_attribute("lang")) {
        Some(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Vi,
    };
    let counter = html.is_some_and(|h| h.has_attribute("data-counter"));
    let _ = root.set_attribute("data-live", "");
    show_template_in_force(&doc, today());
    let mut page = Page {
        root: root.clone(),
        form,
        lang,
        answers: Answers::new(),
        at: 0,
        keep: false,
        counter,
        returning: false,
        skipped: Vec::new(),
    };
    if let Some(keep) = one(&root, "[data-fill-keep]") {
        set_hidden(&keep, counter);
    }
    // Where the answers come from: a QR code's address, or what this phone kept.
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let mut said = None;
    if code::is_code(&hash) {
        match code::decode(form, &hash) {
            Some(answers) => {
                page.answers = answers;
                page.at = form.sections.len();
                said = Some("handoff-loaded");
                // Someone else's answers: not offered to keep on this device.
                if let Some(choice) = one(&root, "[data-fill-keep-choice]") {
                    set_hidden(&choice, true);
                }
            }
            None => said = Some("handoff-bad"),
        }
        drop_hash();
    } else if !counter {
        let key = format!("{STORE}{slug}");
        let kept = storage().and_then(|s| s.get_item(&key).ok().flatten());
        match kept.map(|k| unpack(form, &k)) {
            Some(Some(answers)) => {
                page.answers = answers;
                page.keep = true;
                said = Some("restored");
            }
            // Kept by an older build of a form whose questions changed.
            Some(None) => {
                if let Some(s) = storage() {
                    let _ = s.remove_item(&key);
                }
                said = Some("stale");
            }
            None => {}
        }
    }
    // What a life-event flow's answers settle (the outcome's link, `#su-kien=…`):
    // filled in where nothing is written yet, and said above the questions.
    if let Some((flow, given)) = parse_from_flow(&hash) {
        let given: Vec<(&str, &str)> = given
            .iter()
            .map(|(q, o)| (q.as_str(), o.as_str()))
            .collect();
        let prefilled = form.prefilled(&flow, &given);
        for (field, value) in &prefilled.set {
            page.answers
                .entry(field.to_string())
                .or_insert_with(|| value.to_string());
        }
        page.skipped = prefilled
            .skip
            .into_iter()
            .filter(|(f, _)| page.answers.get(*f).is_none_or(|v| v.trim().is_empty()))
            .collect();
        page.prefilled(&prefilled.why);
        drop_hash();
    }
    page.write_inputs();
    page.fill_template(false);
    if let Some(keep) =
        one(&root, "[data-fill=keep]").and_then(|k| k.dyn_into::<HtmlInputElement>().ok())
    {
        keep.set_checked(page.keep);
    }
    set_hidden(&root, false);
    let at = page.at;
    PAGE.set(Some(page));
    with(|p| {
        if at == p.form.sections.len() {
            p.go_on_to_check(false);
        } else {
            p.show(at, false);
        }
    });
    if let Some(key) = said {
        later(300, move || {
            with(|p| p.status(&p.message(key)));
        });
    }
}

/// Takes the `#` part (a code's answers, a flow's) out of the address at once:
/// the browser's history keeps addresses.
fn drop_hash() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    if let Ok(history) = window.history() {
        let here = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&here));
    }
}

/// Shows the template in force on `day` (`data-from`, `data-until` of each
/// version), when there is one; otherwise leaves the build's choice.
fn show_template_in_force(doc: &Document, day: Day) {
    let Some(html) = doc.document_element() else {
        return;
    };
    let versions = elements(&html, ".form-version");
    let in_force = |v: &Element| {
        let from = v.get_attribute("data-from").and_then(|d| Day::parse(&d));
        let until = v.get_attribute("data-until").and_then(|d| Day::parse(&d));
        from.is_some_and(|f| f <= day) && until.is_none_or(|u| day <= u)
    };
    if versions.iter().any(in_force) {
        for v in &versions {
            set_hidden(v, !in_force(v));
        }
    }
}

/// Runs `f` on the page in place, if its element is still in the document.
fn with<T>(f: impl FnOnce(&mut Page) -> T) -> Option<T> {
    PAGE.with(|page| {
        // An event fired by what a listener does (a field losing focus fires
        // `change`) finds the page taken: it is dropped, its answer already
        // read on `input`.
        let mut page = page.try_borrow_mut().ok()?;
        let p = page.as_mut()?;
        if !p.root.is_connected() {
            return None;
        }
        Some(f(p))
    })
}

fn on_input(ev: Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    with(|p| {
        if !p.root.contains(Some(&target)) {
            return;
        }
        blank_print(false);
        if target.get_attribute("data-fill").as_deref() == Some("keep") {
            if ev.type_() == "change" {
                let on = target
                    .dyn_ref::<HtmlInputElement>()
                    .is_some_and(HtmlInputElement::checked);
                p.set_keep(on, &target);
            }
            return;
        }
        let Some(wrapper) = target.closest("[data-field]").ok().flatten() else {
            return;
        };
        let Some(field) = wrapper
            .get_attribute("data-field")
            .and_then(|id| p.form.field(&id))
        else {
            return;
        };
        let value = read(&wrapper, field);
        if value.is_empty() {
            p.answers.remove(field.id);
        } else {
            p.answers.insert(field.id.to_string(), value);
        }
        p.changed();
    });
}

fn on_click(ev: Event) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if crate::card::on_click(&target) {
        return;
    }
    // A link of the error summary: to its field, without the router.
    if let Some(link) = target.closest("a[data-focus]").ok().flatten() {
        let to = link.get_attribute("data-focus").unwrap_or_default();
        if let Some(el) = document().and_then(|d| d.get_element_by_id(&to)) {
            ev.prevent_default();
            focus(&el);
        }
        return;
    }
    let Some(button) = target.closest("button[data-fill]").ok().flatten() else {
        return;
    };
    let action = button.get_attribute("data-fill").unwrap_or_default();
    let printing = with(|p| {
        if !p.root.contains(Some(&button)) {
            return false;
        }
        blank_print(false);
        match action.as_str() {
            "next" => p.next(),
            "back" => {
                p.returning = false;
                let at = p.asked_before(p.at);
                p.show(at, true);
            }
            "change" => {
                let to = button.get_attribute("data-to").unwrap_or_default();
                let part = p
                    .form
                    .sections
                    .iter()
                    .position(|s| s.fields.iter().any(|f| f.id == to));
                if let Some(i) = part {
                    // A part left blank by the flow's answers is asked after all.
                    let fields = p.form.sections[i].fields;
                    p.skipped
                        .retain(|(f, _)| !fields.iter().any(|x| x.id == *f));
                    p.show(i, false);
                    p.returning = true;
                    if let Some(control) = p.form.field(&to).and_then(|f| p.control(f)) {
                        focus(&control);
                    }
                }
            }
            "unselect" => {
                let to = button.get_attribute("data-to").unwrap_or_default();
                if let Some(field) = p.form.field(&to) {
                    p.answers.remove(field.id);
                    if let Some(wrapper) = p.wrapper(field) {
                        for radio in elements(&wrapper, "input[type=radio]") {
                            if let Ok(radio) = radio.dyn_into::<HtmlInputElement>() {
                                radio.set_checked(false);
                            }
                        }
                    }
                    p.changed();
                }
            }
            "print" => return true,
            "print-empty" => {
                blank_print(true);
                return true;
            }
            "clear" => p.ask_to_clear(true),
            "clear-no" => p.ask_to_clear(false),
            "clear-yes" => p.clear(),
            _ => {}
        }
        false
    });
    // Outside the page's borrow: printing runs the document's `beforeprint`.
    if printing == Some(true) {
        print();
    }
}

/// A blank printout: the answers stay in their slots, and the print stylesheet
/// makes them transparent (`html[data-print-blank]`), so nothing depends on when
/// the browser's print dialog returns. Any later input or button takes it away.
fn blank_print(on: bool) {
    if let Some(html) = document().and_then(|d| d.document_element()) {
        let _ = if on {
            html.set_attribute("data-print-blank", "")
        } else {
            html.remove_attribute("data-print-blank")
        };
    }
}

fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// A field's answer as its inputs hold it. A date is `YYYY-MM-DD` when its three
/// parts are numbers, and its parts as typed otherwise (which the rules refuse).
fn read(wrapper: &Element, field: &Field) -> String {
    let value_of = |selector: &str| -> String {
        match one(wrapper, selector) {
            Some(el) => {
                if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
                    i.value()
                } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
                    t.value()
                } else {
                    String::new()
                }
            }
            None => String::new(),
        }
    };
    match field.kind {
        Kind::Date => {
            let part = |p: &str| {
                value_of(&format!("[data-date-part='{p}']"))
                    .trim()
                    .to_string()
            };
            date_of(&part("d"), &part("m"), &part("y"))
        }
        Kind::Choice(_) => value_of("input:checked"),
        Kind::LongText { .. } => value_of("textarea"),
        Kind::Time => time_of(value_of("input").trim()),
        _ => value_of("input"),
    }
}

/// A time as typed, `HH:MM` when it can be read so: "7:30", "7h30" and "7.30"
/// are 07:30.
fn time_of(typed: &str) -> String {
    let normal: String = typed
        .chars()
        .map(|c| {
            if matches!(c, 'h' | 'H' | '.' | 'g') {
                ':'
            } else {
                c
            }
        })
        .collect();
    match normal.split_once(':') {
        Some((h, m)) if h.len() == 1 && h.bytes().all(|b| b.is_ascii_digit()) => {
            format!("0{h}:{m}")
        }
        _ => normal,
    }
}

/// The answer of a date's three parts (see [`read`]).
fn date_of(d: &str, m: &str, y: &str) -> String {
    if d.is_empty() && m.is_empty() && y.is_empty() {
        return String::new();
    }
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    if digits(d, 2) && digits(m, 2) && y.len() == 4 && digits(y, 4) {
        format!("{y}-{m:0>2}-{d:0>2}")
    } else {
        // As typed, without the separator, so that it reads back into its boxes
        // (and the rules refuse it).
        let bare = |s: &str| s.replace('-', "");
        format!("{}-{}-{}", bare(y), bare(m), bare(d))
    }
}

impl Page {
    fn message(&self, key: &str) -> String {
        self.root
            .get_attribute(&format!("data-m-{key}"))
            .unwrap_or_default()
    }

    fn status(&self, text: &str) {
        if let Some(status) = one(&self.root, "[data-fill-status]") {
            status.set_text_content((!text.is_empty()).then_some(text));
        }
    }

    /// A message about keeping or deleting, beside the buttons that did it.
    fn keep_status(&self, text: &str) {
        if let Some(status) = one(&self.root, "[data-fill-keep-status]") {
            status.set_text_content((!text.is_empty()).then_some(text));
        }
    }

    fn wrapper(&self, field: &Field) -> Option<Element> {
        one(&self.root, &format!("[data-field='{}']", field.id))
    }

    /// The input the error summary's link and "Change" go to.
    fn control(&self, field: &Field) -> Option<Element> {
        let wrapper = self.wrapper(field)?;
        one(&wrapper, "input, textarea")
    }

    /// Where the error summary's link goes: the field's input, or for a date its
    /// first box left empty or not a number.
    fn first_wrong(&self, field: &Field) -> Option<Element> {
        let wrapper = self.wrapper(field)?;
        if field.kind == Kind::Date {
            for part in ["d", "m", "y"] {
                let input = one(&wrapper, &format!("[data-date-part='{part}']"))?;
                let value = input
                    .dyn_ref::<HtmlInputElement>()
                    .map(HtmlInputElement::value)
                    .unwrap_or_default();
                let value = value.trim();
                if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
                    return Some(input);
                }
            }
        }
        self.control(field)
    }

    /// Puts the answers into the inputs.
    fn write_inputs(&self) {
        for field in self.form.fields() {
            let Some(wrapper) = self.wrapper(field) else {
                continue;
            };
            let value = self.answers.get(field.id).map_or("", String::as_str);
            match field.kind {
                Kind::Date => {
                    let mut parts = value.splitn(3, '-');
                    let (y, m, d) = (
                        parts.next().unwrap_or(""),
                        parts.next().unwrap_or(""),
                        parts.next().unwrap_or(""),
                    );
                    for (part, v) in [("d", d), ("m", m), ("y", y)] {
                        if let Some(i) = one(&wrapper, &format!("[data-date-part='{part}']"))
                            .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                        {
                            i.set_value(v);
                        }
                    }
                }
                Kind::Choice(_) => {
                    for radio in elements(&wrapper, "input[type=radio]") {
                        if let Ok(radio) = radio.dyn_into::<HtmlInputElement>() {
                            radio.set_checked(radio.value() == value);
                        }
                    }
                }
                Kind::LongText { .. } => {
                    if let Some(t) = one(&wrapper, "textarea")
                        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
                    {
                        t.set_value(value);
                    }
                }
                _ => {
                    if let Some(i) =
                        one(&wrapper, "input").and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
                    {
                        i.set_value(value);
                    }
                }
            }
        }
    }

    /// Fills every slot of the templates with the answers (or empties them, for a
    /// blank printout). The sheet is the official form, in Vietnamese whatever
    /// the page's language.
    fn fill_template(&self, blank: bool) {
        let Some(doc) = document() else {
            return;
        };
        let Some(html) = doc.document_element() else {
            return;
        };
        let value = |id: &str| -> &str {
            if blank || !self.form.counts(id, &self.answers) {
                ""
            } else {
                self.answers.get(id).map_or("", String::as_str)
            }
        };
        for slot in elements(&html, ".form-sheet .fill[data-f]") {
            let id = slot.get_attribute("data-f").unwrap_or_default();
            let part = Part::parse(&slot.get_attribute("data-p").unwrap_or_default());
            let (Some(field), Some(part)) = (self.form.field(&id), part) else {
                continue;
            };
            let text = show(field, value(field.id), part, Lang::Vi);
            slot.set_text_content((!text.is_empty()).then_some(text.as_str()));
        }
        for tick in elements(&html, ".form-sheet .tickbox[data-f]") {
            let id = tick.get_attribute("data-f").unwrap_or_default();
            let option = tick.get_attribute("data-tick").unwrap_or_default();
            let on = ticked(value(&id), &option);
            tick.set_text_content(on.then_some("X"));
        }
        // What printing the page prints, said above the template.
        if let Some(note) = one(&html, "[data-fill-print-note]") {
            if !note.has_attribute("data-blank") {
                let _ = note.set_attribute("data-blank", &note.text_content().unwrap_or_default());
            }
            let text = if self.answers.is_empty() {
                note.get_attribute("data-blank").unwrap_or_default()
            } else {
                self.message("print-with-answers")
            };
            note.set_text_content(Some(&text));
        }
    }

    /// After an answer changed: the template, the phone's copy, the QR code.
    fn changed(&mut self) {
        self.fill_template(false);
        if self.keep && !self.save() {
            // The copy kept before is not this one: it goes too.
            self.forget();
            self.keep = false;
            if let Some(k) = one(&self.root, "[data-fill=keep]")
                .and_then(|k| k.dyn_into::<HtmlInputElement>().ok())
            {
                k.set_checked(false);
            }
            self.keep_status(&self.message("keep-failed"));
        }
        self.reset_code();
    }

    fn save(&self) -> bool {
        if self.counter {
            return false;
        }
        let key = format!("{STORE}{}", self.form.slug);
        storage().is_some_and(|s| s.set_item(&key, &pack(self.form, &self.answers)).is_ok())
    }

    /// Removes this form's copy from the phone.
    fn forget(&self) {
        if let Some(s) = storage() {
            let _ = s.remove_item(&format!("{STORE}{}", self.form.slug));
        }
    }

    fn set_keep(&mut self, on: bool, checkbox: &Element) {
        if on && self.save() {
            self.keep = true;
            self.keep_status("");
            return;
        }
        if on {
            if let Some(k) = checkbox.dyn_ref::<HtmlInputElement>() {
                k.set_checked(false);
            }
            self.keep_status(&self.message("keep-failed"));
        } else {
            self.forget();
        }
        self.keep = false;
    }

    /// "Xóa hết" asks first; "No" puts the question away.
    fn ask_to_clear(&self, ask: bool) {
        let Some(panel) = one(&self.root, "[data-fill-clear-ask]") else {
            return;
        };
        set_hidden(&panel, !ask);
        if let Some(button) = one(&self.root, "button[data-fill=clear]") {
            let _ = button.set_attribute("aria-expanded", &ask.to_string());
            if !ask {
                focus(&button);
            }
        }
        if ask {
            focus(&panel);
        }
    }

    /// "Delete everything": every form's answers kept on this phone, and this
    /// page's answers.
    fn clear(&mut self) {
        if let Some(s) = storage() {
            let keys: Vec<String> = (0..s.length().unwrap_or(0))
                .filter_map(|i| s.key(i).ok().flatten())
                .filter(|k| k.starts_with(STORE))
                .collect();
            for k in keys {
                let _ = s.remove_item(&k);
            }
        }
        self.answers.clear();
        self.skipped.clear();
        self.prefilled(&[]);
        self.keep = false;
        if let Some(k) =
            one(&self.root, "[data-fill=keep]").and_then(|k| k.dyn_into::<HtmlInputElement>().ok())
        {
            k.set_checked(false);
        }
        self.write_inputs();
        self.fill_template(false);
        self.reset_code();
        self.returning = false;
        self.show(0, false);
        self.ask_to_clear(false);
        self.keep_status(&self.message("cleared"));
    }

    /// The QR code is out of date: hidden, and the next one carries the answers.
    fn reset_code(&self) {
        for panel in elements(&self.root, "[data-qr]") {
            set_hidden(&panel, true);
            let _ = panel.remove_attribute("data-filled");
            let _ = panel.set_attribute("data-hash", &code::encode(self.form, &self.answers));
        }
        for status in elements(&self.root, "[data-qr-status]") {
            status.set_text_content(None);
        }
        for button in elements(&self.root, "button[data-action=qr]") {
            let _ = button.set_attribute("aria-expanded", "false");
        }
    }

    /// Shows part `at` (or the check, after the last), moving focus to its
    /// heading when the person moved.
    fn show(&mut self, at: usize, move_focus: bool) {
        self.at = at.min(self.form.sections.len());
        self.errors(&[]);
        for field in self.form.fields() {
            if let Some(wrapper) = self.wrapper(field) {
                set_hidden(&wrapper, self.is_skipped(field.id));
            }
        }
        // "Part n of total" counts the parts asked: a flow's answers or a count
        // can leave some out.
        let asked: Vec<usize> = (0..self.form.sections.len())
            .filter(|&i| !self.part_skipped(i))
            .collect();
        let step = self.message("step");
        for (i, part) in elements(&self.root, "[data-part]").iter().enumerate() {
            set_hidden(part, i != self.at);
            if let (Some(n), Some(progress)) =
                (asked.iter().position(|&a| a == i), one(part, ".progress"))
            {
                let text = step
                    .replace("{n}", &(n + 1).to_string())
                    .replace("{total}", &asked.len().to_string());
                progress.set_text_content(Some(&text));
            }
        }
        let check = one(&self.root, "[data-fill-check]");
        if let Some(check) = &check {
            set_hidden(check, self.at != self.form.sections.len());
        }
        if self.at == self.form.sections.len() {
            self.summary();
            self.reset_code();
        }
        if move_focus {
            let heading = if self.at == self.form.sections.len() {
                check.and_then(|c| one(&c, "h3"))
            } else {
                elements(&self.root, "[data-part]")
                    .get(self.at)
                    .and_then(|p| one(p, ".form-part-title"))
            };
            if let Some(h) = heading {
                focus(&h);
            }
        }
    }

    /// "Continue": the part's answers are checked; with a problem, it stays.
    fn next(&mut self) {
        let Some(section) = self.form.sections.get(self.at) else {
            return;
        };
        let problems: Vec<(&'static Field, Problem)> = self
            .form
            .check(&self.answers, today())
            .into_iter()
            .filter(|(f, _)| section.fields.iter().any(|s| s.id == f.id))
            .collect();
        if !problems.is_empty() {
            self.errors(&problems);
            return;
        }
        match self.asked_after(self.at) {
            Some(i) if !self.returning => self.show(i, true),
            _ => self.go_on_to_check(true),
        }
    }

    fn is_skipped(&self, field: &str) -> bool {
        self.skipped.iter().any(|(f, _)| *f == field)
    }

    /// Whether every question of a part is left blank by the flow's answers.
    /// Or, a part asked only for a count, when the count is lower.
    fn part_skipped(&self, i: usize) -> bool {
        let section = &self.form.sections[i];
        !self.form.asked(section, &self.answers)
            || section.fields.iter().all(|f| self.is_skipped(f.id))
    }

    /// The next part with a question to ask, after part `i`.
    fn asked_after(&self, i: usize) -> Option<usize> {
        (i + 1..self.form.sections.len()).find(|&j| !self.part_skipped(j))
    }

    /// The part before `i` with a question to ask (the first part otherwise).
    fn asked_before(&self, i: usize) -> usize {
        (0..i.min(self.form.sections.len()))
            .rev()
            .find(|&j| !self.part_skipped(j))
            .unwrap_or(0)
    }

    /// Says what a flow's answers filled in or left blank, above the questions.
    fn prefilled(&self, why: &[Text]) {
        let Some(panel) = one(&self.root, "[data-fill-prefilled]") else {
            return;
        };
        if let Some(list) = one(&panel, "ul") {
            list.set_text_content(None);
            if let Some(doc) = document() {
                for w in why {
                    if let Ok(li) = doc.create_element("li") {
                        li.set_text_content(Some(w.get(self.lang)));
                        let _ = list.append_child(&li);
                    }
                }
            }
        }
        set_hidden(&panel, why.is_empty());
    }

    /// To the check of the answers, unless a part has a problem (a rule between
    /// parts, or answers from elsewhere): then to that part, with its problems.
    fn go_on_to_check(&mut self, move_focus: bool) {
        let problems = self.form.check(&self.answers, today());
        let first = problems.first().and_then(|(f, _)| {
            self.form
                .sections
                .iter()
                .position(|s| s.fields.iter().any(|x| x.id == f.id))
        });
        match first {
            Some(i) => {
                self.show(i, false);
                let section = &self.form.sections[i];
                let here: Vec<_> = problems
                    .into_iter()
                    .filter(|(f, _)| section.fields.iter().any(|s| s.id == f.id))
                    .collect();
                self.errors(&here);
            }
            None => {
                self.returning = false;
                self.show(self.form.sections.len(), move_focus);
            }
        }
    }

    /// What a problem says, in the page's language.
    fn say(&self, field: &Field, problem: Problem) -> String {
        let label = |id: &str| self.form.field(id).map_or("", |f| f.label.get(self.lang));
        let (key, min, max, other) = match problem {
            Problem::Missing if matches!(field.kind, Kind::Choice(_)) => ("choose", 0, 0, ""),
            Problem::Missing => ("missing", 0, 0, ""),
            Problem::TooLong { max } => ("too-long", 0, u32::from(max), ""),
            Problem::NotADate => ("date", 0, 0, ""),
            Problem::NotAYear => ("year", 0, 0, ""),
            Problem::NotATime => ("time", 0, 0, ""),
            Problem::NotAnId => ("id", 0, 0, ""),
            Problem::OutOfRange { min, max } => ("range", min, max, ""),
            Problem::NotAnOption => ("choose", 0, 0, ""),
            Problem::InTheFuture => ("future", 0, 0, ""),
            Problem::Before(o) => ("before", 0, 0, label(o)),
            Problem::After(o) => ("after", 0, 0, label(o)),
        };
        self.message(key)
            .replace("{label}", field.label.get(self.lang))
            .replace("{min}", &min.to_string())
            .replace("{max}", &max.to_string())
            .replace("{other}", other)
    }

    /// Shows `problems` beside their fields and in the summary, which takes the
    /// focus; none clears them all.
    fn errors(&self, problems: &[(&'static Field, Problem)]) {
        for wrapper in elements(&self.root, "[data-field].has-error") {
            let _ = wrapper.class_list().remove_1("has-error");
            if let Some(e) = one(&wrapper, ".error-message") {
                set_hidden(&e, true);
            }
            for control in elements(&wrapper, "input, textarea") {
                let _ = control.remove_attribute("aria-invalid");
            }
            let described = wrapper.get_attribute("data-described");
            let holder =
                if wrapper.has_attribute("aria-describedby") || wrapper.tag_name() == "FIELDSET" {
                    Some(wrapper.clone())
                } else {
                    one(&wrapper, "input, textarea")
                };
            if let Some(holder) = holder {
                let _ = match described.as_deref() {
                    Some("") | None => holder.remove_attribute("aria-describedby"),
                    Some(d) => holder.set_attribute("aria-describedby", d),
                };
            }
        }
        let Some(summary) = one(&self.root, "[data-fill-errors]") else {
            return;
        };
        let Some(list) = one(&summary, "ul") else {
            return;
        };
        list.set_inner_html("");
        let Some(doc) = document() else {
            return;
        };
        for &(field, problem) in problems {
            let text = self.say(field, problem);
            let Some(wrapper) = self.wrapper(field) else {
                continue;
            };
            let _ = wrapper.class_list().add_1("has-error");
            let error_id = format!("f-{}-error", field.id);
            if let Some(e) = one(&wrapper, ".error-message") {
                if let Some(t) = one(&e, "[data-error-text]") {
                    t.set_text_content(Some(&text));
                }
                set_hidden(&e, false);
            }
            for control in elements(&wrapper, "input, textarea") {
                if !matches!(field.kind, Kind::Choice(_)) {
                    let _ = control.set_attribute("aria-invalid", "true");
                }
            }
            let holder = if wrapper.tag_name() == "FIELDSET" {
                Some(wrapper.clone())
            } else {
                one(&wrapper, "input, textarea")
            };
            if let Some(holder) = holder {
                let before = holder.get_attribute("aria-describedby").unwrap_or_default();
                if !wrapper.has_attribute("data-described") {
                    let _ = wrapper.set_attribute("data-described", &before);
                }
                let original = wrapper.get_attribute("data-described").unwrap_or_default();
                let _ = holder
                    .set_attribute("aria-describedby", format!("{original} {error_id}").trim());
            }
            let target = self.first_wrong(field).map(|c| c.id()).unwrap_or_default();
            if let (Ok(li), Ok(a)) = (doc.create_element("li"), doc.create_element("a")) {
                let _ = a.set_attribute("href", &format!("#{target}"));
                let _ = a.set_attribute("data-focus", &target);
                a.set_text_content(Some(&text));
                let _ = li.append_child(&a);
                let _ = list.append_child(&li);
            }
        }
        set_hidden(&summary, problems.is_empty());
        // The page's title says there is a problem, as long as there is one.
        let prefix = format!("{} ", self.message("title-prefix"));
        let title = doc.title();
        let bare = title.strip_prefix(&prefix).unwrap_or(&title).to_string();
        doc.set_title(&if problems.is_empty() {
            bare
        } else {
            format!("{prefix}{bare}")
        });
        if !problems.is_empty() {
            focus(&summary);
        }
    }

    /// The answers in the check's list.
    fn summary(&self) {
        let none = self.message("not-answered");
        let blank = self.message("left-blank");
        for (part, section) in elements(&self.root, "[data-check-part]")
            .iter()
            .zip(self.form.sections)
        {
            set_hidden(part, !self.form.asked(section, &self.answers));
        }
        for row in elements(&self.root, "[data-row]") {
            let id = row.get_attribute("data-row").unwrap_or_default();
            let Some(field) = self.form.field(&id) else {
                continue;
            };
            let value = self.answers.get(field.id).map_or("", String::as_str);
            let text = show(field, value, Part::Whole, self.lang);
            if let Some(dd) = one(&row, "[data-value]") {
                if text.is_empty() && self.is_skipped(field.id) {
                    dd.set_text_content(Some(&blank));
                    let _ = dd.class_list().add_1("not-answered");
                } else if text.is_empty() {
                    dd.set_text_content(Some(&none));
                    let _ = dd.class_list().add_1("not-answered");
                } else {
                    dd.set_text_content(Some(&text));
                    let _ = dd.class_list().remove_1("not-answered");
                }
            }
        }
    }
}

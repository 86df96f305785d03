//! "Lưu giấy hẹn" in the browser: the form of a procedure page's "After you
//! file" section (`[data-receipt]`), which keeps a receipt in `localStorage`
//! ([`crate::receipt::KEY`]) when the person presses "Lưu giấy hẹn", and the list
//! page (`[data-receipts]`, `/giay-hen/`): each receipt with the day its result
//! is expected, a calendar reminder made on the device (`.ics`), the portal's
//! dossier lookup, and "delete". Every message is in the page (`[data-m]`).
//! Nothing is sent anywhere; in counter mode the section offers nothing to keep
//! (the stylesheet hides it).

use thu_tuc_xa_core::calendar::{Day, Limit, Weekday};
use thu_tuc_xa_core::ics::{reminder, Reminder};
use thu_tuc_xa_core::model::Lang;
use thu_tuc_xa_data::CALENDAR;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement};

use crate::fill::{document, elements, focus, one, set_hidden, today};
use crate::receipt::{decode, encode, Expected, Receipt, KEY};

fn message(root: &Element, key: &str) -> String {
    one(root, &format!("[data-messages] [data-m='{key}']"))
        .and_then(|m| m.text_content())
        .unwrap_or_default()
}

fn lang() -> Lang {
    match document()
        .and_then(|d| d.document_element())
        .and_then(|h| h.get_attribute("lang"))
    {
        Some(l) if l.starts_with("en") => Lang::En,
        _ => Lang::Vi,
    }
}

/// The receipts kept; `Err` when what is kept cannot be read (it must not be
/// written over) or the browser does not let the page read it.
fn stored() -> Result<Vec<Receipt>, ()> {
    let storage = web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(())?;
    match storage.get_item(KEY).map_err(|_| ())? {
        Some(text) => decode(&text).ok_or(()),
        None => Ok(Vec::new()),
    }
}

fn counter() -> bool {
    document()
        .and_then(|d| d.document_element())
        .is_some_and(|h| h.has_attribute("data-counter"))
}

thread_local! {
    /// The last reminder file handed to the browser, freed when the next is made
    /// (a phone may ask before it downloads).
    static LAST_FILE: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Writes the list (or removes it when empty); whether the browser let it.
fn store(list: &[Receipt]) -> bool {
    let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else {
        return false;
    };
    if list.is_empty() {
        s.remove_item(KEY).is_ok()
    } else {
        s.set_item(KEY, &encode(list)).is_ok()
    }
}

fn input(root: &Element, selector: &str) -> Option<HtmlInputElement> {
    one(root, selector).and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
}

/// A date's three boxes as a day, `Ok(None)` when all are empty.
fn date_in(root: &Element, field: &str) -> Result<Option<Day>, ()> {
    let part = |p: &str| {
        input(
            root,
            &format!("[data-receipt-field='{field}'] [data-date-part='{p}']"),
        )
        .map(|i| i.value().trim().to_string())
        .unwrap_or_default()
    };
    let (d, m, y) = (part("d"), part("m"), part("y"));
    if d.is_empty() && m.is_empty() && y.is_empty() {
        return Ok(None);
    }
    let n = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
    };
    match (n(&d), n(&m), n(&y)) {
        (Some(d), Some(m), Some(y)) if y >= 1000 => {
            Day::from_ymd(y as i32, m, d).map(Some).ok_or(())
        }
        _ => Err(()),
    }
}

/// A click the document's listener passes on: whether it was this module's.
pub fn on_click(target: &Element) -> bool {
    if let Some(button) = target.closest("[data-receipt-open]").ok().flatten() {
        open(&button);
        return true;
    }
    if let Some(section) = target
        .closest("[data-receipt-save]")
        .ok()
        .flatten()
        .and_then(|b| b.closest("[data-receipt]").ok().flatten())
    {
        save(&section);
        return true;
    }
    if let Some(section) = target
        .closest("[data-receipt-cancel]")
        .ok()
        .flatten()
        .and_then(|b| b.closest("[data-receipt]").ok().flatten())
    {
        close(&section, true);
        return true;
    }
    if let Some(button) = target.closest("[data-receipt-ics]").ok().flatten() {
        download(&button);
        return true;
    }
    if let Some(button) = target.closest("[data-receipt-delete]").ok().flatten() {
        ask_to_delete(&button, true);
        return true;
    }
    if let Some(button) = target.closest("[data-receipt-delete-no]").ok().flatten() {
        ask_to_delete(&button, false);
        return true;
    }
    if let Some(button) = target.closest("[data-receipt-delete-yes]").ok().flatten() {
        delete(&button);
        return true;
    }
    false
}

/// Opens the section's form (or closes it), the day filed set to today.
fn open(button: &Element) {
    let Some(section) = button.closest("[data-receipt]").ok().flatten() else {
        return;
    };
    let Some(form) = one(&section, "[data-receipt-form]") else {
        return;
    };
    if !form.has_attribute("hidden") {
        close(&section, false);
        return;
    }
    set_hidden(&form, false);
    let _ = button.set_attribute("aria-expanded", "true");
    if let Some(first) = one(&form, "input") {
        focus(&first);
    }
}

fn close(section: &Element, move_focus: bool) {
    if let Some(form) = one(section, "[data-receipt-form]") {
        set_hidden(&form, true);
    }
    if let Some(button) = one(section, "[data-receipt-open]") {
        let _ = button.set_attribute("aria-expanded", "false");
        if move_focus {
            focus(&button);
        }
    }
}

/// Shows the problems beside their fields and in the summary (none clears them).
fn problems(section: &Element, found: &[(&str, String)]) {
    for field in elements(section, "[data-receipt-field]") {
        let _ = field.class_list().remove_1("has-error");
        for i in elements(&field, "input") {
            let _ = i.remove_attribute("aria-invalid");
        }
        if let Some(e) = one(&field, ".error-message") {
            set_hidden(&e, true);
        }
    }
    let Some(summary) = one(section, "[data-receipt-errors]") else {
        return;
    };
    let Some(list) = one(&summary, "ul") else {
        return;
    };
    list.set_inner_html("");
    let Some(doc) = document() else {
        return;
    };
    for (field, text) in found {
        let Some(wrapper) = one(section, &format!("[data-receipt-field='{field}']")) else {
            continue;
        };
        let _ = wrapper.class_list().add_1("has-error");
        for i in elements(&wrapper, "input") {
            let _ = i.set_attribute("aria-invalid", "true");
        }
        if let Some(e) = one(&wrapper, ".error-message") {
            if let Some(t) = one(&e, "[data-error-text]") {
                t.set_text_content(Some(text));
            }
            set_hidden(&e, false);
        }
        let target = one(&wrapper, "input").map(|i| i.id()).unwrap_or_default();
        if let (Ok(li), Ok(a)) = (doc.create_element("li"), doc.create_element("a")) {
            let _ = a.set_attribute("href", &format!("#{target}"));
            let _ = a.set_attribute("data-focus", &target);
            a.set_text_content(Some(text));
            let _ = li.append_child(&a);
            let _ = list.append_child(&li);
        }
    }
    set_hidden(&summary, found.is_empty());
    if !found.is_empty() {
        focus(&summary);
    }
}

/// "Lưu giấy hẹn": checks the days, adds the receipt to the list kept.
fn save(section: &Element) {
    let status = one(section, "[data-receipt-status]");
    let say = |key: &str| {
        if let Some(s) = &status {
            s.set_text_content(Some(&message(section, key)));
        }
    };
    if counter() {
        return;
    }
    let filed = date_in(section, "filed");
    let appointment = date_in(section, "appointment");
    let mut found = Vec::new();
    let filed = match filed {
        Ok(Some(day)) if day <= today() => Some(day),
        _ => {
            found.push(("filed", message(section, "err-filed")));
            None
        }
    };
    let appointment = match (appointment, filed) {
        (Ok(a), Some(f)) if a.is_none_or(|a| a >= f) => a,
        (Ok(a), None) => a,
        _ => {
            found.push(("appointment", message(section, "err-appointment")));
            None
        }
    };
    problems(section, &found);
    let Some(filed) = filed else {
        return;
    };
    if !found.is_empty() {
        return;
    }
    let attr = |name: &str| section.get_attribute(name).unwrap_or_default();
    let receipt = Receipt {
        slug: attr("data-receipt"),
        name: attr("data-name"),
        href: attr("data-href"),
        limit: Limit::from_attr(&attr("data-limit")),
        limit_until: Day::parse(&attr("data-limit-until")),
        number: input(section, "#r-number")
            .map(|i| i.value().trim().to_string())
            .unwrap_or_default(),
        filed,
        after_three: input(section, "#r-after-three").is_some_and(|i| i.checked()),
        appointment,
        made: js_sys::Date::now() as u64,
    };
    let Ok(mut list) = stored() else {
        say("unreadable");
        return;
    };
    list.retain(|r| r.id() != receipt.id());
    list.push(receipt);
    if store(&list) {
        close(section, true);
        say("saved");
        if let Some(all) = one(section, "[data-receipt-see-all]") {
            set_hidden(&all, false);
        }
    } else {
        say("keep-failed");
    }
}

/// A day as the list says it: "Thứ Sáu, 11/12/2026".
fn day_words(root: &Element, day: Day) -> String {
    let names = message(root, "weekdays");
    let names: Vec<&str> = names.split('|').collect();
    let i = match day.weekday() {
        Weekday::Monday => 0,
        Weekday::Tuesday => 1,
        Weekday::Wednesday => 2,
        Weekday::Thursday => 3,
        Weekday::Friday => 4,
        Weekday::Saturday => 5,
        Weekday::Sunday => 6,
    };
    match names.get(i) {
        Some(name) if names.len() == 7 => format!("{name}, {}", day.vi()),
        _ => day.vi(),
    }
}

fn el(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Option<Element> {
    let e = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if let Some(t) = text {
        e.set_text_content(Some(t));
    }
    Some(e)
}

/// Lists the receipts kept, on the list page, if it is the page in place.
pub fn attach() {
    let Some(doc) = document() else {
        return;
    };
    let Some(root) = doc.query_selector("[data-receipts]").ok().flatten() else {
        return;
    };
    render(&doc, &root);
}

fn render(doc: &Document, root: &Element) {
    let Some(list_el) = one(root, "[data-receipt-list]") else {
        return;
    };
    list_el.set_inner_html("");
    let say = |key: &str| {
        if let Some(s) = one(root, "[data-receipt-status]") {
            s.set_text_content(Some(&message(root, key)));
        }
    };
    // At a counter, nothing of anyone is shown.
    if counter() {
        say("counter");
        return;
    }
    let Ok(list) = stored() else {
        say("unreadable");
        return;
    };
    if let Some(none) = one(root, "[data-receipts-none]") {
        set_hidden(&none, !list.is_empty());
    }
    let lang = lang();
    let lookup = root.get_attribute("data-lookup").unwrap_or_default();
    for r in list.iter().rev() {
        if let Some(item) = card(doc, root, r, lang, &lookup) {
            let _ = list_el.append_child(&item);
        }
    }
}

/// One receipt on the list page.
fn card(doc: &Document, root: &Element, r: &Receipt, lang: Lang, lookup: &str) -> Option<Element> {
    let m = |k: &str| message(root, k);
    // What the site says of the procedure now, in this page's language.
    let mut r = r.clone();
    if let Some(now) = one(root, &format!("[data-procedures] [data-slug='{}']", r.slug)) {
        if let Some(a) = one(&now, "a") {
            r.name = a.text_content().unwrap_or(r.name);
            r.href = a.get_attribute("href").unwrap_or(r.href);
        }
        r.limit = Limit::from_attr(&now.get_attribute("data-limit").unwrap_or_default());
        r.limit_until = Day::parse(&now.get_attribute("data-limit-until").unwrap_or_default());
    }
    let r = &r;
    let li = el(doc, "li", "receipt-card", None)?;
    let h = el(doc, "h2", "receipt-name", None)?;
    let a = el(doc, "a", "", Some(&r.name))?;
    let _ = a.set_attribute("href", &r.href);
    let _ = h.append_child(&a);
    let _ = li.append_child(&h);
    let dl = el(doc, "dl", "summary-list", None)?;
    let row = |label: &str, value: &[String]| -> Option<()> {
        let div = el(doc, "div", "summary-row", None)?;
        let dt = el(doc, "dt", "", Some(label))?;
        let _ = div.append_child(&dt);
        let dd = el(doc, "dd", "", None)?;
        for (i, v) in value.iter().enumerate() {
            let p = el(
                doc,
                if i == 0 { "strong" } else { "p" },
                if i == 0 { "" } else { "hint" },
                Some(v),
            )?;
            let _ = dd.append_child(&p);
        }
        let _ = div.append_child(&dd);
        let _ = dl.append_child(&div);
        Some(())
    };
    if !r.number.is_empty() {
        row(&m("number"), std::slice::from_ref(&r.number));
    }
    row(&m("filed"), &[day_words(root, r.filed)]);
    let mut expected = Vec::new();
    let mut due = None;
    match r.expected(&CALENDAR) {
        Expected::On {
            day,
            passed,
            unsettled,
        } => {
            due = Some(day);
            expected.push(day_words(root, day));
            let how = match r.limit {
                Some(Limit::WorkingDays(n)) => m("working").replace("{n}", &n.to_string()),
                Some(Limit::Days(n)) => m("days").replace("{n}", &n.to_string()),
                Some(Limit::SameDay) => m("same-day"),
                _ => m("at-once"),
            };
            expected.push(how);
            for (kind, key) in [
                (thu_tuc_xa_core::calendar::DayKind::Off, "passed"),
                (thu_tuc_xa_core::calendar::DayKind::Work, "worked"),
            ] {
                let days: Vec<String> = passed
                    .iter()
                    .filter(|l| l.kind == kind)
                    .map(|l| format!("{} ({})", l.why.get(lang), l.day.vi()))
                    .collect();
                if !days.is_empty() {
                    expected.push(format!("{} {}", m(key), days.join("; ")));
                }
            }
            for year in unsettled {
                expected.push(m("unsettled").replace("{year}", &year.to_string()));
            }
        }
        Expected::Unknown => expected.push(m("unknown")),
        Expected::NoLimit => expected.push(m("none")),
    }
    row(&m("expected"), &expected);
    if let Some(a) = r.appointment {
        due = Some(a);
        row(&m("appointment"), &[day_words(root, a)]);
    }
    let _ = li.append_child(&dl);
    let official = el(doc, "p", "hint", Some(&m("official")))?;
    let _ = li.append_child(&official);
    let actions = el(doc, "div", "form-actions", None)?;
    // Each button names its receipt for a screen reader (several cards).
    let named = |button: &Element| -> Option<()> {
        let hidden = el(
            doc,
            "span",
            "visually-hidden",
            Some(&format!(": {}", r.name)),
        )?;
        let _ = button.append_child(&hidden);
        Some(())
    };
    if let Some(day) = due {
        let ics = el(doc, "button", "button-secondary", Some(&m("ics")))?;
        let _ = ics.set_attribute("type", "button");
        let _ = ics.set_attribute("data-receipt-ics", &r.id());
        let _ = ics.set_attribute("data-day", &day.iso());
        named(&ics);
        let _ = actions.append_child(&ics);
    }
    let look = el(doc, "a", "button-secondary", Some(&m("lookup")))?;
    let _ = look.set_attribute("href", lookup);
    let _ = look.set_attribute("rel", "external noopener");
    let _ = actions.append_child(&look);
    let delete = el(doc, "button", "link-button", Some(&m("delete")))?;
    let _ = delete.set_attribute("type", "button");
    let _ = delete.set_attribute("data-receipt-delete", &r.id());
    let _ = delete.set_attribute("aria-expanded", "false");
    named(&delete);
    let _ = actions.append_child(&delete);
    let _ = li.append_child(&actions);
    // Deleting asks first: a receipt deleted cannot be brought back.
    let ask = el(doc, "div", "form-clear-ask", None)?;
    let _ = ask.set_attribute("data-receipt-ask", "");
    let _ = ask.set_attribute("tabindex", "-1");
    ask.set_attribute("hidden", "").ok()?;
    let question = el(doc, "p", "", Some(&m("delete-ask")))?;
    let _ = ask.append_child(&question);
    let buttons = el(doc, "div", "form-actions", None)?;
    let yes = el(
        doc,
        "button",
        "button button-warning",
        Some(&m("delete-yes")),
    )?;
    let _ = yes.set_attribute("type", "button");
    let _ = yes.set_attribute("data-receipt-delete-yes", &r.id());
    named(&yes);
    let no = el(doc, "button", "button-secondary", Some(&m("delete-no")))?;
    let _ = no.set_attribute("type", "button");
    let _ = no.set_attribute("data-receipt-delete-no", "");
    let _ = buttons.append_child(&yes);
    let _ = buttons.append_child(&no);
    let _ = ask.append_child(&buttons);
    let _ = li.append_child(&ask);
    if due.is_some() {
        let note = el(doc, "p", "hint", Some(&m("ics-note")))?;
        let _ = li.append_child(&note);
    }
    if !r.number.is_empty() {
        let hint = el(doc, "p", "hint", Some(&m("lookup-hint")))?;
        let _ = li.append_child(&hint);
    }
    Some(li)
}

/// The reminder file of a receipt, made here and handed to the browser.
fn download(button: &Element) {
    let Some(root) = button.closest("[data-receipts]").ok().flatten() else {
        return;
    };
    let id = button.get_attribute("data-receipt-ics").unwrap_or_default();
    let Some(r) = stored()
        .ok()
        .and_then(|l| l.into_iter().find(|r| r.id() == id))
    else {
        return;
    };
    let Some(day) = button
        .get_attribute("data-day")
        .and_then(|d| Day::parse(&d))
    else {
        return;
    };
    let now = js_sys::Date::new_0();
    let stamp = format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        now.get_utc_full_year(),
        now.get_utc_month() + 1,
        now.get_utc_date(),
        now.get_utc_hours(),
        now.get_utc_minutes(),
        now.get_utc_seconds()
    );
    let summary = message(&root, "reminder").replace("{name}", &r.name);
    let description = if r.number.is_empty() {
        r.name.clone()
    } else {
        format!("{}: {}", message(&root, "number"), r.number)
    };
    let lookup = root.get_attribute("data-lookup");
    // A random id: the event's id travels with a synced calendar.
    let uid = format!(
        "{:016x}{:016x}@thu-tuc-xa",
        (js_sys::Math::random() * 1e16) as u64,
        (js_sys::Math::random() * 1e16) as u64
    );
    let text = reminder(&Reminder {
        uid: &uid,
        stamp: &stamp,
        day,
        summary: &summary,
        description: &description,
        url: lookup.as_deref(),
    });
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(&text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/calendar;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document()
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(&format!("giay-hen-{}.ics", r.filed.basic()));
        a.click();
    }
    // The previous file is freed now; this one when the next is made.
    if let Some(old) = LAST_FILE.with(|l| l.borrow_mut().replace(url)) {
        let _ = web_sys::Url::revoke_object_url(&old);
    }
}

/// "Delete" asks first, in the card; "No" puts the question away.
fn ask_to_delete(button: &Element, ask: bool) {
    let Some(card) = button.closest(".receipt-card").ok().flatten() else {
        return;
    };
    let (Some(panel), Some(delete)) = (
        one(&card, "[data-receipt-ask]"),
        one(&card, "[data-receipt-delete]"),
    ) else {
        return;
    };
    set_hidden(&panel, !ask);
    let _ = delete.set_attribute("aria-expanded", &ask.to_string());
    focus(if ask { &panel } else { &delete });
}

fn delete(button: &Element) {
    let Some(root) = button.closest("[data-receipts]").ok().flatten() else {
        return;
    };
    let id = button
        .get_attribute("data-receipt-delete-yes")
        .unwrap_or_default();
    let Ok(mut list) = stored() else {
        return;
    };
    list.retain(|r| r.id() != id);
    store(&list);
    if let Some(doc) = document() {
        render(&doc, &root);
    }
    if let Some(status) = one(&root, "[data-receipt-status]") {
        status.set_text_content(Some(&message(&root, "deleted")));
        focus(&status);
    }
}

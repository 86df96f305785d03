//! The forms module: filling in an official declaration form on the phone
//! (`content/bieu-mau/`, the page `/bieu-mau/<slug>/`), kept out of the app's wasm
//! so that only a form's page downloads it.
//!
//! The page carries everything a person sees, made at build time
//! (`src/app/article/form.rs`): the questions part by part, the messages, the check
//! of the answers, and the official template with a slot for each answer. This
//! module brings it to life ([`fill`], in the browser only): it shows one part at a
//! time, checks each part's answers with the core's rules
//! ([`thu_tuc_xa_core::form`]) and shows each problem beside its field and in a
//! summary (the GOV.UK error pattern), fills the template's slots as the person
//! types, prints, keeps the answers on the phone when asked to (never in counter
//! mode), and hands them to another device through the QR code ([`code`]).
//!
//! It also keeps the dossier receipts ("Lưu giấy hẹn": [`receipt`], and in the
//! browser `card.rs`): a procedure page's "After you file" section and the list
//! page `/giay-hen/`, with the day each result is expected on the working-day
//! calendar and a calendar reminder made on the device.
//!
//! The answers stay in the page's memory: nothing is sent anywhere.
//!
//! `cargo xtask dist` builds this crate into `forms-<hash>.js`, `_bg.wasm` and a
//! boot file the page names in `<meta name="thu-tuc-xa:forms">`; the app's wasm
//! loads it on a form's page (`src/app/extras.rs`), and announces a later form's
//! page with a `thu-tuc-xa:forms-attach` event on the document.

pub mod code;
pub mod receipt;

#[cfg(target_arch = "wasm32")]
mod card;
#[cfg(target_arch = "wasm32")]
mod fill;

/// Runs when the module is loaded.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    fill::start();
}

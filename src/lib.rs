//! Thủ tục xã: a citizen self-service guide to Vietnam's commune-level procedures.
//!
//! The pure core ([`model`], [`data`], [`route`], and the build-time [`content`]
//! pipeline) knows nothing of Leptos or the browser and is tested natively. The
//! thin UI in [`app`] renders it; [`ssr`] prerenders it to HTML, and the wasm
//! (feature `hydrate`) hydrates that HTML. See ARCHITECTURE.md.

pub mod app;
#[cfg(not(target_arch = "wasm32"))]
pub mod content;
pub mod data;
pub mod model;
pub mod route;
#[cfg(feature = "ssr")]
pub mod ssr;

/// The wasm entry point: hydrates the prerendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}

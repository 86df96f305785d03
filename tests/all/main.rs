//! The native integration tests, as one binary: each file was a binary of its
//! own, and linking eight binaries against the site's data took longer than
//! running them.

mod boundaries;
mod calendar;
mod calendar_cases;
mod content;
mod flows;
mod forms;
mod js_rules;
mod open_data;
mod places;
mod props;
// The server rendering needs the prerenderer's feature.
#[cfg(feature = "ssr")]
mod render;
mod routes;
mod search;
#[cfg(feature = "ssr")]
mod sharing;
mod wasm_weight;

//! Thủ tục xã's pure core, shared by the app (native and wasm), the extras wasm,
//! the content pipeline and the generated data: the content model ([`model`]), the
//! flow engine ([`flow`]), places and the nearest search ([`places`]), communes'
//! boundaries ([`boundaries`]) and sketch maps ([`sketch`]), Vietnamese text
//! folding ([`text`]), the site search ([`search`]) and the embed rules
//! ([`embed`]).
//!
//! The crate has no dependencies: it cannot import Leptos, the browser or any
//! I/O, and everything in it is tested natively. Parts only native builds need
//! (the flows' and procedures' words) are behind `cfg(not(target_arch = "wasm32"))`.

pub mod boundaries;
pub mod calendar;
pub mod embed;
pub mod flow;
pub mod form;
pub mod ics;
pub mod model;
pub mod places;
pub mod search;
pub mod sketch;
pub mod text;

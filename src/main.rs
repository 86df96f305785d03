//! The wasm binary trunk builds: it hydrates the prerendered page. A native build
//! of this binary does nothing; the native entry point is `src/bin/prerender.rs`.

fn main() {
    #[cfg(feature = "hydrate")]
    thu_tuc_xa::hydrate();
}

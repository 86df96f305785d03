//! The wasm binary trunk builds. Everything happens in the library's `hydrate`
//! start function; a native build of this binary does nothing.

fn main() {}

//! The wasm's sources keep off what weighs far more in the download than it does
//! (ARCHITECTURE.md, "Architecture invariants"). Each of these was found in the
//! app's wasm with `twiggy` and cost kilobytes of brotli on the critical path:
//! a type-erased view, the standard library's Unicode case tables, float formatting.

use std::path::{Path, PathBuf};

/// What the wasm may not use, and what to use instead.
const HEAVY: &[(&str, &str)] = &[
    (
        "into_any(",
        "a type-erased view carries every way of rendering it; use leptos::either::EitherOfN",
    ),
    ("AnyView", "use leptos::either::EitherOfN"),
    (
        "to_lowercase",
        "the Unicode case tables; use text::fold or to_ascii_lowercase",
    ),
    (
        "to_uppercase",
        "the Unicode case tables; use to_ascii_uppercase",
    ),
    (
        "parse::<f64>",
        "float parsing; keep numbers as integers (milliseconds, tenths)",
    ),
    ("parse::<f32>", "float parsing; keep numbers as integers"),
];

/// Every `.rs` file the app's or the extras' wasm compiles: `src/` without the
/// parts only native builds compile (as `build.rs` reads it), the core and the
/// data crates, and `extras/src/`.
fn wasm_sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir)
        .expect("read a source folder")
        .flatten()
    {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !["article", "bin"].contains(&name.as_str()) {
                wasm_sources(&path, out);
            }
        } else if name.ends_with(".rs") && !["ssr.rs", "corpus.rs"].contains(&name.as_str()) {
            out.push(path);
        }
    }
}

#[test]
fn the_wasm_sources_use_nothing_heavy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["src", "core/src", "data/src", "extras/src"] {
        wasm_sources(&root.join(dir), &mut files);
    }
    assert!(files.len() > 20, "found the sources");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read a source file");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for (heavy, instead) in HEAVY {
                if code.contains(heavy) {
                    found.push(format!(
                        "{}:{}: {heavy} in the wasm: {instead}",
                        file.strip_prefix(root).unwrap_or(file).display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

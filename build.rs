//! Generates the interface strings from `content/i18n/*.toml` (checked by the
//! content pipeline, `thu-tuc-xa-content`). The rest of the content is the crate
//! `thu-tuc-xa-data`'s, so editing the app does not run the pipeline again.

use std::path::{Path, PathBuf};

use thu_tuc_xa_content as content;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    println!("cargo::rerun-if-env-changed=THU_TUC_XA_CONTENT_DIR");
    let dir = std::env::var("THU_TUC_XA_CONTENT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("content"));
    println!("cargo::rerun-if-changed={}", dir.join("i18n").display());
    println!("cargo::rerun-if-changed=src");
    match content::load_strings(&dir) {
        Ok(strings) => {
            let used = wasm_sources(&root.join("src"));
            let in_wasm = |key: &str| used.contains(&format!(".{key}"));
            let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
            std::fs::write(
                Path::new(&out).join("strings.rs"),
                content::codegen::strings(&strings, &in_wasm),
            )
            .expect("write generated strings");
        }
        Err(diagnostics) => {
            eprint!("{}", content::report(&diagnostics));
            for d in &diagnostics {
                println!("cargo::error={d}");
            }
            std::process::exit(1);
        }
    }
}

/// The source the wasm is built from, concatenated: every `.rs` file under `src/`
/// except the parts only native builds compile (`app/article/`, `bin/`,
/// `ssr.rs`, `corpus.rs`). An interface string is kept in the wasm only if `.<key>`
/// appears here, so the words of build-time pages do not weigh on the download.
fn wasm_sources(dir: &Path) -> String {
    let mut text = String::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return text;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !["article", "bin"].contains(&name.as_str()) {
                text.push_str(&wasm_sources(&path));
            }
        } else if name.ends_with(".rs") && !["ssr.rs", "corpus.rs"].contains(&name.as_str()) {
            text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
    text
}

//! Turns `content/` into Rust data at build time (see `src/content/`). A broken
//! content file fails the build with one `path:line:column: message` per problem.

#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;

#[allow(dead_code)]
#[path = "src/flow.rs"]
mod flow;

#[allow(dead_code)]
#[path = "src/text.rs"]
mod text;

#[allow(dead_code)]
#[path = "src/places.rs"]
mod places;

#[allow(dead_code)]
#[path = "src/boundaries.rs"]
mod boundaries;

#[allow(dead_code)]
#[path = "src/content/mod.rs"]
mod content;

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=content");
    println!("cargo::rerun-if-changed=src/content");
    println!("cargo::rerun-if-changed=src/model.rs");
    println!("cargo::rerun-if-changed=src/flow.rs");
    println!("cargo::rerun-if-changed=src/text.rs");
    println!("cargo::rerun-if-changed=src/app");
    println!("cargo::rerun-if-changed=src/route.rs");
    println!("cargo::rerun-if-changed=src/places.rs");
    println!("cargo::rerun-if-changed=src/boundaries.rs");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    // THU_TUC_XA_CONTENT_DIR builds the site from another content folder (a copy
    // being edited, say); the default is the repository's `content/`.
    println!("cargo::rerun-if-env-changed=THU_TUC_XA_CONTENT_DIR");
    println!("cargo::rerun-if-env-changed=THU_TUC_XA_TODAY");
    let dir = std::env::var("THU_TUC_XA_CONTENT_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| Path::new(&root).join("content"));
    if dir != Path::new(&root).join("content") {
        println!("cargo::rerun-if-changed={}", dir.display());
    }
    let site = content::load(&dir).and_then(|i| content::build(&i));
    match site {
        Ok(site) => {
            let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
            let used = wasm_sources(&Path::new(&root).join("src"));
            let in_wasm = |key: &str| used.contains(&format!(".{key}"));
            std::fs::write(
                Path::new(&out).join("content.rs"),
                content::codegen::generate(&site, &in_wasm),
            )
            .expect("write generated content");
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
/// except the parts only native builds compile (`app/article/`, `content/`, `bin/`,
/// `ssr.rs`). An interface string is kept in the wasm only if `.<key>` appears
/// here, so the words of build-time pages do not weigh on the download.
fn wasm_sources(dir: &Path) -> String {
    let mut text = String::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return text;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !["article", "content", "bin"].contains(&name.as_str()) {
                text.push_str(&wasm_sources(&path));
            }
        } else if name.ends_with(".rs") && name != "ssr.rs" {
            text.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
    text
}

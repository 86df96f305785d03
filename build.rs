//! Turns `content/` into Rust data at build time (see `src/content/`). A broken
//! content file fails the build with one `path:line:column: message` per problem.

#[allow(dead_code)]
#[path = "src/model.rs"]
mod model;

#[allow(dead_code)]
#[path = "src/flow.rs"]
mod flow;

#[allow(dead_code)]
#[path = "src/content/mod.rs"]
mod content;

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=content");
    println!("cargo::rerun-if-changed=src/content");
    println!("cargo::rerun-if-changed=src/model.rs");
    println!("cargo::rerun-if-changed=src/flow.rs");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let site = content::load(&Path::new(&root).join("content")).and_then(|i| content::build(&i));
    match site {
        Ok(site) => {
            let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
            std::fs::write(
                Path::new(&out).join("content.rs"),
                content::codegen::generate(&site),
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

//! Turns `content/` into Rust data at build time (the crate `thu-tuc-xa-content`).
//! A broken content file fails the build with one `path:line:column: message` per
//! problem.

use std::path::{Path, PathBuf};

use thu_tuc_xa_content as content;

fn main() {
    let root = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .parent()
        .expect("data/ lives in the repository")
        .to_path_buf();
    let dir = content_dir(&root);
    println!("cargo::rerun-if-changed={}", dir.display());
    println!("cargo::rerun-if-env-changed=THU_TUC_XA_TODAY");
    let site = content::load(&dir).and_then(|i| content::build(&i));
    match site {
        Ok(site) => {
            let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
            std::fs::write(
                Path::new(&out).join("content.rs"),
                content::codegen::generate(&site),
            )
            .expect("write generated content");
        }
        Err(diagnostics) => fail(&diagnostics),
    }
}

/// `THU_TUC_XA_CONTENT_DIR` builds the site from another content folder (a copy
/// being edited, say); the default is the repository's `content/`.
fn content_dir(root: &Path) -> PathBuf {
    println!("cargo::rerun-if-env-changed=THU_TUC_XA_CONTENT_DIR");
    std::env::var("THU_TUC_XA_CONTENT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("content"))
}

fn fail(diagnostics: &[content::Diagnostic]) -> ! {
    eprint!("{}", content::report(diagnostics));
    for d in diagnostics {
        println!("cargo::error={d}");
    }
    std::process::exit(1);
}

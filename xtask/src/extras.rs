//! The extras module (`extras/`, loaded by the app only when a page needs it) as
//! three content-hashed files in `dist/`: wasm-bindgen's glue `extras-<hash>.js`,
//! the optimised `extras-<hash>_bg.wasm`, and `extras-boot-<hash>.js`, which the
//! app adds as a module script and which starts the other two. The prerenderer
//! names the boot file in every page.

use std::path::Path;
use std::process::Command;

use crate::{cargo, root, run, tools, Result};

/// The wasm features rustc's wasm32 target uses by default; wasm-opt must accept
/// them (the same as trunk gives it for the app).
pub const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Builds the extras into `dist`; returns the files' site paths.
pub fn build(dist: &Path) -> Result<Vec<String>> {
    run(cargo()
        .args([
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "thu-tuc-xa-extras",
        ])
        .env_remove("CARGO_TARGET_DIR"))?;
    let target = root().join("target");
    let wasm = target.join("wasm32-unknown-unknown/release/thu_tuc_xa_extras.wasm");
    let out = target.join("extras");
    let _ = std::fs::remove_dir_all(&out);
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&out)
        .arg(&wasm)
        .env("PATH", tools::path_env()))?;
    let optimised = out.join("opt.wasm");
    run(Command::new("wasm-opt")
        .arg("-Oz")
        .args(WASM_FEATURES)
        .arg("-o")
        .arg(&optimised)
        .arg(out.join("thu_tuc_xa_extras_bg.wasm"))
        .env("PATH", tools::path_env()))?;
    let glue = std::fs::read(out.join("thu_tuc_xa_extras.js"))?;
    let code = std::fs::read(&optimised)?;
    let hash = {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(&glue);
        h.update(&code);
        let digest = h.finalize();
        digest[..8]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let js = format!("extras-{hash}.js");
    let bg = format!("extras-{hash}_bg.wasm");
    let boot = format!("extras-boot-{hash}.js");
    std::fs::write(dist.join(&js), &glue)?;
    std::fs::write(dist.join(&bg), &code)?;
    std::fs::write(
        dist.join(&boot),
        format!("import init from '/{js}';\ninit({{ module_or_path: '/{bg}' }});\n"),
    )?;
    Ok([js, bg, boot]
        .into_iter()
        .map(|f| format!("/{f}"))
        .collect())
}

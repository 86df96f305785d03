//! The lazily loaded modules (`extras/` and `forms/`, loaded by the app only when a
//! page needs them), each as three content-hashed files in `dist/`: wasm-bindgen's
//! glue `<module>-<hash>.js`, the optimised `<module>-<hash>_bg.wasm`, and
//! `<module>-boot-<hash>.js`, which the app adds as a module script and which
//! starts the other two. The prerenderer names the boot files in every page.

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

/// The lazily loaded modules: the name of their files, and their crate.
pub const MODULES: [(&str, &str); 2] = [
    ("extras", "thu-tuc-xa-extras"),
    ("forms", "thu-tuc-xa-forms"),
];

/// Builds every module of [`MODULES`] into `dist`; returns each one's files' site
/// paths.
pub fn build_all(dist: &Path) -> Result<Vec<(&'static str, Vec<String>)>> {
    let mut compile = cargo();
    compile
        .args(["build", "--release", "--target", "wasm32-unknown-unknown"])
        .env_remove("CARGO_TARGET_DIR");
    for (_, krate) in MODULES {
        compile.args(["-p", krate]);
    }
    run(&mut compile)?;
    MODULES
        .iter()
        .map(|&(name, krate)| Ok((name, files(dist, name, krate)?)))
        .collect()
}

/// One module's files, from its built wasm.
fn files(dist: &Path, name: &str, krate: &str) -> Result<Vec<String>> {
    let target = root().join("target");
    let lib = krate.replace('-', "_");
    let wasm = target.join(format!("wasm32-unknown-unknown/release/{lib}.wasm"));
    let out = target.join(name);
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
        .arg(out.join(format!("{lib}_bg.wasm")))
        .env("PATH", tools::path_env()))?;
    let glue = std::fs::read(out.join(format!("{lib}.js")))?;
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
    let js = format!("{name}-{hash}.js");
    let bg = format!("{name}-{hash}_bg.wasm");
    let boot = format!("{name}-boot-{hash}.js");
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

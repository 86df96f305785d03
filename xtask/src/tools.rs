//! Installs what the commands need, once: each check is cheap, so a warm machine
//! skips straight to the work. Versions are pinned here and nowhere else.

use std::path::Path;
use std::process::Command;

use crate::{root, run, Result};

pub const TRUNK: &str = "0.21.14";
pub const WASM_BINDGEN: &str = "0.2.130";

/// The output of `cmd --version`, if the command exists.
fn version_of(cmd: &str) -> Option<String> {
    let out = Command::new(cmd).arg("--version").output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `PATH` with `node_modules/.bin` (our wasm-opt) and cargo's bin directory first,
/// so trunk never picks up Debian's broken wasm-opt.
pub fn path_env() -> String {
    let mut parts = vec![root().join("node_modules/.bin").display().to_string()];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo").into_os_string()))
    {
        parts.push(Path::new(&home).join("bin").display().to_string());
    }
    let current = std::env::var("PATH").unwrap_or_default();
    for dir in current.split(':') {
        if !parts.iter().any(|p| p == dir) {
            parts.push(dir.to_string());
        }
    }
    parts.join(":")
}

/// The wasm target, trunk and wasm-bindgen-cli at the pinned versions, and the
/// npm packages (wasm-opt from `binaryen`, Playwright, axe).
pub fn ensure_build_tools() -> Result<()> {
    ensure_wasm_target()?;
    std::env::set_var("PATH", path_env());
    if !version_of("trunk").is_some_and(|v| v.contains(TRUNK)) {
        eprintln!("installing trunk {TRUNK} (about 10 minutes, once)");
        run(Command::new("cargo").args(["install", "trunk", "--locked", "--version", TRUNK]))?;
    }
    if !version_of("wasm-bindgen").is_some_and(|v| v.contains(WASM_BINDGEN)) {
        eprintln!("installing wasm-bindgen-cli {WASM_BINDGEN} (a few minutes, once)");
        // Not --locked: its lock file wants a crate version this registry lacks.
        run(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--force",
            "--version",
            WASM_BINDGEN,
        ]))?;
    }
    ensure_node_modules()
}

/// The wasm target of the toolchain (for the wasm lints and the build).
pub fn ensure_wasm_target() -> Result<()> {
    let targets = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()?;
    if !String::from_utf8_lossy(&targets.stdout).contains("wasm32-unknown-unknown") {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

/// `npm ci` when `node_modules` is missing or older than `package-lock.json`.
fn ensure_node_modules() -> Result<()> {
    let lock = root().join("package-lock.json");
    let stamp = root().join("node_modules/.package-lock.json");
    let fresh = match (std::fs::metadata(&lock), std::fs::metadata(&stamp)) {
        (Ok(l), Ok(s)) => s.modified()? >= l.modified()?,
        _ => false,
    };
    if !fresh || !root().join("node_modules/.bin/wasm-opt").exists() {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(root()))?;
    }
    Ok(())
}

/// Debian's Chromium and ChromeDriver for the browser tests.
pub fn ensure_chromium() -> Result<()> {
    if Path::new("/usr/bin/chromium").exists() {
        return Ok(());
    }
    eprintln!("installing Debian's chromium for the browser tests");
    apt_install(&["chromium", "chromium-driver"])
}

/// Where Debian puts nginx's module that serves the `.br` files.
pub const NGINX_BROTLI_MODULE: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

/// Debian's nginx with the brotli module, and openssl for a test certificate: the
/// browser tests run against the README's nginx configuration too.
pub fn ensure_nginx() -> Result<()> {
    let module = Path::new(NGINX_BROTLI_MODULE);
    if Path::new("/usr/sbin/nginx").exists()
        && module.exists()
        && Path::new("/usr/bin/openssl").exists()
    {
        return Ok(());
    }
    eprintln!("installing Debian's nginx for the browser tests");
    apt_install(&["nginx", "libnginx-mod-http-brotli-static", "openssl"])
}

/// `apt-get install -y`, after `apt-get update` if the package lists are stale.
fn apt_install(packages: &[&str]) -> Result<()> {
    let sudo = if is_root() { vec![] } else { vec!["sudo"] };
    let apt = |args: &[&str]| {
        let mut all = sudo.clone();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut cmd = Command::new(all[0]);
        cmd.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    let install: Vec<&str> = ["install", "-y"].iter().chain(packages).copied().collect();
    if apt(&install).is_err() {
        apt(&["update"])?;
        apt(&install)?;
    }
    Ok(())
}

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

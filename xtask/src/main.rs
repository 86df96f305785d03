//! The project's commands, run as `cargo xtask <command>`:
//!
//! - `serve`: build the production site and serve it locally with production headers.
//! - `test`: every check: rustfmt, clippy, native tests, the site build, browser tests.
//! - `dist`: the production site into `dist/`.
//! - `bench`: the budgets, printed as `name: value` lines.
//! - `flows`: each life-event flow as a graph (Mermaid; `--dot` for Graphviz;
//!   `--paths` counts the paths).
//!
//! Each command installs what it is missing first (see [`tools`]).

mod bench;
mod boundaries;
mod compress;
mod dist;
mod extras;
mod headers;
mod nginx;
mod server;
mod sw;
mod tools;

use std::path::PathBuf;
use std::process::{Command, ExitCode};

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the repository")
        .to_path_buf()
}

/// Runs a command, echoing it, and fails if it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("$ {}", format!("{cmd:?}").replace('"', ""));
    let status = cmd.status()?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("command failed ({status}): {cmd:?}").into())
    }
}

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root());
    cmd
}

const USAGE: &str =
    "usage: cargo xtask <serve [--port N] [--no-build] [--nginx] | test | dist | bench | flows [--dot | --paths] | boundaries --geojson <dir>>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => test(),
        Some("dist") => dist::build().map(|_| ()),
        Some("bench") => bench::run(),
        Some("boundaries") => boundaries::run(&args[1..]).map_err(Into::into),
        Some("flows") => run(cargo()
            .args(["run", "--quiet", "-p", "thu-tuc-xa", "--bin", "flows", "--"])
            .args(&args[1..])),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: &[String]) -> Result<()> {
    let mut port = "8080".to_string();
    let mut build = true;
    let mut with_nginx = false;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => port = args.next().ok_or(USAGE)?.clone(),
            // Serve dist/ as it is (after `cargo xtask dist`), for a quick look.
            "--no-build" => build = false,
            // The README's nginx configuration on a real nginx, as the tests use it.
            "--nginx" => with_nginx = true,
            _ => return Err(USAGE.into()),
        }
    }
    let dist = if build {
        dist::build()?
    } else {
        root().join("dist")
    };
    if with_nginx {
        let nginx = nginx::start(&dist, &headers::frame_ancestors_from_env()?)?;
        println!(
            "Thủ tục xã is served by nginx at {}/ ({} redirects there; certificate {}). Ctrl+C to stop.",
            nginx.url,
            nginx.http_url,
            nginx.certificate.display()
        );
        loop {
            std::thread::park();
        }
    }
    let server = server::start(
        dist,
        &format!("127.0.0.1:{port}"),
        &headers::frame_ancestors_from_env()?,
    )?;
    println!("Thủ tục xã is served at {}/ (Ctrl+C to stop)", server.url());
    server.join();
    Ok(())
}

fn test() -> Result<()> {
    run(cargo().args(["fmt", "--all", "--check"]))?;
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--features",
        "thu-tuc-xa/ssr",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo().args(["test", "-p", "thu-tuc-xa", "--features", "ssr"]))?;
    run(cargo().args(["test", "-p", "xtask"]))?;
    run(cargo().args(["test", "-p", "thu-tuc-xa-extras"]))?;
    let dist = dist::build()?;
    run(cargo().args([
        "clippy",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--features",
        "hydrate",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(cargo().args([
        "clippy",
        "-p",
        "thu-tuc-xa-extras",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;
    tools::ensure_chromium()?;
    let server = server::start(dist.clone(), "127.0.0.1:0", nginx::TEST_FRAME_ANCESTORS)?;
    let mut node = Command::new("node");
    node.args(["--test", "--test-concurrency=1", "tests/browser/"])
        .current_dir(root())
        .env("BASE_URL", server.url());
    run(&mut node)?;
    // The README's nginx configuration, on a real nginx over HTTPS.
    let nginx = nginx::start(&dist, nginx::TEST_FRAME_ANCESTORS)?;
    run(&mut nginx.node_test(&nginx::SUITES))?;
    println!("all tests passed");
    Ok(())
}

//! The project's commands, run as `cargo xtask <command>`:
//!
//! - `serve`: build the production site and serve it locally with production headers.
//! - `check`: the inner loop: rustfmt, clippy (native and both wasm targets) and
//!   the native tests, each step timed.
//! - `test`: every check: `check`'s, then the site build and the browser tests.
//! - `dist`: the production site into `dist/` (`--no-precompress`: without the
//!   `.br` and `.gz` copies, for hosts that compress as they serve).
//! - `bench`: the budgets, printed as `name: value` lines.
//! - `fuzz`: the property tests of every reader of outside input, with many more
//!   cases than `cargo test` runs and a new seed each run ([`fuzz`]).
//! - `flows`: each life-event flow as a graph (Mermaid; `--dot` for Graphviz;
//!   `--paths` counts the paths).
//!
//! Each command installs what it is missing first (see [`tools`]).

mod bench;
mod boundaries;
mod compress;
mod dist;
mod extras;
mod fuzz;
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
    "usage: cargo xtask <serve [--port N] [--no-build] [--nginx] | check | test | dist [--no-precompress] | bench | fuzz [--cases N] [--seed N] | flows [--dot | --paths | --outcomes] | boundaries --geojson <dir>>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("check") => check().map(|_| ()),
        Some("test") => test(),
        Some("dist") => match args.get(1).map(String::as_str) {
            None => dist::build().map(|_| ()),
            Some("--no-precompress") => dist::build_with(dist::Precompress::None).map(|_| ()),
            Some(_) => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        },
        Some("bench") => bench::run(),
        Some("fuzz") => fuzz::run_props(&args[1..]),
        Some("boundaries") => boundaries::run(&args[1..]).map_err(Into::into),
        Some("flows") => run(cargo().args(FLOWS_BIN).arg("--").args(&args[1..])),
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

/// `cargo run` of the `flows` binary with the features the tests and the
/// prerenderer build the app with, so that it reuses their build.
pub const FLOWS_BIN: [&str; 8] = [
    "run",
    "--quiet",
    "-p",
    "thu-tuc-xa",
    "--features",
    "ssr",
    "--bin",
    "flows",
];

/// The steps of `check`: each a cargo command, named for the timings.
fn check_steps() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("rustfmt", vec!["fmt", "--all", "--check"]),
        // The wasm lints first: they fail fastest.
        (
            "clippy wasm (app)",
            vec![
                "clippy",
                "-p",
                "thu-tuc-xa",
                "--lib",
                "--target",
                "wasm32-unknown-unknown",
                "--features",
                "hydrate",
                "--",
                "-D",
                "warnings",
            ],
        ),
        (
            "clippy wasm (extras, forms)",
            vec![
                "clippy",
                "-p",
                "thu-tuc-xa-extras",
                "-p",
                "thu-tuc-xa-forms",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ],
        ),
        (
            "clippy native",
            vec![
                "clippy",
                "--workspace",
                "--all-targets",
                "--features",
                "thu-tuc-xa/ssr",
                "--",
                "-D",
                "warnings",
            ],
        ),
        (
            "native tests",
            vec!["test", "--workspace", "--features", "thu-tuc-xa/ssr"],
        ),
    ]
}

/// rustfmt, clippy on every target and the native tests, each step timed.
/// Returns the whole time in seconds.
pub fn check() -> Result<f64> {
    tools::ensure_wasm_target()?;
    let started = std::time::Instant::now();
    let mut times = Vec::new();
    for (name, args) in check_steps() {
        let step = std::time::Instant::now();
        run(cargo().args(&args))?;
        times.push((name, step.elapsed().as_secs_f64()));
    }
    let total = started.elapsed().as_secs_f64();
    for (name, s) in &times {
        println!("check: {name} {s:.0} s");
    }
    println!("check: all {total:.0} s");
    Ok(total)
}

/// What a cold `cargo xtask test` writes, in GB, measured on a fresh clone:
/// `target/` 3.6, `dist/` 0.6, `node_modules/` 0.3, and 0.7 in `~/.cargo`.
const COLD_TEST_GB: f64 = 5.2;

/// Says so at the start when the disk has less room than a cold run writes,
/// so that a run that fails later for want of space (a linker's "Bus error")
/// is explained at the top of its log. Only a warning: a warm run writes less.
fn warn_if_disk_is_short() {
    let Ok(out) = Command::new("df").arg("-Pk").arg(root()).output() else {
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    // POSIX `df -P`: a header, then "filesystem blocks used available capacity mount".
    let free_kb = text
        .lines()
        .nth(1)
        .and_then(|line| line.split_whitespace().nth(3))
        .and_then(|n| n.parse::<f64>().ok());
    if let Some(free_kb) = free_kb {
        let free_gb = free_kb / 1024.0 / 1024.0;
        if free_gb < COLD_TEST_GB {
            eprintln!(
                "xtask test: warning: {free_gb:.1} GB free on the disk of {}; a cold run writes \
                 about {COLD_TEST_GB} GB (target/, dist/, node_modules/, ~/.cargo) and may run out of space",
                root().display()
            );
        }
    }
}

pub fn test() -> Result<()> {
    warn_if_disk_is_short();
    check()?;
    // The browser tests need no `.br`/`.gz` copy of every page, only of the
    // app's own files (the compressed answers they check).
    let dist = dist::build_with(dist::Precompress::Assets)?;
    tools::ensure_chromium()?;
    let server = server::start(dist.clone(), "127.0.0.1:0", nginx::TEST_FRAME_ANCESTORS)?;
    // Each suite runs once: those about what a host serves (headers, offline,
    // frames, addresses, deploys) on nginx below, the others on the local server.
    let mut local: Vec<String> = std::fs::read_dir(root().join("tests/browser"))?
        .filter_map(|e| e.ok())
        .map(|e| format!("tests/browser/{}", e.file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".test.mjs") && !nginx::SUITES.contains(&f.as_str()))
        .collect();
    local.sort();
    let mut node = Command::new("node");
    node.args(["--test", "--test-concurrency=1"])
        .args(&local)
        .current_dir(root())
        .env("BASE_URL", server.url());
    run(&mut node)?;
    // The README's nginx configuration, on a real nginx over HTTPS.
    let nginx = nginx::start(&dist, nginx::TEST_FRAME_ANCESTORS)?;
    run(&mut nginx.node_test(&nginx::SUITES))?;
    println!("all tests passed");
    Ok(())
}

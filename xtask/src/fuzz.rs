//! `cargo xtask fuzz [--cases N] [--seed N]`: the property tests of every
//! reader of outside input (`core/tests/props.rs`, `tests/all/props.rs`), run
//! longer than `cargo test` runs them: 5,000,000 cases per property unless told,
//! from a new seed each run. The seed is printed first, and again on a failure,
//! with the command that replays the run. The same build as the native tests
//! (`cargo test --workspace --features thu-tuc-xa/ssr`).

use std::time::{SystemTime, UNIX_EPOCH};

use crate::{cargo, run, Result, USAGE};

/// Read by `core/tests/props_runner/mod.rs`.
const CASES_VAR: &str = "THU_TUC_XA_PROPTEST_CASES";
const SEED_VAR: &str = "THU_TUC_XA_PROPTEST_SEED";

const CASES: u32 = 5_000_000;

pub fn run_props(args: &[String]) -> Result<()> {
    let mut cases = CASES;
    let mut seed: Option<u64> = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(USAGE);
        match arg.as_str() {
            "--cases" => cases = value()?.parse().map_err(|_| USAGE)?,
            "--seed" => seed = Some(value()?.parse().map_err(|_| USAGE)?),
            _ => return Err(USAGE.into()),
        }
    }
    let seed = seed.unwrap_or_else(|| {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        now.as_secs() ^ (u64::from(now.subsec_nanos()) << 20) ^ u64::from(std::process::id())
    });
    let replay = format!("cargo xtask fuzz --seed {seed} --cases {cases}");
    println!("fuzz: seed {seed}, {cases} cases per property (replay: {replay})");
    let started = std::time::Instant::now();
    // The core's properties, then the app's (in its one test binary).
    let runs: [&[&str]; 2] = [
        &["--test", "props", "--", "--nocapture"],
        &["--test", "all", "--", "--nocapture", "props::"],
    ];
    for tests in runs {
        let mut cmd = cargo();
        cmd.args(["test", "--workspace", "--features", "thu-tuc-xa/ssr"])
            .args(tests)
            .env(CASES_VAR, cases.to_string())
            .env(SEED_VAR, seed.to_string());
        if let Err(e) = run(&mut cmd) {
            eprintln!("fuzz: a property failed with seed {seed}; replay: {replay}");
            return Err(e);
        }
    }
    println!(
        "fuzz: every property held for {cases} cases (seed {seed}) in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

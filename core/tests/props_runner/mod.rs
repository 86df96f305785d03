//! How the property tests run (`core/tests/props.rs` and the app's
//! `tests/all/props.rs`, which includes this file): how many cases, from which
//! seed, and what a failure prints.
//!
//! The normal test run is deterministic: [`CASES`] cases of every property from
//! the fixed [`SEED`] (ChaCha), so a failure in CI is the same failure on any
//! machine. `cargo xtask fuzz` runs the same properties longer, from a new seed
//! each time, through two environment variables:
//!
//! - `THU_TUC_XA_PROPTEST_CASES`: cases per property (default [`CASES`]);
//! - `THU_TUC_XA_PROPTEST_SEED`: the seed (default [`SEED`]); a failure prints
//!   the seed and the command that replays it.

use std::fmt::Debug;
use std::time::Instant;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed, TestCaseError, TestError, TestRunner};

/// Cases per property in the normal test run.
pub const CASES: u32 = 100_000;
/// The normal test run's seed (the issue that asked for these tests).
pub const SEED: u64 = 20;

pub const CASES_VAR: &str = "THU_TUC_XA_PROPTEST_CASES";
pub const SEED_VAR: &str = "THU_TUC_XA_PROPTEST_SEED";

fn from_env<T: std::str::FromStr>(name: &str, default: T) -> T {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a whole number")),
        Err(_) => default,
    }
}

pub fn cases() -> u32 {
    from_env(CASES_VAR, CASES)
}

pub fn seed() -> u64 {
    from_env(SEED_VAR, SEED)
}

/// Each property its own stream of inputs from the one seed (FNV-1a of its name).
fn seed_for(name: &str, seed: u64) -> u64 {
    name.bytes().fold(seed ^ 0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The CPU time this thread has used, in seconds, where Linux tells it
/// (`/proc/thread-self/stat`, in ticks of 1/100 s): a busy shared machine
/// stretches the wall-clock time, not this.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/stat").ok()?;
    // The fields after the command's name (which may hold spaces): state, then
    // ten more, then utime and stime.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

/// Runs `test` on [`cases`] inputs of `strategy`; on a failure (an `Err` or a
/// panic), panics with the smallest failing input proptest found, the seed, and
/// how to replay it. Prints how long the property took (`--nocapture`).
pub fn check<S>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S: Strategy,
    S::Value: Debug,
{
    let (cases, seed) = (cases(), seed());
    let config = Config {
        cases,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(seed_for(name, seed)),
        failure_persistence: None,
        max_shrink_iters: 4096,
        ..Config::default()
    };
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let mut runner = TestRunner::new(config);
    match runner.run(&strategy, test) {
        Ok(()) => {
            let cpu = match (cpu, cpu_seconds()) {
                (Some(a), Some(b)) => format!(", {:.1} s of CPU", b - a),
                _ => String::new(),
            };
            eprintln!(
                "property {name}: {cases} cases in {:.1} s{cpu} (seed {seed})",
                start.elapsed().as_secs_f64()
            );
        }
        Err(TestError::Fail(why, input)) => panic!(
            "property {name} fails: {why}\nsmallest failing input: {input:#?}\n\
             seed {seed}, {cases} cases; replay: {SEED_VAR}={seed} {CASES_VAR}={cases} cargo test …"
        ),
        Err(TestError::Abort(why)) => panic!("property {name} aborted: {why} (seed {seed})"),
    }
}

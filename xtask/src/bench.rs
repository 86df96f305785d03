//! `cargo xtask bench`: the figures the issues set budgets on, printed as
//! `name: value` lines, then checked against their budgets.

use std::path::Path;

use std::process::Command;

use crate::{
    cargo, compress, dist, headers, nginx, root, run as run_cmd, server, sw, tools, Result,
};

fn mb(bytes: u64) -> f64 {
    (bytes as f64 / 1_048_576.0 * 10.0).round() / 10.0
}

/// The size of `dist/` a static host sees.
struct Hosted {
    /// Without the precompressed siblings.
    files: usize,
    bytes: u64,
    /// With them.
    all_files: usize,
    all_bytes: u64,
    /// The largest file, and its size.
    largest: (String, u64),
}

fn hosted_size(dist: &Path) -> Result<Hosted> {
    let mut h = Hosted {
        files: 0,
        bytes: 0,
        all_files: 0,
        all_bytes: 0,
        largest: (String::new(), 0),
    };
    let mut dirs = vec![dist.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let entry = entry?;
            let path = entry.path();
            let meta = entry.metadata()?;
            if meta.is_dir() {
                dirs.push(path);
                continue;
            }
            let name = path.to_string_lossy().to_string();
            h.all_files += 1;
            h.all_bytes += meta.len();
            if name.ends_with(".br") || name.ends_with(".gz") {
                continue;
            }
            h.files += 1;
            h.bytes += meta.len();
            if meta.len() > h.largest.1 {
                h.largest = (name, meta.len());
            }
        }
    }
    println!(
        "largest file: {} ({} bytes)",
        h.largest.0.trim_start_matches(&*dist.to_string_lossy()),
        h.largest.1
    );
    Ok(h)
}

fn kb(bytes: usize) -> f64 {
    (bytes as f64 / 1024.0 * 10.0).round() / 10.0
}

fn brotli_of(dist: &Path, files: &[String]) -> Result<usize> {
    let mut total = 0;
    for f in files {
        total += compress::brotli_len(&std::fs::read(dist.join(f))?);
    }
    Ok(total)
}

/// How long the inner loop and the whole test take after a one-line change in
/// `src/app/` (its time stamp, which is what cargo looks at), each measured here.
fn warm_times() -> Result<(f64, f64)> {
    let changed = root().join("src/app/nav.rs");
    let touch = || -> Result<()> {
        let file = std::fs::File::options().append(true).open(&changed)?;
        file.set_modified(std::time::SystemTime::now())?;
        Ok(())
    };
    // Warm first: what the loop costs after a change, not after a checkout.
    crate::check()?;
    touch()?;
    let check = crate::check()?;
    touch()?;
    let started = std::time::Instant::now();
    crate::test()?;
    Ok((check, started.elapsed().as_secs_f64()))
}

pub fn run() -> Result<()> {
    let (check_s, test_s) = warm_times()?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let dist = dist::build()?;
    let home = std::fs::read_to_string(dist.join("index.html"))?;
    let html = compress::brotli_len(home.as_bytes());
    let css = brotli_of(&dist, &dist::assets(&home, &[".css"]))?;
    let code = brotli_of(&dist, &dist::assets(&home, &[".js", ".wasm"]))?;
    // Embedded: the portal's embed.js, then the framed page with the same code: the
    // home page (the snippet's default), and a life event (whose page carries every
    // view of its flow).
    let embed_js = brotli_of(&dist, &["embed.js".to_string()])?;
    let flow_page = brotli_of(&dist, &["su-kien/sinh-con/index.html".to_string()])?;
    let extras = brotli_of(
        &dist,
        &std::fs::read_dir(&dist)?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with("extras-") && !n.ends_with(".br") && !n.ends_with(".gz"))
            .collect::<Vec<_>>(),
    )?;
    let forms_module = brotli_of(
        &dist,
        &std::fs::read_dir(&dist)?
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with("forms-") && !n.ends_with(".br") && !n.ends_with(".gz"))
            .collect::<Vec<_>>(),
    )?;
    let forms = browser_figures(&dist, "bench-forms.mjs")?;
    let hosted = hosted_size(&dist)?;
    let open_data: Vec<String> = std::fs::read_dir(dist.join("du-lieu/v1"))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.ends_with(".br") && !n.ends_with(".gz"))
        .map(|n| format!("du-lieu/v1/{n}"))
        .collect();
    let open_data_brotli = brotli_of(&dist, &open_data)?;
    // The site's change feed: one entry per change of a procedure or flow.
    let feed_entries = std::fs::read_to_string(dist.join("thay-doi.xml"))?
        .matches("<entry>")
        .count();
    let procedures = count_pages(&dist.join("thu-tuc"))?;
    let indexed = count_in_pages(&dist.join("danh-muc"), "class=\"index-entry\"")?;
    let flows = count_pages(&dist.join("su-kien"))?;
    let paths = flow_paths()?;
    let places = figures_of("places")?;
    let search = figures_of("search")?;
    let facts = figures_of("facts")?;
    let search_index = brotli_of(
        &dist,
        &["search/vi.txt".to_string(), "search/places.txt".to_string()],
    )?;
    let side = search_side_by_side(&dist)?;
    let phone = like_a_phone(&dist)?;
    let (shard_max, places_total) = place_pieces(&dist)?;
    let (polygons_max, polygons_total) = polygon_pieces(&dist)?;
    let fuzz = url_fuzz(&dist)?;
    let on_nginx = nginx_suites(&dist)?;
    let outcomes = outcome_lengths(&dist)?;
    let step_ms = flow_step_ms_p95(&dist, 1)?;
    let step_ms_slow = flow_step_ms_p95(&dist, 4)?;
    let (abuse_passed, abuse_failed) = server::abuse::score();
    for failure in &abuse_failed {
        eprintln!("server abuse case failed: {failure}");
    }
    let abuse_cases = server::abuse::cases().len();
    let mut gzip = compress::gzip_len(home.as_bytes());
    for f in dist::assets(&home, &[".css", ".js", ".wasm"]) {
        gzip += compress::gzip_len(&std::fs::read(dist.join(f))?);
    }

    let figures = [
        ("cores", cores as f64, None, ""),
        ("check_warm_s", check_s.round(), Some(180.0), "≤"),
        ("test_warm_s", test_s.round(), Some(600.0), "≤"),
        (
            "critical_path_brotli_kb",
            kb(html + css + code),
            Some(150.0),
            "≤",
        ),
        ("first_paint_brotli_kb", kb(html + css), Some(30.0), "≤"),
        ("embed_js_brotli_kb", kb(embed_js), Some(3.0), "≤"),
        (
            "critical_path_embedded_brotli_kb",
            kb(embed_js + html + css + code),
            Some(150.0),
            "≤",
        ),
        (
            "critical_path_embedded_flow_brotli_kb",
            kb(embed_js + flow_page + css + code),
            None,
            "",
        ),
        ("extras_brotli_kb", kb(extras), None, ""),
        ("forms_module_brotli_kb", kb(forms_module), None, ""),
        ("open_data_files", open_data.len() as f64, None, ""),
        ("open_data_brotli_kb", kb(open_data_brotli), None, ""),
        ("feed_entries", feed_entries as f64, None, ""),
        // What a static host must accept: the files without their .br/.gz
        // siblings (`cargo xtask dist --no-precompress`) and with them.
        ("dist_files", hosted.files as f64, Some(20_000.0), "≤"),
        (
            "dist_files_precompressed",
            hosted.all_files as f64,
            None,
            "",
        ),
        ("dist_mb", mb(hosted.bytes), None, ""),
        ("dist_mb_precompressed", mb(hosted.all_bytes), None, ""),
        ("dist_largest_file_mb", mb(hosted.largest.1), None, ""),
        ("forms", forms("forms")?, Some(8.0), "≥"),
        ("form_fields", forms("form_fields")?, None, ""),
        (
            "form_print_pages_max",
            forms("form_print_pages_max")?,
            Some(2.0),
            "≤",
        ),
        (
            "working_days_cases_tested",
            facts("working_days_cases_tested")?,
            None,
            "",
        ),
        ("wasm_js_brotli_kb", kb(code), None, ""),
        ("critical_path_gzip_kb", kb(gzip), None, ""),
        ("procedures_detailed", procedures as f64, Some(60.0), "≥"),
        ("procedures_indexed", indexed as f64, Some(581.0), "≥"),
        ("flows", flows as f64, Some(9.0), "≥"),
        ("flow_paths_tested", paths as f64, None, ""),
        ("flow_step_ms_p95", step_ms, Some(50.0), "≤"),
        ("flow_step_ms_p95_cpu4x", step_ms_slow, Some(50.0), "≤"),
        (
            "outcomes_measured",
            outcomes("outcomes_measured")?,
            None,
            "",
        ),
        (
            "outcome_screens_max",
            outcomes("outcome_screens_max")?,
            Some(4.0),
            "≤",
        ),
        (
            "outcome_actions_screen_max",
            outcomes("outcome_actions_screen_max")?,
            Some(2.0),
            "≤",
        ),
        ("communes", places("communes")?, Some(3321.0), "="),
        (
            "old_wards_mapped",
            places("old_wards_mapped")?,
            Some(10035.0),
            "≥",
        ),
        (
            "nearest_commune_us",
            places("nearest_commune_us")?,
            Some(1000.0),
            "≤",
        ),
        (
            "communes_with_office_text",
            places("communes_with_office_text")?,
            Some(3200.0),
            "≥",
        ),
        (
            "communes_with_street_address",
            places("communes_with_street_address")?,
            Some(1700.0),
            "≥",
        ),
        (
            "places_province_shard_brotli_kb_max",
            kb(shard_max),
            Some(15.0),
            "≤",
        ),
        ("places_total_brotli_kb", kb(places_total), Some(250.0), "≤"),
        (
            "communes_with_polygon",
            places("communes_with_polygon")?,
            Some(3321.0),
            "=",
        ),
        (
            "places_point_outside_polygon",
            places("places_point_outside_polygon")?,
            Some(0.0),
            "=",
        ),
        (
            "polygons_province_brotli_kb_max",
            kb(polygons_max),
            Some(60.0),
            "≤",
        ),
        ("polygons_total_brotli_kb", kb(polygons_total), None, ""),
        ("where_am_i_us", places("where_am_i_us")?, Some(500.0), "≤"),
        ("url_fuzz_pages", fuzz("url_fuzz_pages")?, Some(1000.0), "≥"),
        ("url_fuzz_panics", fuzz("url_fuzz_panics")?, Some(0.0), "="),
        (
            "nginx_browser_tests_passed",
            on_nginx("pass")?,
            Some(on_nginx("tests")?),
            "=",
        ),
        (
            "search_queries",
            search("search_queries")?,
            Some(160.0),
            "≥",
        ),
        ("search_p95_us", search("search_p95_us")?, Some(2000.0), "≤"),
        ("search_index_brotli_kb", kb(search_index), None, ""),
        (
            "search_recall_at5",
            search("search_recall_at5")?,
            Some(0.97),
            "≥",
        ),
        ("search_bytes_kb", side("search_bytes_kb")?, None, ""),
        (
            "search_ms_per_query",
            side("search_ms_per_query")?,
            None,
            "",
        ),
        (
            "search_browser_recall_at5",
            side("search_browser_recall_at5")?,
            None,
            "",
        ),
        ("pagefind_bytes_kb", side("pagefind_bytes_kb")?, None, ""),
        (
            "pagefind_ms_per_query",
            side("pagefind_ms_per_query")?,
            None,
            "",
        ),
        (
            "pagefind_recall_at5",
            side("pagefind_recall_at5")?,
            None,
            "",
        ),
        (
            "lighthouse_performance_min",
            phone("lighthouse_performance_min")?,
            Some(98.0),
            "≥",
        ),
        (
            "lighthouse_accessibility_min",
            phone("lighthouse_accessibility_min")?,
            Some(100.0),
            "=",
        ),
        (
            "lighthouse_best_practices_min",
            phone("lighthouse_best_practices_min")?,
            Some(100.0),
            "=",
        ),
        (
            "lighthouse_seo_min",
            phone("lighthouse_seo_min")?,
            Some(100.0),
            "=",
        ),
        ("lcp_ms_max", phone("lcp_ms_max")?, Some(1200.0), "≤"),
        (
            "repeat_visit_network_bytes",
            phone("repeat_visit_network_bytes")?,
            Some(0.0),
            "=",
        ),
        ("facts_hard", facts("facts_hard")?, None, ""),
        (
            "facts_sourced",
            facts("facts_sourced")?,
            Some(facts("facts_hard")?),
            "=",
        ),
        ("facts_unsettled", facts("facts_unsettled")?, None, ""),
        (
            "facts_varies_by_province",
            facts("facts_varies_by_province")?,
            None,
            "",
        ),
        (
            "facts_changing_within_90_days",
            facts("facts_changing_within_90_days")?,
            None,
            "",
        ),
        ("legal_documents", facts("legal_documents")?, None, ""),
        (
            "pages_relying_on_replaced_law",
            facts("pages_relying_on_replaced_law")?,
            Some(0.0),
            "=",
        ),
        (
            "procedures_reviewed",
            facts("procedures_reviewed")?,
            Some(procedures as f64),
            "=",
        ),
        ("flows_reviewed", facts("flows_reviewed")?, None, ""),
        ("glossary_reviewed", facts("glossary_reviewed")?, None, ""),
        (
            "conditional_docs_decided",
            facts("conditional_docs_decided")?,
            None,
            "",
        ),
        (
            "conditional_docs_open",
            facts("conditional_docs_open")?,
            None,
            "",
        ),
        (
            "conditional_docs_undecided",
            facts("conditional_docs_undecided")?,
            Some(0.0),
            "=",
        ),
        (
            "sw_precache_brotli_kb",
            kb(sw_precache_brotli(&dist)?),
            Some(450.0),
            "≤",
        ),
        (
            "server_abuse_cases_passed",
            abuse_passed as f64,
            Some(abuse_cases as f64),
            "=",
        ),
    ];
    let mut over = Vec::new();
    for (name, value, budget, rel) in figures {
        println!("{name}: {value}");
        if let Some(b) = budget {
            let ok = match rel {
                "≤" => value <= b,
                "=" => value == b,
                _ => value >= b,
            };
            if !ok {
                over.push(format!("{name} = {value}, budget {rel} {b}"));
            }
        }
    }
    // Side by side with Pagefind: ours must win on all three.
    println!();
    println!(
        "{:<22} {:>12} {:>12}",
        "search, query set", "this site", "Pagefind"
    );
    for (what, ours, theirs, lower_wins) in [
        (
            "bytes downloaded (KB)",
            "search_bytes_kb",
            "pagefind_bytes_kb",
            true,
        ),
        (
            "time per query (ms)",
            "search_ms_per_query",
            "pagefind_ms_per_query",
            true,
        ),
        (
            "recall@5",
            "search_browser_recall_at5",
            "pagefind_recall_at5",
            false,
        ),
    ] {
        let (a, b) = (side(ours)?, side(theirs)?);
        println!("{what:<22} {a:>12} {b:>12}");
        let wins = if lower_wins { a < b } else { a > b };
        if !wins {
            over.push(format!("{what}: this site {a}, Pagefind {b}"));
        }
    }
    // Recall@5 per category of the query set: this site (native, and in the
    // browser) and Pagefind, on the same queries.
    let categories = query_categories()?;
    println!();
    println!(
        "{:<22} {:>8} {:>12} {:>12} {:>12}",
        "recall@5 by category", "queries", "this site", "in browser", "Pagefind"
    );
    for c in &categories {
        let key = c.replace('-', "_");
        let n = search(&format!("search_queries_{key}"))?;
        let ours = search(&format!("search_recall_at5_{key}"))?;
        let browser = side(&format!("search_browser_recall_at5_{key}"))?;
        let theirs = side(&format!("pagefind_recall_at5_{key}"))?;
        println!("{c:<22} {n:>8} {ours:>12} {browser:>12} {theirs:>12}");
    }
    for c in &categories {
        let key = c.replace('-', "_");
        for name in [
            format!("search_recall_at5_{key}"),
            format!("search_browser_recall_at5_{key}"),
            format!("pagefind_recall_at5_{key}"),
        ] {
            let value = if name.starts_with("search_recall") {
                search(&name)?
            } else {
                side(&name)?
            };
            println!("{name}: {value}");
        }
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(format!("over budget: {}", over.join("; ")).into())
    }
}

/// The query set's categories, in its order, as the search figures name them
/// (`search_queries_<category>` lines of `src/bin/search.rs`).
fn query_categories() -> Result<Vec<String>> {
    let text = std::fs::read_to_string(root().join("tests/search-queries.toml"))?;
    let mut out: Vec<String> = Vec::new();
    for line in text.lines() {
        if let Some(c) = line.strip_prefix("category = ") {
            let c = c.trim().trim_matches('"').to_string();
            if !out.contains(&c) {
                out.push(c);
            }
        }
    }
    Ok(out)
}

/// How often `needle` occurs in the pages (`*/index.html`) under `dir`.
fn count_in_pages(dir: &Path, needle: &str) -> Result<usize> {
    let mut n = 0;
    for entry in std::fs::read_dir(dir)? {
        let page = entry?.path().join("index.html");
        if page.exists() {
            n += std::fs::read_to_string(page)?.matches(needle).count();
        }
    }
    Ok(n)
}

/// Procedure pages: directories under `thu-tuc/` holding an `index.html`.
fn count_pages(dir: &Path) -> Result<usize> {
    let mut n = 0;
    for entry in std::fs::read_dir(dir)? {
        if entry?.path().join("index.html").exists() {
            n += 1;
        }
    }
    Ok(n)
}

/// The `name: value` figures a binary of the app prints (a release build, for
/// honest timings): `src/bin/places.rs`, `src/bin/search.rs`.
fn figures_of(bin: &str) -> Result<impl Fn(&str) -> Result<f64>> {
    Ok(figures_in(app_bin(bin, &[])?))
}

/// What a binary of the app (a release build) prints.
fn app_bin(bin: &str, args: &[&str]) -> Result<String> {
    let out = cargo()
        .args([
            "run",
            "--quiet",
            "--release",
            "-p",
            "thu-tuc-xa",
            "--bin",
            bin,
            "--",
        ])
        .args(args)
        .output()?;
    if !out.status.success() {
        return Err(format!("{bin} failed: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8(out.stdout)?)
}

/// The pieces of place data a browser may fetch, brotli: the fragments of the
/// province pages (each commune's link, name and place, which the nearest search
/// reads too) and of the old-province pages. Returns (largest, total).
fn place_pieces(dist: &Path) -> Result<(usize, usize)> {
    let mut files = Vec::new();
    for dir in ["fragments/noi-nop", "fragments/noi-nop/dia-chi-cu"] {
        for entry in std::fs::read_dir(dist.join(dir))? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "html") {
                files.push(path);
            }
        }
    }
    let (mut max, mut total) = (0, 0);
    for f in files {
        let n = compress::brotli_len(&std::fs::read(&f)?);
        max = max.max(n);
        total += n;
    }
    Ok((max, total))
}

/// Every path of every flow, as counted by the build (`tests/flows.rs` walks each).
fn flow_paths() -> Result<usize> {
    let out = cargo()
        .args([
            "run",
            "--quiet",
            "-p",
            "thu-tuc-xa",
            "--bin",
            "flows",
            "--",
            "--paths",
        ])
        .output()?;
    let text = String::from_utf8(out.stdout)?;
    text.lines()
        .find_map(|l| l.strip_prefix("total: "))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| format!("no path count in: {text}").into())
}

/// Time from tapping "Continue" to the next question shown and laid out, in
/// Chromium, over many steps of every flow; `throttle` slows the CPU (4: a cheap
/// phone). A run's p95 on this shared 2-core machine swings by ±10 ms from run to
/// run (38 to 69 ms at 4× in five runs in a row, nothing else running), so the
/// figure is the median of three runs, each printed.
fn flow_step_ms_p95(dist: &Path, throttle: u32) -> Result<f64> {
    tools::ensure_chromium()?;
    let server = server::start(
        dist.to_path_buf(),
        "127.0.0.1:0",
        headers::DEFAULT_FRAME_ANCESTORS,
    )?;
    let name = if throttle == 1 {
        "flow_step_ms_p95: ".to_string()
    } else {
        format!("flow_step_ms_p95_cpu{throttle}x: ")
    };
    let mut runs = Vec::new();
    for _ in 0..3 {
        let out = Command::new("node")
            .arg("tests/browser/bench-flow.mjs")
            .current_dir(root())
            .env("BASE_URL", server.url())
            .env("CPU_THROTTLE", throttle.to_string())
            .output()?;
        if !out.status.success() {
            return Err(format!(
                "bench-flow.mjs failed: {}",
                String::from_utf8_lossy(&out.stderr)
            )
            .into());
        }
        let text = String::from_utf8(out.stdout)?;
        eprint!("{text}");
        let p95: f64 = text
            .lines()
            .find_map(|l| l.strip_prefix(name.as_str()))
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| format!("no figure in: {text}"))?;
        runs.push(p95);
    }
    runs.sort_by(f64::total_cmp);
    eprintln!(
        "{}runs {runs:?}, median {}",
        name.trim_end_matches(": "),
        runs[1]
    );
    Ok(runs[1])
}

/// The pages both searches cover: procedures, life events, documents, the national
/// index and places, in both languages (not the search page's A–Z list, which
/// repeats every name).
const PAGEFIND_GLOB: &str =
    "{thu-tuc,su-kien,giay-to,danh-muc,noi-nop,en/thu-tuc,en/su-kien,en/giay-to,en/danh-muc,en/noi-nop}/**/*.html";

/// The site's search and Pagefind on the same prerendered pages, in Chromium
/// (`tests/browser/bench-search.mjs`): bytes, time per query and recall@5 over
/// the query set. Pagefind's bundle lives in `dist/pagefind/` only for the run.
fn search_side_by_side(dist: &Path) -> Result<impl Fn(&str) -> Result<f64>> {
    tools::ensure_chromium()?;
    let bundle = dist.join("pagefind");
    let _ = std::fs::remove_dir_all(&bundle);
    run_cmd(
        Command::new(root().join("node_modules/.bin/pagefind"))
            .arg("--site")
            .arg(dist)
            .args(["--output-subdir", "pagefind", "--glob", PAGEFIND_GLOB])
            .args(["--root-selector", "main", "--quiet"]),
    )?;
    // Served compressed like the site's own files.
    compress::precompress(&bundle)?;
    let queries = root().join("target/search-queries.json");
    std::fs::write(&queries, app_bin("search", &["--json"])?)?;
    let server = server::start(
        dist.to_path_buf(),
        "127.0.0.1:0",
        headers::DEFAULT_FRAME_ANCESTORS,
    )?;
    let out = Command::new("node")
        .arg("tests/browser/bench-search.mjs")
        .current_dir(root())
        .env("BASE_URL", server.url())
        .env("QUERIES", &queries)
        .output()?;
    drop(server);
    std::fs::remove_dir_all(&bundle)?;
    if !out.status.success() {
        return Err(format!(
            "bench-search.mjs failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(figures_in(String::from_utf8(out.stdout)?))
}

/// At least 1,000 seeded, bent page addresses loaded in Chromium
/// (`tests/browser/bench-urls.mjs`): how many pages, and how many panicked.
fn url_fuzz(dist: &Path) -> Result<impl Fn(&str) -> Result<f64>> {
    browser_figures(dist, "bench-urls.mjs")
}

/// The browser suites of [`nginx::SUITES`] against the README's nginx
/// configuration on a real nginx: TAP's `# tests`, `# pass`, `# fail` counts.
fn nginx_suites(dist: &Path) -> Result<impl Fn(&str) -> Result<f64>> {
    tools::ensure_chromium()?;
    let nginx = nginx::start(dist, nginx::TEST_FRAME_ANCESTORS)?;
    let out = nginx.node_test(&nginx::SUITES).output()?;
    let text = String::from_utf8(out.stdout)?;
    let failures: Vec<&str> = text.lines().filter(|l| l.starts_with("not ok")).collect();
    for line in &failures {
        eprintln!("on nginx: {line}");
    }
    Ok(move |name: &str| -> Result<f64> {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("# {name} ")))
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| format!("no `# {name}` in the TAP output").into())
    })
}

/// The `name: value` figures in a program's output, by name.
fn figures_in(text: String) -> impl Fn(&str) -> Result<f64> {
    move |name: &str| -> Result<f64> {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| format!("no {name} in: {text}").into())
    }
}

/// Lighthouse on four pages like a slow phone, and a repeat visit's network bytes
/// (`tests/browser/bench-lighthouse.mjs`), against dist/ with production headers.
fn like_a_phone(dist: &Path) -> Result<impl Fn(&str) -> Result<f64>> {
    browser_figures(dist, "bench-lighthouse.mjs")
}

/// How long every outcome is on a phone with its details closed, in screens,
/// and where its actions start (`tests/browser/bench-outcomes.mjs`), one address
/// per outcome from the flows' engine.
fn outcome_lengths(dist: &Path) -> Result<impl Fn(&str) -> Result<f64>> {
    let list = root().join("target/outcomes.txt");
    std::fs::write(&list, app_bin("flows", &["--outcomes"])?)?;
    browser_figures_with(dist, "bench-outcomes.mjs", &[("OUTCOMES", &list)])
}

/// The figures a script of `tests/browser/` prints against dist/ served with
/// production headers; what it writes to stderr (a table, the first failures)
/// is passed on.
fn browser_figures(dist: &Path, script: &str) -> Result<impl Fn(&str) -> Result<f64>> {
    browser_figures_with(dist, script, &[])
}

/// [`browser_figures`], with more of the script's environment (a file to read).
fn browser_figures_with(
    dist: &Path,
    script: &str,
    env: &[(&str, &Path)],
) -> Result<impl Fn(&str) -> Result<f64>> {
    tools::ensure_chromium()?;
    let server = server::start(
        dist.to_path_buf(),
        "127.0.0.1:0",
        headers::DEFAULT_FRAME_ANCESTORS,
    )?;
    let out = Command::new("node")
        .arg(format!("tests/browser/{script}"))
        .current_dir(root())
        .env("BASE_URL", server.url())
        .envs(env.iter().copied())
        .output()?;
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    if !out.status.success() {
        return Err(format!("{script} failed").into());
    }
    Ok(figures_in(String::from_utf8(out.stdout)?))
}

/// What the service worker downloads to save a first visit in Vietnamese for
/// offline use (the shell's files and the language's pack, `sw::first_visit_files`),
/// brotli: the price of working offline.
fn sw_precache_brotli(dist: &Path) -> Result<usize> {
    brotli_of(dist, &sw::first_visit_files(dist, "vi")?)
}

/// The boundary files "which commune am I in" fetches (`dist/ranh-gioi/*.txt`): the
/// largest one's and all of them together, brotli.
fn polygon_pieces(dist: &Path) -> Result<(usize, usize)> {
    let mut max = 0;
    let mut total = 0;
    for e in std::fs::read_dir(dist.join("ranh-gioi"))? {
        let path = e?.path();
        if path.extension().is_some_and(|x| x == "txt") {
            let n = compress::brotli_len(&std::fs::read(&path)?);
            max = max.max(n);
            total += n;
        }
    }
    if total == 0 {
        return Err("no boundary files in dist/ranh-gioi".into());
    }
    Ok((max, total))
}

//! Search figures for `cargo xtask bench` (a release build): the query set's
//! recall@5, overall and per category (`search_recall_at5_<category>`), and the
//! time of one search per keystroke as each query is typed letter by letter over
//! the whole index (pages and places).
//!
//! With `--json`, prints the query set as JSON instead, for the browser side of
//! the benchmark (`tests/browser/bench-search.mjs`).

use std::time::Instant;

use thu_tuc_xa::corpus::{read_queries, site_index, CATEGORIES};
use thu_tuc_xa::model::Lang;
use thu_tuc_xa::search::target_of;

fn main() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/search-queries.toml"
    ))
    .expect("tests/search-queries.toml");
    let queries = read_queries(&text).expect("the query set reads");
    if std::env::args().any(|a| a == "--json") {
        let items: Vec<String> = queries
            .iter()
            .map(|q| {
                format!(
                    "{{\"q\":{},\"expect\":{},\"category\":{},\"lang\":{}}}",
                    json(&q.q),
                    json(&q.expect),
                    json(&q.category),
                    json(q.lang.as_deref().unwrap_or("vi"))
                )
            })
            .collect();
        println!("[{}]", items.join(",\n"));
        return;
    }
    let (vi, en) = (site_index(Lang::Vi), site_index(Lang::En));
    let mut found = 0;
    // Per category: (queries, found).
    let mut per = [(0usize, 0usize); CATEGORIES.len()];
    let mut times = Vec::new();
    for q in &queries {
        let index = if q.lang.as_deref() == Some("en") {
            &en
        } else {
            &vi
        };
        let hits = index.search(&q.q, 5);
        let hit = hits
            .iter()
            .any(|h| target_of(&index.entries[h.entry].href) == q.expect);
        found += usize::from(hit);
        if let Some(c) = CATEGORIES.iter().position(|&c| c == q.category) {
            per[c].0 += 1;
            per[c].1 += usize::from(hit);
        }
        // Every keystroke: each prefix of the query, as it is typed.
        for (end, _) in q.q.char_indices().skip(1).chain([(q.q.len(), ' ')]) {
            let start = Instant::now();
            let hits = index.search(&q.q[..end], 8);
            times.push(start.elapsed().as_secs_f64() * 1e6);
            std::hint::black_box(hits);
        }
    }
    times.sort_by(f64::total_cmp);
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!("search_queries: {}", queries.len());
    println!("search_keystrokes: {}", times.len());
    println!("search_vocabulary: {}", vi.vocabulary());
    println!("search_entries: {}", vi.entries.len());
    println!("search_p95_us: {p95:.0}");
    println!(
        "search_recall_at5: {:.3}",
        found as f64 / queries.len() as f64
    );
    for (c, (n, f)) in CATEGORIES.iter().zip(per) {
        println!(
            "search_recall_at5_{}: {:.3}",
            c.replace('-', "_"),
            f as f64 / n.max(1) as f64
        );
        println!("search_queries_{}: {n}", c.replace('-', "_"));
    }
}

/// A JSON string.
fn json(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out += "\\\"",
            '\\' => out += "\\\\",
            c if (c as u32) < 0x20 => out += &format!("\\u{:04x}", c as u32),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

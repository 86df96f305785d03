//! The search over the whole site, against the query set in
//! `tests/search-queries.toml`: real queries (with and without tone marks, with a
//! typo, in people's own words, place names, English) and the page each wants.

use thu_tuc_xa::corpus::{read_queries, site_index, Query};
use thu_tuc_xa::model::Lang;
use thu_tuc_xa::search::{target_of, Index};

fn queries() -> Vec<Query> {
    let text = include_str!("search-queries.toml");
    read_queries(text).expect("tests/search-queries.toml reads")
}

/// The rank (1-based) of the wanted page in the top five, if it is there.
fn rank(index: &Index, q: &Query) -> Option<usize> {
    index
        .search(&q.q, 5)
        .iter()
        .position(|h| target_of(&index.entries[h.entry].href) == q.expect)
        .map(|r| r + 1)
}

#[test]
fn the_query_set_finds_its_pages_in_the_top_five() {
    let (vi, en) = (site_index(Lang::Vi), site_index(Lang::En));
    let queries = queries();
    assert!(queries.len() >= 80, "{} queries", queries.len());
    let mut misses = Vec::new();
    for q in &queries {
        let index = if q.lang.as_deref() == Some("en") {
            &en
        } else {
            &vi
        };
        if rank(index, q).is_none() {
            let got: Vec<String> = index
                .search(&q.q, 5)
                .iter()
                .map(|h| target_of(&index.entries[h.entry].href))
                .collect();
            misses.push(format!("{:?} wants {}, got {got:?}", q.q, q.expect));
        }
    }
    let recall = 1.0 - misses.len() as f64 / queries.len() as f64;
    // The misses, for `cargo test --test search -- --nocapture`.
    eprintln!("recall@5 {recall:.3}; misses:\n{}", misses.join("\n"));
    assert!(
        recall >= 0.95,
        "recall@5 {recall:.3}; misses:\n{}",
        misses.join("\n")
    );
}

#[test]
fn every_wanted_page_is_in_the_index() {
    let vi = site_index(Lang::Vi);
    for q in queries() {
        assert!(
            vi.entries.iter().any(|e| target_of(&e.href) == q.expect),
            "{} is not in the index",
            q.expect
        );
    }
}

#[test]
fn the_index_holds_every_kind_of_page() {
    let vi = site_index(Lang::Vi);
    let count = |kind| vi.entries.iter().filter(|e| e.kind == kind).count();
    use thu_tuc_xa::search::Kind::*;
    assert!(count(Event) >= 9);
    assert!(count(Procedure) >= 60);
    assert!(count(Document) >= 100);
    // The 581 of the national index, less those with a guide.
    assert!(count(Index) + count(Procedure) >= 581);
    assert_eq!(count(Commune), 3321);
    assert!(count(OldWard) >= 10_035);
}

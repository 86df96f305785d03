//! The search over the whole site, against the query set in
//! `tests/search-queries.toml`: real queries (with and without tone marks, with a
//! typo, in people's own words, place names, English) and the page each wants.

use thu_tuc_xa::corpus::{read_queries, site_index, site_index_in, Query, CATEGORIES};
use thu_tuc_xa::model::Lang;
use thu_tuc_xa::route::{Page, Route};
use thu_tuc_xa::search::{target_of, Index, Kind};

fn queries() -> Vec<Query> {
    let text = include_str!("../search-queries.toml");
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
    assert!(queries.len() >= 160, "{} queries", queries.len());
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
        recall >= 0.97,
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

#[test]
fn every_category_has_queries() {
    let queries = queries();
    for c in CATEGORIES {
        let n = queries.iter().filter(|q| q.category == c).count();
        assert!(n >= 8, "category {c}: {n} queries");
    }
}

/// For everyday words, no entry of the national index comes before the page of
/// the site's own that the query wants.
#[test]
fn everyday_words_find_our_page_before_the_national_index() {
    let vi = site_index(Lang::Vi);
    let mut wrong = Vec::new();
    for q in queries().iter().filter(|q| q.category == "everyday") {
        let hits = vi.search(&q.q, 5);
        let at = hits
            .iter()
            .position(|h| target_of(&vi.entries[h.entry].href) == q.expect);
        let before = &hits[..at.unwrap_or(hits.len())];
        let index: Vec<&str> = before
            .iter()
            .map(|h| &vi.entries[h.entry])
            .filter(|e| e.kind == Kind::Index)
            .map(|e| e.title.as_str())
            .collect();
        if !index.is_empty() {
            wrong.push(format!("{:?}: {index:?} before {}", q.q, q.expect));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// An old ward divided between new communes shows every one of them, named
/// with its old district as people tell it apart, in the few results of the
/// search box. Folding makes a few names the same words as others' (`Tân Thạnh,
/// Thanh Bình` and `Tân Thành Bình`), so at most 1% may miss a part.
#[test]
fn a_divided_old_ward_shows_every_new_commune() {
    let vi = site_index(Lang::Vi);
    let split: Vec<_> = thu_tuc_xa::data::OLD_WARDS
        .iter()
        .filter(|w| w.to.len() > 1 && !w.name.is_empty())
        .collect();
    assert!(split.len() >= 400, "{} divided wards", split.len());
    let mut missing = Vec::new();
    for w in &split {
        let q = format!("{} {}", w.name, w.district.name);
        let shown: Vec<String> = vi
            .search(&q, 8)
            .iter()
            .map(|h| target_of(&vi.entries[h.entry].href))
            .collect();
        for c in w.to {
            let href = Route::commune_href(Lang::Vi, c.province, c.slug);
            if !shown.contains(&href) {
                missing.push(format!("{q:?}: {} ({href})", c.name));
            }
        }
    }
    let wards: std::collections::HashSet<&str> = missing
        .iter()
        .map(|m| m.split(':').next().unwrap_or_default())
        .collect();
    eprintln!(
        "divided wards missing a part: {}\n{}",
        wards.len(),
        missing.join("\n")
    );
    assert!(
        wards.len() * 100 <= split.len(),
        "{} of {} divided wards miss a part:\n{}",
        wards.len(),
        split.len(),
        missing.join("\n")
    );
}

/// In a frame kept to one province, the search's places are that province's only
/// (`embed::shows_place`): its communes, and the old wards (or the parts of a
/// divided one) that went into them. Procedures and life events stay.
#[test]
fn a_province_frame_searches_its_own_places_only() {
    let hcm = thu_tuc_xa::data::PROVINCES
        .iter()
        .find(|p| p.code == "79")
        .expect("Hồ Chí Minh City");
    let own = Route::new(Lang::Vi, Page::Province(hcm)).href();
    let all = site_index(Lang::Vi);
    let kept = site_index_in(Lang::Vi, Some("79"));
    let is_place = |k: Kind| matches!(k, Kind::Commune | Kind::OldWard);
    let places = |idx: &Index| -> Vec<String> {
        idx.entries
            .iter()
            .filter(|e| is_place(e.kind))
            .map(|e| e.href.clone())
            .collect()
    };
    let (everywhere, here) = (places(&all), places(&kept));
    assert!(
        here.iter().all(|h| h.starts_with(&own)),
        "{:?}",
        here.iter().find(|h| !h.starts_with(&own))
    );
    let own_everywhere = everywhere.iter().filter(|h| h.starts_with(&own)).count();
    assert_eq!(
        here.len(),
        own_everywhere,
        "every place of the province stays"
    );
    assert!(here.len() < everywhere.len() / 5);
    // A commune of Hà Nội only: found on the full site, not in the frame.
    let found = |idx: &Index, q: &str| -> Vec<String> {
        idx.search(q, 8)
            .iter()
            .map(|h| &idx.entries[h.entry])
            .filter(|e| is_place(e.kind))
            .map(|e| e.href.clone())
            .collect()
    };
    assert!(found(&all, "Hoàn Kiếm").contains(&"/noi-nop/ha-noi/phuong-hoan-kiem/".to_string()));
    assert_eq!(found(&kept, "Hoàn Kiếm"), Vec::<String>::new());
    assert!(
        found(&kept, "Bến Thành").contains(&"/noi-nop/ho-chi-minh/phuong-ben-thanh/".to_string())
    );
    // Procedures and life events are national: the same first results.
    for q in ["khai sinh", "dang ky ket hon", "sổ đỏ"] {
        let first = |idx: &Index| -> Vec<String> {
            idx.search(q, 3)
                .iter()
                .map(|h| idx.entries[h.entry].href.clone())
                .collect()
        };
        assert_eq!(first(&kept), first(&all), "{q}");
    }
}

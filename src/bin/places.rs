//! `cargo run --release --bin places`: figures on the place data for
//! `cargo xtask bench`, as `name: value` lines.
//!
//! `nearest_commune_us` is the median time of one nearest-five query over all
//! 3,321 communes (brute force, as the native pages would), over 2,000 points
//! spread over the country. `communes_with_office_text` counts communes with at
//! least one office text from the map site; `communes_with_street_address` those
//! where one locates the office (a number, a street or a hamlet).
//! `communes_with_polygon`, `places_point_outside_polygon` and `where_am_i_us` (p95
//! of one "which commune holds this point" over a province's boundaries) are about
//! `content/dia-phuong/ranh-gioi/`.

use std::time::Instant;

use thu_tuc_xa::data;
use thu_tuc_xa::places::{nearest, Point};

fn main() {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut times = Vec::new();
    let mut checksum = 0usize;
    for _ in 0..2000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let from = Point {
            lat: 850_000 + (state % 1_500_000) as i32,
            lon: 10_250_000 + ((state >> 24) % 700_000) as i32,
        };
        let start = Instant::now();
        let found = nearest(from, data::COMMUNES.iter().map(|c| (c.code, c.at)), 5);
        times.push(start.elapsed().as_secs_f64() * 1e6);
        checksum += found.len();
    }
    times.sort_by(f64::total_cmp);
    assert_eq!(checksum, 2000 * 5);
    println!("communes: {}", data::COMMUNES.len());
    let wards = data::OLD_WARDS.iter().filter(|w| !w.whole_district);
    println!("old_wards_mapped: {}", wards.count());
    println!("nearest_commune_us: {:.1}", times[times.len() / 2]);
    // Offices as the map site's copies give them (`content/dia-phuong/offices.csv`).
    let with_office = data::COMMUNES.iter().filter(|c| !c.offices.is_empty());
    println!("communes_with_office_text: {}", with_office.count());
    let located = data::COMMUNES
        .iter()
        .filter(|c| c.offices.iter().any(|o| o.street));
    println!("communes_with_street_address: {}", located.count());

    // Boundaries: every commune's, its point inside it, and how long "which commune
    // holds this point" takes over a province's communes (p95 of 2,000 points, each
    // in a random province's box, with the near-border search of the app).
    let with_polygon = data::COMMUNES
        .iter()
        .filter(|c| data::boundary(c).is_some());
    println!("communes_with_polygon: {}", with_polygon.count());
    let outside = data::COMMUNES
        .iter()
        .filter(|c| data::boundary(c).is_none_or(|(b, i)| !b.contains(i, c.at)));
    println!("places_point_outside_polygon: {}", outside.count());
    let files = data::boundaries();
    let mut times = Vec::new();
    let mut inside = 0;
    for _ in 0..2000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let (code, b) = &files[(state % files.len() as u64) as usize];
        let p = data::PROVINCES
            .iter()
            .find(|p| p.code == *code)
            .expect("a province");
        let bb = p.bbox;
        let at = Point {
            lat: bb.south + ((state >> 8) % (bb.north - bb.south + 1) as u64) as i32,
            lon: bb.west + ((state >> 32) % (bb.east - bb.west + 1) as u64) as i32,
        };
        let start = Instant::now();
        let found = b.locate(at, b.tolerance.0 as f64 * thu_tuc_xa::places::KM_PER_UNIT);
        times.push(start.elapsed().as_secs_f64() * 1e6);
        inside += usize::from(found.inside.is_some());
    }
    times.sort_by(f64::total_cmp);
    assert!(inside > 0);
    println!("where_am_i_us: {:.1}", times[times.len() * 95 / 100]);
}

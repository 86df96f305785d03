//! `cargo run --release --bin places`: figures on the place data for
//! `cargo xtask bench`, as `name: value` lines.
//!
//! `nearest_commune_us` is the median time of one nearest-five query over all
//! 3,321 communes (brute force, as the native pages would), over 2,000 points
//! spread over the country. `communes_with_office_text` counts communes with at
//! least one office text from the map site; `communes_with_street_address` those
//! where one locates the office (a number, a street or a hamlet).

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
}

//! `content/dia-phuong/ranh-gioi/<province>.txt`: every commune's boundary (made by
//! `cargo xtask boundaries`, read by [`thu_tuc_xa_core::boundaries::Boundaries`]), checked
//! against the place data:
//! - one file per province, named by its code, every commune of the province in it
//!   once and no other;
//! - each commune's point (the place shown as its approximate location, and the one
//!   the nearest search measures from) lies inside its boundary: the file's point
//!   replaces the place data's;
//! - each new commune an old ward was split into lies in or touches the land of the
//!   ward's old district (the new communes that took its other wards): a "part" far
//!   from it is an old ward mixed up with another of the same name.

use std::collections::{HashMap, HashSet};

use super::diag::{Diagnostics, Source};
use super::places::Places;
use thu_tuc_xa_core::boundaries::Boundaries;
use thu_tuc_xa_core::places::Point;

/// What the bench reports of the boundaries.
#[derive(Debug, Default, Clone, Copy)]
pub struct BoundaryCounts {
    pub communes_with_polygon: usize,
    pub points_outside: usize,
    /// Communes whose place-data point was outside their boundary, so the file's
    /// point inside it is used.
    pub points_moved: usize,
    pub split_wards_checked: usize,
}

/// The byte offset where line `n` (from 1) of `text` starts.
fn line_start(text: &str, n: usize) -> usize {
    if n <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(n - 2)
        .map_or(text.len(), |(i, _)| i + 1)
}

/// Reads and checks the boundary files; sets each commune's point and each
/// province's box (`bbox`) from them. Returns the parsed files, by province.
pub fn boundaries(
    files: &[Source],
    legacy: &Source,
    places: &mut Places,
    diags: &mut Diagnostics,
) -> (Vec<Option<Boundaries>>, BoundaryCounts) {
    let mut counts = BoundaryCounts::default();
    let mut parsed: Vec<Option<Boundaries>> = places.provinces.iter().map(|_| None).collect();
    for file in files {
        let name = file.path.rsplit('/').next().unwrap_or_default();
        let code = name.trim_end_matches(".txt");
        let Some(p) = places.provinces.iter().position(|p| p.code == code) else {
            diags.push(file.at(
                0,
                format!("`{name}` must be named after a province code of provinces-2025.csv"),
            ));
            continue;
        };
        match Boundaries::parse(&file.text) {
            Ok(b) => parsed[p] = Some(b),
            Err((line, why)) => diags.push(file.at(line_start(&file.text, line), why)),
        }
    }
    let by_code: HashMap<String, usize> = places
        .communes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.clone(), i))
        .collect();
    let mut points = Vec::new(); // (commune, new point)
    for (p, (province, b)) in places.provinces.iter().zip(&parsed).enumerate() {
        let Some(b) = b else {
            if !files.is_empty() {
                diags.push(Source::new("content/dia-phuong/ranh-gioi", "").at(
                    0,
                    format!(
                        "no boundary file for province {} ({})",
                        province.code, province.name
                    ),
                ));
            }
            continue;
        };
        let file = files
            .iter()
            .find(|f| f.path.ends_with(&format!("/{}.txt", province.code)))
            .expect("a parsed file has a source");
        let mut seen = HashSet::new();
        for (i, area) in b.areas.iter().enumerate() {
            let at = file
                .text
                .find(&format!("\nc {} ", area.code))
                .map_or(0, |o| o + 1);
            let Some(&c) = by_code.get(&area.code) else {
                diags.push(file.at(
                    at,
                    format!("commune `{}` is not in communes-2025.csv", area.code),
                ));
                continue;
            };
            if places.communes[c].province != p || !seen.insert(c) {
                diags.push(file.at(
                    at,
                    format!(
                        "commune `{}` must be in its province's file, once",
                        area.code
                    ),
                ));
                continue;
            }
            if !b.contains(i, area.point) {
                counts.points_outside += 1;
                diags.push(file.at(
                    at,
                    format!("the point of `{}` is outside its boundary", area.code),
                ));
            }
            let old = places.communes[c].at;
            if !b.contains(
                i,
                Point {
                    lat: old.0,
                    lon: old.1,
                },
            ) {
                counts.points_moved += 1;
            }
            points.push((c, (area.point.lat, area.point.lon)));
        }
        for (c, commune) in places.communes.iter().enumerate() {
            if commune.province == p && !seen.contains(&c) {
                diags.push(file.at(
                    0,
                    format!("no boundary for `{}` ({})", commune.code, commune.name),
                ));
            }
        }
    }
    counts.communes_with_polygon = points.len();
    for (c, at) in points {
        places.communes[c].at = at;
    }

    // Which communes share a border, across provinces too.
    let touching: HashSet<(usize, usize)> =
        thu_tuc_xa_core::boundaries::touching(parsed.iter().flatten())
            .into_iter()
            .filter_map(|(a, theirs)| Some((*by_code.get(a)?, theirs)))
            .flat_map(|(a, theirs)| {
                theirs
                    .into_iter()
                    .filter_map(|b| by_code.get(b))
                    .map(move |&b| (a, b))
            })
            .collect();
    if !parsed.iter().any(Option::is_none) {
        // The new communes each old district's wards went to: the district's land.
        let mut district_land: HashMap<usize, Vec<(usize, usize)>> = HashMap::new();
        for (i, w) in places.old_wards.iter().enumerate() {
            for &c in &w.to {
                district_land.entry(w.district).or_default().push((i, c));
            }
        }
        for (i, w) in places.old_wards.iter().enumerate() {
            if w.to.len() < 2 || w.whole_district {
                continue;
            }
            counts.split_wards_checked += 1;
            // Each part lies in or touches another part, or a commune that took
            // another ward of the same old district.
            let land = &district_land[&w.district];
            for &c in &w.to {
                let ok = land
                    .iter()
                    .filter(|&&(other, d)| other != i || d != c)
                    .any(|&(other, d)| (other != i && d == c) || touching.contains(&(c, d)));
                if ok {
                    continue;
                }
                let d = &places.old_districts[w.district];
                let at = legacy
                    .text
                    .find(&format!(",{},{},", w.code, w.name))
                    .map_or(0, |o| {
                        line_start(&legacy.text, legacy.text[..o].matches('\n').count() + 1)
                    });
                diags.push(legacy.at(
                    at,
                    format!(
                        "old ward {} {} ({}) has a part in {}, which touches neither its other parts nor other land of {}: a ward of the same name elsewhere?",
                        w.code, w.name, d.name, places.communes[c].name, d.name
                    ),
                ));
            }
        }
    }

    // A province's box holds its communes' boundaries.
    for (p, b) in parsed.iter().enumerate() {
        if let Some(b) = b {
            places.provinces[p].bbox =
                thu_tuc_xa_core::places::Bbox::around(b.areas.iter().flat_map(|a| {
                    [
                        Point {
                            lat: a.bbox.south,
                            lon: a.bbox.west,
                        },
                        Point {
                            lat: a.bbox.north,
                            lon: a.bbox.east,
                        },
                    ]
                }));
        }
    }
    (parsed, counts)
}

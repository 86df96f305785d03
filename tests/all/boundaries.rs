//! The communes' boundaries as built into the site: the point-in-polygon test
//! against `geo`'s, every commune's area and point, `locate` against brute force,
//! overlaps only where the source has them, symmetric neighbours, and a parser that never panics.

use std::panic::{catch_unwind, AssertUnwindSafe};

use geo::coordinate_position::CoordPos;
use geo::{Contains, CoordinatePosition, LineString, Polygon, Validation};
use thu_tuc_xa::boundaries::Boundaries;
use thu_tuc_xa::data;
use thu_tuc_xa::places::{Bbox, Origin, Point};

/// A deterministic xorshift64 generator: no `rand` crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A whole number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every province's code and parsed boundaries.
fn provinces() -> Vec<(&'static str, Boundaries)> {
    data::BOUNDARY_FILES
        .iter()
        .map(|&(code, text)| {
            let b = Boundaries::parse(text).unwrap_or_else(|e| panic!("{code}.txt: {e:?}"));
            (code, b)
        })
        .collect()
}

fn in_bbox(b: &Bbox, p: Point) -> bool {
    p.lat >= b.south && p.lat <= b.north && p.lon >= b.west && p.lon <= b.east
}

/// Points to test in a province: `random` anywhere in the box of its areas, then
/// `near` within `spread` units of a ring's vertex or a point of one of its edges.
fn sample(b: &Boundaries, rng: &mut Rng, random: usize, near: usize, spread: i64) -> Vec<Point> {
    let boxes = b.areas.iter().map(|a| a.bbox);
    let corners = boxes.flat_map(|x| {
        [
            Point {
                lat: x.south,
                lon: x.west,
            },
            Point {
                lat: x.north,
                lon: x.east,
            },
        ]
    });
    let all = Bbox::around(corners).expect("a province has areas");
    let mut out: Vec<Point> = (0..random)
        .map(|_| Point {
            lat: rng.range(all.south as i64, all.north as i64) as i32,
            lon: rng.range(all.west as i64, all.east as i64) as i32,
        })
        .collect();
    for k in 0..near {
        let area = rng.below(b.areas.len());
        let ring = b.ring(area, rng.below(b.rings(area)));
        let i = rng.below(ring.len() - 1);
        let (p, q) = (ring[i], ring[i + 1]);
        // Half the points near a vertex, half near a point along an edge.
        let t = if k % 2 == 0 { 0 } else { rng.range(0, 1000) };
        let lat = p.lat as i64 + (q.lat as i64 - p.lat as i64) * t / 1000;
        let lon = p.lon as i64 + (q.lon as i64 - p.lon as i64) * t / 1000;
        out.push(Point {
            lat: (lat + rng.range(-spread, spread)) as i32,
            lon: (lon + rng.range(-spread, spread)) as i32,
        });
    }
    out
}

/// An area's rings as `geo` polygons, one each.
fn reference(b: &Boundaries, area: usize) -> Vec<Polygon<f64>> {
    (0..b.rings(area))
        .map(|r| {
            let pts = b.ring(area, r);
            let coords: Vec<(f64, f64)> =
                pts.iter().map(|p| (p.lon as f64, p.lat as f64)).collect();
            Polygon::new(LineString::from(coords), vec![])
        })
        .collect()
}

#[test]
fn contains_agrees_with_geo() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut checked, mut boundary, mut mismatches) = (0usize, 0usize, Vec::new());
    let mut crossing = std::collections::BTreeSet::new();
    for (code, b) in provinces() {
        let polygons: Vec<Vec<Polygon<f64>>> =
            (0..b.areas.len()).map(|a| reference(&b, a)).collect();
        for (a, area) in b.areas.iter().enumerate() {
            for r in 0..b.rings(a) {
                let ring = b.ring(a, r);
                // Closed; a ring simplified down to a line there and back (A, B, A)
                // holds nothing but does no harm to the even–odd rule.
                assert!(
                    ring.len() >= 3 && ring.first() == ring.last(),
                    "{code}: ring {r} of {} is not closed",
                    area.code
                );
            }
        }
        for p in sample(&b, &mut rng, 300, 300, 3) {
            let c = geo::Coord {
                x: p.lon as f64,
                y: p.lat as f64,
            };
            for (a, area) in b.areas.iter().enumerate() {
                let ours = b.contains(a, p);
                if !in_bbox(&area.bbox, p) {
                    assert!(!ours, "{code}: {} holds {p:?} outside its box", area.code);
                    continue;
                }
                let pos: Vec<CoordPos> = polygons[a]
                    .iter()
                    .map(|poly| poly.coordinate_position(&c))
                    .collect();
                if pos.contains(&CoordPos::OnBoundary) {
                    boundary += 1;
                    continue;
                }
                let odd = polygons[a].iter().filter(|poly| poly.contains(&c)).count() % 2 == 1;
                checked += 1;
                if ours == odd {
                    continue;
                }
                // A self-crossing ring: `geo` counts windings, the file even–odd.
                if polygons[a].iter().any(|poly| !poly.is_valid()) {
                    crossing.insert(area.code.clone());
                    continue;
                }
                mismatches.push(format!(
                    "{code} {} {p:?}: ours {ours}, geo {odd}",
                    area.code
                ));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    // Known self-crossing rings where a sample differed: 22498 (56.txt).
    assert!(
        checked > 10_000 && boundary > 0 && crossing.len() <= 1,
        "{checked} checked, {boundary} on a border, self-crossing: {crossing:?}"
    );
}

#[test]
fn every_commune_has_one_area_holding_its_point() {
    let provinces = provinces();
    let areas: usize = provinces.iter().map(|(_, b)| b.areas.len()).sum();
    assert_eq!(areas, 3321);
    assert_eq!(data::COMMUNES.len(), 3321);
    for c in &data::COMMUNES {
        let (_, b) = provinces
            .iter()
            .find(|(code, _)| *code == c.province.code)
            .unwrap_or_else(|| panic!("no file for province {}", c.province.code));
        let mine: Vec<usize> = (0..b.areas.len())
            .filter(|&i| b.areas[i].code == c.code)
            .collect();
        assert_eq!(mine.len(), 1, "{} has {} areas", c.code, mine.len());
        assert_eq!(b.find(c.code), Some(mine[0]));
        assert!(
            b.contains(mine[0], c.at),
            "{} {:?} is outside its area",
            c.code,
            c.at
        );
        assert_eq!(b.areas[mine[0]].point, c.at, "{}", c.code);
    }
}

#[test]
fn locate_agrees_with_brute_force_and_areas_overlap_only_where_the_source_does() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let (mut points, mut near_border, mut overlaps) = (0usize, 0usize, Vec::new());
    for (code, b) in provinces() {
        // Two communes' simplified lines may cross within the tolerance between
        // communes of their border, not farther.
        let tolerance = b.tolerance.0;
        let spread = 2 * b.tolerance.1 as i64;
        for p in sample(&b, &mut rng, 300, 1500, spread) {
            points += 1;
            let holding: Vec<usize> = (0..b.areas.len()).filter(|&i| b.contains(i, p)).collect();
            let located = b.locate(p, 0.0);
            assert_eq!(located.inside, holding.first().copied(), "{code} {p:?}");
            // Every other commune holding the point is named as "near", first.
            let others = holding.len().saturating_sub(1);
            assert_eq!(
                located.near[..others.min(located.near.len())],
                holding[1.min(holding.len())..],
                "{code} {p:?}"
            );
            for &i in &located.near[others.min(located.near.len())..] {
                assert_eq!(b.border_km(i, p), 0.0, "{code} {p:?} near {i}");
            }
            if holding.len() < 2 {
                continue;
            }
            // The tolerance, in kilometres at this point.
            let o = Origin::new(p);
            let km = o.km(Point {
                lat: p.lat + tolerance,
                lon: p.lon,
            });
            let border = holding
                .iter()
                .map(|&i| b.border_km(i, p))
                .fold(f64::INFINITY, f64::min);
            // Overlaps the source itself has (checked against its GeoJSON): the
            // page names both communes there.
            const KNOWN: &[&str] = &[
                "02647", "02683", "02746", "03970", "03997", "04000", "13057", "13066", "09676",
                "09700",
            ];
            if border < km {
                near_border += 1;
            } else if !holding
                .iter()
                .all(|&i| KNOWN.contains(&b.areas[i].code.as_str()))
            {
                let codes: Vec<&str> = holding.iter().map(|&i| b.areas[i].code.as_str()).collect();
                overlaps.push(format!(
                    "{code} {p:?} in {codes:?}, {border:.3} km from a border"
                ));
            }
        }
    }
    assert!(points >= 34 * 1800);
    assert!(
        overlaps.is_empty(),
        "{near_border} near a border; overlaps:\n{}",
        overlaps.join("\n")
    );
}

#[test]
fn neighbours_are_symmetric() {
    let files = provinces();
    for (code, b) in &files {
        // Every line a commune's rings are made of has length: two communes that
        // share one share a border, not a point.
        for a in 0..b.areas.len() {
            for arc in b.arcs_of(a) {
                assert!(
                    arc.windows(2).any(|w| w[0] != w[1]),
                    "{code}: {} has a line of no length",
                    b.areas[a].code
                );
            }
        }
        let all: Vec<Vec<usize>> = (0..b.areas.len()).map(|a| b.neighbours(a)).collect();
        // The map across files agrees with the one within a file.
        let touching = thu_tuc_xa::boundaries::touching([b]);
        for (a, theirs) in all.iter().enumerate() {
            let mut mine: Vec<&str> = theirs.iter().map(|&n| b.areas[n].code.as_str()).collect();
            let mut across: Vec<&str> = touching
                .get(b.areas[a].code.as_str())
                .cloned()
                .unwrap_or_default();
            mine.sort();
            across.sort();
            assert_eq!(mine, across, "{code}: {}", b.areas[a].code);
        }
        let mut pairs = 0;
        for (a, theirs) in all.iter().enumerate() {
            for &n in theirs {
                pairs += 1;
                let (x, y) = (&b.areas[a].code, &b.areas[n].code);
                assert!(
                    all[n].contains(&a),
                    "{code}: {x} lists {y}, not the reverse"
                );
            }
        }
        assert!(
            b.areas.len() < 2 || pairs > 0,
            "{code}: no neighbours at all"
        );
    }
    // Across provinces: symmetric, and found (a border between two provinces is the
    // same line in both files).
    let province_of: std::collections::HashMap<&str, &str> = files
        .iter()
        .flat_map(|(p, b)| b.areas.iter().map(move |a| (a.code.as_str(), *p)))
        .collect();
    let all = thu_tuc_xa::boundaries::touching(files.iter().map(|(_, b)| b));
    let mut across = 0;
    for (a, theirs) in &all {
        for b in theirs {
            assert!(all[b].contains(a), "{a} lists {b}, not the reverse");
            across += usize::from(province_of[a] != province_of[b]);
        }
    }
    // 34 provinces, each bordering at least one other along dozens of communes.
    assert!(across > 500, "only {across} neighbours across provinces");
}

/// One damaged copy of `text`.
fn mutate(text: &str, rng: &mut Rng) -> String {
    let on_char = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match rng.below(6) {
        0 => text[..on_char(rng.below(text.len() + 1))].to_string(),
        1 => {
            let mut lines: Vec<&str> = text.lines().collect();
            lines.remove(rng.below(lines.len()));
            lines.join("\n")
        }
        2 => {
            let mut chars: Vec<char> = text.chars().collect();
            let (i, j) = (rng.below(chars.len()), rng.below(chars.len()));
            chars.swap(i, j);
            chars.into_iter().collect()
        }
        kind => {
            // Replace one number (a run of digits) with something else.
            let starts: Vec<usize> = text
                .char_indices()
                .filter(|&(i, c)| {
                    c.is_ascii_digit() && (i == 0 || !text.as_bytes()[i - 1].is_ascii_digit())
                })
                .map(|(i, _)| i)
                .collect();
            if starts.is_empty() {
                return text.to_string();
            }
            let at = starts[rng.below(starts.len())];
            let len = text[at..]
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(text.len() - at);
            let with = match kind {
                3 => "x",
                4 => [
                    "9999999999",
                    "2147483647",
                    "-2147483648",
                    "99999999999999999999",
                ][rng.below(4)],
                _ => ["", "~", ",", "-", "~~1", "1,", "0,0,0"][rng.below(7)],
            };
            format!("{}{with}{}", &text[..at], &text[at + len..])
        }
    }
}

#[test]
fn parse_never_panics_on_damaged_files() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let (mut ok, mut err) = (0, 0);
    // The three smallest files: a parse of a damaged copy reads all of it.
    let mut files: Vec<&(&str, &str)> = data::BOUNDARY_FILES.iter().collect();
    files.sort_by_key(|f| f.1.len());
    for (code, text) in files.into_iter().take(3) {
        for n in 0..250 {
            // One to three damages on top of each other.
            let mut damaged = mutate(text, &mut rng);
            for _ in 0..n % 3 {
                if !damaged.is_empty() {
                    damaged = mutate(&damaged, &mut rng);
                }
            }
            match catch_unwind(AssertUnwindSafe(|| Boundaries::parse(&damaged))) {
                Ok(Ok(_)) => ok += 1,
                Ok(Err(_)) => err += 1,
                Err(_) => {
                    let at = text.bytes().zip(damaged.bytes()).position(|(a, b)| a != b);
                    panic!("{code}.txt: parse panicked on copy {n}, first change at byte {at:?}")
                }
            }
        }
    }
    assert!(ok > 0 && err > 0, "{ok} read, {err} refused");
}

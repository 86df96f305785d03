//! Communes' boundaries: which commune holds a point, which communes are
//! neighbours, and the outlines a sketch map draws.
//!
//! A province's boundaries are one small text file
//! (`content/dia-phuong/ranh-gioi/<province>.txt`, made by `cargo xtask boundaries`
//! from the national administrative map site's polygons), read here without serde so
//! that the wasm can read it too:
//!
//! ```text
//! # comments
//! t <tolerance between communes> <tolerance at the coast and borders>
//! a <lon> <lat> <dlon> <dlat> …          an arc: its first point, then steps
//! c <code> <lat> <lon> <ring> <ring> …   a commune: its point, then its rings
//! n <code> <slug> <name>                 a commune's address segment and name
//! ```
//!
//! The `n` lines are not in `content/`: the prerenderer adds them to the copy it
//! serves, so that the browser can name the commune that holds a point without
//! any other download.
//!
//! Coordinates are whole 1e-5 degrees ([`Point`]). A ring is a comma-separated list
//! of arc numbers, `~n` for arc `n` walked backwards; two communes that share a
//! border share its arc, so the simplified lines leave no gap between them. A
//! commune's rings are read even–odd, so holes and islands need no other mark, and
//! the test is exact integer arithmetic: no float decides which side a point is on.
//!
//! Architecture invariant: pure; no Leptos, no browser, no I/O.

use crate::places::{Bbox, Origin, Point};

/// One province's boundaries.
#[derive(Debug, Default)]
pub struct Boundaries {
    /// The simplification's tolerances in 1e-5 degrees: between two communes, and
    /// where only one commune lies (the coast, islands, the national border).
    pub tolerance: (i32, i32),
    /// Each arc's points, absolute.
    arcs: Vec<Vec<Point>>,
    pub areas: Vec<Area>,
}

/// A commune's boundary.
#[derive(Debug)]
pub struct Area {
    /// The five-digit official code.
    pub code: String,
    /// The point shown as its approximate location; always inside its rings.
    pub point: Point,
    /// Its address segment and name, where the file gives them (`n` lines).
    pub slug: String,
    pub name: String,
    /// Each ring: arc numbers, with `true` for an arc walked backwards.
    rings: Vec<Vec<(usize, bool)>>,
    pub bbox: Bbox,
}

/// Where a point is, as far as the boundaries can tell.
#[derive(Debug, PartialEq)]
pub struct Located {
    /// The commune whose rings hold the point (an index of [`Boundaries::areas`]).
    pub inside: Option<usize>,
    /// The other communes whose border is within the distance asked for, nearest
    /// first: the point may be in one of them instead.
    pub near: Vec<usize>,
}

/// A line of a boundaries file that does not read: its number (from 1) and why.
pub type ParseError = (usize, &'static str);

impl Boundaries {
    /// Reads a boundaries file; the first wrong line is reported, nothing panics.
    pub fn parse(text: &str) -> Result<Boundaries, ParseError> {
        let mut out = Boundaries::default();
        for (i, line) in text.lines().enumerate() {
            let n = i + 1;
            let mut words = line.split_ascii_whitespace();
            match words.next() {
                None => {}
                Some(w) if w.starts_with('#') => {}
                Some("t") => {
                    let a = number(words.next()).ok_or((n, "tolerance: two whole numbers"))?;
                    let b = number(words.next()).ok_or((n, "tolerance: two whole numbers"))?;
                    if !(0..=100_000).contains(&a) || !(0..=100_000).contains(&b) {
                        return Err((n, "tolerance: between 0 and 100000"));
                    }
                    out.tolerance = (a, b);
                }
                Some("a") => {
                    let mut pts = Vec::new();
                    let mut at: Option<Point> = None;
                    while let Some(x) = words.next() {
                        let x = number(Some(x)).ok_or((n, "arc: a number does not read"))?;
                        let y = number(words.next()).ok_or((n, "arc: an odd count of numbers"))?;
                        let p = match at {
                            None => Point { lat: y, lon: x },
                            Some(a) => Point {
                                lat: a.lat.checked_add(y).ok_or((n, "arc: out of range"))?,
                                lon: a.lon.checked_add(x).ok_or((n, "arc: out of range"))?,
                            },
                        };
                        pts.push(p);
                        at = Some(p);
                    }
                    if pts.len() < 2 {
                        return Err((n, "arc: fewer than two points"));
                    }
                    if !pts.iter().all(|p| p.on_earth()) {
                        return Err((n, "arc: a point off the Earth"));
                    }
                    out.arcs.push(pts);
                }
                Some("c") => {
                    let code = words.next().ok_or((n, "commune: no code"))?.to_string();
                    let lat = number(words.next()).ok_or((n, "commune: no latitude"))?;
                    let lon = number(words.next()).ok_or((n, "commune: no longitude"))?;
                    let mut rings = Vec::new();
                    for ring in words {
                        let mut uses = Vec::new();
                        for r in ring.split(',') {
                            let (back, r) = match r.strip_prefix('~') {
                                Some(r) => (true, r),
                                None => (false, r),
                            };
                            let arc: usize =
                                r.parse().map_err(|_| (n, "commune: bad arc number"))?;
                            if arc >= out.arcs.len() {
                                return Err((n, "commune: an arc not defined above"));
                            }
                            uses.push((arc, back));
                        }
                        rings.push(uses);
                    }
                    if rings.is_empty() {
                        return Err((n, "commune: no ring"));
                    }
                    let point = Point { lat, lon };
                    if !point.on_earth() {
                        return Err((n, "commune: a point off the Earth"));
                    }
                    let mut area = Area {
                        code,
                        point,
                        slug: String::new(),
                        name: String::new(),
                        rings,
                        bbox: Bbox::around([point]).unwrap_or(Bbox {
                            south: lat,
                            west: lon,
                            north: lat,
                            east: lon,
                        }),
                    };
                    area.bbox = Bbox::around(
                        area.rings
                            .iter()
                            .flatten()
                            .flat_map(|&(a, _)| out.arcs[a].iter().copied()),
                    )
                    .unwrap_or(area.bbox);
                    out.areas.push(area);
                }
                Some("n") => {
                    let code = words.next().ok_or((n, "name: no code"))?;
                    let slug = words.next().ok_or((n, "name: no address segment"))?;
                    let name = words.collect::<Vec<_>>().join(" ");
                    let area = out
                        .areas
                        .iter_mut()
                        .find(|a| a.code == code)
                        .ok_or((n, "name: a commune not defined above"))?;
                    area.slug = slug.to_string();
                    area.name = name;
                }
                Some(_) => return Err((n, "a line starts with #, t, a, c or n")),
            }
        }
        Ok(out)
    }

    /// The area of a commune, by code.
    pub fn find(&self, code: &str) -> Option<usize> {
        self.areas.iter().position(|a| a.code == code)
    }

    /// A ring's points in order, the first repeated at the end.
    pub fn ring(&self, area: usize, ring: usize) -> Vec<Point> {
        let mut pts: Vec<Point> = Vec::new();
        for &(arc, back) in &self.areas[area].rings[ring] {
            let a = &self.arcs[arc];
            let mut step = |p: Point| {
                if pts.last() != Some(&p) {
                    pts.push(p);
                }
            };
            if back {
                a.iter().rev().copied().for_each(&mut step);
            } else {
                a.iter().copied().for_each(&mut step);
            }
        }
        pts
    }

    /// The arcs of a commune's rings, each as written in the file.
    pub fn arcs_of(&self, area: usize) -> impl Iterator<Item = &[Point]> + '_ {
        self.areas[area]
            .rings
            .iter()
            .flatten()
            .map(move |&(arc, _)| self.arcs[arc].as_slice())
    }

    /// How many rings a commune has.
    pub fn rings(&self, area: usize) -> usize {
        self.areas[area].rings.len()
    }

    /// Every edge of a commune's rings.
    fn edges(&self, area: usize) -> impl Iterator<Item = (Point, Point)> + '_ {
        self.areas[area]
            .rings
            .iter()
            .flatten()
            .flat_map(move |&(arc, _)| self.arcs[arc].windows(2).map(|w| (w[0], w[1])))
    }

    /// Whether the commune's rings hold `p` (even–odd rule, exact).
    pub fn contains(&self, area: usize, p: Point) -> bool {
        let b = &self.areas[area].bbox;
        if p.lat < b.south || p.lat > b.north || p.lon < b.west || p.lon > b.east {
            return false;
        }
        let mut inside = false;
        for (a, b) in self.edges(area) {
            if (a.lat > p.lat) != (b.lat > p.lat) {
                // Which side of the edge a→b the point is on, as a cross product.
                let cross = (b.lon as i64 - a.lon as i64) * (p.lat as i64 - a.lat as i64)
                    - (p.lon as i64 - a.lon as i64) * (b.lat as i64 - a.lat as i64);
                if (cross > 0) == (b.lat > a.lat) {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// The distance from `p` to the commune's nearest border line, in kilometres.
    pub fn border_km(&self, area: usize, p: Point) -> f64 {
        let o = Origin::new(p);
        self.edges(area)
            .map(|(a, b)| segment_km(&o, a, b))
            .fold(f64::INFINITY, f64::min)
    }

    /// The commune that holds `p`, and the others whose border lies within
    /// `near_km` of it. Where the source's boundaries overlap (they do, in a few
    /// places), the other communes that hold the point come first among the near.
    pub fn locate(&self, p: Point, near_km: f64) -> Located {
        let o = Origin::new(p);
        let holding: Vec<usize> = (0..self.areas.len())
            .filter(|&i| self.contains(i, p))
            .collect();
        let inside = holding.first().copied();
        let mut near: Vec<(usize, f64)> = holding.iter().skip(1).map(|&i| (i, -1.0)).collect();
        near.extend(
            (0..self.areas.len())
                .filter(|i| !holding.contains(i))
                .filter(|&i| o.km(self.areas[i].bbox.clamp(p)) <= near_km)
                .map(|i| (i, self.border_km(i, p)))
                .filter(|&(_, d)| d <= near_km),
        );
        near.sort_by(|a, b| a.1.total_cmp(&b.1));
        Located {
            inside,
            near: near.into_iter().map(|(i, _)| i).collect(),
        }
    }

    /// The communes that share a border line with this one.
    pub fn neighbours(&self, area: usize) -> Vec<usize> {
        let mine: Vec<usize> = self.areas[area]
            .rings
            .iter()
            .flatten()
            .map(|u| u.0)
            .collect();
        (0..self.areas.len())
            .filter(|&i| i != area)
            .filter(|&i| {
                self.areas[i]
                    .rings
                    .iter()
                    .flatten()
                    .any(|u| mine.contains(&u.0))
            })
            .collect()
    }
}

/// Which communes share a border line, across every file given (a border between
/// two provinces is the same list of points in both provinces' files, walked either
/// way): each commune's code with its neighbours' codes, in no particular order.
pub fn touching<'a>(
    files: impl IntoIterator<Item = &'a Boundaries>,
) -> std::collections::HashMap<&'a str, Vec<&'a str>> {
    use std::collections::HashMap;
    let mut owners: HashMap<Vec<Point>, Vec<&'a str>> = HashMap::new();
    for b in files {
        for (i, area) in b.areas.iter().enumerate() {
            for arc in b.arcs_of(i) {
                // The same key whichever way the arc is written.
                let mut key = arc.to_vec();
                if key.iter().rev().lt(key.iter()) {
                    key.reverse();
                }
                owners.entry(key).or_default().push(area.code.as_str());
            }
        }
    }
    let mut out: HashMap<&str, Vec<&str>> = HashMap::new();
    for codes in owners.values() {
        for &a in codes {
            for &b in codes {
                if a != b {
                    let list = out.entry(a).or_default();
                    if !list.contains(&b) {
                        list.push(b);
                    }
                }
            }
        }
    }
    out
}

/// A whole number of a boundaries file.
fn number(word: Option<&str>) -> Option<i32> {
    word?.parse().ok()
}

/// The distance from the origin to the segment a–b, in kilometres (the same flat
/// projection as [`Origin::km`]).
fn segment_km(o: &Origin, a: Point, b: Point) -> f64 {
    let ax = (a.lon - o.at.lon) as f64;
    let ay = (a.lat - o.at.lat) as f64;
    let bx = (b.lon - o.at.lon) as f64;
    let by = (b.lat - o.at.lat) as f64;
    // The scale of a longitude unit against a latitude unit at the origin.
    let k = o.km(Point {
        lat: o.at.lat,
        lon: o.at.lon + 100_000,
    }) / o.km(Point {
        lat: o.at.lat + 100_000,
        lon: o.at.lon,
    });
    let (ax, bx) = (ax * k, bx * k);
    let (dx, dy) = (bx - ax, by - ay);
    let len = dx * dx + dy * dy;
    let t = if len == 0.0 {
        0.0
    } else {
        (-(ax * dx + ay * dy) / len).clamp(0.0, 1.0)
    };
    let (x, y) = (ax + t * dx, ay + t * dy);
    let units = (x * x + y * y).sqrt();
    units
        * o.km(Point {
            lat: o.at.lat + 100_000,
            lon: o.at.lon,
        })
        / 100_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARES: &str = "# two squares side by side, the second with a hole\n\
        t 30 60\n\
        a 0 0 0 1000\n\
        a 0 1000 1000 0 0 -1000 -1000 0\n\
        a 0 0 -1000 0 0 1000 1000 0\n\
        a 300 300 0 400 400 0 0 -400 -400 0\n\
        c 00001 500 -500 0,~2\n\
        c 00002 500 500 ~0,~1 3\n";

    fn p(lat: i32, lon: i32) -> Point {
        Point { lat, lon }
    }

    #[test]
    fn reads_the_format_and_tells_which_square_holds_a_point() {
        let b = Boundaries::parse(SQUARES).unwrap();
        assert_eq!(b.tolerance, (30, 60));
        assert_eq!(b.areas.len(), 2);
        assert!(b.contains(0, p(500, -500)));
        assert!(!b.contains(0, p(500, 500)));
        assert!(b.contains(1, p(100, 500)));
        assert!(!b.contains(1, p(500, 500)), "the hole");
        assert_eq!(b.locate(p(500, -10), 0.5).inside, Some(0));
        assert_eq!(b.locate(p(500, -10), 0.5).near, vec![1]);
        assert_eq!(b.locate(p(500, -400), 0.3).near, Vec::<usize>::new());
        assert_eq!(b.locate(p(5000, 5000), 0.5).inside, None);
        assert_eq!(b.neighbours(0), vec![1]);
        let near = touching([&b]);
        assert_eq!(near["00001"], vec!["00002"]);
        assert_eq!(near["00002"], vec!["00001"]);
        // Another file that writes the shared line the other way round.
        let east = Boundaries::parse(
            "t 30 60\na 0 1000 0 -1000\na 0 0 1000 0 0 1000 -1000 0\nc 00009 500 500 1,0\n",
        )
        .unwrap();
        let mut across = touching([&b, &east])["00009"].clone();
        across.sort();
        assert_eq!(across, vec!["00001", "00002"]);
        // A closed line (an island, and the hole it makes in the commune around
        // it) written one way in one file and the other way in another.
        let island =
            Boundaries::parse("t 30 60\na 0 0 100 0 0 100 -100 0 0 -100\nc 00020 50 50 0\n")
                .unwrap();
        let around = Boundaries::parse(
            "t 30 60\na 0 0 0 100 100 0 0 -100 -100 0\na -100 -100 300 0 0 300 -300 0 0 -300\nc 00021 -50 -50 1 0\n",
        )
        .unwrap();
        let closed = touching([&island, &around]);
        assert_eq!(closed["00020"], vec!["00021"]);
        assert_eq!(closed["00021"], vec!["00020"]);
        assert_eq!(b.ring(0, 0).first(), b.ring(0, 0).last());
        let named = Boundaries::parse(&format!("{SQUARES}n 00002 phuong-b Phường B\n")).unwrap();
        assert_eq!(
            (named.areas[1].slug.as_str(), named.areas[1].name.as_str()),
            ("phuong-b", "Phường B")
        );
        assert!(Boundaries::parse(&format!("{SQUARES}n 00009 x X\n")).is_err());
    }

    #[test]
    fn a_broken_file_is_refused_with_its_line() {
        assert_eq!(Boundaries::parse("a 1 2 3\n").unwrap_err().0, 1);
        assert_eq!(
            Boundaries::parse("a 0 0 1 1\nc 1 0 0 0,5\n").unwrap_err().0,
            2
        );
        assert_eq!(Boundaries::parse("x\n").unwrap_err().0, 1);
        assert_eq!(Boundaries::parse("c 1 2\n").unwrap_err().0, 1);
        assert!(Boundaries::parse("a 2147483647 0 1 0\n").is_err());
        assert!(Boundaries::parse("a -2147483648 0 1 0 0 1\n").is_err());
        assert!(Boundaries::parse("a 0 0 1 1\nc 1 99999999 0 0\n").is_err());
    }
}

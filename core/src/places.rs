//! Places: the 34 provinces and cities, their 3,321 communes, wards and special
//! zones, the pre-2025 wards they absorbed, and the nearest communes to a point.
//!
//! Coordinates are whole numbers of 1e-5 degree (about one metre), so the data is
//! exact and the wasm needs no float parsing. Distances use an equirectangular
//! projection around the person's own latitude: within a few hundred kilometres it
//! is within about 1 % of the great-circle distance, which is all an "about 2.3 km,
//! estimated" needs, and it keeps the wasm free of trigonometry.
//!
//! The nearest communes are found province by province: provinces are tried in
//! order of how near their bounding box is, and the search stops as soon as no
//! unread province could hold anything nearer. So the browser fetches one to three
//! small pieces instead of the whole country, and the answer is still exact.
//!
//! Architecture invariant: pure; no Leptos, no browser, no I/O.

use std::f64::consts::PI;

pub use crate::model::{OfficeKind, OfficeSource};

/// A point: latitude and longitude in 1e-5 degree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Point {
    pub lat: i32,
    pub lon: i32,
}

/// A bounding box, in the same units as [`Point`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bbox {
    pub south: i32,
    pub west: i32,
    pub north: i32,
    pub east: i32,
}

impl Bbox {
    /// The smallest box holding every point (`None` for no points).
    pub fn around(points: impl IntoIterator<Item = Point>) -> Option<Bbox> {
        points.into_iter().fold(None, |b, p| {
            Some(match b {
                None => Bbox {
                    south: p.lat,
                    west: p.lon,
                    north: p.lat,
                    east: p.lon,
                },
                Some(b) => Bbox {
                    south: b.south.min(p.lat),
                    west: b.west.min(p.lon),
                    north: b.north.max(p.lat),
                    east: b.east.max(p.lon),
                },
            })
        })
    }

    /// The point of the box nearest to `p` (`p` itself if it is inside).
    pub fn clamp(&self, p: Point) -> Point {
        Point {
            lat: p.lat.clamp(self.south, self.north),
            lon: p.lon.clamp(self.west, self.east),
        }
    }
}

/// Kilometres in 1e-5 degree of latitude (mean Earth radius 6,371.0088 km).
pub const KM_PER_UNIT: f64 = 6371.0088 * PI / 180.0 / 1e5;

/// The cosine of a latitude, by its Taylor series: exact to 1e-9 over Vietnam's
/// latitudes and good enough anywhere, without pulling trigonometry into the wasm.
fn cos_lat(lat: i32) -> f64 {
    let x = lat as f64 * PI / 180.0 / 1e5;
    let x2 = x * x;
    1.0 - x2 / 2.0 * (1.0 - x2 / 12.0 * (1.0 - x2 / 30.0 * (1.0 - x2 / 56.0)))
}

/// Distances from one point.
#[derive(Clone, Copy, Debug)]
pub struct Origin {
    pub at: Point,
    cos: f64,
}

impl Origin {
    pub fn new(at: Point) -> Self {
        Origin {
            at,
            cos: cos_lat(at.lat),
        }
    }

    /// The approximate distance to `p`, in kilometres.
    pub fn km(&self, p: Point) -> f64 {
        let dy = (p.lat - self.at.lat) as f64;
        let dx = (p.lon - self.at.lon) as f64 * self.cos;
        (dx * dx + dy * dy).sqrt() * KM_PER_UNIT
    }
}

/// The `k` nearest of `items` to `from`, nearest first: the brute-force answer.
pub fn nearest<T>(
    from: Point,
    items: impl IntoIterator<Item = (T, Point)>,
    k: usize,
) -> Vec<(T, f64)> {
    let mut search = Nearest::new(from, std::iter::empty(), k);
    search.add(items);
    search.found
}

/// The nearest communes, searched province by province (see the module docs).
#[derive(Debug)]
pub struct Nearest<T> {
    from: Origin,
    k: usize,
    /// Province indexes, with the distance to their bounding box, nearest first.
    order: Vec<(usize, f64)>,
    next: usize,
    /// The nearest found so far, nearest first, at most `k`.
    pub found: Vec<(T, f64)>,
}

impl<T> Nearest<T> {
    /// A search from `at` over provinces with these bounding boxes, in their order.
    pub fn new(at: Point, boxes: impl IntoIterator<Item = Bbox>, k: usize) -> Self {
        let from = Origin::new(at);
        let mut order: Vec<(usize, f64)> = boxes
            .into_iter()
            .enumerate()
            .map(|(i, b)| (i, from.km(b.clamp(at))))
            .collect();
        order.sort_by(|a, b| a.1.total_cmp(&b.1));
        Nearest {
            from,
            k,
            order,
            next: 0,
            found: Vec::new(),
        }
    }

    /// The next province to read: the nearest unread one that could still hold a
    /// commune nearer than the `k`-th found. `None` when the answer is complete.
    pub fn next_province(&self) -> Option<usize> {
        let &(index, bound) = self.order.get(self.next)?;
        let full = self.found.len() >= self.k;
        (!full || self.found.last().is_some_and(|(_, d)| bound < *d)).then_some(index)
    }

    /// Adds the communes of the province [`Self::next_province`] named.
    pub fn add(&mut self, items: impl IntoIterator<Item = (T, Point)>) {
        self.next += 1;
        for (item, p) in items {
            let d = self.from.km(p);
            if self.found.len() >= self.k && self.found.last().is_none_or(|(_, w)| d >= *w) {
                continue;
            }
            let at = self.found.partition_point(|(_, x)| *x <= d);
            self.found.insert(at, (item, d));
            self.found.truncate(self.k);
        }
    }

    /// Keeps the search to the provinces `keep` accepts (an embedding portal's own).
    pub fn only(mut self, keep: impl Fn(usize) -> bool) -> Self {
        self.order.retain(|&(i, _)| keep(i));
        self
    }

    /// Skips the next province (its piece could not be fetched).
    pub fn skip(&mut self) {
        self.next += 1;
    }
}

impl Point {
    /// The point as an HTML attribute value, `lat lon` (`2103860 10583800`): how
    /// a province page gives its communes' places to the nearest search.
    pub fn to_attr(self) -> String {
        format!("{} {}", self.lat, self.lon)
    }

    /// Reads [`Point::to_attr`] back; `None` for anything else, a point off the
    /// Earth included, so a damaged download gives fewer answers, never a crash
    /// (nor a distance that overflows).
    pub fn from_attr(text: &str) -> Option<Point> {
        let (lat, lon) = text.trim().split_once(' ')?;
        let p = Point {
            lat: lat.parse().ok()?,
            lon: lon.parse().ok()?,
        };
        p.on_earth().then_some(p)
    }

    /// Whether the point is a latitude and longitude at all (at most 90° and 180°
    /// either way), so that no distance between two such points overflows.
    pub fn on_earth(self) -> bool {
        (-9_000_000..=9_000_000).contains(&self.lat)
            && (-18_000_000..=18_000_000).contains(&self.lon)
    }
}

/// A distance as people read it: one decimal under 10 km, whole kilometres above;
/// `decimal_comma` for Vietnamese (`2,3`), a point for English (`2.3`).
pub fn format_km(km: f64, decimal_comma: bool) -> String {
    let tenths = (km * 10.0 + 0.5) as u64;
    if tenths >= 100 {
        format!("{}", (km + 0.5) as u64)
    } else {
        let sep = if decimal_comma { ',' } else { '.' };
        format!("{}{sep}{}", tenths / 10, tenths % 10)
    }
}

/// A province or city after 1 July 2025 (everything the wasm knows of it).
#[derive(Debug, PartialEq, Eq)]
pub struct Province {
    /// The two-digit official code, e.g. `"79"`.
    pub code: &'static str,
    pub slug: &'static str,
    /// `"Thành phố Hồ Chí Minh"`.
    pub name: &'static str,
    /// The box around its communes' boundaries (and their points).
    pub bbox: Bbox,
}

/// A province as it was before 1 July 2025; each went whole into one new province.
#[derive(Debug, PartialEq, Eq)]
pub struct OldProvince {
    pub slug: &'static str,
    /// Native builds only: the wasm takes a page's heading from its HTML.
    #[cfg(not(target_arch = "wasm32"))]
    pub name: &'static str,
    pub province: &'static Province,
}

/// What the native builds know of a province beyond [`Province`].
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug)]
pub struct ProvinceDetails {
    pub province: &'static Province,
    /// `"Hồ Chí Minh"`.
    pub short_name: &'static str,
    /// Its approximate centre.
    pub at: Point,
    /// The provinces it was made of.
    pub merged_from: &'static [&'static OldProvince],
    /// The province's web portal.
    pub portal: &'static str,
    /// Its own public-services portal, where one is known.
    pub public_services: Option<&'static str>,
    /// How it organises its service centres, where that differs from the usual
    /// one per commune, with its sources (`content/dia-phuong/cong-thong-tin.csv`).
    pub note: Option<(crate::model::Text, &'static [&'static str])>,
}

/// A commune, ward or special zone (native builds: its page is made at build time).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, PartialEq)]
pub struct Commune {
    /// The five-digit official code.
    pub code: &'static str,
    pub province: &'static Province,
    pub slug: &'static str,
    /// `"Phường Bến Thành"`.
    pub name: &'static str,
    /// `"Bến Thành"`.
    pub short_name: &'static str,
    /// `"Xã"`, `"Phường"` or `"Đặc khu"`.
    pub kind: &'static str,
    /// Its approximate location (a geocoded centre, not the service centre's door).
    pub at: Point,
    /// Its area, as written in the data (`"2.97"`), where known.
    pub area_km2: Option<&'static str>,
    pub center: Option<Center>,
    /// Its offices as the national administrative map site lists them, the
    /// service centre and its points first (`content/dia-phuong/offices.csv`).
    pub offices: &'static [Office],
}

/// One office of a commune, as a copy of the national administrative map site
/// gives it: the text is the source's own.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, PartialEq)]
pub struct Office {
    pub kind: OfficeKind,
    /// A numbered service point's name (`"Điểm Phục vụ hành chính công 01 phường Ba Đình"`).
    pub label: Option<&'static str>,
    pub address: &'static str,
    /// What it accepts, where the source says.
    pub accepts: Option<&'static str>,
    /// The source names only a former office (of an old commune or district).
    pub old: bool,
    /// The text locates the office (a number, a street, a hamlet), not only names it.
    pub street: bool,
    /// A centre at the People's Committee's headquarters.
    pub committee: bool,
    pub source: OfficeSource,
}

/// What is known of a commune's service centre; every field read in a source.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, PartialEq)]
pub struct Center {
    pub name: &'static str,
    pub address: Option<&'static str>,
    pub phone: Option<&'static str>,
    pub hours: Option<&'static str>,
    /// Where it was read: a web address, or a description when there is none.
    pub source: &'static str,
    pub source_url: Option<&'static str>,
}

/// A district before 1 July 2025.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, PartialEq)]
pub struct OldDistrict {
    pub province: &'static OldProvince,
    pub code: &'static str,
    pub name: &'static str,
}

/// A ward or commune before 1 July 2025 and where it went.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, PartialEq)]
pub struct OldWard {
    pub district: &'static OldDistrict,
    /// Empty for a whole district.
    pub code: &'static str,
    /// Empty for a whole district.
    pub name: &'static str,
    /// A district that had no wards (five island districts such as Côn Đảo and
    /// Lý Sơn) went whole into one new commune; it is listed as one "ward".
    pub whole_district: bool,
    /// The new communes it went into; for a divided ward, the one that took most
    /// of it first.
    pub to: &'static [&'static Commune],
}

#[cfg(not(target_arch = "wasm32"))]
impl OldWard {
    /// Whether it was divided between several new communes.
    pub fn is_split(&self) -> bool {
        self.to.len() > 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lat: f64, lon: f64) -> Point {
        Point {
            lat: (lat * 1e5).round() as i32,
            lon: (lon * 1e5).round() as i32,
        }
    }

    fn haversine(a: Point, b: Point) -> f64 {
        let r = |v: i32| v as f64 / 1e5 * PI / 180.0;
        let (la1, la2) = (r(a.lat), r(b.lat));
        let dlat = la2 - la1;
        let dlon = r(b.lon) - r(a.lon);
        let h = (dlat / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlon / 2.0).sin().powi(2);
        2.0 * 6371.0088 * h.sqrt().asin()
    }

    #[test]
    fn the_cosine_series_is_exact_enough() {
        for lat in (0..=30).map(|d| d * 100_000) {
            let exact = (lat as f64 / 1e5 * PI / 180.0).cos();
            assert!((cos_lat(lat) - exact).abs() < 1e-9, "{lat}");
        }
    }

    #[test]
    fn distances_are_within_one_percent_of_great_circle() {
        // Hoàn Kiếm lake to Nội Bài airport, and Bến Thành to Vũng Tàu.
        for (a, b) in [
            (p(21.0285, 105.8522), p(21.2187, 105.8042)),
            (p(10.7725, 106.6980), p(10.3460, 107.0843)),
        ] {
            let (ours, exact) = (Origin::new(a).km(b), haversine(a, b));
            assert!((ours - exact).abs() / exact < 0.01, "{ours} vs {exact}");
        }
    }

    #[test]
    fn the_province_search_finds_what_brute_force_finds() {
        // Three "provinces" as clusters; the point sits near the edge of the first.
        let provinces: Vec<Vec<Point>> = vec![
            vec![p(21.0, 105.8), p(21.1, 105.9), p(20.6, 105.5)],
            vec![p(20.9, 106.0), p(21.3, 106.2)],
            vec![p(10.8, 106.7), p(10.9, 106.6)],
        ];
        let boxes: Vec<Bbox> = provinces
            .iter()
            .map(|ps| Bbox::around(ps.iter().copied()).unwrap())
            .collect();
        let from = p(20.95, 105.95);
        let mut search = Nearest::new(from, boxes, 3);
        let mut read = Vec::new();
        while let Some(i) = search.next_province() {
            read.push(i);
            search.add(provinces[i].iter().map(|&q| (q, q)));
        }
        let all = provinces.iter().flatten().map(|&q| (q, q));
        let expected: Vec<Point> = nearest(from, all, 3).into_iter().map(|x| x.0).collect();
        let got: Vec<Point> = search.found.iter().map(|x| x.0).collect();
        assert_eq!(got, expected);
        assert!(
            !read.contains(&2),
            "the far province is never read: {read:?}"
        );
    }

    #[test]
    fn points_round_trip_through_attributes() {
        let at = p(21.0386, 105.838);
        assert_eq!(at.to_attr(), "2103860 10583800");
        assert_eq!(Point::from_attr(&at.to_attr()), Some(at));
        assert_eq!(Point::from_attr("-5 7"), Some(Point { lat: -5, lon: 7 }));
        for broken in ["", "2103860", "21.0386 105.838", "a b", "1 2 3"] {
            assert_eq!(Point::from_attr(broken), None, "{broken:?}");
        }
    }

    /// Found by the property tests (`core/tests/props.rs`, issue 20): a damaged
    /// `data-at` read as a point off the Earth, whose distance from the person
    /// overflowed (a panic in debug builds, a wrong nearest commune in the wasm).
    #[test]
    fn a_point_off_the_earth_is_not_read() {
        assert_eq!(Point::from_attr("\t-2147483648 -684422519\t"), None);
        assert_eq!(Point::from_attr("9000001 0"), None);
        assert_eq!(Point::from_attr("0 -18000001"), None);
        let edge = Point::from_attr("-9000000 18000000").expect("on the Earth");
        let you = Origin::new(p(21.0386, 105.838));
        assert!(you.km(edge).is_finite());
        assert!(Origin::new(edge).km(p(-90.0, -180.0)).is_finite());
    }

    #[test]
    fn kilometres_read_naturally() {
        assert_eq!(format_km(2.34, true), "2,3");
        assert_eq!(format_km(2.34, false), "2.3");
        assert_eq!(format_km(0.04, true), "0,0");
        assert_eq!(format_km(9.96, true), "10");
        assert_eq!(format_km(123.4, false), "123");
    }
}

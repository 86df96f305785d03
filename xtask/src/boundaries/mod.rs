//! `cargo xtask boundaries --geojson <dir>`: every commune's boundary, from the national
//! administrative map site's polygons (a copy by `thanglequoc/vietnamese-provinces-database`,
//! MIT, folder `json/geojson/`), made small enough to fetch on a phone and written to
//! `content/dia-phuong/ranh-gioi/<province>.txt`, one file per province.
//!
//! The polygons are cut into arcs where the communes on either side change, so that a
//! border two communes share is one arc, simplified once (Douglas–Peucker, `geo`), and
//! both communes keep the same line: no gaps, no overlaps made by the simplification.
//! Coordinates are whole 1e-5 degrees, like `places::Point`. Each commune also gets the
//! point shown as its approximate location: the place data's point when it lies inside
//! the simplified boundary, else a point inside it (`geo::InteriorPoint`).
//!
//! The file format (read by `core/src/boundaries.rs`, `Boundaries::parse`):
//! ```text
//! # comment lines
//! t <tolerance> <edge tolerance>               the simplification's, in 1e-5 degrees
//! a <lon> <lat> <dlon> <dlat> <dlon> <dlat> …   an arc: first point, then steps
//! c <code> <lat> <lon> <ring> <ring> …          a commune: its point, its rings
//! ```
//! A ring is a comma-separated list of arc numbers (counted from 0 in the file); `~n`
//! is arc `n` walked backwards. A commune's rings are read even–odd: holes and islands
//! need no other mark.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use geo::{Contains, Coord, InteriorPoint, LineString, MultiPolygon, Polygon};
use serde_json::Value;
use topology::Use;

mod topology;

type P = (i32, i32); // (lon, lat) in 1e-5 degrees

/// The simplification's tolerance, in 1e-5 degrees (about 1.1 m each), for a border
/// between two communes: where "which commune am I in" is decided.
pub const TOLERANCE: f64 = 30.0;
/// The tolerance for a line with a commune on one side only: the coast, the islands,
/// the national border. Quảng Ninh's thousands of islands need it to fit its budget.
pub const EDGE_TOLERANCE: f64 = 60.0;

/// Codes the map site's copy spells differently from the place data (same commune,
/// checked by province and name).
const RENAMED: &[(&str, &str, &str)] = &[("06978", "06970", "Ba Chẽ")];

pub fn run(args: &[String]) -> Result<(), String> {
    let mut geojson = None;
    let mut tolerance = TOLERANCE;
    let mut edge_tolerance = EDGE_TOLERANCE;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--geojson" => geojson = it.next().map(PathBuf::from),
            "--tolerance" => {
                tolerance = it
                    .next()
                    .and_then(|t| t.parse().ok())
                    .ok_or("--tolerance takes a number (1e-5 degrees)")?
            }
            "--edge-tolerance" => {
                edge_tolerance = it
                    .next()
                    .and_then(|t| t.parse().ok())
                    .ok_or("--edge-tolerance takes a number (1e-5 degrees)")?
            }
            _ => return Err(USAGE.into()),
        }
    }
    let geojson = geojson.ok_or(USAGE)?;
    let root = crate::root();
    let content = root.join("content/dia-phuong");
    let places = read_communes(&content.join("communes-2025.csv"))?;
    let communes = read_polygons(&geojson, &places)?;
    let out = content.join("ranh-gioi");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let report = write(&communes, &places, (tolerance, edge_tolerance), &out)?;
    println!("{report}");
    Ok(())
}

const USAGE: &str = "usage: cargo xtask boundaries --geojson <json/geojson folder of thanglequoc/vietnamese-provinces-database> [--tolerance N] [--edge-tolerance N]";

/// A commune of `communes-2025.csv`: province, name, point (lat, lon in 1e-5 degrees).
struct Place {
    province: String,
    name: String,
    point: (i32, i32),
}

fn read_communes(path: &Path) -> Result<BTreeMap<String, Place>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap_or_default().split(',').collect();
    let col = |name: &str| {
        head.iter()
            .position(|h| *h == name)
            .ok_or(format!("{}: no column {name}", path.display()))
    };
    let (p, c, n, la, lo) = (
        col("province_code")?,
        col("commune_code")?,
        col("name")?,
        col("lat")?,
        col("lon")?,
    );
    let mut out = BTreeMap::new();
    for (i, line) in lines.enumerate() {
        let f: Vec<&str> = line.split(',').collect();
        let deg = |s: &str| {
            s.parse::<f64>()
                .map(|v| (v * 1e5).round() as i32)
                .map_err(|_| format!("{}:{}: bad number {s}", path.display(), i + 2))
        };
        out.insert(
            f[c].to_string(),
            Place {
                province: f[p].to_string(),
                name: f[n].to_string(),
                point: (deg(f[la])?, deg(f[lo])?),
            },
        );
    }
    Ok(out)
}

/// A commune's polygons as read: each polygon's rings (the first is the outside),
/// each ring closed (first point repeated at the end), quantised.
struct Shape {
    code: String,
    polygons: Vec<Vec<Vec<P>>>,
}

fn read_polygons(dir: &Path, places: &BTreeMap<String, Place>) -> Result<Vec<Shape>, String> {
    let mut files = Vec::new();
    for province in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let wards = province.map_err(|e| e.to_string())?.path().join("wards");
        if !wards.is_dir() {
            continue;
        }
        for f in std::fs::read_dir(&wards).map_err(|e| e.to_string())? {
            files.push(f.map_err(|e| e.to_string())?.path());
        }
    }
    files.sort();
    let mut shapes = Vec::new();
    for path in files {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let json: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let feature = &json["features"][0];
        let mut code = feature["properties"]["code"]
            .as_str()
            .ok_or(format!("{}: no properties.code", path.display()))?
            .to_string();
        let name = feature["properties"]["name"].as_str().unwrap_or_default();
        if let Some((_, ours, ours_name)) = RENAMED.iter().find(|(theirs, ..)| *theirs == code) {
            if name != *ours_name {
                return Err(format!(
                    "{}: {code} is {name}, not {ours_name}",
                    path.display()
                ));
            }
            code = ours.to_string();
        }
        let Some(place) = places.get(&code) else {
            return Err(format!(
                "{}: commune {code} ({name}) is not in communes-2025.csv",
                path.display()
            ));
        };
        if !place.name.ends_with(name) {
            // Tone marks placed differently ("Hoà", "Hòa") are the common case: shown
            // for a person to look at, not refused.
            eprintln!("note: {code} is {} here, {name} there", place.name);
        }
        let geometry = &feature["geometry"];
        let polys: Vec<&Value> = match geometry["type"].as_str() {
            Some("MultiPolygon") => geometry["coordinates"]
                .as_array()
                .into_iter()
                .flatten()
                .collect(),
            Some("Polygon") => vec![&geometry["coordinates"]],
            other => return Err(format!("{}: geometry {other:?}", path.display())),
        };
        let mut polygons = Vec::new();
        for poly in polys {
            let mut rings = Vec::new();
            for ring in poly.as_array().into_iter().flatten() {
                let mut pts: Vec<P> = Vec::new();
                for c in ring.as_array().into_iter().flatten() {
                    let x = c[0]
                        .as_f64()
                        .ok_or(format!("{}: bad coordinate", path.display()))?;
                    let y = c[1]
                        .as_f64()
                        .ok_or(format!("{}: bad coordinate", path.display()))?;
                    let p = ((x * 1e5).round() as i32, (y * 1e5).round() as i32);
                    if pts.last() != Some(&p) {
                        pts.push(p);
                    }
                }
                if pts.first() != pts.last() {
                    let first = pts[0];
                    pts.push(first);
                }
                if pts.len() >= 4 {
                    rings.push(pts);
                }
            }
            if !rings.is_empty() {
                polygons.push(rings);
            }
        }
        shapes.push(Shape { code, polygons });
    }
    let missing: Vec<&String> = places
        .keys()
        .filter(|c| !shapes.iter().any(|s| &s.code == *c))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "no boundary for {} communes: {missing:?}",
            missing.len()
        ));
    }
    Ok(shapes)
}

fn write(
    shapes: &[Shape],
    places: &BTreeMap<String, Place>,
    (tolerance, edge_tolerance): (f64, f64),
    out: &Path,
) -> Result<String, String> {
    let topo = topology::Topology::of(shapes);
    let simple = topo.simplified(tolerance, edge_tolerance);
    let (arcs, topo) = (&topo.arcs, &topo.rings);
    let points_before: usize = arcs.iter().map(Vec::len).sum();
    let points_after: usize = simple.iter().map(Vec::len).sum();

    let ring_points = |uses: &[Use]| -> Vec<P> {
        let mut pts: Vec<P> = Vec::new();
        for u in uses {
            let mut a = simple[u.arc].clone();
            if u.reversed {
                a.reverse();
            }
            if pts.last() == a.first() {
                pts.extend_from_slice(&a[1..]);
            } else {
                pts.extend(a);
            }
        }
        pts
    };
    let coord = |p: &P| Coord {
        x: p.0 as f64,
        y: p.1 as f64,
    };

    // One file per province.
    let mut by_province: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, s) in shapes.iter().enumerate() {
        by_province
            .entry(&places[&s.code].province)
            .or_default()
            .push(i);
    }
    let mut moved = Vec::new();
    let mut sizes = Vec::new();
    for (province, members) in &by_province {
        let mut local: HashMap<usize, usize> = HashMap::new();
        let mut arc_lines = String::new();
        let mut commune_lines = String::new();
        for &i in members {
            let s = &shapes[i];
            let place = &places[&s.code];
            let multi = MultiPolygon::new(
                topo[i]
                    .iter()
                    .map(|rings| {
                        let mut rings = rings.iter().map(|r| {
                            LineString::from(ring_points(r).iter().map(coord).collect::<Vec<_>>())
                        });
                        let outside = rings.next().unwrap_or_else(|| LineString::new(vec![]));
                        Polygon::new(outside, rings.collect())
                    })
                    .collect(),
            );
            let (lat, lon) = place.point;
            let given = geo::Point::new(lon as f64, lat as f64);
            let point = if multi.contains(&given) {
                (lat, lon)
            } else {
                let inside = multi
                    .interior_point()
                    .ok_or(format!("{}: no point inside its boundary", s.code))?;
                let p = (inside.y().round() as i32, inside.x().round() as i32);
                moved.push(format!(
                    "{} {} ({lat} {lon} → {} {})",
                    s.code, place.name, p.0, p.1
                ));
                p
            };
            write!(commune_lines, "c {} {} {}", s.code, point.0, point.1).unwrap();
            for ring in topo[i].iter().flatten() {
                commune_lines.push(' ');
                for (k, u) in ring.iter().enumerate() {
                    let next = local.len();
                    let n = *local.entry(u.arc).or_insert_with(|| {
                        let a = &simple[u.arc];
                        write!(arc_lines, "a {} {}", a[0].0, a[0].1).unwrap();
                        for w in a.windows(2) {
                            write!(arc_lines, " {} {}", w[1].0 - w[0].0, w[1].1 - w[0].1).unwrap();
                        }
                        arc_lines.push('\n');
                        next
                    });
                    if k > 0 {
                        commune_lines.push(',');
                    }
                    if u.reversed {
                        commune_lines.push('~');
                    }
                    write!(commune_lines, "{n}").unwrap();
                }
            }
            commune_lines.push('\n');
        }
        let text = format!(
            "# Ranh giới các xã, phường, đặc khu của tỉnh {province} (mã tỉnh), gần đúng.\n\
             # Nguồn: Bản đồ tham khảo đơn vị hành chính Việt Nam, Bộ Nông nghiệp và Môi trường\n\
             # (sapnhap.bando.com.vn), qua thanglequoc/vietnamese-provinces-database (MIT, xem\n\
             # LICENSE-vietnamese-provinces-database.txt), thư mục json/geojson. Đơn giản hóa:\n\
             # sai lệch tối đa {tolerance} phần trăm nghìn độ ở ranh giới giữa hai xã,\n\
             # {edge_tolerance} ở bờ biển, đảo và biên giới quốc gia. Tạo bằng `cargo xtask boundaries`.\n\
             t {tolerance:.0} {edge_tolerance:.0}\n\
             {arc_lines}{commune_lines}"
        );
        let path = out.join(format!("{province}.txt"));
        std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        sizes.push((province.to_string(), text.len()));
    }
    let mut report = format!(
        "{} communes, {} arcs, {points_before} points → {points_after} (tolerance {tolerance}, {edge_tolerance})\n",
        shapes.len(),
        arcs.len()
    );
    for (p, n) in &sizes {
        writeln!(report, "  {p}.txt {:.1} KB", *n as f64 / 1024.0).unwrap();
    }
    writeln!(
        report,
        "{} points moved inside their boundary:",
        moved.len()
    )
    .unwrap();
    for m in &moved {
        writeln!(report, "  {m}").unwrap();
    }
    Ok(report)
}

//! The place data (`content/dia-phuong/`): provinces, communes, old wards and what
//! is known of the service centres, checked row by row and against each other.
//! A problem is reported at the row's line: `content/dia-phuong/communes-2025.csv:12:1`.

use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::diag::{Diagnostics, Source};
use super::validate::is_url;
use thu_tuc_xa_core::text::slug;

/// The files, in the order of [`super::Inputs::places`].
pub const FILES: [&str; 6] = [
    "dia-phuong/provinces-2025.csv",
    "dia-phuong/communes-2025.csv",
    "dia-phuong/legacy-wards-to-2025.csv",
    "dia-phuong/centers.csv",
    "dia-phuong/cong-thong-tin.csv",
    "dia-phuong/offices.csv",
];

/// The country's extent, islands included: a coordinate outside it is a typo.
const LAT_RANGE: (i32, i32) = (800_000, 2_400_000);
const LON_RANGE: (i32, i32) = (10_200_000, 11_800_000);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProvinceCsv {
    province_code: String,
    name: String,
    short_name: String,
    lat: String,
    lon: String,
    communes: usize,
    merged_from: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommuneCsv {
    province_code: String,
    commune_code: String,
    name: String,
    short_name: String,
    /// Read but not trusted: see where the kind is taken from the name.
    #[serde(rename = "type")]
    #[allow(dead_code)]
    kind: String,
    lat: String,
    lon: String,
    area_km2: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LegacyCsv {
    old_province_code: String,
    old_province: String,
    old_district_code: String,
    old_district: String,
    old_ward_code: String,
    old_ward: String,
    new_commune_code: String,
    new_commune: String,
    new_province_code: String,
    relation: String,
    is_default: u8,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CenterCsv {
    province_code: String,
    commune_code: String,
    commune_name: String,
    center_name: String,
    address: String,
    phone: String,
    hours: String,
    source: String,
    #[allow(dead_code)]
    note: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PortalCsv {
    province_code: String,
    portal: String,
    public_services: String,
    note_vi: String,
    note_en: String,
    note_source: String,
}

#[derive(Debug)]
pub struct ProvinceRow {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub at: (i32, i32),
    /// The box around its communes' boundaries, once they are read.
    pub bbox: Option<thu_tuc_xa_core::places::Bbox>,
    /// Indexes into [`Places::old_provinces`].
    pub merged_from: Vec<usize>,
    pub portal: String,
    pub public_services: Option<String>,
    /// How the province organises its centres, where it differs, with its sources:
    /// `(vi, en, sources)`.
    pub note: Option<(String, String, Vec<String>)>,
}

#[derive(Debug)]
pub struct CommuneRow {
    pub code: String,
    /// Index into [`Places::provinces`].
    pub province: usize,
    pub slug: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub at: (i32, i32),
    pub area_km2: Option<String>,
    pub center: Option<CenterRow>,
    pub offices: Vec<super::offices::OfficeRow>,
}

#[derive(Debug)]
pub struct CenterRow {
    pub name: String,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub hours: Option<String>,
    /// A short name of the source: a host name, or `GitHub`.
    pub source: String,
    pub source_url: Option<String>,
}

#[derive(Debug)]
pub struct OldProvinceRow {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub province: usize,
}

#[derive(Debug)]
pub struct OldDistrictRow {
    pub province: usize,
    pub code: String,
    pub name: String,
}

#[derive(Debug)]
pub struct OldWardRow {
    pub district: usize,
    /// Empty for a whole district that had no wards (five island districts).
    pub code: String,
    pub name: String,
    pub whole_district: bool,
    /// Indexes into [`Places::communes`], the main one first.
    pub to: Vec<usize>,
}

/// Every place, checked.
#[derive(Debug, Default)]
pub struct Places {
    pub provinces: Vec<ProvinceRow>,
    pub communes: Vec<CommuneRow>,
    pub old_provinces: Vec<OldProvinceRow>,
    pub old_districts: Vec<OldDistrictRow>,
    pub old_wards: Vec<OldWardRow>,
}

/// The rows of a CSV file with their line numbers; a row that does not parse is
/// reported and skipped.
pub(super) fn rows<T: DeserializeOwned>(file: &Source, diags: &mut Diagnostics) -> Vec<(usize, T)> {
    let mut reader = csv::Reader::from_reader(file.text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(file.at(0, format!("{e}")));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for record in reader.records() {
        // The byte offset, not the line: the csv crate miscounts lines in CRLF files
        // (and its offset may point at the previous line's end).
        let mut at = match &record {
            Ok(r) => r.position().map_or(0, |p| p.byte() as usize),
            Err(e) => e.position().map_or(0, |p| p.byte() as usize),
        };
        while matches!(file.text.as_bytes().get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        match record.and_then(|r| r.deserialize::<T>(Some(&headers))) {
            Ok(row) => out.push((at, row)),
            Err(e) => diags.push(file.at(at, format!("{e}"))),
        }
    }
    out
}

/// A coordinate in 1e-5 degree, if it is a number within `range`.
fn coordinate(text: &str, range: (i32, i32)) -> Option<i32> {
    let value: f64 = text.trim().parse().ok()?;
    let units = (value * 1e5).round();
    (units >= range.0 as f64 && units <= range.1 as f64).then_some(units as i32)
}

fn point(
    file: &Source,
    at: usize,
    lat: &str,
    lon: &str,
    diags: &mut Diagnostics,
) -> Option<(i32, i32)> {
    match (coordinate(lat, LAT_RANGE), coordinate(lon, LON_RANGE)) {
        (Some(lat), Some(lon)) => Some((lat, lon)),
        _ => {
            diags.push(file.at(
                at,
                format!(
                    "lat `{lat}`, lon `{lon}` is not a point in Viet Nam (lat 8–24, lon 102–118)"
                ),
            ));
            None
        }
    }
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

fn optional(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// A source as people can follow it: `https://host/…` → (`host`, the address);
/// `github:owner/repo@commit path …` → (`github.com/owner/repo`, the file's
/// address); anything else is a public file on GitHub without a known address.
fn source(text: &str) -> (String, Option<String>) {
    let first = text.split(" | ").next().unwrap_or_default().trim();
    if is_url(first, "https://") {
        let host = first["https://".len()..]
            .split('/')
            .next()
            .unwrap_or_default();
        return (host.to_string(), Some(first.to_string()));
    }
    if let Some(rest) = first.strip_prefix("github:") {
        let mut words = rest.split_whitespace();
        let repo_at = words.next().unwrap_or_default();
        let path = words.next().unwrap_or_default();
        if let Some((repo, commit)) = repo_at.split_once('@') {
            return (
                format!("github.com/{repo}"),
                Some(format!("https://github.com/{repo}/blob/{commit}/{path}")),
            );
        }
    }
    ("GitHub".to_string(), None)
}

/// A province's name without its kind, folded: `"Tỉnh Bà Rịa - Vũng Tàu"` →
/// `"ba ria vung tau"`.
fn province_words(name: &str) -> String {
    let folded = thu_tuc_xa_core::text::fold(name);
    ["tinh ", "thanh pho ", "tp "]
        .iter()
        .find_map(|k| folded.strip_prefix(k))
        .unwrap_or(&folded)
        .to_string()
}

/// Checks the six files together.
pub fn places(files: &[Source; 6], diags: &mut Diagnostics) -> Places {
    let [provinces_file, communes_file, legacy_file, centers_file, portals_file, offices_file] =
        files;
    let mut places = Places::default();

    // Provinces.
    let mut province_index = HashMap::new();
    let mut expected_counts = Vec::new();
    let mut merged_names = Vec::new();
    for (at, row) in rows::<ProvinceCsv>(provinces_file, diags) {
        if !digits(&row.province_code, 2) || province_index.contains_key(&row.province_code) {
            diags.push(provinces_file.at(
                at,
                format!(
                    "province_code `{}` must be two digits, once",
                    row.province_code
                ),
            ));
            continue;
        }
        if row.name.trim().is_empty() || !row.name.ends_with(row.short_name.as_str()) {
            diags.push(provinces_file.at(
                at,
                format!(
                    "name `{}` must end with short_name `{}`",
                    row.name, row.short_name
                ),
            ));
        }
        let Some(point) = point(provinces_file, at, &row.lat, &row.lon, diags) else {
            continue;
        };
        province_index.insert(row.province_code.clone(), places.provinces.len());
        expected_counts.push((at, row.communes));
        merged_names.push((at, row.merged_from.clone()));
        places.provinces.push(ProvinceRow {
            code: row.province_code,
            slug: slug(&row.short_name),
            name: row.name,
            short_name: row.short_name,
            at: point,
            bbox: None,
            merged_from: Vec::new(),
            portal: String::new(),
            public_services: None,
            note: None,
        });
    }

    // Communes.
    let mut commune_index = HashMap::new();
    for (at, row) in rows::<CommuneCsv>(communes_file, diags) {
        let mut problem = |m: String| diags.push(communes_file.at(at, m));
        let Some(&province) = province_index.get(&row.province_code) else {
            problem(format!(
                "province_code `{}` is not in provinces-2025.csv",
                row.province_code
            ));
            continue;
        };
        if !digits(&row.commune_code, 5) || commune_index.contains_key(&row.commune_code) {
            problem(format!(
                "commune_code `{}` must be five digits, once",
                row.commune_code
            ));
            continue;
        }
        // The name is the official one; upstream's `type` column disagrees with it in
        // a few rows (`Phường Việt Hòa` typed `Xã`), so the kind is read from the name.
        let kind = ["Xã", "Phường", "Đặc khu"]
            .into_iter()
            .find(|k| row.name == format!("{k} {}", row.short_name));
        let Some(kind) = kind else {
            problem(format!(
                "name `{}` must be Xã, Phường or Đặc khu followed by the short name `{}`",
                row.name, row.short_name
            ));
            continue;
        };
        // Unknown areas are blank or 0.0 upstream.
        let area = row.area_km2.parse::<f64>().ok().filter(|a| *a > 0.0);
        if area.is_none() && !["", "0.0"].contains(&row.area_km2.as_str()) {
            problem(format!(
                "area_km2 `{}` must be a positive number, or blank",
                row.area_km2
            ));
        }
        let Some(point) = point(communes_file, at, &row.lat, &row.lon, diags) else {
            continue;
        };
        commune_index.insert(row.commune_code.clone(), places.communes.len());
        places.communes.push(CommuneRow {
            code: row.commune_code,
            province,
            slug: slug(&row.name),
            name: row.name,
            short_name: row.short_name,
            kind: kind.to_string(),
            at: point,
            area_km2: area.map(|_| row.area_km2),
            center: None,
            offices: Vec::new(),
        });
    }
    // Names that fold to the same address in one province (`Xã Sơn Hạ`, `Xã Sơn Hà`)
    // both get their code appended, so neither depends on the other's existence.
    let mut seen: HashMap<(usize, String), usize> = HashMap::new();
    for c in &places.communes {
        *seen.entry((c.province, c.slug.clone())).or_default() += 1;
    }
    for c in &mut places.communes {
        if seen[&(c.province, c.slug.clone())] > 1 {
            c.slug = format!("{}-{}", c.slug, c.code);
        }
    }
    for (i, (at, expected)) in expected_counts.iter().enumerate() {
        let found = places.communes.iter().filter(|c| c.province == i).count();
        if found != *expected {
            diags.push(provinces_file.at(
                *at,
                format!("communes says {expected}, communes-2025.csv has {found}"),
            ));
        }
    }

    // Old wards → new communes.
    let mut old_province_index: HashMap<String, usize> = HashMap::new();
    let mut district_index: HashMap<String, usize> = HashMap::new();
    let mut ward_index: HashMap<String, (usize, usize, bool)> = HashMap::new();
    let mut defaults: Vec<Vec<bool>> = Vec::new();
    for (at, row) in rows::<LegacyCsv>(legacy_file, diags) {
        let mut problem = |m: String| diags.push(legacy_file.at(at, m));
        let Some(&commune) = commune_index.get(&row.new_commune_code) else {
            problem(format!(
                "new_commune_code `{}` is not in communes-2025.csv",
                row.new_commune_code
            ));
            continue;
        };
        let c = &places.communes[commune];
        if c.name != row.new_commune || places.provinces[c.province].code != row.new_province_code {
            problem(format!(
                "new commune `{}` ({}) is `{}` in province {} in communes-2025.csv",
                row.new_commune, row.new_province_code, c.name, places.provinces[c.province].code
            ));
            continue;
        }
        let province = c.province;
        let old_province = *old_province_index
            .entry(row.old_province_code.clone())
            .or_insert_with(|| {
                places.old_provinces.push(OldProvinceRow {
                    code: row.old_province_code.clone(),
                    slug: slug(
                        row.old_province
                            .trim_start_matches("Thành phố ")
                            .trim_start_matches("Tỉnh "),
                    ),
                    name: row.old_province.clone(),
                    province,
                });
                places.old_provinces.len() - 1
            });
        let op = &places.old_provinces[old_province];
        if op.name != row.old_province || op.province != province {
            problem(format!(
                "old province {} `{}` must keep one name and go whole into one new province",
                row.old_province_code, row.old_province
            ));
            continue;
        }
        let district = *district_index
            .entry(row.old_district_code.clone())
            .or_insert_with(|| {
                places.old_districts.push(OldDistrictRow {
                    province: old_province,
                    code: row.old_district_code.clone(),
                    name: row.old_district.clone(),
                });
                places.old_districts.len() - 1
            });
        let d = &places.old_districts[district];
        if d.name != row.old_district || d.province != old_province {
            problem(format!(
                "old district {} `{}` is listed with another name or province above",
                row.old_district_code, row.old_district
            ));
            continue;
        }
        let split = match row.relation.as_str() {
            "whole" => false,
            "split" => true,
            other => {
                problem(format!("relation `{other}` must be `whole` or `split`"));
                continue;
            }
        };
        let default = match row.is_default {
            0 => false,
            1 => true,
            other => {
                problem(format!("is_default `{other}` must be 0 or 1"));
                continue;
            }
        };
        // A district with no wards (Côn Đảo, Lý Sơn…) has one row with the ward
        // columns empty: the whole district went into one new commune.
        let whole_district = row.old_ward_code.is_empty();
        if whole_district && (split || !row.old_ward.is_empty()) {
            problem(format!(
                "old district {} `{}`: a row without old_ward_code is a whole district, so old_ward must be empty and relation `whole`",
                row.old_district_code, row.old_district
            ));
            continue;
        }
        let key = if whole_district {
            format!("district {}", row.old_district_code)
        } else {
            row.old_ward_code.clone()
        };
        match ward_index.get(&key) {
            None => {
                ward_index.insert(key, (places.old_wards.len(), at, split));
                places.old_wards.push(OldWardRow {
                    district,
                    code: row.old_ward_code,
                    name: row.old_ward,
                    whole_district,
                    to: vec![commune],
                });
                defaults.push(vec![default]);
            }
            Some(&(i, _, first_split)) => {
                let w = &mut places.old_wards[i];
                if !split || !first_split || w.name != row.old_ward || w.district != district {
                    problem(format!(
                        "old ward {} `{}` is listed again; only a `split` ward has several rows",
                        row.old_ward_code, row.old_ward
                    ));
                    continue;
                }
                if w.to.contains(&commune) {
                    problem(format!(
                        "old ward {} goes into `{}` twice",
                        row.old_ward_code, row.new_commune
                    ));
                    continue;
                }
                w.to.push(commune);
                defaults[i].push(default);
            }
        }
    }
    for (code, &(i, at, split)) in &ward_index {
        let w = &mut places.old_wards[i];
        let marks = &defaults[i];
        let main = marks.iter().filter(|&&d| d).count();
        let fine = if split {
            w.to.len() > 1 && main == 1
        } else {
            main == 1
        };
        if !fine {
            diags.push(legacy_file.at(
                at,
                format!(
                    "old ward {code}: a `whole` ward has one row with is_default 1; a `split` ward has several rows and exactly one is_default 1"
                ),
            ));
            continue;
        }
        let first = marks.iter().position(|&d| d).unwrap_or(0);
        w.to.swap(0, first);
        let rest = &mut w.to[1..];
        rest.sort_unstable();
    }

    // Which old provinces each new one was made of.
    for (i, (at, names)) in merged_names.iter().enumerate() {
        let listed: Vec<&str> = names.split("; ").map(str::trim).collect();
        let mut merged = Vec::new();
        for name in &listed {
            match places.old_provinces.iter().position(|o| o.name == *name) {
                Some(o) if places.old_provinces[o].province == i => merged.push(o),
                _ => diags.push(provinces_file.at(
                    *at,
                    format!("merged_from: `{name}` is not an old province whose wards went into this province"),
                )),
            }
        }
        let all = places
            .old_provinces
            .iter()
            .filter(|o| o.province == i)
            .count();
        if merged.len() == listed.len() && all != merged.len() {
            diags.push(provinces_file.at(
                *at,
                format!(
                    "merged_from lists {} provinces; legacy-wards-to-2025.csv has {all}",
                    merged.len()
                ),
            ));
        }
        places.provinces[i].merged_from = merged;
    }
    let mut old_slugs = HashSet::new();
    for o in &places.old_provinces {
        if !old_slugs.insert(o.slug.clone()) {
            diags.push(legacy_file.at(
                0,
                format!("two old provinces have the address `{}`", o.slug),
            ));
        }
    }

    // Centres. An address may not end in a province that no longer exists.
    let gone: HashSet<String> = places
        .old_provinces
        .iter()
        .map(|o| province_words(&o.name))
        .filter(|o| {
            !places
                .provinces
                .iter()
                .any(|p| province_words(&p.name) == *o)
        })
        .collect();
    for (at, row) in rows::<CenterCsv>(centers_file, diags) {
        let mut problem = |m: String| diags.push(centers_file.at(at, m));
        let Some(&commune) = commune_index.get(&row.commune_code) else {
            problem(format!(
                "commune_code `{}` is not in communes-2025.csv",
                row.commune_code
            ));
            continue;
        };
        let c = &mut places.communes[commune];
        if c.name != row.commune_name || places.provinces[c.province].code != row.province_code {
            problem(format!(
                "commune `{}` ({}) is `{}` in communes-2025.csv",
                row.commune_name, row.province_code, c.name
            ));
            continue;
        }
        if c.center.is_some() {
            problem(format!("`{}` already has a centre above", row.commune_name));
            continue;
        }
        if row.center_name.trim().is_empty() || row.source.trim().is_empty() {
            problem("center_name and source must not be empty".into());
            continue;
        }
        if let Some(last) = row
            .address
            .rsplit(',')
            .next()
            .filter(|l| !l.trim().is_empty())
        {
            if gone.contains(&province_words(last)) {
                problem(format!(
                    "the address ends in `{}`, a province that no longer exists: write the province it is in now",
                    last.trim()
                ));
                continue;
            }
        }
        let (label, url) = source(&row.source);
        c.center = Some(CenterRow {
            name: row.center_name.trim().to_string(),
            address: optional(&row.address),
            phone: optional(&row.phone),
            hours: optional(&row.hours),
            source: label,
            source_url: url,
        });
    }

    // Portals.
    let mut with_portal = HashSet::new();
    for (at, row) in rows::<PortalCsv>(portals_file, diags) {
        let mut problem = |m: String| diags.push(portals_file.at(at, m));
        let Some(&i) = province_index.get(&row.province_code) else {
            problem(format!(
                "province_code `{}` is not in provinces-2025.csv",
                row.province_code
            ));
            continue;
        };
        if !with_portal.insert(i) {
            problem(format!("province {} is listed twice", row.province_code));
        }
        let services = optional(&row.public_services);
        if !is_url(&row.portal, "https://")
            || services.as_ref().is_some_and(|s| !is_url(s, "https://"))
        {
            problem("portal and public_services must be https:// addresses".into());
        }
        let note = match (
            optional(&row.note_vi),
            optional(&row.note_en),
            optional(&row.note_source),
        ) {
            (None, None, None) => None,
            (Some(vi), Some(en), Some(sources))
                if sources.split(" | ").all(|s| is_url(s, "https://")) =>
            {
                Some((vi, en, sources.split(" | ").map(str::to_string).collect()))
            }
            _ => {
                problem(
                    "a note needs note_vi, note_en and note_source (https:// addresses, separated by ` | `)".into(),
                );
                None
            }
        };
        places.provinces[i].portal = row.portal;
        places.provinces[i].public_services = services;
        places.provinces[i].note = note;
    }
    for (i, p) in places.provinces.iter().enumerate() {
        if !with_portal.contains(&i) {
            diags.push(portals_file.at(
                portals_file.text.len(),
                format!("province {} `{}` has no portal", p.code, p.name),
            ));
        }
    }
    super::offices::offices(offices_file, &mut places, diags);
    places
}

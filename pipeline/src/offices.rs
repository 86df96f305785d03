//! `content/dia-phuong/offices.csv`: each commune's offices as the national
//! administrative map site lists them (made by `regenerate-offices.py`), checked
//! row by row.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::diag::{Diagnostics, Source};
use super::places::{rows, CommuneRow, Places};
use thu_tuc_xa_core::model::{OfficeKind, OfficeSource};
use thu_tuc_xa_core::text::fold;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficeCsv {
    province_code: String,
    commune_code: String,
    kind: String,
    label: String,
    address: String,
    accepts: String,
    old: String,
    street: String,
    committee: String,
    source: String,
}

/// One office, checked.
#[derive(Debug)]
pub struct OfficeRow {
    pub kind: OfficeKind,
    pub label: Option<String>,
    pub address: String,
    pub accepts: Option<String>,
    pub old: bool,
    /// The text locates the office (a number, a street, a hamlet…), not only names it.
    pub street: bool,
    /// A centre at the People's Committee's headquarters (the source gives both).
    pub committee: bool,
    pub source: OfficeSource,
}

fn kind_of(id: &str) -> Option<OfficeKind> {
    Some(match id {
        "trung-tam" => OfficeKind::Centre,
        "diem-phuc-vu" => OfficeKind::ServicePoint,
        "ubnd" => OfficeKind::Committee,
        "trung-tam-hc" => OfficeKind::AdminCentre,
        _ => return None,
    })
}

fn flag(value: &str) -> Option<bool> {
    match value {
        "" => Some(false),
        "1" => Some(true),
        _ => None,
    }
}

/// Reads the offices into their communes; a commune's offices keep the file's
/// order (the service centre and its points first).
pub fn offices(file: &Source, places: &mut Places, diags: &mut Diagnostics) {
    let index: HashMap<String, usize> = places
        .communes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.code.clone(), i))
        .collect();
    let mut seen = HashSet::new();
    for (at, row) in rows::<OfficeCsv>(file, diags) {
        let mut problem = |m: String| diags.push(file.at(at, m));
        let Some(&i) = index.get(&row.commune_code) else {
            problem(format!(
                "commune_code `{}` is not in communes-2025.csv",
                row.commune_code
            ));
            continue;
        };
        let province = &places.provinces[places.communes[i].province].code;
        if *province != row.province_code {
            problem(format!(
                "commune {} is in province {province}, not {}",
                row.commune_code, row.province_code
            ));
            continue;
        }
        let Some(kind) = kind_of(&row.kind) else {
            problem(format!(
                "unknown kind `{}`; known: trung-tam, diem-phuc-vu, ubnd, trung-tam-hc",
                row.kind
            ));
            continue;
        };
        let source = match row.source.as_str() {
            "sapnhap" => OfficeSource::Sapnhap,
            "vpd" => OfficeSource::Vpd,
            other => {
                problem(format!("unknown source `{other}`; known: sapnhap, vpd"));
                continue;
            }
        };
        let (Some(old), Some(street), Some(committee)) =
            (flag(&row.old), flag(&row.street), flag(&row.committee))
        else {
            problem("old, street and committee must be empty or 1".into());
            continue;
        };
        if committee && kind != OfficeKind::Centre {
            problem("only a centre (trung-tam) can share the People's Committee's address".into());
            continue;
        }
        let address = row.address.trim();
        if address.is_empty() || fold(address).contains("dang cap nhat") {
            problem("address is empty or “đang cập nhật”: leave the office out".into());
            continue;
        }
        let label = row.label.trim();
        if kind != OfficeKind::ServicePoint && !label.is_empty() {
            problem("only a service point (diem-phuc-vu) has a label".into());
            continue;
        }
        // Spellings may differ in tone marks only: the same text, not the same fold.
        let same: String = address
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !seen.insert((i, same)) {
            problem(format!(
                "the same address is listed twice for {}",
                row.commune_code
            ));
            continue;
        }
        let c: &mut CommuneRow = &mut places.communes[i];
        c.offices.push(OfficeRow {
            kind,
            label: (!label.is_empty()).then(|| label.to_string()),
            address: address.to_string(),
            accepts: Some(row.accepts.trim())
                .filter(|a| !a.is_empty())
                .map(str::to_string),
            old,
            street,
            committee,
            source,
        });
    }
}

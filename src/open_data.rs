//! Open data: what the guide knows, as files other services can reuse, made at
//! build time from the same content as the pages (`/du-lieu/v1/`). Each JSON file
//! says its version, the day of its content and its licence, and has a JSON Schema
//! beside it (`<name>.schema.json`, kept in `src/open_data/`); tables are also CSV.
//! Native only: the prerenderer writes the files, the tests validate them.

use serde_json::{json, Value};

use crate::data;
use crate::model::{Lang, Vocabulary};
use crate::places::Point;

/// The folder of the files, under the site's root: a new version of a file's
/// shape gets a new folder, so that what others built on keeps working.
pub const DIR: &str = "du-lieu/v1";

/// The version of the files' shape (the folder's `v1`).
pub const VERSION: u32 = 1;

/// One file of the open data.
pub struct OpenFile {
    /// Its name in [`DIR`]: `xa-phuong.json`.
    pub name: String,
    pub contents: String,
}

/// A data set: its JSON (and schema), and CSV where it is a table.
pub struct DataSet {
    /// The name without extension: `xa-phuong`.
    pub name: &'static str,
    pub title: crate::model::Text,
    /// Whose data it is, under which licence.
    pub licence: Licence,
    /// The JSON Schema its JSON meets.
    pub schema: &'static str,
    pub items: Vec<Value>,
    /// The CSV's header and rows, for a table.
    pub csv: Option<(Vec<&'static str>, Vec<Vec<String>>)>,
}

/// The licence of a data set.
#[derive(Clone, Copy)]
pub enum Licence {
    /// The guide's own content: CC BY 4.0.
    Own,
    /// The provinces: names, codes and what they were made of from
    /// `vietnamadminunits` (MIT); the portals written by hand (CC BY 4.0).
    Provinces,
    /// The communes: `vietnamadminunits` (MIT), some locations and areas from
    /// `vietnamese-provinces-database` (MIT), with our corrections.
    Communes,
    /// The old communes and wards: `vietnamadminunits` (MIT), with our corrections.
    OldWards,
    /// The national index: the national portal's public catalogue; our English
    /// names are CC BY 4.0.
    Portal,
}

/// The MIT licence texts the place data must travel with, copied beside it.
pub const NOTICES: [(&str, &str); 2] = [
    (
        "LICENSE-vietnamadminunits.txt",
        include_str!("../content/dia-phuong/LICENSE-vietnamadminunits.txt"),
    ),
    (
        "LICENSE-vietnamese-provinces-database.txt",
        include_str!("../content/dia-phuong/LICENSE-vietnamese-provinces-database.txt"),
    ),
];

const VAU: &str = "vietnamadminunits 1.0.4 (tranngocminhhieu/vietnamadminunits), Copyright (c) 2025 Tran Ngoc Minh Hieu, MIT";
const VPD: &str = "vietnamese-provinces-database (thanglequoc/vietnamese-provinces-database), Copyright (c) 2021 Thang Le Quoc, MIT, from the reference map sapnhap.bando.com.vn (not official)";

impl Licence {
    /// The licence as the page names it.
    pub fn short(self) -> &'static str {
        match self {
            Licence::Own => "CC BY 4.0",
            Licence::Provinces => "MIT + CC BY 4.0",
            Licence::Communes | Licence::OldWards => "MIT",
            Licence::Portal => "",
        }
    }

    pub fn json(self) -> Value {
        let notice = |names: &[&str]| -> Vec<String> {
            names.iter().map(|n| format!("/{DIR}/{n}")).collect()
        };
        match self {
            Licence::Own => json!({
                "id": "CC-BY-4.0",
                "url": "https://creativecommons.org/licenses/by/4.0/",
                "attribution": "Thủ tục xã",
                "notices": [],
            }),
            Licence::Provinces => json!({
                "id": "MIT AND CC-BY-4.0",
                "url": "https://creativecommons.org/licenses/by/4.0/",
                "attribution": format!("code, name, short_name, merged_from: {VAU}; portal, public_services: Thủ tục xã, CC BY 4.0"),
                "notices": notice(&[NOTICES[0].0]),
            }),
            Licence::Communes => json!({
                "id": "MIT",
                "url": "https://opensource.org/license/mit",
                "attribution": format!("{VAU}; some locations and areas: {VPD}; corrections by Thủ tục xã"),
                "notices": notice(&[NOTICES[0].0, NOTICES[1].0]),
            }),
            Licence::OldWards => json!({
                "id": "MIT",
                "url": "https://opensource.org/license/mit",
                "attribution": format!("{VAU}; corrections by Thủ tục xã"),
                "notices": notice(&[NOTICES[0].0]),
            }),
            Licence::Portal => json!({
                "id": "public-record",
                "url": "https://dichvucong.gov.vn/",
                "attribution": "Cổng Dịch vụ công quốc gia (dichvucong.gov.vn), public catalogue of administrative procedures; English names by Thủ tục xã (CC BY 4.0)",
                "notices": [],
            }),
        }
    }
}

fn degrees(p: Point) -> (f64, f64) {
    (f64::from(p.lat) / 1e5, f64::from(p.lon) / 1e5)
}

/// Every data set, in the order the page lists them.
pub fn data_sets() -> Vec<DataSet> {
    vec![provinces(), communes(), old_wards(), index(), laws()]
}

fn provinces() -> DataSet {
    let mut rows = Vec::new();
    let items = data::PROVINCE_DETAILS
        .iter()
        .map(|d| {
            let p = d.province;
            let merged: Vec<&str> = d.merged_from.iter().map(|o| o.name).collect();
            rows.push(vec![
                p.code.to_string(),
                p.slug.to_string(),
                p.name.to_string(),
                d.short_name.to_string(),
                merged.join("; "),
                d.portal.to_string(),
                d.public_services.unwrap_or_default().to_string(),
            ]);
            json!({
                "code": p.code,
                "slug": p.slug,
                "name": p.name,
                "short_name": d.short_name,
                "merged_from": merged,
                "portal": d.portal,
                "public_services": d.public_services,
                "communes": data::communes_in(p).count(),
            })
        })
        .collect();
    DataSet {
        name: "tinh-thanh",
        title: crate::model::Text {
            vi: "34 tỉnh, thành phố từ ngày 01/7/2025",
            en: "The 34 provinces and cities since 1 July 2025",
        },
        licence: Licence::Provinces,
        schema: include_str!("open_data/tinh-thanh.schema.json"),
        items,
        csv: Some((
            vec![
                "code",
                "slug",
                "name",
                "short_name",
                "merged_from",
                "portal",
                "public_services",
            ],
            rows,
        )),
    }
}

fn communes() -> DataSet {
    let mut rows = Vec::new();
    let items = data::COMMUNES
        .iter()
        .map(|c| {
            let (lat, lon) = degrees(c.at);
            rows.push(vec![
                c.code.to_string(),
                c.province.code.to_string(),
                c.slug.to_string(),
                c.name.to_string(),
                c.kind.to_string(),
                format!("{lat:.5}"),
                format!("{lon:.5}"),
                c.area_km2.unwrap_or_default().to_string(),
            ]);
            json!({
                "code": c.code,
                "province": c.province.code,
                "slug": c.slug,
                "name": c.name,
                "kind": c.kind,
                "lat": lat,
                "lon": lon,
                "area_km2": c.area_km2,
                "page": format!("/noi-nop/{}/{}/", c.province.slug, c.slug),
            })
        })
        .collect();
    DataSet {
        name: "xa-phuong",
        title: crate::model::Text {
            vi: "3.321 xã, phường, đặc khu",
            en: "The 3,321 communes, wards and special zones",
        },
        licence: Licence::Communes,
        schema: include_str!("open_data/xa-phuong.schema.json"),
        items,
        csv: Some((
            vec![
                "code", "province", "slug", "name", "kind", "lat", "lon", "area_km2",
            ],
            rows,
        )),
    }
}

fn old_wards() -> DataSet {
    let mut rows = Vec::new();
    let items = data::OLD_WARDS
        .iter()
        .map(|w| {
            let to: Vec<&str> = w.to.iter().map(|c| c.code).collect();
            rows.push(vec![
                w.district.province.name.to_string(),
                w.district.code.to_string(),
                w.district.name.to_string(),
                w.code.to_string(),
                w.name.to_string(),
                w.whole_district.to_string(),
                to.join(" "),
            ]);
            json!({
                "old_province": w.district.province.name,
                "old_district_code": w.district.code,
                "old_district": w.district.name,
                "code": w.code,
                "name": w.name,
                "whole_district": w.whole_district,
                "to": to,
            })
        })
        .collect();
    DataSet {
        name: "xa-phuong-cu",
        title: crate::model::Text {
            vi: "Xã, phường, thị trấn trước ngày 01/7/2025 và xã, phường, đặc khu mới tương ứng",
            en: "Communes, wards and townships before 1 July 2025 and the new units they went into",
        },
        licence: Licence::OldWards,
        schema: include_str!("open_data/xa-phuong-cu.schema.json"),
        items,
        csv: Some((
            vec![
                "old_province",
                "old_district_code",
                "old_district",
                "code",
                "name",
                "whole_district",
                "to",
            ],
            rows,
        )),
    }
}

fn index() -> DataSet {
    let mut rows = Vec::new();
    let items = data::INDEX
        .iter()
        .map(|e| {
            let channels: Vec<&str> = e.channels.iter().map(|c| c.id()).collect();
            rows.push(vec![
                e.code.to_string(),
                e.name.to_string(),
                e.name_en.to_string(),
                e.field.id.to_string(),
                e.agency.get(Lang::Vi).to_string(),
                e.decision.to_string(),
                channels.join(" "),
                e.url.to_string(),
            ]);
            json!({
                "code": e.code,
                "name": e.name,
                "name_en": e.name_en,
                "field": e.field.id,
                "field_name": { "vi": e.field.name.vi, "en": e.field.name.en },
                "agency": { "vi": e.agency.vi, "en": e.agency.en },
                "decision": e.decision,
                "channels": channels,
                "portal_url": e.url,
                "guide": data::procedure_by_code(e.code)
                    .map(|p| format!("/thu-tuc/{}/", p.slug)),
            })
        })
        .collect();
    DataSet {
        name: "danh-muc",
        title: crate::model::Text {
            vi: "Danh mục thủ tục hành chính cấp xã (581 thủ tục)",
            en: "The national index of commune-level procedures (581)",
        },
        licence: Licence::Portal,
        schema: include_str!("open_data/danh-muc.schema.json"),
        items,
        csv: Some((
            vec![
                "code",
                "name",
                "name_en",
                "field",
                "agency",
                "decision",
                "channels",
                "portal_url",
            ],
            rows,
        )),
    }
}

fn laws() -> DataSet {
    let items = data::LEGAL_DOCS
        .iter()
        .map(|d| {
            json!({
                "id": d.id,
                "number": d.number,
                "kind": d.kind.id(),
                "name": { "vi": d.name.vi, "en": d.name.en },
                "issuer": { "vi": d.issuer.vi, "en": d.issuer.en },
                "signed": d.signed,
                "in_force": d.in_force,
                "until": d.until,
                "replaced_by": d.replaced_by,
                "amended_by": d.amended_by,
                "link": d.link,
                "read": d.read,
                "note": d.note.map(|n| json!({ "vi": n.vi, "en": n.en })),
            })
        })
        .collect();
    DataSet {
        name: "van-ban",
        title: crate::model::Text {
            vi: "Văn bản pháp luật làm căn cứ",
            en: "The legal texts the facts rest on",
        },
        licence: Licence::Own,
        schema: include_str!("open_data/van-ban.schema.json"),
        items,
        csv: None,
    }
}

impl DataSet {
    /// The JSON file: version, content day, licence, then the items.
    pub fn json(&self) -> String {
        let doc = json!({
            "version": VERSION,
            "content_date": data::CONTENT_DAY,
            "title": { "vi": self.title.vi, "en": self.title.en },
            "licence": self.licence.json(),
            "schema": format!("/{DIR}/{}.schema.json", self.name),
            "items": self.items,
        });
        serde_json::to_string(&doc).unwrap_or_default()
    }

    /// The CSV file, UTF-8 with a header row (and no byte-order mark).
    pub fn csv(&self) -> Option<String> {
        let (header, rows) = self.csv.as_ref()?;
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(header).ok()?;
        for row in rows {
            w.write_record(row).ok()?;
        }
        String::from_utf8(w.into_inner().ok()?).ok()
    }

    /// Its files: JSON, schema, CSV.
    pub fn files(&self) -> Vec<OpenFile> {
        let mut out = vec![
            OpenFile {
                name: format!("{}.json", self.name),
                contents: self.json(),
            },
            OpenFile {
                name: format!("{}.schema.json", self.name),
                contents: self.schema.to_string(),
            },
        ];
        if let Some(csv) = self.csv() {
            out.push(OpenFile {
                name: format!("{}.csv", self.name),
                contents: csv,
            });
        }
        out
    }
}

/// Every file of the open data, and the MIT licence texts of the place data.
pub fn files() -> Vec<OpenFile> {
    let mut out: Vec<OpenFile> = data_sets().iter().flat_map(DataSet::files).collect();
    out.extend(NOTICES.iter().map(|(name, text)| OpenFile {
        name: name.to_string(),
        contents: text.to_string(),
    }));
    out
}

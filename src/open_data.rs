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
    /// The communes' offices: the national administrative map site's data
    /// through two MIT copies (`sapnhap_v7.1`, `vietnamese-provinces-database`).
    Offices,
}

/// The MIT licence texts the place data must travel with, copied beside it.
pub const NOTICES: [(&str, &str); 3] = [
    (
        "LICENSE-vietnamadminunits.txt",
        include_str!("../content/dia-phuong/LICENSE-vietnamadminunits.txt"),
    ),
    (
        "LICENSE-vietnamese-provinces-database.txt",
        include_str!("../content/dia-phuong/LICENSE-vietnamese-provinces-database.txt"),
    ),
    (
        "LICENSE-sapnhap_v7.1.txt",
        include_str!("../content/dia-phuong/LICENSE-sapnhap_v7.1.txt"),
    ),
];
const SAPNHAP: &str = "sapnhap_v7.1 (thinhpxp/sapnhap_v7.1), Copyright (c) 2025 thinhpxp, MIT, from the reference map sapnhap.bando.com.vn (not official)";

const VAU: &str = "vietnamadminunits 1.0.4 (tranngocminhhieu/vietnamadminunits), Copyright (c) 2025 Tran Ngoc Minh Hieu, MIT";
const VPD: &str = "vietnamese-provinces-database (thanglequoc/vietnamese-provinces-database), Copyright (c) 2021 Thang Le Quoc, MIT, from the reference map sapnhap.bando.com.vn (not official)";

impl Licence {
    /// The licence as the page names it.
    pub fn short(self) -> &'static str {
        match self {
            Licence::Own => "CC BY 4.0",
            Licence::Provinces => "MIT + CC BY 4.0",
            Licence::Communes | Licence::OldWards => "MIT",
            Licence::Offices => "MIT + CC BY 4.0",
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
            Licence::Offices => json!({
                "id": "MIT AND CC-BY-4.0",
                "url": "https://opensource.org/license/mit",
                "attribution": format!("offices: {SAPNHAP}; {VPD}; the source's own words, flagged (old, street) by Thủ tục xã; commune names and codes: {VAU}; centre: gathered by Thủ tục xã (CC BY 4.0), each with its source"),
                "notices": notice(&[NOTICES[2].0, NOTICES[1].0, NOTICES[0].0]),
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
    vec![
        procedures(),
        flows(),
        glossary(),
        centres(),
        provinces(),
        communes(),
        old_wards(),
        index(),
        laws(),
    ]
}

fn text(t: crate::model::Text) -> Value {
    json!({ "vi": t.vi, "en": t.en })
}

/// Where a fact comes from: each citation (a legal text's id, its article, the
/// quote; `doc` null for the portal's record), its status and dates.
fn basis(b: &crate::model::Basis) -> Value {
    json!({
        "status": b.status.id(),
        "reason": b.reason.map(text),
        "from": b.from,
        "until": b.until,
        "cite": b.cite.iter().map(|c| json!({
            "doc": c.doc.map(|d| d.id),
            "art": c.art,
            "quote": c.quote,
        })).collect::<Vec<_>>(),
    })
}

fn fact(f: &crate::model::Fact) -> Value {
    json!({ "text": text(f.text), "basis": basis(&f.basis) })
}

fn log(entries: &[crate::model::LogEntry]) -> Vec<Value> {
    entries
        .iter()
        .map(|e| json!({ "date": e.date, "why": e.why.id(), "law": e.law, "text": text(e.text) }))
        .collect()
}

fn procedures() -> DataSet {
    let items = data::PROCEDURES
        .iter()
        .map(|info| {
            let p = data::details(info);
            json!({
                "code": info.code,
                "slug": info.slug,
                "page": format!("/thu-tuc/{}/", info.slug),
                "field": info.field,
                "name": text(info.name),
                "summary": text(p.summary),
                "portal_url": p.portal_url,
                "checked": p.checked,
                "reviewed": p.reviewed,
                "sources": p.sources,
                "legal_basis": p.legal_basis.iter().map(|(d, _)| d.id).collect::<Vec<_>>(),
                "who": fact(&p.who),
                "deadline": p.deadline.as_ref().map(fact),
                "result": text(p.result),
                "time": fact(&p.time),
                "time_limit": p.time_limit.map(|l| {
                    use crate::calendar::Limit;
                    let (kind, days) = match l {
                        Limit::WorkingDays(n) => ("working-days", Some(n)),
                        Limit::Days(n) => ("days", Some(n)),
                        Limit::SameDay => ("same-day", None),
                        Limit::AtOnce => ("at-once", None),
                    };
                    json!({ "kind": kind, "days": days, "until": p.time_limit_until })
                }),
                "fee": fact(&p.fee),
                "exemptions": p.exemptions.iter().map(fact).collect::<Vec<_>>(),
                "place": {
                    "kind": p.place.id(),
                    "of": p.place_of.map(|o| o.id()),
                    "note": p.place_note.map(text),
                    "cite": basis(&crate::model::Basis { cite: p.place_cite, status: crate::model::Status::Settled, reason: None, from: None, until: None })["cite"],
                },
                "channels": {
                    "kinds": p.channels.iter().map(|c| c.id()).collect::<Vec<_>>(),
                    "cite": basis(&crate::model::Basis { cite: p.channels_cite, status: crate::model::Status::Settled, reason: None, from: None, until: None })["cite"],
                },
                "documents": p.documents.iter().map(|d| json!({
                    "doc": d.doc.id,
                    "kind": d.kind.id(),
                    "count": d.count,
                    "note": d.note.map(text),
                    "when": d.when.map(text),
                    "case": d.case,
                    "lacking": d.lacking.map(text),
                    "basis": basis(&d.basis),
                })).collect::<Vec<_>>(),
                "changes": p.changes.iter().map(|c| json!({
                    "fact": c.kind.id(),
                    "text": text(c.fact.text),
                    "basis": basis(&c.fact.basis),
                })).collect::<Vec<_>>(),
                "log": log(p.log),
            })
        })
        .collect();
    DataSet {
        name: "thu-tuc",
        title: crate::model::Text {
            vi: "Thủ tục có hướng dẫn đầy đủ, mỗi thông tin kèm căn cứ",
            en: "The procedures with a full guide, every fact with its source",
        },
        licence: Licence::Own,
        schema: include_str!("open_data/thu-tuc.schema.json"),
        items,
        csv: None,
    }
}

/// A node of a flow's graph: `{ "question": id }` or `{ "outcome": id }`.
fn node(flow: &crate::flow::Flow, n: crate::flow::Node) -> Value {
    match n {
        crate::flow::Node::Question(q) => json!({ "question": flow.question(q).id }),
        crate::flow::Node::Outcome(o) => json!({ "outcome": flow.outcome(o).id }),
    }
}

/// A condition: every clause (a question and the options that satisfy it) holds.
fn cond(flow: &crate::flow::Flow, i: u16) -> Value {
    flow.cond(i)
        .clauses
        .iter()
        .map(|c| {
            let q = flow.question(c.question);
            json!({
                "question": q.id,
                "options": c.options.iter().map(|&o| q.options[usize::from(o)]).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn flows() -> DataSet {
    let items = data::FLOWS
        .iter()
        .map(|f| {
            let t = data::flow_text(f);
            json!({
                "slug": f.slug,
                "page": format!("/su-kien/{}/", f.slug),
                "name": text(f.name),
                "summary": text(t.summary),
                "start": node(f, f.start),
                "questions": f.questions.iter().zip(t.questions).map(|(q, qt)| json!({
                    "id": q.id,
                    "text": text(qt.text),
                    "hint": qt.hint.map(text),
                    "options": q.options.iter().zip(qt.options).map(|(id, o)| json!({ "id": id, "text": text(*o) })).collect::<Vec<_>>(),
                    "branches": q.branches.iter().map(|b| json!({ "when": cond(f, b.when), "go": node(f, b.go) })).collect::<Vec<_>>(),
                    "next": node(f, q.next),
                })).collect::<Vec<_>>(),
                "outcomes": f.outcomes.iter().zip(t.outcomes).map(|(o, ot)| json!({
                    "id": o.id,
                    "title": text(ot.title),
                    "why": text(ot.why),
                    "steps": o.steps.iter().zip(ot.steps).map(|(s, st)| json!({
                        "procedure": s.procedure,
                        "when": s.when.map(|w| cond(f, w)),
                        "what": st.map(text),
                    })).collect::<Vec<_>>(),
                    "notes": ot.notes.iter().map(|n| json!({
                        "about": n.about.id(),
                        "when": n.when.map(|w| cond(f, w)),
                        "text": text(n.text),
                        "until": n.until,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "log": log(t.log),
            })
        })
        .collect();
    DataSet {
        name: "su-kien",
        title: crate::model::Text {
            vi: "Hướng dẫn theo câu hỏi (sự kiện trong đời): câu hỏi, nhánh và kết quả",
            en: "Guided questions (life events): questions, branches and outcomes",
        },
        licence: Licence::Own,
        schema: include_str!("open_data/su-kien.schema.json"),
        items,
        csv: None,
    }
}

fn glossary() -> DataSet {
    let mut rows = Vec::new();
    let items = data::DOCUMENTS
        .iter()
        .map(|info| {
            let e = data::glossary_entry(info);
            rows.push(vec![
                info.id.to_string(),
                info.name.vi.to_string(),
                info.name.en.to_string(),
                e.form.unwrap_or_default().to_string(),
                e.summary.vi.to_string(),
                e.get.vi.to_string(),
            ]);
            json!({
                "id": info.id,
                "page": format!("/giay-to/{}/", info.id),
                "name": text(info.name),
                "form": e.form,
                "summary": text(e.summary),
                "get": text(e.get),
                "sources": e.sources,
            })
        })
        .collect();
    DataSet {
        name: "giay-to",
        title: crate::model::Text {
            vi: "Giấy tờ: mỗi loại là gì và xin ở đâu",
            en: "Documents: what each is and where to get it",
        },
        licence: Licence::Own,
        schema: include_str!("open_data/giay-to.schema.json"),
        items,
        csv: Some((
            vec!["id", "name", "name_en", "form", "summary", "get"],
            rows,
        )),
    }
}

fn centres() -> DataSet {
    use crate::places::{OfficeKind, OfficeSource};
    let mut rows = Vec::new();
    let items = data::COMMUNES
        .iter()
        .filter(|c| !c.offices.is_empty() || c.center.is_some())
        .map(|c| {
            let offices: Vec<Value> = c
                .offices
                .iter()
                .map(|o| {
                    let kind = match o.kind {
                        OfficeKind::Centre => "centre",
                        OfficeKind::ServicePoint => "service-point",
                        OfficeKind::Committee => "committee",
                        OfficeKind::AdminCentre => "admin-centre",
                    };
                    let source = match o.source {
                        OfficeSource::Sapnhap => "sapnhap_v7.1",
                        OfficeSource::Vpd => "vietnamese-provinces-database",
                    };
                    rows.push(vec![
                        c.code.to_string(),
                        c.province.code.to_string(),
                        c.name.to_string(),
                        kind.to_string(),
                        o.label.unwrap_or_default().to_string(),
                        o.address.to_string(),
                        o.accepts.unwrap_or_default().to_string(),
                        o.old.to_string(),
                        o.street.to_string(),
                        source.to_string(),
                    ]);
                    json!({
                        "kind": kind,
                        "label": o.label,
                        "address": o.address,
                        "accepts": o.accepts,
                        "old": o.old,
                        "street": o.street,
                        "source": source,
                    })
                })
                .collect();
            // The service centre's address gathered by hand, each with where it
            // was read.
            let centre = c.center.as_ref().map(|k| {
                json!({
                    "name": k.name,
                    "address": k.address,
                    "phone": k.phone,
                    "hours": k.hours,
                    "source": k.source,
                    "source_url": k.source_url,
                })
            });
            json!({
                "commune": c.code,
                "province": c.province.code,
                "name": c.name,
                "page": format!("/noi-nop/{}/{}/", c.province.slug, c.slug),
                "centre": centre,
                "offices": offices,
            })
        })
        .collect();
    DataSet {
        name: "tru-so",
        title: crate::model::Text {
            vi: "Trụ sở, trung tâm phục vụ hành chính công của xã, phường: địa chỉ đã tìm được kèm nguồn, và trụ sở theo bản đồ tham khảo (không chính thức)",
            en: "The communes' service centres and offices: the addresses we found, with their sources, and the offices on the reference map (not official)",
        },
        licence: Licence::Offices,
        schema: include_str!("open_data/tru-so.schema.json"),
        items,
        csv: Some((
            vec![
                "commune", "province", "name", "kind", "label", "address", "accepts", "old", "street", "source",
            ],
            rows,
        )),
    }
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

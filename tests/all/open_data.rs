//! The open data: every file meets the JSON Schema published beside it (checked
//! with a real validator), and says what it holds; the CSV has the JSON's rows.

use serde_json::Value;
use thu_tuc_xa::data;
use thu_tuc_xa::open_data::{data_sets, files, VERSION};

#[test]
fn every_file_meets_its_published_schema() {
    for set in data_sets() {
        let schema: Value = serde_json::from_str(set.schema).expect("a schema is JSON");
        let validator = jsonschema::draft202012::new(&schema)
            .unwrap_or_else(|e| panic!("{}: the schema is not a valid schema: {e}", set.name));
        let doc: Value = serde_json::from_str(&set.json()).expect("the file is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .take(5)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", set.name);
        assert_eq!(doc["version"], VERSION);
        assert_eq!(doc["content_date"], data::CONTENT_DAY);
    }
}

#[test]
fn a_schema_refuses_what_it_should() {
    // The validator is not a rubber stamp: a commune with a made-up kind, a
    // missing code or an unknown key fails.
    let set = data_sets()
        .into_iter()
        .find(|s| s.name == "xa-phuong")
        .expect("the communes");
    let schema: Value = serde_json::from_str(set.schema).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let good: Value = serde_json::from_str(&set.json()).unwrap();
    assert!(validator.is_valid(&good));
    for (what, change) in [
        ("a kind", r#"{"kind": "Huyện"}"#),
        ("a code", r#"{"code": "123"}"#),
        ("a key", r#"{"ward_head": "x"}"#),
    ] {
        let mut bad = good.clone();
        let change: Value = serde_json::from_str(change).unwrap();
        for (k, v) in change.as_object().unwrap() {
            bad["items"][0][k] = v.clone();
        }
        assert!(!validator.is_valid(&bad), "{what} should be refused");
    }
    let mut bad = good.clone();
    bad["items"][0].as_object_mut().unwrap().remove("code");
    assert!(
        !validator.is_valid(&bad),
        "a missing code should be refused"
    );
}

#[test]
fn the_files_hold_every_place_and_procedure_and_the_csv_matches() {
    let counts: Vec<(String, usize)> = data_sets()
        .iter()
        .map(|s| (s.name.to_string(), s.items.len()))
        .collect();
    let count = |name: &str| counts.iter().find(|(n, _)| n == name).unwrap().1;
    assert_eq!(count("tinh-thanh"), 34);
    assert_eq!(count("xa-phuong"), 3321);
    assert_eq!(count("danh-muc"), data::INDEX.len());
    assert_eq!(count("van-ban"), data::LEGAL_DOCS.len());
    assert_eq!(count("xa-phuong-cu"), data::OLD_WARDS.len());
    assert_eq!(count("thu-tuc"), data::PROCEDURES.len());
    assert_eq!(count("su-kien"), data::FLOWS.len());
    assert_eq!(count("giay-to"), data::DOCUMENTS.len());
    // A commune with offices is an item; the CSV is a row per office.
    let offices: usize = data::COMMUNES.iter().map(|c| c.offices.len()).sum();
    assert!(
        count("tru-so") > 3000,
        "most communes have an office listed"
    );
    for set in data_sets() {
        let Some(csv) = set.csv() else { continue };
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = reader
            .records()
            .collect::<Result<_, _>>()
            .expect("CSV rows");
        let rows = rows.len();
        let expected = if set.name == "tru-so" {
            offices
        } else {
            set.items.len()
        };
        assert_eq!(rows, expected, "{}: a CSV row per item", set.name);
    }
    // Each data set gives its JSON and schema, and a CSV when it is a table.
    let names: Vec<String> = files().into_iter().map(|f| f.name).collect();
    assert!(names.contains(&"xa-phuong.csv".to_string()));
    assert!(names.contains(&"van-ban.schema.json".to_string()));
    assert!(!names.contains(&"van-ban.csv".to_string()));
    // The MIT texts the place data names travel with it.
    for set in data_sets() {
        for notice in set.licence.json()["notices"].as_array().unwrap() {
            let name = notice.as_str().unwrap().rsplit('/').next().unwrap();
            assert!(names.iter().any(|n| n == name), "{}: {name}", set.name);
        }
    }
}

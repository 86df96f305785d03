//! The national index of commune-level procedures (`content/danh-muc/`): a CSV of
//! every procedure the national portal lists for communes, with the names of its
//! fields and agencies in TOML files.

use std::collections::HashSet;

use super::diag::{Diagnostics, Source};
use super::front_matter::{AgenciesFile, EnglishNameCsv, IndexFieldsFile, IndexRowCsv};
use super::validate::{is_code, is_slug, is_url, parse_toml, text};
use thu_tuc_xa_core::model::Channel;

/// One validated row.
#[derive(Debug)]
pub struct IndexRow {
    pub code: String,
    pub name: String,
    /// Our English translation of the name (`ten-tieng-anh.csv`).
    pub name_en: String,
    /// Position in the agencies file.
    pub agency: usize,
    /// Position in the fields file.
    pub field: usize,
    pub decision: String,
    pub channels: Vec<Channel>,
    pub url: String,
}

/// The whole index, validated.
#[derive(Debug)]
pub struct Index {
    pub fields: IndexFieldsFile,
    pub agencies: AgenciesFile,
    pub rows: Vec<IndexRow>,
}

/// The CSV's words for the ways to submit.
fn channel(word: &str) -> Option<Channel> {
    match word {
        "Trực tiếp" => Some(Channel::InPerson),
        "Dịch vụ bưu chính" => Some(Channel::Post),
        "Trực tuyến" => Some(Channel::NationalPortal),
        _ => None,
    }
}

/// Byte offset of the start of 1-based `line` in `text`.
fn line_offset(text: &str, line: u64) -> usize {
    text.split_inclusive('\n')
        .take(line.saturating_sub(1) as usize)
        .map(str::len)
        .sum()
}

/// `ten-tieng-anh.csv`: code → English name, each code once and never empty.
fn english_names(
    file: &Source,
    diags: &mut Diagnostics,
) -> std::collections::HashMap<String, (String, usize)> {
    let mut names = std::collections::HashMap::new();
    let mut reader = csv::Reader::from_reader(file.text.as_bytes());
    for record in reader.deserialize::<EnglishNameCsv>() {
        match record {
            Ok(row) => {
                // The header is line 1; rows follow without blank lines.
                let at = line_offset(&file.text, names.len() as u64 + 2);
                if row.ten_tieng_anh.trim().is_empty() {
                    diags.push(
                        file.at(at, format!("code `{}` has no English name", row.ma_thu_tuc)),
                    );
                }
                if names
                    .insert(row.ma_thu_tuc.clone(), (row.ten_tieng_anh, at))
                    .is_some()
                {
                    diags.push(file.at(at, format!("code `{}` is listed twice", row.ma_thu_tuc)));
                }
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line());
                diags.push(file.at(line_offset(&file.text, line), format!("{e}")));
            }
        }
    }
    names
}

/// Checks the four files of the index together.
pub fn index(
    csv_file: &Source,
    fields_file: &Source,
    agencies_file: &Source,
    english_file: &Source,
    diags: &mut Diagnostics,
) -> Option<Index> {
    let before = diags.0.len();
    let fields: IndexFieldsFile = parse_toml(fields_file, &fields_file.text, 0, diags)?;
    let agencies: AgenciesFile = parse_toml(agencies_file, &agencies_file.text, 0, diags)?;
    let mut ids = HashSet::new();
    for f in &fields.field {
        if !is_slug(f.id.get_ref()) || !ids.insert(f.id.get_ref().clone()) {
            diags.push(fields_file.at(
                f.id.span().start,
                format!(
                    "field id `{}` must be unique, lower-case letters, digits and `-`",
                    f.id.get_ref()
                ),
            ));
        }
        text(fields_file, 0, &f.name, diags);
    }
    for a in &agencies.agency {
        text(agencies_file, 0, &a.name, diags);
    }

    let english = english_names(english_file, diags);
    let mut rows = Vec::new();
    let mut codes = HashSet::new();
    let mut used = HashSet::new();
    let mut reader = csv::Reader::from_reader(csv_file.text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diags.push(csv_file.at(0, format!("{e}")));
            return None;
        }
    };
    for record in reader.records() {
        let parsed = record.and_then(|r| {
            let line = r.position().map_or(1, |p| p.line());
            r.deserialize::<IndexRowCsv>(Some(&headers))
                .map(|row| (line, row))
        });
        let (line, row) = match parsed {
            Ok(ok) => ok,
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line());
                diags.push(csv_file.at(line_offset(&csv_file.text, line), format!("{e}")));
                continue;
            }
        };
        let at = line_offset(&csv_file.text, line);
        let mut problem = |message: String| diags.push(csv_file.at(at, message));
        if !is_code(&row.ma_thu_tuc) {
            problem(format!(
                "code `{}` must look like `1.001193`",
                row.ma_thu_tuc
            ));
        } else if !codes.insert(row.ma_thu_tuc.clone()) {
            problem(format!("code `{}` is listed twice", row.ma_thu_tuc));
        }
        if row.ten_thu_tuc.trim().is_empty() {
            problem("the procedure has no name".into());
        }
        if !is_url(&row.detail_url, "https://dichvucong.gov.vn/") {
            problem(format!(
                "detail_url `{}` must be a https://dichvucong.gov.vn/ address",
                row.detail_url
            ));
        }
        let field = fields
            .field
            .iter()
            .position(|f| f.source.get_ref() == &row.linh_vuc);
        if field.is_none() {
            problem(format!(
                "field `{}` is not in content/danh-muc/linh-vuc.toml",
                row.linh_vuc
            ));
        }
        let agency = agencies
            .agency
            .iter()
            .position(|a| a.id.get_ref() == &row.bo);
        if agency.is_none() {
            problem(format!(
                "agency `{}` is not in content/danh-muc/co-quan.toml",
                row.bo
            ));
        }
        let mut channels = Vec::new();
        for word in row
            .hinh_thuc_nop
            .split(';')
            .map(str::trim)
            .filter(|w| !w.is_empty())
        {
            match channel(word) {
                Some(c) => channels.push(c),
                None => problem(format!("unknown way to submit `{word}`; known: Trực tiếp, Dịch vụ bưu chính, Trực tuyến")),
            }
        }
        let name_en = english.get(&row.ma_thu_tuc).map(|(n, _)| n.clone());
        if name_en.is_none() {
            problem(format!(
                "code `{}` has no English name in content/danh-muc/ten-tieng-anh.csv",
                row.ma_thu_tuc
            ));
        }
        if let (Some(field), Some(agency), Some(name_en)) = (field, agency, name_en) {
            used.insert(field);
            rows.push(IndexRow {
                code: row.ma_thu_tuc,
                name: row.ten_thu_tuc,
                name_en,
                agency,
                field,
                decision: row.so_quyet_dinh,
                channels,
                url: row.detail_url,
            });
        }
    }
    for (code, (_, at)) in english.iter().filter(|(code, _)| !codes.contains(*code)) {
        diags.push(english_file.at(
            *at,
            format!("code `{code}` is not in content/danh-muc/thu-tuc-cap-xa.csv"),
        ));
    }
    for (i, f) in fields.field.iter().enumerate() {
        if !used.contains(&i) && diags.0.len() == before {
            diags.push(fields_file.at(
                f.id.span().start,
                format!("field `{}` has no procedure in the CSV", f.id.get_ref()),
            ));
        }
    }
    (diags.0.len() == before).then_some(Index {
        fields,
        agencies,
        rows,
    })
}

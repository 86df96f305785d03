//! The markdown file of a procedure: front matter split from the body, the body
//! split into its `# vi` and `# en` sections, each rendered with its links checked.

use std::collections::HashSet;
use std::ops::Range;

use super::diag::{Diagnostics, Source};
use super::markdown;

/// Splits `+++` front matter from the body. Returns (front matter, its byte offset, body, its offset).
pub(super) fn split_front_matter<'a>(
    source: &'a Source,
    diags: &mut Diagnostics,
) -> Option<(&'a str, usize, &'a str, usize)> {
    let text = source.text.as_str();
    let Some(rest) = text.strip_prefix("+++\n") else {
        diags.push(source.at(
            0,
            "the file must start with a `+++` line opening the front matter",
        ));
        return None;
    };
    let start = 4;
    let mut offset = start;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_start = offset + line.len();
            return Some((&text[start..offset], start, &text[body_start..], body_start));
        }
        offset += line.len();
    }
    diags.push(source.at(
        0,
        "the front matter opened here is never closed by a `+++` line",
    ));
    None
}

/// The pages a content link may point to, known before any procedure is parsed:
/// the home page, the lists, each field and each procedure file.
pub struct SitePages {
    pub procedures: HashSet<String>,
    pub fields: HashSet<String>,
    pub documents: HashSet<String>,
}

impl SitePages {
    /// Whether `path` (Vietnamese, e.g. `/thu-tuc/dang-ky-khai-sinh/`) is a page.
    /// Paths end in `/`, as every page path does.
    pub fn exists(&self, path: &str) -> bool {
        let Some(inner) = path
            .strip_prefix('/')
            .and_then(|p| p.strip_suffix('/').or((p.is_empty()).then_some(p)))
        else {
            return false;
        };
        let segments: Vec<&str> = if inner.is_empty() {
            vec![]
        } else {
            inner.split('/').collect()
        };
        match segments.as_slice() {
            [] | ["thu-tuc"] => true,
            ["thu-tuc", slug] => self.procedures.contains(*slug),
            ["linh-vuc", id] => self.fields.contains(*id),
            ["giay-to"] => true,
            ["giay-to", id] => self.documents.contains(*id),
            _ => false,
        }
    }
}

/// Splits the body into its `# vi` and `# en` sections and renders each.
pub(super) fn body(
    source: &Source,
    body: &str,
    offset: usize,
    pages: &SitePages,
    diags: &mut Diagnostics,
) -> Option<(String, String)> {
    let mut markers = Vec::new();
    let mut pos = 0;
    for line in body.split_inclusive('\n') {
        let l = line.trim_end();
        if l == "# vi" || l == "# en" {
            markers.push((l, pos, pos + line.len()));
        }
        pos += line.len();
    }
    let first_text = body.len() - body.trim_start().len();
    let found: Vec<&str> = markers.iter().map(|m| m.0).collect();
    if found != ["# vi", "# en"] {
        let at = markers
            .get(2)
            .or(markers.first())
            .map_or(first_text, |m| m.1);
        diags.push(source.at(
            offset + at,
            format!(
            "the body must have exactly one `# vi` line followed by one `# en` line (found: {})",
            if found.is_empty() { "neither".to_string() } else { found.join(", ") }
        ),
        ));
        return None;
    }
    if markers[0].1 != first_text {
        diags.push(source.at(
            offset + first_text,
            "text before `# vi`: the body must start with the `# vi` line",
        ));
    }
    let exists = |path: &str| pages.exists(path);
    let mut render = |range: Range<usize>, name: &str, prefix: &str| {
        let section = &body[range.clone()];
        if section.trim().is_empty() {
            diags.push(source.at(
                offset + range.start.saturating_sub(1),
                format!("the `{name}` section is empty"),
            ));
            return None;
        }
        let links = markdown::Links {
            prefix,
            exists: &exists,
        };
        match markdown::render(section, &links) {
            Ok(html) => Some(html),
            Err(errors) => {
                for e in errors {
                    diags.push(source.at(offset + range.start + e.offset, e.message));
                }
                None
            }
        }
    };
    let vi = render(markers[0].2..markers[1].1, "# vi", "");
    let en = render(markers[1].2..body.len(), "# en", "/en");
    Some((vi?, en?))
}

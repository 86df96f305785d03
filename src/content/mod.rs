//! The content pipeline: `content/` → validated data → Rust source for the site.
//!
//! Stages, each its own module: split a file into front matter and body, deserialize
//! the front matter ([`front_matter`]), render markdown ([`markdown`]), validate
//! cross-references, then generate code ([`codegen`]). Every problem is collected as a
//! [`Diagnostic`] with `path:line:column`, so an editor sees all of them at once.
//!
//! Architecture invariants: this module never reaches the wasm (it is compiled into
//! `build.rs` and into native test builds only); it knows nothing of Leptos. Only
//! [`load`] touches the file system; [`build`] is pure.

pub mod codegen;
pub mod diag;
pub mod front_matter;
pub mod markdown;
mod validate;

use std::path::Path;

use diag::Diagnostics;
pub use diag::{report, Diagnostic, Source};
use front_matter::{FieldFm, ProcedureFm};

/// A procedure that passed every check.
#[derive(Debug)]
pub struct ParsedProcedure {
    pub slug: String,
    pub fm: ProcedureFm,
    pub body_vi: String,
    pub body_en: String,
}

/// UI strings: the keys, in file order of `vi`, with both translations.
#[derive(Debug, Default)]
pub struct Strings {
    pub entries: Vec<(String, String, String)>,
}

/// Everything in `content/`, validated.
#[derive(Debug)]
pub struct Site {
    pub fields: Vec<FieldFm>,
    pub procedures: Vec<ParsedProcedure>,
    pub strings: Strings,
}

/// The files the pipeline reads, by role.
pub struct Inputs {
    pub fields: Source,
    pub procedures: Vec<Source>,
    pub strings_vi: Source,
    pub strings_en: Source,
}

/// Reads `content/` from disk. Paths in messages are relative to the directory that
/// holds `content/`, e.g. `content/thu-tuc/dang-ky-khai-sinh.md`.
pub fn load(content_dir: &Path) -> Result<Inputs, Vec<Diagnostic>> {
    let read = |rel: &str| -> Result<Source, Diagnostic> {
        let path = content_dir.join(rel);
        std::fs::read_to_string(&path)
            .map(|text| Source::new(format!("content/{rel}"), text))
            .map_err(|e| Diagnostic {
                path: format!("content/{rel}"),
                line: 1,
                column: 1,
                message: format!("cannot read: {e}"),
            })
    };
    let mut problems = Vec::new();
    let mut names: Vec<String> = match std::fs::read_dir(content_dir.join("thu-tuc")) {
        Ok(dir) => dir
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".md"))
            .collect(),
        Err(e) => {
            problems.push(Diagnostic {
                path: "content/thu-tuc".into(),
                line: 1,
                column: 1,
                message: format!("cannot read directory: {e}"),
            });
            Vec::new()
        }
    };
    names.sort();
    let mut take = |r: Result<Source, Diagnostic>| match r {
        Ok(s) => Some(s),
        Err(d) => {
            problems.push(d);
            None
        }
    };
    let fields = take(read("linh-vuc.toml"));
    let strings_vi = take(read("i18n/vi.toml"));
    let strings_en = take(read("i18n/en.toml"));
    let procedures: Vec<Source> = names
        .iter()
        .filter_map(|n| take(read(&format!("thu-tuc/{n}"))))
        .collect();
    match (fields, strings_vi, strings_en) {
        (Some(fields), Some(strings_vi), Some(strings_en)) if problems.is_empty() => Ok(Inputs {
            fields,
            procedures,
            strings_vi,
            strings_en,
        }),
        _ => Err(problems),
    }
}

/// Parses and validates every input. Pure: no I/O.
pub fn build(inputs: &Inputs) -> Result<Site, Vec<Diagnostic>> {
    let mut diags = Diagnostics::default();
    let fields = validate::fields(&inputs.fields, &mut diags);
    let strings = validate::strings(&inputs.strings_vi, &inputs.strings_en, &mut diags);
    let pages = validate::SitePages {
        procedures: inputs
            .procedures
            .iter()
            .map(|s| validate::slug_of(&s.path).to_string())
            .collect(),
        fields: fields.iter().map(|f| f.id.get_ref().clone()).collect(),
    };
    let mut procedures = Vec::new();
    for source in &inputs.procedures {
        if let Some(p) = validate::procedure(source, &fields, &pages, &mut diags) {
            procedures.push((source, p));
        }
    }
    validate::unique_codes(&procedures, &mut diags);
    if diags.is_empty() {
        Ok(Site {
            fields,
            procedures: procedures.into_iter().map(|(_, p)| p).collect(),
            strings,
        })
    } else {
        Err(diags.into_sorted())
    }
}

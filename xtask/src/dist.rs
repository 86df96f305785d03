//! `cargo xtask dist`: the production site in `dist/`.
//!
//! trunk builds the wasm (feature `hydrate`) and the HTML shell; the native
//! `prerender` binary (feature `ssr`) writes every page into that shell; static
//! assets from `public/` are copied; every text file gets `.br` and `.gz` siblings.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{cargo, compress, extras, headers, root, run, sw, tools, Result};

/// Where the site will be published, for canonical links. Override with `SITE_URL`.
pub const DEFAULT_SITE_URL: &str = "http://127.0.0.1:8080";

/// Which files of `dist/` get `.br` and `.gz` siblings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precompress {
    /// Every text file: what a host serving precompressed files wants.
    All,
    /// The app's own files at the top of `dist/` (wasm, scripts, the worker),
    /// not the thousands of pages, at a quick setting: enough for the tests of
    /// compressed answers, at a fraction of the time.
    Assets,
    /// None, for hosts that compress as they serve (`--no-precompress`).
    None,
}

/// Builds `dist/` with every file precompressed and returns its path.
pub fn build() -> Result<PathBuf> {
    build_with(Precompress::All)
}

/// Builds `dist/` and returns its path.
pub fn build_with(precompress: Precompress) -> Result<PathBuf> {
    tools::ensure_build_tools()?;
    let dist = root().join("dist");
    // trunk runs cargo with --offline: fetch first so a new machine has the crates.
    run(cargo().args(["fetch"]))?;
    let mut trunk = Command::new("trunk");
    trunk
        .args(["build", "--release", "--skip-version-check"])
        .current_dir(root())
        .env("PATH", tools::path_env())
        .env_remove("CARGO_TARGET_DIR")
        .env("NO_COLOR", "true");
    run(&mut trunk)?;
    // Before the prerenderer copies the shell into every page, and before the
    // CSP's hash of the inline style is taken from it.
    let (before, after) = minify_inline_style(&dist.join("index.html"))?;
    println!("the stylesheet, inlined in every page: {before} B brotli, {after} B minified");
    copy_dir(&root().join("public"), &dist)?;
    // Before the prerenderer, which names the modules' boot files in every page.
    let modules = extras::build_all(&dist)?;
    let site_url = std::env::var("SITE_URL").unwrap_or_else(|_| DEFAULT_SITE_URL.into());
    run(cargo()
        .args([
            "run",
            "--quiet",
            "--features",
            "ssr",
            "--bin",
            "prerender",
            "--",
        ])
        .arg(&dist)
        .arg(&site_url))?;
    let shell = std::fs::read_to_string(dist.join("index.html"))?;
    let inline = headers::inline_hashes(&shell);
    println!(
        "the CSP's hashes: inline style {}, inline script {}",
        inline.styles, inline.scripts
    );
    let frame_ancestors = headers::frame_ancestors_from_env()?;
    println!("sites allowed to embed the guide (frame-ancestors): {frame_ancestors}");
    let csp = headers::csp(&inline, &frame_ancestors);
    std::fs::write(
        dist.join("_headers"),
        headers::static_host_headers_file(&csp),
    )?;
    let pages = add_meta_csp(&dist, &headers::meta_csp(&csp))?;
    println!("the CSP is also in a <meta> of each of the {pages} pages, for hosts without headers");
    check_hashed_names(&dist)?;
    let mut shell_assets = assets(&shell, &[".css", ".js", ".wasm"]);
    // The extras are saved for offline use with the shell; the forms module is
    // kept once used (a form's page is not saved in advance either).
    for (name, files) in modules {
        if name == "extras" {
            shell_assets.extend(files);
        }
    }
    let saved = sw::write(&dist, &shell_assets)?;
    println!("dist/sw.mjs saves {saved} files for offline use");
    let started = std::time::Instant::now();
    let n = match precompress {
        Precompress::All => compress::precompress(&dist)?,
        Precompress::Assets => compress::precompress_where(
            &dist,
            |f| f.parent() == Some(&dist),
            compress::Effort::Quick,
        )?,
        Precompress::None => {
            compress::precompress_where(&dist, |_| false, compress::Effort::Quick)?
        }
    };
    println!(
        "dist/ ready ({n} files precompressed in {:.0} s), canonical base {site_url}",
        started.elapsed().as_secs_f64()
    );
    Ok(dist)
}

/// Minifies the stylesheet trunk inlined into its shell (`index.html`), in place;
/// returns its brotli size before and after.
fn minify_inline_style(shell: &Path) -> Result<(usize, usize)> {
    let html = std::fs::read_to_string(shell)?;
    let open = html
        .find("<style>")
        .ok_or("index.html: trunk inlined no <style> (style/main.css)")?
        + "<style>".len();
    let close = html[open..]
        .find("</style>")
        .ok_or("index.html: unclosed <style>")?
        + open;
    let css = &html[open..close];
    let minified = minify_css(css)?;
    std::fs::write(
        shell,
        format!("{}{minified}{}", &html[..open], &html[close..]),
    )?;
    Ok((
        compress::brotli_len(css.as_bytes()),
        compress::brotli_len(minified.as_bytes()),
    ))
}

/// The oldest browsers the stylesheet is minified for: lightningcss writes
/// nothing they cannot read (with no targets it would write the newest syntax:
/// `@media (width>=40em)`, eight-digit colours, `text-decoration` shorthands with
/// a thickness, which older phones drop whole) and adds the prefixes they need.
/// Older than the app's wasm needs, since a page is read without it too.
pub const CSS_TARGETS: lightningcss::targets::Browsers = {
    const fn major(v: u32) -> Option<u32> {
        Some(v << 16)
    }
    lightningcss::targets::Browsers {
        android: major(61),
        chrome: major(61),
        edge: major(79),
        firefox: major(60),
        ie: None,
        ios_saf: major(11),
        opera: major(48),
        safari: major(11),
        samsung: major(8),
    }
};

/// A stylesheet minified by lightningcss for [`CSS_TARGETS`]; a stylesheet it
/// cannot parse fails the build.
pub fn minify_css(css: &str) -> Result<String> {
    use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
    let targets = lightningcss::targets::Targets::from(CSS_TARGETS);
    let mut sheet = StyleSheet::parse(css, ParserOptions::default())
        .map_err(|e| format!("style/main.css: {e}"))?;
    sheet
        .minify(MinifyOptions {
            targets,
            ..MinifyOptions::default()
        })
        .map_err(|e| format!("style/main.css: {e}"))?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            targets,
            ..PrinterOptions::default()
        })
        .map_err(|e| format!("style/main.css: {e}"))?;
    Ok(printed.code)
}

/// The `_headers` file caches files for a year by name pattern: the patterns must
/// match every content-hashed file of `dist/` and nothing else.
fn check_hashed_names(dist: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dist)? {
        let name = format!("/{}", entry?.file_name().to_string_lossy());
        if name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        if headers::is_hashed_asset(&name) != headers::matches_hashed_pattern(&name) {
            return Err(format!(
                "dist{name}: the _headers patterns {:?} and the hashed names disagree",
                headers::HASHED_PATTERNS
            )
            .into());
        }
    }
    Ok(())
}

/// Local files the page references (`href="/…"` or `src="/…"`) with one of `exts`.
pub fn assets(html: &str, exts: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"/", "src=\"/"] {
        for (i, _) in html.match_indices(attr) {
            let rest = &html[i + attr.len()..];
            let Some(end) = rest.find('"') else { continue };
            let path = &rest[..end];
            if exts.iter().any(|e| path.ends_with(e)) && !found.iter().any(|f| f == path) {
                found.push(path.to_string());
            }
        }
    }
    found
}

/// Puts `meta` right after `<meta charset="utf-8">` in every page of `dir` (a
/// fragment has no `<head>`, and a CSP put into the document by script would
/// apply). Returns how many pages.
fn add_meta_csp(dir: &Path, meta: &str) -> Result<usize> {
    const CHARSET: &str = "<head>\n<meta charset=\"utf-8\">\n";
    let mut n = 0;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            n += add_meta_csp(&path, meta)?;
        } else if path.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&path)?;
            if let Some(at) = html.find(CHARSET) {
                let at = at + CHARSET.len();
                std::fs::write(&path, format!("{}{meta}\n{}", &html[..at], &html[at..]))?;
                n += 1;
            }
        }
    }
    Ok(n)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every class, attribute and custom property the stylesheet names, and
    /// every at-rule: what minifying must not lose.
    fn names(css: &str) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        let mut text = String::new();
        // Comments dropped.
        let mut rest = css;
        while let Some(at) = rest.find("/*") {
            text.push_str(&rest[..at]);
            rest = rest[at..]
                .find("*/")
                .map_or("", |end| &rest[at + end + 2..]);
        }
        text.push_str(rest);
        for (i, c) in text.char_indices() {
            if matches!(c, '.' | '[' | '@') || text[i..].starts_with("--") {
                let name: String = text[i + c.len_utf8()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                if name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                    out.insert(format!("{c}{name}"));
                }
            }
        }
        out
    }

    #[test]
    fn the_stylesheet_minifies_losing_no_name() {
        let css = std::fs::read_to_string(root().join("style/main.css")).unwrap();
        let minified = minify_css(&css).unwrap();
        assert!(
            minified.len() < css.len() * 9 / 10,
            "{} of {}",
            minified.len(),
            css.len()
        );
        assert_eq!(names(&minified), names(&css));
        // Nothing older phones cannot read: media queries as written, colours as
        // rgba(), a link's underline and its thickness apart.
        assert!(minified.contains("@media (min-width:40em)"), "{minified}");
        assert!(!minified.contains("width>="), "{minified}");
        assert!(minified.contains("rgba("), "{minified}");
        assert!(!minified.contains("underline 1px"), "{minified}");
        // Minifying it again changes nothing: it is lightningcss's own output.
        assert_eq!(minify_css(&minified).unwrap(), minified);
    }
}

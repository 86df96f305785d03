//! `dist/sw.mjs`, the service worker: what it saves for offline use, listed from
//! the built site, a version that changes whenever one of those files does (so a
//! deploy installs a new worker, which the page announces), and the build the
//! pages name (`thu-tuc-xa:build`). The worker's
//! code is `sw.js` beside this file.

use std::collections::hash_map::DefaultHasher;
use std::hash::Hasher;
use std::path::Path;

use crate::Result;

/// The languages' path prefixes, as the worker's `FILES` keys.
const LANGS: [(&str, &str); 2] = [("vi", ""), ("en", "/en")];

/// Sections whose every page (and its fragment) is saved in advance.
const SECTIONS: [&str; 2] = ["thu-tuc", "su-kien"];

/// Single pages saved in advance: home, the lists, the finder and search.
const LISTS: [&str; 8] = [
    "/",
    "/thu-tuc/",
    "/su-kien/",
    "/giay-to/",
    "/danh-muc/",
    "/noi-nop/",
    "/noi-nop/dia-chi-cu/",
    "/tim-kiem/",
];

/// Writes `dist/sw.mjs` and returns how many files it saves in advance.
pub fn write(dist: &Path, shell_assets: &[String]) -> Result<usize> {
    let mut shell: Vec<String> = vec![
        "/offline.html".into(),
        "/en/offline.html".into(),
        "/favicon.svg".into(),
        "/manifest.webmanifest".into(),
        "/en/manifest.webmanifest".into(),
        "/icon-192.png".into(),
        "/icon-512.png".into(),
        "/search/places.txt".into(),
    ];
    shell.extend(shell_assets.iter().cloned());
    let mut files: Vec<(&str, Vec<String>)> = Vec::new();
    for (lang, prefix) in LANGS {
        let mut list = Vec::new();
        // Pages only: the worker cuts a page's fragment from the page itself.
        for p in LISTS {
            list.push(format!("{prefix}{p}"));
        }
        for section in SECTIONS {
            let dir = dist.join(prefix.trim_start_matches('/')).join(section);
            let mut slugs: Vec<String> = std::fs::read_dir(&dir)?
                .filter_map(|e| e.ok())
                .filter(|e| e.path().join("index.html").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            slugs.sort();
            for slug in slugs {
                list.push(format!("{prefix}/{section}/{slug}/"));
            }
        }
        list.push(format!("/search/{lang}.txt"));
        files.push((lang, list));
    }
    // The version: every saved file's bytes, and the worker's own code.
    let mut hasher = DefaultHasher::new();
    hasher.write(include_str!("sw.js").as_bytes());
    let all = shell.iter().chain(files.iter().flat_map(|(_, l)| l));
    let mut count = 0;
    for url in all {
        let file = file_of(dist, url);
        let bytes = std::fs::read(&file)
            .map_err(|e| format!("service worker: {} ({url}): {e}", file.display()))?;
        hasher.write(url.as_bytes());
        hasher.write(&bytes);
        count += 1;
    }
    // The build, as the pages name it (the prerenderer writes it), for the worker
    // to keep only this build's HTML.
    let home = std::fs::read_to_string(dist.join("index.html"))?;
    const META: &str = "<meta name=\"thu-tuc-xa:build\" content=\"";
    let build = home
        .split_once(META)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(build, _)| build.to_string())
        .filter(|b| !b.is_empty() && b.bytes().all(|c| c.is_ascii_alphanumeric()))
        .ok_or("service worker: dist/index.html names no thu-tuc-xa:build")?;
    let mut js = format!("const VERSION = '{:016x}';\n", hasher.finish());
    js += &format!("const BUILD = '{build}';\n");
    js += &format!("const SHELL = {};\n", json_list(&shell));
    js += "const FILES = {\n";
    for (lang, list) in &files {
        js += &format!("  {lang}: {},\n", json_list(list));
    }
    js += "};\n\n";
    js += include_str!("sw.js");
    std::fs::write(dist.join("sw.mjs"), js)?;
    Ok(count)
}

/// The file behind a URL path of the site: `/x/` → `x/index.html`.
fn file_of(dist: &Path, url: &str) -> std::path::PathBuf {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        dist.join(rel).join("index.html")
    } else {
        dist.join(rel)
    }
}

fn json_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    format!("[\n    {}\n  ]", quoted.join(",\n    "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_follow_the_site_layout() {
        let d = Path::new("d");
        assert_eq!(file_of(d, "/"), Path::new("d/index.html"));
        assert_eq!(
            file_of(d, "/en/thu-tuc/"),
            Path::new("d/en/thu-tuc/index.html")
        );
        assert_eq!(file_of(d, "/sw.mjs"), Path::new("d/sw.mjs"));
    }
}

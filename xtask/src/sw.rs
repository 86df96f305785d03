//! `dist/sw.mjs`, the service worker, and what it saves for offline use, made
//! from the built site: the app shell (SHELL), and for each language one offline
//! pack (`dist/offline-<lang>.json`) the worker downloads whole and unpacks; a
//! version that changes whenever one of those files does (so a deploy installs a
//! new worker, which the page announces), and the build the pages name
//! (`thu-tuc-xa:build`). The worker's code is `sw.js` beside this file.
//!
//! A language's pack holds what it needs offline without one copy of the inlined
//! stylesheet per page: ONE shell page, the page of a procedure with its per-page
//! parts marked (`{{path}}`, `{{other}}`, `{{title}}`, `{{description}}`,
//! `{{fragment}}`, see [`shell_of`]); every procedure's, life event's and list's
//! fragment (the article the page carries, as the prerenderer wrote it) with its
//! title and description; and whole the few files that are not of that shape (the
//! home and search pages, the search index, the offline page). The worker saves each fragment under
//! its address (a client navigation fetches it) and, for a page's address, makes
//! the page from the shell and the fragment ([`fill`]). That page must be the one
//! the prerenderer wrote, byte for byte, or it would not hydrate (the boot script
//! would show it as static): [`write`] checks every page of the pack so, and fails
//! the build if a procedure's or a life event's page is not; a list that is not
//! is packed whole. One pack, not a file per page, because brotli then reads the
//! pages' common words once: the fragments are a third of their size compressed
//! one by one.

use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::Path;

use crate::{headers, Result};

/// The languages' path prefixes, as the worker's `PACKS` keys.
const LANGS: [(&str, &str); 2] = [("vi", ""), ("en", "/en")];

/// Where the prerenderer lists the pages saved in advance, from
/// `Route::saved_offline` (`src/route.rs`, `OFFLINE_LIST`): `made <path>` for a
/// page the shell must make (a procedure, a life event), `listed <path>` for a
/// list or a tool.
const OFFLINE_LIST: &str = "offline-pages.txt";

/// The pages of `lang` saved in advance: those the shell must make, then the
/// rest, each in the prerenderer's order.
fn offline_pages(list: &str, prefix: &str) -> Result<(Vec<String>, Vec<String>)> {
    let mut made = Vec::new();
    let mut listed = Vec::new();
    for (n, line) in list.lines().enumerate() {
        let (word, path) = line
            .split_once(' ')
            .ok_or(format!("dist/{OFFLINE_LIST}:{}: not `<how> <path>`", n + 1))?;
        let english = path == "/en/" || path.starts_with("/en/");
        if english != (prefix == "/en") {
            continue;
        }
        match word {
            "made" => made.push(path.to_string()),
            "listed" => listed.push(path.to_string()),
            _ => {
                return Err(format!(
                    "dist/{OFFLINE_LIST}:{}: `{word}` is not made or listed",
                    n + 1
                )
                .into())
            }
        }
    }
    if made.is_empty() {
        return Err(format!("dist/{OFFLINE_LIST}: no page of {prefix:?} to make offline").into());
    }
    Ok((made, listed))
}

/// The parts of a shell page that differ from page to page, each written
/// `{{mark}}` in the shell.
pub const MARKS: [&str; 5] = ["path", "other", "title", "description", "fragment"];

const DESCRIPTION: &str = "<meta name=\"description\" content=\"";

/// The address of a language's offline pack.
pub fn pack_url(lang: &str) -> String {
    format!("/offline-{lang}.json")
}

/// Writes each language's pack and `dist/sw.mjs`, and returns how many files the
/// worker saves for offline use.
pub fn write(dist: &Path, shell_assets: &[String]) -> Result<usize> {
    let mut shell: Vec<String> = vec![
        "/favicon.svg".into(),
        "/manifest.webmanifest".into(),
        "/en/manifest.webmanifest".into(),
        "/icon-192.png".into(),
        "/icon-512.png".into(),
        "/search/places.txt".into(),
    ];
    shell.extend(shell_assets.iter().cloned());
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
    let list_file = dist.join(OFFLINE_LIST);
    let list = std::fs::read_to_string(&list_file)
        .map_err(|e| format!("service worker: {}: {e}", list_file.display()))?;
    let mut packs = serde_json::Map::new();
    let mut count = shell.len();
    for (lang, prefix) in LANGS {
        let pack = pack(dist, (lang, prefix), offline_pages(&list, prefix)?, &build)?;
        count += 1 + pack.pages.len() + pack.files.len();
        let url = pack_url(lang);
        std::fs::write(file_of(dist, &url), pack.json(&build))?;
        packs.insert(
            lang.to_string(),
            serde_json::json!({
                "url": url,
                "pages": pack.pages.keys().collect::<Vec<_>>(),
                "files": pack.files.keys().collect::<Vec<_>>(),
            }),
        );
    }
    // The version: every saved file's bytes, and the worker's own code.
    let mut hasher = DefaultHasher::new();
    hasher.write(include_str!("sw.js").as_bytes());
    let all = shell
        .iter()
        .cloned()
        .chain(LANGS.iter().map(|(lang, _)| pack_url(lang)));
    for url in all {
        let file = file_of(dist, &url);
        let bytes = std::fs::read(&file)
            .map_err(|e| format!("service worker: {} ({url}): {e}", file.display()))?;
        hasher.write(url.as_bytes());
        hasher.write(&bytes);
    }
    let mut js = format!("const VERSION = '{:016x}';\n", hasher.finish());
    js += &format!("const BUILD = '{build}';\n");
    js += &format!("const SHELL = {};\n", serde_json::to_string_pretty(&shell)?);
    js += &format!(
        "const PACKS = {};\n\n",
        serde_json::to_string_pretty(&packs)?
    );
    js += include_str!("sw.js");
    std::fs::write(dist.join("sw.mjs"), js)?;
    // Read, and not a file the site serves.
    std::fs::remove_file(&list_file)?;
    Ok(count)
}

/// What the worker of `dist/sw.mjs` downloads to save `lang` on a first visit:
/// the shell's files and the language's pack, as paths of `dist/`.
pub fn first_visit_files(dist: &Path, lang: &str) -> Result<Vec<String>> {
    let sw = std::fs::read_to_string(dist.join("sw.mjs"))?;
    let constant = |name: &str| -> Result<serde_json::Value> {
        let start = sw
            .find(&format!("const {name} = "))
            .ok_or(format!("dist/sw.mjs has no {name}"))?
            + name.len()
            + 9;
        let end = sw[start..].find(";\n").ok_or("dist/sw.mjs: unended")? + start;
        Ok(serde_json::from_str(&sw[start..end])?)
    };
    let mut urls: Vec<String> = serde_json::from_value(constant("SHELL")?)?;
    let pack = constant("PACKS")?[lang]["url"]
        .as_str()
        .ok_or(format!("dist/sw.mjs: no pack for {lang}"))?
        .to_string();
    urls.push(pack);
    Ok(urls
        .iter()
        .map(|url| {
            let rel = url.trim_start_matches('/');
            if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            }
        })
        .collect())
}

/// A language's offline pack.
struct Pack {
    /// The shell page, its per-page parts marked ([`MARKS`]).
    shell: String,
    /// Each page made from the shell: its title and description (as escaped in
    /// the page) and its fragment (without the build mark).
    pages: BTreeMap<String, [String; 3]>,
    /// The files kept whole: their type and text.
    files: BTreeMap<String, [String; 2]>,
}

impl Pack {
    fn json(&self, build: &str) -> String {
        serde_json::json!({
            "build": build,
            "shell": self.shell,
            "pages": self.pages,
            "files": self.files,
        })
        .to_string()
    }
}

/// The pack of a language: the pages the shell must make, then the lists.
fn pack(
    dist: &Path,
    (lang, prefix): (&str, &str),
    (mut paths, listed): (Vec<String>, Vec<String>),
    build: &str,
) -> Result<Pack> {
    let sections = paths.len();
    paths.extend(listed);
    let mark = format!("<!--build {build}-->");
    let mut shell: Option<String> = None;
    let mut pages = BTreeMap::new();
    let mut files = BTreeMap::new();
    for (i, path) in paths.iter().enumerate() {
        let read = |url: &str| std::fs::read_to_string(file_of(dist, url));
        let page = read(path).map_err(|e| format!("service worker: {path}: {e}"))?;
        let page = without_page_head(&page);
        let fragment_file = read(&fragment_url(path)).ok();
        let parts = fragment_file.as_deref().and_then(|f| {
            let fragment = f.strip_prefix(&mark)?;
            parts_of(path, &page, fragment)
        });
        // The first page to make is the shell.
        if let (None, Some(p)) = (&shell, &parts) {
            shell = shell_of(&page, p);
        }
        let made = match (&shell, &parts) {
            (Some(shell), Some(p)) => Some(fill(shell, |m| p.value(m))),
            _ => None,
        };
        match (made, parts) {
            (Some(made), Some(p)) if made == page => {
                pages.insert(
                    path.clone(),
                    [
                        p.title.to_string(),
                        p.description.to_string(),
                        p.fragment.to_string(),
                    ],
                );
            }
            (made, _) if i < sections => {
                return Err(format!(
                    "service worker: the {lang} shell does not make the page {path}: {}",
                    made.map_or("no fragment or no shell".to_string(), |m| first_difference(
                        &m, &page
                    ))
                )
                .into());
            }
            _ => {
                files.insert(path.clone(), ["text/html; charset=utf-8".to_string(), page]);
            }
        }
    }
    // The search index, and the page for a page not saved, shown offline (static,
    // in both languages: first the address's); in the pack, their stylesheet and
    // words cost next to nothing.
    for url in [
        format!("/search/{lang}.txt"),
        format!("{prefix}/offline.html"),
    ] {
        let text = std::fs::read_to_string(file_of(dist, &url))?;
        let kind = headers::content_type(Path::new(&url)).to_string();
        files.insert(url, [kind, text]);
    }
    let shell = shell.ok_or(format!("service worker: no {lang} page to make a shell of"))?;
    Ok(Pack {
        shell,
        pages,
        files,
    })
}

/// The marks around a page's own head tags for sharing and search engines
/// (schema.org data, Open Graph, the feeds of its field), written by the
/// prerenderer (`ssr::head`, `PAGE_HEAD`). They mean nothing offline, so the pack
/// leaves them out: the shell would otherwise need a value per page for them.
const PAGE_HEAD: (&str, &str) = ("<!--page-head-->", "<!--/page-head-->");

/// A page without its [`PAGE_HEAD`] block.
fn without_page_head(page: &str) -> String {
    let (start, end) = PAGE_HEAD;
    match (page.find(start), page.find(end)) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &page[..a], &page[b + end.len()..]),
        _ => page.to_string(),
    }
}

/// Where two texts first differ, with some of each around it.
fn first_difference(made: &str, page: &str) -> String {
    let at = made
        .bytes()
        .zip(page.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(made.len().min(page.len()));
    let around = |s: &str| {
        let mut start = at.saturating_sub(60);
        while !s.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (at + 60).min(s.len());
        while !s.is_char_boundary(end) {
            end += 1;
        }
        s[start..end].to_string()
    };
    format!(
        "at byte {at}, made `{}`, written `{}`",
        around(made),
        around(page)
    )
}

/// A page's parts that differ from another page of the same shape.
struct Parts<'a> {
    path: &'a str,
    /// The same page in the other language.
    other: String,
    title: &'a str,
    description: &'a str,
    fragment: &'a str,
}

impl Parts<'_> {
    fn value(&self, mark: &str) -> Option<&str> {
        match mark {
            "path" => Some(self.path),
            "other" => Some(&self.other),
            "title" => Some(self.title),
            "description" => Some(self.description),
            "fragment" => Some(self.fragment),
            _ => None,
        }
    }
}

fn parts_of<'a>(path: &'a str, page: &'a str, fragment: &'a str) -> Option<Parts<'a>> {
    let between = |start: &str, end: &str| {
        let from = page.find(start)? + start.len();
        Some(&page[from..from + page[from..].find(end)?])
    };
    Some(Parts {
        path,
        other: other_language(path),
        title: between("<title>", "</title>")?,
        description: between(DESCRIPTION, "\">")?,
        fragment,
    })
}

/// The same page's path in the other language: `/x/` ↔ `/en/x/`.
pub fn other_language(path: &str) -> String {
    match path.strip_prefix("/en/") {
        Some(rest) => format!("/{rest}"),
        None => format!("/en{path}"),
    }
}

/// A page's fragment file: `/en/thu-tuc/x/` → `/fragments/en/thu-tuc/x.html`.
pub fn fragment_url(path: &str) -> String {
    format!("/fragments{}.html", path.trim_end_matches('/'))
}

/// A page with its per-page parts marked: its fragment (the content of its
/// `class="fragment"` element), its title and description, and every mention of
/// its path and of its translation's path (the page's meta, canonical, hreflang,
/// language switch, counter mode links). `None` if the page does not carry the
/// fragment.
fn shell_of(page: &str, p: &Parts) -> Option<String> {
    let whole = format!("class=\"fragment\">{}</div>", p.fragment);
    let at = page.find(&whole)?;
    let mut shell = format!(
        "{}class=\"fragment\">{{{{fragment}}}}</div>{}",
        &page[..at],
        &page[at + whole.len()..]
    );
    shell = shell.replacen(
        &format!("<title>{}</title>", p.title),
        "<title>{{title}}</title>",
        1,
    );
    shell = shell.replacen(
        &format!("{DESCRIPTION}{}\">", p.description),
        &format!("{DESCRIPTION}{{{{description}}}}\">"),
        1,
    );
    // The longer path first: `/en/x/` holds `/x/`.
    let mut paths = [(p.path, "{{path}}"), (p.other.as_str(), "{{other}}")];
    paths.sort_by_key(|(path, _)| std::cmp::Reverse(path.len()));
    for (path, mark) in paths {
        shell = shell.replace(path, mark);
    }
    Some(shell)
}

/// The page a shell makes: each `{{mark}}` of [`MARKS`] replaced by its value,
/// in one pass from the start, so a value is never read for marks. `sw.js` does
/// the same with one regular expression (`/\{\{(path|…)\}\}/g`).
pub fn fill<'a>(shell: &str, value: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(shell.len() * 2);
    let mut rest = shell;
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let mark = MARKS
            .iter()
            .find(|m| after.starts_with(*m) && after[m.len()..].starts_with("}}"));
        match mark.and_then(|m| Some((m, value(m)?))) {
            Some((mark, v)) => {
                out.push_str(v);
                rest = &after[mark.len() + 2..];
            }
            None => {
                // Not a mark: one brace as it is, and read on from the next.
                out.push('{');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offline_list_is_read_per_language_pages_to_make_first() {
        let list =
            "listed /\nmade /su-kien/a/\nlisted /en/\nmade /thu-tuc/b/\nmade /en/thu-tuc/b/\n";
        let (made, listed) = offline_pages(list, "").unwrap();
        assert_eq!(made, ["/su-kien/a/", "/thu-tuc/b/"]);
        assert_eq!(listed, ["/"]);
        let (made, listed) = offline_pages(list, "/en").unwrap();
        assert_eq!(made, ["/en/thu-tuc/b/"]);
        assert_eq!(listed, ["/en/"]);
        let bad = offline_pages("made /x/\nkept /y/\n", "").unwrap_err();
        assert_eq!(
            bad.to_string(),
            "dist/offline-pages.txt:2: `kept` is not made or listed"
        );
        assert!(offline_pages("listed /\n", "").is_err(), "nothing to make");
    }

    #[test]
    fn files_follow_the_site_layout() {
        let d = Path::new("d");
        assert_eq!(file_of(d, "/"), Path::new("d/index.html"));
        assert_eq!(
            file_of(d, "/en/thu-tuc/"),
            Path::new("d/en/thu-tuc/index.html")
        );
        assert_eq!(file_of(d, "/sw.mjs"), Path::new("d/sw.mjs"));
        assert_eq!(fragment_url("/thu-tuc/x/"), "/fragments/thu-tuc/x.html");
        assert_eq!(fragment_url("/en/su-kien/"), "/fragments/en/su-kien.html");
        assert_eq!(other_language("/thu-tuc/x/"), "/en/thu-tuc/x/");
        assert_eq!(other_language("/en/thu-tuc/x/"), "/thu-tuc/x/");
        assert_eq!(other_language("/"), "/en/");
        assert_eq!(other_language("/en/"), "/");
    }

    /// A page as the prerenderer writes one, in short.
    fn page(path: &str, title: &str, fragment: &str) -> String {
        let other = other_language(path);
        format!(
            "<html><head><title>{title}</title>\n{DESCRIPTION}About {title}.\">\n\
             <meta name=\"thu-tuc-xa:page\" content=\"{path}\"><link rel=\"canonical\" \
             href=\"https://x.vn{path}\"><link rel=\"alternate\" href=\"https://x.vn{other}\">\
             </head><body><a href=\"{other}\">other</a><a href=\"{path}?quay=1\">counter</a>\
             <main><div data-page=\"{path}\" class=\"fragment\">{fragment}</div></main></body></html>"
        )
    }

    #[test]
    fn a_shell_makes_every_page_of_its_shape() {
        for (a, b) in [
            ("/thu-tuc/a/", "/thu-tuc/bb/"),
            ("/en/thu-tuc/a/", "/en/su-kien/c/"),
        ] {
            let first = page(
                a,
                "A &amp; co",
                "<h1>A</h1><p>{{path}} is not a mark here</p>",
            );
            let fragment = "<h1>B</h1><a href=\"/thu-tuc/a/\">a</a>";
            let second = page(b, "B", fragment);
            let p = parts_of(a, &first, "<h1>A</h1><p>{{path}} is not a mark here</p>").unwrap();
            let shell = shell_of(&first, &p).unwrap();
            assert!(!shell.contains(a), "{shell}");
            assert_eq!(fill(&shell, |m| p.value(m)), first);
            let q = parts_of(b, &second, fragment).unwrap();
            assert_eq!(q.title, "B");
            assert_eq!(q.description, "About B.");
            assert_eq!(fill(&shell, |m| q.value(m)), second);
        }
    }

    #[test]
    fn the_pack_leaves_out_a_pages_own_head_tags() {
        let page = "<head><title>t</title>\n<!--page-head--><script type=\"application/ld+json\">{}</script>\n<!--/page-head-->\n</head>";
        assert_eq!(without_page_head(page), "<head><title>t</title>\n\n</head>");
        assert_eq!(without_page_head("<head></head>"), "<head></head>");
    }

    #[test]
    fn fill_reads_the_shell_once_from_the_start() {
        let value = |m: &str| (m == "path").then_some("{{title}}");
        assert_eq!(fill("a{{path}}b", value), "a{{title}}b");
        assert_eq!(fill("{{{path}}}", value), "{{{title}}}");
        assert_eq!(
            fill("{{pa}}th}} {{title}} {{", value),
            "{{pa}}th}} {{title}} {{"
        );
        assert_eq!(fill("ồ{{path}}ồ", value), "ồ{{title}}ồ");
    }
}

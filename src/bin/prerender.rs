//! Writes every page of the site as HTML into `dist/`, around trunk's `index.html`.
//!
//! Usage: `prerender <dist dir> <base url>`. Run by `cargo xtask dist` after trunk.
//! It also moves trunk's inline loader script into a hashed file, so that the
//! Content-Security-Policy needs no `unsafe-inline`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use thu_tuc_xa::app::article;
use thu_tuc_xa::corpus;
use thu_tuc_xa::model::Lang;
use thu_tuc_xa::route::{Page, Route};
use thu_tuc_xa::search;
use thu_tuc_xa::ssr;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(dist), Some(base_url)) = (args.next(), args.next()) else {
        eprintln!("usage: prerender <dist dir> <base url>");
        return ExitCode::from(2);
    };
    match run(Path::new(&dist), base_url.trim_end_matches('/')) {
        Ok(count) => {
            println!("prerendered {count} pages into {dist}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: {e}");
            ExitCode::FAILURE
        }
    }
}

/// FNV-1a, 64 bits: a stable content hash for the loader's file name.
fn fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, &b| {
        (h ^ b as u64).wrapping_mul(0x100000001b3)
    })
}

/// Trunk's `index.html`, split where pages differ.
struct Template {
    /// Everything before `</head>`, the loader already moved out.
    head: String,
    /// `</head>` up to the end, with an empty body to fill.
    tail: String,
    /// The `<script>` tag that loads the app, placed at the end of the body.
    loader: String,
    /// Where the app finds the extras' and the forms module's boot files, if
    /// `cargo xtask dist` built them (`<meta name="thu-tuc-xa:extras">`,
    /// `<meta name="thu-tuc-xa:forms">`).
    extras: String,
    /// The build ([`thu_tuc_xa::route::build_of_shell`]), named in every page
    /// that loads the app and at the start of every fragment.
    build: String,
}

/// A lazily loaded module's boot file in `dist/` (`<module>-boot-<hash>.js`), if
/// any.
fn boot_of(dist: &Path, module: &str) -> Option<String> {
    let entries = std::fs::read_dir(dist).ok()?;
    entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with(&format!("{module}-boot-")) && n.ends_with(".js"))
}

fn template(dist: &Path) -> Result<Template, String> {
    let index_path = dist.join("index.html");
    let html = std::fs::read_to_string(&index_path)
        .map_err(|e| format!("{}: {e} (run trunk first)", index_path.display()))?;
    // Trunk writes its loader as an inline module script.
    let start = html
        .find("<script type=\"module\">")
        .ok_or("index.html: trunk's inline module script was not found")?;
    let end = html[start..]
        .find("</script>")
        .ok_or("index.html: unclosed <script>")?
        + start;
    let trunk = &html[start + "<script type=\"module\">".len()..end];
    // Its two file names, in a boot script of ours that survives a failed hydration.
    let quoted = |after: &str| {
        let at = trunk.find(after)? + after.len();
        let len = trunk[at..].find('\'')?;
        Some(&trunk[at..at + len])
    };
    let (Some(module), Some(wasm)) = (quoted("from '"), quoted("module_or_path: '")) else {
        return Err(format!(
            "index.html: trunk's module script no longer reads `import init … from '…'` and \
             `module_or_path: '…'`:\n{trunk}"
        ));
    };
    let code = thu_tuc_xa::route::boot_script(module, wasm);
    let name = format!("boot-{:016x}.js", fnv64(code.as_bytes()));
    std::fs::write(dist.join(&name), &code).map_err(|e| e.to_string())?;
    let html = format!("{}{}", &html[..start], &html[end + "</script>".len()..]);
    let build = thu_tuc_xa::route::build_of_shell(&html)
        .ok_or("index.html: no `<name>-<hash>_bg.wasm` to name the build after")?
        .to_string();
    let head_end = html.find("</head>").ok_or("index.html: no </head>")?;
    let body_start = html.find("<body>").ok_or("index.html: no <body>")?;
    let body_end = html.find("</body>").ok_or("index.html: no </body>")?;
    Ok(Template {
        head: html[..head_end].to_string(),
        tail: format!(
            "{}<body>{{BODY}}{}",
            &html[head_end..body_start],
            &html[body_end..]
        ),
        loader: format!("<script type=\"module\" src=\"/{name}\"></script>"),
        extras: ["extras", "forms"]
            .into_iter()
            .filter_map(|m| {
                boot_of(dist, m).map(|n| format!("<meta name=\"thu-tuc-xa:{m}\" content=\"/{n}\">"))
            })
            .collect(),
        build,
    })
}

fn page(t: &Template, lang: &str, head: &str, body: &str, scripts: bool) -> String {
    let mut top = t
        .head
        .replacen("<html>", &format!("<html lang=\"{lang}\">"), 1);
    if !scripts {
        // A static page: drop the preload hints for the app.
        top = top
            .lines()
            .filter(|l| !(l.contains("rel=\"modulepreload\"") || l.contains("application/wasm")))
            .collect::<Vec<_>>()
            .join("\n");
    }
    let body = if scripts {
        format!("{body}{}", t.loader)
    } else {
        body.to_string()
    };
    let extras = if scripts {
        format!(
            "{}<meta name=\"{}\" content=\"{}\">",
            t.extras,
            thu_tuc_xa::route::BUILD_META,
            t.build
        )
    } else {
        String::new()
    };
    format!("{top}{head}{extras}{}", t.tail.replace("{BODY}", &body))
}

fn write(path: &Path, contents: &str) -> Result<(), String> {
    std::fs::create_dir_all(path.parent().expect("a file path has a parent"))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(path, contents).map_err(|e| format!("{}: {e}", path.display()))
}

fn out_path(dist: &Path, href: &str) -> PathBuf {
    dist.join(href.trim_start_matches('/')).join("index.html")
}

/// Every page, for search engines and for the browser tests' page list.
fn sitemap(routes: &[Route], base_url: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for route in routes {
        out.push_str(&format!(
            "  <url><loc>{base_url}{}</loc></url>\n",
            ssr::escape(&route.href())
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// One page and, if it has one, its fragment (the article the page carries,
/// rendered once); the page must pass [`ssr::check_body`].
fn write_page(dist: &Path, t: &Template, route: &Route, base_url: &str) -> Result<(), String> {
    let body = ssr::render_body(route);
    let html = page(
        t,
        route.lang.tag(),
        &ssr::head(route, base_url),
        &body,
        true,
    );
    write(&out_path(dist, &route.href()), &html)?;
    let article = article::render(route);
    ssr::check_body(route, &body, article.as_deref())?;
    if let (Some(href), Some(fragment)) = (route.fragment_href(), article) {
        let fragment = format!("{}{fragment}", thu_tuc_xa::route::build_mark(&t.build));
        write(&dist.join(href.trim_start_matches('/')), &fragment)?;
    }
    Ok(())
}

fn run(dist: &Path, base_url: &str) -> Result<usize, String> {
    // The "embed in your site" page shows snippets that load from this address.
    let _ = article::SITE_URL.set(base_url.to_string());
    let publisher = thu_tuc_xa::data::PUBLISHER;
    let mut problems = publisher.problems();
    // A copy on the open web says who runs it and where mistakes go; a copy on
    // this machine (the tests, the bench) may not.
    let local = ["http://127.0.0.1", "http://localhost", "https://localhost"]
        .iter()
        .any(|l| base_url.starts_with(l));
    if !local {
        for (name, set) in [
            ("PUBLISHER", publisher.name),
            ("REPORT_TO", publisher.report_to),
        ] {
            if set.is_none_or(|v| v.trim().is_empty()) {
                problems.push(format!(
                    "{name} is not set: a site published at {base_url} must say who runs it and where \
                     mistakes are reported (README, \"Who publishes it\")"
                ));
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    println!(
        "publisher: {} (PUBLISHER); mistakes reported to: {}",
        publisher.name(Lang::Vi),
        publisher
            .report_href()
            .unwrap_or_else(|| "nowhere yet (set REPORT_TO)".to_string())
    );
    let t = template(dist)?;
    let routes = Route::all();
    // The pages on every core: each thread renders every n-th page.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let t = &t;
    let routes_ref = &routes;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|k| {
                scope.spawn(move || -> Result<(), String> {
                    for route in routes_ref.iter().skip(k).step_by(threads) {
                        write_page(dist, t, route, base_url)?;
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().map_err(|_| "a page panicked".to_string())?)
    })?;
    // The search index: one file per language for the pages, one for the places.
    for (lang, file) in Lang::ALL.iter().zip(search::PAGES_FILE) {
        write(
            &dist.join(file.trim_start_matches('/')),
            &corpus::pages_corpus(*lang),
        )?;
    }
    write(
        &dist.join(search::PLACES_FILE.trim_start_matches('/')),
        &corpus::places_corpus(),
    )?;
    // Each province's boundaries, fetched by "which commune am I in" when needed.
    // With each commune's address segment and name added (`n` lines).
    for (code, text) in thu_tuc_xa::data::BOUNDARY_FILES.iter() {
        let mut served = text.to_string();
        for c in thu_tuc_xa::data::COMMUNES
            .iter()
            .filter(|c| c.province.code == *code)
        {
            served.push_str(&format!("n {} {} {}\n", c.code, c.slug, c.name));
        }
        write(&dist.join(format!("ranh-gioi/{code}.txt")), &served)?;
    }
    // Each province's sketch, the image its page shows.
    for (code, b) in thu_tuc_xa::data::boundaries() {
        let name_of = |i: usize| {
            let code = &b.areas[i].code;
            thu_tuc_xa::data::COMMUNES
                .iter()
                .find(|c| c.code == code)
                .map_or(String::new(), |c| c.name.to_string())
        };
        let province = thu_tuc_xa::data::PROVINCES
            .iter()
            .find(|p| p.code == *code)
            .map_or("", |p| p.name);
        let title = format!("Sơ đồ phác họa ranh giới các xã, phường, đặc khu của {province}");
        let (svg, _) = thu_tuc_xa::sketch::province_svg(b, &name_of, &title);
        write(&dist.join(format!("ranh-gioi/{code}.svg")), &svg)?;
    }
    let not_found = Route::parse("/404.html");
    let html = page(
        t,
        "vi",
        &ssr::head(&not_found, base_url),
        &ssr::render_body(&not_found),
        false,
    );
    std::fs::write(dist.join("404.html"), html).map_err(|e| e.to_string())?;
    // What the service worker shows offline for a page it has not saved, in the
    // language of the address asked for.
    for lang in Lang::ALL {
        let offline = Route::new(lang, Page::Offline);
        let html = page(
            t,
            lang.tag(),
            &ssr::head(&offline, base_url),
            &ssr::render_body(&offline),
            false,
        );
        write(&dist.join(offline.href().trim_start_matches('/')), &html)?;
    }
    // The pages the service worker saves in advance, for `cargo xtask dist`.
    let offline: String = routes
        .iter()
        .filter_map(|r| {
            r.saved_offline()
                .map(|s| format!("{} {}\n", s.word(), r.href()))
        })
        .collect();
    std::fs::write(dist.join(thu_tuc_xa::route::OFFLINE_LIST), offline)
        .map_err(|e| e.to_string())?;
    // The open data, fetched only by those who ask for it (never precached).
    let open = dist.join(thu_tuc_xa::open_data::DIR);
    std::fs::create_dir_all(&open).map_err(|e| e.to_string())?;
    for file in thu_tuc_xa::open_data::files() {
        std::fs::write(open.join(&file.name), file.contents).map_err(|e| e.to_string())?;
    }
    // The link preview images, one per kind of page and language.
    let images = dist.join(thu_tuc_xa::og::DIR);
    std::fs::create_dir_all(&images).map_err(|e| e.to_string())?;
    for kind in thu_tuc_xa::og::Kind::ALL {
        for lang in Lang::ALL {
            let path = dist.join(kind.path(lang).trim_start_matches('/'));
            std::fs::write(path, thu_tuc_xa::og::image(kind, lang)).map_err(|e| e.to_string())?;
        }
    }
    // The change feeds (Atom): the site's and each field's, in both languages.
    for lang in Lang::ALL {
        for (field, path) in thu_tuc_xa::changes::feeds(lang) {
            let file = dist.join(path.trim_start_matches('/'));
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
            }
            let xml = thu_tuc_xa::changes::feed(lang, field, base_url);
            std::fs::write(file, xml).map_err(|e| e.to_string())?;
        }
    }
    std::fs::write(dist.join("sitemap.xml"), sitemap(&routes, base_url))
        .map_err(|e| e.to_string())?;
    let robots = format!("User-agent: *\nAllow: /\nSitemap: {base_url}/sitemap.xml\n");
    std::fs::write(dist.join("robots.txt"), robots).map_err(|e| e.to_string())?;
    Ok(routes.len() + 1)
}

//! The production response headers, defined once.
//!
//! Every place that serves `dist/` takes its headers from here: the local
//! server in `server.rs` (through [`headers_for`] and [`content_type`]), the
//! `_headers` file for Netlify / Cloudflare Pages ([`static_host_headers_file`])
//! and the nginx snippet ([`nginx_conf`]). Changing a policy here changes it
//! everywhere, so what we test locally is what visitors get.
//!
//! Caching rule: files whose name carries a content hash (trunk's
//! `name-0123456789abcdef.ext`, optionally `_bg` before the extension) never
//! change, so they are cached for a year as `immutable`; everything else, HTML
//! above all, is `no-cache` (stored, but revalidated on every use).

use std::path::Path;

/// What the CSP allows inline: the stylesheet and the mode script, which trunk
/// inlines into every page (a first visit then needs no other request to paint),
/// each by its hash, `'sha256-…'` separated by spaces (see [`inline_hashes`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Inline {
    pub styles: String,
    pub scripts: String,
}

/// Strict Content-Security-Policy: only our own origin, no `unsafe-inline`, no
/// `eval` (only `wasm-unsafe-eval`, which WebAssembly needs). The inline style and
/// script allowed are ours, by their hashes. `frame_ancestors` is the host's list of
/// sites allowed to embed the guide ([`frame_ancestors`]).
pub fn csp(inline: &Inline, frame_ancestors: &str) -> String {
    let join = |hashes: &str| {
        if hashes.is_empty() {
            String::new()
        } else {
            format!(" {hashes}")
        }
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; \
style-src 'self'{styles}; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors {frame_ancestors}",
        scripts = join(&inline.scripts),
        styles = join(&inline.styles),
    )
}

/// The hashes of a built page's inline `<style>` elements and of its inline
/// `<script>` elements (those without `src`).
pub fn inline_hashes(html: &str) -> Inline {
    Inline {
        styles: hashes_of(html, "style", |_| true),
        scripts: hashes_of(html, "script", |open| !open.contains(" src=")),
    }
}

/// `'sha256-…'` of each `<tag …>body</tag>` whose opening tag passes `keep`.
fn hashes_of(html: &str, tag: &str, keep: impl Fn(&str) -> bool) -> String {
    use base64::Engine;
    use sha2::Digest;
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let Some(open_end) = rest[i..].find('>') else {
            break;
        };
        let opening = &rest[i..i + open_end];
        let body = &rest[i + open_end + 1..];
        let Some(end) = body.find(&close) else {
            break;
        };
        if keep(opening) {
            let digest = sha2::Sha256::digest(&body.as_bytes()[..end]);
            let hash = base64::engine::general_purpose::STANDARD.encode(digest);
            out.push(format!("'sha256-{hash}'"));
        }
        rest = &body[end..];
    }
    out.join(" ")
}

/// The hashes shown in README.md's examples: `cargo xtask dist` writes the real
/// ones into `dist/_headers` and prints them.
#[cfg_attr(not(test), allow(dead_code))] // README.md's examples
pub fn example_inline() -> Inline {
    Inline {
        styles: "'sha256-HASH_OF_THE_INLINE_STYLE'".into(),
        scripts: "'sha256-HASH_OF_THE_INLINE_SCRIPT'".into(),
    }
}

/// Who may show the site in a frame when nobody says otherwise: the site itself
/// (its "embed in your site" page previews the embed).
pub const DEFAULT_FRAME_ANCESTORS: &str = "'self'";

/// The sites allowed to embed the guide: `'self'` plus the origins in the
/// `FRAME_ANCESTORS` environment variable (space-separated, such as
/// `https://dichvucong.hochiminhcity.gov.vn https://*.gov.vn`). Anything that is
/// not an origin is refused, so nothing can be slipped into the header.
pub fn frame_ancestors(var: Option<&str>) -> Result<String, String> {
    let mut out = String::from(DEFAULT_FRAME_ANCESTORS);
    for origin in var.unwrap_or_default().split_whitespace() {
        if !is_origin_source(origin) {
            return Err(format!(
                "FRAME_ANCESTORS: `{origin}` is not an origin such as https://portal.example.gov.vn"
            ));
        }
        out.push(' ');
        out.push_str(origin);
    }
    Ok(out)
}

/// [`frame_ancestors`] of the `FRAME_ANCESTORS` environment variable.
pub fn frame_ancestors_from_env() -> Result<String, String> {
    frame_ancestors(std::env::var("FRAME_ANCESTORS").ok().as_deref())
}

/// `http(s)://host[:port]`, where the host may start with `*.` and the port may be `*`.
fn is_origin_source(s: &str) -> bool {
    let Some(rest) = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"))
    else {
        return false;
    };
    let (host, port) = rest.split_once(':').unwrap_or((rest, ""));
    let host = host.strip_prefix("*.").unwrap_or(host);
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    let port_ok = port.is_empty() && !rest.contains(':')
        || port == "*"
        || (!port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit()));
    host_ok && port_ok
}

/// Powerful features are off, except geolocation for our own pages (a later
/// feature asks the visitor for their location to suggest the commune).
pub const PERMISSIONS_POLICY: &str = "geolocation=(self), camera=(), microphone=()";

/// `Cache-Control` for content-hashed assets.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `Cache-Control` for everything else: always revalidate.
pub const NO_CACHE: &str = "no-cache";

/// The security headers sent with every response, whatever the path.
pub fn security_headers(csp: &str) -> [(&'static str, String); 5] {
    [
        ("Content-Security-Policy", csp.to_string()),
        ("X-Content-Type-Options", "nosniff".into()),
        ("Referrer-Policy", "no-referrer".into()),
        ("Permissions-Policy", PERMISSIONS_POLICY.into()),
        ("Cross-Origin-Opener-Policy", "same-origin".into()),
    ]
}

/// The `_headers` patterns of the content-hashed assets: trunk's wasm and its
/// loader (`thu-tuc-xa-<hash>.js`, `thu-tuc-xa-<hash>_bg.wasm`), the boot script
/// the prerenderer writes (`boot-<hash>.js`) and the lazily loaded modules' three
/// files each (`extras-<hash>.js`, `_bg.wasm`, `extras-boot-<hash>.js`, and the
/// same for `forms-`). `cargo xtask dist` checks that they
/// match exactly the hashed files of `dist/`: `/embed.js` and `/sw.mjs` must not be
/// cached for a year, since other sites and the browser load them by a fixed name.
pub const HASHED_PATTERNS: [&str; 4] = ["/thu-tuc-xa-*", "/boot-*", "/extras-*", "/forms-*"];

/// Whether a `_headers` pattern of [`HASHED_PATTERNS`] matches `path`.
pub fn matches_hashed_pattern(path: &str) -> bool {
    HASHED_PATTERNS.iter().any(|p| {
        let prefix = p.trim_end_matches('*');
        path.starts_with(prefix) && !path[prefix.len()..].contains('/')
    })
}

/// The `_headers` patterns of the files other sites may fetch from their own pages
/// (`Access-Control-Allow-Origin: *`): the open data and the change feeds. They
/// are public and read without credentials, so any origin may read them.
/// `/thay-doi/*` also matches the page `/thay-doi/`, a public page read without
/// credentials: the header changes nothing there.
pub const OPEN_PATTERNS: [&str; 5] = [
    "/du-lieu/v1/*",
    "/thay-doi.xml",
    "/thay-doi/*",
    "/en/thay-doi.xml",
    "/en/thay-doi/*",
];

/// Whether `path` is a file of the open data or a change feed ([`OPEN_PATTERNS`]).
pub fn is_open_file(path: &str) -> bool {
    let path = path.strip_prefix("/en").unwrap_or(path);
    path.starts_with("/du-lieu/v")
        || path == "/thay-doi.xml"
        || (path.starts_with("/thay-doi/") && path.ends_with(".xml"))
}

/// The headers for a response to `url_path` (already percent-decoded, no query):
/// the security headers (with `csp`) plus the right `Cache-Control`, and for the
/// open files ([`is_open_file`]) `Access-Control-Allow-Origin: *`.
pub fn headers_for(url_path: &str, csp: &str) -> Vec<(&'static str, String)> {
    let cache = if is_hashed_asset(url_path) {
        IMMUTABLE
    } else {
        NO_CACHE
    };
    let mut headers: Vec<(&'static str, String)> = security_headers(csp).into();
    headers.push(("Cache-Control", cache.to_string()));
    if is_open_file(url_path) {
        headers.push(("Access-Control-Allow-Origin", "*".to_string()));
    }
    headers
}

/// True when the last segment of `path` looks like `stem-<hash>.ext` or
/// `stem-<hash>_bg.ext`, the hash being trunk's 64-bit one in lowercase hex.
/// Trunk writes it without leading zeros, so it is 16 digits only most of the
/// time: 12 to 16 are accepted (fewer than 12 has a chance of one in a million).
pub fn is_hashed_asset(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if ext.is_empty() {
        return false;
    }
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((before, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    !before.is_empty()
        && (12..=16).contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The `Content-Type` for a file, from its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The same rules as a `_headers` file for Netlify and Cloudflare Pages.
///
/// `Cache-Control` is deliberately *not* in the `/*` block: Cloudflare Pages
/// joins a header set by several matching rules with a comma, which would turn
/// the wasm's header into `no-cache, public, max-age=…, immutable` (and its
/// `! Header` detach syntax is rejected by Netlify). Both hosts already send
/// `public, max-age=0, must-revalidate` by default, which means the same as
/// `no-cache`; only the hashed assets need a rule of their own.
pub fn static_host_headers_file(csp: &str) -> String {
    let mut out = String::new();
    out.push_str("# Generated by `cargo xtask`; the rules live in xtask/src/headers.rs.\n");
    out.push_str("# HTML and other unhashed files keep the host's default Cache-Control,\n");
    out.push_str("# `public, max-age=0, must-revalidate` (the same as no-cache).\n");
    out.push_str("/*\n");
    for (name, value) in security_headers(csp) {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out.push_str("\n# Files with a content hash in their name never change.\n");
    for pattern in HASHED_PATTERNS {
        out.push_str(&format!("{pattern}\n  Cache-Control: {IMMUTABLE}\n"));
    }
    out.push_str("\n# The open data and the change feeds: other sites' pages may read them.\n");
    for pattern in OPEN_PATTERNS {
        out.push_str(&format!("{pattern}\n  Access-Control-Allow-Origin: *\n"));
    }
    out
}

/// `Strict-Transport-Security` for a host on HTTPS (two years): the browser then
/// never asks for the site over plain HTTP again.
pub const HSTS: &str = "max-age=63072000";

/// The CSP for a `<meta http-equiv>` in every page, for a host that cannot set
/// headers: the same policy without `frame-ancestors`, which a `<meta>` cannot
/// carry (the browser would warn and ignore it).
pub fn meta_csp(csp: &str) -> String {
    let kept: Vec<&str> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty() && !d.starts_with("frame-ancestors"))
        .collect();
    format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        kept.join("; ")
    )
}

/// Where an nginx server listens and what certificate it shows.
pub struct NginxSite<'a> {
    /// The `listen` of plain HTTP, which only sends people to HTTPS (`80`).
    pub http: &'a str,
    /// The `listen` of HTTPS (`443`).
    pub https: &'a str,
    /// The port in the redirect, `:8443`, or empty for 443.
    pub https_port: &'a str,
    pub server_name: &'a str,
    pub certificate: &'a str,
    pub certificate_key: &'a str,
}

/// README.md's example host.
#[cfg_attr(not(test), allow(dead_code))]
pub const EXAMPLE_SITE: NginxSite<'static> = NginxSite {
    http: "80",
    https: "443",
    https_port: "",
    server_name: "thutucxa.example.gov.vn",
    certificate: "/etc/letsencrypt/live/thutucxa.example.gov.vn/fullchain.pem",
    certificate_key: "/etc/letsencrypt/live/thutucxa.example.gov.vn/privkey.pem",
};

/// nginx's `server {}` blocks serving `root` (the `dist/` directory) with the same
/// headers, precompressed files and 404 page as the local server, on HTTPS (the
/// service worker, the location and sharing need a secure origin), plain HTTP
/// redirecting there. The browser tests run against this very configuration.
pub fn nginx_conf(root: &str, csp: &str, site: &NginxSite) -> String {
    // nginx drops a server's add_header lines in any location that has its own,
    // so the hashed-asset location repeats the security headers.
    let add_headers = |indent: &str, cache: &str, open: bool| {
        let mut s = String::new();
        if open {
            s.push_str(&format!(
                "{indent}add_header Access-Control-Allow-Origin \"*\" always;\n"
            ));
        }
        for (name, value) in security_headers(csp) {
            s.push_str(&format!("{indent}add_header {name} \"{value}\" always;\n"));
        }
        s.push_str(&format!(
            "{indent}add_header Strict-Transport-Security \"{HSTS}\" always;\n"
        ));
        s.push_str(&format!(
            "{indent}add_header Cache-Control \"{cache}\" always;\n"
        ));
        s
    };
    let NginxSite {
        http,
        https,
        https_port,
        server_name,
        certificate,
        certificate_key,
    } = site;
    let mut out = String::new();
    out.push_str("# Generated by `cargo xtask`; the rules live in xtask/src/headers.rs.\n");
    out.push_str("# Plain HTTP only sends people to HTTPS.\n");
    out.push_str("server {\n");
    out.push_str(&format!("    listen {http};\n"));
    out.push_str(&format!("    server_name {server_name};\n"));
    out.push_str(&format!(
        "    return 301 https://$host{https_port}$request_uri;\n"
    ));
    out.push_str("}\n\n");
    out.push_str("server {\n");
    out.push_str("    # nginx 1.25.1 and later: `listen … ssl;` and `http2 on;` instead.\n");
    out.push_str("    # For IPv6, add the same `listen` lines with `[::]:`.\n");
    out.push_str(&format!("    listen {https} ssl http2;\n"));
    out.push_str(&format!("    server_name {server_name};\n"));
    out.push_str(&format!("    ssl_certificate {certificate};\n"));
    out.push_str(&format!("    ssl_certificate_key {certificate_key};\n"));
    out.push_str(&format!("    root {root};\n"));
    out.push_str("    charset utf-8;\n");
    out.push_str("    # nginx's default charset types and the open data's CSV.\n");
    out.push_str("    charset_types text/xml text/plain text/vnd.wap.wml application/javascript application/rss+xml text/csv;\n\n");
    out.push_str("    include mime.types;\n");
    out.push_str("    # Stock mime.types lacks mjs (the service worker is refused without it)\n");
    out.push_str(
        "    # and webmanifest (and csv, for the open data); recent ones list wasm (nginx then warns about a duplicate).\n",
    );
    out.push_str(
        "    types { application/wasm wasm; text/javascript mjs; application/manifest+json webmanifest; text/csv csv; }\n\n",
    );
    out.push_str("    # Serve the .br / .gz files written by `cargo xtask dist`.\n");
    out.push_str("    # brotli_static needs the ngx_brotli module (Debian:\n");
    out.push_str("    # libnginx-mod-http-brotli-static); remove it if you lack it.\n");
    out.push_str("    brotli_static on;\n");
    out.push_str("    gzip_static on;\n");
    out.push_str("    gzip_vary on;\n\n");
    out.push_str(&add_headers("    ", NO_CACHE, false));
    out.push('\n');
    out.push_str("    # `/x` that is a directory redirects to `/x/`, which serves x/index.html,\n");
    out.push_str("    # like Netlify, Cloudflare Pages and `cargo xtask serve`.\n");
    out.push_str("    index index.html;\n");
    out.push_str("    absolute_redirect off;\n");
    out.push_str("    location / {\n");
    out.push_str("        try_files $uri $uri/ =404;\n");
    out.push_str("    }\n\n");
    out.push_str("    # The build's own files are not pages: the headers file of other hosts,\n");
    out.push_str("    # and the compressed copies (served above, never by their own name).\n");
    out.push_str("    location = /_headers {\n        return 404;\n    }\n");
    out.push_str("    location ~ \"\\.(br|gz)$\" {\n        return 404;\n    }\n\n");
    out.push_str("    # Content-hashed assets (name-0123456789abcdef[_bg].ext) never change.\n");
    out.push_str("    location ~ \"-[0-9a-f]{12,16}(_bg)?\\.[A-Za-z0-9]+$\" {\n");
    out.push_str("        try_files $uri =404;\n");
    out.push_str(&add_headers("        ", IMMUTABLE, false));
    out.push_str("    }\n\n");
    out.push_str("    # The open data and the change feeds: other sites' pages may read them.\n");
    out.push_str("    location ~ \"^(/en)?/(du-lieu/v[0-9]+/|thay-doi\\.xml$|thay-doi/[a-z0-9-]+\\.xml$)\" {\n");
    out.push_str("        try_files $uri =404;\n");
    out.push_str(&add_headers("        ", NO_CACHE, true));
    out.push_str("    }\n\n");
    out.push_str("    error_page 404 /404.html;\n");
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a>(headers: &'a [(&'static str, String)], name: &str) -> Option<&'a str> {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The CSP of README.md's examples.
    fn example_csp() -> String {
        csp(&example_inline(), DEFAULT_FRAME_ANCESTORS)
    }

    #[test]
    fn csp_is_strict() {
        let inline = Inline {
            styles: "'sha256-abc='".into(),
            scripts: "'sha256-def='".into(),
        };
        #[allow(non_snake_case)]
        let CSP = &csp(&inline, DEFAULT_FRAME_ANCESTORS);
        assert!(CSP.contains("style-src 'self' 'sha256-abc='; "));
        assert!(CSP.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-def='; "));
        let none = csp(&Inline::default(), DEFAULT_FRAME_ANCESTORS);
        assert!(none.contains("style-src 'self'; "));
        assert!(none.contains("script-src 'self' 'wasm-unsafe-eval'; "));
        assert!(!CSP.contains("unsafe-inline"));
        assert!(!CSP.contains("'unsafe-eval'"));
        assert!(CSP.contains("'wasm-unsafe-eval'"));
        assert!(!CSP.contains("http"), "no third-party origin");
        assert!(CSP.contains("object-src 'none'"));
        assert!(CSP.ends_with("; frame-ancestors 'self'"));
        assert!(
            !CSP.contains("  "),
            "no stray double spaces from line breaks"
        );
    }

    #[test]
    fn frame_ancestors_takes_origins_only() {
        assert_eq!(frame_ancestors(None).unwrap(), "'self'");
        assert_eq!(frame_ancestors(Some("  ")).unwrap(), "'self'");
        assert_eq!(
            frame_ancestors(Some(
                "https://dichvucong.gov.vn  http://localhost:* https://*.hanoi.gov.vn:8443"
            ))
            .unwrap(),
            "'self' https://dichvucong.gov.vn http://localhost:* https://*.hanoi.gov.vn:8443"
        );
        for bad in [
            "*",
            "dichvucong.gov.vn",
            "https://a.gov.vn;script-src *",
            "https://a.gov.vn/path",
            "'unsafe-inline'",
            "https://",
            "https://a.gov.vn:80:80",
            "https://a.gov.vn:abc",
            "javascript:alert(1)",
        ] {
            let err = frame_ancestors(Some(bad)).unwrap_err();
            assert!(err.starts_with("FRAME_ANCESTORS: `"), "{bad}: {err}");
        }
        let csp = csp(
            &Inline::default(),
            &frame_ancestors(Some("https://a.gov.vn")).unwrap(),
        );
        assert!(csp.ends_with("; frame-ancestors 'self' https://a.gov.vn"));
    }

    #[test]
    fn inline_hashes_are_those_of_the_inline_styles_and_scripts() {
        // echo -n 'a{}' | openssl dgst -sha256 -binary | base64
        let html = "<head><style>a{}</style><style type=\"text/css\">b{}</style>\
<script>a{}</script><script type=\"module\" src=\"/boot.js\"></script></head>";
        let inline = inline_hashes(html);
        assert_eq!(inline.styles.matches("'sha256-").count(), 2);
        assert!(
            inline
                .styles
                .starts_with("'sha256-X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk='"),
            "{inline:?}"
        );
        assert_eq!(
            inline.scripts, "'sha256-X1RutGBrXCt9KkSaXMK7tHftWiRscFHOhxsS8tv8hBk='",
            "the inline script only, not the one with src"
        );
        assert_eq!(inline_hashes("<p>nothing inline</p>"), Inline::default());
    }

    #[test]
    fn recognises_hashed_assets() {
        assert!(is_hashed_asset("/thu-tuc-xa-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(is_hashed_asset("boot-0123456789abcdef.js"));
        assert!(is_hashed_asset("/a/b/thu-tuc-xa-1a2b3c4d5e6f7a8b.js"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/"));
        assert!(!is_hashed_asset("/style.css"));
        assert!(!is_hashed_asset("/style-0123456789ABCDEF.css"), "uppercase");
        // Trunk leaves out leading zeros: a 13-digit hash happened in a real build.
        assert!(
            is_hashed_asset("/thu-tuc-xa-35126b64b23cb_bg.wasm"),
            "13 digits"
        );
        assert!(!is_hashed_asset("/style-0123456789a.css"), "11 digits");
        assert!(
            !is_hashed_asset("/style-0123456789abcdef0.css"),
            "17 digits"
        );
        assert!(!is_hashed_asset("/style-0123456789abcdeg.css"), "not hex");
        assert!(!is_hashed_asset("/-0123456789abcdef.css"), "no stem");
        assert!(!is_hashed_asset("/x-0123456789abcdef"), "no extension");
        assert!(!is_hashed_asset("/x-0123456789abcdef/index.html"));
    }

    #[test]
    fn headers_for_sets_cache_control() {
        let csp = example_csp();
        let html = headers_for("/index.html", &csp);
        assert_eq!(get(&html, "Cache-Control"), Some(NO_CACHE));
        assert_eq!(
            get(&headers_for("/thu-tuc/", &csp), "Cache-Control"),
            Some(NO_CACHE)
        );
        for fixed_name in ["/embed.js", "/sw.mjs"] {
            let h = headers_for(fixed_name, &csp);
            assert_eq!(get(&h, "Cache-Control"), Some(NO_CACHE), "{fixed_name}");
        }
        let wasm = headers_for("/thu-tuc-xa-1a2b3c4d5e6f7a8b_bg.wasm", &csp);
        assert_eq!(get(&wasm, "Cache-Control"), Some(IMMUTABLE));
        // Other sites' pages may read the open data and the feeds, not the pages.
        for open in [
            "/du-lieu/v1/xa-phuong.json",
            "/thay-doi.xml",
            "/en/thay-doi/ho-tich.xml",
        ] {
            let h = headers_for(open, &csp);
            assert_eq!(get(&h, "Access-Control-Allow-Origin"), Some("*"), "{open}");
        }
        for page in ["/thay-doi/", "/du-lieu/", "/index.html", "/embed.js"] {
            let h = headers_for(page, &csp);
            assert_eq!(get(&h, "Access-Control-Allow-Origin"), None, "{page}");
        }
        for headers in [html, wasm] {
            assert_eq!(get(&headers, "Content-Security-Policy"), Some(csp.as_str()));
            assert_eq!(get(&headers, "X-Content-Type-Options"), Some("nosniff"));
            assert_eq!(get(&headers, "Referrer-Policy"), Some("no-referrer"));
            assert_eq!(
                get(&headers, "Cross-Origin-Opener-Policy"),
                Some("same-origin")
            );
            let pp = get(&headers, "Permissions-Policy").unwrap();
            assert!(pp.contains("geolocation=(self)"));
            assert!(pp.contains("camera=()"));
        }
    }

    #[test]
    fn content_types() {
        let ct = |p: &str| content_type(Path::new(p));
        assert_eq!(ct("index.html"), "text/html; charset=utf-8");
        assert_eq!(ct("a/INDEX.HTML"), "text/html; charset=utf-8");
        assert!(ct("s.css").starts_with("text/css"));
        assert!(ct("b.js").starts_with("text/javascript"));
        assert_eq!(ct("x_bg.wasm"), "application/wasm");
        assert_eq!(ct("d.json"), "application/json");
        assert_eq!(ct("i.svg"), "image/svg+xml");
        assert_eq!(ct("i.png"), "image/png");
        assert_eq!(ct("favicon.ico"), "image/x-icon");
        assert_eq!(ct("site.webmanifest"), "application/manifest+json");
        assert!(ct("robots.txt").starts_with("text/plain"));
        assert!(ct("sitemap.xml").ends_with("xml"));
        assert_eq!(ct("f.woff2"), "font/woff2");
        assert_eq!(ct("index.html.br"), "application/octet-stream");
        assert_eq!(ct("noext"), "application/octet-stream");
    }

    #[test]
    fn headers_file_has_all_rules() {
        let csp = example_csp();
        let file = static_host_headers_file(&csp);
        assert!(file.contains("\n/*\n"));
        for (name, value) in security_headers(&csp) {
            assert!(file.contains(&format!("\n  {name}: {value}\n")), "{name}");
        }
        for pattern in HASHED_PATTERNS {
            assert!(file.contains(&format!("\n{pattern}\n  Cache-Control: {IMMUTABLE}\n")));
        }
        for pattern in OPEN_PATTERNS {
            assert!(file.contains(&format!("\n{pattern}\n  Access-Control-Allow-Origin: *\n")));
        }
        // One Cache-Control per matching path (see the function's docs).
        assert_eq!(
            file.matches("  Cache-Control:").count(),
            HASHED_PATTERNS.len()
        );
        assert!(matches_hashed_pattern(
            "/thu-tuc-xa-1a2b3c4d5e6f7a8b_bg.wasm"
        ));
        assert!(matches_hashed_pattern("/boot-0123456789abcdef.js"));
        assert!(matches_hashed_pattern("/extras-boot-0123456789abcdef.js"));
        assert!(is_hashed_asset("/extras-boot-0123456789abcdef.js"));
        assert!(
            !matches_hashed_pattern("/embed.js"),
            "other sites load it by name"
        );
        assert!(!matches_hashed_pattern("/sw.mjs"));
        assert!(!matches_hashed_pattern("/thu-tuc/index.html"));
        for line in file.lines() {
            assert!(line.len() < 2000, "Cloudflare's line limit");
            assert!(
                line.is_empty() || line.starts_with(['/', '#', ' ']),
                "{line}"
            );
        }
    }

    #[test]
    fn nginx_conf_has_everything() {
        let csp = example_csp();
        let conf = nginx_conf("/srv/thu-tuc-xa/dist", &csp, &EXAMPLE_SITE);
        for line in [
            "root /srv/thu-tuc-xa/dist;",
            "listen 80;",
            "return 301 https://$host$request_uri;",
            "listen 443 ssl http2;",
            "ssl_certificate /etc/letsencrypt/live/thutucxa.example.gov.vn/fullchain.pem;",
            "brotli_static on;",
            "gzip_static on;",
            "try_files $uri $uri/ =404;",
            "index index.html;",
            "error_page 404 /404.html;",
            "text/javascript mjs;",
            "application/wasm wasm;",
            "location = /_headers {",
        ] {
            assert!(conf.contains(line), "{line}");
        }
        assert!(conf.contains(&format!("add_header Cache-Control \"{IMMUTABLE}\" always;")));
        assert!(conf.contains(&format!("add_header Cache-Control \"{NO_CACHE}\" always;")));
        let mut all = security_headers(&csp).to_vec();
        all.push(("Strict-Transport-Security", HSTS.into()));
        for (name, value) in all {
            let line = format!("add_header {name} \"{value}\" always;");
            assert_eq!(
                conf.matches(&line).count(),
                3,
                "server, hashed and open locations"
            );
        }
        assert_eq!(conf.matches('{').count(), conf.matches('}').count());
    }

    #[test]
    fn the_meta_csp_is_the_policy_without_frame_ancestors() {
        let csp = example_csp();
        let meta = meta_csp(&csp);
        assert!(meta.starts_with(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; "
        ));
        assert!(!meta.contains("frame-ancestors"), "{meta}");
        assert!(meta.contains("form-action 'self'\">"), "{meta}");
        assert!(meta.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
    }

    /// README.md shows the nginx configuration and the `_headers` file; keep them true.
    #[test]
    fn readme_shows_the_current_hosting_config() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
            .expect("README.md exists");
        let csp = example_csp();
        let conf = nginx_conf("/var/www/thu-tuc-xa/dist", &csp, &EXAMPLE_SITE);
        let file = static_host_headers_file(&csp);
        if !readme.contains(&conf) || !readme.contains(&file) {
            std::fs::write(std::env::temp_dir().join("thu-tuc-xa-nginx.conf"), &conf).ok();
            std::fs::write(std::env::temp_dir().join("thu-tuc-xa-headers"), &file).ok();
            panic!("README.md is out of date: paste the config written to the temp directory");
        }
    }
}

//! Tests of the static server: each starts a real server on 127.0.0.1:0 over
//! a temporary site and talks HTTP/1.1 to it through a raw `TcpStream`.

use super::*;
use crate::headers::{csp, inline_hashes, DEFAULT_FRAME_ANCESTORS, IMMUTABLE, NO_CACHE};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};

const INDEX: &str = "<!doctype html><title>Thủ tục xã</title>";
/// The built pages' inline style, which the CSP allows by its hash.
const STYLE: &str = "<style>body{margin:0}</style>";

/// A temporary site with a precompressed index, a 404 page, a
/// subdirectory and a large hashed wasm file; and a server on it.
fn site() -> (PathBuf, Server) {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let root = std::env::temp_dir().join(format!("xtask-server-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("thu-tuc")).unwrap();
    std::fs::write(
        root.join("index.html"),
        format!("{STYLE}{}", INDEX.repeat(100)),
    )
    .unwrap();
    std::fs::write(root.join("404.html"), "<h1>Không tìm thấy</h1>").unwrap();
    std::fs::write(root.join("thu-tuc/index.html"), "<h1>Thủ tục</h1>").unwrap();
    std::fs::write(root.join("thủ tục.txt"), "có dấu").unwrap();
    std::fs::write(
        root.join("app-0123456789abcdef_bg.wasm"),
        vec![7u8; 100_000],
    )
    .unwrap();
    crate::compress::precompress(&root).unwrap();
    let server = start(root.clone(), "127.0.0.1:0", DEFAULT_FRAME_ANCESTORS).unwrap();
    (root, server)
}

struct Res {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Res {
    fn header(&self, name: &str) -> Option<&str> {
        let found = self
            .headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name));
        found.map(|(_, v)| v.as_str())
    }
}

fn request(server: &Server, method: &str, path: &str, extra: &[(&str, &str)]) -> Res {
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (name, value) in extra {
        req.push_str(&format!("{name}: {value}\r\n"));
    }
    req.push_str("\r\n");
    stream.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let head = String::from_utf8(raw[..split].to_vec()).unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    let res = Res {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    };
    assert!(res.header("Transfer-Encoding").is_none(), "never chunked");
    let len: usize = res
        .header("Content-Length")
        .expect("Content-Length")
        .parse()
        .unwrap();
    if method != "HEAD" && res.status != 304 {
        assert_eq!(len, res.body.len());
    }
    let policy = csp(&inline_hashes(STYLE), DEFAULT_FRAME_ANCESTORS);
    assert!(policy.contains("'sha256-"));
    assert_eq!(
        res.header("Content-Security-Policy"),
        Some(policy.as_str()),
        "{path}"
    );
    assert_eq!(res.header("X-Content-Type-Options"), Some("nosniff"));
    res
}

fn get(server: &Server, path: &str) -> Res {
    request(server, "GET", path, &[])
}

#[test]
fn serves_index_with_headers() {
    let (_root, server) = site();
    assert!(server.addr.port() != 0);
    assert_eq!(
        server.url(),
        format!("http://127.0.0.1:{}", server.addr.port())
    );
    let res = get(&server, "/?utm=x");
    assert_eq!(res.status, 200);
    assert_eq!(res.body, format!("{STYLE}{}", INDEX.repeat(100)).as_bytes());
    assert_eq!(res.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(res.header("Cache-Control"), Some(NO_CACHE));
    assert_eq!(res.header("Vary"), Some("Accept-Encoding"));
    assert!(res.header("Content-Encoding").is_none());
    assert_eq!(get(&server, "/index.html").body, res.body);
    let head = request(&server, "HEAD", "/", &[]);
    assert_eq!((head.status, head.body.len()), (200, 0));
    assert_eq!(head.header("Content-Length"), res.header("Content-Length"));
    let post = request(&server, "POST", "/", &[("Content-Length", "0")]);
    assert_eq!(
        (post.status, post.header("Allow")),
        (405, Some("GET, HEAD"))
    );
    let utf8 = get(&server, "/th%E1%BB%A7%20t%E1%BB%A5c.txt");
    assert_eq!(
        (utf8.status, utf8.body),
        (200, "có dấu".as_bytes().to_vec())
    );
}

#[test]
fn negotiates_compression() {
    let (_root, server) = site();
    let br = request(
        &server,
        "GET",
        "/",
        &[("Accept-Encoding", "gzip, deflate, br, zstd")],
    );
    assert_eq!(br.header("Content-Encoding"), Some("br"));
    assert_eq!(br.header("Vary"), Some("Accept-Encoding"));
    let mut text = Vec::new();
    brotli::Decompressor::new(&br.body[..], 4096)
        .read_to_end(&mut text)
        .unwrap();
    assert_eq!(text, format!("{STYLE}{}", INDEX.repeat(100)).as_bytes());
    let gz = request(&server, "GET", "/", &[("Accept-Encoding", "br;q=0, gzip")]);
    assert_eq!(gz.header("Content-Encoding"), Some("gzip"));
    let mut text = Vec::new();
    flate2::read::GzDecoder::new(&gz.body[..])
        .read_to_end(&mut text)
        .unwrap();
    assert_eq!(text, format!("{STYLE}{}", INDEX.repeat(100)).as_bytes());
    assert_ne!(br.header("ETag"), gz.header("ETag"));
    // The copies themselves are plain files.
    let raw = get(&server, "/index.html.br");
    assert_eq!(raw.header("Content-Type"), Some("application/octet-stream"));
    assert!(raw.header("Content-Encoding").is_none());
}

#[test]
fn not_modified() {
    let (_root, server) = site();
    let first = get(&server, "/");
    let etag = first.header("ETag").unwrap().to_string();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "strong: {etag}"
    );
    let again = request(&server, "GET", "/", &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("ETag"), Some(etag.as_str()));
    assert_eq!(again.header("Cache-Control"), Some(NO_CACHE));
    let other = request(&server, "GET", "/", &[("If-None-Match", "\"nope\"")]);
    assert_eq!(other.status, 200);
}

#[test]
fn missing_file_gets_the_404_page() {
    let (root, server) = site();
    let res = get(&server, "/khong-co");
    assert_eq!(res.status, 404);
    assert_eq!(res.body, "<h1>Không tìm thấy</h1>".as_bytes());
    assert_eq!(res.header("Content-Type"), Some("text/html; charset=utf-8"));
    std::fs::remove_file(root.join("404.html")).unwrap();
    let plain = get(&server, "/khong-co/");
    assert_eq!(plain.status, 404);
    assert_eq!(
        plain.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );
}

#[test]
fn redirects_directories() {
    let (_root, server) = site();
    let res = get(&server, "/thu-tuc?q=1");
    assert_eq!(res.status, 301);
    assert_eq!(res.header("Location"), Some("/thu-tuc/?q=1"));
    let res = get(&server, "//thu-tuc");
    assert_eq!(res.header("Location"), Some("/thu-tuc/"), "never //host");
    let page = get(&server, "/thu-tuc/");
    assert_eq!(
        (page.status, page.body),
        (200, "<h1>Thủ tục</h1>".as_bytes().to_vec())
    );
}

#[test]
fn refuses_parent_segments() {
    let (_root, server) = site();
    for path in [
        "/../etc/passwd",
        "/thu-tuc/../index.html",
        "/%2e%2e/x",
        "/a/%2E%2E%2Fb",
        "/%zz",
        "/%c3",
    ] {
        assert_eq!(get(&server, path).status, 400, "{path}");
    }
}

#[test]
fn caches_hashed_assets_for_good() {
    let (_root, server) = site();
    let wasm = get(&server, "/app-0123456789abcdef_bg.wasm");
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.body.len(), 100_000);
    assert_eq!(wasm.header("Content-Type"), Some("application/wasm"));
    assert_eq!(wasm.header("Cache-Control"), Some(IMMUTABLE));
    let br = request(
        &server,
        "GET",
        "/app-0123456789abcdef_bg.wasm",
        &[("Accept-Encoding", "br")],
    );
    assert_eq!(br.header("Content-Encoding"), Some("br"));
    assert_eq!(br.header("Cache-Control"), Some(IMMUTABLE));
    assert_eq!(
        get(&server, "/index.html").header("Cache-Control"),
        Some(NO_CACHE)
    );
}

#[test]
fn parses_request_headers() {
    assert!(accepts("gzip, deflate, br", "br"));
    assert!(accepts("BR;q=0.5", "br"));
    assert!(!accepts("br;q=0, gzip", "br"));
    assert!(!accepts("", "br"));
    assert!(etag_matches("W/\"a\", \"b\"", "\"a\""));
    assert!(etag_matches("*", "\"a\""));
    assert!(!etag_matches("\"ab\"", "\"a\""));
    assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
    assert_eq!(percent_decode("/%+1"), None);
    assert_eq!(percent_decode("/%00"), None);
}

#[test]
fn locations_are_plain_same_site_paths() {
    assert_eq!(location("/thu-tuc", Some("q=1")), "/thu-tuc/?q=1");
    assert_eq!(location("///thu-tuc", None), "/thu-tuc/", "never //host");
    assert_eq!(
        location("/a\\b c", Some("x=\r\nSet-Cookie: a\t\x01\x7f")),
        "/a%5Cb%20c/?x=%0D%0ASet-Cookie:%20a%09%01%7F"
    );
    assert_eq!(
        location("/th%E1%BB%A7", Some("q=thủ\"<>#{|}^`")),
        "/th%E1%BB%A7/?q=th%E1%BB%A7%22%3C%3E%23%7B%7C%7D%5E%60"
    );
}

/// One test per abuse case (see `abuse.rs`), each against a fresh server.
macro_rules! abuse_tests {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            let case = abuse::cases()
                .into_iter()
                .find(|(name, _)| *name == stringify!($name))
                .expect("a case of that name");
            abuse::run(case.1).unwrap();
        }
    )*};
}

abuse_tests!(
    body_announced_never_sent,
    slow_readers,
    huge_content_length,
    control_chars_in_redirect,
    huge_header_block,
    more_connections_than_the_cap,
    keep_alive_and_pipelining,
);

/// With the real limits (a cap far above the abusers, long timeouts), a normal
/// GET is answered while the abusers are still connected, not after timeouts.
#[test]
fn real_limits_answer_past_abusers() {
    let cases = abuse::cases();
    for name in ["body_announced_never_sent", "slow_readers"] {
        let case = cases.iter().find(|(n, _)| *n == name).unwrap().1;
        let started = std::time::Instant::now();
        abuse::run_with(case, Limits::default()).unwrap();
        assert!(started.elapsed() < Limits::default().stall, "{name}");
    }
}

/// What `cargo xtask bench` reports as `server_abuse_cases_passed`.
#[test]
fn bench_counts_every_abuse_case() {
    let (passed, failed) = abuse::score();
    assert_eq!(failed, Vec::<String>::new());
    assert_eq!(passed, abuse::cases().len());
    assert_eq!(passed, 7);
}

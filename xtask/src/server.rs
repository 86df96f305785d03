//! A small static file server for `dist/` that behaves like production.
//!
//! It sends the headers from `headers.rs` on every response, serves the
//! precompressed `.br` / `.gz` files written by `compress.rs` when the browser
//! accepts them, answers `If-None-Match` with 304, maps `/x/` to
//! `x/index.html`, redirects a directory without its slash, and answers a
//! missing file with the site's own `404.html`. Only GET and HEAD are allowed.

use crate::compress::{is_compressible, sibling};
use crate::headers::{self, content_type, headers_for};
use std::fs::File;
use std::io::{self, Cursor, Read};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, UNIX_EPOCH};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// Enough threads for a browser's parallel requests.
const WORKERS: usize = 8;

/// A running server; it keeps serving until the process ends.
pub struct Server {
    /// The address actually bound (with the real port when asked for port 0).
    pub addr: SocketAddr,
    workers: Vec<JoinHandle<()>>,
}

impl Server {
    /// `http://HOST:PORT`, with a loopback host when bound to all interfaces.
    pub fn url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(match addr {
                SocketAddr::V4(_) => Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => Ipv6Addr::LOCALHOST.into(),
            });
        }
        format!("http://{addr}")
    }

    /// Blocks while the server runs (that is, for good).
    pub fn join(self) {
        for worker in self.workers {
            let _ = worker.join();
        }
    }
}

/// Binds `addr` (such as `127.0.0.1:8080`, or `127.0.0.1:0` for any free port)
/// and serves the directory `root` from background threads.
/// `frame_ancestors` is the CSP's list of sites that may embed the guide.
pub fn start(root: PathBuf, addr: &str, frame_ancestors: &str) -> io::Result<Server> {
    if !root.is_dir() {
        let msg = format!("{} is not a directory", root.display());
        return Err(io::Error::new(io::ErrorKind::NotFound, msg));
    }
    let http = tiny_http::Server::http(addr).map_err(io::Error::other)?;
    let addr = (http.server_addr().to_ip()).ok_or_else(|| io::Error::other("not an IP address"))?;
    let http = Arc::new(http);
    // The CSP allows the built pages' inline style and script by their hashes.
    let shell = std::fs::read_to_string(root.join("index.html")).unwrap_or_default();
    let csp = Arc::new(headers::csp(
        &headers::inline_hashes(&shell),
        frame_ancestors,
    ));
    let root = Arc::new(root);
    let mut workers = Vec::new();
    for i in 0..WORKERS {
        let (http, root, csp) = (Arc::clone(&http), Arc::clone(&root), Arc::clone(&csp));
        let worker = thread::Builder::new()
            .name(format!("serve-{i}"))
            .spawn(move || loop {
                match http.recv() {
                    Ok(request) => {
                        let reply = route(&root, &csp, &request);
                        // A client that went away is not our problem.
                        let _ = send(request, reply);
                    }
                    Err(e) => {
                        eprintln!("serve: {e}");
                        thread::sleep(Duration::from_millis(50));
                    }
                }
            })?;
        workers.push(worker);
    }
    Ok(Server { addr, workers })
}

/// A response before it is sent. `len` is the Content-Length, which for a 304
/// is the length the 200 would have had (tiny_http sends no body for 304 and HEAD).
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Box<dyn Read + Send>,
    len: u64,
}

fn send(request: Request, reply: Reply) -> io::Result<()> {
    let len = usize::try_from(reply.len).unwrap_or(usize::MAX);
    let mut response = Response::new(
        StatusCode(reply.status),
        Vec::new(),
        reply.body,
        Some(len),
        None,
    )
    // Always Content-Length, never chunked.
    .with_chunked_threshold(usize::MAX);
    for (name, value) in reply.headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    request.respond(response)
}

fn header<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    let found = request.headers().iter().find(|h| h.field.equiv(name));
    found.map(|h| h.value.as_str())
}

fn route(root: &Path, csp: &str, request: &Request) -> Reply {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let mut reply = text(405, "405 Method Not Allowed\n", csp);
        reply.headers.push(("Allow", "GET, HEAD".to_string()));
        return reply;
    }
    let url = request.url();
    let (raw_path, query) = match url.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (url, None),
    };
    let Some(path) = percent_decode(raw_path).filter(|p| p.starts_with('/')) else {
        return text(400, "400 Bad Request\n", csp);
    };
    let mut file = root.to_path_buf();
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        // Exactly one ordinary name: refuses `..`, `.` and anything a platform
        // would read as a root or a drive.
        let mut parts = Path::new(segment).components();
        match (parts.next(), parts.next()) {
            (Some(Component::Normal(name)), None) => file.push(name),
            _ => return text(400, "400 Bad Request\n", csp),
        }
    }
    let accept = header(request, "Accept-Encoding");
    if path.ends_with('/') {
        file.push("index.html");
    } else if file.is_dir() {
        let mut reply = text(301, "", csp);
        let query = query.map(|q| format!("?{q}")).unwrap_or_default();
        // One leading slash, so `//host` cannot turn into a redirect to another site.
        let location = format!("/{}/{query}", raw_path.trim_start_matches('/'));
        reply.headers.push(("Location", location));
        return reply;
    }
    if file.is_file() {
        return serve(
            &file,
            &path,
            200,
            accept,
            header(request, "If-None-Match"),
            csp,
        );
    }
    let page = root.join("404.html");
    if page.is_file() {
        return serve(&page, "/404.html", 404, accept, None, csp);
    }
    text(404, "404 Not Found\n", csp)
}

/// Serves `file` (or its `.br` / `.gz` copy when accepted) for `url_path`.
fn serve(
    file: &Path,
    url_path: &str,
    status: u16,
    accept: Option<&str>,
    if_none_match: Option<&str>,
    csp: &str,
) -> Reply {
    let mut headers = headers_for(url_path, csp);
    headers.push(("Content-Type", content_type(file).to_string()));
    let mut chosen = (file.to_path_buf(), None);
    if is_compressible(file) {
        headers.push(("Vary", "Accept-Encoding".to_string()));
        for (coding, ext) in [("br", "br"), ("gzip", "gz")] {
            let copy = sibling(file, ext);
            if accepts(accept.unwrap_or(""), coding) && copy.is_file() {
                chosen = (copy, Some(coding));
                break;
            }
        }
    }
    let (path, coding) = chosen;
    let opened = File::open(&path).and_then(|f| Ok((f.metadata()?, f)));
    let Ok((meta, f)) = opened else {
        return text(500, "500 Internal Server Error\n", csp);
    };
    let etag = etag(&meta, coding);
    headers.push(("ETag", etag.clone()));
    if let Some(coding) = coding {
        headers.push(("Content-Encoding", coding.to_string()));
    }
    let len = meta.len();
    if status == 200 && if_none_match.is_some_and(|v| etag_matches(v, &etag)) {
        return Reply {
            status: 304,
            headers,
            body: Box::new(io::empty()),
            len,
        };
    }
    Reply {
        status,
        headers,
        body: Box::new(f),
        len,
    }
}

/// A plain-text reply, still with the production headers.
fn text(status: u16, body: &str, csp: &str) -> Reply {
    let mut headers = headers_for("/", csp);
    headers.push(("Content-Type", "text/plain; charset=utf-8".to_string()));
    let body = body.as_bytes().to_vec();
    let len = body.len() as u64;
    Reply {
        status,
        headers,
        body: Box::new(Cursor::new(body)),
        len,
    }
}

/// Strong ETag from the served file's length and modification time; the
/// coding is part of it because each coding is a different representation.
fn etag(meta: &std::fs::Metadata, coding: Option<&str>) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok());
    let nanos = modified.map_or(0, |d| d.as_nanos());
    let suffix = coding.map(|c| format!("-{c}")).unwrap_or_default();
    format!("\"{:x}-{nanos:x}{suffix}\"", meta.len())
}

/// `If-None-Match` uses the weak comparison: `W/` is ignored.
fn etag_matches(if_none_match: &str, etag: &str) -> bool {
    if_none_match.trim() == "*"
        || (if_none_match.split(',')).any(|tag| tag.trim().trim_start_matches("W/") == etag)
}

/// True when `Accept-Encoding` lists `coding` with a non-zero q.
fn accepts(accept_encoding: &str, coding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
        name.eq_ignore_ascii_case(coding) && q > 0.0
    })
}

/// Decodes `%XX` escapes into UTF-8; `None` for a bad escape or bad UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.contains('\0'))
}

#[cfg(test)]
mod tests;

//! A small static file server for `dist/` that behaves like production.
//!
//! It sends the headers from `headers.rs` on every response, serves the
//! precompressed `.br` / `.gz` files written by `compress.rs` when the browser
//! accepts them, answers `If-None-Match` with 304, maps `/x/` to
//! `x/index.html`, redirects a directory without its slash, and answers a
//! missing file with the site's own `404.html`. Only GET and HEAD are allowed.
//!
//! HTTP is `hyper`'s (HTTP/1.1, keep-alive, pipelining) on one `tokio` thread.
//! No client can hold the server up ([`Limits`], and `abuse.rs` reproduces
//! each way one could): a request with a body is answered and its connection
//! closed without reading the body, request heads have a size limit and a
//! time limit (which also ends idle kept-alive connections), a response the
//! client stops reading ends its connection, and at most so many connections
//! are served at once (more wait to be accepted).

use crate::compress::{is_compressible, sibling};
use crate::headers::{self, content_type, headers_for};
use bytes::Bytes;
use futures_util::TryStreamExt;
use http_body_util::combinators::UnsyncBoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Body as _, Frame, Incoming};
use hyper::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_LENGTH};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode, Uri};
use hyper_util::rt::{TokioIo, TokioTimer};
use percent_encoding::{percent_encode, AsciiSet, CONTROLS};
use std::convert::Infallible;
use std::fs::File;
use std::io;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, UNIX_EPOCH};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{oneshot, Semaphore};
use tokio_io_timeout::TimeoutStream;
use tokio_util::io::ReaderStream;

/// What one client may take of the server.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// Time for a request's head to arrive, counted from when the connection
    /// is ready for it: also how long a kept-alive connection may stay idle.
    pub header_read: Duration,
    /// How long a response may wait for the client to take more of it.
    pub stall: Duration,
    /// Largest request head (request line and headers), in bytes; at least 8192.
    pub max_header_bytes: usize,
    /// Connections served at once; more wait in the listen queue.
    pub max_connections: usize,
}

impl Default for Limits {
    /// For real use: far above what a browser needs (Chromium opens about six
    /// connections to a site and keeps them alive; the browser tests' Node
    /// client drops idle ones after 4 s).
    fn default() -> Self {
        Limits {
            header_read: Duration::from_secs(10),
            stall: Duration::from_secs(30),
            max_header_bytes: 64 << 10,
            max_connections: 256,
        }
    }
}

impl Limits {
    /// Short timeouts and a small cap, so the abuse cases end in seconds.
    pub(crate) fn quick() -> Self {
        Limits {
            header_read: Duration::from_secs(2),
            stall: Duration::from_secs(2),
            max_connections: 16,
            ..Limits::default()
        }
    }
}

/// A running server. It serves until it is dropped or the process ends.
pub struct Server {
    /// The address actually bound (with the real port when asked for port 0).
    pub addr: SocketAddr,
    limits: Limits,
    thread: JoinHandle<()>,
    /// Dropping it ends the server's thread, and with it every connection.
    stop: oneshot::Sender<()>,
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
        let Server { thread, stop, .. } = self;
        let _ = thread.join();
        drop(stop);
    }

    pub(crate) fn limits(&self) -> Limits {
        self.limits
    }
}

/// Binds `addr` (such as `127.0.0.1:8080`, or `127.0.0.1:0` for any free port)
/// and serves the directory `root` from a background thread.
/// `frame_ancestors` is the CSP's list of sites that may embed the guide.
pub fn start(root: PathBuf, addr: &str, frame_ancestors: &str) -> io::Result<Server> {
    start_with(root, addr, frame_ancestors, Limits::default())
}

/// [`start`] with other [`Limits`].
pub(crate) fn start_with(
    root: PathBuf,
    addr: &str,
    frame_ancestors: &str,
    limits: Limits,
) -> io::Result<Server> {
    if !root.is_dir() {
        let msg = format!("{} is not a directory", root.display());
        return Err(io::Error::new(io::ErrorKind::NotFound, msg));
    }
    // The CSP allows the built pages' inline style and script by their hashes.
    let shell = std::fs::read_to_string(root.join("index.html")).unwrap_or_default();
    let csp = headers::csp(&headers::inline_hashes(&shell), frame_ancestors);
    let site = Arc::new(Site { root, csp, limits });
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let listener = runtime.block_on(TcpListener::bind(addr))?;
    let addr = listener.local_addr()?;
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = thread::Builder::new()
        .name("serve".to_string())
        .spawn(move || {
            runtime.block_on(async move {
                tokio::spawn(accept(listener, site));
                // Until the `Server` is dropped.
                let _ = stopped.await;
            });
            runtime.shutdown_timeout(Duration::from_secs(1));
        })?;
    Ok(Server {
        addr,
        limits,
        thread,
        stop,
    })
}

/// What every connection needs.
struct Site {
    root: PathBuf,
    csp: String,
    limits: Limits,
}

/// Accepts connections while fewer than `max_connections` are open.
async fn accept(listener: TcpListener, site: Arc<Site>) {
    let permits = Arc::new(Semaphore::new(site.limits.max_connections));
    loop {
        let Ok(permit) = Arc::clone(&permits).acquire_owned().await else {
            return;
        };
        match listener.accept().await {
            Ok((tcp, _)) => {
                let site = Arc::clone(&site);
                tokio::spawn(async move {
                    connection(tcp, &site).await;
                    drop(permit);
                });
            }
            // Such as too many open files: wait for some to close.
            Err(e) => {
                eprintln!("serve: {e}");
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
        }
    }
}

/// Serves one connection until the client closes it, or one of the limits does.
async fn connection(tcp: TcpStream, site: &Site) {
    let _ = tcp.set_nodelay(true);
    let mut io = TimeoutStream::new(tcp);
    io.set_write_timeout(Some(site.limits.stall));
    let service = service_fn(|request: Request<Incoming>| {
        std::future::ready(Ok::<_, Infallible>(respond(site, &request)))
    });
    // An error here is the client's (gone, too slow, malformed): hyper has
    // already answered what deserved an answer.
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(site.limits.header_read)
        .max_buf_size(site.limits.max_header_bytes)
        .serve_connection(TokioIo::new(Box::pin(io)), service)
        .await;
}

type Body = UnsyncBoxBody<Bytes, io::Error>;

/// The response to `request`, whose body (if any) is never read: a request
/// with one is answered and its connection closed. Files are only opened and
/// looked at here (quick local calls); their bytes are read as they are sent.
fn respond(site: &Site, request: &Request<Incoming>) -> Response<Body> {
    let has_body = !request.body().is_end_stream();
    let mut reply = route(
        &site.root,
        &site.csp,
        request.method(),
        request.uri(),
        request.headers(),
        has_body,
    );
    if has_body {
        reply.headers.push(("Connection", "close".to_string()));
    }
    let body = match reply.body {
        Content::Bytes(bytes) => Full::new(Bytes::from(bytes))
            .map_err(|never| match never {})
            .boxed_unsync(),
        Content::File(file) => {
            let chunks = ReaderStream::with_capacity(tokio::fs::File::from_std(file), 64 << 10);
            StreamBody::new(chunks.map_ok(Frame::data)).boxed_unsync()
        }
    };
    let mut response = Response::new(body);
    *response.status_mut() =
        StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    // Always a length, never chunked. hyper keeps it, and sends no body, for
    // HEAD and for 304 (where it is the length the 200 would have had).
    headers.insert(CONTENT_LENGTH, HeaderValue::from(reply.len));
    for (name, value) in reply.headers {
        let name = HeaderName::from_bytes(name.as_bytes());
        let value = HeaderValue::try_from(value);
        if let (Ok(name), Ok(value)) = (name, value) {
            headers.append(name, value);
        }
    }
    response
}

/// A response before it is sent. `len` is the Content-Length.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Content,
    len: u64,
}

enum Content {
    Bytes(Vec<u8>),
    /// Also for HEAD and 304, where hyper drops it unread: hyper writes the
    /// Content-Length of a response only when it has a body.
    File(File),
}

fn header<'a>(headers: &'a HeaderMap, name: &'static str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// What may stand in a `Location` as it is; everything else is percent-encoded
/// (control characters, space, non-ASCII, and what browsers would re-read).
const LOCATION_ESCAPED: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Where a directory asked for without its slash is: the same path and query,
/// with a slash. One leading slash, so `//host` cannot turn into a redirect to
/// another site; nothing unsafe is written raw.
fn location(raw_path: &str, query: Option<&str>) -> String {
    let path = percent_encode(
        raw_path.trim_start_matches('/').as_bytes(),
        LOCATION_ESCAPED,
    );
    match query {
        Some(query) => format!(
            "/{path}/?{}",
            percent_encode(query.as_bytes(), LOCATION_ESCAPED)
        ),
        None => format!("/{path}/"),
    }
}

fn route(
    root: &Path,
    csp: &str,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    has_body: bool,
) -> Reply {
    if !matches!(*method, Method::GET | Method::HEAD) {
        let mut reply = text(405, "405 Method Not Allowed\n", csp);
        reply.headers.push(("Allow", "GET, HEAD".to_string()));
        return reply;
    }
    if has_body {
        return text(400, "400 Bad Request: a GET or HEAD has no body\n", csp);
    }
    let raw_path = uri.path();
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
    let accept = header(headers, "Accept-Encoding");
    if path.ends_with('/') {
        file.push("index.html");
    } else if file.is_dir() {
        let mut reply = text(301, "", csp);
        reply
            .headers
            .push(("Location", location(raw_path, uri.query())));
        return reply;
    }
    if file.is_file() {
        return serve(
            &file,
            &path,
            200,
            accept,
            header(headers, "If-None-Match"),
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
    let status = if status == 200 && if_none_match.is_some_and(|v| etag_matches(v, &etag)) {
        304
    } else {
        status
    };
    Reply {
        status,
        headers,
        body: Content::File(f),
        len: meta.len(),
    }
}

/// A plain-text reply, still with the production headers.
fn text(status: u16, body: &str, csp: &str) -> Reply {
    let mut headers = headers_for("/", csp);
    headers.push(("Content-Type", "text/plain; charset=utf-8".to_string()));
    Reply {
        status,
        headers,
        body: Content::Bytes(body.as_bytes().to_vec()),
        len: body.len() as u64,
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

pub(crate) mod abuse;

#[cfg(test)]
mod tests;

//! Ways one client could stop or kill the local server, each reproduced
//! against a real server through raw `TcpStream`s. The unit tests run each
//! case; `cargo xtask bench` counts how many pass (`server_abuse_cases_passed`).
//!
//! Each case gets a fresh server on `127.0.0.1:0` over a small site of its own
//! ([`site`]), started with [`Limits::quick`] so its timeouts end in seconds.
//! A case returns `Err` with what went wrong; it never sleeps and hopes: every
//! read waits for an answer or for the end of the connection, up to [`PATIENCE`].

use super::{start_with, Limits, Server};
use crate::headers::DEFAULT_FRAME_ANCESTORS;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// How long a client here waits for an answer before calling the server stuck.
/// Far above what a working server needs (milliseconds, or one of the quick
/// limits' timeouts), so a slow machine cannot make a case fail.
const PATIENCE: Duration = Duration::from_secs(30);

/// Size of the large file slow readers ask for: more than the kernel buffers
/// on both sides of a loopback connection hold, so the server's writes stall.
const BIG: usize = 16 << 20;

/// A case: its name and the check, run against a fresh server.
pub(crate) type Case = (&'static str, fn(&Server) -> Result<(), String>);

/// Every abuse case, in the order the issue listed them.
pub(crate) fn cases() -> Vec<Case> {
    vec![
        ("body_announced_never_sent", body_announced_never_sent),
        ("slow_readers", slow_readers),
        ("huge_content_length", huge_content_length),
        ("control_chars_in_redirect", control_chars_in_redirect),
        ("huge_header_block", huge_header_block),
        (
            "more_connections_than_the_cap",
            more_connections_than_the_cap,
        ),
        ("keep_alive_and_pipelining", keep_alive_and_pipelining),
    ]
}

/// Runs every case, each against a fresh server on a fresh site: how many
/// passed, and the failures by name.
pub(crate) fn score() -> (usize, Vec<String>) {
    let mut passed = 0;
    let mut failed = Vec::new();
    for (name, case) in cases() {
        match run(case) {
            Ok(()) => passed += 1,
            Err(e) => failed.push(format!("{name}: {e}")),
        }
    }
    (passed, failed)
}

/// Runs one case against a fresh server with [`Limits::quick`] on a fresh
/// site, then removes the site.
pub(crate) fn run(case: fn(&Server) -> Result<(), String>) -> Result<(), String> {
    run_with(case, Limits::quick())
}

/// [`run`] with other limits.
pub(crate) fn run_with(
    case: fn(&Server) -> Result<(), String>,
    limits: Limits,
) -> Result<(), String> {
    let root = site().map_err(|e| format!("site: {e}"))?;
    let server = start_with(root.clone(), "127.0.0.1:0", DEFAULT_FRAME_ANCESTORS, limits)
        .map_err(|e| format!("start: {e}"))?;
    let result = case(&server);
    drop(server);
    let _ = std::fs::remove_dir_all(root);
    result
}

/// A temporary site: a home page, a 404 page, a directory (for redirects) and
/// a large file.
fn site() -> io::Result<PathBuf> {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::SeqCst);
    let root = std::env::temp_dir().join(format!("xtask-abuse-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(root.join("thu-tuc"))?;
    std::fs::write(root.join("index.html"), "<!doctype html><title>x</title>")?;
    std::fs::write(root.join("404.html"), "<h1>404</h1>")?;
    std::fs::write(root.join("thu-tuc/index.html"), "<h1>Thủ tục</h1>")?;
    std::fs::write(root.join("big.bin"), vec![b'x'; BIG])?;
    Ok(root)
}

/// 32 connections announce a body (by length or chunked, with GET, HEAD and
/// POST) and never send it: each is answered or closed at once, without the
/// server waiting for the body, and a normal GET is still answered.
fn body_announced_never_sent(server: &Server) -> Result<(), String> {
    let announce = [
        "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n",
        "HEAD / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n",
    ];
    let mut open = Vec::new();
    for i in 0..32 {
        let mut stream = connect(server)?;
        send(&mut stream, announce[i % announce.len()].as_bytes())?;
        open.push(stream);
    }
    probe(server)?;
    for stream in open {
        let answer = read_until_closed(stream)?;
        if let Some(status) = status_of(&answer) {
            if !(400..500).contains(&status) {
                return Err(format!("a request with a body got {status}"));
            }
        }
    }
    Ok(())
}

/// 32 clients ask for a large file and never read the answer; a normal GET is
/// still answered (by a free worker, or once stalled writers are dropped).
fn slow_readers(server: &Server) -> Result<(), String> {
    let mut open = Vec::new();
    for _ in 0..32 {
        let mut stream = connect(server)?;
        send(&mut stream, b"GET /big.bin HTTP/1.1\r\nHost: x\r\n\r\n")?;
        open.push(stream);
    }
    probe(server)?;
    drop(open);
    probe(server)
}

/// A request announcing a terabyte of body is answered or closed, and the
/// server (the process) is still there to answer a normal GET.
fn huge_content_length(server: &Server) -> Result<(), String> {
    for method in ["POST", "GET"] {
        let mut stream = connect(server)?;
        let req =
            format!("{method} / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000\r\n\r\n");
        send(&mut stream, req.as_bytes())?;
        let answer = read_until_closed(stream)?;
        if let Some(status) = status_of(&answer) {
            if !(400..500).contains(&status) {
                return Err(format!("{method} with a terabyte body got {status}"));
            }
        }
    }
    probe(server)
}

/// Raw control characters, spaces, quotes and non-ASCII in the query of a
/// request that is redirected (a directory without its slash) never reach the
/// `Location` header raw, no header can be injected, and `Location` is a path
/// on the same site.
fn control_chars_in_redirect(server: &Server) -> Result<(), String> {
    let targets: &[&[u8]] = &[
        b"/thu-tuc?a\nX-Injected: 1",
        b"/thu-tuc?a\r\nX-Injected: 1",
        b"/thu-tuc?a\rX-Injected: 1",
        b"/thu-tuc?a\x01b",
        b"/thu-tuc?a\x7fb",
        b"/thu-tuc?a\tb",
        "/thu-tuc?q=thủ tục".as_bytes(),
        "/thu-tuc?q=thủ".as_bytes(),
        b"/thu-tuc?q=\"<b>\"",
        b"/thu-tuc?q={|}^`\\",
        b"/thu-tuc?a%0d%0aX-Injected:%201",
        b"//thu-tuc?x",
        b"/%2Fthu-tuc?x",
        b"http://elsewhere.example//thu-tuc?x",
    ];
    for target in targets {
        let mut stream = connect(server)?;
        let mut req = b"GET ".to_vec();
        req.extend_from_slice(target);
        req.extend_from_slice(b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        send(&mut stream, &req)?;
        let answer = read_until_closed(stream)?;
        let shown = String::from_utf8_lossy(target).escape_debug().to_string();
        let head = head_of(&answer);
        for line in head.split(|&b| b == b'\n').skip(1) {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let Some(colon) = line.iter().position(|&b| b == b':') else {
                continue;
            };
            let (name, value) = (&line[..colon], line[colon + 1..].trim_ascii());
            if name.eq_ignore_ascii_case(b"X-Injected") {
                return Err(format!("{shown}: a header was injected"));
            }
            if !name.eq_ignore_ascii_case(b"Location") {
                continue;
            }
            let location = String::from_utf8_lossy(value).escape_debug().to_string();
            if !value.iter().all(|b| (0x21..0x7f).contains(b)) {
                return Err(format!("{shown}: Location {location} is not plain ASCII"));
            }
            if !value.starts_with(b"/") || value.starts_with(b"//") || value.starts_with(b"/\\") {
                return Err(format!("{shown}: Location {location} leaves the site"));
            }
        }
    }
    // The redirect itself still works, query included.
    let mut stream = connect(server)?;
    send(
        &mut stream,
        b"GET /thu-tuc?q=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )?;
    let answer = read_until_closed(stream)?;
    let head = String::from_utf8_lossy(head_of(&answer)).to_lowercase();
    if status_of(&answer) != Some(301) || !head.contains("\r\nlocation: /thu-tuc/?q=1\r\n") {
        return Err(format!("no plain redirect: {head}"));
    }
    Ok(())
}

/// A megabyte of headers is refused (not read into memory and served), and
/// the server still answers a normal GET.
fn huge_header_block(server: &Server) -> Result<(), String> {
    let mut stream = connect(server)?;
    let mut req = b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n".to_vec();
    for i in 0..1024 {
        req.extend_from_slice(format!("X-Pad-{i}: {}\r\n", "a".repeat(1000)).as_bytes());
    }
    req.extend_from_slice(b"\r\n");
    // The server may close before it has all of it: that is a refusal too.
    let _ = stream.write_all(&req);
    let answer = match read_until_closed(stream) {
        Err(e) if e.contains("reset") => Vec::new(),
        other => other?,
    };
    if let Some(status) = status_of(&answer) {
        if !(400..500).contains(&status) {
            return Err(format!("a megabyte of headers got {status}"));
        }
    }
    probe(server)
}

/// More idle connections than the server's cap (some having sent half a
/// request line) do not keep a normal GET out for good: while they are open
/// it is answered once they time out, and after they are dropped, at once.
fn more_connections_than_the_cap(server: &Server) -> Result<(), String> {
    let n = server.limits().max_connections + 8;
    let mut idle = Vec::new();
    for i in 0..n {
        let mut stream = connect(server)?;
        if i % 2 == 0 {
            send(&mut stream, b"GET / HT")?;
        }
        idle.push(stream);
    }
    probe(server)?;
    drop(idle);
    let mut idle = Vec::new();
    for _ in 0..n {
        idle.push(connect(server)?);
    }
    drop(idle);
    probe(server)
}

/// A keep-alive client still works: two GETs and a HEAD pipelined in one
/// write, then another GET on the same connection, all answered in order,
/// HEAD without a body.
fn keep_alive_and_pipelining(server: &Server) -> Result<(), String> {
    let mut stream = connect(server)?;
    send(
        &mut stream,
        b"GET / HTTP/1.1\r\nHost: x\r\n\r\nHEAD /thu-tuc/ HTTP/1.1\r\nHost: x\r\n\r\nGET /thu-tuc/ HTTP/1.1\r\nHost: x\r\n\r\n",
    )?;
    let mut reader = BufReader::new(stream.try_clone().map_err(|e| e.to_string())?);
    let page = "<h1>Thủ tục</h1>".as_bytes();
    let home = read_response(&mut reader, false)?;
    let head = read_response(&mut reader, true)?;
    let dir = read_response(&mut reader, false)?;
    if home != (200, b"<!doctype html><title>x</title>".to_vec()) {
        return Err(format!("first answer: {home:?}"));
    }
    if head != (200, Vec::new()) || dir != (200, page.to_vec()) {
        return Err(format!("pipelined answers: {head:?} {dir:?}"));
    }
    send(&mut stream, b"GET /thu-tuc/ HTTP/1.1\r\nHost: x\r\n\r\n")?;
    let again = read_response(&mut reader, false)?;
    if again != (200, page.to_vec()) {
        return Err(format!("answer on the kept-alive connection: {again:?}"));
    }
    Ok(())
}

fn connect(server: &Server) -> Result<TcpStream, String> {
    let stream = TcpStream::connect(server.addr).map_err(|e| format!("connect: {e}"))?;
    stream
        .set_read_timeout(Some(PATIENCE))
        .and_then(|()| stream.set_write_timeout(Some(PATIENCE)))
        .map_err(|e| e.to_string())?;
    Ok(stream)
}

fn send(stream: &mut TcpStream, bytes: &[u8]) -> Result<(), String> {
    stream.write_all(bytes).map_err(|e| format!("send: {e}"))
}

/// A normal GET of the home page, answered in full within [`PATIENCE`].
fn probe(server: &Server) -> Result<(), String> {
    let mut stream = connect(server)?;
    send(
        &mut stream,
        b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )?;
    let mut reader = BufReader::new(stream);
    match read_response(&mut reader, false) {
        Ok((200, body)) if body == b"<!doctype html><title>x</title>" => Ok(()),
        Ok((status, _)) => Err(format!("a normal GET got {status}")),
        Err(e) => Err(format!("a normal GET was not answered: {e}")),
    }
}

/// Everything the server sends until it closes the connection. A read that
/// times out means the server kept the connection open, waiting.
fn read_until_closed(mut stream: TcpStream) -> Result<Vec<u8>, String> {
    let mut answer = Vec::new();
    match stream.read_to_end(&mut answer) {
        Ok(_) => Ok(answer),
        Err(e) if matches!(e.kind(), io::ErrorKind::ConnectionReset) => Ok(answer),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
            ) =>
        {
            Err(format!("still open after {PATIENCE:?}, server waiting"))
        }
        Err(e) => Err(format!("read: {e}")),
    }
}

/// The status of the first response in `answer`, if there is one.
fn status_of(answer: &[u8]) -> Option<u16> {
    let line = answer.split(|&b| b == b'\n').next()?;
    let code = line.split(|&b| b == b' ').nth(1)?;
    std::str::from_utf8(code).ok()?.parse().ok()
}

/// The head (status line and headers) of the first response in `answer`.
fn head_of(answer: &[u8]) -> &[u8] {
    let end = answer.windows(4).position(|w| w == b"\r\n\r\n");
    &answer[..end.unwrap_or(answer.len())]
}

/// One response off a kept-alive connection: status and body (read by its
/// Content-Length; none for HEAD).
fn read_response(reader: &mut BufReader<TcpStream>, head: bool) -> Result<(u16, Vec<u8>), String> {
    let mut status = None;
    let mut len = None;
    loop {
        let mut line = Vec::new();
        let n = reader.read_until(b'\n', &mut line).map_err(read_error)?;
        if n == 0 {
            return Err("closed before the end of a response".to_string());
        }
        let line = String::from_utf8_lossy(&line).trim_end().to_string();
        if line.is_empty() {
            break;
        }
        if status.is_none() {
            status = line.split(' ').nth(1).and_then(|s| s.parse::<u16>().ok());
            if status.is_none() {
                return Err(format!("not a status line: {line}"));
            }
        } else if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("Content-Length") {
                len = value.trim().parse::<usize>().ok();
            } else if name.eq_ignore_ascii_case("Transfer-Encoding") {
                return Err("a chunked response".to_string());
            }
        }
    }
    let status = status.ok_or("no status line")?;
    let len = len.ok_or("no Content-Length")?;
    let mut body = vec![0; if head { 0 } else { len }];
    reader.read_exact(&mut body).map_err(read_error)?;
    Ok((status, body))
}

fn read_error(e: io::Error) -> String {
    match e.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => {
            format!("no answer within {PATIENCE:?}")
        }
        _ => format!("read: {e}"),
    }
}

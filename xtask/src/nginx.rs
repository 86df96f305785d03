//! A real nginx serving `dist/` with the configuration README.md shows
//! ([`headers::nginx_conf`]), on local ports, over HTTPS with a certificate made
//! for the run: the browser tests run against it as well as against the local
//! server, so the hosting guide is proven, not hoped.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::headers::{self, NginxSite};
use crate::{run, tools, Result};

/// A running nginx; stopped when dropped.
pub struct Nginx {
    child: Child,
    dir: PathBuf,
    /// `https://localhost:PORT`.
    pub url: String,
    /// `http://localhost:PORT`, which redirects to [`Nginx::url`].
    pub http_url: String,
    /// The run's self-signed certificate, for Node to trust (`NODE_EXTRA_CA_CERTS`).
    pub certificate: PathBuf,
}

/// The browser suites run against nginx too: what only a real host shows, the
/// site, offline use, embedding, other addresses for a page, and deploys.
pub const SUITES: [&str; 6] = [
    "tests/browser/nginx.test.mjs",
    "tests/browser/site.test.mjs",
    "tests/browser/offline.test.mjs",
    "tests/browser/embed.test.mjs",
    "tests/browser/urls.test.mjs",
    "tests/browser/deploy.test.mjs",
];

/// The frame-ancestors of the sites the tests serve: the embedding tests frame
/// the guide from a page of their own on `http://localhost:<port>`.
pub const TEST_FRAME_ANCESTORS: &str = "'self' http://localhost:*";

impl Nginx {
    /// `node --test` of `files` against this nginx, trusting its certificate.
    pub fn node_test(&self, files: &[&str]) -> Command {
        let mut node = Command::new("node");
        node.args(["--test", "--test-concurrency=1"])
            .args(files)
            .current_dir(crate::root())
            .env("BASE_URL", &self.url)
            .env("HTTP_URL", &self.http_url)
            .env("NODE_EXTRA_CA_CERTS", &self.certificate);
        node
    }
}

impl Drop for Nginx {
    /// SIGTERM, so that the master stops its workers too (a killed master leaves
    /// them serving), then SIGKILL if it has not ended within 10 s.
    fn drop(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while matches!(self.child.try_wait(), Ok(None)) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A port free right now (the kernel's choice).
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Starts nginx on `dist` with the CSP's `frame_ancestors`; waits until it answers.
pub fn start(dist: &Path, frame_ancestors: &str) -> Result<Nginx> {
    tools::ensure_nginx()?;
    let dist = dist.canonicalize()?;
    let shell = std::fs::read_to_string(dist.join("index.html"))?;
    let csp = headers::csp(&headers::inline_hashes(&shell), frame_ancestors);
    // Another process may take a port between our look and nginx's bind: try again.
    let mut last = String::new();
    for attempt in 0..5 {
        match try_start(&dist, &csp, attempt) {
            Ok(nginx) => {
                println!("nginx serves {} at {}", dist.display(), nginx.url);
                return Ok(nginx);
            }
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!("nginx did not start: {last}").into())
}

fn try_start(dist: &Path, csp: &str, attempt: u32) -> Result<Nginx> {
    let (http, https) = (free_port()?, free_port()?);
    // Under target/, where a run stopped by Ctrl+C leaves nothing in the way.
    let dir = crate::root()
        .join("target/nginx")
        .join(format!("{}-{attempt}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("logs"))?;
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    run(Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .stderr(Stdio::null()))?;
    let site = NginxSite {
        http: &format!("127.0.0.1:{http}"),
        https: &format!("127.0.0.1:{https}"),
        https_port: &format!(":{https}"),
        server_name: "localhost",
        certificate: &cert.to_string_lossy(),
        certificate_key: &key.to_string_lossy(),
    };
    let server = headers::nginx_conf(&dist.to_string_lossy(), csp, &site);
    // Debian's own main file, reduced to what a site needs, around the server.
    let main = format!(
        "daemon off;\nmaster_process on;\nworker_processes 2;\n{user}pid {pid};\n\
error_log {logs}/error.log warn;\nload_module {module};\n\
events {{ worker_connections 512; }}\nhttp {{\n    access_log off;\n    sendfile on;\n\
    default_type application/octet-stream;\n    client_body_temp_path {tmp}/body;\n\
    proxy_temp_path {tmp}/proxy;\n    fastcgi_temp_path {tmp}/fastcgi;\n\
    uwsgi_temp_path {tmp}/uwsgi;\n    scgi_temp_path {tmp}/scgi;\n{server}}}\n",
        // As root, nginx's workers would run as nobody, who may not read dist/.
        module = tools::NGINX_BROTLI_MODULE,
        user = if tools::is_root() { "user root;\n" } else { "" },
        pid = dir.join("nginx.pid").display(),
        logs = dir.join("logs").display(),
        tmp = dir.display(),
    );
    let conf = dir.join("nginx.conf");
    std::fs::write(&conf, main)?;
    // The stock types the server block includes, beside the main file as in /etc/nginx.
    std::fs::copy("/etc/nginx/mime.types", dir.join("mime.types"))?;
    let child = Command::new("/usr/sbin/nginx")
        .arg("-c")
        .arg(&conf)
        .arg("-p")
        .arg(&dir)
        .arg("-e")
        .arg(dir.join("logs/error.log"))
        .stdin(Stdio::null())
        .spawn()?;
    let mut nginx = Nginx {
        child,
        dir: dir.clone(),
        url: format!("https://localhost:{https}"),
        http_url: format!("http://localhost:{http}"),
        certificate: cert.clone(),
    };
    if let Err(e) = wait_until_listening(&mut nginx, &[http, https]) {
        let log = std::fs::read_to_string(dir.join("logs/error.log")).unwrap_or_default();
        return Err(format!("{e}\n{log}").into());
    }
    Ok(nginx)
}

/// Until both ports accept a connection, or nginx exits, or 30 s pass.
fn wait_until_listening(nginx: &mut Nginx, ports: &[u16]) -> std::result::Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(Some(status)) = nginx.child.try_wait() {
            return Err(format!("nginx exited ({status})"));
        }
        let up = ports.iter().all(|p| {
            TcpStream::connect_timeout(&([127, 0, 0, 1], *p).into(), Duration::from_secs(1)).is_ok()
        });
        if up {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err("nginx did not listen within 30 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

//! Precompression of the built site.
//!
//! [`precompress`] writes `file.br` (brotli) and `file.gz` (gzip) beside every
//! text-like file in `dist/`, once, at the highest settings, so that neither
//! our server nor nginx (`brotli_static` / `gzip_static`) has to compress on
//! the fly. [`brotli_len`] and [`gzip_len`] measure sizes for the benchmark.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Extensions worth compressing (everything else, images and fonts, is
/// already compressed).
pub const COMPRESSIBLE: [&str; 11] = [
    "html",
    "css",
    "js",
    "mjs",
    "wasm",
    "json",
    "svg",
    "xml",
    "txt",
    "webmanifest",
    "csv",
];

const BROTLI_QUALITY: i32 = 11;
const BROTLI_WINDOW: i32 = 22;

/// True when the file's extension is one of [`COMPRESSIBLE`].
pub fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.iter().any(|c| c.eq_ignore_ascii_case(e)))
}

/// Brotli at quality 11, window 22.
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    brotli_at(bytes, BROTLI_QUALITY)
}

/// Brotli at a quality, window 22.
fn brotli_at(bytes: &[u8], quality: i32) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality,
        lgwin: BROTLI_WINDOW,
        size_hint: bytes.len(),
        ..Default::default()
    };
    let mut out = Vec::new();
    let mut input = bytes;
    brotli::BrotliCompress(&mut input, &mut out, &params).expect("writing to a Vec cannot fail");
    out
}

/// Gzip at the best level (the header's timestamp is 0, so output is stable).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    gzip_at(bytes, flate2::Compression::best())
}

fn gzip_at(bytes: &[u8], level: flate2::Compression) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), level);
    encoder
        .write_all(bytes)
        .expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail")
}

/// Size of `bytes` after brotli at quality 11.
pub fn brotli_len(bytes: &[u8]) -> usize {
    brotli(bytes).len()
}

/// Size of `bytes` after gzip at the best level.
pub fn gzip_len(bytes: &[u8]) -> usize {
    gzip(bytes).len()
}

/// Writes `.br` and `.gz` beside every compressible file under `root`
/// (recursively) when they are smaller than the original, and returns how many
/// files got at least one of them. Running it again gives the same result: a
/// compressed copy that would not be smaller is removed, so no stale one from
/// an earlier build can be served.
pub fn precompress(root: &Path) -> io::Result<usize> {
    precompress_where(root, |_| true, Effort::Best)
}

/// How hard [`precompress_where`] compresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effort {
    /// What a published site gets: brotli 11 (9 for pages), gzip's best level.
    Best,
    /// For the tests, which check that compressed answers are served, not their
    /// size: brotli 5 and gzip 6, a second where the best takes a minute (wasm).
    Quick,
}

/// [`precompress`] for the files `pick` chooses; every other file loses any
/// `.br` or `.gz` copy an earlier build left (a server would serve it in place
/// of the new file).
pub fn precompress_where(
    root: &Path,
    pick: impl Fn(&Path) -> bool,
    effort: Effort,
) -> io::Result<usize> {
    let mut files = Vec::new();
    collect_files(root, &mut files)?;
    files.sort();
    files.retain(|f| is_compressible(f));
    let (files, skipped): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|f| pick(f));
    for file in &skipped {
        for ext in ["br", "gz"] {
            match fs::remove_file(sibling(file, ext)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    // Thousands of pages (every commune has one): split the work across the cores,
    // and give the many small HTML pages quality 9, far faster than 11 and a few
    // percent larger. Code, styles and data get 11.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    let results: Vec<io::Result<usize>> = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| scope.spawn(move || compress_files(part, effort)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(io::Error::other("a compression thread panicked")))
            })
            .collect()
    });
    results.into_iter().sum()
}

fn compress_files(files: &[PathBuf], effort: Effort) -> io::Result<usize> {
    let mut count = 0;
    for file in files {
        let original = fs::read(file)?;
        let html = file.extension().is_some_and(|e| e == "html");
        let (br, gz) = match effort {
            Effort::Best => (
                brotli_at(&original, if html { 9 } else { BROTLI_QUALITY }),
                gzip(&original),
            ),
            Effort::Quick => (
                brotli_at(&original, 5),
                gzip_at(&original, flate2::Compression::default()),
            ),
        };
        let wrote_br = write_if_smaller(file, "br", br, original.len())?;
        let wrote_gz = write_if_smaller(file, "gz", gz, original.len())?;
        if wrote_br || wrote_gz {
            count += 1;
        }
    }
    Ok(count)
}

/// All regular files under `dir`, without following symbolic links to directories.
fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_files(&path, out)?;
        } else if path.is_file() {
            out.push(path);
        }
    }
    Ok(())
}

/// `file` with `.ext` appended: `a.js` → `a.js.br`.
pub fn sibling(file: &Path, ext: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// Writes `data` to `file.ext` if it is smaller than the original (through a
/// temporary file and a rename, so a running server never sees half a file);
/// otherwise removes any `file.ext` left from before.
fn write_if_smaller(file: &Path, ext: &str, data: Vec<u8>, original: usize) -> io::Result<bool> {
    let target = sibling(file, ext);
    if data.len() >= original {
        match fs::remove_file(&target) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => return Ok(false),
        }
    }
    let tmp = sibling(file, &format!("{ext}.tmp"));
    fs::write(&tmp, &data)?;
    fs::rename(&tmp, &target)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn temp_dir() -> PathBuf {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "xtask-compress-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn sample() -> Vec<u8> {
        "<p>Thủ tục đăng ký khai sinh tại Ủy ban nhân dân cấp xã.</p>\n"
            .repeat(200)
            .into_bytes()
    }

    #[test]
    fn round_trips() {
        let data = sample();
        let br = brotli(&data);
        let mut back = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, data);
        let gz = gzip(&data);
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, data);
        assert_eq!(brotli_len(&data), br.len());
        assert_eq!(gzip_len(&data), gz.len());
        assert!(br.len() < gz.len() && gz.len() < data.len());
    }

    #[test]
    fn knows_what_to_compress() {
        for name in [
            "a.html",
            "b.CSS",
            "c.js",
            "d_bg.wasm",
            "site.webmanifest",
            "e.svg",
        ] {
            assert!(is_compressible(Path::new(name)), "{name}");
        }
        for name in ["a.png", "b.woff2", "c.html.br", "d.js.gz", "_headers"] {
            assert!(!is_compressible(Path::new(name)), "{name}");
        }
        assert_eq!(sibling(Path::new("x/a.js"), "br"), Path::new("x/a.js.br"));
    }

    #[test]
    fn precompresses_a_tree() {
        let root = temp_dir();
        fs::create_dir_all(root.join("thu-tuc/khai-sinh")).unwrap();
        fs::write(root.join("index.html"), sample()).unwrap();
        fs::write(root.join("thu-tuc/khai-sinh/index.html"), sample()).unwrap();
        fs::write(root.join("tiny.txt"), "a").unwrap();
        fs::write(root.join("logo.png"), sample()).unwrap();

        assert_eq!(precompress(&root).unwrap(), 2);
        for page in ["index.html", "thu-tuc/khai-sinh/index.html"] {
            assert!(root.join(format!("{page}.br")).is_file());
            assert!(root.join(format!("{page}.gz")).is_file());
        }
        assert!(!root.join("tiny.txt.br").exists(), "not smaller");
        assert!(!root.join("tiny.txt.gz").exists(), "not smaller");
        assert!(
            !root.join("logo.png.br").exists(),
            "not a compressible type"
        );

        // Idempotent: same count, same bytes, nothing compressed twice.
        let before = fs::read(root.join("index.html.br")).unwrap();
        assert_eq!(precompress(&root).unwrap(), 2);
        assert_eq!(fs::read(root.join("index.html.br")).unwrap(), before);
        assert!(!root.join("index.html.br.br").exists());
        assert!(!root.join("index.html.br.tmp").exists());

        // A file that no longer compresses loses its stale copies.
        fs::write(root.join("index.html"), "x").unwrap();
        assert_eq!(precompress(&root).unwrap(), 1);
        assert!(!root.join("index.html.br").exists());
        assert!(!root.join("index.html.gz").exists());
        fs::remove_dir_all(&root).unwrap();
    }
}

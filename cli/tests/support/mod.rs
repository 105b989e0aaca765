//! Shared by the preview tests: finding Chromium and the node modules, running `pdx`, driving a page, running
//! `pdx preview serve` and sending it raw HTTP requests.

#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const CHROMIUM: &str = "/usr/bin/chromium";
const BROWSER_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/browser");
const SKIPPED: &str =
    "SKIPPED: browser tests need chromium and `npm ci` in cli/tests/browser (see .ci/run)";

pub(crate) fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn sample(name: &str) -> String {
    format!(
        "{}/../tests/fixtures/pipedrive-samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// Runs the built `pdx`; panics (with its output) unless it succeeds.
pub(crate) fn pdx<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_pdx"))
        .args(args)
        .output()
        .expect("run pdx");
    assert!(
        out.status.success(),
        "pdx failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Screenshots of the previews, kept as test artifacts.
pub(crate) fn screenshots_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("preview-screenshots")
}

/// Headless Chromium driven by `tests/browser/drive.js`, with a fresh directory for this test's pages.
pub(crate) struct Browser {
    pub(crate) dir: PathBuf,
}

impl Browser {
    /// The browser, or `None` after printing why the test is skipped; panics instead when `PDX_REQUIRE_BROWSER=1`.
    pub(crate) fn find() -> Option<Browser> {
        let node = Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        let modules = Path::new(BROWSER_DIR)
            .join("node_modules/playwright-core")
            .is_dir();
        if !(node && modules && Path::new(CHROMIUM).exists()) {
            if std::env::var("PDX_REQUIRE_BROWSER").as_deref() == Ok("1") {
                panic!(
                    "PDX_REQUIRE_BROWSER=1 but the browser tests cannot run: node {node}, node_modules {modules}, \
                     {CHROMIUM} {}",
                    Path::new(CHROMIUM).exists()
                );
            }
            println!("{SKIPPED}");
            eprintln!("{SKIPPED}");
            return None;
        }
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
            "preview-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create test dir");
        std::fs::create_dir_all(screenshots_dir()).expect("create screenshots dir");
        Some(Browser { dir })
    }

    /// A page path in this test's directory.
    pub(crate) fn page(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Runs `steps` on `page` (a file path or an http URL) and returns the report; checks every screenshot was
    /// written.
    pub(crate) fn drive(&self, page: impl AsRef<Path>, steps: Value) -> Value {
        let page = page.as_ref().display().to_string();
        let url = if page.starts_with("http") {
            page
        } else {
            format!("file://{page}")
        };
        self.drive_url(&url, steps)
    }

    pub(crate) fn drive_url(&self, url: &str, steps: Value) -> Value {
        let out = Command::new("node")
            .current_dir(BROWSER_DIR)
            .arg("drive.js")
            .arg(url)
            .arg(steps.to_string())
            .arg(screenshots_dir())
            .output()
            .expect("run node");
        assert!(
            out.status.success(),
            "drive.js failed on {url}:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&out.stdout).expect("drive.js prints JSON");
        for step in steps.as_array().into_iter().flatten() {
            if let Some(name) = step.get("screenshot").and_then(Value::as_str) {
                let png = screenshots_dir().join(format!("{name}.png"));
                let size = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
                assert!(size > 1000, "no screenshot at {}", png.display());
                println!("screenshot: {}", png.display());
            }
        }
        report
    }
}

/// Serves `router` (the app under preview) on a free loopback port, on its own thread; returns its base URL.
pub(crate) fn start_app(router: axum::Router) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    listener.set_nonblocking(true).expect("nonblocking");
    std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            axum::serve(listener, router).await.expect("serve");
        });
    });
    format!("http://{addr}")
}

/// `pdx preview serve`, stopped when dropped.
pub(crate) struct Serve {
    child: Child,
    /// The page's address as printed, `http://127.0.0.1:PORT/`.
    pub(crate) url: String,
}

impl Serve {
    /// Starts `pdx preview serve ARGS` and waits for the address it prints.
    pub(crate) fn start<I, S>(args: I) -> Serve
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let mut child = Command::new(env!("CARGO_BIN_EXE_pdx"))
            .args(["preview", "serve"])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("start pdx preview serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut serve = Serve {
            child,
            url: String::new(),
        };
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the address");
        serve.url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_owned();
        serve
    }

    /// `127.0.0.1:PORT`.
    pub(crate) fn authority(&self) -> &str {
        self.url.trim_start_matches("http://").trim_end_matches('/')
    }

    /// The port it serves on.
    pub(crate) fn port(&self) -> &str {
        self.authority().rsplit(':').next().unwrap_or_default()
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP answer, read off the wire.
pub(crate) struct Answer {
    pub(crate) status: u16,
    /// Header names in lower case.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: String,
}

/// Its status, headers and the start of its body (a page is long).
impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let body: String = self.body.chars().take(300).collect();
        f.debug_struct("Answer")
            .field("status", &self.status)
            .field("headers", &self.headers)
            .field("body", &body)
            .finish()
    }
}

impl Answer {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Sends one HTTP/1.1 request to `authority` (`127.0.0.1:PORT`) exactly as written: `headers` are sent as given
/// (a forged `Host` included), then `Connection: close` and, with a body, its length.
pub(crate) fn http(
    authority: &str,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut stream = TcpStream::connect(authority).expect("connect");
    let mut request = format!("{method} {target} HTTP/1.1\r\n");
    for (k, v) in headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("connection: close\r\n");
    if !body.is_empty() {
        request.push_str(&format!(
            "content-type: application/json\r\ncontent-length: {}\r\n",
            body.len()
        ));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).expect("send");
    let mut raw = String::new();
    stream.read_to_string(&mut raw).expect("read the answer");
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {raw:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_owned(),
    }
}

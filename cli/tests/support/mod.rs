//! Shared by the browser tests: finding Chromium and the node modules, running `pdx`, driving a page.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
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

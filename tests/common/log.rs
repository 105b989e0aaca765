//! Captures what pdx logs through `tracing` during one test, as plain text (no colours), so tests can assert
//! that a refused request's reason is logged and that no secret is.
#![allow(dead_code)] // each test file uses part of it

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use tracing_subscriber::util::SubscriberInitExt as _;

/// The text logged so far on this thread while the guard from [`capture`] lives.
#[derive(Clone, Default)]
pub(crate) struct Log(Arc<Mutex<Vec<u8>>>);

impl Log {
    /// Everything logged so far.
    pub(crate) fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Everything logged so far, clearing the buffer.
    pub(crate) fn take(&self) -> String {
        let mut bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        bytes.clear();
        text
    }

    /// Asserts that none of `secrets` appears in the log, nor any JWT (`eyJ…`, a base64url JSON header) or
    /// `token=` query.
    #[track_caller]
    pub(crate) fn assert_no_secret(&self, secrets: &[&str]) {
        let text = self.text();
        for secret in secrets {
            assert!(
                !text.contains(secret),
                "the log contains the secret `{secret}`:\n{text}"
            );
        }
        assert!(!text.contains("eyJ"), "the log contains a JWT:\n{text}");
        assert!(
            !text.contains("token="),
            "the log contains a token query:\n{text}"
        );
    }
}

struct Writer(Log);

impl Write for Writer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut bytes = (self.0).0.lock().unwrap_or_else(PoisonError::into_inner);
        bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Records every event (all levels) on this thread until the guard is dropped. `#[tokio::test]` runs on one
/// thread, so this sees everything the router logs while serving in process.
pub(crate) fn capture() -> (Log, impl Sized) {
    let log = Log::default();
    let sink = log.clone();
    let guard = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_max_level(tracing_subscriber::filter::LevelFilter::TRACE)
        .with_writer(move || Writer(sink.clone()))
        .finish()
        .set_default();
    (log, guard)
}

//! Captures what pdx logs through `tracing` during one test, as plain text (no colours), so tests can assert
//! that a refused request's reason is logged and that no secret is; and each record's fields exactly as pdx
//! handed them to `tracing` (before any formatter escapes anything), so tests can assert that pdx itself keeps
//! request values on one line whatever subscriber an app installs.
#![allow(dead_code)] // each test file uses part of it

use std::fmt::Write as _;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};
use tracing::field::{Field, Visit};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt as _};
use tracing_subscriber::util::SubscriberInitExt as _;

/// What was logged so far on this thread while the guard from [`capture`] lives.
#[derive(Clone, Default)]
pub(crate) struct Log(Arc<Mutex<Vec<u8>>>, Arc<Mutex<Vec<String>>>);

impl Log {
    /// Everything logged so far.
    pub(crate) fn text(&self) -> String {
        let bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// Everything logged so far, clearing the buffer (and the records).
    pub(crate) fn take(&self) -> String {
        self.1
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        let mut bytes = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        bytes.clear();
        text
    }

    /// Each record so far as `level target: field=value ...`, every value written exactly as pdx passed it
    /// (`record_str` included, which tracing-subscriber's formatter would quote and escape itself).
    pub(crate) fn records(&self) -> Vec<String> {
        self.1
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Asserts that every record, formatted as an app sees it and as pdx handed it to `tracing`, is one line
    /// without control characters (ANSI escapes included), Unicode line separators or bidi controls, and that
    /// there is at least one.
    #[track_caller]
    pub(crate) fn assert_one_line_records(&self) {
        let records = self.records();
        assert!(!records.is_empty(), "nothing was logged");
        for record in &records {
            if let Some(c) = record.chars().find(|c| is_line_breaking(*c)) {
                panic!("a record holds {c:?}: {record:?}");
            }
        }
        let text = self.text();
        assert_eq!(
            text.lines().count(),
            records.len(),
            "the formatted log has more lines than records:\n{text}"
        );
        for line in text.lines() {
            // The formatter starts every record with its RFC 3339 timestamp: a line without one is forged.
            let starts_a_record = line.len() > 20
                && line.as_bytes()[4] == b'-'
                && line.as_bytes()[10] == b'T'
                && line[..4].bytes().all(|b| b.is_ascii_digit());
            assert!(starts_a_record, "a line that starts no record: {line:?}");
            if let Some(c) = line.chars().find(|c| is_line_breaking(*c)) {
                panic!("a formatted line holds {c:?}: {line:?}");
            }
        }
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

/// Control characters, Unicode line and paragraph separators, and bidi controls: what lets a value break a log
/// line, forge one, drive a terminal or reorder what the reader sees.
pub(crate) fn is_line_breaking(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Keeps each event's fields as pdx handed them over.
struct Raw(Arc<Mutex<Vec<String>>>);

impl<S: tracing::Subscriber> Layer<S> for Raw {
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        let meta = event.metadata();
        let mut record = format!("{} {}:", meta.level(), meta.target());
        event.record(&mut RawFields(&mut record));
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(record);
    }
}

struct RawFields<'a>(&'a mut String);

impl Visit for RawFields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={value}", field.name());
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        // `%value` fields and the message arrive here as their `Display`, unescaped.
        let _ = write!(self.0, " {}={value:?}", field.name());
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
        .with(Raw(log.1.clone()))
        .set_default();
    (log, guard)
}

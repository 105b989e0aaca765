//! [`Untrusted`]: the one way pdx writes a value it did not choose itself — query, header and form values, the
//! path, token claims, Pipedrive's error bodies — into a log record, so that whoever sends a request cannot
//! forge log lines, hide text from the reader or drive the reader's terminal.

use std::fmt::{self, Write as _};

/// Longest text written for one [`Untrusted`] value, in bytes (its escapes included); the rest is counted, not
/// written. Request values are at most a URL (hyper refuses request lines over 64 KiB) or a body
/// ([`MAX_BODY_BYTES`](super::MAX_BODY_BYTES)): 4 KiB keeps a record readable and bounds what one request adds to
/// the log, while leaving room for a response check's report.
pub const MAX_LOGGED_BYTES: usize = 4096;

/// A value that came from outside the app (a request, or Pipedrive's answer), for a log record.
///
/// `Display` (and `Debug`) write it as one double-quoted line: `"` and `\` are escaped with a backslash;
/// newlines, carriage returns and tabs as `\n`, `\r`, `\t`; every other control character (ANSI `ESC` included)
/// and the characters that break or reorder a line on screen (Unicode line and paragraph separators, bidi
/// controls) as `\u{…}`, as [`char::escape_debug`] writes them. Past [`MAX_LOGGED_BYTES`] the text is cut and
/// the record says how many bytes were left out. So a record stays one line whatever subscriber formats it.
///
/// pdx wraps every such value it logs; wrap your own the same way (`tracing::warn!(invoker = %Untrusted(&invoker),
/// "…")`): the README's *Seeing the log* shows it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Untrusted<T>(pub T);

impl<T: fmt::Display> fmt::Display for Untrusted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('"')?;
        let mut escaper = Escaper {
            out: f,
            written: 0,
            omitted: 0,
        };
        write!(escaper, "{}", self.0)?;
        let omitted = escaper.omitted;
        f.write_char('"')?;
        if omitted > 0 {
            write!(f, " (+{omitted} bytes not logged)")?;
        }
        Ok(())
    }
}

impl<T: fmt::Display> fmt::Debug for Untrusted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Whether `c` must not reach a log record as itself: control characters (C0, DEL, C1), the Unicode line and
/// paragraph separators, and the bidi marks, embeddings, overrides and isolates.
fn is_escaped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Escapes what the inner value writes, keeping count of the bytes written and those left out.
struct Escaper<'a, 'f> {
    out: &'a mut fmt::Formatter<'f>,
    written: usize,
    omitted: usize,
}

impl Escaper<'_, '_> {
    fn push(&mut self, c: char, text: &str) -> fmt::Result {
        // Once one character did not fit, nothing after it is written (no gaps in the logged text).
        if self.omitted > 0 || self.written + text.len() > MAX_LOGGED_BYTES {
            self.omitted += c.len_utf8();
            return Ok(());
        }
        self.written += text.len();
        self.out.write_str(text)
    }
}

impl fmt::Write for Escaper<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let mut buffer = [0u8; 4];
        for c in s.chars() {
            match c {
                '"' => self.push(c, "\\\"")?,
                '\\' => self.push(c, "\\\\")?,
                '\n' => self.push(c, "\\n")?,
                '\r' => self.push(c, "\\r")?,
                '\t' => self.push(c, "\\t")?,
                c if is_escaped(c) => self.push(c, &format!("\\u{{{:x}}}", c as u32))?,
                c => self.push(c, c.encode_utf8(&mut buffer))?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_controls_and_bidi_are_escaped() {
        let hostile =
            "a\nb\rc\td\x1b[31me\u{7f}\u{85}f\u{2028}g\u{2029}h\u{202e}i\u{2066}j\u{200f}k\"l\\m";
        assert_eq!(
            Untrusted(hostile).to_string(),
            r#""a\nb\rc\td\u{1b}[31me\u{7f}\u{85}f\u{2028}g\u{2029}h\u{202e}i\u{2066}j\u{200f}k\"l\\m""#
        );
        assert_eq!(format!("{:?}", Untrusted("x\ny")), r#""x\ny""#);
        // Printable text of any script is kept as it is.
        assert_eq!(Untrusted("Ärger 数据 ✓").to_string(), "\"Ärger 数据 ✓\"");
    }

    #[test]
    fn long_values_are_cut_and_counted() {
        let long = "é".repeat(MAX_LOGGED_BYTES);
        let logged = Untrusted(&long).to_string();
        let kept = MAX_LOGGED_BYTES / 2;
        assert_eq!(
            logged,
            format!(
                "\"{}\" (+{} bytes not logged)",
                "é".repeat(kept),
                long.len() - kept * 2
            )
        );
        // An escape that does not fit whole is left out whole, and nothing after it is written.
        let edge = format!("{}\n{}", "a".repeat(MAX_LOGGED_BYTES - 1), "b");
        assert_eq!(
            Untrusted(&edge).to_string(),
            format!(
                "\"{}\" (+2 bytes not logged)",
                "a".repeat(MAX_LOGGED_BYTES - 1)
            )
        );
        assert_eq!(Untrusted("").to_string(), "\"\"");
    }

    #[test]
    fn any_display_is_escaped_as_it_streams() {
        struct Parts;
        impl fmt::Display for Parts {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                writeln!(f, "first")?;
                write!(f, "{}", 2)
            }
        }
        assert_eq!(Untrusted(Parts).to_string(), r#""first\n2""#);
    }
}

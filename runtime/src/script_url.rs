//! URLs that run code in the user's browser: `javascript:`, `data:` and `vbscript:`. Pipedrive opens the links of
//! panels and modals in the browser of the user who clicks them (a panel's `link` values, its external link and
//! settings link, the error state's action, a modal's success link and `open-url` button, markdown links), so one
//! of these in a file or a response would run whatever its author wrote, as the user, inside Pipedrive. Every check
//! refuses them with this one rule: the typed check and the schema check of panels, the modal checks.
//!
//! The URL is read as browsers read it (the WHATWG URL standard): leading spaces and control characters are
//! dropped, tabs and newlines anywhere are ignored, and the scheme's case does not matter, so ` \tJaVa\nScRiPt:`
//! is caught too.

use crate::problem::{Problems, Severity};

/// The schemes refused, lower case.
const SCRIPT_SCHEMES: [&str; 3] = ["javascript", "data", "vbscript"];

/// The longest scheme looked at: a longer one is none of [`SCRIPT_SCHEMES`].
const LONGEST: usize = 10;

/// The refused scheme `url` has, if any (`"javascript"`), read as a browser reads it.
pub(crate) fn script_scheme(url: &str) -> Option<&'static str> {
    let mut scheme = [0u8; LONGEST];
    let start = url.trim_start_matches(|c: char| c <= ' ');
    let read = start.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r'));
    for (len, c) in read.enumerate() {
        if c == ':' {
            let scheme = std::str::from_utf8(&scheme[..len]).ok()?;
            return SCRIPT_SCHEMES.into_iter().find(|s| *s == scheme);
        }
        if !c.is_ascii_alphabetic() || len == LONGEST {
            return None;
        }
        scheme[len] = c.to_ascii_lowercase() as u8;
    }
    None
}

/// An error at `at` when `url` has a refused scheme.
pub(crate) fn check_url(url: &str, at: &dyn Fn() -> String, problems: &mut Problems) {
    if let Some(scheme) = script_scheme(url) {
        problems.push_lazy(Severity::Error, at, || {
            format!(
                "a `{scheme}:` URL: Pipedrive opens this link in the user's browser, where `javascript:`, `data:` \
                 and `vbscript:` URLs run code; link to an `https:` page"
            )
        });
    }
}

/// An error at `at` for each link of the markdown `text` whose URL has a refused scheme: inline links
/// `[label](url)`, autolinks `<url>` and reference definitions `[label]: url`.
pub(crate) fn check_markdown(text: &str, at: &dyn Fn() -> String, problems: &mut Problems) {
    for_each_link(text, |url| {
        let decoded = decode_references(url);
        if let Some(scheme) = script_scheme(&decoded) {
            problems.push_lazy(Severity::Error, at, || {
                format!(
                    "a markdown link to a `{scheme}:` URL: Pipedrive opens it in the user's browser, where \
                     `javascript:`, `data:` and `vbscript:` URLs run code; link to an `https:` page"
                )
            });
        }
    });
}

/// Calls `found` with the destination of each markdown link of `text`, as written.
fn for_each_link(text: &str, mut found: impl FnMut(&str)) {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            // `[label](url)`, or `[label]: url` at the start of a line: the destination after the `(` or `:`.
            b']' if b.get(i + 1) == Some(&b'(')
                || (b.get(i + 1) == Some(&b':') && starts_line_with_bracket(text, i)) =>
            {
                let after = &text[i + 2..];
                let rest = after.trim_start_matches([' ', '\t', '\n', '\r']);
                let (url, len) = destination(rest);
                found(url);
                // Past the destination: a `<url>` in it is no autolink.
                i += 2 + (after.len() - rest.len()) + len;
            }
            // `<url>`: an autolink.
            b'<' => {
                let rest = &text[i + 1..];
                let end = rest.find(['>', ' ', '<', '\n']).unwrap_or(rest.len());
                if rest[end..].starts_with('>') {
                    found(&rest[..end]);
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
}

/// A link destination at the start of `rest` (`<...>`, or up to a space or an unbalanced `)`), and the bytes of
/// `rest` it takes.
fn destination(rest: &str) -> (&str, usize) {
    if let Some(inner) = rest.strip_prefix('<') {
        let end = inner.find(['>', '\n']).unwrap_or(inner.len());
        return (&inner[..end], (end + 2).min(rest.len()));
    }
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return (&rest[..i], i),
            ')' => depth -= 1,
            c if c.is_ascii_whitespace() => return (&rest[..i], i),
            _ => {}
        }
    }
    (rest, rest.len())
}

/// Whether the `]` at `close` ends a `[label]` that starts its line (after at most three spaces).
fn starts_line_with_bracket(text: &str, close: usize) -> bool {
    let line_start = text[..close].rfind('\n').map_or(0, |n| n + 1);
    let line = &text[line_start..close];
    let indented = line.trim_start_matches(' ');
    line.len() - indented.len() <= 3 && indented.starts_with('[')
}

/// Decodes the character references a markdown renderer decodes in a destination and that can spell a scheme
/// (`&#106;`, `&#x6A;`, `&colon;`, `&Tab;`, `&NewLine;`); any other text is kept as it is.
fn decode_references(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|n| *n <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ => name.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_schemes_as_browsers_read_them() {
        for (url, scheme) in [
            ("javascript:alert(1)", "javascript"),
            ("JaVaScRiPt:alert(1)", "javascript"),
            ("  \u{1}\u{1f}javascript:alert(1)", "javascript"),
            ("java\tscript:alert(1)", "javascript"),
            ("\njava\r\nscript:x", "javascript"),
            ("data:text/html;base64,PHNjcmlwdD4=", "data"),
            ("DATA:text/html,<b>", "data"),
            ("vbscript:msgbox", "vbscript"),
        ] {
            assert_eq!(script_scheme(url), Some(scheme), "{url:?}");
        }
        for url in [
            "https://example.com/javascript:",
            "/relative/javascript:x",
            "javascripts:x",
            "xjavascript:x",
            "java script:x",
            "\u{a0}javascript:x",
            "mailto:a@b.io",
            "data",
            "",
            "https://example.com/?u=data:x",
        ] {
            assert_eq!(script_scheme(url), None, "{url:?}");
        }
    }

    fn markdown_problems(text: &str) -> usize {
        let mut problems = Problems::new();
        check_markdown(text, &|| "/x".to_owned(), &mut problems);
        problems.len()
    }

    #[test]
    fn markdown_links_are_found() {
        assert_eq!(markdown_problems("[Open](javascript:alert(1))"), 1);
        assert_eq!(
            markdown_problems("**a** [Open]( <javascript:alert(1)> ) b"),
            1
        );
        assert_eq!(markdown_problems("<javascript:alert(1)>"), 1);
        assert_eq!(markdown_problems("[x]: data:text/html,hi\n\n[x]"), 1);
        assert_eq!(
            markdown_problems("[a](&#106;avascript:x) [b](&#x6A;avascript&colon;x)"),
            2
        );
        assert_eq!(markdown_problems("[a](java&Tab;script:x)"), 1);
        assert_eq!(
            markdown_problems("[Renew](https://app.example.com/billing) <https://x.io> a < b > c"),
            0
        );
        assert_eq!(markdown_problems("text ](  nothing"), 0);
        assert_eq!(
            markdown_problems("a ]: javascript:x in the middle of a line"),
            0
        );
    }
}

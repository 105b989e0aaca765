//! Problems found by pdx's checks: what is wrong, where (a JSON pointer into the checked document) and how bad.
//!
//! Every check in pdx (panel data structures and responses, modal schemas and responses) reports through
//! [`Problems`], so the library, the derives' tests and the `pdx validate` command line give the same answers.

use serde::Serialize;
use std::fmt;

/// How bad a problem is.
///
/// What makes Pipedrive refuse or break the extension ("Something went wrong…", a file Developer Hub refuses) is
/// an error; what Pipedrive only truncates, or what breaks one of its style recommendations, is a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Pipedrive shows "Something went wrong…" or refuses the file.
    Error,
    /// Pipedrive shows it, but truncated or against its style rules.
    Warning,
}

/// One problem: a severity, the JSON pointer (RFC 6901) of the offending place, and a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// JSON pointer of the offending value in the checked document; `""` is the whole document.
    pub pointer: String,
    /// What is wrong, in a sentence that names the expected form.
    pub message: String,
}

impl Problem {
    /// An error at `pointer`.
    pub fn error(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// A warning at `pointer`.
    pub fn warning(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The pointer as shown to people: the whole document (`""`) is shown as `/`.
    pub fn display_pointer(&self) -> &str {
        if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        }
    }
}

/// `/pointer: message`, or `/pointer: warning: message`.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}: {}", self.display_pointer(), self.message),
            Severity::Warning => write!(f, "{}: warning: {}", self.display_pointer(), self.message),
        }
    }
}

/// At most this many problems are reported by one check; the rest are counted in one final problem
/// ("… and 3 more problems"), so a huge bad document costs bounded memory and a readable report.
pub const MAX_REPORTED: usize = 100;

/// The problems one check found, in document order as far as the check can tell.
///
/// Holds at most [`MAX_REPORTED`] problems; past that, problems are counted, and the list ends with one more
/// problem at the whole document (`""`) saying how many were left out: an error when one of them is an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Problems {
    list: Vec<Problem>,
    #[serde(skip)]
    omitted: usize,
}

impl Problems {
    /// No problems.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an error at `pointer`.
    pub fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        if self.is_full() {
            self.omit(Severity::Error);
        } else {
            self.list.push(Problem::error(pointer, message));
        }
    }

    /// Adds a warning at `pointer`.
    pub fn warning(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        if self.is_full() {
            self.omit(Severity::Warning);
        } else {
            self.list.push(Problem::warning(pointer, message));
        }
    }

    /// Adds one problem.
    pub fn push(&mut self, problem: Problem) {
        if self.is_full() {
            self.omit(problem.severity);
        } else {
            self.list.push(problem);
        }
    }

    /// Adds a problem whose pointer and message are written only if it is reported (not past the cap).
    pub fn push_lazy(
        &mut self,
        severity: Severity,
        pointer: impl FnOnce() -> String,
        message: impl FnOnce() -> String,
    ) {
        if self.is_full() {
            self.omit(severity);
        } else {
            self.list.push(Problem {
                severity,
                pointer: pointer(),
                message: message(),
            });
        }
    }

    /// Whether [`MAX_REPORTED`] problems are held already: a check may then only count the next ones
    /// ([`omit`](Self::omit)) without writing their messages.
    pub fn is_full(&self) -> bool {
        self.omitted > 0 || self.list.len() >= MAX_REPORTED
    }

    /// Counts one problem that is not reported one by one (past [`MAX_REPORTED`]).
    pub fn omit(&mut self, severity: Severity) {
        self.omit_many(1, severity);
    }

    /// Counts `count` problems that are not reported one by one (past [`MAX_REPORTED`]).
    pub(crate) fn omit_many(&mut self, count: usize, severity: Severity) {
        if count == 0 {
            return;
        }
        if self.omitted == 0 {
            self.list.push(Problem::warning("", String::new()));
        }
        self.omitted += count;
        let more = if self.omitted == 1 {
            "problem"
        } else {
            "problems"
        };
        if let Some(last) = self.list.last_mut() {
            if severity == Severity::Error {
                last.severity = Severity::Error;
            }
            // Rewritten in place: the message's buffer is reused, so counting costs no allocation.
            last.message.clear();
            let _ = fmt::write(
                &mut last.message,
                format_args!(
                    "… and {} more {more} (pdx reports the first {MAX_REPORTED})",
                    self.omitted
                ),
            );
        }
    }

    /// Adds all problems of `other` (keeping its count of omitted problems).
    pub fn extend(&mut self, other: Problems) {
        let (list, omitted, severity) = other.split();
        for p in list {
            self.push(p);
        }
        self.omit_many(omitted, severity);
    }

    /// Adds the problems of `other`, whose pointers are relative to `prefix` in this document.
    pub fn extend_under(&mut self, prefix: &str, other: Problems) {
        let (list, omitted, severity) = other.split();
        for mut p in list {
            p.pointer = format!("{prefix}{}", p.pointer);
            self.push(p);
        }
        self.omit_many(omitted, severity);
    }

    /// Changes every reported problem in place (e.g. to point it into another document); the count of omitted
    /// problems, at the whole document, is kept as it is.
    pub fn map_pointers(&mut self, mut f: impl FnMut(&mut Problem)) {
        let reported = self.list.len() - usize::from(self.omitted > 0);
        self.list[..reported].iter_mut().for_each(&mut f);
    }

    /// Keeps the reported problems for which `keep` is true (e.g. to leave out those another report holds); the
    /// count of omitted problems, at the whole document, is kept as it is.
    pub fn retain(&mut self, mut keep: impl FnMut(&Problem) -> bool) {
        let summary = (self.omitted > 0).then(|| self.list.pop()).flatten();
        self.list.retain(|p| keep(p));
        self.list.extend(summary);
    }

    /// The reported problems, the number omitted and the summary's severity.
    fn split(mut self) -> (Vec<Problem>, usize, Severity) {
        let severity = match (self.omitted, self.list.pop()) {
            (0, Some(last)) => {
                self.list.push(last);
                Severity::Warning
            }
            (_, Some(summary)) => summary.severity,
            (_, None) => Severity::Warning,
        };
        (self.list, self.omitted, severity)
    }

    /// How many problems were found but not reported one by one.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// True when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        !self.has_errors()
    }

    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.list.iter().any(Problem::is_error)
    }

    /// True when there are no problems at all, warnings included.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Number of problems reported, warnings and the final count of omitted problems included.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.list.iter().filter(|p| p.is_error())
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.list.iter().filter(|p| !p.is_error())
    }

    /// All problems.
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.list.iter()
    }

    /// All problems, as a vector.
    pub fn into_vec(self) -> Vec<Problem> {
        self.list
    }

    /// Whether some problem sits exactly at `pointer` (handy in tests).
    pub fn has_at(&self, pointer: &str) -> bool {
        self.list.iter().any(|p| p.pointer == pointer)
    }

    /// `Ok(warnings)` when there is no error, else `Err(self)`.
    pub fn into_result(self) -> Result<Problems, Problems> {
        if self.is_valid() { Ok(self) } else { Err(self) }
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(v: Vec<Problem>) -> Self {
        v.into_iter().collect()
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl FromIterator<Problem> for Problems {
    fn from_iter<I: IntoIterator<Item = Problem>>(iter: I) -> Self {
        let mut problems = Problems::new();
        for p in iter {
            problems.push(p);
        }
        problems
    }
}

/// One problem per line, as `Display` of [`Problem`].
impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.list.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// A string as JSON writes it (quoted, escaped: a message stays on one line), cut after 40 characters with `…`
/// inside the quotes.
pub(crate) struct Quoted<'a>(pub(crate) &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(40) {
            Some((cut, _)) => {
                let json = serde_json::Value::from(&self.0[..cut]).to_string();
                write!(f, "{}…\"", &json[..json.len() - 1])
            }
            None => write!(f, "{}", serde_json::Value::from(self.0)),
        }
    }
}

/// Appends one reference token to a JSON pointer, escaping `~` and `/` as RFC 6901 says.
pub fn pointer_push(base: &str, token: impl fmt::Display) -> String {
    let token = token.to_string();
    let escaped = token.replace('~', "~0").replace('/', "~1");
    format!("{base}/{escaped}")
}

/// Builds a JSON pointer from reference tokens.
pub fn pointer<I, T>(tokens: I) -> String
where
    I: IntoIterator<Item = T>,
    T: fmt::Display,
{
    tokens
        .into_iter()
        .fold(String::new(), |acc, t| pointer_push(&acc, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        assert_eq!(pointer(["a/b", "c~d", "0"]), "/a~1b/c~0d/0");
        assert_eq!(pointer_push("", "x"), "/x");
        assert_eq!(pointer(Vec::<String>::new()), "");
    }

    #[test]
    fn display_marks_warnings_and_root() {
        let mut ps = Problems::new();
        ps.error("", "not an object");
        ps.warning("/data/0/note", "longer than 255 characters");
        assert_eq!(
            ps.to_string(),
            "/: not an object\n/data/0/note: warning: longer than 255 characters"
        );
        assert!(ps.has_errors());
        assert_eq!(ps.errors().count(), 1);
        assert_eq!(ps.warnings().count(), 1);
    }

    #[test]
    fn warnings_alone_are_valid() {
        let mut ps = Problems::new();
        ps.warning("/x", "truncated");
        assert!(ps.is_valid());
        assert!(!ps.is_empty());
        assert!(ps.clone().into_result().is_ok());
    }

    #[test]
    fn reports_are_capped_with_a_count() {
        let mut ps = Problems::new();
        for i in 0..MAX_REPORTED + 5 {
            ps.warning(pointer_push("/data", i), "truncated");
        }
        assert_eq!(ps.len(), MAX_REPORTED + 1);
        assert_eq!(ps.omitted(), 5);
        let last = ps.iter().last().cloned();
        assert_eq!(
            last.map(|p| (p.severity, p.pointer, p.message)),
            Some((
                Severity::Warning,
                String::new(),
                format!("… and 5 more problems (pdx reports the first {MAX_REPORTED})")
            ))
        );
        assert!(ps.is_valid());
        ps.error("/x", "bad");
        assert!(
            ps.has_errors(),
            "an omitted error still makes the check fail"
        );
        let mut outer = Problems::new();
        outer.error("/first", "bad");
        outer.extend(ps);
        assert_eq!(outer.len(), MAX_REPORTED + 1);
        assert_eq!(outer.omitted(), 7);
        assert!(outer.has_errors());
    }

    #[test]
    fn retain_keeps_the_count_of_omitted_problems() {
        let mut ps = Problems::new();
        for i in 0..MAX_REPORTED + 3 {
            ps.error(pointer_push("/a", i), "bad");
        }
        ps.retain(|p| p.pointer != "/a/0");
        assert_eq!(ps.len(), MAX_REPORTED);
        assert_eq!(ps.omitted(), 3);
        assert!(
            ps.iter()
                .last()
                .is_some_and(|p| p.pointer.is_empty() && p.is_error())
        );
        let mut few = Problems::new();
        few.warning("/x", "w");
        few.error("/y", "e");
        few.retain(Problem::is_error);
        assert_eq!(few.to_string(), "/y: e");
    }

    #[test]
    fn extend_under_prefixes_pointers() {
        let mut inner = Problems::new();
        inner.error("/label", "must be a string");
        let mut outer = Problems::new();
        outer.extend_under("/properties/blocks/properties/a", inner);
        assert!(outer.has_at("/properties/blocks/properties/a/label"));
    }
}

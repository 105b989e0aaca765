//! Problems found by pdx's checks: what is wrong, where (a JSON pointer into the checked document) and how bad.
//!
//! Every check in pdx (panel data structures and responses, modal schemas and responses) reports through
//! [`Problems`], so the library, the derives' tests and the `pdx validate` command line give the same answers.

use serde::Serialize;
use std::fmt;

/// How bad a problem is.
///
/// [DECIDED, `shared/spec/json-panels.md` §3 "Severity"]: what makes Pipedrive refuse or break the extension is an
/// error; what only gets truncated or breaks a style rule is a warning.
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

/// The problems one check found, in document order as far as the check can tell.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Problems(Vec<Problem>);

impl Problems {
    /// No problems.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds an error at `pointer`.
    pub fn error(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem::error(pointer, message));
    }

    /// Adds a warning at `pointer`.
    pub fn warning(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Problem::warning(pointer, message));
    }

    /// Adds one problem.
    pub fn push(&mut self, problem: Problem) {
        self.0.push(problem);
    }

    /// Adds all problems of `other`.
    pub fn extend(&mut self, other: Problems) {
        self.0.extend(other.0);
    }

    /// Adds the problems of `other`, whose pointers are relative to `prefix` in this document.
    pub fn extend_under(&mut self, prefix: &str, other: Problems) {
        self.0.extend(other.0.into_iter().map(|mut p| {
            p.pointer = format!("{prefix}{}", p.pointer);
            p
        }));
    }

    /// True when there is no error (warnings allowed).
    pub fn is_valid(&self) -> bool {
        !self.has_errors()
    }

    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Problem::is_error)
    }

    /// True when there are no problems at all, warnings included.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Number of problems, warnings included.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| p.is_error())
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter().filter(|p| !p.is_error())
    }

    /// All problems.
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.0.iter()
    }

    /// All problems, as a vector.
    pub fn into_vec(self) -> Vec<Problem> {
        self.0
    }

    /// Whether some problem sits exactly at `pointer` (handy in tests).
    pub fn has_at(&self, pointer: &str) -> bool {
        self.0.iter().any(|p| p.pointer == pointer)
    }

    /// `Ok(warnings)` when there is no error, else `Err(self)`.
    pub fn into_result(self) -> Result<Problems, Problems> {
        if self.is_valid() { Ok(self) } else { Err(self) }
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(v: Vec<Problem>) -> Self {
        Self(v)
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Problems {
    type Item = &'a Problem;
    type IntoIter = std::slice::Iter<'a, Problem>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl FromIterator<Problem> for Problems {
    fn from_iter<I: IntoIterator<Item = Problem>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// One problem per line, as `Display` of [`Problem`].
impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

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
    fn extend_under_prefixes_pointers() {
        let mut inner = Problems::new();
        inner.error("/label", "must be a string");
        let mut outer = Problems::new();
        outer.extend_under("/properties/blocks/properties/a", inner);
        assert!(outer.has_at("/properties/blocks/properties/a/label"));
    }
}

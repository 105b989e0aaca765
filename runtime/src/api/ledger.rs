//! Least privilege, checked: which scopes the app's calls needed against the scopes it declares.
//!
//! Where pdx's knowledge comes from, and its limits:
//! - **At run time**, every typed call (and every raw call that declares its scopes) is recorded in the
//!   [`ScopeLedger`] of the app's [`Installations`](crate::install::Installations), per process, with the scopes
//!   that allow it. After the app's tests have exercised its handlers, [`ScopeReport::of_calls`] (or
//!   [`App::scope_report`](crate::server::App::scope_report)) compares them with the declared scopes: a scope
//!   declared and needed by none of the calls made, a call no declared scope allows, a `:full` scope declared
//!   where only its `:read` scope was needed. The ledger sees only the calls that ran: a handler the tests do not
//!   reach, or a raw call without declared scopes (listed as unknown), is not accounted for.
//! - **Statically**, [`App::check`](crate::server::App::check) knows the endpoints the app lists with
//!   [`App::calls_api`](crate::server::App::calls_api): pdx cannot see into handlers, so it knows only what it is
//!   told (and, later, the events of the app's webhooks).

use super::endpoint::Endpoint;
use crate::scope::Scope;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Mutex, PoisonError};

/// What one call (or other use) needs: any one of `scopes`. Empty `scopes`: not known (a raw call that declared
/// none).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ScopeNeed {
    /// What needs it, e.g. `GET /api/v2/deals/{id}`.
    pub what: String,
    /// The scopes that allow it, any one of them.
    pub scopes: Vec<Scope>,
}

impl ScopeNeed {
    /// A need of `what` for any of `scopes`.
    pub fn new(what: impl Into<String>, scopes: impl IntoIterator<Item = Scope>) -> Self {
        Self {
            what: what.into(),
            scopes: scopes.into_iter().collect(),
        }
    }

    /// Whether a declared scope allows it.
    fn allowed_by(&self, declared: &[Scope]) -> bool {
        self.scopes
            .iter()
            .any(|s| *s == Scope::Base || declared.iter().any(|d| d.includes(s)))
    }
}

impl From<&Endpoint> for ScopeNeed {
    fn from(endpoint: &Endpoint) -> Self {
        ScopeNeed::new(endpoint.to_string(), endpoint.scopes().iter().cloned())
    }
}

/// Most distinct calls a ledger records; later ones only count (the set of a program's endpoints is small:
/// past this, something records per object).
const LEDGER_MAX: usize = 512;

/// The calls an app's clients made in this process, each with the scopes that allow it. Held by
/// [`Installations`](crate::install::Installations) ([`Installations::scope_ledger`](crate::install::Installations::scope_ledger)).
#[derive(Debug, Default)]
pub struct ScopeLedger {
    calls: Mutex<LedgerState>,
}

#[derive(Debug, Default)]
struct LedgerState {
    needs: BTreeMap<String, Vec<Scope>>,
    not_recorded: u64,
}

impl ScopeLedger {
    /// Records a call (`what`, e.g. `GET /api/v2/deals/{id}`) and the scopes that allow it (empty: unknown).
    pub(crate) fn record(&self, what: &str, scopes: &[Scope]) {
        let mut state = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        if state.needs.contains_key(what) {
            return;
        }
        if state.needs.len() >= LEDGER_MAX {
            state.not_recorded += 1;
            return;
        }
        state.needs.insert(what.to_owned(), scopes.to_vec());
    }

    /// The calls recorded, in order of their names.
    pub fn needs(&self) -> Vec<ScopeNeed> {
        let state = self.calls.lock().unwrap_or_else(PoisonError::into_inner);
        state
            .needs
            .iter()
            .map(|(what, scopes)| ScopeNeed::new(what.clone(), scopes.iter().cloned()))
            .collect()
    }
}

/// The app's declared scopes against what its calls needed. Its `Display` lists every finding with what to do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ScopeReport {
    /// Calls (or uses) no declared scope allows: they fail with "Scope and URL mismatch", or are refused by pdx
    /// before sending.
    pub undeclared: Vec<ScopeNeed>,
    /// Declared scopes none of the needs used (`base` never: it is always granted).
    pub unused: Vec<Scope>,
    /// Declared `:full` scopes whose uses all needed only the `:read` scope: `(declared, enough)`.
    pub broader_than_needed: Vec<(Scope, Scope)>,
    /// Calls whose scopes pdx does not know (raw calls that declared none): check them by hand.
    pub unknown: Vec<String>,
}

impl ScopeReport {
    /// Compares `declared` with `needs`. `unused` and `broader_than_needed` are only as complete as `needs`.
    pub fn new(
        declared: impl IntoIterator<Item = Scope>,
        needs: impl IntoIterator<Item = ScopeNeed>,
    ) -> Self {
        let declared: Vec<Scope> = declared
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let (known, unknown): (Vec<ScopeNeed>, Vec<ScopeNeed>) =
            needs.into_iter().partition(|n| !n.scopes.is_empty());
        let undeclared = known
            .iter()
            .filter(|n| !n.allowed_by(&declared))
            .cloned()
            .collect();
        let uses = |d: &Scope| -> Vec<&ScopeNeed> {
            known
                .iter()
                .filter(|n| n.scopes.iter().any(|s| d.includes(s)))
                .collect()
        };
        let mut unused = Vec::new();
        let mut broader_than_needed = Vec::new();
        for d in declared.iter().filter(|d| **d != Scope::Base) {
            let used_by = uses(d);
            if used_by.is_empty() {
                unused.push(d.clone());
            } else if let Some(read) = d.read_counterpart()
                && used_by
                    .iter()
                    .all(|n| n.scopes.iter().any(|s| read.includes(s)))
            {
                broader_than_needed.push((d.clone(), read));
            }
        }
        Self {
            undeclared,
            unused,
            broader_than_needed,
            unknown: unknown.into_iter().map(|n| n.what).collect(),
        }
    }

    /// Compares `declared` with the calls recorded in `ledger` (e.g. after the app's tests ran).
    pub fn of_calls(declared: impl IntoIterator<Item = Scope>, ledger: &ScopeLedger) -> Self {
        Self::new(declared, ledger.needs())
    }

    /// Whether nothing is undeclared, unused or broader than needed (unknown calls are not findings).
    pub fn is_clean(&self) -> bool {
        self.undeclared.is_empty() && self.unused.is_empty() && self.broader_than_needed.is_empty()
    }

    /// Panics with the report unless it [`is_clean`](Self::is_clean): an assertion for the end of an app's tests.
    #[track_caller]
    pub fn assert_clean(&self) {
        assert!(
            self.is_clean(),
            "the app's scopes do not match its calls:\n{self}"
        );
    }
}

impl fmt::Display for ScopeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for need in &self.undeclared {
            let scopes: Vec<String> = need.scopes.iter().map(|s| format!("`{s}`")).collect();
            writeln!(
                f,
                "- used but not declared: {} needs {}: declare it",
                need.what,
                scopes.join(" or ")
            )?;
        }
        for scope in &self.unused {
            writeln!(
                f,
                "- declared but unused: `{scope}`: remove it (ask for the fewest scopes)"
            )?;
        }
        for (declared, enough) in &self.broader_than_needed {
            writeln!(
                f,
                "- broader than needed: `{declared}` is declared, but every call that used it needs only \
                 `{enough}`: declare `{enough}` instead"
            )?;
        }
        for what in &self.unknown {
            writeln!(f, "- unknown: {what} declares no scope: check it by hand")?;
        }
        if self.is_clean() && self.unknown.is_empty() {
            writeln!(f, "the declared scopes are the ones the calls need")?;
        }
        Ok(())
    }
}

/// [`App::check`](crate::server::App::check)'s part: the needs pdx knows statically (the endpoints the app
/// lists with [`App::calls_api`](crate::server::App::calls_api)) against the registration's scopes. A need no
/// declared scope allows is an error; when the app lists its calls (`listed`), a declared scope none of them
/// uses, or a `:full` scope where `:read` is enough, is a warning. Without a registration there is nothing to
/// compare.
pub(crate) fn check_declared(
    registration: Option<&crate::hub::Registration>,
    needs: &[ScopeNeed],
    listed: bool,
) -> crate::problem::Problems {
    use crate::hub::registration_key as key;
    use crate::problem::pointer_push;
    let mut problems = crate::problem::Problems::new();
    let Some(registration) = registration else {
        return problems;
    };
    let declared: Vec<Scope> = registration
        .scopes()
        .iter()
        .map(|d| d.scope.clone())
        .collect();
    let report = ScopeReport::new(declared.iter().cloned(), needs.iter().cloned());
    let base = key::at(key::OAUTH, key::SCOPES);
    for need in &report.undeclared {
        let scopes: Vec<String> = need.scopes.iter().map(|s| format!("`{s}`")).collect();
        problems.error(
            base.clone(),
            format!(
                "{} needs {}, which the registration does not declare: add it with `Registration::scope`",
                need.what,
                scopes.join(" or ")
            ),
        );
    }
    if !listed {
        return problems;
    }
    let at = |scope: &Scope| {
        let index = declared.iter().position(|d| d == scope).unwrap_or_default();
        pointer_push(&pointer_push(&base, index), key::SCOPE)
    };
    for scope in &report.unused {
        problems.warning(
            at(scope),
            format!("`{scope}` is declared, but none of the calls the app lists with `App::calls_api` needs it: ask for the fewest scopes"),
        );
    }
    for (declared, enough) in &report.broader_than_needed {
        problems.warning(
            at(declared),
            format!("`{declared}` is declared, but the calls the app lists need only `{enough}`: declare `{enough}` instead"),
        );
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_tells_undeclared_unused_and_broader_apart() {
        let needs = [
            ScopeNeed::new("GET /api/v2/deals/{id}", [Scope::DealsRead]),
            ScopeNeed::new("GET /api/v2/persons/{id}", [Scope::ContactsRead]),
            ScopeNeed::new("GET /api/v1/users/me", [Scope::Base]),
            ScopeNeed::new("GET /api/v1/activityTypes", []),
        ];
        let report = ScopeReport::new([Scope::DealsFull, Scope::ProductsRead, Scope::Base], needs);
        assert_eq!(report.undeclared.len(), 1);
        assert_eq!(report.undeclared[0].what, "GET /api/v2/persons/{id}");
        assert_eq!(report.unused, [Scope::ProductsRead]);
        assert_eq!(
            report.broader_than_needed,
            [(Scope::DealsFull, Scope::DealsRead)]
        );
        assert_eq!(report.unknown, ["GET /api/v1/activityTypes"]);
        let text = report.to_string();
        assert!(
            text.contains("used but not declared: GET /api/v2/persons/{id} needs `contacts:read`"),
            "{text}"
        );
        assert!(
            text.contains("declared but unused: `products:read`"),
            "{text}"
        );
        assert!(
            text.contains(
                "`deals:full` is declared, but every call that used it needs only `deals:read`"
            ),
            "{text}"
        );
        assert!(!report.is_clean());

        let clean = ScopeReport::new(
            [Scope::DealsRead, Scope::ContactsRead],
            [
                ScopeNeed::new("GET /api/v2/deals/{id}", [Scope::DealsRead]),
                ScopeNeed::new("PATCH /api/v2/persons/{id}", [Scope::ContactsFull]),
            ],
        );
        assert_eq!(
            clean.undeclared.len(),
            1,
            "`contacts:read` does not allow a write"
        );
    }

    #[test]
    fn ledger_is_bounded_and_keeps_one_entry_per_call() {
        let ledger = ScopeLedger::default();
        for _ in 0..3 {
            ledger.record("GET /api/v2/deals/{id}", &[Scope::DealsRead]);
        }
        for i in 0..(LEDGER_MAX + 10) {
            ledger.record(&format!("GET /api/v1/x{i}"), &[]);
        }
        assert_eq!(ledger.needs().len(), LEDGER_MAX);
    }
}

//! Scopes that change after install: a user reauthorizes the app with the scopes it asks for now, and the
//! installation's next refresh answers them (Pipedrive's token answer carries `scope` on every refresh).

use super::FakePipedrive;
use super::tokens::Principal;
use crate::scope::Scope;

impl FakePipedrive {
    /// Grants `user` of `company` these scopes from the installation's next refresh on (`base` is always
    /// added). Panics when that user has not installed the app.
    pub fn regrant(&self, company: u64, user: u64, scopes: impl IntoIterator<Item = Scope>) {
        let app = self.app().scopes(scopes);
        let scope = app.scope_string();
        let done = self
            .shared
            .with(|w| w.grants.regrant(Principal { company, user }, &scope));
        assert!(
            done,
            "user {user} of company {company} has not installed the app"
        );
    }
}

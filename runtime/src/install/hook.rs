//! The app's say in an install: what happens once Pipedrive has installed the app for a user, and what a user
//! who must log in to the app first sees. This is where the three installation scenarios of Developer Hub's form
//! ("App installation flows": no account with the app, an account but logged out, logged in) are handled.

use super::page::page;
use crate::store::Installation;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::future::Future;
use std::pin::Pin;

/// The future an [`InstallHook`] returns.
pub type HookFuture<'a> = Pin<Box<dyn Future<Output = Response> + Send + 'a>>;

/// An install Pipedrive completed: the tokens are stored; the hook links them to the app's own account.
#[derive(Debug, Clone)]
pub struct Installed {
    /// The stored installation (company, user, `api_domain`, tokens).
    pub installation: Installation,
    /// The user's name, from `/users/me`.
    pub user_name: Option<String>,
    /// Where to send the user afterwards, when the app started the install with a resume URL (a path on the
    /// app, checked to be one: never another site).
    pub resume_url: Option<String>,
    /// Whether the app started this install in this browser, or the callback came with no state of the app's.
    pub origin: InstallOrigin,
    /// The callback request's headers (the app's session cookie tells whether the user is logged in).
    pub headers: HeaderMap,
}

/// Who started an install, as far as the app can tell. It decides whether the installation may be linked to
/// the account of whoever is logged in to the app in this browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InstallOrigin {
    /// The app's install start, in this browser: the `state` came back sealed with the app's key, unexpired and
    /// unused, and this browser holds the cookie the start set. The person logged in to the app here started
    /// it: link the installation to their account.
    StartedByApp,
    /// No `state`: Pipedrive's Marketplace (or Developer Hub's *Install & test*) started the install, or anyone
    /// who sent this browser to the callback with an authorization code of their own. Do not link it to the
    /// account logged in here without that user confirming (or logging in again): otherwise a link crafted with
    /// someone else's code connects their Pipedrive company to this account (account-linking CSRF).
    Marketplace,
}

/// Decides what the browser sees after an install. Implement it, or pass an async closure
/// `|installed: Installed| async move { ... }` (it handles [`installed`](Self::installed)).
///
/// The three scenarios of "App installation flows":
/// - the user is logged in to the app (its session cookie is in [`Installed::headers`]): when the app started
///   the install here ([`InstallOrigin::StartedByApp`]), link the installation's company and user ids to the
///   account, then redirect to the app (or to [`Installed::resume_url`]); when it did not
///   ([`InstallOrigin::Marketplace`]), ask the user to confirm the link (or to log in again) first;
/// - the user has an account but is logged out, or has none: keep the ids in the app's session, redirect to its
///   login or sign-up page, link them after login, then continue where the user was going. The installation is
///   already stored (the code had to be exchanged within its 5 minutes), so nothing is lost while the user logs
///   in.
///
/// Key accounts by company id and user id together, as Pipedrive recommends ("Getting user data"), not by email.
pub trait InstallHook: Send + Sync + 'static {
    /// Called after the tokens are stored. The default shows an "Installed" page, or redirects to the resume URL.
    fn installed(&self, installed: Installed) -> HookFuture<'_>;
}

/// The default hook: redirect to the resume URL when there is one, else an "Installed" page.
#[derive(Debug, Clone, Copy, Default)]
pub struct DefaultHook;

impl InstallHook for DefaultHook {
    fn installed(&self, installed: Installed) -> HookFuture<'_> {
        Box::pin(async move { default_installed(&installed) })
    }
}

impl<F, Fut> InstallHook for F
where
    F: Fn(Installed) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Response> + Send + 'static,
{
    fn installed(&self, installed: Installed) -> HookFuture<'_> {
        Box::pin(self(installed))
    }
}

/// What [`DefaultHook`] answers.
pub fn default_installed(installed: &Installed) -> Response {
    if let Some(url) = &installed.resume_url {
        return redirect(url);
    }
    page(
        StatusCode::OK,
        "Installed",
        "The app is installed in your Pipedrive company. You can close this tab and go back to Pipedrive.",
        None,
    )
}

/// `303 See Other` to `location`.
pub(crate) fn redirect(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [
            (header::LOCATION, location),
            (header::CACHE_CONTROL, "no-store"),
        ],
    )
        .into_response()
}

/// `true` for a resume URL pdx will redirect to: a path on this app (`/...`), not `//host` nor `/\host`, no
/// control characters. Anything else could send a user to another site after the install.
pub fn is_local_path(url: &str) -> bool {
    url.starts_with('/')
        && !url.starts_with("//")
        && !url.starts_with("/\\")
        && !url.chars().any(char::is_control)
        && url.len() <= 2048
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_resume_urls() {
        assert!(is_local_path("/link?dealId=1"));
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "link",
            "/a\nb",
            "",
        ] {
            assert!(!is_local_path(bad), "{bad:?}");
        }
    }
}

//! Link actions and custom UI: the user's browser arrives with signed query parameters (Pipedrive's docs,
//! *Link actions*: <https://pipedrive.readme.io/docs/app-extensions-actions>, and *Custom UI for app
//! extensions*). Served through [`crate::server::App`], a request is verified by the extension layer before the
//! handler runs; [`verify_signed_query`] does the same for a page served by something else.
//!
//! Pipedrive's *Link actions* page shows no `token` parameter, but Developer Hub's form has a JWT secret field,
//! so pdx verifies the token by default; an action can turn that off only with
//! [`crate::hub::LinkActionExtension::insecure_skip_token_verification`].
//!
//! A link action is a browser GET, so its whole selection travels in the URL: `selectedIds` lists every picked
//! row. Hyper refuses request lines over 64 KiB before any handler runs (the browser then shows an error), which
//! is roughly 9,000 seven-digit ids. A user who picks more rows than that should use the list's "select all":
//! Pipedrive then sends `selectedIds` empty with the list's `filter` and the deselected `excludedIds`, which pdx
//! gives the handler as [`Selection::AllMatching`](crate::context::Selection::AllMatching) to resolve through
//! Pipedrive's API.

use axum::http::HeaderMap;

use crate::auth::{AuthConfig, JwtSecret, PipedriveUser, Rejection};
use crate::context::{RequestContext, Surface};

/// Verifies the signed parameters of a full URL or query string (for pages not served through
/// [`crate::server::App`], e.g. a page that receives Pipedrive's redirect in another framework).
pub fn verify_signed_query(
    query: &str,
    secret: &JwtSecret,
) -> Result<(PipedriveUser, RequestContext), Rejection> {
    let query = query.split_once('?').map_or(query, |(_, q)| q);
    let auth = AuthConfig {
        surface: Surface::LinkAction,
        jwt_secret: secret.clone(),
        basic: None,
    };
    match auth.verify_request(query, &HeaderMap::new(), true)? {
        (Some(user), context) => Ok((user, context)),
        // `verify_request` with `verify_token` always yields a user or an error.
        (None, _) => Err(Rejection::unauthorized(
            auth.surface,
            &crate::auth::AuthError::MissingCredentials,
        )),
    }
}

//! Link actions and custom UI: the user's browser arrives with signed query parameters
//! (`shared/spec/json-modals.md` §6.2, §6.3). pdx verifies the `token` with the same rules as panels and modals
//! ([`crate::auth::verify_token`]) and hands the handler the parsed selection (ids, or select-all as filter
//! minus exclusions) and, for custom UI, the SDK's `id`.
//!
//! [INFERRED, `json-modals.md` §6.2]: the link-action docs show no `token` parameter, but the form has a JWT
//! secret field, so Pipedrive very likely signs the redirect. Verification is on by default; an action can turn
//! it off only with [`crate::app::LinkActionExtension::insecure_skip_token_verification`].

use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode};

use crate::auth::{AuthConfig, JwtSecret, PipedriveUser, Rejection};
use crate::context::{ContextError, QueryParams, RequestContext, Surface};

/// Verifies a link-action request: the token (unless `verify` is false), then the context.
pub fn verify_request(
    auth: &AuthConfig,
    verify: bool,
    req: &Request,
) -> Result<(Option<PipedriveUser>, RequestContext), Rejection> {
    let surface = auth.surface;
    let params = QueryParams::parse(req.uri().query().unwrap_or_default())
        .map_err(|e| Rejection::from((surface, e)))?;
    let user = if verify {
        Some(
            auth.verify(req.headers(), &params)
                .map_err(|e| Rejection::unauthorized(surface, &e))?,
        )
    } else {
        None
    };
    let context =
        RequestContext::from_params(&params).map_err(|e| Rejection::from((surface, e)))?;
    Ok((user, context))
}

/// Verifies a custom UI iframe request: the token, then the context, which must carry the SDK's `id`.
pub fn verify_custom_ui(
    auth: &AuthConfig,
    req: &Request,
) -> Result<(PipedriveUser, String, RequestContext), Rejection> {
    let (user, context) = verify_request(auth, true, req)?;
    let user = user
        .ok_or_else(|| Rejection::new(auth.surface, StatusCode::UNAUTHORIZED, "missing `token`"))?;
    let Some(id) = context.id.clone() else {
        let e = ContextError {
            parameter: "id",
            message: "required: the App Extensions SDK needs it".into(),
        };
        return Err(Rejection::from((auth.surface, e)));
    };
    Ok((user, id, context))
}

/// Verifies the signed parameters of a full URL or query string (for apps not using [`crate::app::App`], e.g. a
/// page that receives Pipedrive's redirect in another framework).
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
    let params = QueryParams::parse(query).map_err(|e| Rejection::from((auth.surface, e)))?;
    let user = auth
        .verify(&HeaderMap::new(), &params)
        .map_err(|e| Rejection::unauthorized(auth.surface, &e))?;
    let context =
        RequestContext::from_params(&params).map_err(|e| Rejection::from((auth.surface, e)))?;
    Ok((user, context))
}

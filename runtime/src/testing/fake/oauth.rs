//! Pipedrive's OAuth server ("OAuth authorization", "OAuth status codes"): `/oauth/authorize` (the consent
//! screen: redirects to the app's callback with `code` and `state`, or `error=user_denied`), `/oauth/token`
//! (`authorization_code`, `refresh_token`, `exchange_api_token`; the app's Basic credentials checked; the
//! messages of "OAuth status codes") and `/oauth/revoke` (RFC 7009: 200 even for an unknown token).
//!
//! Who consents is the user logged in at Pipedrive in the test's browser: a session cookie the one-call
//! install sends ([`SESSION_COOKIE`]), else the fake's session ([`FakePipedrive::log_in`]).
//!
//! [`FakePipedrive::log_in`]: super::FakePipedrive::log_in

use super::answer::{html, oauth_error};
use super::gate::oauth_gate;
use super::tokens::{CodeRefusal, Issued, Principal};
use super::world::{Shared, World};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use base64::Engine as _;
use serde_json::json;
use std::collections::HashMap;
use subtle::ConstantTimeEq as _;

/// The cookie naming the Pipedrive user logged in at the fake (`<company id>:<user id>`).
pub const SESSION_COOKIE: &str = "pdx_fake_pipedrive_session";

pub(super) fn router(shared: Shared) -> Router {
    Router::new()
        .route("/oauth/authorize", get(authorize))
        .route("/oauth/token", post(token))
        .route("/oauth/revoke", post(revoke))
        .route_layer(from_fn_with_state(shared.clone(), oauth_gate))
        .with_state(shared)
}

fn params(text: &str) -> HashMap<String, String> {
    form_urlencoded::parse(text.as_bytes())
        .into_owned()
        .collect()
}

/// The session cookie's principal, if the browser sent one.
fn session(headers: &HeaderMap) -> Option<Principal> {
    let cookies = headers.get(header::COOKIE)?.to_str().ok()?;
    let value = cookies
        .split(';')
        .find_map(|c| c.trim().strip_prefix(SESSION_COOKIE)?.strip_prefix('='))?;
    let (company, user) = value.split_once(':')?;
    Some(Principal {
        company: company.parse().ok()?,
        user: user.parse().ok()?,
    })
}

async fn authorize(
    State(shared): State<Shared>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    let query = params(query.as_deref().unwrap_or_default());
    let get = |k: &str| query.get(k).map(String::as_str);
    shared.with(|world| {
        if get("client_id") != Some(world.app.client_id.as_str()) {
            return html(
                StatusCode::BAD_REQUEST,
                "<h1>App cannot be installed for requested company</h1>",
            );
        }
        let Some(redirect_uri) = get("redirect_uri").filter(|u| *u == world.app.callback_url)
        else {
            return html(
                StatusCode::BAD_REQUEST,
                "<h1>Invalid request: redirect_uri is invalid</h1>",
            );
        };
        let principal = session(&headers).unwrap_or(world.settings.session);
        let known = world.companies.get(&principal.company).is_some_and(|c| {
            c.objects
                .get(super::Entity::User, &principal.user.to_string())
                .is_some()
        });
        if !known {
            return html(
                StatusCode::BAD_REQUEST,
                "<h1>App cannot be installed for requested company</h1>",
            );
        }
        let mut back = form_urlencoded::Serializer::new(String::new());
        if world.settings.decline_next > 0 {
            world.settings.decline_next -= 1;
            back.append_pair("error", "user_denied");
        } else {
            back.append_pair("code", &world.grants.new_code(principal, redirect_uri));
        }
        if let Some(state) = get("state") {
            back.append_pair("state", state);
        }
        let location = format!("{redirect_uri}?{}", back.finish());
        (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
    })
}

/// `Ok` when the Basic credentials are the app's; else Pipedrive's `invalid_client` answer.
fn check_client(world: &World, headers: &HeaderMap) -> Result<(), Response> {
    let Some(encoded) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
    else {
        return Err(oauth_error(
            "invalid_client",
            "Invalid client: cannot retrieve client credentials",
        ));
    };
    let expected = format!("{}:{}", world.app.client_id, world.app.client_secret);
    let given = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .unwrap_or_default();
    if bool::from(given.ct_eq(expected.as_bytes())) {
        Ok(())
    } else {
        Err(oauth_error(
            "invalid_client",
            "Invalid client: client is invalid",
        ))
    }
}

/// The token endpoint's answer for issued tokens.
fn issued(world: &World, issued: &Issued) -> Response {
    let api_domain = world
        .companies
        .get(&issued.principal.company)
        .map(|c| c.api_domain.clone());
    axum::Json(json!({
        "access_token": issued.access_token,
        "token_type": "bearer",
        "refresh_token": issued.refresh_token,
        "scope": issued.scope,
        "expires_in": issued.expires_in,
        "api_domain": api_domain,
    }))
    .into_response()
}

async fn token(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let form_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if !form_type {
        return oauth_error(
            "invalid_request",
            "Invalid request: content must be application/x-www-form-urlencoded",
        );
    }
    let form = params(&String::from_utf8_lossy(&body));
    let get = |k: &str| form.get(k).map(String::as_str);
    shared.with(|world| {
        if let Err(refusal) = check_client(world, &headers) {
            return refusal;
        }
        let (scope, expires_in) = (world.app.scope_string(), world.settings.expires_in);
        let result = match get("grant_type") {
            None => return oauth_error("invalid_request", "Missing parameter: `grant_type`"),
            Some("authorization_code") => {
                let lifetime = world.settings.code_lifetime;
                match world.grants.take_code(
                    get("code").unwrap_or_default(),
                    get("redirect_uri"),
                    lifetime,
                ) {
                    Ok(principal) => Ok(world.grants.install(principal, &scope, expires_in)),
                    Err(CodeRefusal::Invalid) => Err((
                        "invalid_grant",
                        "Invalid grant: authorization code is invalid",
                    )),
                    Err(CodeRefusal::Expired) => Err((
                        "invalid_grant",
                        "Invalid grant: authorization code has expired",
                    )),
                    Err(CodeRefusal::RedirectUri) => Err((
                        "invalid_request",
                        "Invalid request: redirect_uri is invalid",
                    )),
                }
            }
            Some("refresh_token") => world
                .grants
                .refresh(get("refresh_token").unwrap_or_default(), expires_in)
                .ok_or(("invalid_grant", "Invalid grant: refresh token is invalid")),
            Some("exchange_api_token") => world
                .grants
                .exchange_api_token(get("api_token").unwrap_or_default(), &scope, expires_in)
                .ok_or(("invalid_grant", "Invalid grant: api_token is invalid")),
            Some(_) => Err((
                "unsupported_grant_type",
                "Unsupported grant type: `grant_type` is invalid",
            )),
        };
        match result {
            Ok(tokens) => issued(world, &tokens),
            Err((code, message)) => oauth_error(code, message),
        }
    })
}

async fn revoke(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let form = params(&String::from_utf8_lossy(&body));
    shared.with(|world| {
        if let Err(refusal) = check_client(world, &headers) {
            return refusal;
        }
        let Some(token) = form.get("token") else {
            return oauth_error("invalid_request", "Missing parameter: `token`");
        };
        if let Some(principal) = world.grants.revoke(token) {
            world.uninstalled(principal);
        }
        StatusCode::OK.into_response()
    })
}

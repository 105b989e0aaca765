//! Pipedrive's answer shapes, written once: the success envelope (`success`, `data`, `additional_data`) and the
//! error bodies of "Responses" and "OAuth status codes" in Pipedrive's docs
//! (<https://pipedrive.readme.io/docs/core-api-concepts-responses>,
//! <https://pipedrive.readme.io/docs/marketplace-oauth-and-api-proxy-status-codes>).
//!
//! Where the docs show no body, the fake uses the generic error shape (`success: false`, `error`, `error_info`,
//! `data: null`, `additional_data: null`); validation errors add an `errors` map from the parameter to its
//! messages, the shape the webhooks API documents, so a client reading either field finds what was wrong.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// `error_info` of every error body, as Pipedrive sends it.
pub(super) const ERROR_INFO: &str = "Please check developers.pipedrive.com";
/// The 401 message of an unknown, expired or revoked token (the fake's wording; Pipedrive's docs give
/// `unauthorized access` and `Invalid token: access_token is invalid` for the same case).
pub(super) const UNAUTHORIZED: &str = "unauthorized access";
/// The 403 message of a call outside the token's scopes.
pub(super) const SCOPE_MISMATCH: &str = "Scope and URL mismatch";
/// The 429 message of both rate limits.
pub(super) const OVER_LIMIT: &str = "Request over limit";

/// 200 with `data` and no `additional_data`.
pub(super) fn ok(data: Value) -> Response {
    Json(json!({"success": true, "data": data})).into_response()
}

/// 200 with `data` and `additional_data` (lists: `next_cursor` or `pagination`).
pub(super) fn ok_list(data: Value, additional_data: Value) -> Response {
    Json(json!({"success": true, "data": data, "additional_data": additional_data})).into_response()
}

/// 201 with `data` (v1 creates that Pipedrive answers 201: leads, webhooks).
pub(super) fn created(data: Value) -> Response {
    (
        StatusCode::CREATED,
        Json(json!({"status": "ok", "success": true, "data": data})),
    )
        .into_response()
}

/// The generic error body.
pub(super) fn error_body(status: u16, message: &str) -> Value {
    json!({
        "success": false,
        "error": message,
        "errorCode": status,
        "error_info": ERROR_INFO,
        "data": null,
        "additional_data": null,
    })
}

/// An error answer in the generic shape.
pub(super) fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(error_body(status.as_u16(), message))).into_response()
}

/// The 400 body naming the parameter (or body field) that is wrong.
pub(super) fn invalid_body(parameter: &str, message: &str) -> Value {
    let mut body = error_body(400, &format!("Validation failed: {parameter}: {message}"));
    body["errors"] = json!({ parameter: [message] });
    body
}

/// 400 naming the parameter (or body field) that is wrong.
pub(super) fn invalid(parameter: &str, message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(invalid_body(parameter, message)),
    )
        .into_response()
}

/// 404 `<Resource> not found`.
pub(super) fn not_found(resource: &str) -> Response {
    error(StatusCode::NOT_FOUND, &format!("{resource} not found"))
}

/// 401 for an unknown, expired or revoked token.
pub(super) fn unauthorized() -> Response {
    error(StatusCode::UNAUTHORIZED, UNAUTHORIZED)
}

/// 403 for a call outside the token's scopes.
pub(super) fn scope_mismatch() -> Response {
    error(StatusCode::FORBIDDEN, SCOPE_MISMATCH)
}

/// 429 for either rate limit.
pub(super) fn over_limit() -> Response {
    error(StatusCode::TOO_MANY_REQUESTS, OVER_LIMIT)
}

/// The HTML page Cloudflare answers (403) to integrations that keep calling after 429s ("Rate limiting").
pub(super) const CLOUDFLARE_PAGE: &str = "<!DOCTYPE html>\n<html><head><title>Attention Required! | Cloudflare</title></head>\
<body><h1>Sorry, you have been blocked</h1><p>You are unable to access pipedrive.com</p></body></html>\n";

/// An HTML answer.
pub(super) fn html(status: StatusCode, page: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page.to_owned(),
    )
        .into_response()
}

/// An OAuth server error: `{"success": false, "message": ..., "error": <code>}` (the body Pipedrive's own
/// client tests use), 400 unless said otherwise.
pub(super) fn oauth_error(code: &str, message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(json!({"success": false, "message": message, "error": code})),
    )
        .into_response()
}

//! Turning what handlers return into HTTP responses: panels and modals are checked against their uploaded file
//! while they are serialized, and the result of the check travels with the response to the endpoint layer,
//! which enforces it ([`super::ResponseChecks`]). Error bodies have each surface's shape; pages in the user's
//! browser (link actions, custom UI) get HTML, never JSON.

use crate::context::Surface;
use crate::modal::{JsonModal, ModalReply, ReplyKind};
use crate::panel::{CheckedJson, JsonPanel, PanelError, PanelResponse};
use crate::problem::Problems;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

/// The check of a response body against its uploaded file, attached to the response for the endpoint layer.
#[derive(Debug, Clone)]
pub(crate) struct CheckedBody {
    pub(crate) problems: Problems,
}

/// A JSON body that was checked: `bytes` with the check's problems attached.
fn checked_json(status: StatusCode, bytes: Vec<u8>, problems: Problems) -> Response {
    let mut response = (status, bytes).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    // Only a body with problems carries its check: a clean one costs the endpoint layer nothing.
    if !problems.is_empty() {
        response.extensions_mut().insert(CheckedBody { problems });
    }
    response
}

fn serialize_failure(surface: Surface, e: &serde_json::Error) -> Response {
    tracing::error!(error = %super::Untrusted(e), "cannot serialize the response");
    error_response(
        surface,
        StatusCode::INTERNAL_SERVER_ERROR,
        "The app could not build its answer.",
    )
}

/// The answer of a JSON panel endpoint, checked against `T`'s data structure in the same pass that serializes
/// it: the type already guarantees the shape, so only values are checked, and no `serde_json::Value` is built.
impl<T: JsonPanel> IntoResponse for PanelResponse<T> {
    fn into_response(self) -> Response {
        let CheckedJson { bytes, problems } = self.to_checked_json();
        checked_json(StatusCode::OK, bytes, problems)
    }
}

/// The panel's error state, with its own status ([`PanelError::with_status`]) or [`super::PANEL_ERROR_STATUS`].
impl IntoResponse for PanelError {
    fn into_response(self) -> Response {
        let status = self
            .status()
            .and_then(|s| StatusCode::from_u16(s).ok())
            .filter(|s| s.is_client_error() || s.is_server_error())
            .unwrap_or(super::PANEL_ERROR_STATUS);
        let CheckedJson { bytes, problems } = self.to_checked_json();
        checked_json(status, bytes, problems)
    }
}

/// The answer of a JSON modal endpoint, checked against `M`'s schema, with the status Pipedrive expects.
impl<M: JsonModal> IntoResponse for ModalReply<M> {
    fn into_response(self) -> Response {
        let (status, response) = match self.kind() {
            ReplyKind::Json(status, response) => (status, response),
            ReplyKind::Redirect(url) => return Redirect::to(url).into_response(),
            ReplyKind::Page(html) => return Html(html.to_owned()).into_response(),
        };
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
        let value = match serde_json::to_value(response) {
            Ok(v) => v,
            Err(e) => return serialize_failure(Surface::Modal, &e),
        };
        let problems = M::schema().check_response(&value);
        match serde_json::to_vec(&value) {
            Ok(bytes) => checked_json(status, bytes, problems),
            Err(e) => serialize_failure(Surface::Modal, &e),
        }
    }
}

/// A modal's global error, HTTP 400.
pub(crate) fn modal_error_response(error: crate::modal::GlobalError) -> Response {
    match serde_json::to_vec(&error) {
        Ok(bytes) => checked_json(StatusCode::BAD_REQUEST, bytes, Problems::new()),
        Err(e) => serialize_failure(Surface::Modal, &e),
    }
}

/// The surface's error body: the panel error state, a modal's global error, or an HTML page for the user's
/// browser.
pub(crate) fn error_response(surface: Surface, status: StatusCode, message: &str) -> Response {
    if surface.is_browser_page() {
        (status, Html(error_page(status, message))).into_response()
    } else {
        (
            status,
            axum::Json(surface.error_body(status.as_u16(), message)),
        )
            .into_response()
    }
}

/// A small self-contained HTML page for the user's browser.
pub(crate) fn error_page(status: StatusCode, message: &str) -> String {
    let title = status.canonical_reason().unwrap_or("Error");
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;color:#192435}}</style>\
         </head><body><h1>{title}</h1><p>{}</p></body></html>",
        escape_html(message)
    )
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl IntoResponse for crate::auth::Rejection {
    fn into_response(self) -> Response {
        error_response(self.surface(), self.status(), self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        let page = error_page(StatusCode::UNAUTHORIZED, "<script>");
        assert!(page.contains("&lt;script&gt;") && !page.contains("<script>"));
    }
}

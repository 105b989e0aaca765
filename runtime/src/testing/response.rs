//! A whole answer of the app, read back for assertions.

use axum::body::Bytes;
use axum::http::HeaderMap;
use serde_json::Value;

/// A whole answer: status, headers, body.
#[derive(Debug, Clone)]
pub struct TestResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl TestResponse {
    pub(crate) fn new(status: u16, headers: HeaderMap, body: Bytes) -> Self {
        Self {
            status,
            headers,
            body,
        }
    }

    /// The status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every `Set-Cookie` header's value, in order.
    pub fn set_cookies(&self) -> Vec<&str> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect()
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON; panics (naming the body) when it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("response body is not JSON ({e}): {}", self.text()))
    }

    /// Asserts the status (showing the body on failure) and returns the JSON body.
    #[track_caller]
    pub fn assert_json(&self, status: u16) -> Value {
        assert_eq!(
            self.status,
            status,
            "unexpected status; body: {}",
            self.text()
        );
        let content_type = self.header("content-type").unwrap_or_default();
        assert!(
            content_type.starts_with("application/json"),
            "content-type is `{content_type}`"
        );
        self.json()
    }

    /// Asserts a page for the user's browser (link actions, custom UI, `open-url`): the status and an HTML body,
    /// which it returns.
    #[track_caller]
    pub fn assert_html(&self, status: u16) -> String {
        let text = self.text();
        assert_eq!(self.status(), status, "unexpected status; body: {text}");
        let content_type = self.header("content-type").unwrap_or_default();
        assert!(
            content_type.starts_with("text/html"),
            "a browser page gets HTML, not `{content_type}`: {text}"
        );
        text
    }

    /// Asserts an error answer: the status, a JSON body with an `error` object, and returns that object.
    #[track_caller]
    pub fn assert_error(&self, status: u16) -> Value {
        let body = self.assert_json(status);
        match body.get("error") {
            Some(Value::Object(e)) => Value::Object(e.clone()),
            _ => panic!("expected an `error` object in {body}"),
        }
    }
}

//! The uninstall notice: after a user uninstalls the app, Pipedrive's OAuth server sends a JSON `DELETE` to the
//! callback URL with HTTP Basic `client_id:client_secret` and `{client_id, company_id, user_id, timestamp}`
//! ("Handling user app uninstallation"). pdx checks the credentials in constant time and deletes the
//! installation's tokens; later extension requests of that user answer 401 (Pipedrive's reconnect screen).

use super::Installations;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use serde::Deserialize;
use serde_json::{Value, json};
use subtle::ConstantTimeEq;

/// The body of the notice. Ids may come as numbers or strings; unknown fields are ignored.
#[derive(Debug, Deserialize)]
struct UninstallNotice {
    client_id: Value,
    company_id: Value,
    user_id: Value,
}

impl Installations {
    pub(super) async fn uninstall(&self, headers: &HeaderMap, body: &[u8]) -> Response {
        if !self.basic_matches(headers) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Basic realm=\"pdx\"")],
                axum::Json(
                    json!({"error": {"message": "wrong or missing HTTP Basic credentials"}}),
                ),
            )
                .into_response();
        }
        let notice: UninstallNotice = match serde_json::from_slice(body) {
            Ok(n) => n,
            Err(e) => {
                return bad_request(&format!(
                    "the uninstall body is not the documented JSON: {e}"
                ));
            }
        };
        let (Some(client_id), Some(company_id), Some(user_id)) = (
            id_text(&notice.client_id),
            id_text(&notice.company_id),
            id_text(&notice.user_id),
        ) else {
            return bad_request(
                "`client_id`, `company_id` and `user_id` must be strings or integers",
            );
        };
        if client_id != self.inner.config.client_id {
            return bad_request("`client_id` is not this app's");
        }
        match self
            .inner
            .store
            .delete_installation(&company_id, &user_id)
            .await
        {
            Ok(deleted) => {
                tracing::info!(
                    company_id = %crate::server::Untrusted(&company_id),
                    user_id = %crate::server::Untrusted(&user_id),
                    deleted,
                    "app uninstalled by the user"
                );
                (StatusCode::OK, axum::Json(json!({"success": true}))).into_response()
            }
            Err(e) => {
                tracing::error!(
                    "cannot delete the installation: {}",
                    crate::server::Untrusted(&e)
                );
                StatusCode::SERVICE_UNAVAILABLE.into_response()
            }
        }
    }

    /// `Authorization: Basic base64(client_id:client_secret)`, compared in constant time.
    fn basic_matches(&self, headers: &HeaderMap) -> bool {
        let Some(encoded) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Basic ")
                    .or_else(|| v.strip_prefix("basic "))
            })
        else {
            return false;
        };
        let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
            return false;
        };
        let config = &self.inner.config;
        let expected = format!("{}:{}", config.client_id, config.client_secret);
        bool::from(decoded.ct_eq(expected.as_bytes()))
    }
}

fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) if n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

fn bad_request(message: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        axum::Json(json!({"error": {"message": message}})),
    )
        .into_response()
}

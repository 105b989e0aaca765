//! The API client of one installation.

use super::types::{Envelope, is_custom_field_key};
use super::{ApiError, Deal, Organization, Person, REFRESH_MARGIN_SECS, User};
use crate::install::Installations;
use crate::store::{Installation, now_secs};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// Calls Pipedrive's API as one user of one company, at the company's `api_domain`.
#[derive(Clone)]
pub struct Client {
    installations: Installations,
    installation: Arc<Mutex<Installation>>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("installation", &*self.current())
            .finish_non_exhaustive()
    }
}

impl Client {
    pub(crate) fn new(installations: Installations, installation: Installation) -> Self {
        Self {
            installations,
            installation: Arc::new(Mutex::new(installation)),
        }
    }

    fn current(&self) -> std::sync::MutexGuard<'_, Installation> {
        self.installation
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The company id.
    pub fn company_id(&self) -> String {
        self.current().company_id.clone()
    }

    /// The user id.
    pub fn user_id(&self) -> String {
        self.current().user_id.clone()
    }

    /// The company's API base URL.
    pub fn api_domain(&self) -> String {
        self.current().api_domain.clone()
    }

    /// A deal.
    pub async fn deal(&self, id: u64) -> Result<Deal, ApiError> {
        self.data(Method::GET, &format!("/api/v2/deals/{id}"), &[], None)
            .await
    }

    /// A person.
    pub async fn person(&self, id: u64) -> Result<Person, ApiError> {
        self.data(Method::GET, &format!("/api/v2/persons/{id}"), &[], None)
            .await
    }

    /// An organization.
    pub async fn organization(&self, id: u64) -> Result<Organization, ApiError> {
        self.data(
            Method::GET,
            &format!("/api/v2/organizations/{id}"),
            &[],
            None,
        )
        .await
    }

    /// A user of the company.
    pub async fn user(&self, id: u64) -> Result<User, ApiError> {
        self.data(Method::GET, &format!("/api/v1/users/{id}"), &[], None)
            .await
    }

    /// The installation's own user (`/users/me`).
    pub async fn me(&self) -> Result<User, ApiError> {
        self.data(Method::GET, "/api/v1/users/me", &[], None).await
    }

    /// Deals by id (at most 100 per call, as the API's `ids` filter allows), e.g. a list view's `selectedIds`.
    pub async fn deals(&self, ids: &[u64]) -> Result<Vec<Deal>, ApiError> {
        self.list("/api/v2/deals", ids).await
    }

    /// Persons by id.
    pub async fn persons(&self, ids: &[u64]) -> Result<Vec<Person>, ApiError> {
        self.list("/api/v2/persons", ids).await
    }

    /// Organizations by id.
    pub async fn organizations(&self, ids: &[u64]) -> Result<Vec<Organization>, ApiError> {
        self.list("/api/v2/organizations", ids).await
    }

    async fn list<T: DeserializeOwned>(&self, path: &str, ids: &[u64]) -> Result<Vec<T>, ApiError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        let limit = "500".to_owned();
        let data: Option<Vec<T>> = self
            .data(Method::GET, path, &[("ids", ids), ("limit", limit)], None)
            .await?;
        Ok(data.unwrap_or_default())
    }

    /// Updates a deal's fields (`PATCH /api/v2/deals/{id}` with `fields` as the JSON body).
    pub async fn update_deal(&self, id: u64, fields: &Value) -> Result<Deal, ApiError> {
        self.data(
            Method::PATCH,
            &format!("/api/v2/deals/{id}"),
            &[],
            Some(fields),
        )
        .await
    }

    /// Updates one deal field: a standard field by its key (`title`, `value`...), a custom field by its
    /// 40-character hash key (sent inside `custom_fields`, as API v2 expects).
    pub async fn update_deal_field(
        &self,
        id: u64,
        key: &str,
        value: Value,
    ) -> Result<Deal, ApiError> {
        let body = if is_custom_field_key(key) {
            json!({"custom_fields": {key: value}})
        } else {
            json!({key: value})
        };
        self.update_deal(id, &body).await
    }

    /// Any API call; the answer's `data` as `T`.
    pub async fn data<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<T, ApiError> {
        let envelope: Envelope<T> = self.request(method, path, query, body).await?;
        Ok(envelope.data)
    }

    /// Any API call (`path` such as `/api/v1/activities`), the whole answer as `T` (e.g. `serde_json::Value`).
    pub async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<T, ApiError> {
        let bytes = self.send(method, path, query, body).await?;
        serde_json::from_slice(&bytes).map_err(|e| ApiError::Decode(format!("{path}: {e}")))
    }

    /// Sends a call: refresh before expiry, once more after a 401, waits after a 429 within the retry policy.
    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Vec<u8>, ApiError> {
        if !path.starts_with('/') || path.starts_with("//") || path.contains("://") {
            return Err(ApiError::BadPath(path.to_owned()));
        }
        let mut installation = self.fresh_installation().await?;
        let policy = *self.installations.retry_policy();
        let (mut refreshed, mut retries) = (false, 0);
        loop {
            let url = format!("{}{path}", installation.api_domain.trim_end_matches('/'));
            let mut request = self
                .installations
                .http()
                .request(method.clone(), url)
                .bearer_auth(&installation.access_token)
                .query(query);
            if let Some(body) = body {
                request = request.json(body);
            }
            let response = request
                .send()
                .await
                .map_err(|e| ApiError::Unreachable(e.without_url().to_string()))?;
            let status = response.status();
            if status == StatusCode::UNAUTHORIZED && !refreshed {
                installation = self.refresh(&installation.access_token).await?;
                refreshed = true;
                continue;
            }
            if status == StatusCode::TOO_MANY_REQUESTS {
                let retry_after = retry_after(response.headers());
                let wait = retry_after.unwrap_or(policy.default_wait);
                if retries < policy.max_retries && wait <= policy.max_wait {
                    retries += 1;
                    tokio::time::sleep(wait).await;
                    continue;
                }
                return Err(ApiError::RateLimited { retry_after });
            }
            let bytes = response
                .bytes()
                .await
                .map_err(|e| ApiError::Unreachable(e.without_url().to_string()))?;
            return match status {
                s if s.is_success() => Ok(bytes.to_vec()),
                StatusCode::UNAUTHORIZED => Err(ApiError::Unauthorized),
                s => Err(ApiError::Status {
                    status: s.as_u16(),
                    message: error_message(&bytes),
                }),
            };
        }
    }

    /// The installation, refreshed first when its access token expires within [`REFRESH_MARGIN_SECS`].
    async fn fresh_installation(&self) -> Result<Installation, ApiError> {
        let installation = self.current().clone();
        if installation.expires_at > now_secs() + REFRESH_MARGIN_SECS {
            return Ok(installation);
        }
        self.refresh(&installation.access_token).await
    }

    async fn refresh(&self, stale_access_token: &str) -> Result<Installation, ApiError> {
        let (company_id, user_id) = {
            let current = self.current();
            (current.company_id.clone(), current.user_id.clone())
        };
        let updated = self
            .installations
            .refresh(&company_id, &user_id, stale_access_token)
            .await?;
        *self.current() = updated.clone();
        Ok(updated)
    }
}

/// `Retry-After` in seconds (the form Pipedrive's rate limiter sends); an HTTP date is not read.
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

/// Pipedrive's error text of an answer: `error`, else `message`, else a generic text; at most 300 characters.
fn error_message(body: &[u8]) -> String {
    let value: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    value
        .get("error")
        .and_then(Value::as_str)
        .or_else(|| value.get("message").and_then(Value::as_str))
        .unwrap_or("no error message")
        .chars()
        .take(300)
        .collect()
}

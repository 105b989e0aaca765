//! What can go wrong calling Pipedrive, and how it shows in an extension.

use crate::auth::Rejection;
use crate::context::Surface;
use crate::modal::GlobalError;
use crate::panel::PanelError;
use crate::store::StoreError;
use axum::http::StatusCode;
use std::fmt;
use std::time::Duration;

/// A failed API call. [`status`](Self::status) is what an extension should answer: 401 when the installation
/// is gone or cannot be refreshed, so Pipedrive shows the user its reconnect screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The app is not installed for this company and user (never installed, or uninstalled).
    NotInstalled,
    /// Pipedrive refused to refresh the tokens (e.g. the refresh token expired after 60 days unused).
    RefreshFailed(String),
    /// The API refused the token even after a refresh.
    Unauthorized,
    /// Still rate limited after the retries of the [`RetryPolicy`](super::RetryPolicy).
    RateLimited {
        /// Pipedrive's `Retry-After`, when it sent one.
        retry_after: Option<Duration>,
    },
    /// The API answered another error status.
    Status {
        /// The HTTP status.
        status: u16,
        /// Pipedrive's `error` (or `message`) of the answer.
        message: String,
    },
    /// The API could not be reached or timed out.
    Unreachable(String),
    /// The answer is not what the call expects.
    Decode(String),
    /// A path that is not a relative API path (`/api/...`).
    BadPath(String),
    /// Revoking the tokens failed.
    Revoke(String),
    /// The token store failed.
    Store(StoreError),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::NotInstalled => f.write_str(
                "the app is not installed for this Pipedrive user: install (or reconnect) it",
            ),
            ApiError::RefreshFailed(r) => write!(
                f,
                "the Pipedrive connection expired ({r}): reconnect the app"
            ),
            ApiError::Unauthorized => {
                f.write_str("Pipedrive refused the app's access token: reconnect the app")
            }
            ApiError::RateLimited { retry_after } => match retry_after {
                Some(d) => write!(
                    f,
                    "Pipedrive's rate limit was reached: retry in {} s",
                    d.as_secs()
                ),
                None => f.write_str("Pipedrive's rate limit was reached: retry in a moment"),
            },
            ApiError::Status { status, message } => {
                write!(f, "Pipedrive answered HTTP {status}: {message}")
            }
            ApiError::Unreachable(m) => write!(f, "Pipedrive could not be reached: {m}"),
            ApiError::Decode(m) => write!(f, "unexpected answer from Pipedrive: {m}"),
            ApiError::BadPath(p) => write!(
                f,
                "`{p}` is not an API path: use a path such as `/api/v2/deals/1`"
            ),
            ApiError::Revoke(m) => write!(f, "revoking the app's tokens failed: {m}"),
            ApiError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for ApiError {}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::Store(e)
    }
}

impl ApiError {
    /// `true` when the user must reconnect (install again): not installed, refresh refused, token refused.
    pub fn needs_reconnect(&self) -> bool {
        matches!(
            self,
            ApiError::NotInstalled | ApiError::RefreshFailed(_) | ApiError::Unauthorized
        )
    }

    /// The status an extension answers: 401 to reconnect, 503 when rate limited, 500 for the store or a bad
    /// path (the app's fault), 502 for other Pipedrive failures.
    pub fn status(&self) -> StatusCode {
        match self {
            e if e.needs_reconnect() => StatusCode::UNAUTHORIZED,
            ApiError::RateLimited { .. } => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Store(_) | ApiError::BadPath(_) => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_GATEWAY,
        }
    }

    /// The surface's error response with [`status`](Self::status).
    pub fn into_rejection(self, surface: Surface) -> Rejection {
        if matches!(self, ApiError::Store(_)) {
            tracing::error!("{}", crate::server::Untrusted(&self));
            return Rejection::new(
                surface,
                self.status(),
                "the app cannot read its installations right now",
            );
        }
        Rejection::new(surface, self.status(), self.to_string())
    }

    /// A panel error title (at most 30 characters).
    fn title(&self) -> &'static str {
        match self {
            e if e.needs_reconnect() => "Reconnect the app",
            ApiError::RateLimited { .. } => "Pipedrive is busy",
            _ => "Could not reach Pipedrive",
        }
    }
}

/// The panel's error state: a short title and the error as subtitle.
impl From<ApiError> for PanelError {
    fn from(e: ApiError) -> Self {
        if let ApiError::Store(s) = &e {
            tracing::error!("{}", crate::server::Untrusted(s));
            return PanelError::new(e.title())
                .subtitle("The app cannot read its installations right now.")
                .with_status(e.status().as_u16());
        }
        // 401 when the installation is gone: Pipedrive then offers to reconnect the app.
        PanelError::new(e.title())
            .subtitle(e.to_string())
            .with_status(e.status().as_u16())
    }
}

/// A modal's global error with the error's message.
impl From<ApiError> for GlobalError {
    fn from(e: ApiError) -> Self {
        if let ApiError::Store(s) = &e {
            tracing::error!("{}", crate::server::Untrusted(s));
            return GlobalError::new(
                "The app cannot read its installations right now. Try again in a moment.",
            );
        }
        GlobalError::new(e.to_string())
    }
}

/// A modal's global error response (HTTP 400), so `?` works in a handler returning `ModalResponse` errors.
impl From<ApiError> for crate::modal::ModalResponse {
    fn from(e: ApiError) -> Self {
        crate::modal::ModalResponse::Error(e.into())
    }
}

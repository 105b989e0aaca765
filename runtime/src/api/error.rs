//! What can go wrong calling Pipedrive, and how it shows in an extension.
//!
//! Every variant about one call names it as `METHOD /api/...` (no host, no query string, no token) and says
//! why it failed and what to do.

use crate::auth::Rejection;
use crate::context::Surface;
use crate::modal::GlobalError;
use crate::panel::PanelError;
use crate::scope::{Scope, ScopeSet};
use crate::store::StoreError;
use axum::http::StatusCode;
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// A failed API call. [`status`](Self::status) is what an extension should answer: 401 when the user must
/// connect the app again (not installed, the tokens refused, or the installation's scopes do not cover the call),
/// so Pipedrive shows its reconnect screen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiError {
    /// The app is not installed for this company and user (never installed, or uninstalled).
    NotInstalled,
    /// Pipedrive refused to refresh the tokens (e.g. the refresh token expired after 60 days unused).
    RefreshFailed(String),
    /// The API refused the token even after a refresh (or refused the API token).
    Unauthorized,
    /// Refused before sending: the call needs one of `needed`, and the installation was granted none of them.
    MissingScope {
        /// The call (`GET /api/v2/deals/5`).
        call: String,
        /// The scopes that allow the call (any one of them).
        needed: Vec<Scope>,
        /// What the installation was granted (the token answer's `scope`).
        granted: ScopeSet,
    },
    /// Pipedrive answered 403 "Scope and URL mismatch": the token's scopes do not cover the call. Refreshing does
    /// not help; the user must install the app again once its scopes include the call's.
    ScopeMismatch {
        /// The call.
        call: String,
    },
    /// Pipedrive answered 403 for another reason: the user's permissions, or a plan limit (then `code` says
    /// which, e.g. `feature_capping_deals_limit`).
    Forbidden {
        /// The call.
        call: String,
        /// Pipedrive's message.
        message: String,
        /// Pipedrive's `code`, when it sent one.
        code: Option<String>,
    },
    /// Pipedrive answered 403 with a page that is not JSON (its firewall blocking traffic that kept going after
    /// 429s).
    Blocked {
        /// The call.
        call: String,
    },
    /// Pipedrive answered 402: the company's account is not active (trial over, payment missing).
    PaymentRequired {
        /// The call.
        call: String,
        /// Pipedrive's message.
        message: String,
    },
    /// Pipedrive answered 404: no such object, or the user may not see it.
    NotFound {
        /// The call.
        call: String,
        /// Pipedrive's message.
        message: String,
    },
    /// Pipedrive answered 410: the endpoint or object is gone.
    Gone {
        /// The call.
        call: String,
        /// Pipedrive's message.
        message: String,
    },
    /// Pipedrive refused the input (400, or 422 outside webhooks): `errors` maps each field to its messages
    /// when Pipedrive sent them.
    Validation {
        /// The call.
        call: String,
        /// The HTTP status.
        status: u16,
        /// Pipedrive's message.
        message: String,
        /// Pipedrive's `errors`: field → messages.
        errors: BTreeMap<String, Vec<String>>,
    },
    /// Pipedrive answered 422 to a webhook call: the user (or the app) has its 40 webhooks already.
    WebhookLimit {
        /// The call.
        call: String,
        /// Pipedrive's message.
        message: String,
    },
    /// The company's daily token budget (shared by all its users, API tokens and apps) is spent: Pipedrive
    /// refuses every call until it resets at midnight, Pipedrive's server time. Not retried; later calls fail at
    /// once, without reaching Pipedrive, until `retry_after` has passed (then one call checks again).
    DailyBudgetExhausted {
        /// The call.
        call: String,
        /// When the client will let a call through again, when known.
        retry_after: Option<Duration>,
    },
    /// The token's burst limit: still limited after the retries of the [`RetryPolicy`](super::RetryPolicy), or
    /// the wait is longer than its `max_wait` (then nothing was sent).
    RateLimited {
        /// The call.
        call: String,
        /// How long to wait before calling again, when known.
        retry_after: Option<Duration>,
    },
    /// Pipedrive answered another error status (405, 415, 5xx...).
    Status {
        /// The call.
        call: String,
        /// The HTTP status.
        status: u16,
        /// Pipedrive's `error` (or `message`, or `errors`) of the answer.
        message: String,
    },
    /// A list had more pages than the call's [`max_pages`](super::ApiCall::max_pages): the stream stopped rather
    /// than read without end.
    TooManyPages {
        /// The call.
        call: String,
        /// Pages read.
        pages: u32,
    },
    /// The call cannot be made as built (a path parameter missing or not an id, a `limit` out of range).
    InvalidCall {
        /// The call.
        call: String,
        /// What is wrong.
        reason: String,
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
            ApiError::TooManyPages { call, pages } => write!(
                f,
                "{call}: stopped after {pages} pages with more to come: narrow the list with filters, or raise \
                 the call's `max_pages`"
            ),
            ApiError::InvalidCall { call, reason } => write!(f, "{call}: {reason}"),
            ApiError::Unreachable(m) => write!(f, "Pipedrive could not be reached: {m}"),
            ApiError::Decode(m) => write!(f, "unexpected answer from Pipedrive: {m}"),
            ApiError::BadPath(p) => write!(
                f,
                "`{p}` is not an API path: use a path such as `/api/v2/deals/1` (the query goes in the query \
                 parameters)"
            ),
            ApiError::Revoke(m) => write!(f, "revoking the app's tokens failed: {m}"),
            ApiError::Store(e) => write!(f, "{e}"),
            _ => self.fmt_refusal(f),
        }
    }
}

impl ApiError {
    /// The variants of a call that Pipedrive (or pdx, on Pipedrive's behalf) refused.
    fn fmt_refusal(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::MissingScope {
                call,
                needed,
                granted,
            } => write!(
                f,
                "{call} needs the scope {}, which this installation was not granted (it has `{granted}`): add \
                 the scope to the app in Developer Hub, then the user installs the app again; nothing was sent",
                one_of(needed)
            ),
            ApiError::ScopeMismatch { call } => write!(
                f,
                "{call}: Pipedrive answered \"Scope and URL mismatch\": the installation's scopes do not cover \
                 this call; after the app's scopes change, the user must install the app again"
            ),
            ApiError::Forbidden {
                call,
                message,
                code,
            } => match code {
                Some(code) => write!(f, "{call}: Pipedrive does not allow it ({code}): {message}"),
                None => write!(f, "{call}: Pipedrive does not allow it: {message}"),
            },
            ApiError::Blocked { call } => write!(
                f,
                "{call}: Pipedrive blocked the request (HTTP 403 without a JSON body), as it does with traffic \
                 that keeps going after rate limits"
            ),
            ApiError::PaymentRequired { call, message } => write!(
                f,
                "{call}: the company's Pipedrive account is not active (HTTP 402): {message}"
            ),
            ApiError::NotFound { call, message } => {
                write!(f, "{call}: not found in Pipedrive: {message}")
            }
            ApiError::Gone { call, message } => {
                write!(f, "{call}: gone from Pipedrive (HTTP 410): {message}")
            }
            ApiError::Validation {
                call,
                status,
                message,
                errors,
            } => {
                write!(
                    f,
                    "{call}: Pipedrive refused the input (HTTP {status}): {message}"
                )?;
                for (field, messages) in errors {
                    write!(f, "; `{field}`: {}", messages.join(", "))?;
                }
                Ok(())
            }
            ApiError::WebhookLimit { call, message } => write!(
                f,
                "{call}: the webhook limit is reached (40 per user): {message}"
            ),
            _ => self.fmt_budget(f),
        }
    }

    /// The variants of a call the rate limits refused, and other statuses.
    fn fmt_budget(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::DailyBudgetExhausted { call, retry_after } => {
                write!(
                    f,
                    "{call}: the company's daily Pipedrive API budget is spent (shared by all its users and \
                     apps; it resets at midnight, Pipedrive's server time)"
                )?;
                match retry_after {
                    Some(d) => write!(f, ": no call is sent for {} s", d.as_secs().max(1)),
                    None => Ok(()),
                }
            }
            ApiError::RateLimited { call, retry_after } => match retry_after {
                Some(d) => write!(
                    f,
                    "{call}: Pipedrive's rate limit was reached: retry in {} s",
                    d.as_secs().max(1)
                ),
                None => write!(
                    f,
                    "{call}: Pipedrive's rate limit was reached: retry in a moment"
                ),
            },
            ApiError::Status {
                call,
                status,
                message,
            } => write!(f, "{call}: Pipedrive answered HTTP {status}: {message}"),
            _ => Ok(()),
        }
    }
}

/// "`deals:read`" or "one of `deals:read`, `admin`".
fn one_of(scopes: &[Scope]) -> String {
    let quoted: Vec<String> = scopes.iter().map(|s| format!("`{s}`")).collect();
    match quoted.as_slice() {
        [one] => one.clone(),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

impl std::error::Error for ApiError {}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::Store(e)
    }
}

impl ApiError {
    /// `true` when the user must connect the app again: not installed, refresh refused, token refused, or the
    /// installation's scopes do not cover the call (installing again grants the app's current scopes).
    pub fn needs_reconnect(&self) -> bool {
        matches!(
            self,
            ApiError::NotInstalled
                | ApiError::RefreshFailed(_)
                | ApiError::Unauthorized
                | ApiError::MissingScope { .. }
                | ApiError::ScopeMismatch { .. }
        )
    }

    /// Whether Pipedrive's budget refused the call (burst or daily): trying again later may work.
    pub fn is_rate_limit(&self) -> bool {
        matches!(
            self,
            ApiError::RateLimited { .. } | ApiError::DailyBudgetExhausted { .. }
        )
    }

    /// The status an extension answers: 401 to reconnect, 403 when Pipedrive does not allow it, 404 when the
    /// object is not there, 503 when rate limited or the daily budget is spent, 500 for the app's own mistakes
    /// (the store, a bad path or call), 502 for other Pipedrive failures.
    pub fn status(&self) -> StatusCode {
        match self {
            e if e.needs_reconnect() => StatusCode::UNAUTHORIZED,
            e if e.is_rate_limit() => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound { .. } | ApiError::Gone { .. } => StatusCode::NOT_FOUND,
            ApiError::Store(_)
            | ApiError::BadPath(_)
            | ApiError::InvalidCall { .. }
            | ApiError::TooManyPages { .. } => StatusCode::INTERNAL_SERVER_ERROR,
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
            ApiError::MissingScope { .. } | ApiError::ScopeMismatch { .. } => {
                "The app needs more access"
            }
            e if e.needs_reconnect() => "Reconnect the app",
            ApiError::DailyBudgetExhausted { .. } => "API limit reached for today",
            ApiError::RateLimited { .. } | ApiError::Blocked { .. } => "Pipedrive is busy",
            ApiError::Forbidden { .. } => "Not allowed in Pipedrive",
            ApiError::PaymentRequired { .. } => "Pipedrive account inactive",
            ApiError::NotFound { .. } | ApiError::Gone { .. } => "Not found in Pipedrive",
            ApiError::Validation { .. } | ApiError::WebhookLimit { .. } => {
                "Pipedrive refused the change"
            }
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

//! The serving choices that hold for every endpoint of an app: deadline, body limit, statuses, what a failing
//! response check does. Each is decided here once.

use crate::context::Surface;
use axum::http::StatusCode;
use std::time::Duration;

/// How long a handler may run before pdx answers with an error body instead: 8 seconds, under the 10 seconds
/// Pipedrive waits for an extension's answer (*JSON panels*, *JSON modals*), leaving room for the network.
/// Change it per app with [`App::deadline`](super::App::deadline).
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(8);

/// Largest request body accepted (modal submits): 64 KiB. A modal has at most 10 blocks, so real submits are far
/// smaller; larger bodies get 413 with the surface's error body.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Status of a panel error state returned by a handler (`Err(PanelError)`).
///
/// Pipedrive shows a panel's error state for any 4xx/5xx (*JSON panels*, "Error handling"); pdx sends 400, the
/// status Pipedrive's examples use for app-side errors, unless the error asks for another
/// ([`PanelError::status`](crate::panel::PanelError)). Authentication failures use 401 (the reconnect screen).
pub const PANEL_ERROR_STATUS: StatusCode = StatusCode::BAD_REQUEST;

/// Status answered when a handler misses the deadline, per surface.
///
/// Panels get 503 with the error state (any non-2xx shows it). Modals get 400 with a global error, because
/// Pipedrive is only known to show a modal's `error.message` from a 400 (its example app); any other status shows
/// the generic "Something went wrong". Link actions and custom UI pages get 503.
pub fn deadline_status(surface: Surface) -> StatusCode {
    match surface {
        Surface::Modal => StatusCode::BAD_REQUEST,
        Surface::Panel | Surface::LinkAction | Surface::CustomUi => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// What happens when a handler's response fails its check against the uploaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ResponseChecks {
    /// The default: log an error with every problem and answer 500 with the surface's error body, so a broken
    /// response never reaches Pipedrive (which would show "Something went wrong" with no clue).
    #[default]
    Enforce,
    /// Log a warning with every problem and send the response anyway.
    Warn,
}

/// Settings every endpoint reads when the router is built.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) client_secret: crate::credentials::JwtSecret,
    pub(crate) checks: ResponseChecks,
    pub(crate) deadline: Duration,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_statuses_by_surface() {
        assert_eq!(deadline_status(Surface::Modal), StatusCode::BAD_REQUEST);
        assert_eq!(
            deadline_status(Surface::Panel),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(
            deadline_status(Surface::LinkAction),
            StatusCode::SERVICE_UNAVAILABLE
        );
    }
}

//! The wire types of what the panel endpoint answers besides its objects (Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>): the optional `external_link` and `settings` of
//! the `data` envelope ([`PanelResponse`](super::PanelResponse)), and the error state. The checks read them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The panel's external link: `{"url", "label"}` (the label is shown up to 40 characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalLink {
    /// Where the link goes.
    pub url: String,
    /// Its text (shown up to 40 characters).
    pub label: String,
}

/// The panel's settings link: `{"url"}`, shown in the panel's "..." menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The app's settings page.
    pub url: String,
}

/// The panel's error state, sent with a non-2xx status: `{"error": {"title", "subtitle"?, "action"?}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PanelError {
    error: PanelErrorDetails,
    /// The HTTP status to answer with; not part of the body.
    #[serde(skip)]
    #[schemars(skip)]
    status: Option<u16>,
}

/// The inside of the error state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct PanelErrorDetails {
    title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    subtitle: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "ExternalLink")]
    action: Option<ExternalLink>,
}

impl PanelError {
    /// An error with a title (at most 30 characters).
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            status: None,
            error: PanelErrorDetails {
                title: title.into(),
                subtitle: None,
                action: None,
            },
        }
    }

    /// Answers with this HTTP status instead of the server's default (400). Any 4xx or 5xx shows the error
    /// state; 401 also offers the user to reconnect the app (Pipedrive's docs, *JSON panels*:
    /// <https://pipedrive.readme.io/docs/app-extensions-json-panels>).
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// The HTTP status set with [`PanelError::with_status`], if any.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// Adds a subtitle (markdown).
    pub fn subtitle(mut self, subtitle: impl Into<String>) -> Self {
        self.error.subtitle = Some(subtitle.into());
        self
    }

    /// Adds an action button.
    pub fn action(mut self, url: impl Into<String>, label: impl Into<String>) -> Self {
        self.error.action = Some(ExternalLink {
            url: url.into(),
            label: label.into(),
        });
        self
    }

    /// The title.
    pub fn title(&self) -> &str {
        &self.error.title
    }
}

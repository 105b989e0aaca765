//! The two footer links of a panel response besides its objects (Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>): the optional `external_link` and `settings` of
//! [`PanelResponse`](super::PanelResponse). The error state's action has the shape of an external link.

use serde::{Deserialize, Serialize};

/// The panel's external link: `{"url", "label"}` (the label is shown up to 40 characters).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExternalLink {
    /// Where the link goes.
    pub url: String,
    /// Its text (shown up to 40 characters).
    pub label: String,
}

/// The panel's settings link: `{"url"}`, shown in the panel's "..." menu.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The app's settings page.
    pub url: String,
}

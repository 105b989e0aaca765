//! The Pipedrive pages that pdx's messages and help cite (pipedrive.readme.io). The runtime re-exports them with
//! the limits of their surface (`pdx::panel::limits`, `pdx::modal::limits`); the docs of each constant of this
//! crate cite their page in words.

/// Pipedrive's docs, *JSON panels*.
pub const JSON_PANELS: &str = "https://pipedrive.readme.io/docs/app-extensions-json-panels";

/// Pipedrive's docs, *Adding a JSON panel*.
pub const ADDING_A_JSON_PANEL: &str = "https://pipedrive.readme.io/docs/json-panels-adding-a-panel";

/// Pipedrive's docs, *JSON modals*.
pub const JSON_MODALS: &str = "https://pipedrive.readme.io/docs/app-extensions-json-modals";

/// Pipedrive's docs, *JSON modals component library*.
pub const JSON_MODALS_COMPONENT_LIBRARY: &str =
    "https://pipedrive.readme.io/docs/json-modals-component-library";

/// Pipedrive's docs, *JSON modals user interaction handling*.
pub const JSON_MODALS_USER_INTERACTION_HANDLING: &str =
    "https://pipedrive.readme.io/docs/json-modals-user-interaction-handling";

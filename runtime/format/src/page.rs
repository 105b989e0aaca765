//! The Pipedrive pages the constants of this crate come from (pipedrive.readme.io), for messages that cite them.

/// Pipedrive's docs, *JSON panels*.
pub const JSON_PANELS: &str = "https://pipedrive.readme.io/docs/app-extensions-json-panels";

/// Pipedrive's docs, *Adding a JSON panel*.
pub const ADDING_A_JSON_PANEL: &str = "https://pipedrive.readme.io/docs/json-panels-adding-a-panel";

/// Pipedrive's docs, *Actions in JSON panels*.
pub const ACTIONS_IN_JSON_PANELS: &str =
    "https://pipedrive.readme.io/docs/json-panels-actions-in-panels";

/// Pipedrive's docs, *JSON modals*.
pub const JSON_MODALS: &str = "https://pipedrive.readme.io/docs/app-extensions-json-modals";

/// Pipedrive's docs, *JSON modals component library*.
pub const JSON_MODALS_COMPONENT_LIBRARY: &str =
    "https://pipedrive.readme.io/docs/json-modals-component-library";

/// Pipedrive's docs, *JSON modals user interaction handling*.
pub const JSON_MODALS_USER_INTERACTION_HANDLING: &str =
    "https://pipedrive.readme.io/docs/json-modals-user-interaction-handling";

/// Pipedrive's docs, *Link actions*.
pub const LINK_ACTIONS: &str = "https://pipedrive.readme.io/docs/app-extensions-actions";

/// Pipedrive's docs, *Registering a public app* (the App extensions tab of Developer Hub).
pub const REGISTERING_A_PUBLIC_APP: &str =
    "https://pipedrive.readme.io/docs/marketplace-registering-the-app";

/// Pipedrive's example apps (`json-samples/` and `apps/todo`).
pub const EXAMPLE_APPS: &str = "https://github.com/pipedrive/example-apps";

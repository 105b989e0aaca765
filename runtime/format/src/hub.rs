//! Developer Hub's limits on an app's extensions (the App extensions tab).
//!
//! Pipedrive's docs, *Registering a public app*: <https://pipedrive.readme.io/docs/marketplace-registering-the-app>,
//! and *Link actions*: <https://pipedrive.readme.io/docs/app-extensions-actions>.

/// Characters in an extension's name (JSON panel, link action, JSON modal, custom UI).
///
/// Pipedrive's docs, *Link actions*: <https://pipedrive.readme.io/docs/app-extensions-actions>, and *JSON
/// panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub const MAX_NAME_CHARS: usize = 30;

/// Characters in an extension's (optional) description.
///
/// Pipedrive's docs, *JSON modals*: <https://pipedrive.readme.io/docs/app-extensions-json-modals>.
pub const MAX_DESCRIPTION_CHARS: usize = 150;

/// Most menu extensions (link actions, JSON modals and custom modals together) of one app in one location.
///
/// Pipedrive's docs, *Link actions*: <https://pipedrive.readme.io/docs/app-extensions-actions>.
pub const MAX_EXTENSIONS_PER_LOCATION: usize = 3;

/// Most menu extensions of one app: 3 in each of the 7 menu locations ([`crate::location::MENU_LOCATIONS`]).
/// An older version of Pipedrive's docs said 24 (8 locations); pdx follows the current docs.
///
/// Pipedrive's docs, *Link actions*: <https://pipedrive.readme.io/docs/app-extensions-actions>.
pub const MAX_MENU_EXTENSIONS: usize = 21;

/// Most panels (JSON or custom UI) of one app in one detail view.
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub const MAX_PANELS_PER_LOCATION: usize = 1;

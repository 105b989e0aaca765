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

/// A custom panel's height in pixels, as the page passes it to the SDK's `initialize` or `RESIZE`: 100 to 750
/// (its width is the sidebar's).
///
/// Pipedrive's docs, *Custom panels*: <https://pipedrive.readme.io/docs/custom-ui-extensions-panels>.
pub const CUSTOM_PANEL_HEIGHT: (u32, u32) = (100, 750);

/// A custom modal's smallest height in pixels (its largest is the browser window's).
///
/// Pipedrive's docs, *Custom modals*: <https://pipedrive.readme.io/docs/custom-ui-extensions-modals>.
pub const MIN_CUSTOM_MODAL_HEIGHT: u32 = 120;

/// A custom modal's smallest width in pixels (its largest is the browser window's).
///
/// Pipedrive's docs, *Custom modals*: <https://pipedrive.readme.io/docs/custom-ui-extensions-modals>.
pub const MIN_CUSTOM_MODAL_WIDTH: u32 = 320;

/// A custom floating window's height in pixels: 70 to 700.
///
/// Pipedrive's docs, *Custom floating window*: <https://pipedrive.readme.io/docs/custom-ui-extensions-floating-window>.
pub const FLOATING_WINDOW_HEIGHT: (u32, u32) = (70, 700);

/// A custom floating window's width in pixels: 200 to 800.
///
/// Pipedrive's docs, *Custom floating window*: <https://pipedrive.readme.io/docs/custom-ui-extensions-floating-window>.
pub const FLOATING_WINDOW_WIDTH: (u32, u32) = (200, 800);

/// Most floating windows of one app.
///
/// Pipedrive's docs, *Custom floating window*: <https://pipedrive.readme.io/docs/custom-ui-extensions-floating-window>.
pub const MAX_FLOATING_WINDOWS: usize = 1;

/// Seconds an SDK token (`GET_SIGNED_TOKEN`) is valid: 5 minutes. pdx applies it from `iat` when a token
/// carries no `exp`.
///
/// Pipedrive's docs, *Custom UI extensions*: <https://pipedrive.readme.io/docs/custom-ui-extensions>.
pub const SDK_TOKEN_LIFETIME_SECS: u64 = 300;

//! Developer Hub's limits on an app's extensions (Pipedrive's docs, *App extensions*:
//! <https://pipedrive.readme.io/docs/app-extensions>, and *Actions in JSON panels*).

/// Longest extension name Developer Hub accepts.
pub const NAME_MAX: usize = 30;
/// Longest extension description Developer Hub accepts.
pub const DESCRIPTION_MAX: usize = 150;
/// Most menu extensions (link actions, JSON modals, custom modals) of one app in one location.
pub const PER_LOCATION_MAX: usize = 3;
/// Most menu extensions in one app: 7 locations × 3 (Pipedrive's current docs; an older form said 24).
pub const MENU_EXTENSIONS_MAX: usize = 21;
/// Most global actions per panel.
pub const PANEL_GLOBAL_ACTIONS_MAX: usize = crate::panel::limits::MAX_GLOBAL_ACTIONS;
/// Most object actions per panel (multiple-object panels only).
pub const PANEL_OBJECT_ACTIONS_MAX: usize = crate::panel::limits::MAX_OBJECT_ACTIONS;
/// Most fields with an action per panel object (one action each).
pub const PANEL_FIELD_ACTIONS_MAX: usize = crate::panel::limits::MAX_FIELD_ACTIONS;

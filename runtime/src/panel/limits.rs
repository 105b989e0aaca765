//! The limits of JSON panels, each with the place in `shared/spec/json-panels.md` that states it.
//!
//! Every check and the derive read these constants, so a limit Pipedrive changes is changed here only.

/// At most this many objects in `data` (§2 "At most 10 objects", §5).
///
/// [DECIDED]: more objects is an **error**, not a warning: it is a stated limit of the format, not a display
/// truncation the docs describe (§3 "Severity" calls only truncation and style rules warnings).
pub const MAX_OBJECTS: usize = 10;

/// At most this many fields per object besides the `header` field (§2 "at most 20 fields besides the header").
pub const MAX_FIELDS: usize = 20;

/// A `text` value is truncated after this many characters (§3 field types table): longer is a warning.
pub const TEXT_TRUNCATED_AFTER: usize = 255;

/// A `label` value's text is truncated after this many characters (§3 field types table): longer is a warning.
pub const LABEL_TRUNCATED_AFTER: usize = 40;

/// The response's `external_link.label` is shown up to this many characters (§5): longer is a warning.
pub const EXTERNAL_LINK_LABEL_TRUNCATED_AFTER: usize = 40;

/// The error state's `error.title` has at most this many characters (§5 "Error state").
///
/// [DECIDED]: a longer title is a **warning**: the docs give the limit but not what Pipedrive does beyond it;
/// by §3 "Severity" a length that does not break the response's shape is a display matter.
pub const ERROR_TITLE_MAX: usize = 30;

/// A panel action's name has at most this many characters (§6).
pub const ACTION_NAME_MAX: usize = 30;

/// At most this many global actions per panel (§6).
pub const MAX_GLOBAL_ACTIONS: usize = 3;

/// At most this many object actions per panel, multiple-object panels only (§6).
pub const MAX_OBJECT_ACTIONS: usize = 3;

/// At most this many fields with an action per object, one action per field (§6).
pub const MAX_FIELD_ACTIONS: usize = 3;

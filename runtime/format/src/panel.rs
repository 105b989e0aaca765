//! JSON panels: the data structure's field types and the limits of the panel response and its actions.
//!
//! Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>, and
//! *Actions in JSON panels*: <https://pipedrive.readme.io/docs/json-panels-actions-in-panels>.

/// The prefix of a field definition's `$ref`: `#/definitions/<type>`.
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub const REF_PREFIX: &str = "#/definitions/";

/// The 13 field types of a data structure, as Pipedrive spells them, in the docs' order.
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub const FIELD_TYPES: &[&str] = &[
    "header",
    "text",
    "numerical",
    "date",
    "time",
    "date-time",
    "email",
    "link",
    "phone",
    "address",
    "currency",
    "label",
    "tags",
];

/// The colors of a `label` field.
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub const LABEL_COLORS: &[&str] = &["green", "red", "blue", "yellow", "purple", "grey"];

/// At most this many objects in a multiple-object panel's `data`.
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
/// The docs state the limit but not what Pipedrive does beyond it; pdx treats more objects in a response file as
/// an **error** (a limit of the format, not a display truncation), and a typed response built from more objects
/// keeps the first ones and tells the handler how many were left out.
pub const MAX_OBJECTS: usize = 10;

/// At most this many fields per object besides the `header` field.
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub const MAX_FIELDS: usize = 20;

/// A `text` value is shown up to this many characters, then truncated (pdx: longer is a warning).
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub const MAX_TEXT_CHARS: usize = 255;

/// A `label` value's text is shown up to this many characters, then truncated (pdx: longer is a warning).
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub const MAX_LABEL_CHARS: usize = 40;

/// The response's `external_link.label` is shown up to this many characters (pdx: longer is a warning).
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub const MAX_EXTERNAL_LINK_LABEL_CHARS: usize = 40;

/// The error state's `error.title` has at most this many characters.
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
/// The docs give the limit but not what Pipedrive does beyond it; pdx treats a longer title as a **warning**: it
/// does not break the response's shape, so it is a display matter.
pub const MAX_ERROR_TITLE_CHARS: usize = 30;

/// A panel action's name has at most this many characters: it is the name of the link action or JSON modal it
/// runs, so it is Developer Hub's extension name limit.
///
/// Pipedrive's docs, *Actions in JSON panels*: <https://pipedrive.readme.io/docs/json-panels-actions-in-panels>.
pub const MAX_ACTION_NAME_CHARS: usize = crate::hub::MAX_NAME_CHARS;

/// At most this many global actions per panel (the green button at its foot and its dropdown).
///
/// Pipedrive's docs, *Actions in JSON panels*: <https://pipedrive.readme.io/docs/json-panels-actions-in-panels>.
pub const MAX_GLOBAL_ACTIONS: usize = 3;

/// At most this many object actions per panel (each object's "actions" dropdown; multiple-object panels only).
///
/// Pipedrive's docs, *Actions in JSON panels*: <https://pipedrive.readme.io/docs/json-panels-actions-in-panels>.
pub const MAX_OBJECT_ACTIONS: usize = 3;

/// At most this many fields with an action per object, one action per field.
///
/// Pipedrive's docs, *Actions in JSON panels*: <https://pipedrive.readme.io/docs/json-panels-actions-in-panels>.
pub const MAX_FIELD_ACTIONS: usize = 3;

//! JSON modals: the schema's element and button names, input types, handlers, limits, and the response formats.
//!
//! Pipedrive's docs, *JSON modals*: <https://pipedrive.readme.io/docs/app-extensions-json-modals>, *JSON modals
//! component library*: <https://pipedrive.readme.io/docs/json-modals-component-library>, and *JSON modals user
//! interaction handling*: <https://pipedrive.readme.io/docs/json-modals-user-interaction-handling>.

/// The prefix of a block's or button's `$ref`: `#/definitions/<name>`.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const REF_PREFIX: &str = "#/definitions/";

/// The element (block) definition names, in the component library's order.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const ELEMENTS: &[&str] = &[
    "element-text",
    "element-input",
    "element-textarea",
    "element-select",
    "element-datepicker",
    "element-radio-group",
    "element-checkbox-group",
    "element-separator",
];

/// The action (button) definition names: primary, then secondary.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const ACTIONS: &[&str] = &["action-primary", "action-secondary"];

/// The values of an input's `type` option. Pipedrive's docs don't say which is the default; pdx treats a missing
/// `type` as `text`.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const INPUT_TYPES: &[&str] = &["text", "email", "number", "password", "search", "url"];

/// The `handler`s of a primary button.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const PRIMARY_HANDLERS: &[&str] = &["request", "open-url"];

/// The `handler`s of a secondary button.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const SECONDARY_HANDLERS: &[&str] = &["reset", "cancel"];

/// The only primary handler with which a button's `url` means something ("set it only with `open-url`").
/// Pipedrive's docs don't say whether `url` redirects a `request` POST; pdx warns about `url` with any other
/// handler.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const URL_HANDLER: &str = "open-url";

/// Blocks per modal. Pipedrive's docs don't say whether a separator counts; pdx counts it (and text blocks) as a
/// block; the header and the buttons are not blocks.
///
/// Pipedrive's docs, *JSON modals*: <https://pipedrive.readme.io/docs/app-extensions-json-modals>.
pub const MAX_BLOCKS: usize = 10;

/// Fewest action buttons a modal may have.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const MIN_ACTIONS: usize = 1;

/// Most action buttons a modal may have.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const MAX_ACTIONS: usize = 2;

/// Most primary (green) buttons per modal. Pipedrive's docs don't say; pdx treats the two buttons as at most one
/// primary and one secondary, as every example shows.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const MAX_PRIMARY_ACTIONS: usize = 1;

/// Most secondary (grey) buttons per modal; see [`MAX_PRIMARY_ACTIONS`] for why one.
pub const MAX_SECONDARY_ACTIONS: usize = 1;

/// The date format of a datepicker's `value`, as a chrono format string: `YYYY-MM-DD`, no time.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// The `visibleOn` strings: `never` hides a block (or item, or button), `always` shows it.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const VISIBILITIES: &[&str] = &["never", "always"];

/// The conditions of a `visibleOn` rule on another block's value.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const CONDITIONS: &[&str] = &["not_empty", "equals", "includes"];

/// Characters in a JSON modal's name (its Developer Hub action name): Developer Hub's extension name limit.
///
/// Pipedrive's docs, *JSON modals*: <https://pipedrive.readme.io/docs/app-extensions-json-modals>.
pub const MAX_ACTION_NAME_CHARS: usize = crate::hub::MAX_NAME_CHARS;

/// Characters in a JSON modal's description: Developer Hub's extension description limit.
///
/// Pipedrive's docs, *JSON modals*: <https://pipedrive.readme.io/docs/app-extensions-json-modals>.
pub const MAX_ACTION_DESCRIPTION_CHARS: usize = crate::hub::MAX_DESCRIPTION_CHARS;

/// The only documented `success.type`.
///
/// Pipedrive's docs, *JSON modals user interaction handling*:
/// <https://pipedrive.readme.io/docs/json-modals-user-interaction-handling>.
pub const SUCCESS_TYPE: &str = "snackbar";

/// HTTP status of a data response: the initial load, a refetch, and block errors after a submit. Pipedrive's docs
/// don't give the status of block errors; pdx sends 200, as for every response that carries `data`.
///
/// Pipedrive's docs, *JSON modals user interaction handling*:
/// <https://pipedrive.readme.io/docs/json-modals-user-interaction-handling>.
pub const STATUS_DATA: u16 = 200;

/// HTTP status of a submit success.
///
/// Pipedrive's docs, *JSON modals user interaction handling*:
/// <https://pipedrive.readme.io/docs/json-modals-user-interaction-handling>.
pub const STATUS_SUCCESS: u16 = 200;

/// HTTP status of a global error. Pipedrive's docs don't give it; pdx sends 400, as Pipedrive's example apps do
/// (<https://github.com/pipedrive/example-apps>, `apps/todo`): Pipedrive is only known to show the error's message
/// from a 400.
pub const STATUS_GLOBAL_ERROR: u16 = 400;

/// How a `bool` field is offered: a checkbox group with one item, whose `value` is this, read back as `true` when
/// it is ticked (`["true"]`) and `false` when not (`[]`, or no value). Pipedrive's docs have no boolean element and
/// no single checkbox; a one-item checkbox group is drawn as one checkbox with its label beside it.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const BOOL_ITEM_VALUE: &str = "true";

/// What pdx says of a select's, radio group's or checkbox group's preset `value` that is not one of the block's
/// items: `` `value` `x` is not one of the items: Pipedrive preselects nothing ``. Written here once, for every
/// part of pdx that meets such a value.
///
/// Pipedrive accepts such a file (the component library's own radio-group example presets a value that is no
/// item) and preselects nothing, so `pdx validate` and the response checks report a **warning**; the derive
/// refuses it at compile time (a typed default outside the enum is a mistake), and `pdx codegen` leaves the preset
/// out with a note. `x` is the value as written: a string without its quotes, a number or a boolean as in JSON.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresetNotAnItem<'a>(pub &'a str);

impl core::fmt::Display for PresetNotAnItem<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            f,
            "`value` `{}` is not one of the items: Pipedrive preselects nothing",
            self.0
        )
    }
}

/// The block options of the component library, each with the `#[modal(...)]` key of `#[derive(JsonModal)]` that
/// sets it: `(option, attribute)`, e.g. `("allowClear", "allow_clear")`. The derive's reader and `pdx codegen` both
/// read this table, so they spell every option alike. Not in it: a text block's `value`, which is the element key
/// `text = "..."`, and `error`, which only a response sets.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const OPTION_ATTRIBUTES: &[(&str, &str)] = &[
    ("markdown", "markdown"),
    ("label", "label"),
    ("placeholder", "placeholder"),
    ("message", "message"),
    ("value", "value"),
    ("type", "type"),
    ("allowClear", "allow_clear"),
    ("isRequired", "required"),
    ("filter", "filter"),
    ("resize", "resize"),
    ("items", "items"),
    ("visibleOn", "visible_on"),
    ("fetchOnChange", "fetch_on_change"),
];

/// The keys of an item (of a select, radio group or checkbox group) besides `value` and `label`, each with the key
/// that sets it in `items((value, "label", ...))` and on a `#[derive(ModalChoice)]` variant.
///
/// Pipedrive's docs, *JSON modals component library*:
/// <https://pipedrive.readme.io/docs/json-modals-component-library>.
pub const ITEM_ATTRIBUTES: &[(&str, &str)] =
    &[("isDisabled", "disabled"), ("visibleOn", "visible_on")];

/// The `#[modal(...)]` key that sets the block option `option` ([`OPTION_ATTRIBUTES`]), e.g. `allow_clear` for
/// `allowClear`.
pub fn option_attribute(option: &str) -> Option<&'static str> {
    attribute_in(OPTION_ATTRIBUTES, option)
}

/// The key that sets the item key `key` ([`ITEM_ATTRIBUTES`]), e.g. `disabled` for `isDisabled`.
pub fn item_attribute(key: &str) -> Option<&'static str> {
    attribute_in(ITEM_ATTRIBUTES, key)
}

fn attribute_in(table: &[(&str, &'static str)], name: &str) -> Option<&'static str> {
    table.iter().find(|(n, _)| *n == name).map(|(_, a)| *a)
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::PresetNotAnItem;
    use std::string::ToString;

    #[test]
    fn preset_not_an_item_wording() {
        assert_eq!(
            PresetNotAnItem("sprinkles").to_string(),
            "`value` `sprinkles` is not one of the items: Pipedrive preselects nothing"
        );
    }
}

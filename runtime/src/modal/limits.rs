//! Every limit and fixed choice of JSON modals, in one place. Each cites `shared/spec/json-modals.md`.
//!
//! `pdx-macros` repeats [`MAX_BLOCKS`], [`INPUT_TYPES`] and the handler names for its compile-time checks (a
//! proc-macro crate cannot depend on this one); the `ui_modal` trybuild tests pin both copies to the same values.

/// Blocks per modal (§3.9, [DOC S1, S2]). The separator counts as a block [INFERRED, §3.9]; header and buttons do
/// not.
pub const MAX_BLOCKS: usize = 10;

/// Fewest action buttons a modal may have (§3.7, [DOC S2]).
pub const MIN_ACTIONS: usize = 1;

/// Most action buttons a modal may have (§3.7, [DOC S2]).
pub const MAX_ACTIONS: usize = 2;

/// Most primary (green) buttons per modal (§3.7 [INFERRED]: "at most one primary and one secondary button").
pub const MAX_PRIMARY_ACTIONS: usize = 1;

/// Most secondary (grey) buttons per modal (§3.7 [INFERRED]).
pub const MAX_SECONDARY_ACTIONS: usize = 1;

/// The values of an input's `type` option (§3.3 element-input, [DOC S2]).
pub const INPUT_TYPES: &[&str] = &["text", "email", "number", "password", "search", "url"];

/// The `handler`s of a primary button (§3.7, [DOC S2]).
pub const PRIMARY_HANDLERS: &[&str] = &["request", "open-url"];

/// The `handler`s of a secondary button (§3.7, [DOC S2]).
pub const SECONDARY_HANDLERS: &[&str] = &["reset", "cancel"];

/// The only primary handler with which `url` means something (§3.7: "set it only with `open-url`"). Anything else
/// with `url` is a warning, since whether `url` redirects a `request` POST is [UNKNOWN].
pub const URL_HANDLER: &str = "open-url";

/// The date format of a datepicker's `value` (§3.3 element-datepicker, §8.16, [DOC S2]): `YYYY-MM-DD`, no time.
pub const DATE_FORMAT: &str = "%Y-%m-%d";

/// Characters in a Developer Hub action name (§2, §3.9, [DOC S1]).
pub const ACTION_NAME_MAX_CHARS: usize = 30;

/// Characters in a Developer Hub action description (§2, §3.9, [DOC S1]).
pub const ACTION_DESCRIPTION_MAX_CHARS: usize = 150;

/// The only documented `success.type` (§5.2, [DOC S3]).
pub const SUCCESS_TYPE: &str = "snackbar";

/// HTTP status of a data response: initial load, refetch, block errors (§5.8; 200 [INFERRED] for block errors).
pub const STATUS_DATA: u16 = 200;

/// HTTP status of a submit success (§5.8, [DOC S3]).
pub const STATUS_SUCCESS: u16 = 200;

/// HTTP status of a global error (§5.4, §5.8, [CODE S15]: Pipedrive's example app sends 400).
pub const STATUS_GLOBAL_ERROR: u16 = 400;

/// How a bool field is offered: a radio group with these two items, `(value, label)` (§9.1: "there is no native
/// boolean element"). [DECIDED]: a yes/no radio, the shape of the official sample's `block_key_is_gift`
/// (`shared/fixtures/pipedrive-samples/json-modal.json`).
pub const BOOL_ITEMS: [(&str, &str); 2] = [("yes", "Yes"), ("no", "No")];

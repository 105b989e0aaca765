//! What the app answers: data (initial load, refetch, block errors), success, or a global error. Typed
//! builders: a block's partial options only take the keys its element allows, and [`FieldErrors`] cannot carry
//! `items` (sending them back would replace the dynamic items set earlier). Pipedrive's docs, *JSON modals user interaction handling*:
//! <https://pipedrive.readme.io/docs/json-modals-user-interaction-handling>.

use super::document::{
    CheckboxGroupOptions, DatepickerOptions, InputOptions, PrimaryOptions, RadioGroupOptions,
    SecondaryOptions, SelectOptions, TextOptions, TextareaOptions,
};
use super::limits::{STATUS_DATA, STATUS_GLOBAL_ERROR, STATUS_SUCCESS};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What the app answers to a modal request.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ModalResponse {
    /// `{"data": {"blocks": {...}, "actions": {...}}}`: initial data, refetch data, or block errors on submit.
    Data(DataResponse),
    /// `{"success": {...}}`: the modal closes and shows a snackbar.
    Success(SuccessResponse),
    /// `{"error": {"message"}}`: a global error shown in the modal, sent with HTTP 400.
    Error(GlobalError),
}

impl ModalResponse {
    /// The HTTP status Pipedrive expects with this body: data 200, success 200, global error 400. The
    /// values are the consts of [`super::limits`].
    pub fn status(&self) -> u16 {
        match self {
            ModalResponse::Data(_) => STATUS_DATA,
            ModalResponse::Success(_) => STATUS_SUCCESS,
            ModalResponse::Error(_) => STATUS_GLOBAL_ERROR,
        }
    }

    /// The body as JSON.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl From<DataResponse> for ModalResponse {
    fn from(r: DataResponse) -> Self {
        ModalResponse::Data(r)
    }
}

impl From<FieldErrors> for ModalResponse {
    fn from(r: FieldErrors) -> Self {
        ModalResponse::Data(r.into())
    }
}

impl From<SuccessResponse> for ModalResponse {
    fn from(r: SuccessResponse) -> Self {
        ModalResponse::Success(r)
    }
}

impl From<GlobalError> for ModalResponse {
    fn from(r: GlobalError) -> Self {
        ModalResponse::Error(r)
    }
}

/// A block's partial options in a data response: the flat options object of its element, no `options`
/// wrapper, no `$ref`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum BlockPatch {
    /// Options of a text block.
    Text(TextOptions),
    /// Options of an input.
    Input(InputOptions),
    /// Options of a textarea.
    Textarea(TextareaOptions),
    /// Options of a select (e.g. its dynamic `items`).
    Select(SelectOptions),
    /// Options of a datepicker.
    Datepicker(DatepickerOptions),
    /// Options of a radio group.
    RadioGroup(RadioGroupOptions),
    /// Options of a checkbox group.
    CheckboxGroup(CheckboxGroupOptions),
    /// An error under the field (from [`FieldErrors`]).
    Error(FieldError),
}

macro_rules! patch_from {
    ($($opt:ident => $variant:ident),*) => {$(
        impl From<$opt> for BlockPatch {
            fn from(o: $opt) -> Self {
                BlockPatch::$variant(o)
            }
        }
    )*};
}
patch_from!(
    TextOptions => Text,
    InputOptions => Input,
    TextareaOptions => Textarea,
    SelectOptions => Select,
    DatepickerOptions => Datepicker,
    RadioGroupOptions => RadioGroup,
    CheckboxGroupOptions => CheckboxGroup,
    FieldError => Error
);

/// An action button's partial options in a data response.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ActionPatch {
    /// Options of the primary button.
    Primary(PrimaryOptions),
    /// Options of the secondary button.
    Secondary(SecondaryOptions),
}

impl From<PrimaryOptions> for ActionPatch {
    fn from(o: PrimaryOptions) -> Self {
        ActionPatch::Primary(o)
    }
}

impl From<SecondaryOptions> for ActionPatch {
    fn from(o: SecondaryOptions) -> Self {
        ActionPatch::Secondary(o)
    }
}

/// `{"data": {"blocks": {...}, "actions": {...}}}`: partial options merged by key into the schema.
/// [`DataResponse::new`] alone keeps the schema as uploaded.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DataResponse {
    data: DataBody,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
struct DataBody {
    blocks: IndexMap<String, BlockPatch>,
    actions: IndexMap<String, ActionPatch>,
}

impl DataResponse {
    /// `{"data": {"blocks": {}, "actions": {}}}`: keeps the schema as uploaded.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets partial options of the block `key`, e.g. `SelectOptions::new().items(...)`.
    pub fn block(mut self, key: impl Into<String>, options: impl Into<BlockPatch>) -> Self {
        self.data.blocks.insert(key.into(), options.into());
        self
    }

    /// Sets partial options of the action button `key`.
    pub fn action(mut self, key: impl Into<String>, options: impl Into<ActionPatch>) -> Self {
        self.data.actions.insert(key.into(), options.into());
        self
    }

    /// The body as JSON.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// An error under one field, optionally repeating its `label` and `value`. It has no `items`, by design.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<Value>,
    error: String,
}

impl FieldError {
    /// The error text shown under the field.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            label: None,
            value: None,
            error: message.into(),
        }
    }

    /// Repeats the field's label (the docs' example does; harmless under merge semantics).
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Repeats (or corrects) the field's value.
    pub fn value(mut self, value: impl Into<Value>) -> Self {
        self.value = Some(value.into());
        self
    }
}

/// Block errors on submit: `{"data": {"blocks": {key: {"error": ...}}, "actions": {}}}`, sent with 200. Only
/// errors (and optionally labels and values): it cannot carry `items`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldErrors {
    blocks: IndexMap<String, FieldError>,
}

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Shows `message` under the block `key`.
    pub fn error(self, key: impl Into<String>, message: impl Into<String>) -> Self {
        self.field(key, FieldError::new(message))
    }

    /// Shows an error under the block `key`, with its label or value repeated.
    pub fn field(mut self, key: impl Into<String>, error: FieldError) -> Self {
        self.blocks.insert(key.into(), error);
        self
    }

    /// Whether no error was added.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

impl From<FieldErrors> for DataResponse {
    fn from(errors: FieldErrors) -> Self {
        errors
            .blocks
            .into_iter()
            .fold(DataResponse::new(), |r, (key, e)| r.block(key, e))
    }
}

/// `{"success": {...}}`: the modal closes and shows a snackbar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SuccessResponse {
    success: Success,
}

/// The body of a success response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Success {
    message: String,
    #[serde(rename = "type")]
    kind: SuccessType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    link: Option<SuccessLink>,
    /// Undocumented; Pipedrive's example app (<https://github.com/pipedrive/example-apps>, `apps/todo`) returns it to
    /// reload its panel.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    refresh_panel_data: Option<bool>,
}

/// `success.type`: only `"snackbar"` is documented ([`SUCCESS_TYPE`](super::limits::SUCCESS_TYPE)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
enum SuccessType {
    #[serde(rename = "snackbar")]
    Snackbar,
}

/// `success.link`: a link shown in the snackbar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct SuccessLink {
    label: String,
    value: String,
}

impl SuccessResponse {
    /// A snackbar message: `{"success": {"message": ..., "type": "snackbar"}}`.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            success: Success {
                message: message.into(),
                kind: SuccessType::Snackbar,
                link: None,
                refresh_panel_data: None,
            },
        }
    }

    /// Adds a link to the snackbar: `link: {label, value}` where `value` is the URL.
    pub fn link(mut self, label: impl Into<String>, url: impl Into<String>) -> Self {
        self.success.link = Some(SuccessLink {
            label: label.into(),
            value: url.into(),
        });
        self
    }

    /// Sets `refreshPanelData` (undocumented; reloads the app's JSON panel in the current view, as
    /// Pipedrive's example app <https://github.com/pipedrive/example-apps> does).
    pub fn refresh_panel_data(mut self, refresh: bool) -> Self {
        self.success.refresh_panel_data = Some(refresh);
        self
    }

    /// The body as JSON.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// `{"error": {"message": ...}}`: a global error shown in the modal, sent with HTTP 400.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GlobalError {
    error: ErrorBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ErrorBody {
    message: String,
}

impl GlobalError {
    /// A global error message; it should tell the user what to do.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            error: ErrorBody {
                message: message.into(),
            },
        }
    }

    /// The body as JSON.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

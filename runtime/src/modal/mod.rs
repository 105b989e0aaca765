//! JSON modals: the schema uploaded to Developer Hub, the submissions and refetches Pipedrive sends, the
//! responses the app returns, and the checks (`shared/spec/json-modals.md`).
//!
//! - [`schema`]: the wire model (blocks, buttons, items, `visibleOn`) and [`ModalDocument`].
//! - [`check`](check_schema): structural checks (JSON Schema, generated from the wire model) and cross-field rules.
//! - [`submission`](parse_submission): lenient parsing of submitted bodies and refetch forms.
//! - [`response`](ModalResponse): typed data, success and error responses.
//! - [`limits`]: every limit, with its source.
//!
//! ```
//! use pdx_runtime::modal::{ModalDocument, InputOptions, PrimaryOptions, PrimaryHandler, ModalSchema};
//! let doc = ModalDocument::new()
//!     .block("name", InputOptions::new().label("Task name"))
//!     .action("save", PrimaryOptions::new().label("Save").handler(PrimaryHandler::Request));
//! let schema = ModalSchema::from_document(&doc);
//! assert!(schema.check().is_empty());
//! ```

mod check;
pub mod limits;
mod reply;
mod response;
pub mod schema;
mod submission;

pub use check::{check_response, check_schema};
pub use reply::{ModalReply, ReplyKind};
pub use response::{
    ActionPatch, BlockPatch, DataResponse, FieldError, FieldErrors, GlobalError, ModalResponse,
    SuccessResponse,
};
pub use schema::{
    Action, ActionKind, Block, CheckboxGroupOptions, ChoiceValue, Condition, Conditions,
    DatepickerOptions, Element, Equals, Includes, InputOptions, InputType, Item, ModalDocument,
    NotEmpty, PrimaryHandler, PrimaryOptions, RadioGroupOptions, SecondaryHandler,
    SecondaryOptions, SelectOptions, SelectValue, TextOptions, TextareaOptions, Visibility,
    VisibleOn,
};
pub use submission::{
    FieldProbe, ModalForm, SubmissionError, ValueKind, locate_error, normalize_submission,
    parse_submission,
};

use crate::problem::Problems;
use indexmap::IndexMap;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A Rust type whose fields are the blocks of a JSON modal. Implemented by `#[derive(JsonModal)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON modal",
    label = "not a JSON modal",
    note = "add `#[derive(pdx::JsonModal, serde::Deserialize)]` to `{Self}`"
)]
pub trait JsonModal: DeserializeOwned {
    /// The modal's schema (built once, cached for the life of the process).
    fn schema() -> &'static ModalSchema;

    /// Parses a submitted body leniently ([`normalize_submission`], then serde). The derive overrides this to
    /// name the block at fault when serde fails.
    fn from_submission(body: &Value) -> Result<Self, SubmissionError> {
        let normalized = normalize_submission(Self::schema(), body)?;
        serde_json::from_value(Value::Object(normalized))
            .map_err(|e| SubmissionError::from_serde(&e))
    }
}

/// One choice of a [`ModalChoice`] enum: an item of a select, radio group or checkbox group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChoiceItem {
    /// The item's value: the variant's serde name.
    pub value: &'static str,
    /// The text shown.
    pub label: &'static str,
    /// Shown but cannot be chosen (`isDisabled`).
    pub disabled: bool,
}

impl ChoiceItem {
    /// The item in the wire model; `V` is `ChoiceValue` for a select, `String` for radio and checkbox groups.
    pub fn to_item<V: From<&'static str>>(&self) -> Item<V> {
        let item = Item::new(self.value, self.label);
        if self.disabled { item.disabled() } else { item }
    }
}

/// A fieldless enum whose variants are the items of a select, radio group or checkbox group. Implemented by
/// `#[derive(ModalChoice)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the value of a choice block",
    label = "a select, radio or checkbox field needs a `ModalChoice` enum here",
    note = "derive `pdx::ModalChoice` on a fieldless enum, or pick the element with `#[modal(input)]`, \
            `#[modal(textarea)]`, or static items `#[modal(select, items((1, \"One\"), (2, \"Two\")))]`"
)]
pub trait ModalChoice: Sized {
    /// The items, in variant order.
    fn choices() -> &'static [ChoiceItem];

    /// This variant's item value (its serde name).
    fn value(&self) -> &'static str;

    /// The items of a select.
    fn select_items() -> Vec<Item<ChoiceValue>> {
        Self::choices().iter().map(ChoiceItem::to_item).collect()
    }

    /// The items of a radio or checkbox group.
    fn string_items() -> Vec<Item<String>> {
        Self::choices().iter().map(ChoiceItem::to_item).collect()
    }
}

/// Marker type of a static text block: `#[modal(text = "...")] intro: pdx::modal::Text`.
///
/// \[DECIDED\]: marker fields need no `#[serde(skip)]`. `Text` is `Default` and deserializes from anything,
/// including an absent key, because whether Pipedrive sends text blocks in the body is \[UNKNOWN\] (§4.5).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Text;

/// Marker type of a separator block: `divider: pdx::modal::Separator`. Deserializes from anything or nothing,
/// like [`Text`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Separator;

macro_rules! marker_deserialize {
    ($($t:ident),*) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("anything")
                    }
                    fn visit_none<E>(self) -> Result<$t, E> {
                        Ok($t)
                    }
                    fn visit_unit<E>(self) -> Result<$t, E> {
                        Ok($t)
                    }
                    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<$t, D::Error> {
                        <serde::de::IgnoredAny as serde::Deserialize>::deserialize(d).map(|_| $t)
                    }
                }
                // `deserialize_option`: a missing field arrives as `none`, any value as `some`.
                deserializer.deserialize_option(V)
            }
        }
    )*};
}
marker_deserialize!(Text, Separator);

/// A JSON modal schema: the file uploaded to Developer Hub, with how each block's submitted value is read.
#[derive(Debug, Clone)]
pub struct ModalSchema {
    value: Value,
    kinds: IndexMap<String, ValueKind>,
}

impl ModalSchema {
    /// The schema of a wire-model document. Value kinds are inferred from the elements
    /// ([`ValueKind::for_element`]); the derive refines them with [`ModalSchema::with_value_kind`].
    pub fn from_document(document: &ModalDocument) -> Self {
        Self::from_checked_value(document.to_value())
    }

    fn from_checked_value(value: Value) -> Self {
        let mut kinds = IndexMap::new();
        if let Some(blocks) = value.pointer(check::BLOCKS).and_then(Value::as_object) {
            for (key, entry) in blocks {
                let Some(element) = entry
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(Element::from_definition)
                else {
                    continue;
                };
                let input_type = entry.pointer("/options/type").and_then(Value::as_str);
                kinds.insert(key.clone(), ValueKind::for_element(element, input_type));
            }
        }
        Self { value, kinds }
    }

    /// Reads an uploaded schema file: checks it ([`check_schema`]). Errors (not warnings) make it fail.
    pub fn from_value(value: Value) -> Result<Self, Problems> {
        check_schema(&value).into_result()?;
        Ok(Self::from_checked_value(value))
    }

    /// Sets how block `key`'s submitted value is read.
    pub fn with_value_kind(mut self, key: &str, kind: ValueKind) -> Self {
        if let Some(k) = self.kinds.get_mut(key) {
            *k = kind;
        }
        self
    }

    /// How each block's submitted value is read, in block order.
    pub fn value_kinds(&self) -> &IndexMap<String, ValueKind> {
        &self.kinds
    }

    /// The exact JSON to upload.
    pub fn to_value(&self) -> &Value {
        &self.value
    }

    /// The JSON to upload, pretty-printed.
    pub fn to_string_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.value).unwrap_or_default()
    }

    /// The schema as the wire model.
    pub fn document(&self) -> Result<ModalDocument, serde_json::Error> {
        ModalDocument::from_value(&self.value)
    }

    /// Checks the schema itself ([`check_schema`]).
    pub fn check(&self) -> Problems {
        check_schema(&self.value)
    }

    /// The block keys, in order.
    pub fn block_keys(&self) -> impl Iterator<Item = &str> {
        self.kinds.keys().map(String::as_str)
    }

    /// The element of block `key`.
    pub fn element(&self, key: &str) -> Option<Element> {
        self.block(key)?
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(Element::from_definition)
    }

    fn block(&self, key: &str) -> Option<&Value> {
        self.value.pointer(check::BLOCKS)?.get(key)
    }

    /// Whether `key` names a block with `fetchOnChange: true` (a valid `invoker`).
    pub fn is_fetch_on_change(&self, key: &str) -> bool {
        self.element(key).is_some_and(Element::takes_input)
            && self
                .block(key)
                .and_then(|b| b.pointer("/options/fetchOnChange"))
                .and_then(Value::as_bool)
                .unwrap_or(false)
    }

    /// Checks a response body the way Pipedrive does: merge into the schema by key, then check the result
    /// ([`check_response`]).
    pub fn check_response(&self, response: &Value) -> Problems {
        check_response(&self.value, response)
    }
}

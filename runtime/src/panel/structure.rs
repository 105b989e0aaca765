//! The data structure file (Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>): its wire model, how it is read and how it is written.

use super::check::{self, ResponseChecker};
use crate::problem::Problems;
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;
use std::sync::Arc;

/// The type of a panel field: the `<type>` of its `"$ref": "#/definitions/<type>"` ([`FIELD_TYPES`](super::limits::FIELD_TYPES)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FieldType {
    /// The object's title: a string. Required in multiple-object panels.
    #[serde(rename = "#/definitions/header")]
    Header,
    /// A string, or `{"markdown": true, "value": string}`; truncated after 255 characters.
    #[serde(rename = "#/definitions/text")]
    Text,
    /// A JSON number.
    #[serde(rename = "#/definitions/numerical")]
    Numerical,
    /// A string `YYYY-MM-DD`.
    #[serde(rename = "#/definitions/date")]
    Date,
    /// A string `hh:mm:ss` with an offset, e.g. `20:20:39+02:00`.
    #[serde(rename = "#/definitions/time")]
    Time,
    /// An RFC 3339 date-time string with an offset or `Z`.
    #[serde(rename = "#/definitions/date-time")]
    DateTime,
    /// An email address (a string), rendered as a mailto link.
    #[serde(rename = "#/definitions/email")]
    Email,
    /// A URL string, or `{"value": url, "external": bool, "label"?: string}`.
    #[serde(rename = "#/definitions/link")]
    Link,
    /// A phone number (a string).
    #[serde(rename = "#/definitions/phone")]
    Phone,
    /// An address (a string).
    #[serde(rename = "#/definitions/address")]
    Address,
    /// `{"code": string, "value": number}`.
    #[serde(rename = "#/definitions/currency")]
    Currency,
    /// `{"color": "green"|"red"|"blue"|"yellow"|"purple"|"grey", "label": string}`.
    #[serde(rename = "#/definitions/label")]
    Label,
    /// An array of strings.
    #[serde(rename = "#/definitions/tags")]
    Tags,
}

impl FieldType {
    /// Every field type, in the docs' order.
    pub const ALL: [FieldType; 13] = [
        FieldType::Header,
        FieldType::Text,
        FieldType::Numerical,
        FieldType::Date,
        FieldType::Time,
        FieldType::DateTime,
        FieldType::Email,
        FieldType::Link,
        FieldType::Phone,
        FieldType::Address,
        FieldType::Currency,
        FieldType::Label,
        FieldType::Tags,
    ];

    /// The type's name as Pipedrive spells it (`date-time`): its entry in
    /// [`FIELD_TYPES`](super::limits::FIELD_TYPES), which lists the types in the order of [`FieldType::ALL`].
    pub const fn name(self) -> &'static str {
        pdx_format::panel::FIELD_TYPES[self as usize]
    }

    /// The `$ref` value naming this type: `#/definitions/<type>`.
    pub fn reference(self) -> String {
        format!("{REF_PREFIX}{}", self.name())
    }

    /// The type named by a `$ref` value, if it is one of the 13.
    pub fn from_reference(reference: &str) -> Option<FieldType> {
        let name = reference.strip_prefix(REF_PREFIX)?;
        Self::from_name(name)
    }

    /// The type of this name (`date-time`), if it is one of the 13.
    pub fn from_name(name: &str) -> Option<FieldType> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Whether the response value of this type is a plain JSON string (so a Rust string can hold it).
    pub const fn is_string(self) -> bool {
        matches!(
            self,
            FieldType::Header
                | FieldType::Text
                | FieldType::Date
                | FieldType::Time
                | FieldType::DateTime
                | FieldType::Email
                | FieldType::Link
                | FieldType::Phone
                | FieldType::Address
        )
    }
}

/// `{"enum": [...]}`: schemars would write a `oneOf` of one `const` per documented variant, which jsonschema
/// reports as one opaque error; an `enum` error names the bad value (a `type` too would report a number twice).
impl JsonSchema for FieldType {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FieldType".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "enum": FieldType::ALL.iter().map(|t| t.reference()).collect::<Vec<_>>()
        })
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What every `$ref` starts with.
pub(crate) const REF_PREFIX: &str = pdx_format::panel::REF_PREFIX;

/// One field of a panel object: `{"$ref": "#/definitions/<type>", "label"?: string}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
pub struct FieldDefinition {
    /// The field's type.
    #[serde(rename = "$ref")]
    pub field_type: FieldType,
    /// The label shown beside the value; Pipedrive shows the key when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "String")]
    pub label: Option<String>,
    /// Keys the format does not know, kept as read (a warning of the checks); never written out.
    #[serde(flatten, skip_serializing)]
    #[schemars(skip)]
    pub unknown_keys: IndexMap<String, Value>,
}

impl FieldDefinition {
    /// A field of this type, with no label.
    pub fn new(field_type: FieldType) -> Self {
        Self {
            field_type,
            label: None,
            unknown_keys: IndexMap::new(),
        }
    }

    /// Sets the label.
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// `"type": "object"`: the only value allowed for an object's `type`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
enum ObjectTag {
    #[default]
    #[serde(rename = "object")]
    Object,
}

/// One panel object: `{"type": "object", "required"?: [...], "properties": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("additionalProperties" = false))]
pub struct ObjectStructure {
    // `default`: a multiple-object file's `items` may omit it (a warning of the checks).
    #[serde(rename = "type", default)]
    tag: ObjectTag,
    /// Keys that every response object must hold, non-null (each one a key of `properties`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// The fields, by key, in the order the panel shows them.
    #[schemars(with = "std::collections::BTreeMap<String, FieldDefinition>")]
    pub properties: IndexMap<String, FieldDefinition>,
    /// Keys the format does not know, kept as read (a warning of the checks); never written out.
    #[serde(flatten, skip_serializing)]
    #[schemars(skip)]
    pub unknown_keys: IndexMap<String, Value>,
}

impl ObjectStructure {
    /// An object with these fields and required keys.
    pub fn new(properties: IndexMap<String, FieldDefinition>, required: Vec<String>) -> Self {
        Self {
            tag: ObjectTag::Object,
            required,
            properties,
            unknown_keys: IndexMap::new(),
        }
    }

    /// The key of the `header` field, if there is one.
    pub fn header_key(&self) -> Option<&str> {
        self.properties
            .iter()
            .find(|(_, f)| f.field_type == FieldType::Header)
            .map(|(k, _)| k.as_str())
    }

    /// Whether `key` is in `required`.
    pub fn is_required(&self, key: &str) -> bool {
        self.required.iter().any(|r| r == key)
    }
}

/// Single-object or multiple-object panel: the data structure's root shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PanelKind {
    /// `{"type": "object", ...}`: one set of fields.
    Single,
    /// `{"type": "array", "items": {...}}`: a list of objects, each titled by its header.
    Multiple,
}

/// One field as the derive describes it (see [`DataStructure::from_fields`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StructureField {
    /// The key, as serde serializes it.
    pub key: &'static str,
    /// The field type.
    pub field_type: FieldType,
    /// The label, if one is written.
    pub label: Option<&'static str>,
    /// Whether the key goes in `required`.
    pub required: bool,
}

/// A panel data structure: the file uploaded to Developer Hub, with the response checker built from it.
///
/// The response checker (a JSON Schema built from this structure, see [`DataStructure::response_schema`]) is
/// compiled once, when the structure is made, and shared by clones.
#[derive(Debug, Clone)]
pub struct DataStructure {
    kind: PanelKind,
    object: ObjectStructure,
    value: Value,
    checker: Arc<ResponseChecker>,
}

impl DataStructure {
    /// A structure from its typed model.
    pub fn new(kind: PanelKind, object: ObjectStructure) -> Self {
        let value = emit(kind, &object);
        let checker = Arc::new(ResponseChecker::new(kind, &object));
        Self {
            kind,
            object,
            value,
            checker,
        }
    }

    /// A structure from the fields a `#[derive(JsonPanel)]` type declares, in declaration order.
    pub fn from_fields(kind: PanelKind, fields: &[StructureField]) -> Self {
        let mut properties = IndexMap::new();
        let mut required = Vec::new();
        for f in fields {
            let mut def = FieldDefinition::new(f.field_type);
            def.label = f.label.map(str::to_owned);
            properties.insert(f.key.to_owned(), def);
            if f.required {
                required.push(f.key.to_owned());
            }
        }
        Self::new(kind, ObjectStructure::new(properties, required))
    }

    /// Reads an uploaded data structure file: checks it ([`check_data_structure`](super::check_data_structure))
    /// and prepares the response checker. Errors (not warnings) make it fail; unknown keys are kept in the model
    /// but not written out again.
    pub fn from_value(value: Value) -> Result<Self, Problems> {
        check::check_data_structure(&value).into_result()?;
        let (kind, object_value, prefix) = match value.get("type").and_then(Value::as_str) {
            Some("array") => (
                PanelKind::Multiple,
                value.get("items").cloned().unwrap_or(Value::Null),
                "/items",
            ),
            _ => (PanelKind::Single, value, ""),
        };
        let object: ObjectStructure = serde_json::from_value(object_value).map_err(|e| {
            let mut ps = Problems::new();
            ps.error(prefix, format!("cannot read the data structure: {e}"));
            ps
        })?;
        Ok(Self::new(kind, object))
    }

    /// The exact JSON to upload: `type`, `required` (when not empty), `properties` (or `type`, `items`); each
    /// field `$ref` then `label`.
    pub fn to_value(&self) -> &Value {
        &self.value
    }

    /// The JSON to upload, pretty-printed.
    pub fn to_string_pretty(&self) -> String {
        // Serializing a `Value` to a string cannot fail (its map keys are strings).
        serde_json::to_string_pretty(&self.value).unwrap_or_default()
    }

    /// Single-object or multiple-object.
    pub fn kind(&self) -> PanelKind {
        self.kind
    }

    /// True for a multiple-object (list) panel.
    pub fn is_multiple(&self) -> bool {
        self.kind == PanelKind::Multiple
    }

    /// The object's fields (for a multiple-object panel, those of each item).
    pub fn object(&self) -> &ObjectStructure {
        &self.object
    }

    /// The JSON Schema that a response must satisfy, built from this structure (what
    /// [`check_response`](Self::check_response) runs, before the checks JSON Schema cannot express).
    pub fn response_schema(&self) -> &Value {
        self.checker.schema()
    }

    /// The response checker, for the typed check.
    pub(crate) fn checker(&self) -> &ResponseChecker {
        &self.checker
    }

    /// Checks a response body against this structure: every problem with the JSON pointer of the offending value.
    pub fn check_response(&self, response: &Value) -> Problems {
        self.checker.check(response, &self.object)
    }
}

/// Writes the structure in the documented key order.
fn emit(kind: PanelKind, object: &ObjectStructure) -> Value {
    let mut obj = Map::new();
    obj.insert("type".into(), Value::from("object"));
    if !object.required.is_empty() {
        obj.insert("required".into(), Value::from(object.required.clone()));
    }
    let mut props = Map::new();
    for (key, def) in &object.properties {
        let mut field = Map::new();
        field.insert("$ref".into(), Value::from(def.field_type.reference()));
        if let Some(label) = &def.label {
            field.insert("label".into(), Value::from(label.clone()));
        }
        props.insert(key.clone(), Value::Object(field));
    }
    obj.insert("properties".into(), Value::Object(props));
    match kind {
        PanelKind::Single => Value::Object(obj),
        PanelKind::Multiple => {
            let mut root = Map::new();
            root.insert("type".into(), Value::from("array"));
            root.insert("items".into(), Value::Object(obj));
            Value::Object(root)
        }
    }
}

/// The pointer of the object structure inside the file.
pub(crate) fn object_pointer(kind: PanelKind) -> &'static str {
    match kind {
        PanelKind::Single => "",
        PanelKind::Multiple => "/items",
    }
}

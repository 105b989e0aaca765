//! The data structure file (Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>): its wire model, how it is read and how it is written.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt;

/// The type of a panel field: the `<type>` of its `"$ref": "#/definitions/<type>"` ([`FIELD_TYPES`](super::limits::FIELD_TYPES)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
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

/// One field as the derive describes it (see [`DataStructure::from_fields`](super::DataStructure::from_fields)).
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

/// The pointer of the object structure inside the file.
pub(crate) fn object_pointer(kind: PanelKind) -> &'static str {
    match kind {
        PanelKind::Single => "",
        PanelKind::Multiple => "/items",
    }
}

//! The wire model of a data structure file's object (Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>): [`ObjectStructure`] and its
//! [`FieldDefinition`]s, with [`PanelKind`] (the root's shape) and [`StructureField`] (a field as the derive
//! describes it).

use super::field_type::FieldType;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One field of a panel object: `{"$ref": "#/definitions/<type>", "label"?: string}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "validate", schemars(extend("additionalProperties" = false)))]
pub struct FieldDefinition {
    /// The field's type.
    #[serde(rename = "$ref")]
    pub field_type: FieldType,
    /// The label shown beside the value; Pipedrive shows the key when there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "validate", schemars(with = "String"))]
    pub label: Option<String>,
    /// Keys the format does not know, kept as read (a warning of the checks); never written out.
    #[serde(flatten, skip_serializing)]
    #[cfg_attr(feature = "validate", schemars(skip))]
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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
enum ObjectTag {
    #[default]
    #[serde(rename = "object")]
    Object,
}

/// One panel object: `{"type": "object", "required"?: [...], "properties": {...}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "validate", schemars(extend("additionalProperties" = false)))]
pub struct ObjectStructure {
    // `default`: a multiple-object file's `items` may omit it (a warning of the checks).
    #[serde(rename = "type", default)]
    tag: ObjectTag,
    /// Keys that every response object must hold, non-null (each one a key of `properties`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// The fields, by key, in the order the panel shows them.
    #[cfg_attr(
        feature = "validate",
        schemars(with = "std::collections::BTreeMap<String, FieldDefinition>")
    )]
    pub properties: IndexMap<String, FieldDefinition>,
    /// Keys the format does not know, kept as read (a warning of the checks); never written out.
    #[serde(flatten, skip_serializing)]
    #[cfg_attr(feature = "validate", schemars(skip))]
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

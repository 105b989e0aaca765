//! [`DataStructure`]: a panel's data structure file with the response checker built from it (Pipedrive's docs,
//! *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>). Apart from the wire model in
//! `structure`, so that the checks can read the model without depending on this file.

use super::check::{self, ResponseChecker};
use super::structure::{FieldDefinition, ObjectStructure, PanelKind, StructureField};
use crate::problem::Problems;
use indexmap::IndexMap;
use serde_json::{Map, Value};
use std::sync::Arc;

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

//! What a data structure's JSON Schema cannot say (Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>): `required` ⊆ `properties`, one `header` (needed
//! in a multiple-object panel), at most 20 other fields, labels in sentence case. Plain Rust over the file's JSON,
//! with no JSON Schema: [`DataStructure::check`](super::DataStructure::check) runs these alone (a structure built
//! from the typed model has the schema's shape by construction), the check of a hand-written file runs them
//! after its schema.

use super::field_type::FieldType;
use super::limits::MAX_FIELDS;
use super::object_structure::{PanelKind, object_pointer};
use super::value_rules::sentence_case_rule;
use crate::problem::{Problems, pointer_push};
use pdx_format::page::JSON_PANELS;
use serde_json::{Map, Value};
use std::collections::HashSet;

/// The rules of a data structure file beyond its JSON Schema.
pub(crate) fn structure_rules(doc: &Value, problems: &mut Problems) {
    let multiple = doc.get("type").and_then(Value::as_str) == Some("array");
    let kind = if multiple {
        PanelKind::Multiple
    } else {
        PanelKind::Single
    };
    let object_ptr = object_pointer(kind);
    let object = if multiple {
        doc.get("items")
    } else {
        Some(doc)
    };
    let Some(object) = object.and_then(Value::as_object) else {
        return;
    };
    if multiple && !object.contains_key("type") {
        // Pipedrive's docs always show `"type": "object"` in `items` but never say it is required, and a public
        // app's data structure ships without it: a warning, not an error.
        problems.warning(
            object_ptr,
            format!(
                "`items` has no `\"type\": \"object\"`: Pipedrive's docs always write it ({JSON_PANELS}); add it to \
                 be safe"
            ),
        );
    }
    let properties = object.get("properties").and_then(Value::as_object);
    if let (Some(required), Some(properties)) =
        (object.get("required").and_then(Value::as_array), properties)
    {
        required_rules(object_ptr, required, properties, problems);
    }
    if let Some(properties) = properties {
        field_rules(
            &format!("{object_ptr}/properties"),
            properties,
            multiple,
            problems,
        );
    }
}

/// Each key of `required` is a key of `properties`, listed once.
fn required_rules(
    object_ptr: &str,
    required: &[Value],
    properties: &Map<String, Value>,
    problems: &mut Problems,
) {
    let mut listed = HashSet::with_capacity(required.len());
    for (i, key) in required.iter().enumerate() {
        let Some(key) = key.as_str() else { continue };
        let here = || pointer_push(&format!("{object_ptr}/required"), i);
        if !properties.contains_key(key) {
            problems.error(
                here(),
                format!("`{key}` is in `required` but is not a key of `properties`"),
            );
        } else if !listed.insert(key) {
            problems.warning(here(), format!("`{key}` is listed twice in `required`"));
        }
    }
}

/// The fields: at most one `header` (one needed in a multiple-object panel), at most [`MAX_FIELDS`] others,
/// labels in sentence case, at least one field.
fn field_rules(
    properties_ptr: &str,
    properties: &Map<String, Value>,
    multiple: bool,
    problems: &mut Problems,
) {
    let header_ref = FieldType::Header.reference();
    let mut header: Option<&str> = None;
    let mut others = 0usize;
    for (key, def) in properties {
        let field_ptr = || pointer_push(properties_ptr, key);
        if let Some(label) = def.get("label").and_then(Value::as_str) {
            sentence_case_rule(label, &|| pointer_push(&field_ptr(), "label"), problems);
        }
        if def.get("$ref").and_then(Value::as_str) != Some(header_ref.as_str()) {
            others += 1;
            continue;
        }
        match header {
            None => header = Some(key),
            Some(first) => problems.error(
                pointer_push(&field_ptr(), "$ref"),
                format!("a second `header` field (`{first}` is the header already): an object has at most one"),
            ),
        }
    }
    if multiple && header.is_none() {
        problems.error(
            properties_ptr,
            "a multiple-object panel needs a `header` field (`\"$ref\": \"#/definitions/header\"`): it titles each \
             object",
        );
    }
    if others > MAX_FIELDS {
        problems.error(
            properties_ptr,
            format!(
                "{others} fields besides the header: a panel object shows at most {MAX_FIELDS}"
            ),
        );
    }
    if properties.is_empty() {
        problems.warning(properties_ptr, "no fields: the panel would show nothing");
    }
}

//! [`DataStructure`]: a panel's data structure file with what its checks need (Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>). The wire model is in `object_structure`.

use super::object_structure::{FieldDefinition, ObjectStructure, PanelKind, StructureField};
use super::plan::Plan;
use super::structure_rules::structure_rules;
use crate::problem::Problems;
use indexmap::IndexMap;
use serde_json::{Map, Value};
use std::sync::Arc;

/// A panel data structure: the file uploaded to Developer Hub, with its response checks prepared.
///
/// The typed check's view of it is built when the structure is made; the JSON Schema of its responses (feature
/// `validate`, see `DataStructure::response_schema`) is compiled the first time a response needs it. Clones
/// share both.
#[derive(Debug, Clone)]
pub struct DataStructure {
    kind: PanelKind,
    object: ObjectStructure,
    value: Value,
    checks: Arc<Checks>,
}

/// What the response checks of one structure need, built once.
#[derive(Debug)]
struct Checks {
    plan: Plan,
    #[cfg(feature = "validate")]
    schema: std::sync::OnceLock<super::response_check::SchemaChecker>,
}

impl DataStructure {
    /// A structure from its typed model.
    pub fn new(kind: PanelKind, object: ObjectStructure) -> Self {
        let value = emit(kind, &object);
        let checks = Arc::new(Checks {
            plan: Plan::new(kind, &object),
            #[cfg(feature = "validate")]
            schema: std::sync::OnceLock::new(),
        });
        Self {
            kind,
            object,
            value,
            checks,
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

    /// Checks the structure itself: `required` ⊆ `properties`, one `header` (needed in a multiple-object panel),
    /// at most 20 other fields, labels in sentence case (a warning). The model's types already give the file its
    /// shape, so this is the check of a hand-written file (`check_data_structure`,
    /// feature `validate`) without its JSON Schema: the same problems for a structure made from the model.
    pub fn check(&self) -> Problems {
        let mut problems = Problems::new();
        structure_rules(&self.value, &mut problems);
        problems
    }

    /// The typed check's view of the structure.
    pub(crate) fn plan(&self) -> &Plan {
        &self.checks.plan
    }
}

#[cfg(feature = "validate")]
impl DataStructure {
    /// Reads an uploaded data structure file: checks it ([`check_data_structure`](super::check_data_structure))
    /// and prepares its response checks. Errors (not warnings) make it fail; unknown keys are kept in the model
    /// but not written out again.
    pub fn from_value(value: Value) -> Result<Self, Problems> {
        super::check_data_structure(&value).into_result()?;
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

    /// The JSON Schema that a response must satisfy, built from this structure (what
    /// [`check_response`](Self::check_response) runs, before the rules JSON Schema cannot express).
    pub fn response_schema(&self) -> &Value {
        self.schema_checker().schema()
    }

    /// Checks a response body against this structure: every problem with the JSON pointer of the offending value.
    pub fn check_response(&self, response: &Value) -> Problems {
        self.schema_checker().check(response, &self.object)
    }

    /// Checks what the panel's endpoint answered, as Pipedrive reads it: a body with a top-level `error` and no
    /// `data` is the error state ([`check_error_body`](super::check_error_body)), any other body a response
    /// ([`check_response`](Self::check_response)). With the HTTP `status`, a body that does not go with it is
    /// an error: Pipedrive shows the error state for a 4xx or 5xx status and the objects for a 2xx one.
    pub fn check_answer(&self, status: Option<u16>, body: &Value) -> Problems {
        let error_body = body.get("error").is_some() && body.get("data").is_none();
        let mut problems = Problems::new();
        match status {
            Some(200..=299) if error_body => problems.error(
                "",
                format!(
                    "an error body sent with status {}: Pipedrive shows the error state only for a 4xx or 5xx \
                     status",
                    status.unwrap_or_default()
                ),
            ),
            Some(status @ (400..=599)) if !error_body => problems.error(
                "",
                format!(
                    "status {status} shows the panel's error state, whose body is `{{\"error\": {{\"title\": \
                     ...}}}}`, not a response with `data`"
                ),
            ),
            Some(status) if !(200..=299).contains(&status) && !(400..=599).contains(&status) => {
                problems.error(
                    "",
                    format!(
                        "status {status}: a panel endpoint answers 200 with its objects or a 4xx/5xx status with \
                         its error state"
                    ),
                )
            }
            _ => {}
        }
        problems.extend(if error_body {
            super::check_error_body(body)
        } else {
            self.check_response(body)
        });
        problems
    }

    fn schema_checker(&self) -> &super::response_check::SchemaChecker {
        self.checks
            .schema
            .get_or_init(|| super::response_check::SchemaChecker::new(self.kind, &self.object))
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

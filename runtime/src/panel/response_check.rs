//! The check of a panel response as a `serde_json::Value` (feature `validate`; Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>): the JSON Schema built from the data structure,
//! each jsonschema error said in words at its pointer, then the [value rules](super::value_rules) on every value.
//! The typed check of derived types ([`PanelResponse::to_checked_json`](super::PanelResponse::to_checked_json))
//! reports the same problems without a `Value`.

use super::field_type::FieldType;
use super::limits::MAX_OBJECTS;
use super::links::{ExternalLink, Settings};
use super::object_structure::{ObjectStructure, PanelKind};
use super::response_words::{Spot, markdown_not_true, unknown_label_colour};
use super::value::LabelColor;
use super::value_rules::{
    external_link_label_rules, label_rules, markdown_rules, string_rules, too_many_objects,
};
use crate::json_schema::{self, DIALECT, Entries, Found, counted_past_cap, kind_message, tokens};
use crate::problem::{Problems, Severity, pointer_push};
use crate::script_url;
use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::{Map, Value, json};
use std::collections::HashSet;
use std::fmt;

/// The JSON Schema of one value of a field type (the field types table of *JSON panels*). `null` is handled by the caller.
pub fn value_schema(field_type: FieldType) -> Value {
    let string = json!({ "type": "string" });
    match field_type {
        FieldType::Header
        | FieldType::Date
        | FieldType::Time
        | FieldType::DateTime
        | FieldType::Email
        | FieldType::Phone
        | FieldType::Address => string,
        FieldType::Text => json!({
            "if": { "type": "object" },
            "then": {
                "required": ["markdown", "value"],
                "properties": { "markdown": { "const": true }, "value": { "type": "string" } },
                "additionalProperties": false
            },
            "else": string
        }),
        FieldType::Link => json!({
            "if": { "type": "object" },
            "then": {
                "required": ["value", "external"],
                "properties": {
                    "value": { "type": "string" },
                    "external": { "type": "boolean" },
                    "label": { "type": "string" }
                },
                "additionalProperties": false
            },
            "else": string
        }),
        FieldType::Numerical => json!({ "type": "number" }),
        FieldType::Currency => json!({
            "type": "object",
            "required": ["code", "value"],
            "properties": { "code": { "type": "string" }, "value": { "type": "number" } },
            "additionalProperties": false
        }),
        FieldType::Label => json!({
            "type": "object",
            "required": ["color", "label"],
            "properties": {
                "color": { "enum": LabelColor::ALL.iter().map(|c| c.name()).collect::<Vec<_>>() },
                "label": { "type": "string" }
            },
            "additionalProperties": false
        }),
        FieldType::Tags => json!({ "type": "array", "items": { "type": "string" } }),
    }
}

/// The JSON Schema of one panel object of this structure.
fn object_schema(object: &ObjectStructure, nothing_allowed: bool) -> Value {
    let required: HashSet<&str> = object.required.iter().map(String::as_str).collect();
    let mut properties = Map::new();
    for (key, def) in &object.properties {
        let value = value_schema(def.field_type);
        let schema = if required.contains(key.as_str()) {
            value
        } else {
            // `null` only for keys that are not in `required` (the docs call those the fields that must have a value).
            json!({ "if": { "type": "null" }, "then": true, "else": value })
        };
        properties.insert(key.clone(), schema);
    }
    let mut schema =
        json!({ "type": "object", "properties": properties, "additionalProperties": false });
    let mut listed = HashSet::new();
    let required: Vec<&String> = object
        .required
        .iter()
        .filter(|k| object.properties.contains_key(*k) && listed.insert(k.as_str()))
        .collect();
    if let (false, Value::Object(map)) = (required.is_empty(), &mut schema) {
        if nothing_allowed {
            // `{"data": {}}` is "nothing to show", whatever is required.
            map.insert("if".into(), json!({ "minProperties": 1 }));
            map.insert("then".into(), json!({ "required": required }));
        } else {
            map.insert("required".into(), json!(required));
        }
    }
    schema
}

/// The JSON Schema of a whole response to a panel of this structure.
pub fn response_schema(kind: PanelKind, object: &ObjectStructure) -> Value {
    let data = match kind {
        PanelKind::Single => object_schema(object, true),
        PanelKind::Multiple => json!({
            "type": "array",
            "maxItems": MAX_OBJECTS,
            "items": object_schema(object, false)
        }),
    };
    json!({
        "$schema": DIALECT,
        "type": "object",
        "required": ["data"],
        "properties": {
            "data": data,
            "external_link": json_schema::schema_of::<ExternalLink>(),
            "settings": json_schema::schema_of::<Settings>()
        },
        // Any other top-level key is an error: the docs list only these three.
        "additionalProperties": false
    })
}

/// The schema check of the responses to one data structure: its schema, compiled once, with the objects of a
/// multiple-object `data` checked one at a time.
pub(crate) struct SchemaChecker {
    kind: PanelKind,
    schema: Value,
    entries: Entries,
    /// The keys in `required`, for a lookup per reported problem.
    required: HashSet<String>,
}

impl fmt::Debug for SchemaChecker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SchemaChecker")
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

impl SchemaChecker {
    pub(crate) fn new(kind: PanelKind, object: &ObjectStructure) -> Self {
        let schema = response_schema(kind, object);
        let collections: &[&str] = match kind {
            PanelKind::Single => &[],
            PanelKind::Multiple => &["/data"],
        };
        Self {
            kind,
            entries: Entries::new(schema.clone(), collections),
            schema,
            required: object.required.iter().cloned().collect(),
        }
    }

    pub(crate) fn schema(&self) -> &Value {
        &self.schema
    }

    pub(crate) fn check(&self, response: &Value, object: &ObjectStructure) -> Problems {
        let mut problems = Problems::new();
        let cx = Context {
            kind: self.kind,
            object,
            required: &self.required,
        };
        self.entries
            .check(response, "", &mut problems, |at, error, problems| {
                if !counted_past_cap(error, Severity::Error, problems) {
                    response_problem(at, error, &cx, problems);
                }
            });
        response_rules(response, self.kind, object, &mut problems);
        problems
    }
}

/// What a pointer into a response is read against.
struct Context<'a> {
    kind: PanelKind,
    object: &'a ObjectStructure,
    required: &'a HashSet<String>,
}

/// Where in a response a pointer lands, and the path below that place.
fn place<'a>(tokens: &'a [String], cx: &Context<'a>) -> Option<(Spot<'a>, &'a [String])> {
    let field = |rest: &'a [String]| match rest {
        [key, inner @ ..] => cx.object.properties.get(key).map(|def| {
            let spot = Spot::Field {
                key,
                field_type: def.field_type,
                required: cx.required.contains(key.as_str()),
            };
            (spot, inner)
        }),
        [] => None,
    };
    match tokens {
        [] => Some((Spot::Root, tokens)),
        [first, rest @ ..] if first == "external_link" => Some((Spot::ExternalLink, rest)),
        [first, rest @ ..] if first == "settings" => Some((Spot::Settings, rest)),
        [first] if first == "data" => Some((Spot::Data(cx.kind), &[])),
        [first, rest @ ..] if first == "data" => match cx.kind {
            PanelKind::Single => field(rest),
            PanelKind::Multiple => match rest {
                [_index] => Some((Spot::Object, &[])),
                [_index, rest @ ..] => field(rest),
                [] => None,
            },
        },
        _ => None,
    }
}

/// One jsonschema error of a response, in words at its pointer.
fn response_problem(
    at: &str,
    error: &ValidationError<'_>,
    cx: &Context<'_>,
    problems: &mut Problems,
) {
    let tokens = tokens(at);
    let place = place(&tokens, cx);
    let instance = error.instance();
    match (place, error.kind()) {
        (Some((spot, _)), ValidationErrorKind::AdditionalProperties { unexpected }) => {
            for key in unexpected {
                problems.error(pointer_push(at, key), spot.unknown_key(key));
            }
        }
        (None, ValidationErrorKind::AdditionalProperties { unexpected }) => {
            for key in unexpected {
                problems.error(pointer_push(at, key), format!("unknown key `{key}`"));
            }
        }
        (Some((spot, inner)), kind) => problems.error(at, message(spot, inner, kind, instance)),
        (None, kind) => problems.error(at, kind_message(kind, instance)),
    }
}

/// The message of an error at `spot` (`inner`: the path below it).
fn message(
    spot: Spot<'_>,
    inner: &[String],
    kind: &ValidationErrorKind,
    instance: &Value,
) -> String {
    let found = Found(instance);
    match (spot, inner, kind) {
        (_, [], ValidationErrorKind::Type { .. }) => spot.wrong_type(&found, instance.is_null()),
        (_, [], ValidationErrorKind::Required { property }) => {
            spot.missing(property.as_str().unwrap_or_default())
        }
        (Spot::Data(_), [], ValidationErrorKind::MaxItems { .. }) => {
            too_many_objects(instance.as_array().map_or(0, Vec::len))
        }
        (Spot::Field { field_type, .. }, [k], ValidationErrorKind::Enum { .. })
            if field_type == FieldType::Label && k == "color" =>
        {
            unknown_label_colour(&found)
        }
        (Spot::Field { field_type, .. }, [k], ValidationErrorKind::Constant { .. })
            if field_type == FieldType::Text && k == "markdown" =>
        {
            markdown_not_true(&found)
        }
        (_, _, kind) => spot.inside(&kind_message(kind, instance)),
    }
}

/// The string member `key` of an object-form value.
fn member<'v>(m: &'v Map<String, Value>, key: &str) -> Option<&'v str> {
    m.get(key).and_then(Value::as_str)
}

/// The value rules on a response: the footer links, then every value of `data`, in document order (the order
/// of the typed check).
fn response_rules(
    response: &Value,
    kind: PanelKind,
    object: &ObjectStructure,
    problems: &mut Problems,
) {
    let text = |pointer: &str| response.pointer(pointer).and_then(Value::as_str);
    if let Some(url) = text("/external_link/url") {
        script_url::check_url(url, &|| "/external_link/url".to_owned(), problems);
    }
    if let Some(label) = text("/external_link/label") {
        external_link_label_rules(label, problems);
    }
    if let Some(url) = text("/settings/url") {
        script_url::check_url(url, &|| "/settings/url".to_owned(), problems);
    }
    let Some(data) = response.get("data") else {
        return;
    };
    match (kind, data) {
        (PanelKind::Single, Value::Object(fields)) => {
            object_rules("/data", fields, object, problems)
        }
        (PanelKind::Multiple, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                if let Value::Object(fields) = item {
                    object_rules(&pointer_push("/data", i), fields, object, problems);
                }
            }
        }
        _ => {}
    }
}

fn object_rules(
    at: &str,
    fields: &Map<String, Value>,
    object: &ObjectStructure,
    problems: &mut Problems,
) {
    for (key, value) in fields {
        if let Some(def) = object.properties.get(key) {
            value_rules(&pointer_push(at, key), def.field_type, value, problems);
        }
    }
}

fn value_rules(at: &str, field_type: FieldType, value: &Value, problems: &mut Problems) {
    match (field_type, value) {
        (_, Value::String(s)) => string_rules(field_type, s, &|| at.to_owned(), problems),
        (FieldType::Text, Value::Object(m)) => {
            if let Some(s) = member(m, "value") {
                markdown_rules(s, &|| pointer_push(at, "value"), problems);
            }
        }
        (FieldType::Link, Value::Object(m)) => {
            if let Some(url) = member(m, "value") {
                script_url::check_url(url, &|| pointer_push(at, "value"), problems);
            }
        }
        (FieldType::Label, Value::Object(m)) => {
            if let Some(s) = member(m, "label") {
                label_rules(s, &|| pointer_push(at, "label"), problems);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemas_compile() {
        for t in FieldType::ALL {
            assert!(json_schema::compile(&value_schema(t)).is_ok(), "{t}");
        }
    }
}

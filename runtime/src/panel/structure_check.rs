//! The check of a hand-written data structure file (feature `validate`; Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>): its JSON Schema, generated from the wire model,
//! with each jsonschema error said in words at its pointer, then the [rules](super::structure_rules) JSON Schema
//! cannot say.

use super::field_type::{FieldType, REF_PREFIX};
use super::object_structure::ObjectStructure;
use super::structure_rules::structure_rules;
use crate::json_schema::{self, DIALECT, Entries, Found, kind_message, tokens, type_words};
use crate::problem::{Problems, pointer_push};
use jsonschema::ValidationError;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::{Value, json};
use std::sync::OnceLock;

/// The JSON Schema of a data structure file.
///
/// The object and field definitions are generated with schemars from the wire model ([`ObjectStructure`],
/// [`FieldDefinition`](super::FieldDefinition), [`FieldType`]). The root is written by hand: it is a union over
/// `type` (`object` or `array` + `items`), which schemars writes as a `oneOf`, and jsonschema reports a failing
/// `oneOf` as one opaque error at the root; an `if`/`then`/`else` on `type` keeps every pointer exact.
pub fn data_structure_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let items = json_schema::schema_of::<ObjectStructure>();
        // `type` is required at the root of a single-object file; in `items` its absence is only a warning (see
        // `structure_rules`), so the model reads it with a default and the schema adds it here.
        let mut object = items.clone();
        if let Value::Object(map) = &mut object {
            let required = map.entry("required").or_insert_with(|| json!([]));
            if let Value::Array(keys) = required
                && !keys.iter().any(|k| k == "type")
            {
                keys.insert(0, json!("type"));
            }
        }
        json!({
            "$schema": DIALECT,
            "if": { "type": "object", "required": ["type"], "properties": { "type": { "const": "array" } } },
            "then": {
                "type": "object",
                "required": ["items"],
                "properties": { "type": true, "items": items },
                "additionalProperties": false
            },
            "else": object
        })
    })
}

/// The two branches of [`data_structure_schema`], compiled with their fields checked one by one.
struct Checkers {
    single: Entries,
    multiple: Entries,
}

fn checkers() -> &'static Checkers {
    static CHECKERS: OnceLock<Checkers> = OnceLock::new();
    CHECKERS.get_or_init(|| {
        let schema = data_structure_schema();
        let branch = |name: &str| {
            let mut branch = schema.get(name).cloned().unwrap_or(Value::Null);
            if let Value::Object(map) = &mut branch {
                map.insert("$schema".into(), Value::from(DIALECT));
            }
            branch
        };
        Checkers {
            single: Entries::new(branch("else"), &["/properties"]),
            multiple: Entries::new(branch("then"), &["/items/properties"]),
        }
    })
}

/// Checks that a data structure file is well formed: root shape, known `$ref` types, `label` a string,
/// `required` ⊆ `properties`, a `header` field in multiple-object panels, at most one `header`, at most 20 other
/// fields, labels in sentence case. Unknown keys are warnings.
pub fn check_data_structure(structure: &Value) -> Problems {
    let mut problems = Problems::new();
    // The `if` of the schema: an object whose `type` is `array` is a multiple-object file.
    let multiple = structure.get("type").and_then(Value::as_str) == Some("array");
    let checker = if multiple {
        &checkers().multiple
    } else {
        &checkers().single
    };
    checker.check(structure, "", &mut problems, |at, error, problems| {
        structure_problem(at, error, multiple, problems)
    });
    structure_rules(structure, &mut problems);
    problems
}

/// Where in a data structure a pointer lands.
enum Place<'a> {
    /// The file's root (of a multiple-object file: the array wrapper).
    Root,
    /// The file's `type`.
    RootType,
    /// The object structure (the root, or `items`).
    Object,
    /// The object's `type`.
    ObjectType,
    /// `required` or one of its entries.
    Required,
    /// `properties`.
    Properties,
    /// One field definition.
    Field(&'a str),
    /// A key inside a field definition.
    FieldKey(&'a str, &'a str),
    Other,
}

fn place(tokens: &[String], multiple: bool) -> Place<'_> {
    let rest: &[String] = if multiple {
        match tokens {
            [] => return Place::Root,
            [t] if t == "type" => return Place::RootType,
            [first, rest @ ..] if first == "items" => rest,
            _ => return Place::Other,
        }
    } else {
        tokens
    };
    match rest {
        [] => Place::Object,
        [t] if t == "type" && multiple => Place::ObjectType,
        [t] if t == "type" => Place::RootType,
        [t, ..] if t == "required" => Place::Required,
        [t] if t == "properties" => Place::Properties,
        [t, key] if t == "properties" => Place::Field(key),
        [t, key, inner, ..] if t == "properties" => Place::FieldKey(key, inner),
        _ => Place::Other,
    }
}

/// One jsonschema error of a data structure, in words at its pointer.
fn structure_problem(
    at: &str,
    error: &ValidationError<'_>,
    multiple: bool,
    problems: &mut Problems,
) {
    let tokens = tokens(at);
    let place = place(&tokens, multiple);
    let instance = error.instance();
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            // Unknown keys are warnings, in case Pipedrive adds some.
            for key in unexpected {
                problems.warning(pointer_push(at, key), unknown_key(key, &place));
            }
        }
        ValidationErrorKind::Required { property } => {
            problems.error(at, missing(property.as_str().unwrap_or_default(), &place));
        }
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
            let message = not_one_of(&place, instance)
                .unwrap_or_else(|| kind_message(error.kind(), instance));
            problems.error(at, message);
        }
        ValidationErrorKind::Type { kind } => {
            problems.error(at, wrong_type(&place, &tokens, kind, instance));
        }
        other => problems.error(at, kind_message(other, instance)),
    }
}

fn unknown_key(key: &str, place: &Place<'_>) -> String {
    match place {
        Place::Field(field) => format!(
            "unknown key `{key}` in the definition of field `{field}`: the format knows only `$ref` and `label` \
             (Pipedrive may ignore it)"
        ),
        Place::Root => format!(
            "unknown key `{key}`: a multiple-object data structure has only `type` and `items` (Pipedrive may \
             ignore it)"
        ),
        _ => format!(
            "unknown key `{key}`: a panel object has only `type`, `required` and `properties` (Pipedrive may ignore \
             it)"
        ),
    }
}

fn missing(property: &str, place: &Place<'_>) -> String {
    match (place, property) {
        (Place::Field(field), "$ref") => format!(
            "missing `$ref` in the definition of field `{field}`: it names the field's type, e.g. \
             `#/definitions/text`"
        ),
        (_, "type") => {
            "missing `type`: `object` for a single-object panel, `array` for a multiple-object one".to_owned()
        }
        (_, "properties") => "missing `properties`: the map of field keys to field definitions".to_owned(),
        (_, "items") => {
            "missing `items`: a multiple-object panel (`\"type\": \"array\"`) describes its objects in `items`"
                .to_owned()
        }
        _ => format!("missing `{property}`"),
    }
}

/// An unknown `$ref` type or root `type`, in words; `None` elsewhere.
fn not_one_of(place: &Place<'_>, instance: &Value) -> Option<String> {
    let found = Found(instance);
    Some(match place {
        Place::FieldKey(field, "$ref") => {
            let names: Vec<&str> = FieldType::ALL.iter().map(|t| t.name()).collect();
            format!(
                "unknown field type {found} for field `{field}`: expected `{REF_PREFIX}<type>` with <type> one of {}",
                names.join(", ")
            )
        }
        Place::RootType => format!(
            "expected `object` (a single-object panel) or `array` (a multiple-object panel), found {found}"
        ),
        Place::ObjectType => {
            format!("the objects in `items` have `\"type\": \"object\"`, found {found}")
        }
        _ => return None,
    })
}

fn wrong_type(place: &Place<'_>, tokens: &[String], kind: &TypeKind, instance: &Value) -> String {
    let found = Found(instance);
    match place {
        Place::Root | Place::Object if tokens.is_empty() => {
            format!("a data structure is a JSON object, found {found}")
        }
        Place::Object => {
            format!("`items` is a JSON object describing each panel object, found {found}")
        }
        Place::Required if tokens.last().is_some_and(|t| t == "required") => {
            format!("`required` is an array of field keys, found {found}")
        }
        Place::Required => {
            format!("each entry of `required` is a field key (a string), found {found}")
        }
        Place::Properties => {
            format!(
                "`properties` is an object mapping field keys to field definitions, found {found}"
            )
        }
        Place::Field(field) => format!(
            "the definition of field `{field}` is an object `{{\"$ref\": \"#/definitions/<type>\", \"label\"?: \
             string}}`, found {found}"
        ),
        Place::FieldKey(field, "label") => {
            format!("the label of field `{field}` is a string, found {found}")
        }
        Place::FieldKey(field, "$ref") => {
            format!("the `$ref` of field `{field}` is a string `{REF_PREFIX}<type>`, found {found}")
        }
        _ => format!("expected {}, found {found}", type_words(kind)),
    }
}

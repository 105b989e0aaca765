//! The JSON Schemas of a modal schema file and of the app's responses (feature `validate`), compiled once
//! ([`validators`]).
//!
//! - The envelope (`type`, `properties`, `blocks`, `actions`, each entry's `$ref` and `options`) is hand-built:
//!   schemars would describe the `$ref`-tagged [`Block`](super::Block) enum as a `oneOf` of eight variants, and a
//!   `oneOf` failure is one "not valid under any schema" at the block, with no pointer to the bad option. So the
//!   envelope checks only the shape, and each entry's `options` is then checked by its own element's schema.
//! - Each element's and button's options: generated with schemars from the wire model (`deny_unknown_fields` →
//!   `additionalProperties: false`), plus `required` from [`Element::required_options`] (every option is an
//!   `Option` in the model because responses reuse the structs) and without the `null` schemars allows for
//!   `Option` (Pipedrive's validator wants the documented type).
//! - Responses: `success` and `error` generated from their wire types; `data` hand-built (its entries' keys depend
//!   on the schema they merge into, so they are checked after the merge).
//!
//! The blocks and buttons of a file, the items of a choice block and the entries of a `data` response are
//! checked one at a time ([`Entries`]), so a check holds what one entry has wrong, however many are wrong.

use super::document::{
    ActionKind, CheckboxGroupOptions, DatepickerOptions, Element, InputOptions, PrimaryOptions,
    RadioGroupOptions, SecondaryOptions, SelectOptions, TextOptions, TextareaOptions,
};
use super::response::{GlobalError, SuccessResponse};
use crate::json_schema::{self, Compiled, DIALECT, Entries};
use schemars::JsonSchema;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A compiled options schema and the option keys it allows (for messages).
pub(crate) struct OptionsValidator {
    pub(crate) entries: Entries,
    pub(crate) allowed: Vec<String>,
}

/// Every compiled schema of the modal checks.
pub(crate) struct Validators {
    pub(crate) envelope: Entries,
    /// By element or button name (`element-input`, `action-primary`).
    pub(crate) options: HashMap<&'static str, OptionsValidator>,
    pub(crate) success: Compiled,
    pub(crate) error: Compiled,
    pub(crate) data: Entries,
}

/// The compiled schemas, built the first time a check needs them.
pub(crate) fn validators() -> &'static Validators {
    static VALIDATORS: OnceLock<Validators> = OnceLock::new();
    VALIDATORS.get_or_init(|| Validators {
        envelope: Entries::new(
            envelope_json_schema(),
            &[
                "/properties/blocks/properties",
                "/properties/actions/properties",
            ],
        ),
        options: options_validators(),
        success: json_schema::compile(&generated::<SuccessResponse>()),
        error: json_schema::compile(&generated::<GlobalError>()),
        data: Entries::new(data_json_schema(), &["/data/blocks", "/data/actions"]),
    })
}

fn options_validators() -> HashMap<&'static str, OptionsValidator> {
    let e = |el: Element| el.required_options();
    let a = |k: ActionKind| k.required_options();
    let list = [
        (
            Element::Text.name(),
            options_json_schema::<TextOptions>(e(Element::Text)),
        ),
        (
            Element::Input.name(),
            options_json_schema::<InputOptions>(e(Element::Input)),
        ),
        (
            Element::Textarea.name(),
            options_json_schema::<TextareaOptions>(e(Element::Textarea)),
        ),
        (
            Element::Select.name(),
            options_json_schema::<SelectOptions>(e(Element::Select)),
        ),
        (
            Element::Datepicker.name(),
            options_json_schema::<DatepickerOptions>(e(Element::Datepicker)),
        ),
        (
            Element::RadioGroup.name(),
            options_json_schema::<RadioGroupOptions>(e(Element::RadioGroup)),
        ),
        (
            Element::CheckboxGroup.name(),
            options_json_schema::<CheckboxGroupOptions>(e(Element::CheckboxGroup)),
        ),
        (
            ActionKind::Primary.name(),
            options_json_schema::<PrimaryOptions>(a(ActionKind::Primary)),
        ),
        (
            ActionKind::Secondary.name(),
            options_json_schema::<SecondaryOptions>(a(ActionKind::Secondary)),
        ),
    ];
    list.into_iter()
        .map(|(name, schema)| {
            let allowed = schema
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().cloned().collect())
                .unwrap_or_default();
            // A choice block's items, one at a time.
            let has_items = Element::ALL
                .iter()
                .any(|e| e.name() == name && e.has_items());
            let collections: &[&str] = if has_items { &["/items"] } else { &[] };
            let entries = Entries::new(schema, collections);
            (name, OptionsValidator { entries, allowed })
        })
        .collect()
}

/// The JSON Schema of an options struct, as Pipedrive's validator reads it.
pub(crate) fn options_json_schema<T: JsonSchema>(required: &[&str]) -> Value {
    let mut schema = generated::<T>();
    if !required.is_empty()
        && let Some(obj) = schema.as_object_mut()
    {
        obj.insert("required".into(), json!(required));
    }
    schema
}

/// The schema generated from `T`, without `null` for its `Option`s.
fn generated<T: JsonSchema>() -> Value {
    let mut schema = json_schema::schema_of::<T>();
    strip_null(&mut schema);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$schema".into(), json!(DIALECT));
    }
    schema
}

/// Removes the `null` schemars allows for `Option` fields (`"type": ["string", "null"]` becomes `"string"`, and
/// `{"type": "null"}` leaves `anyOf`), and turns a `oneOf` of documented constants (a unit enum with doc comments)
/// into a plain `enum`, so a wrong value is reported as "expected one of ..." rather than "no `oneOf` matched".
fn strip_null(schema: &mut Value) {
    match schema {
        Value::Object(obj) => {
            if let Some(Value::Array(types)) = obj.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.remove(0);
                    obj.insert("type".into(), only);
                }
            }
            for key in ["anyOf", "oneOf"] {
                if let Some(Value::Array(alts)) = obj.get_mut(key) {
                    alts.retain(|a| a != &json!({"type": "null"}));
                    if alts.len() == 1 && key == "anyOf" {
                        let only = alts.remove(0);
                        obj.remove(key);
                        if let Value::Object(inner) = only {
                            obj.extend(inner);
                        }
                    }
                }
            }
            // After the `null` is gone: an `Option` of a unit enum is its `oneOf` of constants now.
            let constants: Option<Vec<Value>> =
                obj.get("oneOf").and_then(Value::as_array).and_then(|alts| {
                    alts.iter()
                        .map(|a| a.get("const").or_else(|| a.pointer("/enum/0")).cloned())
                        .collect()
                });
            if let Some(constants) = constants {
                obj.remove("oneOf");
                if constants.iter().all(Value::is_string) {
                    obj.insert("type".into(), json!("string"));
                }
                obj.insert("enum".into(), Value::Array(constants));
            }
            for v in obj.values_mut() {
                strip_null(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

/// The envelope of a schema file (hand-built; see the module docs). `blocks` may be left out: a modal of buttons
/// only is a confirmation dialog (see `rules`); `actions` may not, a modal needs a button.
pub(crate) fn envelope_json_schema() -> Value {
    let elements: Vec<&str> = Element::ALL.iter().map(|e| e.definition()).collect();
    let actions: Vec<&str> = ActionKind::ALL.iter().map(|a| a.definition()).collect();
    let entry = |kinds: Vec<&str>, required: &[&str]| {
        json!({
            "type": "object",
            "required": required,
            "additionalProperties": false,
            "patternProperties": {
                "^\\$ref$": { "enum": kinds },
                "^options$": { "type": "object" }
            }
        })
    };
    let section = |entry: Value| {
        json!({
            "type": "object",
            "required": ["type", "properties"],
            "additionalProperties": false,
            "properties": {
                "type": { "const": "object" },
                "properties": { "type": "object", "additionalProperties": entry }
            }
        })
    };
    json!({
        "$schema": DIALECT,
        "type": "object",
        "required": ["type", "properties"],
        "additionalProperties": false,
        "properties": {
            "type": { "const": "object" },
            "properties": {
                "type": "object",
                "required": ["actions"],
                "additionalProperties": false,
                "properties": {
                    "blocks": section(entry(elements, &["$ref"])),
                    "actions": section(entry(actions, &["$ref", "options"]))
                }
            }
        }
    })
}

/// The `data` response envelope (hand-built: entries are checked after the merge).
pub(crate) fn data_json_schema() -> Value {
    let entries = json!({ "type": "object", "additionalProperties": { "type": "object" } });
    json!({
        "$schema": DIALECT,
        "type": "object",
        "required": ["data"],
        "additionalProperties": false,
        "properties": {
            "data": {
                "type": "object",
                "additionalProperties": false,
                "properties": { "blocks": entries, "actions": entries }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators_compile() {
        let v = validators();
        assert_eq!(v.options.len(), 9);
        assert!(v.success.is_ok() && v.error.is_ok());
        assert_eq!(
            v.options["element-input"].allowed,
            [
                "type",
                "label",
                "value",
                "placeholder",
                "message",
                "allowClear",
                "isRequired",
                "visibleOn",
                "fetchOnChange",
                "error"
            ]
        );
        // Every schema compiles: a check on an empty object runs without an internal error.
        let mut problems = crate::problem::Problems::new();
        for v in v.options.values() {
            v.entries.check(&json!({}), "", &mut problems, |_, _, _| {});
        }
        v.envelope
            .check(&json!({}), "", &mut problems, |_, _, _| {});
        v.data.check(&json!({}), "", &mut problems, |_, _, _| {});
        assert!(problems.is_empty(), "{problems}");
    }

    #[test]
    fn generated_schemas_have_no_null() {
        let s = options_json_schema::<SelectOptions>(&["label"]).to_string();
        assert!(!s.contains("null"), "{s}");
        assert!(s.contains("\"additionalProperties\":false"), "{s}");
        assert!(s.contains("\"required\":[\"label\"]"), "{s}");
    }
}

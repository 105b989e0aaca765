//! The checks of a modal schema file and of the app's responses (Pipedrive's docs, *JSON modals*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-modals>).
//!
//! Structure: JSON Schemas run by `jsonschema`, compiled once ([`validators`]).
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
//! Cross-field rules (counts, unique item values, `visibleOn` targets, real dates, `url` with `open-url`) are plain
//! Rust.

use super::limits::{
    DATE_FORMAT, MAX_ACTIONS, MAX_BLOCKS, MAX_PRIMARY_ACTIONS, MAX_SECONDARY_ACTIONS, MIN_ACTIONS,
    URL_HANDLER,
};
use super::response::{GlobalError, SuccessResponse};
use super::schema::{
    ActionKind, CheckboxGroupOptions, DatepickerOptions, Element, InputOptions, PrimaryOptions,
    RadioGroupOptions, SecondaryOptions, SelectOptions, TextOptions, TextareaOptions,
};
use crate::problem::{Problems, Severity, pointer_push};
use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

/// Pointer of the blocks map in a schema file.
pub(crate) const BLOCKS: &str = "/properties/blocks/properties";
/// Pointer of the actions map in a schema file.
pub(crate) const ACTIONS: &str = "/properties/actions/properties";

/// A compiled options schema and the option keys it allows (for messages).
struct OptionsValidator {
    validator: Validator,
    allowed: Vec<String>,
}

struct Validators {
    envelope: Validator,
    elements: HashMap<&'static str, OptionsValidator>,
    success: Validator,
    error: Validator,
    data: Validator,
}

/// The JSON Schema of an options struct, as Pipedrive's validator reads it.
pub(crate) fn options_json_schema<T: JsonSchema>(required: &[&str]) -> Value {
    let mut schema = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value();
    strip_null(&mut schema);
    if !required.is_empty()
        && let Some(obj) = schema.as_object_mut()
    {
        obj.insert("required".into(), json!(required));
    }
    schema
}

/// Removes the `null` schemars allows for `Option` fields (`"type": ["string", "null"]` becomes `"string"`, and
/// `{"type": "null"}` leaves `anyOf`), and turns a `oneOf` of documented constants (a unit enum with doc comments)
/// into a plain `enum`, so a wrong value is reported as "not one of ..." rather than "no `oneOf` matched".
fn strip_null(schema: &mut Value) {
    match schema {
        Value::Object(obj) => {
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
            for v in obj.values_mut() {
                strip_null(v);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip_null),
        _ => {}
    }
}

fn compile(schema: &Value) -> Validator {
    // The schemas are pdx's own, not input: a failure is a pdx bug, caught by `validators_compile`.
    jsonschema::validator_for(schema).expect("pdx's modal JSON Schemas compile")
}

fn options_validator<T: JsonSchema>(required: &[&str]) -> OptionsValidator {
    let schema = options_json_schema::<T>(required);
    let allowed = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    OptionsValidator {
        validator: compile(&schema),
        allowed,
    }
}

/// The envelope of a schema file (hand-built; see the module docs).
pub(crate) fn envelope_json_schema() -> Value {
    let elements: Vec<&str> = Element::ALL.iter().map(|e| e.definition()).collect();
    let actions: Vec<&str> = ActionKind::ALL.iter().map(|a| a.definition()).collect();
    let section = |entry: &str| {
        json!({
            "type": "object",
            "required": ["type", "properties"],
            "additionalProperties": false,
            "properties": {
                "type": { "const": "object" },
                "properties": { "type": "object", "additionalProperties": { "$ref": entry } }
            }
        })
    };
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "required": ["type", "properties"],
        "additionalProperties": false,
        "properties": {
            "type": { "const": "object" },
            "properties": {
                "type": "object",
                "required": ["blocks", "actions"],
                "additionalProperties": false,
                "properties": {
                    "blocks": section("#/definitions/block"),
                    "actions": section("#/definitions/action")
                }
            }
        },
        "definitions": {
            "block": {
                "type": "object",
                "required": ["$ref"],
                "additionalProperties": false,
                "patternProperties": {
                    "^\\$ref$": { "enum": elements },
                    "^options$": { "type": "object" }
                }
            },
            "action": {
                "type": "object",
                "required": ["$ref", "options"],
                "additionalProperties": false,
                "patternProperties": {
                    "^\\$ref$": { "enum": actions },
                    "^options$": { "type": "object" }
                }
            }
        }
    })
}

/// The `data` response envelope (hand-built: entries are checked after the merge).
pub(crate) fn data_json_schema() -> Value {
    let entries = json!({ "type": "object", "additionalProperties": { "type": "object" } });
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
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

fn validators() -> &'static Validators {
    static VALIDATORS: OnceLock<Validators> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        let mut elements = HashMap::new();
        let e = |el: Element| el.required_options();
        elements.insert(
            Element::Text.name(),
            options_validator::<TextOptions>(e(Element::Text)),
        );
        elements.insert(
            Element::Input.name(),
            options_validator::<InputOptions>(e(Element::Input)),
        );
        elements.insert(
            Element::Textarea.name(),
            options_validator::<TextareaOptions>(e(Element::Textarea)),
        );
        elements.insert(
            Element::Select.name(),
            options_validator::<SelectOptions>(e(Element::Select)),
        );
        elements.insert(
            Element::Datepicker.name(),
            options_validator::<DatepickerOptions>(e(Element::Datepicker)),
        );
        elements.insert(
            Element::RadioGroup.name(),
            options_validator::<RadioGroupOptions>(e(Element::RadioGroup)),
        );
        elements.insert(
            Element::CheckboxGroup.name(),
            options_validator::<CheckboxGroupOptions>(e(Element::CheckboxGroup)),
        );
        let a = |k: ActionKind| k.required_options();
        elements.insert(
            ActionKind::Primary.name(),
            options_validator::<PrimaryOptions>(a(ActionKind::Primary)),
        );
        elements.insert(
            ActionKind::Secondary.name(),
            options_validator::<SecondaryOptions>(a(ActionKind::Secondary)),
        );
        let generated = |mut v: Value| {
            strip_null(&mut v);
            compile(&v)
        };
        Validators {
            envelope: compile(&envelope_json_schema()),
            elements,
            success: generated(
                SchemaSettings::draft07()
                    .into_generator()
                    .into_root_schema_for::<SuccessResponse>()
                    .to_value(),
            ),
            error: generated(
                SchemaSettings::draft07()
                    .into_generator()
                    .into_root_schema_for::<GlobalError>()
                    .to_value(),
            ),
            data: compile(&data_json_schema()),
        }
    })
}

/// What `visibleOn` may be, for messages.
const VISIBLE_ON_FORMS: &str = "`visibleOn` must be \"never\", \"always\", or an object mapping a block key to \
                                \"not_empty\", {\"equals\": value} or {\"includes\": text}";

/// Turns jsonschema errors into problems under `base`. `what` names the checked thing (`element-input`, an
/// envelope level...), `allowed` its allowed keys.
fn report<'a>(
    errors: impl Iterator<Item = ValidationError<'a>>,
    base: &str,
    what: &str,
    allowed: &[String],
    out: &mut Problems,
) {
    for error in errors {
        if out.is_full() {
            // Past the report's cap only count: no message is written for a problem nobody reads.
            let count = match error.kind() {
                ValidationErrorKind::AdditionalProperties { unexpected } => unexpected.len(),
                _ => 1,
            };
            (0..count).for_each(|_| out.omit(Severity::Error));
            continue;
        }
        let path = format!("{base}{}", error.instance_path().as_str());
        let relative = error.instance_path().as_str().to_owned();
        let tokens: Vec<&str> = relative.split('/').collect();
        // `…/items/<n>` or `…/items/<n>/value`.
        let in_item = tokens.iter().rev().take(3).any(|t| *t == "items");
        let in_visible_on = relative.split('/').any(|t| t == "visibleOn");
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for key in unexpected {
                    let message = if in_item {
                        format!(
                            "`{key}` is not an item key; allowed: value, label, isDisabled, visibleOn"
                        )
                    } else if relative.is_empty() && !allowed.is_empty() {
                        let mut m = format!(
                            "`{key}` is not an option of {what}; allowed: {}",
                            allowed.join(", ")
                        );
                        if key == "options" || key == "$ref" {
                            m.push_str(" (a response entry is the flat options object, without `$ref`/`options`)");
                        }
                        m
                    } else {
                        format!("`{key}` is not allowed here ({what})")
                    };
                    out.error(pointer_push(&path, key), message);
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property
                    .as_str()
                    .map_or_else(|| property.to_string(), str::to_owned);
                let message = if in_item {
                    format!("an item requires `{name}`")
                } else if relative.is_empty() {
                    format!("{what} requires `{name}`")
                } else {
                    format!("missing `{name}`")
                };
                out.error(path, message);
            }
            ValidationErrorKind::AnyOf { .. }
            | ValidationErrorKind::OneOfNotValid { .. }
            | ValidationErrorKind::OneOfMultipleValid { .. }
                if in_visible_on =>
            {
                out.error(path, VISIBLE_ON_FORMS);
            }
            ValidationErrorKind::Enum { options } => {
                let list = options.as_array().map_or_else(
                    || options.to_string(),
                    |o| {
                        o.iter()
                            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                            .collect::<Vec<_>>()
                            .join(", ")
                    },
                );
                out.error(path, format!("{} is not one of: {list}", error.instance()));
            }
            ValidationErrorKind::AnyOf { .. } if in_item && relative.ends_with("/value") => {
                out.error(path, "an item's `value` is a string, a number or a boolean");
            }
            ValidationErrorKind::AnyOf { .. } if relative == "/value" => {
                out.error(
                    path,
                    "a select's `value` is a string, a number, a boolean, or a list of those",
                );
            }
            _ => out.error(path, error.to_string()),
        }
    }
}

fn check_options(kind: &str, options: &Value, base: &str, out: &mut Problems) {
    if let Some(v) = validators().elements.get(kind) {
        report(
            v.validator.iter_errors(options),
            base,
            kind,
            &v.allowed,
            out,
        );
    }
}

/// Checks a modal schema file: the envelope, every block's and button's options, and the cross-field rules.
/// Each problem's pointer points into `schema`.
pub fn check_schema(schema: &Value) -> Problems {
    let mut out = Problems::new();
    report(
        validators().envelope.iter_errors(schema),
        "",
        "a modal schema",
        &[],
        &mut out,
    );

    let blocks = schema.pointer(BLOCKS).and_then(Value::as_object);
    let actions = schema.pointer(ACTIONS).and_then(Value::as_object);
    let empty = Map::new();
    let block_map = blocks.unwrap_or(&empty);

    if block_map.len() > MAX_BLOCKS {
        out.error(
            BLOCKS,
            format!(
                "{} blocks; a modal has at most {MAX_BLOCKS} (separators count)",
                block_map.len()
            ),
        );
    }

    let elements: HashMap<&str, Element> = block_map
        .iter()
        .filter_map(|(k, b)| Some((k.as_str(), element_of(b)?)))
        .collect();

    for (key, entry) in block_map {
        let ptr = pointer_push(BLOCKS, key);
        let Some(element) = element_of(entry) else {
            continue;
        };
        let options = entry.get("options");
        match (element, options) {
            (Element::Separator, Some(_)) => out.error(
                pointer_push(&ptr, "options"),
                "element-separator takes no options (no `visibleOn` either)",
            ),
            (Element::Separator, None) => {}
            (_, None) => {
                if !element.required_options().is_empty() {
                    out.error(
                        &ptr,
                        format!(
                            "{} requires `options` with {}",
                            element.name(),
                            quoted(element.required_options())
                        ),
                    );
                }
            }
            (_, Some(options)) if options.is_object() => {
                let base = pointer_push(&ptr, "options");
                check_options(element.name(), options, &base, &mut out);
                check_block_rules(key, element, options, &base, &elements, &mut out);
            }
            (_, Some(_)) => {} // not an object: the envelope reported it
        }
    }

    let action_map = actions.unwrap_or(&empty);
    if actions.is_some() && !(MIN_ACTIONS..=MAX_ACTIONS).contains(&action_map.len()) {
        out.error(
            ACTIONS,
            format!(
                "{} action buttons; a modal needs {MIN_ACTIONS} or {MAX_ACTIONS}",
                action_map.len()
            ),
        );
    }
    let mut seen: HashMap<ActionKind, usize> = HashMap::new();
    for (key, entry) in action_map {
        let ptr = pointer_push(ACTIONS, key);
        let Some(kind) = entry
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(ActionKind::from_definition)
        else {
            continue;
        };
        let count = seen.entry(kind).or_default();
        *count += 1;
        let max = match kind {
            ActionKind::Primary => MAX_PRIMARY_ACTIONS,
            ActionKind::Secondary => MAX_SECONDARY_ACTIONS,
        };
        if *count > max {
            out.error(
                &ptr,
                format!("a second {}; a modal has at most {max}", kind.name()),
            );
        }
        let Some(options) = entry.get("options").filter(|o| o.is_object()) else {
            continue;
        };
        let base = pointer_push(&ptr, "options");
        check_options(kind.name(), options, &base, &mut out);
        if kind == ActionKind::Primary
            && options.get("url").is_some()
            && options.get("handler").and_then(Value::as_str) != Some(URL_HANDLER)
        {
            out.warning(
                pointer_push(&base, "url"),
                "`url` is only documented with `handler: \"open-url\"`; Pipedrive's docs do not say whether it \
                 redirects a `request` POST",
            );
        }
        if let Some(rule) = options.get("visibleOn") {
            check_visible_on(
                rule,
                &pointer_push(&base, "visibleOn"),
                None,
                &elements,
                &mut out,
            );
        }
    }
    out
}

fn element_of(entry: &Value) -> Option<Element> {
    entry
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(Element::from_definition)
}

fn quoted(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rules on one block's options that JSON Schema cannot say.
fn check_block_rules(
    key: &str,
    element: Element,
    options: &Value,
    base: &str,
    elements: &HashMap<&str, Element>,
    out: &mut Problems,
) {
    if let Some(rule) = options.get("visibleOn") {
        check_visible_on(
            rule,
            &pointer_push(base, "visibleOn"),
            Some(key),
            elements,
            out,
        );
    }
    if element == Element::Datepicker
        && let Some(Value::String(date)) = options.get("value")
        && !is_date(date)
    {
        out.error(
            pointer_push(base, "value"),
            format!("`{date}` is not a real date in the form YYYY-MM-DD (an element-datepicker's `value`)"),
        );
    }
    if element.has_items()
        && let Some(Value::Array(items)) = options.get("items")
    {
        let items_ptr = pointer_push(base, "items");
        // The first item of each value, by value: one hash lookup per item, so 200k items check in linear time.
        let mut first: HashMap<Hashed<'_>, usize> = HashMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let Some(value) = item.get("value") else {
                continue;
            };
            match first.entry(Hashed(value)) {
                Entry::Occupied(at) => out.error(
                    pointer_push(&pointer_push(&items_ptr, i), "value"),
                    format!(
                        "item value {value} is already used by item {}; values must be unique in a block",
                        at.get()
                    ),
                ),
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
            if let Some(rule) = item.get("visibleOn") {
                let p = pointer_push(&pointer_push(&items_ptr, i), "visibleOn");
                check_visible_on(rule, &p, None, elements, out);
            }
        }
        // A preset value that is no item: Pipedrive's own docs show one such example, so only a warning.
        let known = |v: &Value| first.contains_key(&Hashed(v));
        let check_value = |v: &Value, p: String, out: &mut Problems| {
            if !known(v) {
                out.warning(p, format!("value {v} is not the value of any item"));
            }
        };
        match options.get("value") {
            Some(Value::Array(values)) => {
                for (i, v) in values.iter().enumerate() {
                    check_value(v, pointer_push(&pointer_push(base, "value"), i), out);
                }
            }
            Some(v) => check_value(v, pointer_push(base, "value"), out),
            None => {}
        }
    }
}

/// `visibleOn` must name other blocks of the schema that take input. `own` is the block the rule sits on.
fn check_visible_on(
    rule: &Value,
    ptr: &str,
    own: Option<&str>,
    elements: &HashMap<&str, Element>,
    out: &mut Problems,
) {
    let Value::Object(conditions) = rule else {
        return;
    };
    if conditions.len() > 1 {
        out.warning(
            ptr,
            "several blocks in one `visibleOn`: whether they combine with AND or OR is unknown (Pipedrive's docs do \
             not say); \
             keep to one",
        );
    }
    for target in conditions.keys() {
        let p = pointer_push(ptr, target);
        match elements.get(target.as_str()) {
            None if out.is_full() => out.omit(Severity::Error),
            None => {
                let mut names: Vec<&str> = elements.keys().copied().collect();
                names.sort_unstable();
                out.error(
                    p,
                    format!(
                        "`visibleOn` names `{target}`, which is no block; blocks: {}",
                        names.join(", ")
                    ),
                )
            }
            Some(_) if Some(target.as_str()) == own => out.error(
                p,
                format!("block `{target}`'s `visibleOn` depends on its own value"),
            ),
            Some(e) if !e.takes_input() => out.error(
                p,
                format!(
                    "`visibleOn` names `{target}`, an {} that has no value to test",
                    e.name()
                ),
            ),
            Some(_) => {}
        }
    }
}

/// A JSON value as a hash key, equal when the values are equal (`serde_json::Value` has no `Hash`): objects hash
/// without their key order, as their equality ignores it; `0.0` and `-0.0` hash alike, as they are equal.
struct Hashed<'a>(&'a Value);

impl PartialEq for Hashed<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Hashed<'_> {}

impl Hash for Hashed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(self.0, state);
    }
}

fn hash_value<H: Hasher>(value: &Value, state: &mut H) {
    match value {
        Value::Null => 0u8.hash(state),
        Value::Bool(b) => (1u8, b).hash(state),
        Value::Number(n) => {
            2u8.hash(state);
            if let Some(u) = n.as_u64() {
                (0u8, u).hash(state);
            } else if let Some(i) = n.as_i64() {
                (1u8, i).hash(state);
            } else {
                let f = n.as_f64().unwrap_or_default();
                (2u8, if f == 0.0 { 0 } else { f.to_bits() }).hash(state);
            }
        }
        Value::String(s) => (3u8, s).hash(state),
        Value::Array(items) => {
            (4u8, items.len()).hash(state);
            items.iter().for_each(|v| hash_value(v, state));
        }
        Value::Object(map) => {
            let entries = map.iter().fold(0u64, |acc, (k, v)| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                k.hash(&mut h);
                hash_value(v, &mut h);
                acc ^ h.finish()
            });
            (5u8, map.len(), entries).hash(state);
        }
    }
}

/// Whether `s` is a real date written `YYYY-MM-DD`.
pub(crate) fn is_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, DATE_FORMAT).is_ok()
}

/// Checks a response body against a schema file, the way Pipedrive does: a `data` body is merged
/// into the schema by key (arrays replaced) and the result checked like a schema; `success` and `error` bodies are
/// checked on their own. Problems caused by the response point into the response (e.g.
/// `/data/blocks/<key>/items`); problems of the schema itself keep their schema pointers.
pub fn check_response(schema: &Value, response: &Value) -> Problems {
    let mut out = Problems::new();
    let Some(body) = response.as_object() else {
        out.error(
            "",
            "a response must be an object with `data`, `success` or `error`",
        );
        return out;
    };
    let kinds: Vec<&str> = ["data", "success", "error"]
        .into_iter()
        .filter(|k| body.contains_key(*k))
        .collect();
    let v = validators();
    match kinds.as_slice() {
        ["success"] => report(v.success.iter_errors(response), "", "a success response", &[], &mut out),
        ["error"] => report(v.error.iter_errors(response), "", "an error response", &[], &mut out),
        ["data"] => {
            report(v.data.iter_errors(response), "", "a data response", &[], &mut out);
            check_data_against(schema, response, &mut out);
        }
        [] => out.error(
            "",
            "a response needs `data`, `success` or `error`; Pipedrive calls an empty body an invalid structure",
        ),
        _ => out.error("", format!("a response has exactly one of `data`, `success`, `error`; found {}", kinds.join(", "))),
    }
    out
}

fn check_data_against(schema: &Value, response: &Value, out: &mut Problems) {
    let mut merged = schema.clone();
    for (section, schema_ptr, response_ptr) in [
        ("blocks", BLOCKS, "/data/blocks"),
        ("actions", ACTIONS, "/data/actions"),
    ] {
        let Some(entries) = response.pointer(response_ptr).and_then(Value::as_object) else {
            continue;
        };
        for (key, patch) in entries {
            let rptr = pointer_push(response_ptr, key);
            let Some(target) = merged.pointer_mut(&pointer_push(schema_ptr, key)) else {
                let singular = if section == "blocks" {
                    "block"
                } else {
                    "action button"
                };
                out.error(
                    rptr,
                    format!(
                        "no {singular} `{key}` in the schema; a response only changes existing ones"
                    ),
                );
                continue;
            };
            let Some(patch) = patch.as_object() else {
                continue;
            };
            if element_of(target) == Some(Element::Separator) {
                out.error(
                    rptr,
                    "element-separator takes no options, so a response cannot set any",
                );
                continue;
            }
            let Some(entry) = target.as_object_mut() else {
                continue;
            };
            let options = entry
                .entry("options")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Some(options) = options.as_object_mut() {
                for (k, v) in patch {
                    options.insert(k.clone(), v.clone());
                }
            }
        }
    }
    let mut problems = check_schema(&merged);
    problems.map_pointers(|problem| remap(problem, response));
    out.extend(problems);
}

/// Points a problem of the merged document into the response when the response set the offending option.
fn remap(problem: &mut crate::problem::Problem, response: &Value) {
    for (schema_ptr, response_ptr) in [(BLOCKS, "/data/blocks"), (ACTIONS, "/data/actions")] {
        let Some(rest) = problem
            .pointer
            .strip_prefix(schema_ptr)
            .and_then(|r| r.strip_prefix('/'))
        else {
            continue;
        };
        let mut tokens = rest.splitn(4, '/');
        let (Some(key), Some("options"), Some(option)) =
            (tokens.next(), tokens.next(), tokens.next())
        else {
            continue;
        };
        let tail = tokens.next().map(|t| format!("/{t}")).unwrap_or_default();
        let candidate = format!("{response_ptr}/{key}/{option}");
        if response.pointer(&candidate).is_some() {
            problem.pointer = format!("{candidate}{tail}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validators_compile() {
        let v = validators();
        assert_eq!(v.elements.len(), 9);
        assert_eq!(
            v.elements["element-input"].allowed,
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
    }

    #[test]
    fn generated_schemas_have_no_null() {
        let s = options_json_schema::<SelectOptions>(&["label"]).to_string();
        assert!(!s.contains("null"), "{s}");
        assert!(s.contains("\"additionalProperties\":false"), "{s}");
        assert!(s.contains("\"required\":[\"label\"]"), "{s}");
    }

    #[test]
    fn real_dates_only() {
        assert!(is_date("2020-02-29"));
        assert!(!is_date("2021-02-29"));
        assert!(!is_date("2021-2-3"));
        assert!(!is_date("2021-02-03T00:00:00"));
    }
}

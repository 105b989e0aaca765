//! The checks of a hand-written modal schema file and of the app's responses (feature `validate`; Pipedrive's
//! docs, *JSON modals*: <https://pipedrive.readme.io/docs/app-extensions-json-modals>): the JSON Schemas of
//! [`json_schemas`](super::json_schemas), each error said in words at its pointer, then the
//! [rules](super::rules) JSON Schema cannot say.

use super::document::Element;
use super::json_schemas::validators;
use super::rules::{self, ACTIONS, BLOCKS, OptionsOf, element_of};
use crate::json_schema::{self, counted_past_cap, kind_message};
use crate::problem::{Problem, Problems, Severity, pointer_push};
use crate::script_url;
use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::{Map, Value};

/// What `visibleOn` may be, for messages.
const VISIBLE_ON_FORMS: &str = "`visibleOn` must be \"never\", \"always\", or an object mapping a block key to \
                                \"not_empty\", {\"equals\": value} or {\"includes\": text}";

/// Checks a modal schema file: the envelope, every block's and button's options, and the cross-field rules.
/// Each problem's pointer points into `schema`.
pub fn check_schema(schema: &Value) -> Problems {
    let mut out = Problems::new();
    let envelope = Words {
        base: "",
        what: "a modal schema",
        allowed: &[],
    };
    validators()
        .envelope
        .check(schema, "", &mut out, |at, e, out| {
            report(&envelope, at, e, out)
        });
    rules::check_rules(schema, &mut out, &mut check_options);
    out
}

/// Checks one block's or button's `options` with its element's schema, its items one at a time.
fn check_options(of: OptionsOf, options: &Value, base: &str, out: &mut Problems) {
    let Some(v) = validators().options.get(of.name()) else {
        return;
    };
    let words = Words {
        base,
        what: of.name(),
        allowed: &v.allowed,
    };
    v.entries
        .check(options, base, out, |at, e, out| report(&words, at, e, out));
}

/// What a reported error is read against: the pointer of the checked thing, its name (`element-input`, `a modal
/// schema`) and the keys it allows.
struct Words<'a> {
    base: &'a str,
    what: &'a str,
    allowed: &'a [String],
}

/// One jsonschema error, in words at its pointer `at`.
fn report(words: &Words<'_>, at: &str, error: &ValidationError<'_>, out: &mut Problems) {
    if counted_past_cap(error, Severity::Error, out) {
        return;
    }
    let relative = at.strip_prefix(words.base).unwrap_or(at);
    let tokens: Vec<&str> = relative.split('/').collect();
    // `…/items/<n>` or `…/items/<n>/value`.
    let in_item = tokens.iter().rev().take(3).any(|t| *t == "items");
    let in_visible_on = tokens.contains(&"visibleOn");
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                out.error(
                    pointer_push(at, key),
                    unknown_key(words, relative, in_item, key),
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property
                .as_str()
                .map_or_else(|| property.to_string(), str::to_owned);
            let message = if in_item {
                format!("an item requires `{name}`")
            } else if relative.is_empty() {
                format!("{} requires `{name}`", words.what)
            } else {
                format!("missing `{name}`")
            };
            out.error(at, message);
        }
        ValidationErrorKind::AnyOf { .. }
        | ValidationErrorKind::OneOfNotValid { .. }
        | ValidationErrorKind::OneOfMultipleValid { .. }
            if in_visible_on =>
        {
            out.error(at, VISIBLE_ON_FORMS);
        }
        ValidationErrorKind::AnyOf { .. } if in_item && relative.ends_with("/value") => {
            out.error(at, "an item's `value` is a string, a number or a boolean");
        }
        ValidationErrorKind::AnyOf { .. } if relative == "/value" => {
            out.error(
                at,
                "a select's `value` is a string, a number, a boolean, or a list of those",
            );
        }
        kind => out.error(at, kind_message(kind, error.instance())),
    }
}

/// An unknown key, said with what the place allows.
fn unknown_key(words: &Words<'_>, relative: &str, in_item: bool, key: &str) -> String {
    if in_item {
        format!("`{key}` is not an item key; allowed: value, label, isDisabled, visibleOn")
    } else if relative.is_empty() && !words.allowed.is_empty() {
        let mut m = format!(
            "`{key}` is not an option of {}; allowed: {}",
            words.what,
            words.allowed.join(", ")
        );
        if key == "options" || key == "$ref" {
            m.push_str(" (a response entry is the flat options object, without `$ref`/`options`)");
        }
        m
    } else {
        format!("`{key}` is not allowed here ({})", words.what)
    }
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
    let words = |what| Words {
        base: "",
        what,
        allowed: &[],
    };
    match kinds.as_slice() {
        ["success"] => {
            let words = words("a success response");
            json_schema::run(&v.success, response, &mut out, |e, out| {
                report(&words, e.instance_path().as_str(), e, out)
            });
            if let Some(url) = response.pointer("/success/link/value").and_then(Value::as_str) {
                script_url::check_url(url, &|| "/success/link/value".to_owned(), &mut out);
            }
        }
        ["error"] => {
            let words = words("an error response");
            json_schema::run(&v.error, response, &mut out, |e, out| {
                report(&words, e.instance_path().as_str(), e, out)
            });
        }
        ["data"] => {
            let words = words("a data response");
            v.data
                .check(response, "", &mut out, |at, e, out| report(&words, at, e, out));
            check_data_against(schema, response, &mut out);
        }
        [] => out.error(
            "",
            "a response needs `data`, `success` or `error`; Pipedrive calls an empty body an invalid structure",
        ),
        _ => out.error(
            "",
            format!(
                "a response has exactly one of `data`, `success`, `error`; found {}",
                kinds.join(", ")
            ),
        ),
    }
    out
}

/// Merges a `data` response into the schema by key, as Pipedrive does, and checks the result.
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
            merge_entry(target, patch, rptr, out);
        }
    }
    let mut problems = check_schema(&merged);
    problems.map_pointers(|problem| remap(problem, response));
    out.extend(problems);
}

/// Merges one response entry's options into its schema entry.
fn merge_entry(target: &mut Value, patch: &Value, at: String, out: &mut Problems) {
    let Some(patch) = patch.as_object() else {
        return;
    };
    if element_of(target) == Some(Element::Separator) {
        out.error(
            at,
            "element-separator takes no options, so a response cannot set any",
        );
        return;
    }
    let Some(entry) = target.as_object_mut() else {
        return;
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

/// Points a problem of the merged document into the response when the response set the offending option.
fn remap(problem: &mut Problem, response: &Value) {
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

//! jsonschema's errors as sentences: the words every check falls back to where it has no better context (the panel
//! and modal checks first say what the place holds, then use these).

use crate::problem::Quoted;
use jsonschema::JsonType;
use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;
use std::fmt;

/// The reference tokens of a JSON pointer, unescaped.
pub(crate) fn tokens(pointer: &str) -> Vec<String> {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// A found value, described for a message: `a number 12`, `a string "12"`, `null`. Long strings are cut.
pub(crate) struct Found<'a>(pub(crate) &'a Value);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "a boolean `{b}`"),
            Value::Number(n) => write!(f, "a number `{n}`"),
            Value::String(s) => write!(f, "a string `{}`", Quoted(s)),
            Value::Array(_) => f.write_str("an array"),
            Value::Object(_) => f.write_str("an object"),
        }
    }
}

fn type_word(t: JsonType) -> &'static str {
    match t {
        JsonType::Null => "null",
        JsonType::Boolean => "a boolean",
        JsonType::Integer => "an integer",
        JsonType::Number => "a number",
        JsonType::String => "a string",
        JsonType::Array => "an array",
        JsonType::Object => "an object",
    }
}

/// "a string", "a string or a number".
pub(crate) fn type_words(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => type_word(*t).to_owned(),
        TypeKind::Multiple(set) => set.iter().map(type_word).collect::<Vec<_>>().join(" or "),
    }
}

/// `a`, `b`, `c`: values as JSON, strings with their quotes.
fn listed(values: &Value) -> String {
    match values.as_array() {
        Some(values) => values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", "),
        None => format!("`{values}`"),
    }
}

/// A readable message for a jsonschema error with no better context. `instance` is the value at fault.
pub(crate) fn kind_message(kind: &ValidationErrorKind, instance: &Value) -> String {
    let found = Found(instance);
    match kind {
        ValidationErrorKind::Type { kind } => {
            format!("expected {}, found {found}", type_words(kind))
        }
        ValidationErrorKind::Required { property } => match property.as_str() {
            Some(name) => format!("missing `{name}`"),
            None => format!("missing {property}"),
        },
        ValidationErrorKind::Enum { options } => {
            format!("expected one of {}, found {found}", listed(options))
        }
        ValidationErrorKind::Constant { expected_value } => {
            format!("expected `{expected_value}`, found {found}")
        }
        ValidationErrorKind::MaxItems { limit } => {
            format!("at most {limit} items allowed, found {}", len(instance))
        }
        ValidationErrorKind::MinItems { limit } => {
            format!("at least {limit} items needed, found {}", len(instance))
        }
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            let keys: Vec<String> = unexpected.iter().map(|k| format!("`{k}`")).collect();
            format!("unknown key(s) {}", keys.join(", "))
        }
        ValidationErrorKind::AnyOf { .. }
        | ValidationErrorKind::OneOfNotValid { .. }
        | ValidationErrorKind::OneOfMultipleValid { .. } => {
            format!("{found} has none of the documented forms")
        }
        ValidationErrorKind::MinLength { limit } => {
            format!("at least {limit} characters needed, found {found}")
        }
        ValidationErrorKind::MaxLength { limit } => {
            format!("at most {limit} characters allowed, found {found}")
        }
        ValidationErrorKind::Minimum { limit } => format!("at least {limit}, found {found}"),
        ValidationErrorKind::Maximum { limit } => format!("at most {limit}, found {found}"),
        other => format!(
            "{found} does not have the documented form (JSON Schema `{}`)",
            other.keyword()
        ),
    }
}

fn len(instance: &Value) -> usize {
    instance.as_array().map_or(0, Vec::len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn found_describes_values() {
        assert_eq!(Found(&json!("12")).to_string(), "a string `\"12\"`");
        assert_eq!(Found(&json!(12)).to_string(), "a number `12`");
        assert_eq!(Found(&Value::Null).to_string(), "null");
        assert_eq!(
            Found(&json!("é".repeat(50))).to_string(),
            format!("a string `\"{}…\"`", "é".repeat(40))
        );
    }

    #[test]
    fn tokens_are_unescaped() {
        assert_eq!(tokens("/a~1b/c~0d/0"), ["a/b", "c~d", "0"]);
        assert!(tokens("").is_empty());
    }

    /// Every error of a schema that uses each keyword reads as a sentence, never as jsonschema's own words.
    #[test]
    fn every_kind_reads_as_a_sentence() {
        let schema = json!({
            "type": "object",
            "properties": {
                "t": { "type": "string" },
                "e": { "enum": ["a", "b"] },
                "c": { "const": true },
                "m": { "maxItems": 1 },
                "a": { "anyOf": [{ "type": "string" }, { "type": "number" }] },
                "p": { "pattern": "^x" }
            },
            "required": ["r"],
            "additionalProperties": false
        });
        let validator = jsonschema::validator_for(&schema).expect("compiles");
        let doc = json!({ "t": 1, "e": "z", "c": false, "m": [1, 2], "a": [], "p": "y", "u": 0 });
        let mut messages: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| kind_message(e.kind(), e.instance()))
            .collect();
        messages.sort();
        assert_eq!(
            messages,
            [
                "`\"y\"` does not have the documented form (JSON Schema `pattern`)",
                "an array has none of the documented forms",
                "at most 1 items allowed, found 2",
                "expected `true`, found a boolean `false`",
                "expected a string, found a number `1`",
                "expected one of `\"a\"`, `\"b\"`, found a string `\"z\"`",
                "missing `r`",
                "unknown key(s) `u`",
            ]
            .map(|m| m.replace("`\"y\"` does", "a string `\"y\"` does"))
        );
    }
}

//! The JSON Schema support shared by the panel and modal checks (feature `validate`): schemas generated from the
//! wire model with schemars, compiled with jsonschema, run one entry of a collection at a time ([`Entries`]), and
//! their errors turned into sentences ([`kind_message`]).
//!
//! The schemas are pdx's own, never input: one that does not compile is a bug of pdx, reported as one problem
//! ([`run`]) by every check, never a panic.

mod entries;
mod sentence;

pub(crate) use entries::Entries;
pub(crate) use sentence::{Found, kind_message, tokens, type_words};

use crate::problem::{Problems, Severity};
use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use schemars::JsonSchema;
use schemars::generate::{SchemaGenerator, SchemaSettings};
use serde_json::Value;

/// The JSON Schema dialect of every schema pdx builds.
pub(crate) const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A compiled schema, or why pdx could not compile it.
pub(crate) type Compiled = Result<Validator, String>;

/// A schema generator that inlines every subschema, so each schema is one self-contained document.
fn generator() -> SchemaGenerator {
    SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator()
}

/// The schema of `T`, generated from its serde model, without the title and description schemars adds.
pub(crate) fn schema_of<T: JsonSchema>() -> Value {
    let mut value = generator().subschema_for::<T>().to_value();
    if let Value::Object(map) = &mut value {
        map.remove("title");
        map.remove("description");
    }
    value
}

/// Compiles one of pdx's schemas.
pub(crate) fn compile(schema: &Value) -> Compiled {
    jsonschema::options()
        .build(schema)
        .map_err(|e| format!("pdx built an invalid JSON Schema: {e}"))
}

/// Runs a compiled schema on `instance` and hands each error to `report`; a schema that did not compile is one
/// problem at the whole document, the same on every side.
///
/// jsonschema collects every error of one run before it hands out the first, so a caller checks a large
/// collection one entry at a time ([`Entries`]): what one run holds is then bounded by one entry.
pub(crate) fn run(
    compiled: &Compiled,
    instance: &Value,
    problems: &mut Problems,
    mut report: impl FnMut(&ValidationError<'_>, &mut Problems),
) {
    match compiled {
        Ok(validator) => {
            // `is_valid` allocates nothing: most documents are valid.
            if validator.is_valid(instance) {
                return;
            }
            for error in validator.iter_errors(instance) {
                report(&error, problems);
            }
        }
        Err(why) => broken(problems, why),
    }
}

/// Past the report's cap ([`Problems::is_full`]), counts `error` as `severity` problems without writing a message
/// (each unknown key of an `additionalProperties` error is one problem, as reported) and says `true`; `false`
/// while the report has room.
pub(crate) fn counted_past_cap(
    error: &ValidationError<'_>,
    severity: Severity,
    problems: &mut Problems,
) -> bool {
    if !problems.is_full() {
        return false;
    }
    let count = match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => unexpected.len(),
        _ => 1,
    };
    problems.omit_many(count, severity);
    true
}

/// Reports that a schema pdx built could not be compiled (a bug of pdx, never of the checked document).
pub(crate) fn broken(problems: &mut Problems, why: &str) {
    problems.error(
        "",
        format!("internal error of pdx, please report it: {why}"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_schema_that_does_not_compile_is_one_problem_not_a_panic() {
        let compiled = compile(&json!({ "type": 12 }));
        assert!(compiled.is_err());
        let mut problems = Problems::new();
        run(&compiled, &json!({}), &mut problems, |_, _| {
            unreachable!("no error of a schema that did not compile")
        });
        assert_eq!(problems.len(), 1);
        let problem = problems.iter().next().cloned();
        assert!(
            problem.is_some_and(|p| p.is_error()
                && p.pointer.is_empty()
                && p.message
                    .starts_with("internal error of pdx, please report it: ")),
            "{problems}"
        );
    }

    #[test]
    fn errors_reach_the_reporter() {
        let compiled = compile(&json!({ "type": "object", "required": ["a", "b"] }));
        let mut seen = Vec::new();
        let mut problems = Problems::new();
        run(&compiled, &json!({}), &mut problems, |e, _| {
            seen.push(kind_message(e.kind(), e.instance()))
        });
        assert_eq!(seen, ["missing `a`", "missing `b`"]);
        run(
            &compiled,
            &json!({ "a": 1, "b": 2 }),
            &mut problems,
            |_, _| unreachable!("a valid document has no error"),
        );
        assert!(problems.is_empty());
    }
}

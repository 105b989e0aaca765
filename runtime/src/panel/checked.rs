//! The typed response check: serializes a [`PanelResponse`] to its JSON bytes and checks it in the same pass,
//! without building a `serde_json::Value`.
//!
//! A `#[derive(JsonPanel)]` type has the shape its data structure describes, so what is left to check are the
//! values: text truncation, real dates and times, label texts, links, the number of objects, the footer links.
//! The [`Observer`] serializer forwards every call to serde_json's serializer and runs on each value, as it streams
//! by, the same rules as `DataStructure::check_response`.
//!
//! When a value does not have the shape the structure expects (a hand-written `Serialize`, a
//! `skip_serializing_if` on a required field, a `NaN` amount...), the observer notes the first such value. With
//! the `validate` feature the response is then checked again by the schema check, so the problems reported are
//! always those of `check_response`; without it, that first value is the problem reported, at its pointer.

use super::data_structure::DataStructure;
use super::json_panel::JsonPanel;
use super::limits::MAX_FIELDS;
use super::observer::Observer;
use super::plan::Plan;
use super::response::PanelResponse;
use super::typed_state::{OffShape, Place, State};
use crate::problem::Problems;
use serde::Serialize;
use std::cell::RefCell;

/// A serialized response with the problems found while serializing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedJson {
    /// The compact JSON body, byte for byte what `serde_json::to_vec` writes.
    pub bytes: Vec<u8>,
    /// What `DataStructure::check_response` (feature `validate`) reports for this body; without that feature, a
    /// body off the structure's shape (a hand-written `Serialize`) reports its first value off the shape, at its
    /// pointer.
    pub problems: Problems,
}

impl CheckedJson {
    /// A body that could not be serialized: no bytes, one error.
    pub(crate) fn unserializable(e: &serde_json::Error) -> CheckedJson {
        let mut problems = Problems::new();
        problems.error("", format!("the response cannot be serialized: {e}"));
        CheckedJson {
            bytes: Vec::new(),
            problems,
        }
    }
}

impl<T: JsonPanel> PanelResponse<T> {
    /// Serializes this response and checks it against `T`'s data structure in one pass: the same problems as
    /// [`check`](Self::check), at the cost of serializing the response once.
    pub fn to_checked_json(&self) -> CheckedJson {
        check_while_serializing(self, T::data_structure())
    }
}

/// What one pass found.
#[derive(Debug)]
pub(crate) enum Observed {
    /// Every value had the structure's shape: the problems of its rules.
    Fits(Problems),
    /// This value did not (and the rest was not checked).
    OffShape(OffShape),
}

/// Serializes `response` and checks it against `structure`; a response off the structure's shape is checked as
/// the module doc says.
pub(crate) fn check_while_serializing<R: Serialize>(
    response: &R,
    structure: &DataStructure,
) -> CheckedJson {
    let (bytes, observed) = match observe(response, structure.plan()) {
        Ok(done) => done,
        Err(e) => return CheckedJson::unserializable(&e),
    };
    let problems = match observed {
        Observed::Fits(problems) => problems,
        Observed::OffShape(first) => match off_shape_problems(response, structure, first) {
            Ok(problems) => problems,
            Err(e) => return CheckedJson::unserializable(&e),
        },
    };
    CheckedJson { bytes, problems }
}

/// Serializes `response` while the rules of `plan` run on its values.
pub(crate) fn observe<R: Serialize>(
    response: &R,
    plan: &Plan,
) -> Result<(Vec<u8>, Observed), serde_json::Error> {
    let state = RefCell::new(State::new(plan));
    let mut out = serde_json::Serializer::new(Vec::with_capacity(plan.size_hint));
    response.serialize(Observer {
        inner: &mut out,
        state: &state,
        // A structure of more than 64 fields (a bit each) is not read by the typed check.
        place: if plan.fits { Place::Root } else { Place::Off },
    })?;
    let state = state.into_inner();
    let observed = match (plan.fits, state.off_shape.clone()) {
        (true, None) => Observed::Fits(state.into_problems()),
        (true, Some(first)) => Observed::OffShape(first),
        (false, _) => Observed::OffShape(OffShape {
            pointer: String::new(),
            message: format!(
                "the data structure has {} fields: a panel object shows at most {MAX_FIELDS} besides its header",
                plan.keys.len()
            ),
        }),
    };
    Ok((out.into_inner(), observed))
}

/// The problems of a response off the structure's shape: those of the schema check.
#[cfg(feature = "validate")]
fn off_shape_problems<R: Serialize>(
    response: &R,
    structure: &DataStructure,
    _first: OffShape,
) -> Result<Problems, serde_json::Error> {
    let value = serde_json::to_value(response)?;
    Ok(structure.check_response(&value))
}

/// The problems of a response off the structure's shape, without the schema check: the first value off shape.
#[cfg(not(feature = "validate"))]
fn off_shape_problems<R: Serialize>(
    _response: &R,
    _structure: &DataStructure,
    first: OffShape,
) -> Result<Problems, serde_json::Error> {
    let mut problems = Problems::new();
    problems.error(first.pointer, first.message);
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::panel::{Currency, FieldType, PanelKind, StructureField};
    use serde_json::json;

    fn field(key: &'static str, field_type: FieldType, required: bool) -> StructureField {
        StructureField {
            key,
            field_type,
            label: None,
            required,
        }
    }

    fn single() -> DataStructure {
        DataStructure::from_fields(
            PanelKind::Single,
            &[
                field("note", FieldType::Text, false),
                field("count", FieldType::Numerical, true),
                field("total", FieldType::Currency, false),
                field("tags", FieldType::Tags, false),
            ],
        )
    }

    /// The first value off the structure's shape, as the typed check words it.
    fn first_off_shape<R: Serialize>(response: &R, structure: &DataStructure) -> Option<String> {
        match observe(response, structure.plan()) {
            Ok((_, Observed::OffShape(first))) => {
                Some(format!("{}: {}", first.pointer, first.message))
            }
            _ => None,
        }
    }

    #[test]
    fn the_first_value_off_shape_is_found_at_its_pointer() {
        let s = single();
        let cases = [
            (
                json!({ "data": { "note": "x" } }),
                "/data: missing required field `count` (the data structure lists it in `required`)",
            ),
            (
                json!({ "data": { "count": 1, "extra": 2 } }),
                "/data/extra: undeclared field `extra`: the data structure has no such key in `properties`",
            ),
            (
                json!({ "data": { "count": "3" } }),
                "/data/count: `count` is a `numerical` field: expected a JSON number (not a numeric string), found \
                 a string `\"3\"`",
            ),
            (
                json!({ "data": { "count": null } }),
                "/data/count: `count` is required, so it cannot be null: a `numerical` field holds a JSON number \
                 (not a numeric string)",
            ),
            (
                json!({ "data": { "count": 1, "tags": ["a", 2] } }),
                "/data/tags/1: expected a string, found a number (`tags` is a `tags` field: an array of strings)",
            ),
            (
                json!({ "data": { "count": 1, "total": { "code": "EUR" } } }),
                "/data/total: missing `value` in `total`: a `currency` field holds `{\"code\": string, \"value\": \
                 number}`",
            ),
            (
                json!({ "data": [] }),
                "/data: `data` of a single-object panel is one JSON object, found an array",
            ),
            (
                json!({ "data": {}, "settings": { "url": 1 } }),
                "/settings/url: expected a string, found a number",
            ),
            (
                json!({ "data": {}, "footer": 1 }),
                "/footer: unknown top-level key `footer`: a panel response has only `data`, `external_link` and \
                 `settings`",
            ),
        ];
        for (response, expected) in cases {
            assert_eq!(
                first_off_shape(&response, &s).as_deref(),
                Some(expected),
                "{response}"
            );
        }
        assert_eq!(
            first_off_shape(&json!({ "data": { "count": 1 } }), &s),
            None
        );
    }

    /// A `NaN` amount, written as `null` by serde_json.
    #[derive(Serialize)]
    struct NanTotal {
        data: NanData,
    }

    #[derive(Serialize)]
    struct NanData {
        count: u8,
        total: Currency,
    }

    #[test]
    fn a_value_off_shape_is_reported_with_or_without_the_schema_check() {
        let s = single();
        let response = NanTotal {
            data: NanData {
                count: 1,
                total: Currency::new("EUR", f64::NAN),
            },
        };
        let finding = "/data/total/value: expected a number, found null (`total` is a `currency` field: \
                       `{\"code\": string, \"value\": number}`)";
        assert_eq!(first_off_shape(&response, &s).as_deref(), Some(finding));
        let checked = check_while_serializing(&response, &s);
        assert_eq!(
            checked.bytes,
            serde_json::to_vec(&response).unwrap_or_default()
        );
        #[cfg(feature = "validate")]
        {
            let value = serde_json::to_value(&response).unwrap_or_default();
            assert_eq!(checked.problems, s.check_response(&value));
        }
        #[cfg(not(feature = "validate"))]
        assert_eq!(
            checked
                .problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>(),
            [finding]
        );
        assert!(checked.problems.has_errors());
    }

    #[test]
    fn a_structure_the_typed_check_cannot_read_is_reported() {
        let keys: Vec<&'static str> = (0..70)
            .map(|i| &*Box::leak(format!("f{i}").into_boxed_str()))
            .collect();
        let fields: Vec<StructureField> = keys
            .iter()
            .map(|k| field(k, FieldType::Text, false))
            .collect();
        let s = DataStructure::from_fields(PanelKind::Single, &fields);
        assert_eq!(
            first_off_shape(&json!({ "data": {} }), &s).as_deref(),
            Some(
                ": the data structure has 70 fields: a panel object shows at most 20 besides its header"
            )
        );
    }
}

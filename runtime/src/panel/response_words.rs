//! The words of a response's shape problems, written once for both panel response checks: the typed check of a
//! derived type (which finds a value off the structure's shape while it serializes) and the schema check of a
//! `serde_json::Value` (which reads jsonschema's errors). A problem reads the same whichever check found it.

use super::field_type::FieldType;
use super::object_structure::PanelKind;
use super::value::LabelColor;
use std::fmt::Display;

/// Where in a response a shape problem sits.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Spot<'a> {
    /// The body.
    Root,
    /// `data`, of a panel of this kind.
    Data(PanelKind),
    /// One object of a multiple-object `data`.
    Object,
    /// The value of field `key`.
    Field {
        key: &'a str,
        field_type: FieldType,
        required: bool,
    },
    /// `external_link`.
    ExternalLink,
    /// `settings`.
    Settings,
}

impl Spot<'_> {
    /// A key the place does not have.
    pub(crate) fn unknown_key(&self, key: &str) -> String {
        match self {
            Spot::Root => format!(
                "unknown top-level key `{key}`: a panel response has only `data`, `external_link` and `settings`"
            ),
            Spot::Data(_) | Spot::Object => {
                format!(
                    "undeclared field `{key}`: the data structure has no such key in `properties`"
                )
            }
            Spot::Field {
                key: field,
                field_type,
                ..
            } => format!(
                "unknown key `{key}` in `{field}`: {} holds {}",
                field_type.a_field(),
                field_type.value_shape()
            ),
            Spot::ExternalLink => {
                format!("unknown key `{key}` in `external_link`: it has only `url` and `label`")
            }
            Spot::Settings => format!("unknown key `{key}` in `settings`: it has only `url`"),
        }
    }

    /// A value of the wrong JSON type here; `found` describes it (`a number `12``, `null`).
    pub(crate) fn wrong_type(&self, found: &dyn Display, is_null: bool) -> String {
        match self {
            Spot::Root => {
                format!("a panel response is a JSON object `{{\"data\": ...}}`, found {found}")
            }
            Spot::Data(PanelKind::Single) => {
                format!("`data` of a single-object panel is one JSON object, found {found}")
            }
            Spot::Data(PanelKind::Multiple) => {
                format!("`data` of a multiple-object panel is an array of objects, found {found}")
            }
            Spot::Object => format!("each object in `data` is a JSON object, found {found}"),
            Spot::Field {
                key,
                field_type,
                required,
            } => {
                let (a_field, shape) = (field_type.a_field(), field_type.value_shape());
                if is_null && *required {
                    format!("`{key}` is required, so it cannot be null: {a_field} holds {shape}")
                } else {
                    format!("`{key}` is {a_field}: expected {shape}, found {found}")
                }
            }
            Spot::ExternalLink => format!("`external_link` is {EXTERNAL_LINK}, found {found}"),
            Spot::Settings => format!("`settings` is {SETTINGS}, found {found}"),
        }
    }

    /// A member the place must have.
    pub(crate) fn missing(&self, property: &str) -> String {
        match self {
            Spot::Root => {
                "missing `data`: a panel response holds its objects in `data` (`{}` or `[]` for \"nothing to show\")"
                    .to_owned()
            }
            Spot::Data(_) | Spot::Object => {
                format!("missing required field `{property}` (the data structure lists it in `required`)")
            }
            Spot::Field {
                key, field_type, ..
            } => format!(
                "missing `{property}` in `{key}`: {} holds {}",
                field_type.a_field(),
                field_type.value_shape()
            ),
            Spot::ExternalLink => format!("missing `{property}` in `external_link`: it is {EXTERNAL_LINK}"),
            Spot::Settings => format!("missing `{property}` in `settings`: it is {SETTINGS}"),
        }
    }

    /// A member of the right kind but a wrong value inside this place (`what` says what is wrong).
    pub(crate) fn inside(&self, what: &str) -> String {
        match self {
            Spot::Field {
                key, field_type, ..
            } => format!(
                "{what} (`{key}` is {}: {})",
                field_type.a_field(),
                field_type.value_shape()
            ),
            Spot::ExternalLink => format!("{what} (in `external_link`: {EXTERNAL_LINK})"),
            Spot::Settings => format!("{what} (in `settings`: {SETTINGS})"),
            _ => what.to_owned(),
        }
    }
}

const EXTERNAL_LINK: &str = "`{\"url\": string, \"label\": string}`";
const SETTINGS: &str = "`{\"url\": string}`";

/// A `label` value's colour that is none of the six.
pub(crate) fn unknown_label_colour(found: &dyn Display) -> String {
    let names: Vec<&str> = LabelColor::ALL.iter().map(|c| c.name()).collect();
    format!(
        "unknown label colour {found}: expected one of {}",
        names.join(", ")
    )
}

/// A markdown text whose `markdown` is not `true`.
pub(crate) fn markdown_not_true(found: &dyn Display) -> String {
    format!("`markdown` must be `true` in a markdown text, found {found}")
}

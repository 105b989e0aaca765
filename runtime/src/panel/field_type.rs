//! [`FieldType`]: the 13 types of a panel field, the `<type>` of its `"$ref": "#/definitions/<type>"`, and what a
//! response value of each looks like (Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>).

use serde::{Deserialize, Serialize};
use std::fmt;

/// The type of a panel field: the `<type>` of its `"$ref": "#/definitions/<type>"` ([`FIELD_TYPES`](super::limits::FIELD_TYPES)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum FieldType {
    /// The object's title: a string. Required in multiple-object panels.
    #[serde(rename = "#/definitions/header")]
    Header,
    /// A string, or `{"markdown": true, "value": string}`; truncated after 255 characters.
    #[serde(rename = "#/definitions/text")]
    Text,
    /// A JSON number.
    #[serde(rename = "#/definitions/numerical")]
    Numerical,
    /// A string `YYYY-MM-DD`.
    #[serde(rename = "#/definitions/date")]
    Date,
    /// A string `hh:mm:ss` with an offset, e.g. `20:20:39+02:00`.
    #[serde(rename = "#/definitions/time")]
    Time,
    /// An RFC 3339 date-time string with an offset or `Z`.
    #[serde(rename = "#/definitions/date-time")]
    DateTime,
    /// An email address (a string), rendered as a mailto link.
    #[serde(rename = "#/definitions/email")]
    Email,
    /// A URL string, or `{"value": url, "external": bool, "label"?: string}`.
    #[serde(rename = "#/definitions/link")]
    Link,
    /// A phone number (a string).
    #[serde(rename = "#/definitions/phone")]
    Phone,
    /// An address (a string).
    #[serde(rename = "#/definitions/address")]
    Address,
    /// `{"code": string, "value": number}`.
    #[serde(rename = "#/definitions/currency")]
    Currency,
    /// `{"color": "green"|"red"|"blue"|"yellow"|"purple"|"grey", "label": string}`.
    #[serde(rename = "#/definitions/label")]
    Label,
    /// An array of strings.
    #[serde(rename = "#/definitions/tags")]
    Tags,
}

impl FieldType {
    /// Every field type, in the docs' order.
    pub const ALL: [FieldType; 13] = [
        FieldType::Header,
        FieldType::Text,
        FieldType::Numerical,
        FieldType::Date,
        FieldType::Time,
        FieldType::DateTime,
        FieldType::Email,
        FieldType::Link,
        FieldType::Phone,
        FieldType::Address,
        FieldType::Currency,
        FieldType::Label,
        FieldType::Tags,
    ];

    /// The type's name as Pipedrive spells it (`date-time`): its entry in
    /// [`FIELD_TYPES`](super::limits::FIELD_TYPES), which lists the types in the order of [`FieldType::ALL`].
    pub const fn name(self) -> &'static str {
        pdx_format::panel::FIELD_TYPES[self as usize]
    }

    /// The `$ref` value naming this type: `#/definitions/<type>`.
    pub fn reference(self) -> String {
        format!("{REF_PREFIX}{}", self.name())
    }

    /// The type named by a `$ref` value, if it is one of the 13.
    pub fn from_reference(reference: &str) -> Option<FieldType> {
        let name = reference.strip_prefix(REF_PREFIX)?;
        Self::from_name(name)
    }

    /// The type of this name (`date-time`), if it is one of the 13.
    pub fn from_name(name: &str) -> Option<FieldType> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// What a response value of this type looks like, for messages: `a string `YYYY-MM-DD``.
    pub const fn value_shape(self) -> &'static str {
        match self {
            FieldType::Header => "a string (the object's title)",
            FieldType::Text => "a string or `{\"markdown\": true, \"value\": string}`",
            FieldType::Numerical => "a JSON number (not a numeric string)",
            FieldType::Date => "a string `YYYY-MM-DD`",
            FieldType::Time => "a string `hh:mm:ss` with an offset, e.g. `20:20:39+02:00`",
            FieldType::DateTime => {
                "an RFC 3339 date-time string with an offset or `Z`, e.g. `2021-08-31T07:00:00.000Z`"
            }
            FieldType::Email => "a string (an email address)",
            FieldType::Link => {
                "a URL string or `{\"value\": url, \"external\": bool, \"label\"?: string}`"
            }
            FieldType::Phone => "a string (a phone number)",
            FieldType::Address => "a string (an address)",
            FieldType::Currency => "`{\"code\": string, \"value\": number}`",
            FieldType::Label => {
                "`{\"color\": \"green\"|\"red\"|\"blue\"|\"yellow\"|\"purple\"|\"grey\", \"label\": string}`"
            }
            FieldType::Tags => "an array of strings",
        }
    }

    /// "a `date` field", "an `email` field": the type as messages name it.
    pub(crate) fn a_field(self) -> String {
        let article = if self.name().starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        format!("{article} `{self}` field")
    }

    /// Whether the response value of this type is a plain JSON string (so a Rust string can hold it).
    pub const fn is_string(self) -> bool {
        matches!(
            self,
            FieldType::Header
                | FieldType::Text
                | FieldType::Date
                | FieldType::Time
                | FieldType::DateTime
                | FieldType::Email
                | FieldType::Link
                | FieldType::Phone
                | FieldType::Address
        )
    }
}

/// `{"enum": [...]}`: schemars would write a `oneOf` of one `const` per documented variant, which jsonschema
/// reports as one opaque error; an `enum` error names the bad value (a `type` too would report a number twice).
#[cfg(feature = "validate")]
impl schemars::JsonSchema for FieldType {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FieldType".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "enum": FieldType::ALL.iter().map(|t| t.reference()).collect::<Vec<_>>()
        })
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What every `$ref` starts with.
pub(crate) const REF_PREFIX: &str = pdx_format::panel::REF_PREFIX;

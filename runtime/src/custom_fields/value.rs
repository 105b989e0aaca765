//! [`CustomFieldValue`]: a Rust type that holds one custom field's value, with the field types it fits and
//! its API v2 shape both ways (Pipedrive's "Custom fields" page and the v2 migration guide: simple types are
//! bare values, composite ones objects). Implemented here for the plain types; the composite ones are in
//! `values.rs`.

use super::definition::{FieldDefinition, FieldType};
use chrono::NaiveDate;
use pdx_format::api::CUSTOM_FIELD_TEXT_MAX;
use serde_json::Value;

/// A Rust type that holds one custom field's value: which field types it fits, how it reads the API v2
/// value, and the exact value it writes. `Option<T>` holds an empty field (`null` or absent) as `None` and
/// writes `None` as `null` (which empties the field); `T` alone refuses an empty field.
///
/// | Rust type | Field types |
/// |---|---|
/// | `String` | `varchar`, `text`, `varchar_auto`, `phone` |
/// | `f64` | `double` |
/// | [`Monetary`](super::Monetary) | `monetary` |
/// | `chrono::NaiveDate` | `date` |
/// | [`DateRange`](super::DateRange) | `daterange` |
/// | [`Time`](super::Time), [`TimeRange`](super::TimeRange) | `time`, `timerange` |
/// | [`SingleOption`](super::SingleOption), [`MultipleOptions`](super::MultipleOptions) | `enum`, `set` (by label) |
/// | [`UserId`](super::UserId), [`PersonId`](super::PersonId), [`OrganizationId`](super::OrganizationId) | `user`, `people`, `org` |
/// | [`Address`](super::Address) | `address` |
/// | `serde_json::Value` | any (the value as Pipedrive sends it) |
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not hold a custom field's value",
    label = "not a custom field value type",
    note = "use `String`, `f64`, `Monetary`, `chrono::NaiveDate`, `DateRange`, `Time`, `TimeRange`, `SingleOption`, \
            `MultipleOptions`, `UserId`, `PersonId`, `OrganizationId`, `Address`, `serde_json::Value`, or an `Option` of one"
)]
pub trait CustomFieldValue: Sized {
    /// What the type holds, for errors: e.g. "text (`varchar`, `text`, `varchar_auto`, `phone`)".
    const EXPECTED: &'static str;

    /// Whether a field of this type holds the Rust type.
    fn accepts(field_type: &FieldType) -> bool;

    /// The value from an object's `custom_fields` (`None` when absent or `null`).
    fn read(value: Option<&Value>, field: &FieldDefinition) -> Result<Self, String>;

    /// The value to send under `custom_fields`.
    fn write(&self, field: &FieldDefinition) -> Result<Value, String>;
}

/// The value itself, or the error of an empty field for a type that cannot be empty.
pub(super) fn present(value: Option<&Value>) -> Result<&Value, String> {
    match value {
        None | Some(Value::Null) => {
            Err("the field is empty: use an `Option` to read empty fields".to_owned())
        }
        Some(v) => Ok(v),
    }
}

/// A number, also from a numeric string.
pub(super) fn number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// An id: a number, a numeric string, or an object with `id` or `value` (forward compatible).
pub(super) fn id(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        Value::Object(o) => o.get("id").or_else(|| o.get("value")).and_then(id),
        _ => None,
    }
}

/// A finite number as JSON.
pub(super) fn finite(value: f64) -> Result<Value, String> {
    serde_json::Number::from_f64(value)
        .map(Value::Number)
        .ok_or_else(|| format!("{value} is not a number Pipedrive takes"))
}

pub(super) fn unexpected(value: &Value, wanted: &str) -> String {
    let shown = value.to_string();
    let shown: String = shown.chars().take(80).collect();
    format!("expected {wanted}, found {shown}")
}

impl<T: CustomFieldValue> CustomFieldValue for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    fn accepts(field_type: &FieldType) -> bool {
        T::accepts(field_type)
    }

    fn read(value: Option<&Value>, field: &FieldDefinition) -> Result<Self, String> {
        match value {
            None | Some(Value::Null) => Ok(None),
            Some(v) => T::read(Some(v), field).map(Some),
        }
    }

    fn write(&self, field: &FieldDefinition) -> Result<Value, String> {
        self.as_ref().map_or(Ok(Value::Null), |v| v.write(field))
    }
}

impl CustomFieldValue for String {
    const EXPECTED: &'static str = "text (`varchar`, `text`, `varchar_auto`, `phone`)";

    fn accepts(field_type: &FieldType) -> bool {
        matches!(
            field_type,
            FieldType::Varchar | FieldType::Text | FieldType::VarcharAuto | FieldType::Phone
        )
    }

    fn read(value: Option<&Value>, _: &FieldDefinition) -> Result<Self, String> {
        match present(value)? {
            Value::String(s) => Ok(s.clone()),
            other => Err(unexpected(other, "a string")),
        }
    }

    fn write(&self, field: &FieldDefinition) -> Result<Value, String> {
        let short = matches!(
            field.field_type,
            FieldType::Varchar | FieldType::VarcharAuto
        );
        let chars = self.chars().count();
        if short && chars > CUSTOM_FIELD_TEXT_MAX {
            return Err(format!(
                "{chars} characters: a `{}` field takes at most {CUSTOM_FIELD_TEXT_MAX}",
                field.field_type
            ));
        }
        Ok(Value::String(self.clone()))
    }
}

impl CustomFieldValue for f64 {
    const EXPECTED: &'static str = "a number (`double`)";

    fn accepts(field_type: &FieldType) -> bool {
        *field_type == FieldType::Double
    }

    fn read(value: Option<&Value>, _: &FieldDefinition) -> Result<Self, String> {
        let value = present(value)?;
        number(value).ok_or_else(|| unexpected(value, "a number"))
    }

    fn write(&self, _: &FieldDefinition) -> Result<Value, String> {
        finite(*self)
    }
}

impl CustomFieldValue for NaiveDate {
    const EXPECTED: &'static str = "a date (`date`)";

    fn accepts(field_type: &FieldType) -> bool {
        *field_type == FieldType::Date
    }

    fn read(value: Option<&Value>, _: &FieldDefinition) -> Result<Self, String> {
        date(present(value)?)
    }

    fn write(&self, _: &FieldDefinition) -> Result<Value, String> {
        Ok(Value::String(self.format("%Y-%m-%d").to_string()))
    }
}

/// A `YYYY-MM-DD` date.
pub(super) fn date(value: &Value) -> Result<NaiveDate, String> {
    value
        .as_str()
        .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
        .ok_or_else(|| unexpected(value, "a date as YYYY-MM-DD"))
}

/// The escape hatch: any field, its value as Pipedrive sends it (`null` when empty or absent), written as
/// given.
impl CustomFieldValue for Value {
    const EXPECTED: &'static str = "any value";

    fn accepts(_: &FieldType) -> bool {
        true
    }

    fn read(value: Option<&Value>, _: &FieldDefinition) -> Result<Self, String> {
        Ok(value.cloned().unwrap_or(Value::Null))
    }

    fn write(&self, _: &FieldDefinition) -> Result<Value, String> {
        Ok(self.clone())
    }
}

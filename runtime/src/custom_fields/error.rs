//! What can go wrong mapping a struct to a company's custom fields; each error names the struct's field and
//! the Pipedrive field.

use super::definition::{FieldEntity, FieldType};
use std::fmt;

/// A struct's field that could not be mapped to, read from or written to a company's custom field.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CustomFieldError {
    /// The company has no field of that name or code for this kind of object.
    NotFound {
        /// The struct's field (`Type.member`).
        member: String,
        /// The kind of object.
        entity: FieldEntity,
        /// How it was looked for: `name "Invoice terms"` or `code "…"`.
        wanted: String,
    },
    /// Several fields of the company have that name: name it by code instead.
    Ambiguous {
        /// The struct's field.
        member: String,
        /// The name.
        name: String,
        /// The codes of the fields that have it.
        codes: Vec<String>,
    },
    /// The field's Pipedrive type does not hold the struct field's Rust type.
    TypeMismatch {
        /// The struct's field.
        member: String,
        /// The Pipedrive field's name.
        field_name: String,
        /// Its type.
        field_type: FieldType,
        /// What the Rust type holds.
        expected: &'static str,
    },
    /// A value could not be read or written in the field's shape (an unknown option label, a malformed
    /// value...).
    Value {
        /// The struct's field.
        member: String,
        /// The Pipedrive field's name.
        field_name: String,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for CustomFieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CustomFieldError::NotFound {
                member,
                entity,
                wanted,
            } => write!(
                f,
                "`{member}`: the company has no {entity} field with {wanted}"
            ),
            CustomFieldError::Ambiguous {
                member,
                name,
                codes,
            } => write!(
                f,
                "`{member}`: several fields are named \"{name}\" ({}): name it by `code = \"...\"`",
                codes.join(", ")
            ),
            CustomFieldError::TypeMismatch {
                member,
                field_name,
                field_type,
                expected,
            } => write!(
                f,
                "`{member}`: the field \"{field_name}\" is of type `{field_type}`, but the Rust type holds {expected}"
            ),
            CustomFieldError::Value {
                member,
                field_name,
                message,
            } => write!(f, "`{member}` (field \"{field_name}\"): {message}"),
        }
    }
}

impl std::error::Error for CustomFieldError {}

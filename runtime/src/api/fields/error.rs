//! [`FieldsError`]: a custom-field read or write failed at the API or at the mapping.

use crate::api::ApiError;
use crate::custom_fields::CustomFieldError;
use crate::modal::GlobalError;
use crate::panel::PanelError;
use std::fmt;

/// A read or write of custom fields through [`FieldCache`](super::FieldCache) failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum FieldsError {
    /// The API call failed.
    Api(ApiError),
    /// A struct field could not be mapped to the company's fields, or its value read or written.
    Field(CustomFieldError),
}

impl fmt::Display for FieldsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldsError::Api(e) => e.fmt(f),
            FieldsError::Field(e) => write!(f, "custom field {e}"),
        }
    }
}

impl std::error::Error for FieldsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FieldsError::Api(e) => Some(e),
            FieldsError::Field(e) => Some(e),
        }
    }
}

impl From<ApiError> for FieldsError {
    fn from(e: ApiError) -> Self {
        FieldsError::Api(e)
    }
}

impl From<CustomFieldError> for FieldsError {
    fn from(e: CustomFieldError) -> Self {
        FieldsError::Field(e)
    }
}

/// The panel's error state (a mapping error is the app's or the company's setup: status 500).
impl From<FieldsError> for PanelError {
    fn from(e: FieldsError) -> Self {
        match e {
            FieldsError::Api(e) => e.into(),
            FieldsError::Field(e) => PanelError::new("A custom field does not match")
                .subtitle(e.to_string())
                .with_status(500),
        }
    }
}

/// A modal's global error.
impl From<FieldsError> for GlobalError {
    fn from(e: FieldsError) -> Self {
        match e {
            FieldsError::Api(e) => e.into(),
            FieldsError::Field(e) => GlobalError::new(format!("custom field {e}")),
        }
    }
}

/// A modal's global error response, so `?` works in a handler returning `ModalResponse` errors.
impl From<FieldsError> for crate::modal::ModalResponse {
    fn from(e: FieldsError) -> Self {
        crate::modal::ModalResponse::Error(e.into())
    }
}

//! Custom fields per company (Pipedrive's "Custom fields" page:
//! <https://pipedrive.readme.io/docs/core-api-concepts-custom-fields>): each company names its custom fields by
//! its own 40-character keys, so an app names them by **name** (or by code for fields with fixed codes) in a
//! struct deriving [`CustomFields`], and pdx finds the keys in each company's field definitions.
//!
//! - [`FieldDefinition`], [`FieldType`], [`FieldOption`]: the v2 Fields API's definitions
//!   (`GET /api/v2/dealFields`...).
//! - [`CustomFieldValue`]: the Rust types of values, each checked against the field's type and read and
//!   written in the API v2 shape: `String`, `f64`, [`Monetary`], `NaiveDate`, [`DateRange`], [`Time`],
//!   [`TimeRange`], [`SingleOption`] and [`MultipleOptions`] (by label), [`UserId`], [`PersonId`],
//!   [`OrganizationId`], [`Address`], and `serde_json::Value` for any other type.
//! - [`Resolved`]: a struct's fields mapped to one company's definitions (offline: give it the definitions).
//!   With the API client, `pdx::api::FieldCache` fetches the definitions once per company and kind, caches
//!   them, and re-resolves when a field was recreated.

mod definition;
mod error;
mod resolve;
mod value;
mod values;

pub use definition::{FieldDefinition, FieldEntity, FieldOption, FieldType, Subfield};
pub use error::CustomFieldError;
pub use resolve::{CustomFields, FieldReader, FieldRef, FieldSpec, FieldWriter, Resolved};
pub use value::CustomFieldValue;
pub use values::{
    Address, DateRange, Monetary, MultipleOptions, OrganizationId, PersonId, SingleOption, Time,
    TimeRange, UserId,
};

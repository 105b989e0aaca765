//! JSON panels: the data structure file uploaded to Developer Hub, the response the panel endpoint returns,
//! their limits, and the checks. Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
//!
//! - [`JsonPanel`]: the trait `#[derive(JsonPanel)]` implements; [`SingleObject`] / [`MultipleObjects`] say
//!   whether the panel answers one object or a list.
//! - The data structure: [`DataStructure`] (the file, with [`DataStructure::check`]), its wire model
//!   ([`ObjectStructure`], [`FieldDefinition`], [`FieldType`]).
//! - The field values ([`Markdown`], [`Link`], [`Currency`], [`Label`], [`Time`]...) and the [`PanelField`] trait
//!   that maps Rust types to field types.
//! - What the endpoint answers: [`PanelResponse`] (checked while it is serialized: [`CheckedJson`]) with its
//!   [`ExternalLink`] and [`Settings`], or the error state [`PanelError`].
//! - The checks of hand-written files and responses (feature `validate`): `check_data_structure`,
//!   `DataStructure::check_response`, `DataStructure::check_answer`, `check_error_body`, and the JSON Schemas they
//!   run.
//! - [`limits`]: every limit, with its source.

mod checked;
mod data_structure;
mod error_state;
mod field_type;
mod json_panel;
pub mod limits;
mod links;
mod object_structure;
mod observer;
mod plan;
mod response;
#[cfg(feature = "validate")]
mod response_check;
mod response_words;
#[cfg(feature = "validate")]
mod structure_check;
mod structure_rules;
mod typed_state;
mod value;
mod value_rules;

pub use checked::CheckedJson;
pub use data_structure::DataStructure;
pub use error_state::PanelError;
#[cfg(feature = "validate")]
pub use error_state::{check_error_body, error_body_schema};
pub use field_type::FieldType;
pub use json_panel::{
    ActionTarget, AnswersObjectList, AnswersOneObject, JsonPanel, MultipleObjects, Objects,
    PanelAction, SingleObject,
};
pub use links::{ExternalLink, Settings};
pub use object_structure::{FieldDefinition, ObjectStructure, PanelKind, StructureField};
pub use response::PanelResponse;
#[cfg(feature = "validate")]
pub use response_check::{response_schema, value_schema};
#[cfg(feature = "validate")]
pub use structure_check::{check_data_structure, data_structure_schema};
pub use value::{
    Address, Currency, Email, Label, LabelColor, Link, Markdown, PanelField, PanelString, Phone,
    Tags, Time,
};
pub use value_rules::is_sentence_case;

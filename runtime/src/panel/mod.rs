//! JSON panels: the data structure file uploaded to Developer Hub, the response the panel endpoint returns,
//! their limits, and the checks. Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
//!
//! - [`JsonPanel`]: the trait `#[derive(JsonPanel)]` implements; [`SingleObject`] / [`MultipleObjects`] say
//!   whether the panel answers one object or a list.
//! - [`structure`]: the data structure's wire model ([`DataStructure`], [`FieldType`], [`FieldDefinition`]).
//! - [`value`]: the field values ([`Markdown`], [`Link`], [`Currency`], [`Label`], [`Time`]...) and the
//!   [`PanelField`] trait that maps Rust types to field types.
//! - [`response`]: [`PanelResponse`], [`PanelError`].
//! - [`check`]: [`check_data_structure`], [`DataStructure::check_response`], [`check_error_body`].
//! - [`limits`]: every limit, with its source.

pub mod check;
pub mod checked;
mod data_structure;
mod json_panel;
pub mod limits;
mod panel_response;
pub mod response;
pub mod structure;
pub mod value;

pub use check::{check_data_structure, check_error_body};
pub use checked::CheckedJson;
pub use data_structure::DataStructure;
pub use json_panel::{
    ActionTarget, AnswersObjectList, AnswersOneObject, JsonPanel, MultipleObjects, Objects,
    PanelAction, SingleObject,
};
pub use panel_response::PanelResponse;
pub use response::{ExternalLink, PanelError, Settings};
pub use structure::{FieldDefinition, FieldType, ObjectStructure, PanelKind, StructureField};
pub use value::{
    Address, Currency, Email, Label, LabelColor, Link, Markdown, PanelField, PanelString, Phone,
    Tags, Time,
};

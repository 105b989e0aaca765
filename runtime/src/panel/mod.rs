//! JSON panels: the data structure file uploaded to Developer Hub, the response the panel endpoint returns,
//! their limits, and the checks (`shared/spec/json-panels.md`).
//!
//! - [`structure`]: the data structure's wire model ([`DataStructure`], [`FieldType`], [`FieldDefinition`]).
//! - [`value`]: the field values ([`Markdown`], [`Link`], [`Currency`], [`Label`], [`Time`]...) and the
//!   [`PanelField`] trait that maps Rust types to field types.
//! - [`response`]: [`PanelResponse`], [`PanelError`].
//! - [`check`]: [`check_data_structure`], [`DataStructure::check_response`], [`check_error_body`].
//! - [`limits`]: every limit, with its source.

pub mod check;
pub mod checked;
pub mod limits;
pub mod response;
pub mod structure;
pub mod value;

pub use check::{check_data_structure, check_error_body};
pub use checked::CheckedJson;
pub use response::{ExternalLink, PanelError, PanelResponse, Settings};
pub use structure::{
    DataStructure, FieldDefinition, FieldType, ObjectStructure, PanelKind, StructureField,
};
pub use value::{
    Address, Currency, Email, Label, LabelColor, Link, Markdown, PanelField, PanelString, Phone,
    Tags, Time,
};

use serde::Serialize;

/// A Rust type that is one object of a JSON panel. Implemented by `#[derive(JsonPanel)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON panel object",
    note = "derive it: `#[derive(serde::Serialize, pdx::JsonPanel)]`"
)]
pub trait JsonPanel: Serialize {
    /// The panel's data structure (built once, cached for the life of the process).
    fn data_structure() -> &'static DataStructure;

    /// The panel actions the type names (`#[panel(action = "...")]` on a field, `global_action`/`object_action`
    /// on the struct), for the app manifest. None by default.
    fn actions() -> &'static [PanelAction] {
        &[]
    }
}

/// A panel action named by a `#[derive(JsonPanel)]` type (spec §6): its name as in Developer Hub and where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PanelAction {
    /// The action's name (at most 30 characters, sentence case).
    pub name: &'static str,
    /// Where the action sits.
    pub target: ActionTarget,
}

/// Where a panel action sits (spec §6 table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionTarget {
    /// The green button at the panel's foot (at most 3 per panel).
    Global,
    /// The "actions" dropdown of every object (at most 3; multiple-object panels only).
    Object,
    /// One field, by its key (one action per field, at most 3 fields with actions per object).
    Field(&'static str),
}

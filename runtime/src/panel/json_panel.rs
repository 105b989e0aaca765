//! The [`JsonPanel`] trait that `#[derive(JsonPanel)]` implements, how many objects the panel shows
//! ([`SingleObject`] or [`MultipleObjects`]), and the panel actions the type names.

use super::data_structure::DataStructure;
use super::object_structure::PanelKind;
use serde::Serialize;

/// A Rust type that is one object of a JSON panel. Implemented by `#[derive(JsonPanel)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON panel object",
    note = "derive it: `#[derive(serde::Serialize, pdx::JsonPanel)]`"
)]
pub trait JsonPanel: Serialize {
    /// How many objects the panel shows: [`SingleObject`], or [`MultipleObjects`] (`#[panel(list)]`). It decides
    /// whether a [`PanelResponse`](super::PanelResponse) answers one object or a list.
    type Objects: Objects;

    /// The panel's data structure (built once, cached for the life of the process). Its kind is
    /// [`Self::Objects`]'s.
    fn data_structure() -> &'static DataStructure;

    /// The panel actions the type names (`#[panel(action = "...")]` on a field, `global_action`/`object_action`
    /// on the struct), for the app manifest. None by default.
    fn actions() -> &'static [PanelAction] {
        &[]
    }
}

/// How many objects a JSON panel shows: [`SingleObject`] or [`MultipleObjects`].
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub trait Objects: sealed::Sealed {
    /// The data structure's kind.
    const KIND: PanelKind;
}

/// A single-object panel: one set of fields. Its [`PanelResponse`](super::PanelResponse) answers
/// [`object`](super::PanelResponse::object) (or [`nothing`](super::PanelResponse::nothing)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SingleObject {}

/// A multiple-object panel (`#[panel(list)]`): a list of objects, each titled by its header. Its
/// [`PanelResponse`](super::PanelResponse) answers [`objects`](super::PanelResponse::objects) (or
/// [`nothing`](super::PanelResponse::nothing)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MultipleObjects {}

impl Objects for SingleObject {
    const KIND: PanelKind = PanelKind::Single;
}

impl Objects for MultipleObjects {
    const KIND: PanelKind = PanelKind::Multiple;
}

/// The bound of [`PanelResponse::object`](super::PanelResponse::object): only a single-object panel answers one
/// object.
#[diagnostic::on_unimplemented(
    message = "a multiple-object panel answers a list of objects, not one object",
    label = "this panel is `#[panel(list)]`: it shows a list",
    note = "answer `PanelResponse::objects(vec![...])`, or remove `#[panel(list)]` to make it a single-object panel"
)]
pub trait AnswersOneObject: Objects {}

impl AnswersOneObject for SingleObject {}

/// The bound of [`PanelResponse::objects`](super::PanelResponse::objects): only a multiple-object panel answers a
/// list.
#[diagnostic::on_unimplemented(
    message = "a single-object panel answers one object, not a list",
    label = "this panel has no `#[panel(list)]`: it shows one object",
    note = "answer `PanelResponse::object(...)`, or add `#[panel(list)]` (and a `#[panel(header)]` field) to make \
            it a multiple-object panel"
)]
pub trait AnswersObjectList: Objects {}

impl AnswersObjectList for MultipleObjects {}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::SingleObject {}
    impl Sealed for super::MultipleObjects {}
}

/// A panel action named by a `#[derive(JsonPanel)]` type: its name as in Developer Hub and where it sits.
///
/// Pipedrive's docs, *Actions in JSON panels*: <https://pipedrive.readme.io/docs/json-panels-actions-in-panels>.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PanelAction {
    /// The action's name (at most [`MAX_ACTION_NAME_CHARS`](super::limits::MAX_ACTION_NAME_CHARS) characters, sentence case).
    pub name: &'static str,
    /// Where the action sits.
    pub target: ActionTarget,
}

/// Where a panel action sits.
///
/// Pipedrive's docs, *Actions in JSON panels*: <https://pipedrive.readme.io/docs/json-panels-actions-in-panels>.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionTarget {
    /// The green button at the panel's foot (at most 3 per panel).
    Global,
    /// The "actions" dropdown of every object (at most 3; multiple-object panels only).
    Object,
    /// One field, by its key (one action per field, at most 3 fields with actions per object).
    Field(&'static str),
}

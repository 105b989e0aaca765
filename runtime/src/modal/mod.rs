//! JSON modals: the schema uploaded to Developer Hub, the submissions and refetches Pipedrive sends, the
//! responses the app returns, and the checks. Pipedrive's docs, *JSON modals*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-modals>.
//!
//! - [`JsonModal`], [`ModalChoice`]: the traits `#[derive(JsonModal)]` and `#[derive(ModalChoice)]` implement.
//! - The wire model (blocks, buttons, items, `visibleOn`) and [`ModalDocument`]; [`ModalSchema`], with
//!   [`ModalSchema::check`].
//! - The checks of hand-written files and responses (feature `validate`): `check_schema`, `check_response`
//!   (JSON Schemas generated from the wire model, then cross-field rules).
//! - [`submission`](parse_submission): lenient parsing of submitted bodies and refetch forms.
//! - [`response`](ModalResponse): typed data, success and error responses.
//! - [`limits`]: every limit, with its source.
//!
//! ```
//! use pdx::modal::{ModalDocument, InputOptions, PrimaryOptions, PrimaryHandler, ModalSchema};
//! let doc = ModalDocument::new()
//!     .block("name", InputOptions::new().label("Task name"))
//!     .action("save", PrimaryOptions::new().label("Save").handler(PrimaryHandler::Request));
//! let schema = ModalSchema::from_document(&doc);
//! assert!(schema.check().is_empty());
//! ```

#[cfg(feature = "validate")]
mod check;
mod choice;
mod document;
mod json_modal;
#[cfg(feature = "validate")]
mod json_schemas;
pub mod limits;
mod marker;
mod reply;
mod response;
mod rules;
mod schema;
mod submission;
mod value_kind;

#[cfg(feature = "validate")]
pub use check::{check_response, check_schema};
pub use choice::{ChoiceItem, ModalChoice};
pub use document::{
    Action, ActionKind, Block, CheckboxGroupOptions, ChoiceValue, Condition, Conditions,
    DatepickerOptions, Element, Equals, Includes, InputOptions, InputType, Item, ModalDocument,
    NotEmpty, PrimaryHandler, PrimaryOptions, RadioGroupOptions, SecondaryHandler,
    SecondaryOptions, SelectOptions, SelectValue, TextOptions, TextareaOptions, Visibility,
    VisibleOn,
};
pub use json_modal::{JsonModal, parse_submission};
pub use marker::{Separator, Text};
pub use reply::{ModalReply, ReplyKind};
pub use response::{
    ActionPatch, BlockPatch, DataResponse, FieldError, FieldErrors, GlobalError, ModalResponse,
    SuccessResponse,
};
pub use schema::ModalSchema;
pub use submission::{
    FieldProbe, ModalForm, REQUIRED_BLOCK_MESSAGE, SubmissionError, SubmissionErrorKind,
    deserialize_submission, locate_error, normalize_submission, required_blocks_sent_empty,
};
pub use value_kind::ValueKind;

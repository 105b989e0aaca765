//! JSON modals: the schema uploaded to Developer Hub, the submissions and refetches Pipedrive sends, the
//! responses the app returns, and the checks. Pipedrive's docs, *JSON modals*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-modals>.
//!
//! - [`JsonModal`], [`ModalChoice`]: the traits `#[derive(JsonModal)]` and `#[derive(ModalChoice)]` implement.
//! - [`schema`]: the wire model (blocks, buttons, items, `visibleOn`) and [`ModalDocument`]; [`ModalSchema`].
//! - [`check`](check_schema): structural checks (JSON Schema, generated from the wire model) and cross-field rules.
//! - [`submission`](parse_submission): lenient parsing of submitted bodies and refetch forms.
//! - [`response`](ModalResponse): typed data, success and error responses.
//! - [`limits`]: every limit, with its source.
//!
//! ```
//! use pdx_runtime::modal::{ModalDocument, InputOptions, PrimaryOptions, PrimaryHandler, ModalSchema};
//! let doc = ModalDocument::new()
//!     .block("name", InputOptions::new().label("Task name"))
//!     .action("save", PrimaryOptions::new().label("Save").handler(PrimaryHandler::Request));
//! let schema = ModalSchema::from_document(&doc);
//! assert!(schema.check().is_empty());
//! ```

mod check;
mod choice;
mod json_modal;
pub mod limits;
mod marker;
mod modal_schema;
mod reply;
mod response;
pub mod schema;
mod submission;
mod value_kind;

pub use check::{check_response, check_schema};
pub use choice::{ChoiceItem, ModalChoice};
pub use json_modal::{JsonModal, parse_submission};
pub use marker::{Separator, Text};
pub use modal_schema::ModalSchema;
pub use reply::{ModalReply, ReplyKind};
pub use response::{
    ActionPatch, BlockPatch, DataResponse, FieldError, FieldErrors, GlobalError, ModalResponse,
    SuccessResponse,
};
pub use schema::{
    Action, ActionKind, Block, CheckboxGroupOptions, ChoiceValue, Condition, Conditions,
    DatepickerOptions, Element, Equals, Includes, InputOptions, InputType, Item, ModalDocument,
    NotEmpty, PrimaryHandler, PrimaryOptions, RadioGroupOptions, SecondaryHandler,
    SecondaryOptions, SelectOptions, SelectValue, TextOptions, TextareaOptions, Visibility,
    VisibleOn,
};
pub use submission::{
    FieldProbe, ModalForm, REQUIRED_BLOCK_MESSAGE, SubmissionError, SubmissionErrorKind,
    deserialize_submission, locate_error, normalize_submission, required_blocks_sent_empty,
};
pub use value_kind::ValueKind;

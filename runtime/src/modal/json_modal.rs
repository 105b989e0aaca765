//! The [`JsonModal`] trait that `#[derive(JsonModal)]` implements, and how a submission or a refetch's form is
//! parsed into the modal's type.

use super::schema::ModalSchema;
use super::submission::{ModalForm, SubmissionError, deserialize_submission, normalize_submission};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// A Rust type whose fields are the blocks of a JSON modal. Implemented by `#[derive(JsonModal)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a JSON modal",
    label = "not a JSON modal",
    note = "add `#[derive(pdx::JsonModal, serde::Deserialize)]` to `{Self}`"
)]
pub trait JsonModal: DeserializeOwned {
    /// The modal's schema (built once, cached for the life of the process).
    fn schema() -> &'static ModalSchema;

    /// Parses a submitted body leniently ([`normalize_submission`], then [`deserialize_submission`], which names
    /// the block at fault when serde fails). The derive overrides this with a check per field.
    fn from_submission(body: &Value) -> Result<Self, SubmissionError> {
        deserialize_submission(normalize_submission(Self::schema(), body)?)
    }
}

/// Parses a submitted body (POST) into the modal's type, leniently: unknown keys are ignored, numbers sent as
/// strings and the reverse are accepted where the element allows.
pub fn parse_submission<T: JsonModal>(body: &Value) -> Result<T, SubmissionError> {
    T::from_submission(body)
}

impl ModalForm {
    /// Parses the form into the modal's type, as a submission. Required blocks may still be empty during a
    /// refetch; use [`ModalForm::get`] or an all-`Option` type then.
    pub fn parse_as<T: JsonModal>(&self) -> Result<T, SubmissionError> {
        T::from_submission(&self.to_value())
    }
}

//! [`PanelResponse`]: the body of a successful panel response, typed by the panel's [`JsonPanel`] type, and the
//! checks of what the endpoint answers. Pipedrive's docs, *JSON panels*:
//! <https://pipedrive.readme.io/docs/app-extensions-json-panels>.

use super::check;
use super::json_panel::{AnswersObjectList, AnswersOneObject, JsonPanel, Objects};
use super::response::{ExternalLink, PanelError, Settings};
use super::structure::PanelKind;
use crate::problem::Problems;
use serde::Serialize;

/// The body of a successful panel response: `{"data": ..., "external_link"?: ..., "settings"?: ...}`.
#[derive(Debug, Clone, Serialize)]
pub struct PanelResponse<T> {
    data: PanelData<T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_link: Option<ExternalLink>,
    #[serde(skip_serializing_if = "Option::is_none")]
    settings: Option<Settings>,
}

/// What `data` holds.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
enum PanelData<T> {
    Object(T),
    Objects(Vec<T>),
    /// `{}` (single-object) or `[]` (multiple-object): Pipedrive shows "Nothing to show".
    NothingSingle(EmptyObject),
    NothingMultiple([(); 0]),
}

#[derive(Debug, Clone, Serialize)]
struct EmptyObject {}

impl<T: JsonPanel> PanelResponse<T> {
    /// One object: the answer of a single-object panel ([`SingleObject`](super::SingleObject)). A
    /// multiple-object panel cannot answer it: that does not compile.
    pub fn object(object: T) -> Self
    where
        T::Objects: AnswersOneObject,
    {
        Self {
            data: PanelData::Object(object),
            external_link: None,
            settings: None,
        }
    }

    /// A list of objects (at most [`MAX_OBJECTS`](super::limits::MAX_OBJECTS)): the answer of a multiple-object
    /// panel ([`MultipleObjects`](super::MultipleObjects)). A single-object panel cannot answer it: that does not
    /// compile.
    pub fn objects(objects: Vec<T>) -> Self
    where
        T::Objects: AnswersObjectList,
    {
        Self {
            data: PanelData::Objects(objects),
            external_link: None,
            settings: None,
        }
    }

    /// "Nothing to show": `{"data": {}}` or `{"data": []}` as the panel's structure requires.
    pub fn nothing() -> Self {
        let data = if matches!(<T::Objects as Objects>::KIND, PanelKind::Multiple) {
            PanelData::NothingMultiple([])
        } else {
            PanelData::NothingSingle(EmptyObject {})
        };
        Self {
            data,
            external_link: None,
            settings: None,
        }
    }

    /// Sets `external_link`.
    pub fn external_link(mut self, url: impl Into<String>, label: impl Into<String>) -> Self {
        self.external_link = Some(ExternalLink {
            url: url.into(),
            label: label.into(),
        });
        self
    }

    /// Sets `settings`.
    pub fn settings(mut self, url: impl Into<String>) -> Self {
        self.settings = Some(Settings { url: url.into() });
        self
    }

    /// Checks this response, as serialized, against `T`'s data structure: the problems
    /// [`DataStructure::check_response`](super::DataStructure::check_response) reports, found in the one pass of
    /// [`to_checked_json`](Self::to_checked_json).
    pub fn check(&self) -> Problems {
        self.to_checked_json().problems
    }
}

/// The error state's check lives here, with the other checks of what the endpoint answers, so that the wire
/// types in `response` do not depend on the checks (which read them).
impl PanelError {
    /// Checks the error body as [`check_error_body`](super::check_error_body) does: a missing or empty title is
    /// an error, a title over 30 characters a warning.
    pub fn check(&self) -> Problems {
        match serde_json::to_value(self) {
            Ok(value) => check::check_error_body(&value),
            Err(e) => {
                let mut ps = Problems::new();
                ps.error("", format!("the error body cannot be serialized: {e}"));
                ps
            }
        }
    }
}

//! [`PanelResponse`]: the body of a successful panel response, typed by the panel's [`JsonPanel`] type. Pipedrive's
//! docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.

use super::json_panel::{AnswersObjectList, AnswersOneObject, JsonPanel, Objects};
use super::limits::MAX_OBJECTS;
use super::links::{ExternalLink, Settings};
use super::object_structure::PanelKind;
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
    /// Objects given to [`PanelResponse::objects`] past the first [`MAX_OBJECTS`]; not part of the body.
    #[serde(skip)]
    left_out: usize,
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
    fn with_data(data: PanelData<T>) -> Self {
        Self {
            data,
            external_link: None,
            settings: None,
            left_out: 0,
        }
    }

    /// One object: the answer of a single-object panel ([`SingleObject`](super::SingleObject)). A
    /// multiple-object panel cannot answer it: that does not compile.
    pub fn object(object: T) -> Self
    where
        T::Objects: AnswersOneObject,
    {
        Self::with_data(PanelData::Object(object))
    }

    /// A list of objects: the answer of a multiple-object panel ([`MultipleObjects`](super::MultipleObjects)). A
    /// single-object panel cannot answer it: that does not compile.
    ///
    /// A panel shows at most [`MAX_OBJECTS`] (10) objects. Given more, the response keeps the first 10, logs one
    /// warning naming the panel type and how many were left out, and tells the handler through
    /// [`left_out`](Self::left_out), so that it can link to the rest (the panel's external link is shown under
    /// the objects):
    ///
    /// ```
    /// # use pdx::JsonPanel;
    /// # use pdx::panel::PanelResponse;
    /// #[derive(serde::Serialize, JsonPanel)]
    /// #[panel(list)]
    /// struct Invoice {
    ///     #[panel(header)]
    ///     number: String,
    /// }
    ///
    /// let invoices: Vec<Invoice> = (1..=42).map(|n| Invoice { number: format!("INV-{n}") }).collect();
    /// let total = invoices.len();
    /// let mut response = PanelResponse::objects(invoices);
    /// if response.left_out() > 0 {
    ///     response = response.external_link("https://app.example.com/invoices", format!("All {total} invoices"));
    /// }
    /// assert_eq!(response.left_out(), 32);
    /// assert!(response.check().is_valid());
    /// ```
    pub fn objects(mut objects: Vec<T>) -> Self
    where
        T::Objects: AnswersObjectList,
    {
        let left_out = objects.len().saturating_sub(MAX_OBJECTS);
        if left_out > 0 {
            objects.truncate(MAX_OBJECTS);
            tracing::warn!(
                panel = std::any::type_name::<T>(),
                left_out,
                "a panel shows at most {MAX_OBJECTS} objects: the response keeps the first {MAX_OBJECTS} and \
                 leaves {left_out} out"
            );
        }
        Self {
            left_out,
            ..Self::with_data(PanelData::Objects(objects))
        }
    }

    /// "Nothing to show": `{"data": {}}` or `{"data": []}` as the panel's structure requires.
    pub fn nothing() -> Self {
        let data = if matches!(<T::Objects as Objects>::KIND, PanelKind::Multiple) {
            PanelData::NothingMultiple([])
        } else {
            PanelData::NothingSingle(EmptyObject {})
        };
        Self::with_data(data)
    }

    /// How many objects given to [`objects`](Self::objects) were left out, past the first [`MAX_OBJECTS`]: 0
    /// when all are shown.
    pub fn left_out(&self) -> usize {
        self.left_out
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
    /// `DataStructure::check_response` reports, found in the one pass of
    /// [`to_checked_json`](Self::to_checked_json).
    pub fn check(&self) -> Problems {
        self.to_checked_json().problems
    }
}

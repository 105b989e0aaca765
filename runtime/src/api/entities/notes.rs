//! Notes, through API v1 (Pipedrive has no v2 notes endpoint): [`Note`], its list's filters ([`NotesQuery`])
//! and the create body [`NewNote`].

use super::query::set_param;
use super::wire::v1_time;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A note (`GET /api/v1/notes/{id}`; API v1). Its `content` is HTML.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Id.
    pub id: u64,
    /// Content (HTML).
    #[serde(default)]
    pub content: String,
    /// The user who wrote it.
    #[serde(default)]
    pub user_id: Option<u64>,
    /// The user who last changed it.
    #[serde(default)]
    pub last_update_user_id: Option<u64>,
    /// Its deal.
    #[serde(default)]
    pub deal_id: Option<u64>,
    /// Its person.
    #[serde(default)]
    pub person_id: Option<u64>,
    /// Its organization.
    #[serde(default)]
    pub org_id: Option<u64>,
    /// Its lead (a UUID).
    #[serde(default)]
    pub lead_id: Option<String>,
    /// Its project.
    #[serde(default)]
    pub project_id: Option<u64>,
    /// Not deleted.
    #[serde(default = "yes")]
    pub active_flag: bool,
    /// Pinned on its deal.
    #[serde(default)]
    pub pinned_to_deal_flag: bool,
    /// Pinned on its person.
    #[serde(default)]
    pub pinned_to_person_flag: bool,
    /// Pinned on its organization.
    #[serde(default)]
    pub pinned_to_organization_flag: bool,
    /// Created.
    #[serde(default, with = "v1_time")]
    pub add_time: Option<DateTime<Utc>>,
    /// Last updated.
    #[serde(default, with = "v1_time")]
    pub update_time: Option<DateTime<Utc>>,
    /// Fields pdx does not name (API v1 embeds `deal`, `person`, `organization`, `user` summaries here).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn yes() -> bool {
    true
}

/// The filters of the notes list (`GET /api/v1/notes`, offset pages).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NotesQuery {
    pub(super) params: Vec<(&'static str, String)>,
}

impl NotesQuery {
    /// Every note.
    pub fn new() -> Self {
        Self::default()
    }

    fn set(mut self, name: &'static str, value: impl ToString) -> Self {
        set_param(&mut self.params, name, value);
        self
    }

    /// `deal_id`: only this deal's notes.
    pub fn deal_id(self, id: u64) -> Self {
        self.set("deal_id", id)
    }

    /// `person_id`: only this person's notes.
    pub fn person_id(self, id: u64) -> Self {
        self.set("person_id", id)
    }

    /// `org_id`: only this organization's notes.
    pub fn org_id(self, id: u64) -> Self {
        self.set("org_id", id)
    }

    /// `lead_id`: only this lead's notes.
    pub fn lead_id(self, id: &str) -> Self {
        self.set("lead_id", id)
    }

    /// `user_id`: only notes written by this user.
    pub fn user_id(self, id: u64) -> Self {
        self.set("user_id", id)
    }
}

/// A note to create (`POST /api/v1/notes`): `content` (HTML) and what it is attached to; only the fields set
/// are sent. Pipedrive wants at least one of deal, person, organization, lead or project.
///
/// ```
/// # use pdx_runtime as pdx;
/// use pdx::api::NewNote;
/// let note = NewNote::new("<b>Called</b>").deal_id(5);
/// assert_eq!(
///     serde_json::to_value(&note).unwrap(),
///     serde_json::json!({"content": "<b>Called</b>", "deal_id": 5})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewNote {
    content: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    deal_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    person_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lead_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<u64>,
}

impl NewNote {
    /// A note with this HTML content.
    pub fn new(content: impl Into<String>) -> Self {
        Self {
            content: content.into(),
            deal_id: None,
            person_id: None,
            org_id: None,
            lead_id: None,
            project_id: None,
            user_id: None,
        }
    }

    /// Attaches it to a deal.
    pub fn deal_id(mut self, id: u64) -> Self {
        self.deal_id = Some(id);
        self
    }

    /// Attaches it to a person.
    pub fn person_id(mut self, id: u64) -> Self {
        self.person_id = Some(id);
        self
    }

    /// Attaches it to an organization.
    pub fn org_id(mut self, id: u64) -> Self {
        self.org_id = Some(id);
        self
    }

    /// Attaches it to a lead.
    pub fn lead_id(mut self, id: impl Into<String>) -> Self {
        self.lead_id = Some(id.into());
        self
    }

    /// Attaches it to a project.
    pub fn project_id(mut self, id: u64) -> Self {
        self.project_id = Some(id);
        self
    }

    /// Its author (an admin may write notes as another user).
    pub fn user_id(mut self, id: u64) -> Self {
        self.user_id = Some(id);
        self
    }

    /// Whether it is attached to anything.
    pub(crate) fn is_attached(&self) -> bool {
        self.deal_id.is_some()
            || self.person_id.is_some()
            || self.org_id.is_some()
            || self.lead_id.is_some()
            || self.project_id.is_some()
    }
}

//! Activities (API v2): [`Activity`], its list's filters ([`ActivitiesQuery`]) and the write bodies
//! [`NewActivity`] and [`ActivityUpdate`].

use super::query::{ListQuery, Listed};
use super::wire::{Address, null_as_default};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// An activity (`GET /api/v2/activities/{id}`; Pipedrive's "Activities" API reference).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// Id.
    pub id: u64,
    /// Subject.
    #[serde(default)]
    pub subject: Option<String>,
    /// Its type's key (`call`, `meeting`, `task`, ... or a company's own type).
    #[serde(default, rename = "type")]
    pub activity_type: Option<String>,
    /// The user who owns it.
    #[serde(default)]
    pub owner_id: Option<u64>,
    /// The user who created it.
    #[serde(default)]
    pub creator_user_id: Option<u64>,
    /// Deleted.
    #[serde(default)]
    pub is_deleted: bool,
    /// Created.
    #[serde(default)]
    pub add_time: Option<DateTime<Utc>>,
    /// Last updated.
    #[serde(default)]
    pub update_time: Option<DateTime<Utc>>,
    /// Its deal.
    #[serde(default)]
    pub deal_id: Option<u64>,
    /// Its lead (a UUID).
    #[serde(default)]
    pub lead_id: Option<String>,
    /// Its person.
    #[serde(default)]
    pub person_id: Option<u64>,
    /// Its organization.
    #[serde(default)]
    pub org_id: Option<u64>,
    /// Its project.
    #[serde(default)]
    pub project_id: Option<u64>,
    /// Due date.
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// Due time, `HH:MM` in UTC.
    #[serde(default)]
    pub due_time: Option<String>,
    /// Duration, `HH:MM`.
    #[serde(default)]
    pub duration: Option<String>,
    /// Whether it marks the owner busy in the calendar.
    #[serde(default)]
    pub busy: Option<bool>,
    /// Done.
    #[serde(default)]
    pub done: bool,
    /// When it was marked done.
    #[serde(default)]
    pub marked_as_done_time: Option<DateTime<Utc>>,
    /// Where it takes place.
    #[serde(default)]
    pub location: Option<Address>,
    /// Its persons.
    #[serde(default, deserialize_with = "null_as_default")]
    pub participants: Vec<Participant>,
    /// Its calendar attendees.
    #[serde(default, deserialize_with = "null_as_default")]
    pub attendees: Vec<Attendee>,
    /// The conferencing app.
    #[serde(default)]
    pub conference_meeting_client: Option<String>,
    /// The conference's link.
    #[serde(default)]
    pub conference_meeting_url: Option<String>,
    /// The conference's id.
    #[serde(default)]
    pub conference_meeting_id: Option<String>,
    /// The description attendees see.
    #[serde(default)]
    pub public_description: Option<String>,
    /// Priority (an option id).
    #[serde(default)]
    pub priority: Option<u64>,
    /// Its note (HTML).
    #[serde(default)]
    pub note: Option<String>,
    /// Fields pdx does not name.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A person taking part in an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    /// The person.
    pub person_id: u64,
    /// Whether they are the primary participant.
    #[serde(default)]
    pub primary: bool,
}

/// A calendar attendee of an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attendee {
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Their answer (`accepted`, `declined`, ...).
    #[serde(default)]
    pub status: Option<String>,
    /// Whether they organize it.
    #[serde(default)]
    pub is_organizer: Option<bool>,
    /// The matching person.
    #[serde(default)]
    pub person_id: Option<u64>,
    /// The matching user.
    #[serde(default)]
    pub user_id: Option<u64>,
}

impl Listed for Activity {
    const LIST: &'static super::super::Endpoint = &super::endpoints::ACTIVITIES;
    fn id(&self) -> u64 {
        self.id
    }
}

/// The filters of the activities list (`GET /api/v2/activities`).
pub type ActivitiesQuery = ListQuery<Activity>;

impl ListQuery<Activity> {
    /// `deal_id`: only this deal's activities.
    pub fn deal_id(self, id: u64) -> Self {
        self.set("deal_id", id)
    }

    /// `lead_id`: only this lead's activities.
    pub fn lead_id(self, id: &str) -> Self {
        self.set("lead_id", id)
    }

    /// `person_id`: only this person's activities.
    pub fn person_id(self, id: u64) -> Self {
        self.set("person_id", id)
    }

    /// `org_id`: only this organization's activities.
    pub fn org_id(self, id: u64) -> Self {
        self.set("org_id", id)
    }

    /// `done`: only done (`true`) or not done (`false`) activities.
    pub fn done(self, done: bool) -> Self {
        self.set("done", done)
    }
}

/// An activity to create (`POST /api/v2/activities`): only the fields set are sent.
pub type NewActivity = ActivityUpdate;

/// An activity's fields to send (`POST /api/v2/activities`, `PATCH /api/v2/activities/{id}`): only the fields
/// set are sent.
///
/// ```
/// # use pdx_runtime as pdx;
/// use pdx::api::NewActivity;
/// let call = NewActivity::new().subject("Call Ann").activity_type("call").deal_id(5);
/// assert_eq!(
///     serde_json::to_value(&call).unwrap(),
///     serde_json::json!({"subject": "Call Ann", "type": "call", "deal_id": 5})
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ActivityUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    activity_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deal_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lead_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    person_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    due_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    busy: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    done: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    participants: Option<Vec<Participant>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

impl ActivityUpdate {
    /// Nothing set yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `subject`.
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Sets `type` (an activity type's key: `call`, `meeting`, ...).
    pub fn activity_type(mut self, key: impl Into<String>) -> Self {
        self.activity_type = Some(key.into());
        self
    }

    /// Sets `owner_id`.
    pub fn owner_id(mut self, user_id: u64) -> Self {
        self.owner_id = Some(user_id);
        self
    }

    /// Sets `deal_id`.
    pub fn deal_id(mut self, id: u64) -> Self {
        self.deal_id = Some(id);
        self
    }

    /// Sets `lead_id`.
    pub fn lead_id(mut self, id: impl Into<String>) -> Self {
        self.lead_id = Some(id.into());
        self
    }

    /// Sets `person_id`.
    pub fn person_id(mut self, id: u64) -> Self {
        self.person_id = Some(id);
        self
    }

    /// Sets `org_id`.
    pub fn org_id(mut self, id: u64) -> Self {
        self.org_id = Some(id);
        self
    }

    /// Sets `due_date`.
    pub fn due_date(mut self, date: NaiveDate) -> Self {
        self.due_date = Some(date);
        self
    }

    /// Sets `due_time` (`HH:MM`, UTC) and `duration` (`HH:MM`).
    pub fn due_time(mut self, time: impl Into<String>, duration: impl Into<String>) -> Self {
        self.due_time = Some(time.into());
        self.duration = Some(duration.into());
        self
    }

    /// Sets `busy`.
    pub fn busy(mut self, busy: bool) -> Self {
        self.busy = Some(busy);
        self
    }

    /// Sets `done`.
    pub fn done(mut self, done: bool) -> Self {
        self.done = Some(done);
        self
    }

    /// Sets `participants`.
    pub fn participants(mut self, participants: impl IntoIterator<Item = Participant>) -> Self {
        self.participants = Some(participants.into_iter().collect());
        self
    }

    /// Sets `public_description`.
    pub fn public_description(mut self, text: impl Into<String>) -> Self {
        self.public_description = Some(text.into());
        self
    }

    /// Sets `note` (HTML).
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

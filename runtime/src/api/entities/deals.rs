//! Deals (API v2): [`Deal`], its list's filters ([`DealsQuery`]), the write bodies [`NewDeal`] and
//! [`DealUpdate`], and deals by id with the archived ones said so ([`DealsById`]).

use super::query::{ListQuery, Listed, rfc3339};
use super::wire::{CustomFieldValues, VisibleTo, null_as_default};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A deal (`GET /api/v2/deals/{id}`; Pipedrive's "Deals" API reference).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    /// Id.
    pub id: u64,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// The user who created it.
    #[serde(default)]
    pub creator_user_id: Option<u64>,
    /// The user who owns it.
    #[serde(default)]
    pub owner_id: Option<u64>,
    /// Its person.
    #[serde(default)]
    pub person_id: Option<u64>,
    /// Its organization.
    #[serde(default)]
    pub org_id: Option<u64>,
    /// Its pipeline.
    #[serde(default)]
    pub pipeline_id: Option<u64>,
    /// Its stage.
    #[serde(default)]
    pub stage_id: Option<u64>,
    /// Value, in [`currency`](Self::currency).
    #[serde(default)]
    pub value: Option<f64>,
    /// Currency code (`EUR`).
    #[serde(default)]
    pub currency: Option<String>,
    /// Created.
    #[serde(default)]
    pub add_time: Option<DateTime<Utc>>,
    /// Last updated.
    #[serde(default)]
    pub update_time: Option<DateTime<Utc>>,
    /// Last moved to another stage.
    #[serde(default)]
    pub stage_change_time: Option<DateTime<Utc>>,
    /// Deleted (kept 30 days before Pipedrive purges it).
    #[serde(default)]
    pub is_deleted: bool,
    /// Archived: left out of the deals list since 2025-07-15, read from `GET /api/v2/deals/archived`, and not
    /// editable through the API.
    #[serde(default)]
    pub is_archived: bool,
    /// When it was archived.
    #[serde(default)]
    pub archive_time: Option<DateTime<Utc>>,
    /// `open`, `won`, `lost` or `deleted`.
    #[serde(default)]
    pub status: Option<DealStatus>,
    /// Win probability in percent.
    #[serde(default)]
    pub probability: Option<f64>,
    /// Why it was lost.
    #[serde(default)]
    pub lost_reason: Option<String>,
    /// Who can see it.
    #[serde(default)]
    pub visible_to: Option<VisibleTo>,
    /// Won or lost.
    #[serde(default)]
    pub close_time: Option<DateTime<Utc>>,
    /// Won.
    #[serde(default)]
    pub won_time: Option<DateTime<Utc>>,
    /// Lost.
    #[serde(default)]
    pub lost_time: Option<DateTime<Utc>>,
    /// Expected close date.
    #[serde(default)]
    pub expected_close_date: Option<NaiveDate>,
    /// Its labels.
    #[serde(default, deserialize_with = "null_as_default")]
    pub label_ids: Vec<u64>,
    /// How it was created (`ManuallyCreated`, `API`, ...).
    #[serde(default)]
    pub origin: Option<String>,
    /// The id of the creating integration, when there is one.
    #[serde(default)]
    pub origin_id: Option<String>,
    /// The marketing channel (an option id of the channel field).
    #[serde(default)]
    pub channel: Option<u64>,
    /// The id of the channel's source.
    #[serde(default)]
    pub channel_id: Option<String>,
    /// The lead it was converted from.
    #[serde(default)]
    pub source_lead_id: Option<String>,
    /// Annual recurring revenue (with Pipedrive's revenue add-on).
    #[serde(default)]
    pub arr: Option<f64>,
    /// Monthly recurring revenue.
    #[serde(default)]
    pub mrr: Option<f64>,
    /// Annual contract value.
    #[serde(default)]
    pub acv: Option<f64>,
    /// Custom fields by their key in this company.
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_fields: CustomFieldValues,
    /// Fields Pipedrive sends that pdx does not name (`include_fields` ones such as `next_activity_id`, and
    /// fields Pipedrive adds later).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Listed for Deal {
    const LIST: &'static super::super::Endpoint = &super::super::endpoints::DEALS;
    fn id(&self) -> u64 {
        self.id
    }
}

/// A deal's `status`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(rename_all = "snake_case")]
pub enum DealStatus {
    /// `open`.
    Open,
    /// `won`.
    Won,
    /// `lost`.
    Lost,
    /// `deleted`.
    Deleted,
    /// A value Pipedrive may add later, kept as sent.
    #[serde(untagged)]
    Other(String),
}

impl DealStatus {
    /// The wire value.
    pub fn as_str(&self) -> &str {
        match self {
            DealStatus::Open => "open",
            DealStatus::Won => "won",
            DealStatus::Lost => "lost",
            DealStatus::Deleted => "deleted",
            DealStatus::Other(s) => s,
        }
    }
}

/// The filters of the deals list (`GET /api/v2/deals`).
pub type DealsQuery = ListQuery<Deal>;

impl ListQuery<Deal> {
    /// `person_id`: only deals of this person.
    pub fn person_id(self, id: u64) -> Self {
        self.set("person_id", id)
    }

    /// `org_id`: only deals of this organization.
    pub fn org_id(self, id: u64) -> Self {
        self.set("org_id", id)
    }

    /// `pipeline_id`: only deals in this pipeline.
    pub fn pipeline_id(self, id: u64) -> Self {
        self.set("pipeline_id", id)
    }

    /// `stage_id`: only deals in this stage.
    pub fn stage_id(self, id: u64) -> Self {
        self.set("stage_id", id)
    }

    /// `status`: only deals with this status (`deleted` lists deleted deals).
    pub fn status(self, status: DealStatus) -> Self {
        let status = status.as_str().to_owned();
        self.set("status", status)
    }
}

/// A deal to create (`POST /api/v2/deals`): `title` and the documented fields set, nothing else sent.
///
/// ```
/// # use pdx_runtime as pdx;
/// use pdx::api::NewDeal;
/// let deal = NewDeal::new("Acme renewal").value(1200.0, "EUR").person_id(3);
/// assert_eq!(
///     serde_json::to_value(&deal).unwrap(),
///     serde_json::json!({"title": "Acme renewal", "value": 1200.0, "currency": "EUR", "person_id": 3})
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct NewDeal {
    fields: DealUpdate,
}

impl NewDeal {
    /// A deal with this title.
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            fields: DealUpdate::default().title(title),
        }
    }
}

/// Changes to a deal (`PATCH /api/v2/deals/{id}`): only the fields set are sent, so the others keep their
/// values (PATCH semantics). Custom fields go under `custom_fields`, as API v2 takes them.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DealUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    person_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pipeline_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stage_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<DealStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    probability: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lost_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    visible_to: Option<VisibleTo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected_close_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    close_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label_ids: Option<Vec<u64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_archived: Option<bool>,
    #[serde(skip_serializing_if = "CustomFieldValues::is_empty")]
    custom_fields: CustomFieldValues,
}

impl DealUpdate {
    /// No change yet.
    pub fn new() -> Self {
        Self::default()
    }
}

/// The setters [`NewDeal`] and [`DealUpdate`] share.
macro_rules! deal_setters {
    ($ty:ty) => {
        impl $ty {
            /// Sets `title`.
            pub fn title(mut self, title: impl Into<String>) -> Self {
                self.fields_mut().title = Some(title.into());
                self
            }
            /// Sets `owner_id`.
            pub fn owner_id(mut self, user_id: u64) -> Self {
                self.fields_mut().owner_id = Some(user_id);
                self
            }
            /// Sets `person_id`.
            pub fn person_id(mut self, id: u64) -> Self {
                self.fields_mut().person_id = Some(id);
                self
            }
            /// Sets `org_id`.
            pub fn org_id(mut self, id: u64) -> Self {
                self.fields_mut().org_id = Some(id);
                self
            }
            /// Sets `pipeline_id`.
            pub fn pipeline_id(mut self, id: u64) -> Self {
                self.fields_mut().pipeline_id = Some(id);
                self
            }
            /// Sets `stage_id`.
            pub fn stage_id(mut self, id: u64) -> Self {
                self.fields_mut().stage_id = Some(id);
                self
            }
            /// Sets `value` and `currency`.
            pub fn value(mut self, value: f64, currency: impl Into<String>) -> Self {
                self.fields_mut().value = Some(value);
                self.fields_mut().currency = Some(currency.into());
                self
            }
            /// Sets `status`.
            pub fn status(mut self, status: DealStatus) -> Self {
                self.fields_mut().status = Some(status);
                self
            }
            /// Sets `probability` (percent).
            pub fn probability(mut self, percent: f64) -> Self {
                self.fields_mut().probability = Some(percent);
                self
            }
            /// Sets `lost_reason`.
            pub fn lost_reason(mut self, reason: impl Into<String>) -> Self {
                self.fields_mut().lost_reason = Some(reason.into());
                self
            }
            /// Sets `visible_to`.
            pub fn visible_to(mut self, visible_to: VisibleTo) -> Self {
                self.fields_mut().visible_to = Some(visible_to);
                self
            }
            /// Sets `expected_close_date`.
            pub fn expected_close_date(mut self, date: NaiveDate) -> Self {
                self.fields_mut().expected_close_date = Some(date);
                self
            }
            /// Sets `close_time`.
            pub fn close_time(mut self, time: DateTime<Utc>) -> Self {
                self.fields_mut().close_time = Some(rfc3339(time));
                self
            }
            /// Sets `label_ids`.
            pub fn label_ids(mut self, ids: impl IntoIterator<Item = u64>) -> Self {
                self.fields_mut().label_ids = Some(ids.into_iter().collect());
                self
            }
            /// Sets `is_archived` (`false` un-archives an archived deal).
            pub fn archived(mut self, archived: bool) -> Self {
                self.fields_mut().is_archived = Some(archived);
                self
            }
            /// Sets one custom field, by its key in this company, sent under `custom_fields`.
            pub fn custom_field(mut self, key: impl Into<String>, value: Value) -> Self {
                self.fields_mut().custom_fields.insert(key, value);
                self
            }
        }
    };
}

deal_setters!(NewDeal);
deal_setters!(DealUpdate);

impl NewDeal {
    fn fields_mut(&mut self) -> &mut DealUpdate {
        &mut self.fields
    }
}

impl DealUpdate {
    fn fields_mut(&mut self) -> &mut DealUpdate {
        self
    }
}

/// Deals asked by id ([`Client::deals_by_id`](crate::api::Client::deals_by_id)): each found deal once, in the
/// order asked, archived ones included and marked ([`Deal::is_archived`]); the ids Pipedrive has neither live
/// nor archived (missing, deleted, or not visible to the user) in `missing`.
#[derive(Debug, Clone, PartialEq)]
pub struct DealsById {
    /// The deals found, in the order asked.
    pub deals: Vec<Deal>,
    /// Ids found in neither the deals list nor the archived deals.
    pub missing: Vec<u64>,
}

impl DealsById {
    /// The archived deals among those found.
    pub fn archived(&self) -> impl Iterator<Item = &Deal> {
        self.deals.iter().filter(|d| d.is_archived)
    }
}

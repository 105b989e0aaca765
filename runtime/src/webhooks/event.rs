//! One delivery's body: `meta`, `data`, `previous` ("Guide for Webhooks v2", the payload section).

use super::custom_field::WebhookCustomField;
use super::flex;
use super::subscription::{EventAction, EventObject};
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use std::fmt;

/// One event Pipedrive delivered: what happened (`meta`), the object now (`data`: `None` for a `delete`), and
/// what it was (`previous`: the old values of the changed fields for a `change`, the last state for a
/// `delete`, `None` for a `create`).
///
/// `D` is how `data` is read: `serde_json::Value` (the default), or a typed view such as
/// [`DealEvent`](super::DealEvent). Pipedrive's `data` holds the object's key fields and the ids of related
/// objects, not the full API object: ask the API for anything else.
///
/// ```
/// use pdx::webhooks::{DealEvent, EventAction, EventObject, WebhookEvent};
/// let body = r#"{"meta": {"action": "change", "entity": "deal", "entity_id": "412", "id": "9c1e",
///   "company_id": "7", "user_id": "123", "webhook_id": "99", "timestamp": "2026-05-04T09:15:02.318Z",
///   "type": "application", "version": "2.0", "attempt": 1},
///   "data": {"id": 412, "stage_id": 3}, "previous": {"stage_id": 2}}"#;
/// let event: WebhookEvent<DealEvent> = serde_json::from_str(body)?;
/// assert_eq!(event.meta.action, EventAction::Change);
/// assert_eq!(event.meta.entity, EventObject::Deal);
/// assert_eq!(event.data.as_ref().and_then(|d| d.stage_id), Some(3));
/// assert_eq!(event.previous_value("stage_id"), Some(&serde_json::json!(2)));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(bound(deserialize = "D: DeserializeOwned"))]
#[non_exhaustive]
pub struct WebhookEvent<D = Value> {
    /// What happened, to what, by whom, and the delivery's attempt.
    pub meta: EventMeta,
    /// The object now; `None` for a `delete` (and when Pipedrive sends `null`).
    #[serde(default)]
    pub data: Option<D>,
    /// The changed fields' old values (`change`), the last state (`delete`), or `None` (`create`).
    #[serde(default)]
    pub previous: Option<Value>,
}

impl<D> WebhookEvent<D> {
    /// The old value of a changed field of `previous` (`None`: the field did not change, or no `previous`).
    pub fn previous_value(&self, field: &str) -> Option<&Value> {
        self.previous.as_ref()?.get(field)
    }

    /// Whether `previous` lists `field`, i.e. the `change` changed it.
    pub fn changed(&self, field: &str) -> bool {
        self.previous_value(field).is_some()
    }

    /// The old value of a custom field in `previous`: `None` when it did not change, `Some(None)` when it
    /// was empty before (Pipedrive sends `null`), `Some(Some(value))` otherwise.
    pub fn previous_custom_field(&self, key: &str) -> Option<Option<WebhookCustomField>> {
        let value = self.previous_value("custom_fields")?.get(key)?;
        Some(WebhookCustomField::from_value(value))
    }

    /// The merge this event is part of: a merge sends a `delete` of the merged-away object (with
    /// `merged_to_id`) and a `change` of the surviving one (with `merged_from_id`).
    pub fn merge(&self) -> Option<Merge> {
        match (&self.meta.merged_to_id, &self.meta.merged_from_id) {
            (Some(to), _) => Some(Merge::MergedInto(to.clone())),
            (None, Some(from)) => Some(Merge::Absorbed(from.clone())),
            (None, None) => None,
        }
    }
}

impl WebhookEvent<Value> {
    /// `data` read as a typed view; `Ok(None)` when there is none (a `delete`).
    pub fn data_as<T: DeserializeOwned>(&self) -> Result<Option<T>, serde_json::Error> {
        self.data.clone().map(serde_json::from_value).transpose()
    }

    /// The same event with `data` read as `T`.
    pub fn into_typed<T: DeserializeOwned>(self) -> Result<WebhookEvent<T>, serde_json::Error> {
        Ok(WebhookEvent {
            data: self.data.map(serde_json::from_value).transpose()?,
            meta: self.meta,
            previous: self.previous,
        })
    }
}

/// A merge's link between the two objects.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Merge {
    /// This object (deleted) was merged into the object with this id (`meta.merged_to_id`).
    MergedInto(String),
    /// The object with this id was merged into this one (`meta.merged_from_id`).
    Absorbed(String),
}

/// The event's `meta`: every field Pipedrive documents, and any other it sends ([`EventMeta::other`]). Ids are
/// strings, as Pipedrive sends them (a lead's id is a UUID).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct EventMeta {
    /// `create`, `change` or `delete`.
    pub action: EventAction,
    /// The object's kind (`entity`).
    #[serde(rename = "entity")]
    pub entity: EventObject,
    /// The object's id.
    #[serde(default, deserialize_with = "flex::text")]
    pub entity_id: String,
    /// The event's id (for `user` events Pipedrive's examples show the user's id here: not unique alone).
    #[serde(default, deserialize_with = "flex::text")]
    pub id: String,
    /// The company where it happened.
    #[serde(default, deserialize_with = "flex::text")]
    pub company_id: String,
    /// The user who made it happen.
    #[serde(default, deserialize_with = "flex::text")]
    pub user_id: String,
    /// The webhook (subscription) this delivery is for.
    #[serde(default, deserialize_with = "flex::text")]
    pub webhook_id: String,
    /// The user who created the webhook.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub webhook_owner_id: Option<String>,
    /// For Pipedrive's troubleshooting.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub correlation_id: Option<String>,
    /// When it happened.
    pub timestamp: EventTime,
    /// `general` or `application` (`type`).
    #[serde(rename = "type", default)]
    pub kind: Option<WebhookKind>,
    /// The payload version (`2.0`).
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub version: Option<String>,
    /// `app` (the web app) or `api`.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub change_source: Option<String>,
    /// Whether the change came from a bulk edit in a list view.
    #[serde(default)]
    pub is_bulk_edit: bool,
    /// 1 for the first attempt, 2–4 for Pipedrive's retries.
    #[serde(default = "first_attempt")]
    pub attempt: u32,
    /// `{company}.pipedrive.com`.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub host: Option<String>,
    /// The users who can see the object (absent for `user` events).
    #[serde(default, deserialize_with = "flex::opt_texts")]
    pub permitted_user_ids: Option<Vec<String>>,
    /// On a merge's `delete`: the surviving object's id.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub merged_to_id: Option<String>,
    /// On a merge's `change`: the merged-away object's id.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub merged_from_id: Option<String>,
    /// Fields Pipedrive added that pdx does not know yet.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

fn first_attempt() -> u32 {
    1
}

/// Which kind of webhook delivered (`meta.type`; the webhooks list's `type`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookKind {
    /// Made in Settings or with an API token.
    General,
    /// Made by an app (invisible in the web app).
    Application,
    /// Made by an automation.
    Automation,
    /// A kind pdx does not know yet.
    Other(String),
}

impl<'de> Deserialize<'de> for WebhookKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match flex::text(d)?.as_str() {
            "general" => WebhookKind::General,
            "application" => WebhookKind::Application,
            "automation" => WebhookKind::Automation,
            other => WebhookKind::Other(other.to_owned()),
        })
    }
}

/// `meta.timestamp`: RFC 3339 (`2022-11-24T15:28:13.375Z`, today's format), Unix seconds (what `user` events
/// sent until mid-2025, as a number or a 10-digit string) or `YYYY-MM-DD HH:MM:SS` in UTC (what `product`
/// events sent until 2026-04) all parse. The text as received is kept: it is part of what identifies a
/// delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventTime {
    at: DateTime<Utc>,
    received: String,
}

impl EventTime {
    /// Reads any of the three formats.
    pub fn parse(text: &str) -> Option<Self> {
        let trimmed = text.trim();
        let at = if let Ok(t) = DateTime::parse_from_rfc3339(trimmed) {
            t.with_timezone(&Utc)
        } else if let Ok(t) = NaiveDateTime::parse_from_str(trimmed, "%Y-%m-%d %H:%M:%S") {
            t.and_utc()
        } else if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            DateTime::from_timestamp(trimmed.parse().ok()?, 0)?
        } else {
            return None;
        };
        Some(Self {
            at,
            received: text.to_owned(),
        })
    }

    /// The instant, in UTC.
    pub fn utc(&self) -> DateTime<Utc> {
        self.at
    }

    /// The value as Pipedrive sent it (a number as its decimal text).
    pub fn as_received(&self) -> &str {
        &self.received
    }
}

impl fmt::Display for EventTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.at.format("%Y-%m-%d %H:%M:%S UTC"))
    }
}

impl<'de> Deserialize<'de> for EventTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = flex::text(d)?;
        EventTime::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{}` is not a timestamp (RFC 3339, Unix seconds or `YYYY-MM-DD HH:MM:SS`)",
                text.escape_debug()
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_timestamp_formats_parse_to_the_same_instant() {
        let rfc = EventTime::parse("2026-05-04T09:15:02Z").map(|t| t.utc());
        let space = EventTime::parse("2026-05-04 09:15:02").map(|t| t.utc());
        let unix = EventTime::parse("1777886102").map(|t| t.utc());
        assert!(rfc.is_some());
        assert_eq!(rfc, space);
        assert_eq!(rfc, unix);
        assert_eq!(EventTime::parse("yesterday"), None);
        assert_eq!(EventTime::parse(""), None);
    }
}

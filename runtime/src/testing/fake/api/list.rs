//! Lists as Pipedrive pages them ("Pagination": <https://pipedrive.readme.io/docs/core-api-concepts-pagination>):
//! API v2 by cursor (`cursor`, `limit` up to 500, `additional_data.next_cursor`, null on the last page), API v1
//! by offset (`start`, `limit`, `additional_data.pagination` with `more_items_in_collection` and `next_start`);
//! and the filters every v2 list takes: `ids` (at most 100), `filter_id`, `updated_since`/`updated_until`,
//! `sort_by`/`sort_direction`, `custom_fields` (at most 15 keys) and the kind's own fields (`owner_id`, ...).
//!
//! The fake's cursors are opaque to clients (an offset, encoded) and a cursor it did not make answers 400.

use super::super::answer::{invalid, ok_list};
use super::super::entity::Entity;
use super::super::world::CompanyData;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, FixedOffset};
use serde_json::{Value, json};

/// The most ids one v2 list call takes.
pub const MAX_IDS: usize = 100;
/// The largest `limit` of a list (v1 and v2).
pub const MAX_LIMIT: usize = 500;
/// The `limit` of a list call that sends none.
pub const DEFAULT_LIMIT: usize = 100;
/// The most custom field keys one call may select.
pub const MAX_CUSTOM_FIELDS: usize = 15;

const CURSOR_PREFIX: &str = "pdx-fake-offset:";

/// A call's query parameters, in order.
#[derive(Debug, Clone, Default)]
pub(in super::super) struct Params(Vec<(String, String)>);

impl Params {
    pub(in super::super) fn parse(query: Option<&str>) -> Self {
        Self(
            form_urlencoded::parse(query.unwrap_or_default().as_bytes())
                .into_owned()
                .collect(),
        )
    }

    /// A parameter's (first) value; an empty value counts as absent.
    pub(in super::super) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == name && !v.is_empty())
            .map(|(_, v)| v.as_str())
    }

    /// A number parameter within `range`, or the 400 naming it.
    pub(super) fn number(
        &self,
        name: &str,
        default: usize,
        range: std::ops::RangeInclusive<usize>,
    ) -> Result<usize, Response> {
        let Some(text) = self.get(name) else {
            return Ok(default);
        };
        match text.parse::<usize>() {
            Ok(n) if range.contains(&n) => Ok(n),
            _ => Err(invalid(
                name,
                &format!(
                    "must be an integer from {} to {}",
                    range.start(),
                    range.end()
                ),
            )),
        }
    }
}

/// Which objects a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Listing {
    /// Not deleted, not archived (Pipedrive's lists leave archived deals and leads out).
    Live,
    /// Archived only (`/deals/archived`, `/leads/archived`).
    Archived,
}

/// The objects of a list call, filtered and sorted; 400 naming a wrong parameter.
pub(super) fn select(
    company: &CompanyData,
    entity: Entity,
    params: &Params,
    listing: Listing,
) -> Result<Vec<Value>, Response> {
    let ids = ids(params)?;
    let filter = match params.get("filter_id") {
        Some(id) => Some(super::super::filter::rule_of(&company.filters, entity, id)?),
        None => None,
    };
    let since = time(params, "updated_since")?;
    let until = time(params, "updated_until")?;
    let deleted_wanted = entity == Entity::Deal && params.get("status") == Some("deleted");
    let mut items = Vec::new();
    for object in company.objects.all(entity) {
        let archived = object["is_archived"].as_bool() == Some(true);
        let deleted = object["is_deleted"].as_bool() == Some(true)
            || object["active_flag"].as_bool() == Some(false);
        if archived != (listing == Listing::Archived) || deleted != deleted_wanted {
            continue;
        }
        if ids.as_ref().is_some_and(|ids| !ids.contains(&object["id"]))
            || filter.as_ref().is_some_and(|rule| !rule(object))
            || !fields_match(entity, object, params)?
            || !updated_within(object, since, until)
        {
            continue;
        }
        items.push(project(object, params)?);
    }
    sort(&mut items, params)?;
    Ok(items)
}

/// `ids`: at most [`MAX_IDS`], numbers (or UUIDs for leads).
fn ids(params: &Params) -> Result<Option<Vec<Value>>, Response> {
    let Some(text) = params.get("ids") else {
        return Ok(None);
    };
    let ids: Vec<&str> = text.split(',').map(str::trim).collect();
    if ids.len() > MAX_IDS {
        return Err(invalid(
            "ids",
            &format!("must contain at most {MAX_IDS} items, got {}", ids.len()),
        ));
    }
    ids.iter()
        .map(|id| match id.parse::<u64>() {
            Ok(n) => Ok(json!(n)),
            Err(_) => Err(invalid("ids", &format!("`{id}` is not an integer id"))),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

fn time(params: &Params, name: &str) -> Result<Option<DateTime<FixedOffset>>, Response> {
    params
        .get(name)
        .map(|text| {
            DateTime::parse_from_rfc3339(text).map_err(|_| {
                invalid(
                    name,
                    "must be an RFC 3339 date-time, e.g. 2025-01-01T10:20:00Z",
                )
            })
        })
        .transpose()
}

fn updated_within(
    object: &Value,
    since: Option<DateTime<FixedOffset>>,
    until: Option<DateTime<FixedOffset>>,
) -> bool {
    if since.is_none() && until.is_none() {
        return true;
    }
    let Some(updated) = object["update_time"]
        .as_str()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
    else {
        return false;
    };
    since.is_none_or(|s| updated >= s) && until.is_none_or(|u| updated < u)
}

/// The kind's own filters (`owner_id=7`, `done=true`, ...): equal to the object's field. Booleans take only
/// `true` and `false`, as API v2 does.
fn fields_match(entity: Entity, object: &Value, params: &Params) -> Result<bool, Response> {
    for name in entity.list_filters() {
        let Some(wanted) = params.get(name) else {
            continue;
        };
        if *name == "status" && wanted == "deleted" {
            continue;
        }
        let matches = match &object[*name] {
            Value::Bool(b) => match wanted {
                "true" => *b,
                "false" => !*b,
                _ => return Err(invalid(name, "must be `true` or `false`")),
            },
            Value::String(s) => s == wanted,
            Value::Number(n) => n.to_string() == wanted,
            _ => false,
        };
        if !matches {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The object with only the `custom_fields` keys the call selected, if it selected some.
fn project(object: &Value, params: &Params) -> Result<Value, Response> {
    let Some(keys) = params.get("custom_fields") else {
        return Ok(object.clone());
    };
    let keys: Vec<&str> = keys.split(',').map(str::trim).collect();
    if keys.len() > MAX_CUSTOM_FIELDS {
        return Err(invalid(
            "custom_fields",
            &format!(
                "must contain at most {MAX_CUSTOM_FIELDS} keys, got {}",
                keys.len()
            ),
        ));
    }
    let mut object = object.clone();
    if let Some(fields) = object
        .get_mut("custom_fields")
        .and_then(Value::as_object_mut)
    {
        fields.retain(|k, _| keys.contains(&k.as_str()));
    }
    Ok(object)
}

fn sort(items: &mut [Value], params: &Params) -> Result<(), Response> {
    let by = params.get("sort_by").unwrap_or("id");
    if !["id", "add_time", "update_time"].contains(&by) {
        return Err(invalid(
            "sort_by",
            "must be `id`, `add_time` or `update_time`",
        ));
    }
    let descending = match params.get("sort_direction").unwrap_or("asc") {
        "asc" => false,
        "desc" => true,
        _ => return Err(invalid("sort_direction", "must be `asc` or `desc`")),
    };
    let key = |v: &Value| match &v[by] {
        Value::Number(n) => format!("{:020}", n.as_u64().unwrap_or(0)),
        other => other.as_str().unwrap_or_default().to_owned(),
    };
    items.sort_by_key(key);
    if descending {
        items.reverse();
    }
    Ok(())
}

/// One cursor page: its items and the cursor of the next page (`None` on the last).
pub(super) struct Page {
    pub(super) items: Vec<Value>,
    pub(super) next_cursor: Option<String>,
}

/// The page of `items` a call asks for (`cursor`, `limit` up to `max_limit`).
pub(super) fn cursor_slice(
    items: Vec<Value>,
    params: &Params,
    max_limit: usize,
) -> Result<Page, Response> {
    let limit = params.number("limit", DEFAULT_LIMIT.min(max_limit), 1..=max_limit)?;
    let start = match params.get("cursor") {
        None => 0,
        Some(cursor) => URL_SAFE_NO_PAD
            .decode(cursor)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| text.strip_prefix(CURSOR_PREFIX)?.parse::<usize>().ok())
            .ok_or_else(|| invalid("cursor", "is not a cursor this API issued"))?,
    };
    let end = start.saturating_add(limit).min(items.len());
    let next_cursor =
        (end < items.len()).then(|| URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{end}")));
    let items = items.into_iter().skip(start).take(limit).collect();
    Ok(Page { items, next_cursor })
}

/// One cursor page of `items` as a list answer: `data` and `additional_data.next_cursor`.
pub(super) fn cursor_page(
    items: Vec<Value>,
    params: &Params,
    max_limit: usize,
) -> Result<Response, Response> {
    let page = cursor_slice(items, params, max_limit)?;
    Ok(ok_list(
        json!(page.items),
        json!({"next_cursor": page.next_cursor}),
    ))
}

/// One offset page of `items`: `data` and `additional_data.pagination`.
pub(super) fn offset_page(items: Vec<Value>, params: &Params) -> Result<Response, Response> {
    let limit = params.number("limit", DEFAULT_LIMIT, 1..=MAX_LIMIT)?;
    let start = params.number("start", 0, 0..=usize::MAX)?;
    let end = start.saturating_add(limit).min(items.len());
    let more = end < items.len();
    let mut pagination = json!({"start": start, "limit": limit, "more_items_in_collection": more});
    if more {
        pagination["next_start"] = json!(end);
    }
    let page: Vec<Value> = items.into_iter().skip(start).take(limit).collect();
    Ok(ok_list(json!(page), json!({"pagination": pagination})))
}

//! The kinds of Pipedrive objects the fake keeps, with their names on the wire and the fields a new object gets
//! when a test or an API call leaves them out.

use serde_json::{Map, Value, json};
use std::fmt;

/// A kind of Pipedrive object the fake keeps per company.
///
/// Deals, persons, organizations, activities, products, pipelines and stages are served on API v2 paths;
/// leads, notes and users on API v1 paths, as Pipedrive still does (its "Pipedrive API v2 migration guide").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Entity {
    /// Deals (`/api/v2/deals`).
    Deal,
    /// Persons (`/api/v2/persons`).
    Person,
    /// Organizations (`/api/v2/organizations`).
    Organization,
    /// Activities (`/api/v2/activities`).
    Activity,
    /// Products (`/api/v2/products`).
    Product,
    /// Pipelines (`/api/v2/pipelines`).
    Pipeline,
    /// Stages (`/api/v2/stages`).
    Stage,
    /// Leads (`/api/v1/leads`; ids are UUIDs).
    Lead,
    /// Notes (`/api/v1/notes`).
    Note,
    /// Users of the company (`/api/v1/users`).
    User,
}

impl Entity {
    /// Every kind.
    pub const ALL: [Entity; 10] = [
        Entity::Deal,
        Entity::Person,
        Entity::Organization,
        Entity::Activity,
        Entity::Product,
        Entity::Pipeline,
        Entity::Stage,
        Entity::Lead,
        Entity::Note,
        Entity::User,
    ];

    /// The kinds served on API v2 paths.
    pub const V2: [Entity; 7] = [
        Entity::Deal,
        Entity::Person,
        Entity::Organization,
        Entity::Activity,
        Entity::Product,
        Entity::Pipeline,
        Entity::Stage,
    ];

    /// The collection's path segment: `deals`, `persons`, ...
    pub fn collection(self) -> &'static str {
        match self {
            Entity::Deal => "deals",
            Entity::Person => "persons",
            Entity::Organization => "organizations",
            Entity::Activity => "activities",
            Entity::Product => "products",
            Entity::Pipeline => "pipelines",
            Entity::Stage => "stages",
            Entity::Lead => "leads",
            Entity::Note => "notes",
            Entity::User => "users",
        }
    }

    /// The object's name in webhooks (`event_object`, `meta.entity`) and search results: `deal`, `person`, ...
    pub fn object(self) -> &'static str {
        match self {
            Entity::Deal => "deal",
            Entity::Person => "person",
            Entity::Organization => "organization",
            Entity::Activity => "activity",
            Entity::Product => "product",
            Entity::Pipeline => "pipeline",
            Entity::Stage => "stage",
            Entity::Lead => "lead",
            Entity::Note => "note",
            Entity::User => "user",
        }
    }

    /// The kind whose webhook or search name is `object`.
    pub fn from_object(object: &str) -> Option<Entity> {
        Entity::ALL.into_iter().find(|e| e.object() == object)
    }

    /// The v2 Fields API path segment (`dealFields`, ...), for the kinds that have one.
    pub fn fields_collection(self) -> Option<&'static str> {
        match self {
            Entity::Deal => Some("dealFields"),
            Entity::Person => Some("personFields"),
            Entity::Organization => Some("organizationFields"),
            Entity::Product => Some("productFields"),
            Entity::Activity => Some("activityFields"),
            _ => None,
        }
    }

    /// Whether its ids are UUID strings (leads) rather than numbers.
    pub fn has_uuid_ids(self) -> bool {
        self == Entity::Lead
    }

    /// Whether it is served on API v2 paths.
    pub fn is_v2(self) -> bool {
        Entity::V2.contains(&self)
    }

    /// The resource name in a 404 message: `Deal not found`.
    pub(super) fn resource(self) -> &'static str {
        match self {
            Entity::Deal => "Deal",
            Entity::Person => "Person",
            Entity::Organization => "Organization",
            Entity::Activity => "Activity",
            Entity::Product => "Product",
            Entity::Pipeline => "Pipeline",
            Entity::Stage => "Stage",
            Entity::Lead => "Lead",
            Entity::Note => "Note",
            Entity::User => "User",
        }
    }

    /// The body field a create must carry (a 400 names it when missing).
    pub(super) fn required_field(self) -> Option<&'static str> {
        match self {
            Entity::Deal | Entity::Lead => Some("title"),
            Entity::Person
            | Entity::Organization
            | Entity::Product
            | Entity::Pipeline
            | Entity::Stage
            | Entity::User => Some("name"),
            Entity::Note => Some("content"),
            Entity::Activity => None,
        }
    }

    /// The list filters (query parameter = field of the same name) its list endpoint accepts besides `ids`,
    /// `filter_id` and the update times.
    pub(super) fn list_filters(self) -> &'static [&'static str] {
        match self {
            Entity::Deal => &[
                "owner_id",
                "person_id",
                "org_id",
                "pipeline_id",
                "stage_id",
                "status",
            ],
            Entity::Person => &["owner_id", "org_id"],
            Entity::Organization | Entity::Product => &["owner_id"],
            Entity::Activity => &[
                "owner_id",
                "deal_id",
                "lead_id",
                "person_id",
                "org_id",
                "done",
            ],
            Entity::Stage => &["pipeline_id"],
            Entity::Lead => &["owner_id", "person_id", "organization_id"],
            Entity::Note => &["user_id", "deal_id", "person_id", "org_id", "lead_id"],
            Entity::Pipeline | Entity::User => &[],
        }
    }

    /// The field holding its name or title.
    pub(super) fn title_field(self) -> &'static str {
        match self {
            Entity::Deal | Entity::Lead => "title",
            Entity::Activity => "subject",
            Entity::Note => "content",
            _ => "name",
        }
    }
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.object())
    }
}

/// The fields a new object of `entity` has unless given: Pipedrive's documented fields with their empty values
/// (API v2 shapes for the v2 kinds, v1 shapes for leads, notes and users).
pub(super) fn defaults(entity: Entity, owner_id: u64, now: &str) -> Map<String, Value> {
    let times = json!({"add_time": now, "update_time": now});
    let specific = match entity {
        Entity::Deal => json!({
            "title": "", "owner_id": owner_id, "creator_user_id": owner_id, "person_id": null, "org_id": null,
            "pipeline_id": 1, "stage_id": 1, "value": 0, "currency": "EUR", "status": "open",
            "probability": null, "lost_reason": null, "visible_to": 3, "close_time": null, "won_time": null,
            "lost_time": null, "expected_close_date": null, "label_ids": [], "is_deleted": false,
            "is_archived": false, "archive_time": null, "origin": "API", "custom_fields": {},
        }),
        Entity::Person => json!({
            "name": "", "first_name": null, "last_name": null, "owner_id": owner_id, "org_id": null,
            "emails": [], "phones": [], "label_ids": [], "visible_to": 3, "is_deleted": false,
            "custom_fields": {},
        }),
        Entity::Organization => json!({
            "name": "", "owner_id": owner_id, "address": null, "label_ids": [], "visible_to": 3,
            "is_deleted": false, "custom_fields": {},
        }),
        Entity::Activity => json!({
            "subject": "", "type": "call", "owner_id": owner_id, "creator_user_id": owner_id, "deal_id": null,
            "lead_id": null, "person_id": null, "org_id": null, "project_id": null, "done": false,
            "due_date": null, "due_time": null, "duration": null, "busy": false, "note": null,
            "is_deleted": false,
        }),
        Entity::Product => json!({
            "name": "", "code": null, "description": null, "unit": null, "tax": 0, "category": null,
            "owner_id": owner_id, "is_linkable": true, "prices": [], "visible_to": 3, "is_deleted": false,
            "custom_fields": {},
        }),
        Entity::Pipeline => json!({
            "name": "", "order_nr": 1, "is_deal_probability_enabled": false, "is_selected": false,
            "is_deleted": false,
        }),
        Entity::Stage => json!({
            "name": "", "pipeline_id": 1, "order_nr": 1, "deal_probability": 100, "is_deal_rot_enabled": false,
            "days_to_rotten": null, "is_deleted": false,
        }),
        Entity::Lead => json!({
            "title": "", "owner_id": owner_id, "creator_id": owner_id, "person_id": null,
            "organization_id": null, "label_ids": [], "value": null, "expected_close_date": null,
            "is_archived": false, "was_seen": false, "source_name": "API", "visible_to": "3",
        }),
        Entity::Note => json!({
            "content": "", "user_id": owner_id, "deal_id": null, "person_id": null, "org_id": null,
            "lead_id": null, "active_flag": true, "pinned_to_deal_flag": false,
        }),
        Entity::User => json!({
            "name": "", "email": "", "is_admin": 0, "active_flag": true, "role_id": 1, "lang": 1,
            "locale": "en_US", "timezone_name": "Europe/Tallinn", "created": now, "modified": now,
        }),
    };
    let mut fields = match specific {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    if entity != Entity::User
        && let Value::Object(times) = times
    {
        fields.extend(times);
    }
    fields
}

/// Now, as the kind's API writes times: RFC 3339 on API v2 and for leads, `YYYY-MM-DD HH:MM:SS` (UTC) for the
/// other v1 kinds.
pub(super) fn timestamp(entity: Entity) -> String {
    if entity.is_v2() || entity == Entity::Lead {
        now_rfc3339()
    } else {
        chrono::Utc::now().format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

/// Now in RFC 3339 (UTC, whole seconds).
pub(super) fn now_rfc3339() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A new object of `entity`: its defaults overlaid with `fields` (a test's seed or a create call's body).
pub(super) fn new_object(
    entity: Entity,
    owner_id: u64,
    fields: Map<String, Value>,
) -> Map<String, Value> {
    let mut object = defaults(entity, owner_id, &timestamp(entity));
    object.extend(fields);
    object
}

//! A company of the fake, seen from a test: its users, objects, custom fields, filters, webhooks and rate
//! limits, set up before a test and read after it.

use super::FakePipedrive;
use super::custom_fields::{CompanyFields, FieldType};
use super::deliver::FakeEvent;
use super::entity::{Entity, new_object, timestamp};
use super::filter::Filter;
use super::objects::Objects;
use super::rate::{CompanyRate, Plan};
use super::webhook::FakeWebhook;
use super::world::{CompanyData, World};
use serde_json::{Map, Value, json};
use std::sync::Arc;

/// The stages of a new company's pipeline (Pipedrive's default pipeline).
const DEFAULT_STAGES: [&str; 5] = [
    "Qualified",
    "Contact made",
    "Demo scheduled",
    "Proposal made",
    "Negotiations started",
];

impl CompanyData {
    /// A new company served at `api_domain`, with Pipedrive's default pipeline and its stages.
    pub(super) fn new(id: u64, api_domain: String) -> Self {
        let mut objects = Objects::default();
        objects.insert(
            Entity::Pipeline,
            new_object(
                Entity::Pipeline,
                0,
                json_map(json!({"name": "Pipeline", "is_selected": true})),
            ),
        );
        for (order, name) in DEFAULT_STAGES.iter().enumerate() {
            let stage = json!({"name": name, "pipeline_id": 1, "order_nr": order + 1});
            objects.insert(Entity::Stage, new_object(Entity::Stage, 0, json_map(stage)));
        }
        Self {
            id,
            domain: format!("company{id}"),
            name: format!("Company {id}"),
            api_domain,
            objects,
            fields: CompanyFields::default(),
            filters: Vec::new(),
            webhooks: Vec::new(),
            removed_webhooks: Vec::new(),
            rate: CompanyRate::new(),
        }
    }
}

fn json_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// A company of a [`FakePipedrive`] (from [`FakePipedrive::company`]). Cheap to clone.
#[derive(Clone)]
pub struct FakeCompany {
    pub(super) fake: FakePipedrive,
    pub(super) id: u64,
}

impl std::fmt::Debug for FakeCompany {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeCompany")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl FakeCompany {
    fn with<T>(&self, f: impl FnOnce(&mut CompanyData) -> T) -> T {
        let id = self.id;
        self.fake.shared.with(|world: &mut World| {
            let company = world
                .company(id)
                .unwrap_or_else(|| panic!("the fake has no company {id}"));
            f(company)
        })
    }

    /// The company id.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The base URL of its API: the token answer's `api_domain` (each company of the fake has its own port,
    /// and a token works only at its company's).
    pub fn api_domain(&self) -> String {
        self.with(|c| c.api_domain.clone())
    }

    /// Sets its name and domain (`acme` for `acme.pipedrive.com`, as `/users/me` and webhooks' `meta.host`
    /// say).
    pub fn set_name(&self, name: &str, domain: &str) -> &Self {
        self.with(|c| {
            c.name = name.to_owned();
            c.domain = domain.to_owned();
        });
        self
    }

    /// Adds a user (or renames one), with an email made from the name.
    pub fn add_user(&self, id: u64, name: &str) -> &Self {
        self.with(|c| {
            let email = format!(
                "{}@{}.example",
                name.split_whitespace()
                    .next()
                    .unwrap_or("user")
                    .to_lowercase(),
                c.domain
            );
            let user =
                json!({"id": id, "name": name, "email": email, "is_admin": 1, "company_id": c.id});
            match c.objects.get_mut(Entity::User, &id.to_string()) {
                Some(existing) => super::objects::merge(existing, json_map(user)),
                None => {
                    c.objects
                        .insert(Entity::User, new_object(Entity::User, id, json_map(user)));
                }
            }
        });
        self
    }

    /// Whether it has this user.
    pub fn has_user(&self, id: u64) -> bool {
        self.with(|c| c.objects.get(Entity::User, &id.to_string()).is_some())
    }

    /// A user's personal API token (made on first use): calls with it in `x-api-token` act as that user, with
    /// no scopes applying and the API-token burst limits.
    pub fn api_token(&self, user: u64) -> String {
        assert!(
            self.has_user(user),
            "company {} has no user {user}",
            self.id
        );
        let principal = super::tokens::Principal {
            company: self.id,
            user,
        };
        self.fake.shared.with(|w| w.grants.api_token_of(principal))
    }

    /// Adds an object of a numbered kind (everything but leads): `fields` over the kind's defaults
    /// (`custom_fields` may name fields by name and options by label); its id (`fields["id"]` if given).
    pub fn add(&self, entity: Entity, fields: Value) -> u64 {
        assert!(
            !entity.has_uuid_ids(),
            "leads have UUID ids: use `add_lead`"
        );
        self.insert(entity, fields)["id"]
            .as_u64()
            .unwrap_or_default()
    }

    /// Adds a lead; its UUID.
    pub fn add_lead(&self, fields: Value) -> String {
        self.insert(Entity::Lead, fields)["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn insert(&self, entity: Entity, fields: Value) -> Value {
        let Value::Object(mut fields) = fields else {
            panic!("the fields of a new {entity} must be a JSON object");
        };
        self.with(|c| {
            if let Some(Value::Object(custom)) = fields.get("custom_fields") {
                let resolved = c.fields.resolve_seed(entity, c.id, custom);
                fields.insert("custom_fields".into(), Value::Object(resolved));
            }
            let owner = c
                .objects
                .all(Entity::User)
                .find_map(|u| u["id"].as_u64())
                .unwrap_or_default();
            c.objects.insert(entity, new_object(entity, owner, fields))
        })
    }

    /// An object as the API answers it.
    pub fn object(&self, entity: Entity, id: impl ToString) -> Option<Value> {
        self.with(|c| c.objects.get(entity, &id.to_string()).cloned())
    }

    /// Every object of a kind (deleted and archived ones included), by id.
    pub fn objects(&self, entity: Entity) -> Vec<Value> {
        self.with(|c| c.objects.all(entity).cloned().collect())
    }

    /// Changes an object as a user of the web app would (`custom_fields` by name or key): the `change` event
    /// Pipedrive sends for it, with the changed fields' old values in `previous`.
    pub fn update(&self, entity: Entity, id: impl ToString, changes: Value) -> FakeEvent {
        let id = id.to_string();
        let Value::Object(mut changes) = changes else {
            panic!("the changes of a {entity} must be a JSON object");
        };
        let (before, after) = self.with(|c| {
            if let Some(Value::Object(custom)) = changes.get("custom_fields") {
                let resolved = c.fields.resolve_seed(entity, c.id, custom);
                changes.insert("custom_fields".into(), Value::Object(resolved));
            }
            let object = c
                .objects
                .get_mut(entity, &id)
                .unwrap_or_else(|| panic!("company {} has no {entity} {id}", c.id));
            let before = object.clone();
            super::objects::merge(object, changes);
            object["update_time"] = json!(timestamp(entity));
            (before, object.clone())
        });
        let previous = changed_fields(&before, &after);
        FakeEvent::new("change", entity.object(), &id, Some(after), Some(previous)).from_web_app()
    }

    /// The `create` event of an object.
    pub fn created_event(&self, entity: Entity, id: impl ToString) -> FakeEvent {
        let id = id.to_string();
        let object = self.object(entity, &id);
        assert!(object.is_some(), "company {} has no {entity} {id}", self.id);
        FakeEvent::new("create", entity.object(), &id, object, None).from_web_app()
    }

    /// Deletes an object as a user would: the `delete` event (`data: null`, `previous` its last state).
    pub fn delete(&self, entity: Entity, id: impl ToString) -> FakeEvent {
        let id = id.to_string();
        let last = self.with(|c| {
            let last = c.objects.get(entity, &id).cloned();
            if entity.is_v2() {
                if let Some(object) = c.objects.get_mut(entity, &id) {
                    object["is_deleted"] = json!(true);
                }
            } else {
                c.objects.remove(entity, &id);
            }
            last
        });
        assert!(last.is_some(), "company {} has no {entity} {id}", self.id);
        FakeEvent::new("delete", entity.object(), &id, None, last).from_web_app()
    }

    /// Archives a deal (or a lead): the lists leave it out; `/deals/archived` lists it.
    pub fn archive(&self, entity: Entity, id: impl ToString) {
        let id = id.to_string();
        self.with(|c| {
            let object = c
                .objects
                .get_mut(entity, &id)
                .unwrap_or_else(|| panic!("company {} has no {entity} {id}", c.id));
            object["is_archived"] = json!(true);
            object["archive_time"] = json!(timestamp(entity));
        });
    }

    /// Adds a custom field to a kind's fields; its key (40 hex characters, different in every company).
    pub fn add_custom_field(&self, entity: Entity, name: &str, field_type: FieldType) -> String {
        self.add_custom_field_with_options(entity, name, field_type, &[])
    }

    /// Adds an `enum` or `set` custom field with these option labels; its key.
    pub fn add_custom_field_with_options(
        &self,
        entity: Entity,
        name: &str,
        field_type: FieldType,
        labels: &[&str],
    ) -> String {
        assert!(
            entity.fields_collection().is_some(),
            "{entity}s have no custom fields in the fake"
        );
        self.with(|c| c.fields.add(entity, name, field_type, labels))
    }

    /// Deletes a kind's custom field by its name (as a user in Settings > Data fields); its key, if there was
    /// one. Adding it again gives it a new key.
    pub fn remove_custom_field(&self, entity: Entity, name: &str) -> Option<String> {
        self.with(|c| c.fields.remove(entity, name))
    }

    /// The key of a kind's custom field, by its name.
    pub fn custom_field_key(&self, entity: Entity, name: &str) -> Option<String> {
        self.with(|c| {
            c.fields
                .of(entity)
                .find(|f| f.name == name)
                .map(|f| f.key.clone())
        })
    }

    /// The id of an option of an `enum` or `set` custom field, by the field's name and the option's label.
    pub fn option_id(&self, entity: Entity, field: &str, label: &str) -> Option<u64> {
        self.with(|c| {
            let field = c.fields.by_key_or_name(entity, field)?;
            field
                .options
                .iter()
                .find(|o| o.label == label)
                .map(|o| o.id)
        })
    }

    /// Adds a saved filter of a kind matching the objects `rule` accepts (their API JSON); its id, which the
    /// lists take as `filter_id`.
    pub fn add_filter(
        &self,
        entity: Entity,
        name: &str,
        rule: impl Fn(&Value) -> bool + Send + Sync + 'static,
    ) -> u64 {
        let id = self.fake.shared.with(|w| {
            w.next_filter_id += 1;
            w.next_filter_id
        });
        self.with(|c| {
            let user_id = c
                .objects
                .all(Entity::User)
                .find_map(|u| u["id"].as_u64())
                .unwrap_or_default();
            c.filters.push(Filter {
                id,
                name: name.to_owned(),
                entity,
                user_id,
                rule: Arc::new(rule),
            });
        });
        id
    }

    /// Its webhooks (the Basic passwords included).
    pub fn webhooks(&self) -> Vec<FakeWebhook> {
        self.with(|c| c.webhooks.clone())
    }

    /// Removes a webhook as Pipedrive does after a ban or 3 days of failed deliveries: it disappears from the
    /// list and gets no more deliveries.
    pub fn remove_webhook(&self, id: u64, reason: &str) -> Option<FakeWebhook> {
        self.with(|c| {
            let index = c.webhooks.iter().position(|w| w.id == id)?;
            let mut removed = c.webhooks.remove(index);
            removed.remove_reason = Some(reason.to_owned());
            removed.remove_time = Some(super::entity::now_rfc3339());
            c.removed_webhooks.push(removed.clone());
            Some(removed)
        })
    }

    /// The webhooks removed with [`remove_webhook`](Self::remove_webhook).
    pub fn removed_webhooks(&self) -> Vec<FakeWebhook> {
        self.with(|c| c.removed_webhooks.clone())
    }

    /// Sets its plan (budget multiplier and burst limits).
    pub fn set_plan(&self, plan: Plan) -> &Self {
        self.with(|c| c.rate.plan = plan);
        self
    }

    /// Sets its number of seats (the budget is `30,000 × plan multiplier × seats`).
    pub fn set_seats(&self, seats: u64) -> &Self {
        self.with(|c| c.rate.seats = seats.max(1));
        self
    }

    /// Sets its daily token budget outright.
    pub fn set_daily_budget(&self, tokens: u64) -> &Self {
        self.with(|c| c.rate.budget_override = Some(tokens));
        self
    }

    /// Sets the burst limit of every token of the company (per 2 seconds; search calls keep 10).
    pub fn set_burst_limit(&self, calls: u32) -> &Self {
        self.with(|c| c.rate.burst_override = Some(calls));
        self
    }

    /// API tokens spent today by all its users and apps.
    pub fn tokens_spent(&self) -> u64 {
        self.with(|c| c.rate.spent)
    }

    /// API tokens left today.
    pub fn tokens_left(&self) -> u64 {
        self.with(|c| c.rate.budget().saturating_sub(c.rate.spent))
    }

    /// Starts a new day: nothing spent.
    pub fn reset_daily_budget(&self) -> &Self {
        self.with(|c| c.rate.spent = 0);
        self
    }
}

/// The old values of the fields that changed (custom fields inside `custom_fields`).
fn changed_fields(before: &Value, after: &Value) -> Value {
    let mut previous = Map::new();
    let (Some(before), Some(after)) = (before.as_object(), after.as_object()) else {
        return Value::Object(previous);
    };
    for (key, new) in after {
        let old = before.get(key).unwrap_or(&Value::Null);
        if key == "custom_fields" {
            let changed: Map<String, Value> = new
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, v)| old.get(k.as_str()).unwrap_or(&Value::Null) != *v)
                .map(|(k, _)| {
                    (
                        k.clone(),
                        old.get(k.as_str()).cloned().unwrap_or(Value::Null),
                    )
                })
                .collect();
            if !changed.is_empty() {
                previous.insert(key.clone(), Value::Object(changed));
            }
        } else if old != new {
            previous.insert(key.clone(), old.clone());
        }
    }
    Value::Object(previous)
}

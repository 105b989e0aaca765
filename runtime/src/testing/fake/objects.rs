//! A company's objects: one table per kind, ids given in order (leads get a UUID), each object kept as the JSON
//! the API answers.

use super::entity::Entity;
use super::random::uuid_v4;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

#[derive(Debug, Default)]
struct Table {
    rows: BTreeMap<u64, Value>,
    next: u64,
}

/// The objects of one company.
#[derive(Debug, Default)]
pub(super) struct Objects {
    tables: BTreeMap<Entity, Table>,
}

impl Objects {
    /// Stores a new object: its `id` if it has a numeric one (or a string one for leads), else the next id;
    /// returns it as stored.
    pub(super) fn insert(&mut self, entity: Entity, mut object: Map<String, Value>) -> Value {
        let table = self.tables.entry(entity).or_default();
        let key = if entity.has_uuid_ids() {
            if !object.get("id").is_some_and(Value::is_string) {
                object.insert("id".into(), json!(uuid_v4()));
            }
            table.next + 1
        } else {
            match object.get("id").and_then(Value::as_u64) {
                Some(id) => id,
                None => table.next + 1,
            }
        };
        table.next = table.next.max(key);
        if !entity.has_uuid_ids() {
            object.insert("id".into(), json!(key));
        }
        let object = Value::Object(object);
        table.rows.insert(key, object.clone());
        object
    }

    fn key_of(&self, entity: Entity, id: &str) -> Option<u64> {
        let table = self.tables.get(&entity)?;
        if entity.has_uuid_ids() {
            table
                .rows
                .iter()
                .find(|(_, v)| v["id"].as_str() == Some(id))
                .map(|(k, _)| *k)
        } else {
            let key = id.parse::<u64>().ok()?;
            table.rows.contains_key(&key).then_some(key)
        }
    }

    /// An object by its id (a number, or a UUID for leads).
    pub(super) fn get(&self, entity: Entity, id: &str) -> Option<&Value> {
        let key = self.key_of(entity, id)?;
        self.tables.get(&entity)?.rows.get(&key)
    }

    /// An object by its id, to change.
    pub(super) fn get_mut(&mut self, entity: Entity, id: &str) -> Option<&mut Value> {
        let key = self.key_of(entity, id)?;
        self.tables.get_mut(&entity)?.rows.get_mut(&key)
    }

    /// Removes an object (v1 deletes); whether it was there.
    pub(super) fn remove(&mut self, entity: Entity, id: &str) -> bool {
        let Some(key) = self.key_of(entity, id) else {
            return false;
        };
        self.tables
            .get_mut(&entity)
            .is_some_and(|t| t.rows.remove(&key).is_some())
    }

    /// Every object of a kind, deleted and archived ones included, by id.
    pub(super) fn all(&self, entity: Entity) -> impl Iterator<Item = &Value> {
        self.tables
            .get(&entity)
            .into_iter()
            .flat_map(|t| t.rows.values())
    }
}

/// Applies an update: top-level fields replaced, `custom_fields` merged key by key; the id kept.
pub(super) fn merge(object: &mut Value, body: Map<String, Value>) {
    let Some(target) = object.as_object_mut() else {
        return;
    };
    for (key, value) in body {
        match (key.as_str(), value) {
            ("id", _) => {}
            ("custom_fields", Value::Object(fields)) => {
                let existing = target.entry("custom_fields").or_insert_with(|| json!({}));
                if let Some(existing) = existing.as_object_mut() {
                    existing.extend(fields);
                }
            }
            (_, value) => {
                target.insert(key, value);
            }
        }
    }
}

//! [`Plan`]: a data structure as the typed check reads it, prepared once per structure (field keys, types and
//! `required` as bits), so that checking a value while it is serialized costs a lookup, not a search.

use super::field_type::FieldType;
use super::limits::MAX_OBJECTS;
use super::object_structure::{ObjectStructure, PanelKind};
use std::collections::HashMap;

/// One data structure, prepared for the typed check (built with the [`DataStructure`](super::DataStructure), once).
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) kind: PanelKind,
    /// Field keys, types and `required`, in the structure's order.
    pub(crate) keys: Vec<String>,
    pub(crate) types: Vec<FieldType>,
    index: HashMap<String, usize>,
    /// Bit `i` set: field `i` is in `required`.
    pub(crate) required: u64,
    /// At most 64 fields (a bit each); the typed check does not read a larger structure.
    pub(crate) fits: bool,
    /// A first guess at the body's size, so the buffer rarely grows.
    pub(crate) size_hint: usize,
}

impl Plan {
    pub(crate) fn new(kind: PanelKind, object: &ObjectStructure) -> Self {
        let keys: Vec<String> = object.properties.keys().cloned().collect();
        let types = object.properties.values().map(|d| d.field_type).collect();
        let index: HashMap<String, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        let mut required = 0u64;
        for key in &object.required {
            if let Some(&i) = index.get(key)
                && i < 64
            {
                required |= 1 << i;
            }
        }
        let objects = match kind {
            PanelKind::Single => 1,
            PanelKind::Multiple => MAX_OBJECTS,
        };
        Self {
            kind,
            fits: keys.len() <= 64,
            size_hint: 64 + objects * 48 * keys.len().max(1),
            keys,
            types,
            index,
            required,
        }
    }

    /// The index of field `key`, trying first the field after `after` (derived types serialize in order).
    pub(crate) fn field(&self, key: &str, after: Option<usize>) -> Option<usize> {
        let guess = after.map_or(0, |i| i + 1);
        if self.keys.get(guess).is_some_and(|k| k == key) {
            return Some(guess);
        }
        self.index.get(key).copied()
    }
}

//! [`ModalSchema`]: a JSON modal schema, with how each block's submitted value is read.

use super::document::{Element, ModalDocument};
use super::rules::{BLOCKS, element_of};
use super::value_kind::ValueKind;
use crate::problem::Problems;
use indexmap::IndexMap;
use serde_json::Value;

/// A JSON modal schema: the file uploaded to Developer Hub, with how each block's submitted value is read.
#[derive(Debug, Clone)]
pub struct ModalSchema {
    value: Value,
    kinds: IndexMap<String, ValueKind>,
}

impl ModalSchema {
    /// The schema of a wire-model document. Value kinds are inferred from the elements
    /// ([`ValueKind::for_element`]); the derive refines them with [`ModalSchema::with_value_kind`].
    pub fn from_document(document: &ModalDocument) -> Self {
        Self::from_checked_value(document.to_value())
    }

    fn from_checked_value(value: Value) -> Self {
        let mut kinds = IndexMap::new();
        if let Some(blocks) = value.pointer(BLOCKS).and_then(Value::as_object) {
            for (key, entry) in blocks {
                let Some(element) = element_of(entry) else {
                    continue;
                };
                let input_type = entry.pointer("/options/type").and_then(Value::as_str);
                kinds.insert(key.clone(), ValueKind::for_element(element, input_type));
            }
        }
        Self { value, kinds }
    }

    /// Reads an uploaded schema file: checks it ([`check_schema`](super::check_schema)). Errors (not warnings)
    /// make it fail.
    #[cfg(feature = "validate")]
    pub fn from_value(value: Value) -> Result<Self, Problems> {
        super::check_schema(&value).into_result()?;
        Ok(Self::from_checked_value(value))
    }

    /// Sets how block `key`'s submitted value is read.
    pub fn with_value_kind(mut self, key: &str, kind: ValueKind) -> Self {
        if let Some(k) = self.kinds.get_mut(key) {
            *k = kind;
        }
        self
    }

    /// How each block's submitted value is read, in block order.
    pub fn value_kinds(&self) -> &IndexMap<String, ValueKind> {
        &self.kinds
    }

    /// The exact JSON to upload.
    pub fn to_value(&self) -> &Value {
        &self.value
    }

    /// The JSON to upload, pretty-printed.
    pub fn to_string_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.value).unwrap_or_default()
    }

    /// The schema as the wire model.
    pub fn document(&self) -> Result<ModalDocument, serde_json::Error> {
        ModalDocument::from_value(&self.value)
    }

    /// Checks the schema itself: with the `validate` feature, as `check_schema` checks a hand-written file (its
    /// JSON Schema, then the rules); without it, the rules and each block's and button's required options, which
    /// is what a schema made from the typed model ([`ModalSchema::from_document`], the derive) can get wrong.
    pub fn check(&self) -> Problems {
        #[cfg(feature = "validate")]
        return super::check_schema(&self.value);
        #[cfg(not(feature = "validate"))]
        {
            let mut problems = Problems::new();
            super::rules::check_rules(
                &self.value,
                &mut problems,
                &mut super::rules::required_options,
            );
            problems
        }
    }

    /// The block keys, in order.
    pub fn block_keys(&self) -> impl Iterator<Item = &str> {
        self.kinds.keys().map(String::as_str)
    }

    /// The element of block `key`.
    pub fn element(&self, key: &str) -> Option<Element> {
        element_of(self.block(key)?)
    }

    fn block(&self, key: &str) -> Option<&Value> {
        self.value.pointer(BLOCKS)?.get(key)
    }

    /// Whether `key` names a block with `fetchOnChange: true` (a valid `invoker`).
    pub fn is_fetch_on_change(&self, key: &str) -> bool {
        self.element(key).is_some_and(Element::takes_input)
            && self
                .block(key)
                .and_then(|b| b.pointer("/options/fetchOnChange"))
                .and_then(Value::as_bool)
                .unwrap_or(false)
    }

    /// Checks a response body the way Pipedrive does: merge into the schema by key, then check the result
    /// ([`check_response`](super::check_response)).
    #[cfg(feature = "validate")]
    pub fn check_response(&self, response: &Value) -> Problems {
        super::check_response(&self.value, response)
    }
}

//! A schema run one entry of a collection at a time, so that a check holds at most one entry's errors.
//!
//! jsonschema collects every error of a run before it hands out the first. Run over a whole document, a large
//! collection whose entries are all wrong is held in memory at once, error by error, with the context of each
//! (a select of 200,000 items, each with an invalid `visibleOn`, held about 12 KB per item). Split off, each entry
//! is checked on its own: a run holds what one entry has wrong, and past [`MAX_REPORTED`](crate::problem::MAX_REPORTED)
//! problems the rest are only counted.

use super::{Compiled, compile, run};
use crate::problem::{Problems, pointer_push};
use jsonschema::ValidationError;
use serde_json::Value;

/// A compiled schema whose large collections (arrays by `items`, maps by `additionalProperties`) are checked one
/// entry at a time.
pub(crate) struct Entries {
    /// The schema with the entry schema of each split collection replaced by `true`.
    whole: Compiled,
    /// The collections checked entry by entry.
    parts: Vec<Part>,
}

/// One collection checked entry by entry.
struct Part {
    /// The property names from the document's root to the collection.
    path: Vec<String>,
    /// A map (`additionalProperties`), or an array (`items`).
    map: bool,
    /// The compiled schema of one entry.
    each: Compiled,
}

impl Entries {
    /// Compiles `schema`, splitting off the collections at `collections`: each a path of property names from the
    /// root (`/items`, `/data`, `/items/properties`), whose schema sits under `properties` only and has `items`
    /// (an array) or an `additionalProperties` schema (a map).
    pub(crate) fn new(mut schema: Value, collections: &[&str]) -> Self {
        let mut parts = Vec::with_capacity(collections.len());
        for collection in collections {
            let path: Vec<String> = super::tokens(collection);
            let at: String = path
                .iter()
                .map(|p| pointer_push("/properties", p))
                .collect();
            let (each, map) = match schema.pointer_mut(&at).and_then(entry_schema) {
                Some((entry, map)) => (compile(&std::mem::replace(entry, Value::Bool(true))), map),
                None => (Err(format!("no array or map schema at `{at}`")), false),
            };
            parts.push(Part { path, map, each });
        }
        Self {
            whole: compile(&schema),
            parts,
        }
    }

    /// Checks `document`: the whole, then each entry of each split collection. `report` gets each error with the
    /// pointer of the value at fault, under `base`.
    pub(crate) fn check(
        &self,
        document: &Value,
        base: &str,
        problems: &mut Problems,
        mut report: impl FnMut(&str, &ValidationError<'_>, &mut Problems),
    ) {
        run(&self.whole, document, problems, |e, ps| {
            report(&format!("{base}{}", e.instance_path().as_str()), e, ps)
        });
        for part in &self.parts {
            if let Err(why) = &part.each {
                super::broken(problems, why);
                continue;
            }
            let Some(collection) = part.path.iter().try_fold(document, |v, key| v.get(key)) else {
                continue;
            };
            let at = part
                .path
                .iter()
                .fold(base.to_owned(), |p, k| pointer_push(&p, k));
            let mut one = |here: String, entry: &Value, ps: &mut Problems| {
                run(&part.each, entry, ps, |e, ps| {
                    report(&format!("{here}{}", e.instance_path().as_str()), e, ps)
                });
            };
            match collection {
                Value::Array(entries) if !part.map => {
                    for (i, entry) in entries.iter().enumerate() {
                        one(pointer_push(&at, i), entry, problems);
                    }
                }
                Value::Object(entries) if part.map => {
                    for (key, entry) in entries {
                        one(pointer_push(&at, key), entry, problems);
                    }
                }
                _ => {} // not of its type: the whole reported it
            }
        }
    }
}

/// The entry schema of an array (`items`) or a map (an `additionalProperties` schema), and whether it is a map.
fn entry_schema(collection: &mut Value) -> Option<(&mut Value, bool)> {
    let schema = collection.as_object_mut()?;
    if schema.contains_key("items") {
        return schema.get_mut("items").map(|s| (s, false));
    }
    schema
        .get_mut("additionalProperties")
        .filter(|s| s.is_object())
        .map(|s| (s, true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_schema::kind_message;
    use serde_json::json;

    fn schema() -> Value {
        json!({
            "type": "object",
            "properties": {
                "list": { "type": "array", "maxItems": 2, "items": { "type": "string" } },
                "map": { "type": "object", "additionalProperties": { "type": "number" } },
                "other": { "type": "boolean" }
            }
        })
    }

    fn errors(entries: &Entries, document: &Value) -> Vec<String> {
        let mut found = Vec::new();
        entries.check(document, "/base", &mut Problems::new(), |at, e, _| {
            found.push(format!("{at}: {}", kind_message(e.kind(), e.instance())))
        });
        found
    }

    #[test]
    fn entries_are_checked_one_by_one_with_their_pointers() {
        let split = Entries::new(schema(), &["/list", "/map"]);
        let document = json!({ "list": ["a", 1, "b"], "map": { "x/y": "1", "z": 2 }, "other": 3 });
        assert_eq!(
            errors(&split, &document),
            [
                "/base/list: at most 2 items allowed, found 3",
                "/base/other: expected a boolean, found a number `3`",
                "/base/list/1: expected a string, found a number `1`",
                "/base/map/x~1y: expected a number, found a string `\"1\"`",
            ]
        );
        // The same errors as the schema run whole, in another order.
        let whole = Entries::new(schema(), &[]);
        let mut all = errors(&whole, &document);
        let mut one_by_one = errors(&split, &document);
        all.sort();
        one_by_one.sort();
        assert_eq!(all, one_by_one);
    }

    #[test]
    fn a_collection_of_the_wrong_type_is_reported_once() {
        let split = Entries::new(schema(), &["/list"]);
        assert_eq!(
            errors(&split, &json!({ "list": { "a": 1 } })),
            ["/base/list: expected an array, found an object"]
        );
    }

    #[test]
    fn a_path_that_is_not_a_collection_is_a_reported_bug() {
        let split = Entries::new(schema(), &["/other"]);
        let mut problems = Problems::new();
        split.check(&json!({ "other": [] }), "", &mut problems, |_, _, _| {});
        assert!(
            problems.has_errors() && problems.to_string().contains("internal error of pdx"),
            "{problems}"
        );
    }
}

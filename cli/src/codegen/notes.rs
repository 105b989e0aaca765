//! Notes: what codegen could not reproduce, or had to add. Most are found in pdx's typed model of the file; what the
//! model does not keep (keys it does not know, a missing `type`) is looked up in the raw JSON here, and a last
//! comparison of the model with the file notes anything else reading it changed.

use super::source::Note;
use serde_json::{Map, Value};

/// The notes of one generation, in the order they are found.
#[derive(Debug, Default)]
pub(crate) struct Notes(Vec<Note>);

impl Notes {
    pub(crate) fn push(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.0.push(Note {
            pointer: pointer.into(),
            message: message.into(),
        });
    }

    /// The pointers noted so far.
    pub(crate) fn pointers(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|n| n.pointer.as_str())
    }

    pub(crate) fn into_vec(self) -> Vec<Note> {
        self.0
    }
}

/// Whether a note at `noted` covers `pointer`: the same value, or one inside it.
pub(crate) fn covers(noted: &str, pointer: &str) -> bool {
    pointer == noted
        || pointer
            .strip_prefix(noted)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// `base/key`, with the key escaped as a JSON pointer segment.
pub(crate) fn pointer(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}

/// Notes each key of `value` (an object of the raw file) that is not in `known`: the derive writes only the
/// documented keys.
pub(crate) fn unknown_keys(value: &Value, known: &[&str], at: &str, notes: &mut Notes) {
    for key in value.as_object().into_iter().flat_map(Map::keys) {
        if !known.contains(&key.as_str()) {
            notes.push(
                pointer(at, key),
                format!("`{key}` is not a key the derive writes (it writes only Pipedrive's documented keys): left out"),
            );
        }
    }
}

/// Notes every value where `read` (the file as pdx's model reads it, written back) differs from `file`, unless a
/// note at one of `noted` already covers it: nothing reading changes may pass silently.
pub(crate) fn note_changes(file: &Value, read: &Value, noted: &[String], notes: &mut Notes) {
    let mut changed = Vec::new();
    differences(file, read, "", &mut changed);
    for at in changed {
        if noted.iter().any(|n| covers(n, &at)) {
            continue;
        }
        let message = match (file.pointer(&at), read.pointer(&at)) {
            (Some(was), Some(now)) => format!("`{was}` is read, and derived, as `{now}`"),
            (Some(was), None) => format!("`{was}` is not written by the derive: left out"),
            (None, Some(now)) => format!("added `{now}`: the derive writes it"),
            (None, None) => continue,
        };
        notes.push(at, message);
    }
}

/// The pointers at which `a` and `b` differ (object key order aside): keys in one only, array lengths, scalars.
pub(crate) fn differences(a: &Value, b: &Value, at: &str, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, va) in x {
                match y.get(key) {
                    Some(vb) => differences(va, vb, &pointer(at, key), out),
                    None => out.push(pointer(at, key)),
                }
            }
            for key in y.keys().filter(|k| !x.contains_key(*k)) {
                out.push(pointer(at, key));
            }
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                differences(va, vb, &format!("{at}/{i}"), out);
            }
        }
        _ if a != b => out.push(at.to_owned()),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn differences_name_each_changed_value() {
        let mut out = Vec::new();
        differences(
            &json!({"a": 1, "b": {"c": [1, 2], "d": "x"}, "e/f": true}),
            &json!({"b": {"c": [1, 3], "d": "x", "g": 0}, "a": 1}),
            "",
            &mut out,
        );
        assert_eq!(out, ["/b/c/1", "/b/g", "/e~1f"]);
    }

    #[test]
    fn changes_are_noted_once() {
        let mut notes = Notes::default();
        note_changes(
            &json!({"items": {"x": 1}, "n": 9007199254740993_u64}),
            &json!({"n": 9007199254740992.0, "type": "object"}),
            &["/items".to_owned()],
            &mut notes,
        );
        let all = notes.into_vec();
        let pointers: Vec<&str> = all.iter().map(|n| n.pointer.as_str()).collect();
        assert_eq!(pointers, ["/n", "/type"]);
        assert!(
            all[0].message.contains("is read, and derived, as"),
            "{:?}",
            all[0]
        );
        assert!(
            all[1].message.starts_with("added `\"object\"`"),
            "{:?}",
            all[1]
        );
        assert!(covers("/a/b", "/a/b/c") && !covers("/a/b", "/a/bc"));
    }
}

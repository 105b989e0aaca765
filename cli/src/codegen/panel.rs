//! A `#[derive(JsonPanel)]` struct from a data structure file.

use super::names::{field_ident, unique};
use super::{Generated, lit, seg};
use serde_json::{Map, Value};
use std::fmt::Write as _;

/// The Rust type of a field type, and the `#[panel(...)]` key that names it when the type alone does not.
fn field_type(ty: &str) -> Option<(Option<&'static str>, &'static str)> {
    Some(match ty {
        "header" => (Some("header"), "String"),
        "text" => (None, "String"),
        "numerical" => (None, "f64"),
        "date" => (Some("type = \"date\""), "String"),
        "time" => (Some("type = \"time\""), "String"),
        "date-time" => (Some("type = \"date-time\""), "String"),
        "email" => (Some("email"), "String"),
        "phone" => (Some("phone"), "String"),
        "address" => (Some("address"), "String"),
        "link" => (None, "pdx::panel::Link"),
        "currency" => (None, "pdx::panel::Currency"),
        "label" => (None, "pdx::panel::Label"),
        "tags" => (None, "pdx::panel::Tags"),
        _ => return None,
    })
}

/// The source for a (checked) data structure.
pub(crate) fn generate(structure: &Value, name: &str) -> Generated {
    let mut notes: Vec<(String, String)> = Vec::new();
    let multiple = structure.get("type").and_then(Value::as_str) == Some("array");
    let (object, prefix) = if multiple {
        (structure.get("items").unwrap_or(&Value::Null), "/items")
    } else {
        (structure, "")
    };
    let known_root: &[&str] = if multiple {
        &["type", "items"]
    } else {
        &["type", "required", "properties"]
    };
    unknown_keys(structure, known_root, "", &mut notes);
    if multiple {
        unknown_keys(
            object,
            &["type", "required", "properties"],
            "/items",
            &mut notes,
        );
    }
    let empty = Map::new();
    let props = object
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let in_order: Vec<&str> = props
        .keys()
        .map(String::as_str)
        .filter(|k| required.contains(k))
        .collect();
    if in_order != required {
        notes.push((
            format!("{prefix}/required"),
            format!(
                "`required` lists {required:?}; the derive lists required keys in field order: {in_order:?} (same \
                 meaning, another order)"
            ),
        ));
    }

    let mut body = String::new();
    let mut taken = Vec::new();
    for (key, def) in props {
        let pointer = format!("{prefix}/properties{}", seg(key));
        let before = notes.len();
        unknown_keys(def, &["$ref", "label"], &pointer, &mut notes);
        let ty = def
            .get("$ref")
            .and_then(Value::as_str)
            .map_or("", |r| r.trim_start_matches("#/definitions/"));
        let Some((type_attr, rust)) = field_type(ty) else {
            notes.push((
                format!("{pointer}/$ref"),
                format!("field type `{ty}` has no Rust type: field `{key}` left out"),
            ));
            write_notes(&mut body, &notes[before..], "    ");
            continue;
        };
        write_notes(&mut body, &notes[before..], "    ");
        let ident = unique(field_ident(key), &mut taken, "_");
        let mut attrs: Vec<String> = type_attr.map(str::to_owned).into_iter().collect();
        match def.get("label").and_then(Value::as_str) {
            Some(label) => attrs.push(format!("label = {}", lit(label))),
            None => attrs.push("no_label".to_owned()),
        }
        if ident != *key {
            let _ = writeln!(body, "    #[serde(rename = {})]", lit(key));
        }
        let _ = writeln!(body, "    #[panel({})]", attrs.join(", "));
        let ty = if required.contains(&key.as_str()) {
            rust.to_owned()
        } else {
            format!("Option<{rust}>")
        };
        let _ = writeln!(body, "    pub {ident}: {ty},");
    }

    let mut source = String::new();
    source.push_str("use pdx::JsonPanel;\nuse serde::Serialize;\n\n");
    let top: Vec<(String, String)> = notes
        .iter()
        .filter(|(p, _)| !p.contains("/properties/"))
        .cloned()
        .collect();
    write_notes(&mut source, &top, "");
    let _ = writeln!(
        source,
        "/// One object of the JSON panel{}.\n#[derive(Debug, Serialize, JsonPanel)]",
        if multiple { " (a list of objects)" } else { "" }
    );
    if multiple {
        source.push_str("#[panel(list)]\n");
    }
    let _ = writeln!(source, "pub struct {name} {{\n{body}}}");
    Generated { source, notes }
}

/// Notes each key of `value` that is not in `known` (the derive writes only the documented keys).
fn unknown_keys(value: &Value, known: &[&str], pointer: &str, notes: &mut Vec<(String, String)>) {
    for key in value.as_object().into_iter().flat_map(Map::keys) {
        if !known.contains(&key.as_str()) {
            notes.push((
                format!("{pointer}{}", seg(key)),
                format!("`{key}` is not written by the derive (it writes only the documented keys): left out"),
            ));
        }
    }
}

/// Writes each note as a `// pdx codegen:` comment, indented by `indent`.
pub(crate) fn write_notes(out: &mut String, notes: &[(String, String)], indent: &str) {
    for (pointer, message) in notes {
        let _ = writeln!(out, "{indent}// pdx codegen: {pointer}: {message}");
    }
}

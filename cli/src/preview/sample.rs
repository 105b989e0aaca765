//! Sample values of the right types, for a panel previewed without a response.

use serde_json::{Map, Value, json};

/// Objects in a multiple-object sample.
const SAMPLE_OBJECTS: usize = 2;

/// A response body for `structure` whose every declared field holds a sample value of its type.
pub(crate) fn response(structure: &Value) -> Value {
    let multiple = structure.get("type").and_then(Value::as_str) == Some("array");
    let object = if multiple {
        structure.get("items").unwrap_or(&Value::Null)
    } else {
        structure
    };
    let empty = Map::new();
    let props = object
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let one = |n: usize| -> Value {
        let mut obj = Map::new();
        for (key, def) in props {
            let ty = def
                .get("$ref")
                .and_then(Value::as_str)
                .map_or("", |r| r.trim_start_matches("#/definitions/"));
            let label = def.get("label").and_then(Value::as_str).unwrap_or(key);
            if let Some(v) = value(ty, label, n) {
                obj.insert(key.clone(), v);
            }
        }
        Value::Object(obj)
    };
    let data = if multiple {
        Value::Array((1..=SAMPLE_OBJECTS).map(one).collect())
    } else {
        one(1)
    };
    json!({ "data": data })
}

/// A sample value of field type `ty` for the field labelled `label` in object number `n`; `None` for a type
/// pdx does not know (the structure check reports it).
fn value(ty: &str, label: &str, n: usize) -> Option<Value> {
    Some(match ty {
        "header" => json!(format!("Sample item {n}")),
        "text" => json!(format!("Sample {}", label.to_lowercase())),
        "numerical" => json!(n * 42),
        "date" => json!(format!("2025-06-{:02}", n)),
        "time" => json!("14:30:00+02:00"),
        "date-time" => json!(format!("2025-06-{:02}T09:15:00Z", n)),
        "email" => json!(format!("name{n}@example.com")),
        "link" => {
            json!({"value": format!("https://example.com/items/{n}"), "external": true, "label": "Open"})
        }
        "phone" => json!("+1 555 0100"),
        "address" => json!("Paldiski mnt 80, Tallinn"),
        "currency" => json!({"code": "EUR", "value": 1250.5 * n as f64}),
        "label" => json!({"color": if n % 2 == 1 { "green" } else { "blue" }, "label": "Active"}),
        "tags" => json!(["Sample", "Tag"]),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdx::panel::DataStructure;
    use std::path::Path;

    #[test]
    fn samples_match_every_official_structure() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/pipedrive-samples");
        for name in [
            "app-panel-single-object.json",
            "app-panel-multiple-object.json",
            "app-panel-developer-hub.json",
        ] {
            let text = std::fs::read_to_string(dir.join(name)).expect("read sample");
            let value: Value = serde_json::from_str(&text).expect("JSON");
            let structure = DataStructure::from_value(value.clone()).expect("valid structure");
            let sample = response(&value);
            let problems = structure.check_response(&sample);
            assert!(problems.is_empty(), "{name}: {problems}");
        }
    }

    #[test]
    fn every_field_type_has_a_sample_value() {
        let types = pdx::panel::limits::FIELD_TYPES;
        let mut props = Map::new();
        for t in types {
            props.insert(
                t.replace('-', "_"),
                json!({"$ref": format!("#/definitions/{t}")}),
            );
        }
        let structure = json!({"type": "object", "properties": props});
        let sample = response(&structure);
        let checked = DataStructure::from_value(structure)
            .expect("valid")
            .check_response(&sample);
        assert!(checked.is_empty(), "{checked}");
        assert_eq!(sample["data"].as_object().map(Map::len), Some(types.len()));
    }
}

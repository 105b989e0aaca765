//! A multiple-object data structure whose `items` lacks `"type": "object"`: Pipedrive's docs always write it but
//! never say it is required, and a public app ships without it, so it is a warning, not an error.

use pdx::panel::{DataStructure, PanelKind, check_data_structure};
use pdx::{Problem, Severity};
use serde_json::json;

fn without_items_type() -> serde_json::Value {
    json!({
        "type": "array",
        "items": {
            "properties": {
                "title": { "$ref": "#/definitions/header" },
                "note": { "$ref": "#/definitions/text", "label": "Note" }
            }
        }
    })
}

#[test]
fn missing_items_type_is_a_warning() {
    let problems = check_data_structure(&without_items_type());
    assert_eq!(
        problems.into_vec(),
        vec![Problem::warning(
            "/items",
            "`items` has no `\"type\": \"object\"`: Pipedrive's docs always write it \
             (https://pipedrive.readme.io/docs/app-extensions-json-panels); add it to be safe"
        )]
    );
}

#[test]
fn such_a_structure_is_read_and_written_back_with_the_type() {
    let structure =
        DataStructure::from_value(without_items_type()).unwrap_or_else(|p| panic!("refused: {p}"));
    assert_eq!(structure.kind(), PanelKind::Multiple);
    assert_eq!(
        structure.to_value().pointer("/items/type"),
        Some(&json!("object"))
    );
}

#[test]
fn a_wrong_items_type_and_a_missing_root_type_stay_errors() {
    let wrong = json!({ "type": "array", "items": { "type": "array", "properties": {} } });
    assert!(
        check_data_structure(&wrong)
            .iter()
            .any(|p| p.pointer == "/items/type" && p.severity == Severity::Error)
    );
    let single = json!({ "properties": { "a": { "$ref": "#/definitions/text" } } });
    assert!(check_data_structure(&single).has_errors());
}

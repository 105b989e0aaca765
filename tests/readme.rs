//! The README's derive examples, compiled and compared with the JSON the README says they emit.

use pdx::modal::{JsonModal as _, Separator, Text};
use pdx::panel::{Currency, JsonPanel as _, Label, Link, Tags};
use pdx::{JsonModal, JsonPanel, ModalChoice};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Serialize, JsonPanel)]
#[panel(list, global_action = "Schedule delivery")]
#[allow(dead_code)]
struct Delivery {
    id: u64,
    #[panel(header)]
    vehicle: String,
    status: Label,
    delivery_date: Option<chrono::DateTime<chrono::Utc>>,
    #[panel(label = "Carrier")]
    delivery_company: Option<String>,
    #[panel(email)]
    contact: Option<String>,
    tracking: Option<Link>,
    extras: Tags,
    delivery_cost: Option<Currency>,
}

#[derive(Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Urgency {
    Low,
    Normal,
    #[modal(label = "Today")]
    High,
}

#[derive(Deserialize, JsonModal)]
#[modal(
    secondary(key = "cancel", label = "Cancel", handler = "cancel"),
    primary(key = "save", label = "Save")
)]
#[allow(dead_code)]
struct FollowUp {
    #[modal(text = "Schedule a follow-up for this deal.")]
    intro: Text,
    #[modal(placeholder = "e.g. Send the proposal", allow_clear)]
    subject: String,
    due: chrono::NaiveDate,
    #[modal(radio, value = "normal")]
    urgency: Urgency,
    #[modal(textarea, resize)]
    notes: Option<String>,
    line: Separator,
}

/// The `json` code blocks of the README, in order.
fn readme_json_blocks() -> Vec<Value> {
    let readme = include_str!("../README.md");
    readme
        .split("```json\n")
        .skip(1)
        .filter_map(|rest| rest.split_once("\n```").map(|(block, _)| block))
        .map(|block| serde_json::from_str(block).expect("README json block parses"))
        .collect()
}

#[test]
fn readme_panel_example_emits_what_the_readme_shows() {
    let blocks = readme_json_blocks();
    assert_eq!(Delivery::data_structure().to_value(), &blocks[0]);
}

#[test]
fn readme_modal_example_emits_what_the_readme_shows() {
    let blocks = readme_json_blocks();
    assert_eq!(FollowUp::schema().to_value(), &blocks[1]);
}

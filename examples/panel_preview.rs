//! A JSON panel for a deal's deliveries: prints the data structure to upload to Developer Hub, a response the
//! panel endpoint would send, and what pdx's check says about that response.
//!
//! Run with `cargo run --example panel_preview`.

use chrono::{TimeZone, Utc};
use pdx::JsonPanel;
use pdx::panel::{Currency, JsonPanel as _, Label, LabelColor, Link, PanelResponse, Tags};
use serde::Serialize;

/// One delivery of the deal, as a row of a multiple-object panel.
#[derive(Serialize, JsonPanel)]
#[panel(
    list,
    global_action = "Schedule delivery",
    object_action = "Cancel delivery"
)]
struct Delivery {
    #[panel(no_label)]
    id: u64,
    #[panel(header)]
    vehicle: String,
    status: Label,
    delivery_date: Option<chrono::DateTime<Utc>>,
    #[panel(label = "Carrier")]
    delivery_company: Option<String>,
    #[panel(action = "Track parcel")]
    tracking: Option<Link>,
    extras: Tags,
    delivery_cost: Option<Currency>,
}

fn main() {
    let structure = Delivery::data_structure();
    println!(
        "== Data structure (upload this file in Developer Hub)\n{}\n",
        structure.to_string_pretty()
    );

    println!("== Actions named by the type");
    for action in Delivery::actions() {
        println!("{:?}: {}", action.target, action.name);
    }

    let response = PanelResponse::objects(vec![
        Delivery {
            id: 1,
            vehicle: "GTA 22 Blue Auto".into(),
            status: Label::new(LabelColor::Yellow, "Assembling"),
            delivery_date: Utc.with_ymd_and_hms(2025, 3, 14, 9, 0, 0).single(),
            delivery_company: Some("Cargo OÜ".into()),
            tracking: Some(Link::external("https://track.example.com/GTA22").label("GTA22")),
            extras: ["Tinted windows", "Roof rack"].into_iter().collect(),
            delivery_cost: Some(Currency::new("EUR", 240.0)),
        },
        Delivery {
            id: 2,
            vehicle: "Van 7".into(),
            // Breaks Pipedrive's sentence-case rule for labels: a warning.
            status: Label::new(LabelColor::Green, "Ready For Pickup"),
            delivery_date: None,
            delivery_company: None,
            tracking: None,
            extras: Tags::default(),
            delivery_cost: None,
        },
    ])
    .external_link("https://app.example.com/deliveries", "All deliveries")
    .settings("https://app.example.com/settings");

    match serde_json::to_string_pretty(&response) {
        Ok(json) => println!("\n== Response\n{json}\n"),
        Err(e) => println!("\n== Response cannot be serialized: {e}\n"),
    }

    let problems = response.check();
    println!("== Check");
    if problems.is_empty() {
        println!("no problems");
    } else {
        println!("{problems}");
    }
    println!(
        "{}",
        if problems.is_valid() {
            "valid (warnings allowed)"
        } else {
            "INVALID"
        }
    );
}

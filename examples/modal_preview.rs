//! Prints a derived JSON-modal schema, a data response and a success response, each checked the way Pipedrive
//! checks them. Run with `cargo run --example modal_preview`.

use chrono::NaiveDate;
use pdx::modal::{
    ChoiceValue, DataResponse, FieldErrors, Item, JsonModal, ModalResponse, SelectOptions,
    Separator, SuccessResponse, Text,
};
use pdx::{JsonModal, ModalChoice, Problems};
use serde::Deserialize;

/// How urgent a follow-up is.
#[derive(Debug, Clone, Copy, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum Urgency {
    Low,
    Normal,
    #[modal(label = "Today")]
    High,
}

/// Who hears about it.
#[derive(Debug, Clone, Copy, Deserialize, ModalChoice)]
#[serde(rename_all = "lowercase")]
enum Channel {
    #[modal(label = "E-mail the owner")]
    Email,
    #[modal(label = "Post to Slack", disabled)]
    Slack,
}

/// "Schedule follow-up", opened from a deal.
#[derive(Debug, Deserialize, JsonModal)]
#[modal(
    secondary(key = "cancel", label = "Cancel", handler = "cancel"),
    primary(key = "schedule", label = "Schedule")
)]
#[allow(dead_code)]
struct ScheduleFollowUp {
    #[modal(text = "Schedule a follow-up in **Acme CRM** for this deal.", markdown)]
    intro: Text,
    #[modal(label = "Subject", placeholder = "e.g. Send the proposal", allow_clear)]
    subject: String,
    #[modal(label = "Team", placeholder = "Select a team", filter, fetch_on_change)]
    team: Option<ChoiceValue>,
    #[modal(label = "Owner", placeholder = "Select a team first")]
    owner: Option<ChoiceValue>,
    #[modal(label = "Due date", placeholder = "Date", allow_clear)]
    due: NaiveDate,
    #[modal(radio, value = "normal")]
    urgency: Urgency,
    #[modal(textarea, placeholder = "Context for the owner", resize)]
    notes: Option<String>,
    line: Separator,
    #[modal(label = "Notify", value = "email")]
    notify: Vec<Channel>,
    #[modal(hidden)]
    deal_meta: Option<String>,
}

fn show(title: &str, json: &serde_json::Value, problems: &Problems) {
    println!("== {title}");
    println!("{}", serde_json::to_string_pretty(json).unwrap_or_default());
    if problems.is_empty() {
        println!("-- checked: no problems\n");
    } else {
        println!("-- checked:\n{problems}\n");
    }
}

fn main() {
    let schema = ScheduleFollowUp::schema();
    show(
        "schema (upload to Developer Hub)",
        schema.to_value(),
        &schema.check(),
    );

    let initial = ModalResponse::from(
        DataResponse::new()
            .block(
                "team",
                SelectOptions::new().items(vec![
                    Item::<ChoiceValue>::new("t1", "Sales"),
                    Item::new("t2", "Support"),
                ]),
            )
            .block(
                "deal_meta",
                pdx::modal::InputOptions::new().value("{\"dealId\":42}"),
            ),
    );
    show(
        &format!("initial data response (HTTP {})", initial.status()),
        &initial.to_value(),
        &schema.check_response(&initial.to_value()),
    );

    let errors = ModalResponse::from(
        FieldErrors::new().error("due", "Acme CRM has no follow-ups on Sundays"),
    );
    show(
        &format!("field errors (HTTP {})", errors.status()),
        &errors.to_value(),
        &schema.check_response(&errors.to_value()),
    );

    let success = ModalResponse::from(
        SuccessResponse::new("Follow-up scheduled")
            .link("Open in Acme CRM", "https://crm.example.com/tasks/7")
            .refresh_panel_data(true),
    );
    show(
        &format!("success response (HTTP {})", success.status()),
        &success.to_value(),
        &schema.check_response(&success.to_value()),
    );

    let body = serde_json::json!({"subject": "Send proposal", "team": "t2", "owner": 12, "due": "2025-07-01",
        "urgency": "high", "notify": ["email"], "deal_meta": "{\"dealId\":42}"});
    match pdx::modal::parse_submission::<ScheduleFollowUp>(&body) {
        Ok(submitted) => println!("== parsed submission\n{submitted:#?}"),
        Err(e) => println!("== submission rejected: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preview_schema_and_responses() {
        let schema = ScheduleFollowUp::schema();
        assert!(schema.check().is_empty(), "{}", schema.check());
        insta::assert_json_snapshot!("modal_preview_schema", schema.to_value());
    }
}

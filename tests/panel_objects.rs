//! More objects than a panel shows (`PanelResponse::objects` with more than 10): the response keeps the first 10,
//! logs one warning naming the panel type and how many were left out, and tells the handler, which can link to
//! the rest. It never reaches the wire as an error.

use crate::log;

use pdx::App;
use pdx::JsonPanel;
use pdx::context::Selection;
use pdx::hub::{PanelExtension, PanelLocation};
use pdx::panel::{Currency, PanelError, PanelResponse, limits::MAX_OBJECTS};
use pdx::testing::PipedriveRequest;
use serde::Serialize;

const SECRET: &str = "secret-for-objects";

#[derive(Serialize, JsonPanel)]
#[panel(list)]
struct Invoice {
    #[panel(header)]
    number: String,
    amount: Currency,
}

/// A deal's invoices: as many as the deal id.
async fn invoices(selection: Selection) -> Result<PanelResponse<Invoice>, PanelError> {
    let deal = selection
        .single()
        .ok_or_else(|| PanelError::new("Open a deal"))?;
    let invoices: Vec<Invoice> = (1..=deal)
        .map(|n| Invoice {
            number: format!("INV-{n}"),
            amount: Currency::new("EUR", 10.0),
        })
        .collect();
    let total = invoices.len();
    let response = PanelResponse::objects(invoices);
    Ok(if response.left_out() > 0 {
        response.external_link(
            "https://app.example.com/invoices",
            format!("All {total} invoices"),
        )
    } else {
        response
    })
}

#[tokio::test]
async fn more_objects_than_a_panel_shows_are_left_out_and_linked() {
    let (log, _guard) = log::capture();
    let router = App::new(SECRET)
        .json_panel(
            PanelExtension::new("Invoices", "/panel", PanelLocation::DealDetails)
                .jwt_secret(SECRET),
            invoices,
        )
        .into_router()
        .expect("a valid app");
    let body = PipedriveRequest::get("/panel")
        .details("deal", 42)
        .signed(SECRET)
        .send(&router)
        .await
        .assert_json(200);
    let numbers: Vec<&str> = body["data"]
        .as_array()
        .map(|objects| {
            objects
                .iter()
                .filter_map(|o| o["number"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(numbers.len(), MAX_OBJECTS);
    assert_eq!(numbers.first(), Some(&"INV-1"));
    assert_eq!(numbers.last(), Some(&"INV-10"));
    assert_eq!(body["external_link"]["label"], "All 42 invoices");
    let logged = log.take();
    assert!(
        logged.contains("WARN")
            && logged.contains("Invoice")
            && logged.contains("left_out=32")
            && !logged.contains("ERROR"),
        "{logged}"
    );

    // Ten or fewer: all of them, no link, nothing logged.
    let body = PipedriveRequest::get("/panel")
        .details("deal", 10)
        .signed(SECRET)
        .send(&router)
        .await
        .assert_json(200);
    assert_eq!(body["data"].as_array().map(Vec::len), Some(10));
    assert!(body.get("external_link").is_none(), "{body}");
    assert!(log.take().is_empty());
}

//! The demo app: invoices for deals. One JSON panel (the viewed deal's invoices), one JSON modal ("Create
//! invoice", with contacts and products loaded on open and the amount refetched when the product changes), one
//! link action ("Open invoices", an HTML page of the selection). Data lives in an in-memory store.
//!
//! Shared by `examples/demo.rs` and the `tests/demo_*.rs` tests (`#[path]`-included there).
#![allow(dead_code)]

use chrono::NaiveDate;
use pdx::app::{
    ActionTarget, App, LinkActionExtension, LinkRequest, Location, ModalCall, ModalExtension,
    ModalRequest, PanelExtension, PanelLocation, PanelRequest,
};
use pdx::auth::BasicCredentials;
use pdx::context::Selection;
use pdx::modal::{
    ChoiceValue, DataResponse, DatepickerOptions, FieldErrors, GlobalError, InputOptions,
    InputType, Item, ModalDocument, ModalResponse, PrimaryHandler, PrimaryOptions,
    SecondaryHandler, SecondaryOptions, SelectOptions, SuccessResponse,
};
use pdx::panel::{Currency, Label, LabelColor, Link};
use pdx::panel::{PanelError, PanelResponse};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The demo's client secret when `PDX_CLIENT_SECRET` is not set.
pub(crate) const DEMO_CLIENT_SECRET: &str = "demo-client-secret-change-me";
/// The demo's public URL when `PDX_PUBLIC_URL` is not set.
pub(crate) const DEMO_PUBLIC_URL: &str = "https://invoices.example.com";
/// Endpoint paths.
pub(crate) const PANEL_PATH: &str = "/pipedrive/panels/invoices";
/// The modal's endpoint.
pub(crate) const MODAL_PATH: &str = "/pipedrive/modals/create-invoice";
/// The link action's page.
pub(crate) const LINK_PATH: &str = "/pipedrive/actions/open-invoices";
/// Extension names.
pub(crate) const PANEL_NAME: &str = "Invoices";
/// The modal's name.
pub(crate) const MODAL_NAME: &str = "Create invoice";
/// The link action's name.
pub(crate) const LINK_NAME: &str = "Open invoices";

/// How the demo is configured (from the environment in `demo.rs`; fixed in tests).
#[derive(Debug, Clone)]
pub(crate) struct DemoConfig {
    /// The app's OAuth client secret: verifies every extension's token.
    pub(crate) client_secret: String,
    /// Panel HTTP Basic username and password, when set.
    pub(crate) basic: Option<(String, String)>,
    /// Where the app is served publicly.
    pub(crate) public_url: String,
}

impl Default for DemoConfig {
    fn default() -> Self {
        Self {
            client_secret: DEMO_CLIENT_SECRET.into(),
            basic: None,
            public_url: DEMO_PUBLIC_URL.into(),
        }
    }
}

/// A contact person of a deal.
#[derive(Debug, Clone)]
pub(crate) struct Contact {
    /// Pipedrive person id.
    pub(crate) id: u64,
    /// Name.
    pub(crate) name: String,
}

/// A product that can be invoiced.
#[derive(Debug, Clone)]
pub(crate) struct Product {
    /// Id.
    pub(crate) id: u64,
    /// Name.
    pub(crate) name: String,
    /// Price in EUR.
    pub(crate) price: f64,
}

/// Invoice status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// Not sent yet.
    Draft,
    /// Sent, not paid.
    Sent,
    /// Paid.
    Paid,
    /// Past its due date.
    Overdue,
}

/// An invoice.
#[derive(Debug, Clone)]
pub(crate) struct Invoice {
    /// Id.
    pub(crate) id: u64,
    /// The deal it belongs to.
    pub(crate) deal_id: u64,
    /// Billed contact.
    pub(crate) contact_id: u64,
    /// Amount in EUR.
    pub(crate) amount: f64,
    /// Status.
    pub(crate) status: Status,
    /// Issue date.
    pub(crate) issued: NaiveDate,
    /// Due date.
    pub(crate) due: NaiveDate,
}

/// The in-memory store.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    /// Deal id → contacts.
    pub(crate) deals: BTreeMap<u64, Vec<Contact>>,
    /// Products.
    pub(crate) products: Vec<Product>,
    /// Invoices.
    pub(crate) invoices: Vec<Invoice>,
    /// Today, as the store sees it (fixed in tests so answers do not change with the date).
    pub(crate) today: NaiveDate,
}

/// The store shared by handlers.
pub(crate) type SharedStore = Arc<Mutex<Store>>;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

impl Store {
    /// The seeded store: deals 1–3 (deal 3 has no invoices), three products, three invoices.
    pub(crate) fn seeded(today: NaiveDate) -> Self {
        let contact = |id, name: &str| Contact {
            id,
            name: name.to_owned(),
        };
        let mut deals = BTreeMap::new();
        deals.insert(
            1,
            vec![contact(11, "Ada Lovelace"), contact(12, "Charles Babbage")],
        );
        deals.insert(2, vec![contact(21, "Grace Hopper")]);
        deals.insert(3, vec![contact(31, "Alan Turing")]);
        let products = vec![
            Product {
                id: 1,
                name: "Consulting day".into(),
                price: 800.0,
            },
            Product {
                id: 2,
                name: "Licence".into(),
                price: 1200.0,
            },
            Product {
                id: 3,
                name: "Support plan".into(),
                price: 300.0,
            },
        ];
        let invoice = |id, deal_id, contact_id, amount, status, issued, due| Invoice {
            id,
            deal_id,
            contact_id,
            amount,
            status,
            issued,
            due,
        };
        let invoices = vec![
            invoice(
                1001,
                1,
                11,
                1600.0,
                Status::Paid,
                date(2025, 5, 2),
                date(2025, 6, 1),
            ),
            invoice(
                1002,
                1,
                12,
                1200.0,
                Status::Sent,
                date(2025, 6, 10),
                date(2025, 7, 10),
            ),
            invoice(
                1003,
                2,
                21,
                300.0,
                Status::Overdue,
                date(2025, 3, 1),
                date(2025, 3, 31),
            ),
        ];
        Self {
            deals,
            products,
            invoices,
            today,
        }
    }

    /// Shares it.
    pub(crate) fn shared(self) -> SharedStore {
        Arc::new(Mutex::new(self))
    }

    fn contact_name(&self, deal_id: u64, contact_id: u64) -> String {
        self.deals
            .get(&deal_id)
            .and_then(|cs| cs.iter().find(|c| c.id == contact_id))
            .map_or_else(|| format!("Contact {contact_id}"), |c| c.name.clone())
    }
}

fn lock(store: &SharedStore) -> std::sync::MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One invoice in the panel.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct InvoiceRow {
    /// Invoice id.
    pub(crate) id: u64,
    /// Title: the invoice number.
    pub(crate) header: String,
    /// Billed contact.
    pub(crate) customer: String,
    /// Amount.
    pub(crate) amount: Currency,
    /// Status label.
    pub(crate) status: Label,
    /// Issue date.
    pub(crate) issued: NaiveDate,
    /// Due date.
    pub(crate) due: NaiveDate,
    /// Link to the invoice in the app.
    pub(crate) link: Link,
}

impl pdx::panel::JsonPanel for InvoiceRow {
    fn data_structure() -> &'static pdx::panel::DataStructure {
        static STRUCTURE: std::sync::OnceLock<pdx::panel::DataStructure> =
            std::sync::OnceLock::new();
        STRUCTURE.get_or_init(|| {
            pdx::panel::DataStructure::from_value(json!({
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "header"],
                    "properties": {
                        "id": {"$ref": "#/definitions/numerical", "label": "Id"},
                        "header": {"$ref": "#/definitions/header", "label": "Header"},
                        "customer": {"$ref": "#/definitions/text", "label": "Customer"},
                        "amount": {"$ref": "#/definitions/currency", "label": "Amount"},
                        "status": {"$ref": "#/definitions/label", "label": "Status"},
                        "issued": {"$ref": "#/definitions/date", "label": "Issued"},
                        "due": {"$ref": "#/definitions/date", "label": "Due"},
                        "link": {"$ref": "#/definitions/link", "label": "Link"}
                    }
                }
            }))
            .unwrap_or_else(|p| panic!("the demo's data structure is invalid:\n{p}"))
        })
    }
}

fn status_label(status: Status) -> (LabelColor, &'static str) {
    match status {
        Status::Draft => (LabelColor::Grey, "Draft"),
        Status::Sent => (LabelColor::Blue, "Sent"),
        Status::Paid => (LabelColor::Green, "Paid"),
        Status::Overdue => (LabelColor::Red, "Overdue"),
    }
}

fn row(store: &Store, public_url: &str, invoice: &Invoice) -> InvoiceRow {
    InvoiceRow {
        id: invoice.id,
        header: format!("Invoice INV-{}", invoice.id),
        customer: store.contact_name(invoice.deal_id, invoice.contact_id),
        amount: Currency::new("EUR", invoice.amount),
        status: {
            let (color, text) = status_label(invoice.status);
            Label::new(color, text)
        },
        issued: invoice.issued,
        due: invoice.due,
        link: Link::external(format!("{public_url}/invoices/{}", invoice.id))
            .label("Open in Demo Invoices"),
    }
}

/// Most objects a panel shows (`json-panels.md` §5).
const PANEL_MAX_OBJECTS: usize = 10;

/// The panel: the viewed deal's newest invoices (at most 10).
pub(crate) async fn invoices_panel(
    store: SharedStore,
    public_url: String,
    req: PanelRequest,
) -> Result<PanelResponse<InvoiceRow>, PanelError> {
    let Some(deal_id) = req.entity_id() else {
        return Err(PanelError::new("No deal selected")
            .subtitle("Open this panel from a deal's details view."));
    };
    let store = lock(&store);
    if !store.deals.contains_key(&deal_id) {
        return Err(PanelError::new("Deal not in Demo Invoices")
            .subtitle(format!("Deal {deal_id} has no billing account yet."))
            .action(
                format!("{public_url}/deals/{deal_id}/setup"),
                "Set up billing",
            ));
    }
    let mut rows: Vec<InvoiceRow> = store
        .invoices
        .iter()
        .filter(|i| i.deal_id == deal_id)
        .map(|i| row(&store, &public_url, i))
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.id));
    rows.truncate(PANEL_MAX_OBJECTS);
    let response = if rows.is_empty() {
        PanelResponse::nothing()
    } else {
        PanelResponse::objects(rows)
    };
    let response = response.external_link(
        format!("{public_url}/deals/{deal_id}/invoices"),
        "All invoices",
    );
    // Viewers who have not installed the app cannot use actions or settings: do not offer the settings link.
    Ok(if req.is_shared() {
        response
    } else {
        response.settings(format!("{public_url}/settings"))
    })
}

/// What the "Create invoice" modal submits.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct CreateInvoice {
    /// The billed contact (select value: the person id).
    pub(crate) customer: u64,
    /// The product (select value: the product id).
    pub(crate) product: u64,
    /// Amount (an input of type number: sent as a string or a number, read as a number).
    pub(crate) amount: f64,
    /// Due date, `YYYY-MM-DD`.
    pub(crate) due_date: String,
}

impl pdx::modal::JsonModal for CreateInvoice {
    fn schema() -> &'static pdx::modal::ModalSchema {
        static SCHEMA: std::sync::OnceLock<pdx::modal::ModalSchema> = std::sync::OnceLock::new();
        SCHEMA.get_or_init(|| {
            let document = ModalDocument::new()
                .block(
                    "customer",
                    SelectOptions::new()
                        .label("Customer")
                        .placeholder("Pick a contact of the deal")
                        .is_required(true),
                )
                .block(
                    "product",
                    SelectOptions::new()
                        .label("Product")
                        .is_required(true)
                        .fetch_on_change(true),
                )
                .block(
                    "amount",
                    InputOptions::new()
                        .label("Amount (EUR)")
                        .input_type(InputType::Number)
                        .is_required(true)
                        .message("Filled from the product's price"),
                )
                .block(
                    "due_date",
                    DatepickerOptions::new().label("Due date").is_required(true),
                )
                .action(
                    "cancel",
                    SecondaryOptions::new()
                        .label("Cancel")
                        .handler(SecondaryHandler::Cancel),
                )
                .action(
                    "create",
                    PrimaryOptions::new()
                        .label("Create invoice")
                        .handler(PrimaryHandler::Request),
                );
            pdx::modal::ModalSchema::from_document(&document)
        })
    }
}

/// Days until a new invoice is due, by default.
const DEFAULT_DUE_DAYS: u64 = 30;

fn price_text(price: f64) -> String {
    format!("{price:.2}")
}

/// The modal: contacts and products on open, the product's price on refetch, a new invoice on submit.
pub(crate) async fn create_invoice_modal(
    store: SharedStore,
    public_url: String,
    req: ModalRequest<CreateInvoice>,
) -> ModalResponse {
    let Some(deal_id) = req.context.selection().single() else {
        return ModalResponse::Error(GlobalError::new("Open this action from one deal."));
    };
    let mut store = lock(&store);
    let Some(contacts) = store.deals.get(&deal_id).cloned() else {
        return ModalResponse::Error(GlobalError::new(format!(
            "Deal {deal_id} has no billing account in Demo Invoices. Set it up first."
        )));
    };
    match req.call {
        ModalCall::Load => {
            let contacts: Vec<Item<ChoiceValue>> = contacts
                .iter()
                .map(|c| Item::new(c.id as i64, c.name.as_str()))
                .collect();
            let products: Vec<Item<ChoiceValue>> = store
                .products
                .iter()
                .map(|p| {
                    Item::new(
                        p.id as i64,
                        format!("{} ({} EUR)", p.name, price_text(p.price)),
                    )
                })
                .collect();
            let due = store.today + chrono::Days::new(DEFAULT_DUE_DAYS);
            DataResponse::new()
                .block("customer", SelectOptions::new().items(contacts))
                .block("product", SelectOptions::new().items(products))
                .block("due_date", DatepickerOptions::new().date(due))
                .into()
        }
        ModalCall::Refetch { invoker, form } => {
            if invoker != "product" {
                return DataResponse::new().into();
            }
            let chosen = form.get("product").and_then(|v| match v {
                Value::Number(n) => n.as_u64(),
                Value::String(s) => s.parse().ok(),
                _ => None,
            });
            match chosen.and_then(|id| store.products.iter().find(|p| p.id == id)) {
                Some(p) => DataResponse::new()
                    .block("amount", InputOptions::new().value(price_text(p.price)))
                    .into(),
                None => FieldErrors::new()
                    .error("product", "Pick one of the listed products")
                    .into(),
            }
        }
        ModalCall::Submit(form) => {
            let mut errors = FieldErrors::new();
            if !contacts.iter().any(|c| c.id == form.customer) {
                errors = errors.error("customer", "Pick a contact of this deal");
            }
            if !store.products.iter().any(|p| p.id == form.product) {
                errors = errors.error("product", "Pick one of the listed products");
            }
            if !(form.amount.is_finite() && form.amount > 0.0) {
                errors = errors.error("amount", "Enter an amount greater than 0");
            }
            let due = NaiveDate::parse_from_str(&form.due_date, "%Y-%m-%d").ok();
            match due {
                None => errors = errors.error("due_date", "Pick a date"),
                Some(d) if d < store.today => {
                    errors = errors.error("due_date", "The due date cannot be in the past");
                }
                Some(_) => {}
            }
            let (Some(due), true) = (due, errors.is_empty()) else {
                return errors.into();
            };
            let id = store.invoices.iter().map(|i| i.id).max().unwrap_or(1000) + 1;
            let issued = store.today;
            store.invoices.push(Invoice {
                id,
                deal_id,
                contact_id: form.customer,
                amount: form.amount,
                status: Status::Draft,
                issued,
                due,
            });
            SuccessResponse::new(format!("Invoice INV-{id} created"))
                .link("Open invoice", format!("{public_url}/invoices/{id}"))
                .refresh_panel_data(true)
                .into()
        }
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The link action: an HTML page listing the selected deals' invoices.
pub(crate) async fn open_invoices_page(
    store: SharedStore,
    req: LinkRequest,
) -> axum::response::Html<String> {
    let store = lock(&store);
    let (deal_ids, described): (Vec<u64>, String) = match &req.selection {
        Selection::Ids(ids) => (ids.clone(), format!("deals {}", join(ids))),
        Selection::AllMatching {
            filter,
            excluded_ids,
        } => (
            // The demo cannot evaluate Pipedrive filters: select-all means every deal it knows.
            store
                .deals
                .keys()
                .copied()
                .filter(|id| !excluded_ids.contains(id))
                .collect(),
            format!(
                "all deals matching {} except [{}]",
                Value::Object(filter.clone()),
                join(excluded_ids)
            ),
        ),
        Selection::Nothing => (Vec::new(), "no deals".to_owned()),
    };
    let who = req.user.as_ref().map_or_else(
        || "an unverified user".to_owned(),
        |u| format!("user {} of company {}", u.user_id(), u.company_id()),
    );
    let mut rows = String::new();
    for invoice in store
        .invoices
        .iter()
        .filter(|i| deal_ids.contains(&i.deal_id))
    {
        rows.push_str(&format!(
            "<tr><td>INV-{}</td><td>{}</td><td>{}</td><td>{} EUR</td><td>{}</td></tr>\n",
            invoice.id,
            invoice.deal_id,
            escape_html(&store.contact_name(invoice.deal_id, invoice.contact_id)),
            price_text(invoice.amount),
            status_label(invoice.status).1,
        ));
    }
    axum::response::Html(format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Invoices</title></head><body>\n\
         <h1>Invoices</h1>\n<p>For {}, selection: {}.</p>\n\
         <table><tr><th>Invoice</th><th>Deal</th><th>Customer</th><th>Amount</th><th>Status</th></tr>\n{}</table>\n\
         </body></html>\n",
        escape_html(&who),
        escape_html(&described),
        rows
    ))
}

fn join(ids: &[u64]) -> String {
    ids.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The whole app.
pub(crate) fn build(config: &DemoConfig, store: SharedStore) -> App {
    let mut panel = PanelExtension::new(PANEL_NAME, PANEL_PATH, PanelLocation::DealDetails)
        .description("The deal's invoices: amount, status and dates, with a link to each.")
        .action(ActionTarget::Global, MODAL_NAME)
        .action(ActionTarget::Field("header".into()), LINK_NAME);
    panel = match &config.basic {
        Some((user, password)) => panel.basic(BasicCredentials::new(user, password)),
        // Developer Hub needs Basic or the panel's own JWT secret: without Basic, the panel's secret is set to
        // the client secret (enter the same value in the panel's "JWT secret" field).
        None => panel.jwt_secret(config.client_secret.as_str()),
    };
    let panel_store = store.clone();
    let public_url = config.public_url.clone();
    let modal_store = store.clone();
    let modal_url = config.public_url.clone();
    let link_store = store;
    App::new(config.client_secret.as_str())
        .name("Demo Invoices")
        .public_url(&config.public_url)
        .json_panel::<InvoiceRow, _, _>(panel, move |req| {
            invoices_panel(panel_store.clone(), public_url.clone(), req)
        })
        .json_modal::<CreateInvoice, _, _>(
            ModalExtension::new(MODAL_NAME, MODAL_PATH, [Location::DealDetails])
                .description("Bill a contact of the deal for one product."),
            move |req| create_invoice_modal(modal_store.clone(), modal_url.clone(), req),
        )
        .link_action(
            LinkActionExtension::new(
                LINK_NAME,
                LINK_PATH,
                [Location::DealDetails, Location::DealsList],
            )
            .description("Open the selected deals' invoices in Demo Invoices."),
            move |req| open_invoices_page(link_store.clone(), req),
        )
}

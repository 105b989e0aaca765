//! The demo app: invoices for deals. One JSON panel (the viewed deal's invoices), one JSON modal ("Create
//! invoice", with contacts and products loaded on open and the amount refetched when the product changes), one
//! link action ("Open invoices", an HTML page of the selection), one webhook (`change.deal`: the panel shows
//! what the latest deal change said). Data lives in an in-memory store.
//!
//! Shared by `examples/demo.rs` and the `tests/demo_*.rs` tests (`#[path]`-included there).
#![allow(dead_code)]

#[path = "listing.rs"]
mod listing;
#[path = "webhooks.rs"]
mod webhooks;

use chrono::NaiveDate;
use pdx::App;
use pdx::api::{FieldCache, FieldsError, PipedriveApi};
use pdx::auth::PipedriveUser;
use pdx::axum::Router;
use pdx::axum::extract::State;
use pdx::axum::response::Html;
use pdx::context::{RequestContext, Selection};
use pdx::credentials::BasicCredentials;
use pdx::custom_fields::{CustomFieldError, CustomFields};
use pdx::hub::{LinkActionExtension, Location, ModalExtension, PanelExtension, PanelLocation};
use pdx::install::{InstallConfig, Installations};
use pdx::modal::{
    ChoiceValue, DataResponse, DatepickerOptions, FieldErrors, GlobalError, InputOptions, Item,
    ModalReply, SelectOptions, SuccessResponse,
};
use pdx::panel::{Currency, Label, LabelColor, Link, PanelError, PanelResponse};
use pdx::server::ModalCall;
use pdx::{JsonModal, JsonPanel};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

/// The demo's client secret when `PDX_CLIENT_SECRET` is not set.
pub(crate) const DEMO_CLIENT_SECRET: &str = "demo-client-secret-change-me";
/// The demo's OAuth client id when `PDX_CLIENT_ID` is not set (installs then fail at Pipedrive, as they should).
pub(crate) const DEMO_CLIENT_ID: &str = "demo-client-id";
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
    /// Panel HTTP Basic username and password, when set.
    pub(crate) basic: Option<(String, String)>,
    /// Where the app is served publicly.
    pub(crate) public_url: String,
    /// OAuth client (its secret verifies every extension's token), token store and Pipedrive's OAuth server
    /// (`PDX_CLIENT_ID`, `PDX_CLIENT_SECRET`, `PDX_DATABASE_URL`, `PDX_TOKEN_KEY`, `PDX_OAUTH_URL`, ...).
    pub(crate) install: InstallConfig,
}

impl DemoConfig {
    /// The app's OAuth client secret (from the install configuration: it is given once).
    pub(crate) fn client_secret(&self) -> &str {
        &self.install.client_secret
    }
}

impl Default for DemoConfig {
    fn default() -> Self {
        Self {
            basic: None,
            public_url: DEMO_PUBLIC_URL.into(),
            install: InstallConfig::new(
                DEMO_CLIENT_ID,
                DEMO_CLIENT_SECRET,
                pdx::install::DEFAULT_CALLBACK_URL,
            ),
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
    /// Deal id → what its latest `change.deal` event said (kept from the webhook, never fetched).
    pub(crate) deal_changes: BTreeMap<u64, String>,
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
            deal_changes: BTreeMap::new(),
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

/// What every handler shares: the store and the app's public URL (axum state).
#[derive(Debug, Clone)]
pub(crate) struct Demo {
    /// The invoices.
    pub(crate) store: SharedStore,
    /// Where the app is served publicly (links in answers point there).
    pub(crate) public_url: Arc<str>,
    /// Each company's custom field keys, found once per company.
    pub(crate) fields: FieldCache,
}

/// The deal's custom field the panel shows, found by its name: each company keys it differently.
#[derive(Debug, CustomFields)]
#[custom_fields(entity = "deal")]
pub(crate) struct DealTerms {
    /// The "Invoice terms" text field.
    #[custom_field(name = "Invoice terms")]
    pub(crate) terms: Option<String>,
}

/// One invoice in the panel.
#[derive(Debug, Clone, Serialize, JsonPanel)]
#[panel(list, global_action = "Create invoice")]
pub(crate) struct InvoiceRow {
    /// Invoice id.
    pub(crate) id: u64,
    /// Title: the invoice number; opens the link action.
    #[panel(header, action = "Open invoices")]
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
    /// The deal's title, read from Pipedrive's API with the installing company's token.
    pub(crate) deal: Option<String>,
    /// The deal's "Invoice terms" custom field, when the company has it and it is set.
    #[panel(label = "Invoice terms")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) terms: Option<String>,
    /// What the deal's latest change event said (from the app's webhook, with no API call); left out until one
    /// came.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) latest_change: Option<String>,
}

fn status_label(status: Status) -> (LabelColor, &'static str) {
    match status {
        Status::Draft => (LabelColor::Grey, "Draft"),
        Status::Sent => (LabelColor::Blue, "Sent"),
        Status::Paid => (LabelColor::Green, "Paid"),
        Status::Overdue => (LabelColor::Red, "Overdue"),
    }
}

fn row(store: &Store, public_url: &str, deal: &DealShown, invoice: &Invoice) -> InvoiceRow {
    let (color, text) = status_label(invoice.status);
    InvoiceRow {
        id: invoice.id,
        header: format!("Invoice INV-{}", invoice.id),
        customer: store.contact_name(invoice.deal_id, invoice.contact_id),
        amount: Currency::new("EUR", invoice.amount),
        status: Label::new(color, text),
        issued: invoice.issued,
        due: invoice.due,
        link: Link::external(format!("{public_url}/invoices/{}", invoice.id))
            .label("Open in Demo Invoices"),
        deal: Some(deal.title.clone()),
        terms: deal.terms.clone(),
        latest_change: store.deal_changes.get(&invoice.deal_id).cloned(),
    }
}

/// What the panel shows as the deal when the viewer's company has not installed the app.
pub(crate) const NOT_INSTALLED: &str =
    "Install Demo Invoices to see the deal's title from Pipedrive";

/// What the panel shows of the deal from Pipedrive.
pub(crate) struct DealShown {
    title: String,
    terms: Option<String>,
}

/// The deal's title and "Invoice terms" through Pipedrive's API (one read of the deal; the company's field keys
/// once per company), or [`NOT_INSTALLED`]. An installation whose tokens are gone answers 401 (`?` on the API
/// error), so Pipedrive offers to reconnect the app. A company without the field shows none.
async fn deal_shown(
    api: Option<PipedriveApi>,
    fields: &FieldCache,
    deal_id: u64,
) -> Result<DealShown, PanelError> {
    let Some(api) = api else {
        return Ok(DealShown {
            title: NOT_INSTALLED.to_owned(),
            terms: None,
        });
    };
    let deal = api.deal(deal_id).await?;
    let terms = match fields.read::<DealTerms>(&api, &deal.custom_fields).await {
        Ok(read) => read.terms,
        Err(FieldsError::Field(CustomFieldError::NotFound { .. })) => None,
        Err(e) => return Err(e.into()),
    };
    Ok(DealShown {
        title: deal.title,
        terms,
    })
}

/// The panel: the viewed deal's newest invoices (at most the 10 a panel shows).
pub(crate) async fn invoices_panel(
    State(demo): State<Demo>,
    context: RequestContext,
    api: Option<PipedriveApi>,
) -> Result<PanelResponse<InvoiceRow>, PanelError> {
    let Some(deal_id) = context.selection().single() else {
        return Err(PanelError::new("No deal selected")
            .subtitle("Open this panel from a deal's details view."));
    };
    let shown = deal_shown(api, &demo.fields, deal_id).await?;
    let url = &demo.public_url;
    let store = lock(&demo.store);
    if !store.deals.contains_key(&deal_id) {
        return Err(PanelError::new("Deal not in Demo Invoices")
            .subtitle(format!("Deal {deal_id} has no billing account yet."))
            .action(format!("{url}/deals/{deal_id}/setup"), "Set up billing"));
    }
    let mut rows: Vec<InvoiceRow> = store
        .invoices
        .iter()
        .filter(|i| i.deal_id == deal_id)
        .map(|i| row(&store, url, &shown, i))
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.id));
    rows.truncate(pdx::panel::limits::MAX_OBJECTS);
    let response = if rows.is_empty() {
        PanelResponse::nothing()
    } else {
        PanelResponse::objects(rows)
    };
    let response =
        response.external_link(format!("{url}/deals/{deal_id}/invoices"), "All invoices");
    // Viewers who have not installed the app cannot use actions or settings: do not offer the settings link.
    Ok(if context.is_shared {
        response
    } else {
        response.settings(format!("{url}/settings"))
    })
}

/// The "Create invoice" modal: what it shows and what it submits.
#[derive(Debug, Clone, Deserialize, JsonModal)]
#[modal(
    secondary(key = "cancel", label = "Cancel", handler = "cancel"),
    primary(key = "create", label = "Create invoice")
)]
pub(crate) struct CreateInvoice {
    /// The billed contact (select value: the person id), listed when the modal opens.
    #[modal(select, dynamic, placeholder = "Pick a contact of the deal")]
    pub(crate) customer: u64,
    /// The product (select value: the product id); changing it refetches the amount.
    #[modal(select, dynamic, fetch_on_change)]
    pub(crate) product: u64,
    /// Amount (an input of type number: sent as a string or a number, read as a number).
    #[modal(label = "Amount (EUR)", message = "Filled from the product's price")]
    pub(crate) amount: f64,
    /// Due date.
    pub(crate) due_date: NaiveDate,
}

/// Days until a new invoice is due, by default.
const DEFAULT_DUE_DAYS: u64 = 30;

fn price_text(price: f64) -> String {
    format!("{price:.2}")
}

/// The modal: contacts and products on open, the product's price on refetch, a new invoice on submit.
pub(crate) async fn create_invoice_modal(
    State(demo): State<Demo>,
    selection: Selection,
    call: ModalCall<CreateInvoice>,
) -> ModalReply<CreateInvoice> {
    let Some(deal_id) = selection.single() else {
        return GlobalError::new("Open this action from one deal.").into();
    };
    let mut store = lock(&demo.store);
    let Some(contacts) = store.deals.get(&deal_id).cloned() else {
        return GlobalError::new(format!(
            "Deal {deal_id} has no billing account in Demo Invoices. Set it up first."
        ))
        .into();
    };
    match call {
        ModalCall::Load => initial_data(&store, &contacts).into(),
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
        ModalCall::Submit(form) => create(&mut store, &demo.public_url, deal_id, &contacts, &form),
        // The demo's buttons all POST; a stray `open-url` tab goes to the deal's invoices in the app.
        ModalCall::OpenUrl { .. } => {
            ModalReply::redirect(format!("{}/deals/{deal_id}/invoices", demo.public_url))
        }
    }
}

/// Contacts and products as select items, and a default due date.
fn initial_data(store: &Store, contacts: &[Contact]) -> DataResponse {
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
}

/// Checks a submitted invoice and stores it, or names each block at fault.
fn create(
    store: &mut Store,
    public_url: &str,
    deal_id: u64,
    contacts: &[Contact],
    form: &CreateInvoice,
) -> ModalReply<CreateInvoice> {
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
    if form.due_date < store.today {
        errors = errors.error("due_date", "The due date cannot be in the past");
    }
    if !errors.is_empty() {
        return errors.into();
    }
    let id = store.invoices.iter().map(|i| i.id).max().unwrap_or(1000) + 1;
    let issued = store.today;
    store.invoices.push(Invoice {
        id,
        deal_id,
        contact_id: form.customer,
        amount: form.amount,
        status: Status::Draft,
        issued,
        due: form.due_date,
    });
    SuccessResponse::new(format!("Invoice INV-{id} created"))
        .link("Open invoice", format!("{public_url}/invoices/{id}"))
        .refresh_panel_data(true)
        .into()
}

/// The link action: an HTML page listing the selected deals' invoices.
pub(crate) async fn open_invoices_page(
    State(demo): State<Demo>,
    user: Option<PipedriveUser>,
    selection: Selection,
) -> Html<String> {
    let escape = pdx::server::escape_html;
    let store = lock(&demo.store);
    let (deal_ids, described): (Vec<u64>, String) = match &selection {
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
    let who = user.as_ref().map_or_else(
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
            escape(&store.contact_name(invoice.deal_id, invoice.contact_id)),
            price_text(invoice.amount),
            status_label(invoice.status).1,
        ));
    }
    Html(format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Invoices</title></head><body>\n\
         <h1>Invoices</h1>\n<p>For {}, selection: {}.</p>\n\
         <table><tr><th>Invoice</th><th>Deal</th><th>Customer</th><th>Amount</th><th>Status</th></tr>\n{}</table>\n\
         </body></html>\n",
        escape(&who),
        escape(&described),
        rows
    ))
}

fn join(ids: &[u64]) -> String {
    ids.iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The whole app: its extensions, their Developer Hub settings and handlers, and its installations.
pub(crate) fn build(config: &DemoConfig, installations: Installations) -> App<Demo> {
    let mut panel = PanelExtension::new(PANEL_NAME, PANEL_PATH, PanelLocation::DealDetails)
        .description("The deal's invoices: amount, status and dates, with a link to each.");
    panel = match &config.basic {
        Some((user, password)) => panel.basic(BasicCredentials::new(user, password)),
        // Developer Hub needs Basic or the panel's own JWT secret: without Basic, the panel's secret is set to
        // the client secret (enter the same value in the panel's "JWT secret" field).
        None => panel.jwt_secret(config.client_secret()),
    };
    App::with_installations(installations)
        .name("Demo Invoices")
        .public_url(&config.public_url)
        .registration(listing::registration())
        .json_panel(panel, invoices_panel)
        .json_modal(
            ModalExtension::new(MODAL_NAME, MODAL_PATH, [Location::DealDetails])
                .description("Bill a contact of the deal for one product."),
            create_invoice_modal,
        )
        .link_action(
            LinkActionExtension::new(
                LINK_NAME,
                LINK_PATH,
                [Location::DealDetails, Location::DealsList],
            )
            .description("Open the selected deals' invoices in Demo Invoices."),
            open_invoices_page,
        )
        .webhooks(webhooks::webhooks())
}

/// Opens (or creates) the token store of `config`.
pub(crate) async fn installations(config: &DemoConfig) -> Result<Installations, String> {
    Installations::connect(config.install.clone())
        .await
        .map_err(|e| format!("cannot open the token store: {e}"))
}

/// The app's router, serving `store` with `installations`.
pub(crate) fn router(
    config: &DemoConfig,
    store: SharedStore,
    installations: Installations,
) -> Result<Router, pdx::Problems> {
    let demo = Demo {
        store,
        public_url: Arc::from(config.public_url.as_str()),
        fields: FieldCache::new(),
    };
    Ok(build(config, installations).into_router()?.with_state(demo))
}

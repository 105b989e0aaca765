//! Custom fields per company against `pdx::testing::FakePipedrive`, whose companies key their custom fields
//! differently: one struct reads the same fields in every company, the Fields API is called once per company
//! and kind, a recreated field is found again, every value type reads and writes in the API v2 shape, options
//! go by label, and a type mismatch names the field.

use chrono::{NaiveDate, NaiveTime};
use pdx::api::{ApiError, Client, FieldCache, FieldsError};
use pdx::custom_fields::{
    Address, CustomFieldError, CustomFields, DateRange, FieldEntity, Monetary, MultipleOptions,
    OrganizationId, PersonId, SingleOption, Time, TimeRange, UserId,
};
use pdx::install::Installations;
use pdx::scope::Scope;
use pdx::testing::FakePipedrive;
use pdx::testing::fake::{Entity, FakeApp, FakeCompany, FieldType, Server};
use serde_json::{Value, json};
use std::time::Duration;

#[derive(CustomFields, Debug, Clone, PartialEq)]
#[custom_fields(entity = "deal")]
struct Invoice {
    #[custom_field(name = "Invoice terms")]
    terms: Option<String>,
    #[custom_field(name = "Amount due")]
    due: Option<Monetary>,
}

/// A company with user 7, the invoice fields, and one deal with values; the client and the deal's id.
fn company(fake: &FakePipedrive, id: u64, terms: &str, due: f64) -> (FakeCompany, Client, u64) {
    let company = fake.company(id);
    company.add_user(7, "Ann");
    company.add_custom_field(Entity::Deal, "Invoice terms", FieldType::Varchar);
    company.add_custom_field(Entity::Deal, "Amount due", FieldType::Monetary);
    let deal = company.add(
        Entity::Deal,
        json!({"title": "Renewal", "custom_fields": {
            "Invoice terms": terms, "Amount due": {"value": due, "currency": "EUR"}}}),
    );
    let client = client(&company);
    (company, client, deal)
}

/// An API-token client of user 7 of a company.
fn client(company: &FakeCompany) -> Client {
    Client::from_api_token(company.api_token(7), &company.api_domain()).expect("client")
}

/// The Fields calls a company's API received.
fn field_calls(fake: &FakePipedrive, company: u64, collection: &str) -> usize {
    fake.requests_to(&format!("GET /api/v2/{collection}"))
        .iter()
        .filter(|r| r.server == Server::Api { company })
        .count()
}

#[tokio::test]
async fn two_companies_with_different_keys_read_the_same_fields_with_one_fields_call_each() {
    let fake = FakePipedrive::start().await;
    let (acme, acme_api, acme_deal) = company(&fake, 42, "Net 30", 1200.0);
    let (globex, globex_api, globex_deal) = company(&fake, 43, "Net 60", 80.5);
    assert_ne!(
        acme.custom_field_key(Entity::Deal, "Invoice terms"),
        globex.custom_field_key(Entity::Deal, "Invoice terms"),
        "the fake keys each company's fields differently"
    );
    let fields = FieldCache::new();
    for _ in 0..3 {
        let a: Invoice = fields.get(&acme_api, acme_deal).await.expect("acme");
        let g: Invoice = fields.get(&globex_api, globex_deal).await.expect("globex");
        assert_eq!(a.terms.as_deref(), Some("Net 30"));
        assert_eq!(
            a.due,
            Some(Monetary {
                value: 1200.0,
                currency: "EUR".into()
            })
        );
        assert_eq!(g.terms.as_deref(), Some("Net 60"));
        assert_eq!(
            g.due,
            Some(Monetary {
                value: 80.5,
                currency: "EUR".into()
            })
        );
    }
    assert_eq!(field_calls(&fake, 42, "dealFields"), 1, "first use only");
    assert_eq!(field_calls(&fake, 43, "dealFields"), 1, "first use only");
    assert_eq!(fields.len(), 2, "one entry per company and kind");

    // The invalidation hook (a field-change webhook): the next use fetches the company's fields again.
    fields.invalidate(&acme.api_domain(), FieldEntity::Deal);
    fields
        .get::<Invoice>(&acme_api, acme_deal)
        .await
        .expect("acme");
    fields
        .get::<Invoice>(&globex_api, globex_deal)
        .await
        .expect("globex");
    assert_eq!(field_calls(&fake, 42, "dealFields"), 2);
    assert_eq!(
        field_calls(&fake, 43, "dealFields"),
        1,
        "other companies keep theirs"
    );
}

#[tokio::test]
async fn the_cache_is_bounded() {
    let fake = FakePipedrive::start().await;
    let (_, acme_api, acme_deal) = company(&fake, 42, "Net 30", 1.0);
    let (_, globex_api, globex_deal) = company(&fake, 43, "Net 60", 2.0);
    let fields = FieldCache::with_capacity(1);
    fields
        .get::<Invoice>(&acme_api, acme_deal)
        .await
        .expect("acme");
    fields
        .get::<Invoice>(&globex_api, globex_deal)
        .await
        .expect("globex");
    assert_eq!(fields.len(), 1, "the oldest entry went");
    fields
        .get::<Invoice>(&acme_api, acme_deal)
        .await
        .expect("acme");
    assert_eq!(
        field_calls(&fake, 42, "dealFields"),
        2,
        "acme's was evicted"
    );
}

#[derive(CustomFields, Debug)]
#[custom_fields(entity = "deal")]
struct Region {
    #[custom_field(name = "Region")]
    region: Option<String>,
}

#[tokio::test]
async fn a_recreated_field_or_a_new_name_is_resolved_again_once_after_a_miss() {
    let fake = FakePipedrive::start().await;
    let (acme, api, deal) = company(&fake, 42, "Net 30", 10.0);
    // Every miss may fetch again here; the default waits a minute between such fetches (the next test).
    let fields = FieldCache::new().refetch_interval(Duration::ZERO);
    assert_eq!(
        fields
            .get::<Invoice>(&api, deal)
            .await
            .expect("first")
            .terms
            .as_deref(),
        Some("Net 30")
    );

    // Deleted and made again in Settings > Data fields: a new key, and a deal with a value under it.
    let old = acme
        .remove_custom_field(Entity::Deal, "Invoice terms")
        .expect("was there");
    let new = acme.add_custom_field(Entity::Deal, "Invoice terms", FieldType::Varchar);
    assert_ne!(old, new);
    let later = acme.add(
        Entity::Deal,
        json!({"title": "Later", "custom_fields": {"Invoice terms": "Net 45", "Amount due": {"value": 5, "currency": "USD"}}}),
    );
    let read: Invoice = fields.get(&api, later).await.expect("re-resolved");
    assert_eq!(read.terms.as_deref(), Some("Net 45"));
    assert_eq!(
        field_calls(&fake, 42, "dealFields"),
        2,
        "one more Fields call for the miss"
    );
    fields
        .get::<Invoice>(&api, later)
        .await
        .expect("cached again");
    assert_eq!(field_calls(&fake, 42, "dealFields"), 2, "and none after it");

    // A field made after the first resolution is found by one more Fields call.
    acme.add_custom_field(Entity::Deal, "Region", FieldType::Varchar);
    acme.update(
        Entity::Deal,
        later,
        json!({"custom_fields": {"Region": "Baltics"}}),
    );
    let region: Region = fields.get(&api, later).await.expect("found");
    assert_eq!(region.region.as_deref(), Some("Baltics"));
    assert_eq!(field_calls(&fake, 42, "dealFields"), 3);

    // A name no field has: one Fields call more, then an error naming the struct field and the name.
    let error = fields
        .get::<Missing>(&api, later)
        .await
        .expect_err("no such field");
    assert_eq!(
        field_calls(&fake, 42, "dealFields"),
        4,
        "re-resolved at most once per call"
    );
    assert_eq!(
        error.to_string(),
        "custom field `Missing.discount`: the company has no deal field with name \"Discount\""
    );
}

#[tokio::test]
async fn misses_fetch_again_at_most_once_a_refetch_interval() {
    // A company without a field the struct names (the demo's panel in a company without "Invoice terms"):
    // each read misses, and only the first minute's fetch is made.
    let fake = FakePipedrive::start().await;
    let (acme, api, deal) = company(&fake, 42, "Net 30", 10.0);
    let fields = FieldCache::new();
    assert_eq!(
        FieldCache::DEFAULT_REFETCH_INTERVAL,
        Duration::from_secs(60)
    );
    for _ in 0..3 {
        let error = fields
            .get::<Missing>(&api, deal)
            .await
            .expect_err("no such field");
        assert_eq!(
            error.to_string(),
            "custom field `Missing.discount`: the company has no deal field with name \"Discount\""
        );
    }
    assert_eq!(
        field_calls(&fake, 42, "dealFields"),
        1,
        "the definitions fetched by the first read count as fresh for a minute"
    );
    // An API-token client's company is its company domain.
    fields.invalidate(&acme.api_domain(), FieldEntity::Deal);
    fields
        .get::<Missing>(&api, deal)
        .await
        .expect_err("still none");
    assert_eq!(
        field_calls(&fake, 42, "dealFields"),
        2,
        "an invalidation fetches at once"
    );
}

#[derive(CustomFields, Debug)]
#[custom_fields(entity = "deal")]
struct Missing {
    #[custom_field(name = "Discount")]
    discount: Option<f64>,
}

#[derive(CustomFields, Debug)]
#[custom_fields(entity = "deal")]
struct Mismatch {
    #[custom_field(name = "Amount due")]
    due: Option<String>,
}

#[tokio::test]
async fn a_type_mismatch_is_an_error_naming_the_field() {
    let fake = FakePipedrive::start().await;
    let (_, api, deal) = company(&fake, 42, "Net 30", 10.0);
    let error = FieldCache::new()
        .get::<Mismatch>(&api, deal)
        .await
        .expect_err("mismatch");
    let FieldsError::Field(CustomFieldError::TypeMismatch {
        member,
        field_name,
        field_type,
        ..
    }) = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(
        (member.as_str(), field_name.as_str(), field_type.name()),
        ("Mismatch.due", "Amount due", "monetary")
    );
    assert_eq!(
        error.to_string(),
        "custom field `Mismatch.due`: the field \"Amount due\" is of type `monetary`, but the Rust type holds text \
         (`varchar`, `text`, `varchar_auto`, `phone`)"
    );
}

#[derive(CustomFields, Debug, Clone, PartialEq)]
#[custom_fields(entity = "deal")]
struct Everything {
    #[custom_field(name = "Terms")]
    text: String,
    #[custom_field(name = "Notes")]
    large: Option<String>,
    #[custom_field(name = "Source")]
    auto: Option<String>,
    #[custom_field(name = "Hotline")]
    phone: Option<String>,
    #[custom_field(name = "Probability")]
    double: f64,
    #[custom_field(name = "Budget")]
    budget: Monetary,
    #[custom_field(name = "Signed on")]
    date: NaiveDate,
    #[custom_field(name = "Campaign")]
    campaign: DateRange,
    #[custom_field(name = "Call at")]
    time: Time,
    #[custom_field(name = "Office hours")]
    hours: TimeRange,
    #[custom_field(name = "Tier")]
    tier: SingleOption,
    #[custom_field(name = "Channels")]
    channels: MultipleOptions,
    #[custom_field(name = "Account manager")]
    manager: UserId,
    #[custom_field(name = "Champion")]
    champion: PersonId,
    #[custom_field(name = "Reseller")]
    reseller: OrganizationId,
    #[custom_field(name = "Site")]
    site: Address,
    #[custom_field(name = "Anything")]
    raw: Value,
}

fn everything_fields(company: &FakeCompany) {
    use FieldType as T;
    for (name, t) in [
        ("Terms", T::Varchar),
        ("Notes", T::Text),
        ("Source", T::VarcharAuto),
        ("Hotline", T::Phone),
        ("Probability", T::Double),
        ("Budget", T::Monetary),
        ("Signed on", T::Date),
        ("Campaign", T::DateRange),
        ("Call at", T::Time),
        ("Office hours", T::TimeRange),
        ("Account manager", T::User),
        ("Champion", T::People),
        ("Reseller", T::Org),
        ("Site", T::Address),
        ("Anything", T::Text),
    ] {
        company.add_custom_field(Entity::Deal, name, t);
    }
    company.add_custom_field_with_options(Entity::Deal, "Tier", T::Enum, &["Gold", "Silver"]);
    company.add_custom_field_with_options(
        Entity::Deal,
        "Channels",
        T::Set,
        &["Email", "Phone", "Chat"],
    );
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn hms(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).expect("time")
}

#[tokio::test]
async fn every_value_type_reads_and_writes_in_the_api_v2_shape() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    acme.add_user(7, "Ann");
    everything_fields(&acme);
    let deal = acme.add(
        Entity::Deal,
        json!({"title": "All", "custom_fields": {
            "Terms": "Net 30", "Notes": null, "Source": "Web", "Hotline": "+372 5555 0000",
            "Probability": 0.75, "Budget": {"value": 5000, "currency": "EUR"}, "Signed on": "2026-05-01",
            "Campaign": {"value": "2026-05-01", "until": "2026-05-31"},
            "Call at": {"value": "09:00:00", "timezone_id": 318, "timezone_name": "Europe/Tallinn"},
            "Office hours": {"value": "09:00:00", "until": "17:00:00", "timezone_id": 318, "timezone_name": "Europe/Tallinn"},
            "Tier": "Gold", "Channels": ["Email", "Chat"], "Account manager": 7, "Champion": 12, "Reseller": 3,
            "Site": {"value": "Narva mnt 5, Tallinn", "route": "Narva mnt", "street_number": "5",
                     "locality": "Tallinn", "country": "Estonia", "postal_code": "10117",
                     "formatted_address": "Narva mnt 5, 10117 Tallinn, Estonia"},
            "Anything": "kept as sent"}}),
    );
    let api = client(&acme);
    let fields = FieldCache::new();
    let read: Everything = fields.get(&api, deal).await.expect("read");
    let tallinn = Some("Europe/Tallinn".to_owned());
    let expected = Everything {
        text: "Net 30".into(),
        large: None,
        auto: Some("Web".into()),
        phone: Some("+372 5555 0000".into()),
        double: 0.75,
        budget: Monetary {
            value: 5000.0,
            currency: "EUR".into(),
        },
        date: ymd(2026, 5, 1),
        campaign: DateRange {
            start: ymd(2026, 5, 1),
            until: ymd(2026, 5, 31),
        },
        time: Time {
            time: hms(9, 0),
            timezone_name: tallinn.clone(),
            timezone_id: Some(318),
        },
        hours: TimeRange {
            start: hms(9, 0),
            until: hms(17, 0),
            timezone_name: tallinn.clone(),
            timezone_id: Some(318),
        },
        tier: SingleOption("Gold".into()),
        channels: MultipleOptions(vec!["Email".into(), "Chat".into()]),
        manager: UserId(7),
        champion: PersonId(12),
        reseller: OrganizationId(3),
        site: Address {
            value: "Narva mnt 5, Tallinn".into(),
            route: Some("Narva mnt".into()),
            street_number: Some("5".into()),
            locality: Some("Tallinn".into()),
            country: Some("Estonia".into()),
            postal_code: Some("10117".into()),
            formatted_address: Some("Narva mnt 5, 10117 Tallinn, Estonia".into()),
            ..Address::default()
        },
        raw: json!("kept as sent"),
    };
    assert_eq!(read, expected);

    let changed = Everything {
        text: "Net 45".into(),
        large: Some("Long text".into()),
        auto: None,
        double: 0.5,
        budget: Monetary {
            value: 7200.5,
            currency: "USD".into(),
        },
        date: ymd(2026, 6, 2),
        campaign: DateRange {
            start: ymd(2026, 6, 1),
            until: ymd(2026, 6, 30),
        },
        time: Time {
            time: hms(14, 30),
            timezone_name: Some("Europe/Riga".into()),
            timezone_id: None,
        },
        hours: TimeRange {
            start: hms(8, 0),
            until: hms(12, 0),
            timezone_name: None,
            timezone_id: Some(318),
        },
        tier: SingleOption("Silver".into()),
        channels: MultipleOptions(vec!["Phone".into(), "Email".into()]),
        manager: UserId(8),
        site: Address {
            value: "Riia 1, Tartu".into(),
            locality: Some("Tartu".into()),
            ..Address::default()
        },
        raw: json!({"anything": [1, 2]}),
        ..read
    };
    fake.clear_requests();
    fields.update(&api, deal, &changed).await.expect("written");
    let patches = fake.requests_to(&format!("PATCH /api/v2/deals/{deal}"));
    assert_eq!(patches.len(), 1);
    let key = |name: &str| acme.custom_field_key(Entity::Deal, name).expect(name);
    let option =
        |field: &str, label: &str| acme.option_id(Entity::Deal, field, label).expect(label);
    let mut sent = serde_json::Map::new();
    for (name, value) in [
        ("Terms", json!("Net 45")),
        ("Notes", json!("Long text")),
        ("Source", Value::Null),
        ("Hotline", json!("+372 5555 0000")),
        ("Probability", json!(0.5)),
        ("Budget", json!({"value": 7200.5, "currency": "USD"})),
        ("Signed on", json!("2026-06-02")),
        (
            "Campaign",
            json!({"value": "2026-06-01", "until": "2026-06-30"}),
        ),
        (
            "Call at",
            json!({"value": "14:30:00", "timezone_name": "Europe/Riga"}),
        ),
        (
            "Office hours",
            json!({"value": "08:00:00", "until": "12:00:00"}),
        ),
        ("Tier", json!(option("Tier", "Silver"))),
        (
            "Channels",
            json!([option("Channels", "Phone"), option("Channels", "Email")]),
        ),
        ("Account manager", json!(8)),
        ("Champion", json!(12)),
        ("Reseller", json!(3)),
        (
            "Site",
            json!({"value": "Riia 1, Tartu", "locality": "Tartu"}),
        ),
        ("Anything", json!({"anything": [1, 2]})),
    ] {
        sent.insert(key(name), value);
    }
    assert_eq!(
        patches[0].body,
        Some(json!({"custom_fields": sent})),
        "exactly the API v2 shape"
    );
    assert_eq!(
        field_calls(&fake, 42, "dealFields"),
        0,
        "the write used the cached definitions"
    );

    let again: Everything = fields.get(&api, deal).await.expect("read back");
    assert_eq!(
        (again.tier.0.as_str(), again.channels.0.clone()),
        ("Silver", vec!["Phone".to_owned(), "Email".to_owned()])
    );
    assert_eq!(again.text, "Net 45");
}

#[tokio::test]
async fn an_unknown_option_label_is_an_error_naming_it_and_nothing_is_sent() {
    let fake = FakePipedrive::start().await;
    let acme = fake.company(42);
    acme.add_user(7, "Ann");
    everything_fields(&acme);
    let api = client(&acme);

    #[derive(CustomFields)]
    #[custom_fields(entity = "deal")]
    struct Tier {
        #[custom_field(name = "Tier")]
        tier: Option<SingleOption>,
    }
    let deal = acme.add(
        Entity::Deal,
        json!({"title": "T", "custom_fields": {"Tier": "Gold"}}),
    );
    let error = FieldCache::new()
        .update(
            &api,
            deal,
            &Tier {
                tier: Some(SingleOption("Platinum".into())),
            },
        )
        .await
        .expect_err("no such option");
    assert_eq!(
        error.to_string(),
        "custom field `Tier.tier` (field \"Tier\"): no option is labelled \"Platinum\"; the options are \"Gold\", \
         \"Silver\""
    );
    assert!(fake.requests_to("PATCH /api/v2/deals/{id}").is_empty());
}

/// An installation of user 7 of company 42 (the fake app's scopes); its client.
async fn installed(fake: &FakePipedrive) -> Client {
    let installations = Installations::connect(fake.install_config())
        .await
        .expect("installations");
    let router = installations.clone().routes::<()>();
    fake.install(&router, 42, 7).await;
    installations.client("42", "7").await.expect("client")
}

#[tokio::test]
async fn an_installation_is_cached_by_its_company_id_and_its_scopes_apply() {
    let fake = FakePipedrive::start_with(FakeApp::default().scopes([Scope::DealsRead])).await;
    let (_, _, deal) = company(&fake, 42, "Net 30", 10.0);
    let api = installed(&fake).await;
    let fields = FieldCache::new();
    let read: Invoice = fields.get(&api, deal).await.expect("read");
    assert_eq!(read.terms.as_deref(), Some("Net 30"));
    fields.invalidate("42", FieldEntity::Deal);
    fields.get::<Invoice>(&api, deal).await.expect("read");
    assert_eq!(
        field_calls(&fake, 42, "dealFields"),
        2,
        "invalidated by company id"
    );

    // Persons' fields need a contacts scope the installation lacks: refused before sending.
    #[derive(CustomFields, Debug)]
    #[custom_fields(entity = "person")]
    struct Birthday {
        #[custom_field(code = "birthday")]
        _birthday: Option<chrono::NaiveDate>,
    }
    let refused = fields
        .resolve::<Birthday>(&api)
        .await
        .expect_err("no scope");
    assert!(
        matches!(&refused, FieldsError::Api(ApiError::MissingScope { call, .. }) if call == "GET /api/v2/personFields"),
        "{refused:?}"
    );
    assert_eq!(field_calls(&fake, 42, "personFields"), 0);
}

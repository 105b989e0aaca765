//! The typed response check (`PanelResponse::to_checked_json`, one pass while serializing) and the schema check
//! (`DataStructure::check_response` on a `serde_json::Value`) report the same problems, in the same order, and
//! the typed path writes the same bytes as `serde_json::to_vec`.
//!
//! Generated responses of derived panel types cover every field type, strings of random length (empty, around
//! and over the truncation limits, multi-byte), valid and invalid date/time/date-time strings where a type
//! allows them, `None`/`Some`, and 0..=12 objects; hand-written `Serialize` impls that are off shape (a required
//! key skipped, a `NaN` amount, an unknown key) exercise the fallback to the schema path.
//!
//! In the suite: `PROPTEST_CASES` (default 64). A long run:
//! `PROPTEST_CASES=100000 cargo test --release --test integration prop_typed_check::`.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};
use pdx::JsonPanel;
use pdx::panel::{
    Address, Currency, Email, JsonPanel as _, Label, LabelColor, Link, Markdown, PanelError,
    PanelResponse, Phone, Tags, Time,
};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde::Serialize;

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64);
    Config {
        cases,
        ..Config::default()
    }
}

/// Every field type, from Rust types and from attributes; optional and required.
#[derive(Debug, Clone, Serialize, JsonPanel)]
#[panel(list)]
struct Row {
    #[panel(header)]
    title: String,
    id: u64,
    weight: Option<f64>,
    note: String,
    rich: Option<Markdown>,
    #[panel(type = "date")]
    due_text: String,
    due: Option<NaiveDate>,
    #[panel(type = "time")]
    pickup_text: Option<String>,
    pickup: Time,
    #[panel(type = "date-time")]
    created_text: String,
    created: Option<DateTime<FixedOffset>>,
    contact: Option<Email>,
    #[panel(link)]
    shop: String,
    tracking: Option<Link>,
    phone: Phone,
    address: Option<Address>,
    total: Currency,
    status: Label,
    extra: Option<Label>,
    tags: Tags,
}

/// A single-object panel.
#[derive(Debug, Clone, Serialize, JsonPanel)]
struct Summary {
    note: Option<String>,
    #[panel(type = "date")]
    since: String,
    status: Label,
    count: i32,
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[a-zA-Z ]{0,20}",
        "[a-z]{250,260}",
        "\\PC{0,300}",
        "[ä€😀]{38,42}",
    ]
}

fn label_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("In progress".to_owned()),
        Just("In Progress".to_owned()),
        Just("IN PROGRESS".to_owned()),
        "[A-Za-z ]{0,50}",
        "\\PC{0,45}",
    ]
}

fn color() -> impl Strategy<Value = LabelColor> {
    prop::sample::select(LabelColor::ALL.to_vec())
}

fn label() -> impl Strategy<Value = Label> {
    (color(), label_text()).prop_map(|(c, t)| Label::new(c, t))
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1900i32..2100, 1u32..=366)
        .prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d.min(365)).unwrap_or(NaiveDate::MIN))
}

fn time() -> impl Strategy<Value = Time> {
    (0u32..86_400, -12i32..=14).prop_map(|(s, h)| {
        let t = NaiveTime::from_num_seconds_from_midnight_opt(s, 0).unwrap_or(NaiveTime::MIN);
        let o = FixedOffset::east_opt(h * 3600)
            .unwrap_or(FixedOffset::east_opt(0).unwrap_or_else(|| unreachable!()));
        Time::new(t, o)
    })
}

fn date_time() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..4_000_000_000, -12i32..=14).prop_map(|(s, h)| {
        let utc = Utc.timestamp_opt(s, 0).single().unwrap_or_default();
        let offset = FixedOffset::east_opt(h * 3600).unwrap_or_else(|| unreachable!());
        utc.with_timezone(&offset)
    })
}

/// A string that is sometimes a valid `YYYY-MM-DD`, `hh:mm:ss±hh:mm` or RFC 3339 value and sometimes not.
fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        date().prop_map(|d| d.to_string()),
        "[0-9]{4}-[0-9]{2}-[0-9]{2}",
        "[0-9:T+Z-]{0,12}",
    ]
}

fn time_text() -> impl Strategy<Value = String> {
    prop_oneof![
        time().prop_map(|t| t.to_string()),
        "[0-9]{2}:[0-9]{2}:[0-9]{2}([+-][0-9]{2}:[0-9]{2}|Z)?",
        "\\PC{0,10}",
    ]
}

fn date_time_text() -> impl Strategy<Value = String> {
    prop_oneof![
        date_time().prop_map(|d| d.to_rfc3339()),
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9](Z|\\+02:00)?",
        "\\PC{0,10}",
    ]
}

/// A URL: ordinary, or one that would run code in the user's browser (any case, control characters first, tabs
/// and newlines inside the scheme).
fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z:/.]{0,30}",
        "https://[a-z]{1,8}\\.example/[a-z?=:]{0,12}",
        "[\\x00-\\x20]{0,3}(j|J)a[\t\n]?va(s|S)cript:[a-z()]{0,8}",
        "[ \t]{0,2}(data|DATA|vbscript|VBScript):[a-z/,]{0,8}",
    ]
}

/// A markdown text, sometimes with links.
fn markdown() -> impl Strategy<Value = Markdown> {
    prop_oneof![
        text().prop_map(Markdown),
        (text(), url()).prop_map(|(t, u)| Markdown(format!("{t} [a](<{u}>) <{u}>"))),
    ]
}

fn link() -> impl Strategy<Value = Link> {
    (url(), any::<bool>(), prop::option::of(text())).prop_map(|(url, external, label)| Link {
        value: url,
        external,
        label,
    })
}

fn row() -> impl Strategy<Value = Row> {
    let a = (
        text(),
        any::<u64>(),
        prop::option::of(-1e12f64..1e12),
        text(),
        prop::option::of(markdown()),
        date_text(),
        prop::option::of(date()),
        prop::option::of(time_text()),
        time(),
        date_time_text(),
    );
    let b = (
        prop::option::of(date_time()),
        prop::option::of(text().prop_map(Email)),
        url(),
        prop::option::of(link()),
        text().prop_map(Phone),
        prop::option::of(text().prop_map(Address)),
        ("[A-Z]{0,4}", -1e9f64..1e9).prop_map(|(c, v)| Currency::new(c, v)),
        label(),
        prop::option::of(label()),
        prop::collection::vec(text(), 0..4).prop_map(Tags),
    );
    (a, b).prop_map(|(a, b)| Row {
        title: a.0,
        id: a.1,
        weight: a.2,
        note: a.3,
        rich: a.4,
        due_text: a.5,
        due: a.6,
        pickup_text: a.7,
        pickup: a.8,
        created_text: a.9,
        created: b.0,
        contact: b.1,
        shop: b.2,
        tracking: b.3,
        phone: b.4,
        address: b.5,
        total: b.6,
        status: b.7,
        extra: b.8,
        tags: b.9,
    })
}

fn with_links<T: pdx::panel::JsonPanel>(
    mut response: PanelResponse<T>,
    external: Option<(String, String)>,
    settings: Option<String>,
) -> PanelResponse<T> {
    if let Some((url, label)) = external {
        response = response.external_link(url, label);
    }
    if let Some(url) = settings {
        response = response.settings(url);
    }
    response
}

fn links() -> impl Strategy<Value = (Option<(String, String)>, Option<String>)> {
    (prop::option::of((url(), text())), prop::option::of(url()))
}

/// The typed path agrees with the schema path, and writes what `serde_json::to_vec` writes.
fn assert_agree<T: pdx::panel::JsonPanel>(
    response: &PanelResponse<T>,
) -> Result<(), TestCaseError> {
    let checked = response.to_checked_json();
    let plain = serde_json::to_vec(response).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&checked.bytes, &plain);
    let value = serde_json::to_value(response).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let schema = T::data_structure().check_response(&value);
    prop_assert_eq!(&checked.problems, &schema, "typed path vs schema path");
    prop_assert_eq!(&checked.problems, &response.check());
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn typed_and_schema_checks_agree_on_lists(
        rows in prop::collection::vec(row(), 0..=12),
        (external, settings) in links(),
    ) {
        let response = with_links(PanelResponse::objects(rows), external, settings);
        assert_agree(&response)?;
    }

    #[test]
    fn typed_and_schema_checks_agree_on_single_objects(
        note in prop::option::of(text()),
        since in date_text(),
        status in label(),
        count in any::<i32>(),
        nothing in any::<bool>(),
        (external, settings) in links(),
    ) {
        let response = if nothing {
            PanelResponse::<Summary>::nothing()
        } else {
            PanelResponse::object(Summary { note, since, status, count })
        };
        assert_agree(&with_links(response, external, settings))?;
    }

    #[test]
    fn typed_and_schema_checks_agree_off_shape(
        rows in prop::collection::vec((text(), prop::option::of(-1e6f64..1e6), 0u8..5), 0..=12),
    ) {
        let rows: Vec<OffShape> = rows.into_iter().map(|(title, amount, how)| OffShape { title, amount, how }).collect();
        assert_agree(&PanelResponse::objects(rows))?;
    }

    #[test]
    fn error_state_checks_agree(title in text(), subtitle in prop::option::of(text())) {
        let mut error = PanelError::new(title);
        if let Some(s) = subtitle {
            error = error.subtitle(s);
        }
        let checked = error.to_checked_json();
        prop_assert_eq!(&checked.bytes, &serde_json::to_vec(&error).unwrap_or_default());
        prop_assert_eq!(checked.problems, error.check());
    }
}

/// A hand-written panel type whose `Serialize` is sometimes off shape, for the fallback to the schema path.
#[derive(Debug, Clone)]
struct OffShape {
    title: String,
    amount: Option<f64>,
    /// 0: in shape; 1: the required header skipped; 2: a `NaN` amount; 3: an undeclared key; 4: in shape, with a
    /// map key longer than the typed check keeps on the stack.
    how: u8,
}

/// A declared key of more than 64 bytes.
const LONG_KEY: &str = "a_very_long_field_key_that_is_longer_than_sixty_four_bytes_on_the_stack";

impl Serialize for OffShape {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        if self.how != 1 {
            map.serialize_entry("title", &self.title)?;
        }
        let amount = match self.how {
            2 => Some(Currency::new("EUR", f64::NAN)),
            _ => self.amount.map(|v| Currency::new("EUR", v)),
        };
        map.serialize_entry("amount", &amount)?;
        if self.how == 3 {
            map.serialize_entry("surprise", &1)?;
        }
        if self.how == 4 {
            map.serialize_entry(LONG_KEY, &self.title.repeat(20))?;
        }
        map.end()
    }
}

impl pdx::panel::JsonPanel for OffShape {
    type Objects = pdx::panel::MultipleObjects;

    fn data_structure() -> &'static pdx::panel::DataStructure {
        static S: std::sync::OnceLock<pdx::panel::DataStructure> = std::sync::OnceLock::new();
        S.get_or_init(|| {
            pdx::panel::DataStructure::from_fields(
                pdx::panel::PanelKind::Multiple,
                &[
                    pdx::panel::StructureField {
                        key: "title",
                        field_type: pdx::panel::FieldType::Header,
                        label: None,
                        required: true,
                    },
                    pdx::panel::StructureField {
                        key: "amount",
                        field_type: pdx::panel::FieldType::Currency,
                        label: None,
                        required: false,
                    },
                    pdx::panel::StructureField {
                        key: LONG_KEY,
                        field_type: pdx::panel::FieldType::Text,
                        label: None,
                        required: false,
                    },
                ],
            )
        })
    }
}

#[test]
fn the_typed_path_reports_real_problems() {
    let mut row = Summary {
        note: Some("x".repeat(300)),
        since: "2023-02-29".into(),
        status: Label::new(LabelColor::Red, "In Progress"),
        count: 1,
    };
    let checked = PanelResponse::object(row.clone())
        .external_link("https://example.com", "y".repeat(41))
        .to_checked_json();
    let found: Vec<(String, String)> = checked
        .problems
        .iter()
        .map(|p| (p.pointer.clone(), p.to_string()))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "/external_link/label".to_owned(),
                "/external_link/label: warning: 41 characters: Pipedrive shows the external link's label up to 40"
                    .to_owned()
            ),
            (
                "/data/note".to_owned(),
                "/data/note: warning: 300 characters: Pipedrive truncates text after 255".to_owned()
            ),
            (
                "/data/since".to_owned(),
                "/data/since: `2023-02-29` is not a real date written `YYYY-MM-DD` (a `date` field)".to_owned()
            ),
            (
                "/data/status/label".to_owned(),
                "/data/status/label: warning: `In Progress` is not in sentence case, which Pipedrive recommends \
                 for labels (e.g. `In progress`; https://pipedrive.readme.io/docs/app-extensions-json-panels)"
                    .to_owned()
            ),
        ]
    );
    row.since = "2024-02-29".into();
    row.note = None;
    row.status = Label::new(LabelColor::Red, "In progress");
    assert!(
        PanelResponse::object(row)
            .to_checked_json()
            .problems
            .is_empty()
    );
    let _ = Summary::data_structure();
}

/// Links that would run code in the user's browser are errors on the typed path too, at their pointers.
#[test]
fn the_typed_path_refuses_links_that_run_code() {
    #[derive(Serialize, JsonPanel)]
    struct Links {
        #[panel(link)]
        site: String,
        tracking: Link,
        note: Markdown,
    }
    let response = PanelResponse::object(Links {
        site: "\u{1} JavaScript:alert(1)".into(),
        tracking: Link::external("data:text/html,<script>alert(1)</script>"),
        note: Markdown::new("See [the order](vbscript:msgbox(1))."),
    })
    .external_link("java\tscript:alert(1)", "All")
    .settings("https://app.example.com/settings");
    let checked = response.to_checked_json();
    let found: Vec<(&str, bool)> = checked
        .problems
        .iter()
        .map(|p| (p.pointer.as_str(), p.is_error()))
        .collect();
    assert_eq!(
        found,
        [
            ("/external_link/url", true),
            ("/data/site", true),
            ("/data/tracking/value", true),
            ("/data/note/value", true)
        ]
    );
    let value = serde_json::to_value(&response).unwrap_or_default();
    assert_eq!(
        Links::data_structure().check_response(&value),
        checked.problems
    );
}

/// The smallest list panel.
#[derive(Debug, Clone, Serialize, JsonPanel)]
#[panel(list)]
struct Tiny {
    #[panel(header)]
    title: String,
    note: String,
}

/// A panel shows at most 10 objects: a typed response keeps the first 10 and says how many it left out, so the
/// body never carries more (a request never fails for it).
#[test]
fn more_objects_than_a_panel_shows_are_left_out() {
    let rows: Vec<Tiny> = (0..11)
        .map(|i| Tiny {
            title: format!("Order {i}"),
            note: if i == 3 {
                "n".repeat(256)
            } else {
                String::new()
            },
        })
        .collect();
    let response = PanelResponse::objects(rows);
    assert_eq!(response.left_out(), 1);
    let checked = response.to_checked_json();
    let found: Vec<String> = checked.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        ["/data/3/note: warning: 256 characters: Pipedrive truncates text after 255"]
    );
    let body: serde_json::Value = serde_json::from_slice(&checked.bytes).unwrap_or_default();
    let titles: Vec<&str> = body["data"]
        .as_array()
        .map(|objects| objects.iter().filter_map(|o| o["title"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(
        titles,
        (0..10).map(|i| format!("Order {i}")).collect::<Vec<_>>()
    );
    let ten: Vec<Tiny> = (0..10)
        .map(|i| Tiny {
            title: format!("Order {i}"),
            note: String::new(),
        })
        .collect();
    assert_eq!(PanelResponse::objects(ten).left_out(), 0);
}

//! Property tests of every parser and checker that takes outside input: the query string and its context
//! (`filter`, `selectedIds`, `form`...), the refetch form, JWT verification, the Basic header, submissions, and
//! the panel and modal checks on arbitrary JSON and on mutations of Pipedrive's own sample files.
//!
//! Each property asserts no panic (inputs are bounded, so no hang either) and something meaningful: a token not
//! signed with the secret is never accepted, a valid sample stays valid after a round trip, every problem's pointer
//! resolves in the checked document (or, for a missing key, names its parent)...
//!
//! In the suite: `PROPTEST_CASES` (default 64). A long run:
//! `PROPTEST_CASES=100000 cargo test --release --test integration prop_parsers::`.

use base64::Engine as _;
use pdx::JsonModal;
use pdx::auth::{BasicCredentials, JwtSecret, verify_token};
use pdx::context::{QueryParams, RequestContext};
use pdx::modal::{
    ChoiceValue, JsonModal as _, ModalForm, check_response, check_schema, normalize_submission,
    parse_submission,
};
use pdx::panel::{DataStructure, check_data_structure, check_error_body};
use pdx::testing::Token;
use pdx::{Problem, Problems};
use proptest::prelude::*;
use proptest::test_runner::Config;
use serde::Deserialize;
use serde_json::{Map, Value, json};

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

fn sample(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/pipedrive-samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

// -------------------------------------------------------------------------------------------------------------
// Generators
// -------------------------------------------------------------------------------------------------------------

/// Keys that the checks know, mixed with random ones, so generated documents reach deep into the checks.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "type",
            "properties",
            "items",
            "required",
            "$ref",
            "label",
            "data",
            "blocks",
            "actions",
            "options",
            "value",
            "markdown",
            "external",
            "code",
            "color",
            "header",
            "title",
            "error",
            "success",
            "visibleOn",
            "placeholder",
            "handler",
            "url",
            "external_link",
            "settings",
            "subtitle",
            "action",
            "message",
        ])
        .prop_map(str::to_owned),
        "[a-z~/]{0,6}",
    ]
}

fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        prop::sample::select(vec![
            "object",
            "array",
            "#/definitions/text",
            "#/definitions/header",
            "#/definitions/date",
            "#/definitions/element-select",
            "#/definitions/element-input",
            "#/definitions/action-primary",
            "#/definitions/label",
            "green",
            "2024-02-29",
            "2023-02-29",
            "open-url",
            "request",
            "always",
        ])
        .prop_map(Value::from),
        "\\PC{0,20}".prop_map(Value::from),
    ]
}

/// Arbitrary JSON, at most 4 levels deep and ~64 nodes.
fn json_value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// One mutation of a document: a value replaced, a key removed, or a key added, somewhere in it.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, Value),
    Remove(usize),
    Insert(usize, String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), json_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        any::<usize>().prop_map(Mutation::Remove),
        (any::<usize>(), key(), json_value()).prop_map(|(i, k, v)| Mutation::Insert(i, k, v)),
    ]
}

/// The pointers of every node of `value`, in document order.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(v, pdx::problem::pointer_push(&at, k), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, pdx::problem::pointer_push(&at, i), out);
            }
        }
        _ => {}
    }
}

fn mutate(mut doc: Value, mutations: &[Mutation]) -> Value {
    for m in mutations {
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        let pick = |i: usize| all[i % all.len()].clone();
        match m {
            Mutation::Replace(i, v) => {
                if let Some(slot) = doc.pointer_mut(&pick(*i)) {
                    *slot = v.clone();
                }
            }
            Mutation::Remove(i) => {
                let at = pick(*i);
                if let Some((parent, last)) = at.rsplit_once('/') {
                    let last = last.replace("~1", "/").replace("~0", "~");
                    match doc.pointer_mut(parent) {
                        Some(Value::Object(map)) => {
                            map.shift_remove(&last);
                        }
                        Some(Value::Array(items)) => {
                            if let Ok(i) = last.parse::<usize>() {
                                items.remove(i);
                            }
                        }
                        _ => {}
                    }
                }
            }
            Mutation::Insert(i, k, v) => {
                if let Some(Value::Object(map)) = doc.pointer_mut(&pick(*i)) {
                    map.insert(k.clone(), v.clone());
                }
            }
        }
    }
    doc
}

/// Every problem points into `doc`, or (a missing key, an unknown key's summary) at a node whose parent is in it.
fn assert_pointers_resolve(doc: &Value, problems: &Problems) -> Result<(), TestCaseError> {
    for Problem { pointer, .. } in problems {
        if doc.pointer(pointer).is_some() {
            continue;
        }
        let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
        prop_assert!(
            doc.pointer(parent).is_some(),
            "pointer `{pointer}` resolves neither in the document nor by its parent\n{problems}"
        );
    }
    Ok(())
}

// -------------------------------------------------------------------------------------------------------------
// Query string, context, filter, form
// -------------------------------------------------------------------------------------------------------------

fn query_value() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,20}",
        "[0-9,]{0,30}",
        "\\PC{0,30}",
        json_value().prop_map(|v| v.to_string()),
        Just("true".to_owned()),
        Just("false".to_owned()),
    ]
}

fn query() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        prop::sample::select(vec![
            "resource",
            "view",
            "userId",
            "companyId",
            "selectedIds",
            "excludedIds",
            "filter",
            "isShared",
            "form",
            "invoker",
            "id",
            "token",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z%]{0,8}",
    ];
    prop::collection::vec((name, query_value(), any::<bool>()), 0..10).prop_map(|params| {
        params
            .into_iter()
            .map(|(n, v, encode)| {
                if encode {
                    form_urlencoded::Serializer::new(String::new())
                        .append_pair(&n, &v)
                        .finish()
                } else {
                    format!("{n}={v}")
                }
            })
            .collect::<Vec<_>>()
            .join("&")
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn query_and_context_parsing_never_panics(q in query()) {
        let parsed = QueryParams::parse(&q);
        let context = RequestContext::from_query(&q);
        if let Ok(context) = context {
            prop_assert!(parsed.is_ok());
            // A parsed filter is an object; ids are what was sent.
            let _ = context.selection();
            if let Some(params) = parsed.ok()
                && let Some(ids) = params.get("selectedIds")
                && !ids.trim().is_empty()
            {
                prop_assert_eq!(context.selected_ids.len(), ids.split(',').count());
            }
        }
    }

    #[test]
    fn a_filter_is_a_json_object_or_a_named_error(filter in json_value()) {
        let q = form_urlencoded::Serializer::new(String::new())
            .append_pair("filter", &filter.to_string())
            .finish();
        match RequestContext::from_query(&q) {
            Ok(context) => match &filter {
                Value::Object(map) => {
                    prop_assert_eq!(context.filter.as_ref(), Some(map));
                }
                _ => prop_assert!(false, "a filter that is not an object was accepted: {filter}"),
            },
            Err(e) => {
                prop_assert!(!filter.is_object(), "{e}");
                prop_assert!(e.to_string().contains("filter"), "{e}");
            }
        }
    }

    #[test]
    fn refetch_forms_parse_or_fail_cleanly(form in json_value(), raw in "\\PC{0,40}") {
        match ModalForm::parse(&form.to_string()) {
            Ok(parsed) => {
                prop_assert!(form.is_object());
                // Every key of the form is kept.
                prop_assert_eq!(parsed.values().len(), form.as_object().map_or(0, Map::len));
            }
            Err(_) => prop_assert!(!form.is_object()),
        }
        let _ = ModalForm::parse(&raw);
    }
}

// -------------------------------------------------------------------------------------------------------------
// JWT and Basic
// -------------------------------------------------------------------------------------------------------------

fn id() -> impl Strategy<Value = String> {
    prop_oneof!["[0-9]{1,12}", "\\PC{0,8}"]
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn tokens_verify_only_with_their_secret(
        secret in "[ -~]{1,40}",
        other in "[ -~]{1,40}",
        user in id(),
        company in id(),
        extra in prop::collection::vec((key(), scalar()), 0..4),
    ) {
        let mut token = Token::new(secret.clone());
        for (k, v) in extra {
            if !matches!(k.as_str(), "exp" | "nbf" | "iat" | "userId" | "companyId") {
                token = token.claim(&k, v);
            }
        }
        let signed = token.sign(Some(&user), Some(&company));
        let ok = verify_token(&signed, &JwtSecret::new(secret.clone()), Some(&user), Some(&company));
        prop_assert!(ok.is_ok(), "{ok:?}");
        if other != secret {
            prop_assert!(verify_token(&signed, &JwtSecret::new(other), Some(&user), Some(&company)).is_err());
        }
        // Claims must match the query.
        let wrong_user = format!("{user}0");
        prop_assert!(verify_token(&signed, &JwtSecret::new(secret), Some(&wrong_user), Some(&company)).is_err());
    }

    #[test]
    fn a_changed_header_or_payload_is_never_accepted(
        secret in "[ -~]{1,40}",
        at in any::<usize>(),
        with in prop::sample::select(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=".to_vec()),
    ) {
        let signed = Token::new(secret.clone()).sign(Some("1"), Some("2"));
        let signed_part = signed.rfind('.').unwrap_or(0);
        let mut bytes = signed.into_bytes();
        let i = at % signed_part.max(1);
        prop_assume!(bytes[i] != with);
        bytes[i] = with;
        let changed = String::from_utf8(bytes).unwrap_or_default();
        prop_assert!(verify_token(&changed, &JwtSecret::new(secret), Some("1"), Some("2")).is_err());
    }

    #[test]
    fn arbitrary_tokens_are_refused_without_panic(
        token in prop_oneof![
            "\\PC{0,80}",
            "[A-Za-z0-9_-]{0,40}\\.[A-Za-z0-9_-]{0,60}\\.[A-Za-z0-9_-]{0,43}",
            (json_value(), json_value()).prop_map(|(h, c)| {
                let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
                format!("{}.{}.{}", b64(&h), b64(&c), b64(&json!("sig")))
            }),
        ],
        secret in "[ -~]{0,20}",
    ) {
        prop_assert!(verify_token(&token, &JwtSecret::new(secret), Some("1"), Some("2")).is_err());
    }

    #[test]
    fn basic_headers_pass_only_with_the_credentials(
        user in "[ -~]{0,12}",
        password in "[ -~]{0,12}",
        sent_user in "[ -~]{0,12}",
        sent_password in "[ -~]{0,12}",
        raw in "[ -~]{0,60}",
    ) {
        let credentials = BasicCredentials::new(user.clone(), password.clone());
        let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{sent_user}:{sent_password}"));
        let result = credentials.check(Some(&format!("Basic {encoded}")));
        // The username holds no colon in a Basic header: the first colon splits.
        let same = format!("{sent_user}:{sent_password}") == format!("{user}:{password}")
            && !user.contains(':');
        if same {
            prop_assert!(result.is_ok(), "{result:?}");
        } else if !(user.contains(':') || sent_user.contains(':')) {
            prop_assert!(result.is_err());
        }
        prop_assert!(credentials.check(Some(&credentials.header_value())).is_ok() || user.contains(':'));
        let _ = credentials.check(Some(&raw));
    }
}

// -------------------------------------------------------------------------------------------------------------
// Submissions
// -------------------------------------------------------------------------------------------------------------

/// A modal with every kind of submitted value.
#[derive(Debug, Deserialize, JsonModal)]
#[modal(primary(key = "save", label = "Save"))]
#[allow(dead_code)]
struct Everything {
    #[modal(label = "Title")]
    title: String,
    #[modal(label = "Count")]
    count: Option<i64>,
    #[modal(label = "Due")]
    due: Option<chrono::NaiveDate>,
    #[modal(label = "Project", placeholder = "Pick one")]
    project: Option<ChoiceValue>,
    #[modal(textarea, label = "Notes")]
    notes: Option<String>,
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn submissions_parse_or_name_the_field(
        body in prop_oneof![
            json_value(),
            prop::collection::vec(
                (prop::sample::select(vec!["title", "count", "due", "project", "notes", "other"]), scalar()),
                0..6,
            )
            .prop_map(|e| Value::Object(e.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ],
    ) {
        let normalized = normalize_submission(Everything::schema(), &body);
        match parse_submission::<Everything>(&body) {
            Ok(parsed) => {
                prop_assert!(normalized.is_ok());
                prop_assert!(body.get("title").is_some_and(|t| !t.is_null()), "{parsed:?}");
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        if let Ok(normalized) = normalized {
            let keys = ["title", "count", "due", "project", "notes"];
            prop_assert!(normalized.keys().all(|k| keys.contains(&k.as_str())), "{normalized:?}");
        }
    }
}

// -------------------------------------------------------------------------------------------------------------
// Panel and modal checks on arbitrary JSON and on mutated samples
// -------------------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn panel_checks_on_arbitrary_json(doc in json_value(), response in json_value()) {
        let problems = check_data_structure(&doc);
        assert_pointers_resolve(&doc, &problems)?;
        let error = check_error_body(&response);
        assert_pointers_resolve(&response, &error)?;
        if let Ok(structure) = DataStructure::from_value(doc) {
            let problems = structure.check_response(&response);
            assert_pointers_resolve(&response, &problems)?;
        }
    }

    #[test]
    fn panel_checks_on_mutated_samples(
        which in 0usize..3,
        mutations in prop::collection::vec(mutation(), 1..4),
        response in json_value(),
    ) {
        let name = ["app-panel-single-object.json", "app-panel-multiple-object.json", "app-panel-developer-hub.json"][which];
        let original = sample(name);
        let doc = mutate(original.clone(), &mutations);
        let problems = check_data_structure(&doc);
        assert_pointers_resolve(&doc, &problems)?;
        if let Ok(structure) = DataStructure::from_value(doc) {
            // What pdx writes back is valid and reads back the same.
            let again = DataStructure::from_value(structure.to_value().clone());
            prop_assert!(again.is_ok(), "{:?}", again.err());
            let problems = structure.check_response(&response);
            assert_pointers_resolve(&response, &problems)?;
        }
    }

    #[test]
    fn modal_checks_on_arbitrary_json(doc in json_value(), response in json_value()) {
        let problems = check_schema(&doc);
        assert_pointers_resolve(&doc, &problems)?;
        let _ = check_response(&doc, &response);
    }

    #[test]
    fn modal_checks_on_mutated_samples(
        which in 0usize..2,
        mutations in prop::collection::vec(mutation(), 1..4),
        response in json_value(),
    ) {
        let name = ["json-modal.json", "todo-modal.json"][which];
        let doc = mutate(sample(name), &mutations);
        let problems = check_schema(&doc);
        assert_pointers_resolve(&doc, &problems)?;
        let wrapped = json!({ "data": { "blocks": response } });
        let _ = check_response(&doc, &wrapped);
    }
}

#[test]
fn samples_stay_valid_after_a_round_trip() {
    for name in [
        "app-panel-single-object.json",
        "app-panel-multiple-object.json",
        "app-panel-developer-hub.json",
    ] {
        let doc = sample(name);
        let text = serde_json::to_string(&doc).unwrap_or_default();
        let again: Value = serde_json::from_str(&text).unwrap_or_default();
        assert!(
            check_data_structure(&again).is_valid(),
            "{name}: {}",
            check_data_structure(&again)
        );
        let structure = DataStructure::from_value(again).unwrap_or_else(|p| panic!("{name}: {p}"));
        assert!(
            check_data_structure(structure.to_value()).is_valid(),
            "{name}"
        );
    }
    for name in ["json-modal.json", "todo-modal.json"] {
        let doc = sample(name);
        let text = serde_json::to_string_pretty(&doc).unwrap_or_default();
        let again: Value = serde_json::from_str(&text).unwrap_or_default();
        assert!(
            check_schema(&again).is_empty(),
            "{name}: {}",
            check_schema(&again)
        );
    }
}

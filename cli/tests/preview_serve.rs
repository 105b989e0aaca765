//! `pdx preview serve` over the wire, without a browser: it answers only its own page at its own address (a page
//! whose DNS name was rebound to 127.0.0.1, or any other site, cannot make it call the app or read a signed URL),
//! it sends no CORS headers, and it reads every manifest pdx's export writes.

mod support;

use axum::Json;
use axum::extract::State;
use axum::routing::get;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use support::{Answer, Serve, http, sample};

fn count(calls: &AtomicUsize) {
    calls.fetch_add(1, Ordering::SeqCst);
}

/// An app that answers every panel and modal request and counts them: no count, no call reached it.
fn start_app(calls: Arc<AtomicUsize>) -> String {
    support::start_app(
        axum::Router::new()
            .route(
                "/panel",
                get(|State(c): State<Arc<AtomicUsize>>| async move {
                    count(&c);
                    Json(json!({"data": []}))
                }),
            )
            .route(
                "/modal",
                get(|State(c): State<Arc<AtomicUsize>>| async move {
                    count(&c);
                    Json(json!({"data": {}}))
                })
                .post(|State(c): State<Arc<AtomicUsize>>| async move {
                    count(&c);
                    Json(json!({"success": {"message": "Ordered", "type": "snackbar"}}))
                }),
            )
            .with_state(calls),
    )
}

/// A fresh directory for one test's files.
fn dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("preview-serve-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    dir
}

/// A manifest with a panel (extension 0) and a modal (extension 1), Pipedrive's own sample files.
fn manifest(dir: &Path) -> PathBuf {
    for (from, to) in [
        ("app-panel-single-object.json", "panel.json"),
        ("json-modal.json", "modal.json"),
    ] {
        std::fs::copy(sample(from), dir.join(to)).expect("copy a sample");
    }
    let manifest = json!({"extensions": [
        {"kind": "json_panel", "name": "Deliveries", "path": "/panel", "file": "panel.json", "locations": ["deal_details"]},
        {"kind": "json_modal", "name": "Order a cake", "path": "/modal", "file": "modal.json", "locations": ["deal_details"]}
    ]});
    let path = dir.join("manifest.json");
    std::fs::write(&path, manifest.to_string()).expect("write");
    path
}

struct Running {
    calls: Arc<AtomicUsize>,
    serve: Serve,
}

fn running(name: &str) -> Running {
    let calls = Arc::new(AtomicUsize::new(0));
    let app = start_app(calls.clone());
    let manifest = manifest(&dir(name));
    let serve = Serve::start([
        "--app",
        &app,
        "--secret",
        "s3cret-never-shown",
        "--manifest",
        &manifest.display().to_string(),
    ]);
    Running { calls, serve }
}

/// The page, a signed call (the panel's GET) and a submit (the modal's POST): method, target, body.
const REQUESTS: [(&str, &str, &str); 3] = [
    ("GET", "/", ""),
    ("GET", "/api/0/panel", ""),
    (
        "POST",
        "/api/1/modal/submit",
        r#"{"form": {"block_key_cake_size": "3"}}"#,
    ),
];

/// No answer lets another site read it: no CORS header, no framing, no cross-origin embedding, no caching.
fn assert_closed_to_other_sites(a: &Answer) {
    let cors: Vec<&(String, String)> = a
        .headers
        .iter()
        .filter(|(k, _)| k.starts_with("access-control-"))
        .collect();
    assert!(cors.is_empty(), "CORS headers: {cors:?}");
    assert_eq!(a.header("x-frame-options"), Some("DENY"), "{a:?}");
    assert_eq!(
        a.header("content-security-policy"),
        Some("frame-ancestors 'none'")
    );
    assert_eq!(
        a.header("cross-origin-resource-policy"),
        Some("same-origin")
    );
    assert_eq!(a.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(a.header("cache-control"), Some("no-store"));
}

/// A refusal: its status, a plain message, nothing of the page or the app.
fn assert_refused(a: &Answer, status: u16, says: &str) {
    assert_eq!(a.status, status, "{a:?}");
    assert_eq!(a.header("content-type"), Some("text/plain; charset=utf-8"));
    assert!(a.body.contains(says), "{a:?}");
    assert!(
        !a.body.contains("token=") && !a.body.contains("<script") && !a.body.contains("s3cret"),
        "{a:?}"
    );
    assert_closed_to_other_sites(a);
}

#[test]
fn a_forged_host_is_refused_on_the_page_a_signed_call_and_a_submit() {
    let r = running("host");
    let (authority, port) = (r.serve.authority(), r.serve.port());
    let served = format!("answers only requests for http://127.0.0.1:{port}/");
    let evil = format!("evil.example:{port}");
    for (method, target, body) in REQUESTS {
        let a = http(authority, method, target, &[("host", &evil)], body);
        assert_refused(&a, 421, &served);
        // The request target's own authority is checked too.
        let absolute = format!("http://{evil}{target}");
        let a = http(authority, method, &absolute, &[("host", authority)], body);
        assert_refused(&a, 421, &served);
    }
    assert_eq!(r.calls.load(Ordering::SeqCst), 0, "nothing reached the app");

    // The same requests for the served address are answered: the panel's signed URL, the submit's snackbar.
    let origin = format!("http://{authority}");
    for host in [authority.to_owned(), format!("localhost:{port}")] {
        let page = http(authority, "GET", "/", &[("host", &host)], "");
        assert_eq!(page.status, 200, "{host}: {page:?}");
        assert!(page.body.contains("id=\"pdx-preview-data\""));
        assert_closed_to_other_sites(&page);
    }
    let panel = http(
        authority,
        "GET",
        "/api/0/panel",
        &[("host", authority), ("sec-fetch-site", "same-origin")],
        "",
    );
    assert_eq!(panel.status, 200, "{panel:?}");
    let exchange: Value = serde_json::from_str(&panel.body).expect("JSON");
    assert!(
        exchange["request"]["url"]
            .as_str()
            .is_some_and(|u| u.contains("/panel?") && u.contains("token=")),
        "{exchange:#}"
    );
    assert_closed_to_other_sites(&panel);
    let (method, target, body) = REQUESTS[2];
    let submit = http(
        authority,
        method,
        target,
        &[("host", authority), ("origin", &origin)],
        body,
    );
    assert_eq!(submit.status, 200, "{submit:?}");
    assert!(submit.body.contains("Ordered"), "{submit:?}");
    assert_eq!(
        r.calls.load(Ordering::SeqCst),
        2,
        "the panel and the submit"
    );
}

#[test]
fn a_foreign_origin_is_refused_on_the_page_a_signed_call_and_a_submit() {
    let r = running("origin");
    let authority = r.serve.authority();
    let host = ("host", authority);
    for (method, target, body) in REQUESTS {
        for origin in ["https://evil.example", "null", "http://127.0.0.1:1"] {
            let a = http(authority, method, target, &[host, ("origin", origin)], body);
            assert_refused(&a, 403, "sent by another site");
        }
    }
    // A page of another site that sends no Origin (an <img>, a <form> in some browsers) is known by
    // Sec-Fetch-Site: refused, except a link that opens the page itself.
    for site in ["cross-site", "same-site"] {
        for (method, target, body) in &REQUESTS[1..] {
            let a = http(
                authority,
                method,
                target,
                &[host, ("sec-fetch-site", site)],
                body,
            );
            assert_refused(&a, 403, "sent by another site");
        }
        let page = http(authority, "GET", "/", &[host, ("sec-fetch-site", site)], "");
        assert_eq!(page.status, 200, "{site}: {page:?}");
    }
    // A CORS preflight gets no permission either.
    let preflight = http(
        authority,
        "OPTIONS",
        "/api/1/modal/submit",
        &[
            host,
            ("origin", "https://evil.example"),
            ("access-control-request-method", "POST"),
            ("access-control-request-headers", "content-type"),
        ],
        "",
    );
    assert_refused(&preflight, 403, "sent by another site");
    assert_eq!(r.calls.load(Ordering::SeqCst), 0, "nothing reached the app");

    let (method, target, body) = REQUESTS[2];
    let origin = format!("http://{authority}");
    let submit = http(
        authority,
        method,
        target,
        &[host, ("origin", &origin), ("sec-fetch-site", "same-origin")],
        body,
    );
    assert_eq!(submit.status, 200, "{submit:?}");
    assert_eq!(r.calls.load(Ordering::SeqCst), 1, "the page's own submit");
}

/// The data the page draws, embedded in it.
fn page_data(page: &str) -> Value {
    let start = page
        .find("id=\"pdx-preview-data\">")
        .map(|i| i + "id=\"pdx-preview-data\">".len())
        .expect("the page data");
    let end = page[start..].find("</script>").expect("its end") + start;
    serde_json::from_str(&page[start..end]).expect("JSON")
}

#[test]
fn the_demo_export_is_served_with_its_oauth_routes_noted() {
    let manifest = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/demo-export/manifest.json"
    );
    let serve = Serve::start([
        "--app",
        "http://127.0.0.1:9",
        "--secret",
        "demo-client-secret-change-me",
        "--manifest",
        manifest,
    ]);
    let authority = serve.authority();
    let page = http(authority, "GET", "/", &[("host", authority)], "");
    assert_eq!(page.status, 200, "{page:?}");
    let data = page_data(&page.body);
    let drawn: Vec<(&Value, &Value)> = data["extensions"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (&e["kind"], &e["name"]))
        .collect();
    assert_eq!(
        drawn,
        [
            (&json!("json_panel"), &json!("Invoices")),
            (&json!("json_modal"), &json!("Create invoice"))
        ]
    );
    let skipped: Vec<&Value> = data["skipped"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|s| &s["kind"])
        .collect();
    assert_eq!(
        skipped,
        [
            &json!("link_action"),
            &json!("oauth_install"),
            &json!("oauth_callback"),
            &json!("webhook")
        ]
    );
    assert!(
        data["extensions"][0]["problems"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
}

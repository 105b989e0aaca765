//! `pdx preview serve`: a local page that calls a running app exactly as Pipedrive would (signed query, JSON
//! body) and draws each answer. The browser talks only to this server; it signs and forwards to the app.

mod guard;
mod manifest;

use super::{Unusable, page, problems_json};
use axum::Json;
use axum::extract::{Path as UrlPath, State};
use axum::response::Html;
use axum::routing::{get, post};
use clap::{Arg, ArgMatches, Command, value_parser};
use guard::Served;
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use manifest::{Extension, JSON_MODAL, JSON_PANEL, Manifest};
use pdx::auth::{DEFAULT_TOKEN_LIFETIME, signed_url};
use pdx::modal;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Pipedrive gives an app this long to answer before it shows an error.
const APP_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest answer read from the app.
const MAX_BODY: usize = 1024 * 1024;

pub(super) fn command() -> Command {
    Command::new("serve")
        .about("Serve a page that calls a running app as Pipedrive would and draws each panel and modal live")
        .arg(
            Arg::new("app")
                .long("app")
                .value_name("URL")
                .required(true)
                .help("The running app's base URL (loopback http), e.g. http://127.0.0.1:3000"),
        )
        .arg(
            Arg::new("secret")
                .long("secret")
                .value_name("SECRET")
                .required(true)
                .help("The JWT secret the requests are signed with (the extension's, or the app's client secret)"),
        )
        .arg(
            Arg::new("manifest")
                .long("manifest")
                .value_name("DIR/manifest.json")
                .required(true)
                .value_parser(value_parser!(PathBuf))
                .help("The manifest your app's export writes; each extension's file is read beside it"),
        )
        .arg(
            Arg::new("extension-secret")
                .long("extension-secret")
                .value_name("NAME=SECRET")
                .action(clap::ArgAction::Append)
                .help("The JWT secret of one extension (by its manifest name) when it has its own; repeat for more"),
        )
        .arg(
            Arg::new("basic")
                .long("basic")
                .value_name("USER:PASSWORD")
                .help("HTTP Basic credentials Pipedrive sends with panel requests, when set in Developer Hub"),
        )
        .arg(id_arg("user", "USER_ID", "1", "Pipedrive user id (`userId`)"))
        .arg(id_arg("company", "COMPANY_ID", "2", "Pipedrive company id (`companyId`)"))
        .arg(id_arg("selected", "ID", "1", "The id of the deal, person or organization viewed (`selectedIds`)"))
        .arg(
            Arg::new("port")
                .long("port")
                .value_name("PORT")
                .value_parser(value_parser!(u16))
                .default_value("0")
                .help(
                    "Port on 127.0.0.1 to serve on (0: any free port; the address is printed, and only requests \
                     for it are answered)",
                ),
        )
}

fn id_arg(
    name: &'static str,
    value: &'static str,
    default: &'static str,
    help: &'static str,
) -> Arg {
    Arg::new(name)
        .long(name)
        .value_name(value)
        .value_parser(value_parser!(u64))
        .default_value(default)
        .help(help)
}

struct Live {
    app: String,
    secret: String,
    /// `Authorization` header value for panel requests (`--basic`).
    basic: Option<String>,
    user: String,
    company: String,
    selected: String,
    extensions: Vec<Extension>,
    page: String,
    client: Client<HttpConnector, Full<axum::body::Bytes>>,
}

pub(super) fn run(m: &ArgMatches) -> Result<(), Unusable> {
    let arg = |n: &str| m.get_one::<String>(n).cloned().unwrap_or_default();
    let id = |n: &str| m.get_one::<u64>(n).copied().unwrap_or(1).to_string();
    let app = arg("app").trim_end_matches('/').to_owned();
    if !app.starts_with("http://") {
        return Err(Unusable(format!(
            "--app {app:?}: expected a loopback http URL such as http://127.0.0.1:3000"
        )));
    }
    let manifest_path = m
        .get_one::<PathBuf>("manifest")
        .cloned()
        .unwrap_or_default();
    let mut manifest = Manifest::read(&manifest_path)?;
    for spec in m
        .get_many::<String>("extension-secret")
        .into_iter()
        .flatten()
    {
        set_extension_secret(&mut manifest, spec).map_err(|e| {
            Unusable(format!(
                "--extension-secret: {e} in {}",
                manifest_path.display()
            ))
        })?;
    }
    let basic = m.get_one::<String>("basic").map(|b| {
        use base64::Engine as _;
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(b)
        )
    });
    let port = m.get_one::<u16>("port").copied().unwrap_or(0);
    let live = Live {
        app,
        secret: arg("secret"),
        basic,
        user: id("user"),
        company: id("company"),
        selected: id("selected"),
        page: page::html("pdx preview: live", &manifest.page),
        extensions: manifest.extensions,
        client: Client::builder(TokioExecutor::new()).build_http(),
    };
    let runtime =
        tokio::runtime::Runtime::new().map_err(|e| Unusable(format!("cannot start: {e}")))?;
    runtime.block_on(serve(Arc::new(live), port))
}

/// `NAME=SECRET`: the extension named NAME is signed with SECRET. An entry the preview does not call may be named
/// (its secret is then unused); a name the manifest does not hold is refused.
fn set_extension_secret(manifest: &mut Manifest, spec: &str) -> Result<(), String> {
    let Some((name, secret)) = spec.split_once('=') else {
        return Err(format!(
            "expected NAME=SECRET, for {:?}",
            spec.split('=').next().unwrap_or("")
        ));
    };
    if !manifest.names.iter().any(|n| n == name) {
        return Err(format!("no extension named {name:?}"));
    }
    for ext in manifest.extensions.iter_mut().filter(|e| e.name == name) {
        ext.secret = Some(secret.to_owned());
    }
    Ok(())
}

async fn serve(live: Arc<Live>, port: u16) -> Result<(), Unusable> {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| Unusable(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
    let addr = listener.local_addr().map_err(|e| Unusable(e.to_string()))?;
    let served = Arc::new(Served::new(addr));
    println!("pdx preview: serving {} (calls {})", served.url(), live.app);
    let router = axum::Router::new()
        .route(
            "/",
            get(|State(l): State<Arc<Live>>| async move { Html(l.page.clone()) }),
        )
        .route("/api/{index}/panel", get(panel_request))
        .route("/api/{index}/modal/{step}", post(modal_request))
        .with_state(live)
        .layer(axum::middleware::from_fn_with_state(served, guard::guard));
    axum::serve(listener, router)
        .await
        .map_err(|e| Unusable(format!("server stopped: {e}")))
}

impl Live {
    /// The extension's URL with Pipedrive's query, signed: `extra` adds `form` and `invoker` to a refetch.
    fn url(&self, ext: &Extension, extra: &[(&str, String)]) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("resource", &ext.resource);
        query.append_pair("view", &ext.view);
        query.append_pair("selectedIds", &self.selected);
        if ext.kind == JSON_PANEL {
            query.append_pair("isShared", "false");
        }
        for (k, v) in extra {
            query.append_pair(k, v);
        }
        let base = format!("{}{}?{}", self.app, ext.path, query.finish());
        // An extension with its own JWT secret is signed with it, as Pipedrive does.
        let secret = ext.secret.as_deref().unwrap_or(&self.secret);
        signed_url(
            &base,
            secret,
            &self.user,
            &self.company,
            Some(DEFAULT_TOKEN_LIFETIME),
        )
    }

    /// Sends one request to the app; the exchange as the page shows it (`status`, `body`, or `failure`).
    async fn exchange(
        &self,
        ext: &Extension,
        method: &str,
        url: String,
        body: Option<Value>,
    ) -> Value {
        let request = json!({"method": method, "url": url, "body": body});
        let mut builder = axum::http::Request::builder().method(method).uri(&url);
        if let (Some(basic), JSON_PANEL) = (&self.basic, ext.kind) {
            builder = builder.header("authorization", basic);
        }
        let payload = match &body {
            Some(b) => {
                builder = builder.header("content-type", "application/json");
                serde_json::to_vec(b).unwrap_or_default()
            }
            None => Vec::new(),
        };
        let req = match builder.body(Full::new(axum::body::Bytes::from(payload))) {
            Ok(r) => r,
            Err(e) => return json!({"request": request, "failure": format!("bad request: {e}")}),
        };
        let answer = tokio::time::timeout(APP_TIMEOUT, async {
            let res = self
                .client
                .request(req)
                .await
                .map_err(|e| format!("the app did not answer: {e}"))?;
            let status = res.status().as_u16();
            let bytes = Limited::new(res.into_body(), MAX_BODY)
                .collect()
                .await
                .map_err(|e| format!("cannot read the answer (at most {MAX_BODY} bytes): {e}"))?
                .to_bytes();
            let body = serde_json::from_slice::<Value>(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
            Ok::<_, String>((status, body))
        })
        .await;
        match answer {
            Ok(Ok((status, body))) => json!({"request": request, "status": status, "body": body}),
            Ok(Err(failure)) => json!({"request": request, "failure": failure}),
            Err(_) => {
                json!({"request": request, "failure": format!("no answer within {APP_TIMEOUT:?}: Pipedrive shows an error")})
            }
        }
    }
}

fn extension<'a>(live: &'a Live, index: usize, kind: &str) -> Result<&'a Extension, Json<Value>> {
    live.extensions
        .get(index)
        .filter(|e| e.kind == kind)
        .ok_or_else(|| {
            Json(json!({"failure": format!("no {kind} number {index} in the manifest")}))
        })
}

async fn panel_request(
    State(live): State<Arc<Live>>,
    UrlPath(index): UrlPath<usize>,
) -> Json<Value> {
    let ext = match extension(&live, index, JSON_PANEL) {
        Ok(e) => e,
        Err(e) => return e,
    };
    let mut ex = live.exchange(ext, "GET", live.url(ext, &[]), None).await;
    if let (Some(status), Some(body)) = (ex.get("status").and_then(Value::as_u64), ex.get("body")) {
        let status = u16::try_from(status).unwrap_or(500);
        let problems = super::panel::check_response(&ext.file, body, status);
        ex["problems"] = Value::from(problems_json("response", &problems));
    }
    Json(ex)
}

/// `load` (the first GET), `refetch` (GET with `form` and `invoker`) or `submit` (POST of the form).
async fn modal_request(
    State(live): State<Arc<Live>>,
    UrlPath((index, step)): UrlPath<(usize, String)>,
    Json(input): Json<Value>,
) -> Json<Value> {
    let ext = match extension(&live, index, JSON_MODAL) {
        Ok(e) => e,
        Err(e) => return e,
    };
    let form = input.get("form").cloned().unwrap_or_else(|| json!({}));
    let mut ex = match step.as_str() {
        "load" => live.exchange(ext, "GET", live.url(ext, &[]), None).await,
        "refetch" => {
            let invoker = input
                .get("invoker")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned();
            let extra = [("form", form.to_string()), ("invoker", invoker)];
            live.exchange(ext, "GET", live.url(ext, &extra), None).await
        }
        "submit" => {
            live.exchange(ext, "POST", live.url(ext, &[]), Some(form))
                .await
        }
        other => return Json(json!({"failure": format!("unknown modal step `{other}`")})),
    };
    if let Some(body) = ex.get("body").cloned() {
        ex["problems"] = Value::from(problems_json(
            "response",
            &modal::check_response(&ext.file, &body),
        ));
    }
    Json(ex)
}

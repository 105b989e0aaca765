//! Demo Invoices: a small Pipedrive app built with pdx (a JSON panel, a JSON modal, a link action).
//!
//! `cargo run --example demo` serves it on `PDX_ADDR` (default 127.0.0.1:3000) and prints a ready-to-curl signed
//! URL for each endpoint. `cargo run --example demo -- export DIR` writes the files to upload to Developer Hub.
//!
//! Environment: `PDX_CLIENT_ID` and `PDX_CLIENT_SECRET` (the app's OAuth client; demo defaults otherwise),
//! `PDX_DATABASE_URL` (token store: `sqlite://pdx-demo.db` in the working directory by default,
//! `sqlite:///absolute/path.db`, `postgres://...` with `--features postgres`, or `memory:`), `PDX_TOKEN_KEY` (32 bytes, base64: encrypts tokens at
//! rest; a public demo key with a warning otherwise), `PDX_OAUTH_URL` (default `https://oauth.pipedrive.com`),
//! `PDX_CALLBACK_URL`, `PDX_BASIC_USER` and `PDX_BASIC_PASSWORD` (panel HTTP Basic credentials, both or neither),
//! `PDX_PUBLIC_URL` (the https URL the app is reachable at). `RUST_LOG` sets what is logged (default `info`: every refused request with its reason,
//! every response that fails its check).

#[path = "demo/app.rs"]
mod app;

use app::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DemoConfig, Store};
use std::process::ExitCode;
use std::time::Duration;

/// Where the demo listens unless `PDX_ADDR` says otherwise.
const DEFAULT_ADDR: &str = "127.0.0.1:3000";
/// How long the printed signed URLs stay valid.
const PRINTED_URL_LIFETIME: Duration = Duration::from_secs(3600);

fn config_from_env() -> Result<DemoConfig, String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let mut config = DemoConfig::default();
    // The demo runs without an app registered in Developer Hub: its client id and secret have defaults.
    let lookup = |name: &str| {
        var(name).or_else(|| match name {
            "PDX_CLIENT_ID" => Some(DEMO_CLIENT_ID.to_owned()),
            "PDX_CLIENT_SECRET" => Some(DEMO_CLIENT_SECRET.to_owned()),
            _ => None,
        })
    };
    config.install = pdx::install::InstallConfig::from_lookup(lookup).map_err(|e| e.to_string())?;
    if let Some(url) = var("PDX_PUBLIC_URL") {
        config.public_url = url;
    }
    config.basic = match (var("PDX_BASIC_USER"), var("PDX_BASIC_PASSWORD")) {
        (Some(user), Some(password)) => Some((user, password)),
        (None, None) => None,
        _ => return Err("set both PDX_BASIC_USER and PDX_BASIC_PASSWORD, or neither".into()),
    };
    Ok(config)
}

fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = match config_from_env() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(warning) = config.install.demo_key_warning() {
        eprintln!("warning: {warning}");
    }
    let installations = match app::installations(&config).await {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, dir] if cmd == "export" => match app::build(&config, installations).export(dir) {
            Ok(files) => {
                for f in files {
                    println!("wrote {dir}/{f}");
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        [] => serve(&config, installations).await,
        _ => {
            eprintln!("usage: demo [export DIR]");
            ExitCode::from(2)
        }
    }
}

/// Logs pdx's events (refused requests, failed response checks) to standard error; `RUST_LOG` filters them.
fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

async fn serve(config: &DemoConfig, installations: pdx::install::Installations) -> ExitCode {
    init_logging();
    let addr = std::env::var("PDX_ADDR").unwrap_or_else(|_| DEFAULT_ADDR.to_owned());
    let install_path = installations.install_path().to_owned();
    let router = match app::router(config, Store::seeded(today()).shared(), installations) {
        Ok(r) => r,
        Err(problems) => {
            eprintln!("error: the app breaks Developer Hub's rules:\n{problems}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("Demo Invoices on http://{addr}");
    // Secrets are printed only when they are the demo's public defaults.
    if config.client_secret() == DEMO_CLIENT_SECRET {
        println!(
            "client secret: {DEMO_CLIENT_SECRET} (the demo default; set PDX_CLIENT_SECRET for yours)"
        );
    }
    let store = &config.install.database_url;
    if store.starts_with("sqlite:") {
        println!("token store: {store}");
    } else {
        println!("token store: PostgreSQL (PDX_DATABASE_URL)");
    }
    println!(
        "install: open http://{addr}{install_path} (Pipedrive's OAuth server: {})",
        config.install.oauth_url
    );
    if let Some((user, _)) = &config.basic {
        println!("panel Basic auth: user `{user}` (password from PDX_BASIC_PASSWORD)");
    }
    let sign = |path: &str, query: &str| {
        pdx::auth::signed_url(
            &format!("http://{addr}{path}?{query}"),
            config.client_secret(),
            "1001",
            "2002",
            Some(PRINTED_URL_LIFETIME),
        )
    };
    println!("\nSigned URLs (valid 1 hour):");
    println!(
        "panel:  curl '{}'",
        sign(
            app::PANEL_PATH,
            "resource=deal&view=details&selectedIds=1&isShared=false"
        )
    );
    println!(
        "modal:  curl '{}'",
        sign(app::MODAL_PATH, "resource=deal&view=details&selectedIds=1")
    );
    println!(
        "submit: curl -X POST -H 'content-type: application/json' -d '{{\"customer\":11,\"product\":2,\"amount\":\"1200\",\"due_date\":\"2099-01-31\"}}' '{}'",
        sign(app::MODAL_PATH, "resource=deal&view=details&selectedIds=1")
    );
    println!(
        "link:   open '{}'",
        sign(app::LINK_PATH, "resource=deal&view=list&selectedIds=1%2C2")
    );
    // pdx's `serve` closes connections that do not send their headers in time (axum::serve has no such limit).
    match pdx::server::serve(listener, router).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

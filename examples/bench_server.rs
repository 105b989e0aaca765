//! A server for the loopback HTTP benchmark (`benches/http.sh`): `bench_server pdx|bare OBJECTS ADDR` serves a
//! panel of OBJECTS orders either through pdx (`pdx`) or through the bare axum baseline (`bare`), and prints a
//! signed URL for it on its first line.

#[path = "../benches/common/panel_app.rs"]
mod panel_app;

use std::process::ExitCode;
use std::time::Duration;

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [which, objects, addr] = args.as_slice() else {
        eprintln!("usage: bench_server pdx|bare OBJECTS ADDR");
        return ExitCode::from(2);
    };
    let Ok(n) = objects.parse::<usize>() else {
        eprintln!("OBJECTS must be a number, got `{objects}`");
        return ExitCode::from(2);
    };
    let router = match which.as_str() {
        "pdx" => panel_app::pdx_router(n),
        "bare" => panel_app::bare_router(n),
        other => {
            eprintln!("the server is `pdx` or `bare`, got `{other}`");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot listen on {addr}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let url = format!(
        "http://{addr}{}?resource=deal&view=details&selectedIds=1",
        panel_app::PATH
    );
    let lifetime = Some(Duration::from_secs(3600));
    println!(
        "{}",
        pdx::auth::signed_url(&url, panel_app::SECRET, "1", "2", lifetime)
    );
    match pdx::server::serve(listener, router).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

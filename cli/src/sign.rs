//! `pdx sign`: prints a URL signed the way Pipedrive signs its calls (`token`, `userId`, `companyId` query
//! parameters; other parameters kept), to call an extension endpoint by hand (curl, a browser).

use clap::{Arg, ArgMatches, Command, value_parser};
use pdx::auth::{DEFAULT_TOKEN_LIFETIME, signed_url};
use std::process::ExitCode;
use std::time::Duration;

pub(crate) fn command() -> Command {
    Command::new("sign")
        .about("Sign a URL as Pipedrive would: adds `token` (HS256 JWT), `userId` and `companyId`")
        .arg(
            Arg::new("secret")
                .long("secret")
                .value_name("SECRET")
                .required(true)
                .help(
                    "The extension's own JWT secret, else the app's client secret. A JSON panel needs HTTP Basic \
                     credentials or its own JWT secret (Developer Hub requires one): sign a panel's requests with \
                     its own secret, or with the client secret when it has only Basic credentials",
                ),
        )
        .arg(
            Arg::new("user")
                .long("user")
                .value_name("USER_ID")
                .required(true)
                .value_parser(value_parser!(u64))
                .help("Pipedrive user id (`userId`)"),
        )
        .arg(
            Arg::new("company")
                .long("company")
                .value_name("COMPANY_ID")
                .required(true)
                .value_parser(value_parser!(u64))
                .help("Pipedrive company id (`companyId`)"),
        )
        .arg(
            Arg::new("exp")
                .long("exp")
                .value_name("SECONDS")
                .value_parser(value_parser!(u64))
                .help(format!(
                    "Token lifetime in seconds (default {}, like the SDK's tokens); 0 signs a token without `exp`",
                    DEFAULT_TOKEN_LIFETIME.as_secs()
                )),
        )
        .arg(Arg::new("url").value_name("URL").required(true).help("The endpoint URL, with any other parameters"))
}

pub(crate) fn run(matches: &ArgMatches) -> ExitCode {
    let (Some(secret), Some(user), Some(company), Some(url)) = (
        matches.get_one::<String>("secret"),
        matches.get_one::<u64>("user"),
        matches.get_one::<u64>("company"),
        matches.get_one::<String>("url"),
    ) else {
        // clap enforces the required arguments; this is unreachable through `command()`.
        eprintln!("error: --secret, --user, --company and URL are required");
        return ExitCode::from(super::EXIT_UNUSABLE);
    };
    let lifetime = match matches.get_one::<u64>("exp").copied() {
        None => Some(DEFAULT_TOKEN_LIFETIME),
        Some(0) => None,
        Some(seconds) => Some(Duration::from_secs(seconds)),
    };
    println!(
        "{}",
        signed_url(
            url,
            secret,
            &user.to_string(),
            &company.to_string(),
            lifetime
        )
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use pdx::App;
    use pdx::hub::{PanelExtension, PanelLocation};
    use pdx::panel::PanelResponse;

    #[derive(serde::Serialize, pdx::JsonPanel)]
    struct Row {
        id: u64,
    }

    async fn row() -> PanelResponse<Row> {
        PanelResponse::nothing()
    }

    /// The help of `--secret` states the rule `App::check` enforces on panels, in the check's own words.
    #[test]
    fn secret_help_states_the_panel_rule_of_the_check() {
        let app: App = App::new("client-secret").json_panel(
            PanelExtension::new("Rows", "/panel", PanelLocation::DealDetails),
            row,
        );
        let problems = app.check();
        let rule = problems
            .iter()
            .find(|p| p.pointer == "/extensions/0/auth")
            .map(|p| p.message.to_lowercase())
            .unwrap_or_else(|| {
                panic!("a panel with neither secret nor Basic is refused:\n{problems}")
            });
        let help = super::command().render_long_help().to_string();
        let help = help
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        assert!(
            help.contains(&rule),
            "`--secret` does not state `{rule}`:\n{help}"
        );
    }
}

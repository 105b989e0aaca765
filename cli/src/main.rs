//! The `pdx` command line: check hand-written Pipedrive extension files, review an export before registration,
//! sign test requests.
//!
//! A package of its own (`pdx-cli`, binary `pdx`) so that clap is never in the build of an app that depends on
//! the `pdx` library. Parsing uses clap's builder API: its derive would add a second syn major.

use clap::{Arg, ArgAction, Command};
use std::ffi::OsString;
use std::process::ExitCode;

mod codegen;
mod preview;
mod review;
mod sign;
mod validate;

/// Exit status when every file is valid.
pub(crate) const EXIT_VALID: u8 = 0;
/// Exit status when some file is invalid.
pub(crate) const EXIT_INVALID: u8 = 1;
/// Exit status when a file cannot be read or is not JSON, or the arguments are wrong (as clap's own usage errors).
pub(crate) const EXIT_UNUSABLE: u8 = 2;

const ABOUT: &str = "Typed, checked Pipedrive app extensions: check JSON panel and JSON modal files before you \
upload them to Developer Hub, preview them as Pipedrive draws them, turn them into derive types, and sign test \
requests for your endpoints.";

const AFTER_HELP: &str = "\
Exit status of `pdx validate`:
  0  every file is valid (warnings allowed unless --deny-warnings)
  1  some file is invalid
  2  a file cannot be read or is not JSON, or the arguments are wrong
Exit status of `pdx review`:
  0  nothing in the export would stop the app (warnings allowed unless --deny-warnings)
  1  something would
  2  the folder or its manifest.json cannot be read

Examples:
  pdx validate panel-structure panel.json
  pdx validate panel-response --against panel.json response.json
  pdx validate modal-schema modal.json
  pdx validate modal-response --against modal.json response.json
  pdx preview panel panel.json [response.json] --out panel.html
  pdx preview modal modal.json [data-response.json] --out modal.html
  pdx preview serve --app http://127.0.0.1:3000 --secret SECRET --manifest export/manifest.json
  pdx codegen panel-structure panel.json --name Delivery
  pdx codegen modal-schema modal.json --name OrderCake
  pdx review developer-hub/";

fn command() -> Command {
    Command::new("pdx")
        .version(env!("CARGO_PKG_VERSION"))
        .about(ABOUT)
        .after_help(AFTER_HELP)
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(validate::command())
        .subcommand(sign::command())
        .subcommand(preview::command())
        .subcommand(codegen::command())
        .subcommand(review::command())
        .disable_help_subcommand(false)
        .arg(
            Arg::new("quiet")
                .long("quiet")
                .short('q')
                .global(true)
                .action(ArgAction::SetTrue)
                .help("Print no summary line on standard error"),
        )
}

fn main() -> ExitCode {
    run(std::env::args_os())
}

/// Runs the command line with `args` (program name first) and returns the exit status.
fn run<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = match command().try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => {
            // --help and --version are "errors" to clap that print to stdout and exit 0.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                EXIT_UNUSABLE
            } else {
                EXIT_VALID
            });
        }
    };
    match matches.subcommand() {
        Some(("validate", m)) => validate::run(m),
        Some(("sign", m)) => sign::run(m),
        Some(("preview", m)) => preview::run(m),
        Some(("codegen", m)) => codegen::run(m),
        Some(("review", m)) => review::run(m),
        _ => ExitCode::from(EXIT_UNUSABLE),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn command_is_well_formed() {
        super::command().debug_assert();
    }
}

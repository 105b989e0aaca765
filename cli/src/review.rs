//! `pdx review DIR`: everything in an export folder that would stop the app at registration or review.
//!
//! The rules are the library's (`pdx::hub::review_export`, the same checks as `App::check`); this file only
//! prints them. One line per problem on standard output, `DIR/FILE: /json/pointer: message` (warnings as
//! `…: warning: message`), then a summary on standard error. Exit status 0 when no error is found (warnings
//! allowed unless `--deny-warnings`), 1 when one is, 2 when the folder or its `manifest.json` cannot be read.

use super::{EXIT_INVALID, EXIT_UNUSABLE, EXIT_VALID};
use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use pdx::hub::review_export;
use std::path::PathBuf;
use std::process::ExitCode;

pub(crate) fn command() -> Command {
    Command::new("review")
        .about("Review an export folder before sending the app to Pipedrive")
        .long_about(
            "Review an export folder (manifest.json and the files beside it, as the app's export writes them) \
             before sending the app to Pipedrive: the registration form's rules, the scopes, every extension \
             rule, https everywhere, the callback URL, the installation flows, files named but missing, and the \
             uploaded panel and modal files.\n\n\
             Prints one line per problem: `DIR/FILE: /json/pointer: message` (warnings as \
             `DIR/FILE: /json/pointer: warning: message`), then a summary on standard error.\n\
             Exit status: 0 nothing would stop the app (warnings allowed unless --deny-warnings), 1 something \
             would, 2 the folder or its manifest.json cannot be read.",
        )
        .arg(
            Arg::new("dir")
                .value_name("DIR")
                .required(true)
                .value_parser(value_parser!(PathBuf))
                .help("The export folder (with manifest.json)"),
        )
        .arg(
            Arg::new("deny-warnings")
                .long("deny-warnings")
                .action(ArgAction::SetTrue)
                .help("Count warnings (what the app review likely refuses) as problems that stop the app"),
        )
}

pub(crate) fn run(matches: &ArgMatches) -> ExitCode {
    let Some(dir) = matches.get_one::<PathBuf>("dir") else {
        return ExitCode::from(EXIT_UNUSABLE);
    };
    let quiet = matches
        .try_get_one::<bool>("quiet")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false);
    let problems = match review_export(dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            return ExitCode::from(EXIT_UNUSABLE);
        }
    };
    for p in &problems {
        println!("{}: {}", dir.join(&p.file).display(), p.problem);
    }
    let errors = problems.iter().filter(|p| p.problem.is_error()).count();
    let warnings = problems.len() - errors;
    if !quiet {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        eprintln!(
            "pdx: {} reviewed: {errors} error{}, {warnings} warning{}",
            dir.display(),
            plural(errors),
            plural(warnings)
        );
    }
    let deny_warnings = matches.get_flag("deny-warnings");
    ExitCode::from(if errors > 0 || (deny_warnings && warnings > 0) {
        EXIT_INVALID
    } else {
        EXIT_VALID
    })
}

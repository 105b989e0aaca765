//! `pdx preview`: draws a JSON panel or a JSON modal as Pipedrive shows it, in one self-contained HTML file
//! (`panel`, `modal`), or live against a running app (`serve`).

mod live;
mod modal;
mod page;
mod panel;
mod sample;

use crate::{EXIT_UNUSABLE, EXIT_VALID};
use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use pdx::Problems;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) fn command() -> Command {
    let out = || {
        Arg::new("out")
            .long("out")
            .short('o')
            .value_name("FILE.html")
            .required(true)
            .value_parser(value_parser!(PathBuf))
            .help("The HTML file to write (one file: inline styles and script, no network)")
    };
    let name = |what: &'static str| {
        Arg::new("name")
            .long("name")
            .value_name("NAME")
            .help(format!(
                "The {what}'s name as set in Developer Hub (default: the file's name)"
            ))
    };
    Command::new("preview")
        .about("Draw a JSON panel or JSON modal the way Pipedrive shows it, with every problem next to its place")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            Command::new("panel")
                .about("Write an HTML preview of a JSON panel; without a response, sample values of each field's type")
                .arg(file("STRUCTURE", "The data structure file uploaded to Developer Hub"))
                .arg(
                    Arg::new("response")
                        .value_name("RESPONSE")
                        .value_parser(value_parser!(PathBuf))
                        .help("A response of the panel's endpoint (`{\"data\": ...}`, or `{\"error\": ...}`)"),
                )
                .arg(out())
                .arg(name("panel"))
                .arg(
                    Arg::new("status")
                        .long("status")
                        .value_name("CODE")
                        .value_parser(value_parser!(u16).range(100..600))
                        .default_value("200")
                        .help("The HTTP status sent with the response (an error body goes with 4xx or 5xx)"),
                )
                .arg(
                    Arg::new("action")
                        .long("action")
                        .value_name("TARGET:NAME")
                        .action(ArgAction::Append)
                        .help(
                            "An action set in Developer Hub: `global:NAME`, `object:NAME` or `field:KEY:NAME` \
                             (repeat for more)",
                        ),
                ),
        )
        .subcommand(
            Command::new("modal")
                .about("Write an HTML preview of a JSON modal; the form is live (visibleOn, required blocks)")
                .arg(file("SCHEMA", "The schema file uploaded to Developer Hub"))
                .arg(
                    Arg::new("response")
                        .value_name("DATA_RESPONSE")
                        .value_parser(value_parser!(PathBuf))
                        .help("The app's answer to the modal's first request (`{\"data\": {\"blocks\": ...}}`)"),
                )
                .arg(out())
                .arg(name("modal")),
        )
        .subcommand(live::command())
}

fn file(name: &'static str, help: &'static str) -> Arg {
    Arg::new(name)
        .value_name(name)
        .required(true)
        .value_parser(value_parser!(PathBuf))
        .help(help)
}

pub(crate) fn run(matches: &ArgMatches) -> ExitCode {
    let result = match matches.subcommand() {
        Some(("panel", m)) => panel::run(m),
        Some(("modal", m)) => modal::run(m),
        Some(("serve", m)) => live::run(m),
        _ => Err(Unusable("a subcommand is required".to_owned())),
    };
    match result {
        Ok(()) => ExitCode::from(EXIT_VALID),
        Err(Unusable(message)) => {
            eprintln!("pdx preview: {message}");
            ExitCode::from(EXIT_UNUSABLE)
        }
    }
}

/// Why a preview cannot be made: a file that cannot be read or written, or is not JSON.
pub(crate) struct Unusable(pub(crate) String);

/// Reads a JSON file, naming it in the error.
fn read(path: &Path) -> Result<Value, Unusable> {
    crate::validate::read_json(path)
        .map_err(|reason| Unusable(format!("{}: {reason}", crate::validate::display_name(path))))
}

/// The name shown in the drawing: `--name`, or the file's name without extension.
fn name_of(matches: &ArgMatches, path: &Path) -> String {
    matches
        .get_one::<String>("name")
        .cloned()
        .unwrap_or_else(|| {
            path.file_stem().map_or_else(
                || "Preview".to_owned(),
                |s| s.to_string_lossy().into_owned(),
            )
        })
}

/// The problems of one document, for the page: each with the document it points into.
fn problems_json(doc: &str, problems: &Problems) -> Vec<Value> {
    problems
        .iter()
        .map(|p| json!({"doc": doc, "severity": p.severity, "pointer": p.pointer, "message": p.message}))
        .collect()
}

/// Writes the page and tells what it holds: one line per problem (as `pdx validate` prints them), then a summary.
fn write_page(
    out: &Path,
    title: &str,
    data: &Value,
    problems: &[(String, &Problems)],
    quiet: bool,
) -> Result<(), Unusable> {
    std::fs::write(out, page::html(title, data))
        .map_err(|e| Unusable(format!("{}: cannot write: {e}", out.display())))?;
    let mut count = 0;
    for (file, ps) in problems {
        for p in ps.iter() {
            println!("{file}: {p}");
            count += 1;
        }
    }
    if !quiet {
        eprintln!(
            "pdx: wrote {} ({count} problem{} shown in the preview)",
            out.display(),
            if count == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

/// `--quiet` (global): no summary line.
fn quiet(m: &ArgMatches) -> bool {
    m.try_get_one::<bool>("quiet")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false)
}

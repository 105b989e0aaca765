//! `pdx validate`: the same checks the library and the derives run, on hand-written files.
//!
//! Contract (other tools and tests rely on it): one line per problem on standard output,
//! `FILE: /json/pointer: message` (warnings as `FILE: /json/pointer: warning: message`); exit status 0 when every
//! file is valid, 1 when any is invalid, 2 when a file cannot be read or is not JSON or the arguments are wrong.
//! `--format json` prints one JSON report instead of the lines.

use super::{EXIT_INVALID, EXIT_UNUSABLE, EXIT_VALID};
use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use pdx::modal::{self, ModalSchema};
use pdx::panel::{self, DataStructure};
use pdx::{Problem, Problems};
use serde::Serialize;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) fn command() -> Command {
    let files = || {
        Arg::new("files")
            .value_name("FILE")
            .num_args(1..)
            .required(true)
            .value_parser(value_parser!(PathBuf))
            .help("Files to check (`-` reads standard input)")
    };
    let against = |what: &'static str| {
        Arg::new("against")
            .long("against")
            .value_name(what)
            .required(true)
            .value_parser(value_parser!(PathBuf))
            .help(format!("The {what} file the responses must conform to"))
    };
    Command::new("validate")
        .about("Check JSON panel and JSON modal files the way Pipedrive reads them")
        .long_about(
            "Check JSON panel and JSON modal files the way Pipedrive reads them.\n\n\
             Prints one line per problem: `FILE: /json/pointer: message` (warnings as \
             `FILE: /json/pointer: warning: message`), then a summary on standard error.\n\
             Exit status: 0 every file valid (warnings allowed unless --deny-warnings), 1 some file invalid, \
             2 a file cannot be read or is not JSON, or the arguments are wrong.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .arg(
            Arg::new("format")
                .long("format")
                .global(true)
                .value_name("FORMAT")
                .value_parser(["text", "json"])
                .default_value("text")
                .help("`text`: one line per problem; `json`: one machine-readable report on standard output"),
        )
        .arg(
            Arg::new("deny-warnings")
                .long("deny-warnings")
                .global(true)
                .action(ArgAction::SetTrue)
                .help("Count warnings (truncated texts, style rules) as making a file invalid"),
        )
        .subcommand(
            Command::new("panel-structure")
                .about("Check JSON panel data structure files (the file uploaded to Developer Hub)")
                .arg(files()),
        )
        .subcommand(
            Command::new("panel-response")
                .about("Check JSON panel endpoint responses against a data structure")
                .arg(against("STRUCTURE"))
                .arg(files()),
        )
        .subcommand(
            Command::new("modal-schema")
                .about("Check JSON modal schema files (the file uploaded to Developer Hub)")
                .arg(files()),
        )
        .subcommand(
            Command::new("modal-response")
                .about(
                    "Check JSON modal endpoint responses against a schema: merged into it by key, as Pipedrive does, \
                     then checked",
                )
                .arg(against("SCHEMA"))
                .arg(files()),
        )
}

/// What one file turned out to be.
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum Status {
    Valid,
    Invalid,
    Unusable,
}

#[derive(Serialize)]
struct FileReport {
    file: String,
    status: Status,
    errors: usize,
    warnings: usize,
    problems: Vec<Problem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
}

#[derive(Serialize)]
struct Report {
    valid: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    against: Option<FileReport>,
    files: Vec<FileReport>,
}

/// The checker chosen by the subcommand, with its reference file already read.
enum Check {
    PanelStructure,
    PanelResponse(Box<DataStructure>),
    ModalSchema,
    ModalResponse(Box<ModalSchema>),
}

impl Check {
    fn run(&self, doc: &Value) -> Problems {
        match self {
            Check::PanelStructure => panel::check_data_structure(doc),
            Check::PanelResponse(structure) => structure.check_response(doc),
            Check::ModalSchema => modal::check_schema(doc),
            Check::ModalResponse(schema) => schema.check_response(doc),
        }
    }
}

pub(crate) fn display_name(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

pub(crate) fn read_json(path: &Path) -> Result<Value, String> {
    let text = if path == Path::new("-") {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        s
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?
    };
    serde_json::from_str(&text).map_err(|e| format!("not JSON: {e}"))
}

fn report_for(file: String, problems: Problems, deny_warnings: bool) -> FileReport {
    let errors = problems.errors().count();
    let warnings = problems.warnings().count();
    let invalid = errors > 0 || (deny_warnings && warnings > 0);
    FileReport {
        file,
        status: if invalid {
            Status::Invalid
        } else {
            Status::Valid
        },
        errors,
        warnings,
        problems: problems.into_vec(),
        reason: None,
    }
}

fn unusable(file: String, reason: String, problems: Problems) -> FileReport {
    FileReport {
        file,
        status: Status::Unusable,
        errors: problems.errors().count(),
        warnings: problems.warnings().count(),
        problems: problems.into_vec(),
        reason: Some(reason),
    }
}

/// Reads the `--against` file into a checker, or reports why it cannot be used.
fn reference(kind: &str, path: &Path) -> Result<Check, FileReport> {
    let name = display_name(path);
    let value =
        read_json(path).map_err(|reason| unusable(name.clone(), reason, Problems::new()))?;
    match kind {
        "panel-response" => DataStructure::from_value(value)
            .map(|s| Check::PanelResponse(Box::new(s)))
            .map_err(|p| {
                unusable(
                    name,
                    "the data structure given with --against is invalid".to_owned(),
                    p,
                )
            }),
        _ => ModalSchema::from_value(value)
            .map(|s| Check::ModalResponse(Box::new(s)))
            .map_err(|p| {
                unusable(
                    name,
                    "the schema given with --against is invalid".to_owned(),
                    p,
                )
            }),
    }
}

pub(crate) fn run(matches: &ArgMatches) -> ExitCode {
    let Some((kind, sub)) = matches.subcommand() else {
        return ExitCode::from(EXIT_UNUSABLE);
    };
    let json = sub.get_one::<String>("format").map(String::as_str) == Some("json");
    let deny_warnings = sub.get_flag("deny-warnings");
    let quiet = sub
        .try_get_one::<bool>("quiet")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false);
    let files: Vec<PathBuf> = sub
        .get_many::<PathBuf>("files")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();

    let check = match kind {
        "panel-structure" => Check::PanelStructure,
        "modal-schema" => Check::ModalSchema,
        _ => {
            let Some(path) = sub.get_one::<PathBuf>("against") else {
                return ExitCode::from(EXIT_UNUSABLE);
            };
            match reference(kind, path) {
                Ok(check) => check,
                Err(report) => {
                    emit(
                        &Report {
                            valid: false,
                            against: Some(report),
                            files: Vec::new(),
                        },
                        json,
                        quiet,
                    );
                    return ExitCode::from(EXIT_UNUSABLE);
                }
            }
        }
    };

    let reports: Vec<FileReport> = files
        .iter()
        .map(|path| {
            let name = display_name(path);
            match read_json(path) {
                Ok(doc) => report_for(name, check.run(&doc), deny_warnings),
                Err(reason) => unusable(name, reason, Problems::new()),
            }
        })
        .collect();

    let any_unusable = reports.iter().any(|r| matches!(r.status, Status::Unusable));
    let any_invalid = reports.iter().any(|r| matches!(r.status, Status::Invalid));
    let report = Report {
        valid: !any_unusable && !any_invalid,
        against: None,
        files: reports,
    };
    emit(&report, json, quiet);
    ExitCode::from(if any_unusable {
        EXIT_UNUSABLE
    } else if any_invalid {
        EXIT_INVALID
    } else {
        EXIT_VALID
    })
}

fn emit(report: &Report, json: bool, quiet: bool) {
    if json {
        match serde_json::to_string_pretty(report) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("pdx: cannot write the report: {e}"),
        }
        return;
    }
    if let Some(against) = &report.against {
        if let Some(reason) = &against.reason {
            eprintln!("{}: {reason}", against.file);
        }
        for p in &against.problems {
            eprintln!("{}: {p}", against.file);
        }
    }
    for file in &report.files {
        if let Some(reason) = &file.reason {
            eprintln!("{}: {reason}", file.file);
        }
        for p in &file.problems {
            println!("{}: {p}", file.file);
        }
    }
    if !quiet && report.against.is_none() {
        let count = |s: fn(&Status) -> bool| report.files.iter().filter(|f| s(&f.status)).count();
        let valid = count(|s| matches!(s, Status::Valid));
        let invalid = count(|s| matches!(s, Status::Invalid));
        let unusable = count(|s| matches!(s, Status::Unusable));
        let errors: usize = report.files.iter().map(|f| f.errors).sum();
        let warnings: usize = report.files.iter().map(|f| f.warnings).sum();
        let mut line = format!(
            "pdx: {} file{} checked: {valid} valid, {invalid} invalid",
            report.files.len(),
            if report.files.len() == 1 { "" } else { "s" }
        );
        if unusable > 0 {
            line.push_str(&format!(", {unusable} unusable"));
        }
        line.push_str(&format!(
            "; {errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ));
        eprintln!("{line}");
    }
}

//! `pdx validate`: the same checks the library and the derives run, on hand-written files.
//!
//! Contract (other tools and tests rely on it): one line per problem on standard output,
//! `FILE: /json/pointer: message` (warnings as `FILE: /json/pointer: warning: message`); exit status 0 when every
//! file is valid, 1 when any is invalid, 2 when a file cannot be read or is not JSON or the arguments are wrong.
//! `--format json` prints one JSON report instead of the lines. The `--against` file's own warnings are printed
//! once, under its name. `panel-response` checks an error body (`{"error": ...}`, no `data`) as the panel's error
//! state; with `--status CODE`, a body that does not go with the status is an error.

use super::{EXIT_INVALID, EXIT_UNUSABLE, EXIT_VALID};
use clap::{Arg, ArgAction, ArgMatches, Command, value_parser};
use pdx::modal::{self, ModalSchema};
use pdx::panel::{self, DataStructure};
use pdx::{Problem, Problems};
use pdx::{modal::limits as modal_pages, panel::limits as panel_pages};
use serde::Serialize;
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub(crate) fn command() -> Command {
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
        .subcommands(<[Command; 2]>::from(panel_commands()))
        .subcommands(<[Command; 2]>::from(modal_commands()))
}

/// The files argument.
fn files() -> Arg {
    Arg::new("files")
        .value_name("FILE")
        .num_args(1..)
        .required(true)
        .value_parser(value_parser!(PathBuf))
        .help("Files to check (`-` reads standard input)")
}

/// The `--against` argument: the file `what` the responses are checked against.
fn against(what: &'static str) -> Arg {
    Arg::new("against")
        .long("against")
        .value_name(what)
        .required(true)
        .value_parser(value_parser!(PathBuf))
        .help(format!("The {what} file the responses must conform to"))
}

/// `panel-structure` and `panel-response`.
fn panel_commands() -> (Command, Command) {
    let structure = Command::new("panel-structure")
        .about("Check JSON panel data structure files (the file uploaded to Developer Hub)")
        .after_help(format!(
            "Pipedrive's docs: JSON panels, {}; Adding a JSON panel, {}",
            panel_pages::JSON_PANELS,
            panel_pages::ADDING_A_JSON_PANEL
        ))
        .arg(files());
    let status = Arg::new("status")
        .long("status")
        .value_name("CODE")
        .value_parser(value_parser!(u16).range(100..=599))
        .help(
            "The HTTP status the body is sent with: a 2xx with an error body, or a 4xx/5xx with `data`, is then \
             an error (Pipedrive shows the error state only for 4xx/5xx)",
        );
    let response = Command::new("panel-response")
        .about(
            "Check what a JSON panel endpoint answers against its data structure: a response with `data`, or the \
             error state `{\"error\": {\"title\": ...}}` (recognised by its shape)",
        )
        .after_help(format!("Pipedrive's docs: JSON panels, {}", panel_pages::JSON_PANELS))
        .arg(against("STRUCTURE"))
        .arg(status)
        .arg(files());
    (structure, response)
}

/// `modal-schema` and `modal-response`.
fn modal_commands() -> (Command, Command) {
    let schema = Command::new("modal-schema")
        .about("Check JSON modal schema files (the file uploaded to Developer Hub)")
        .after_help(format!(
            "Pipedrive's docs: JSON modals, {}; JSON modals component library, {}",
            modal_pages::JSON_MODALS,
            modal_pages::JSON_MODALS_COMPONENT_LIBRARY
        ))
        .arg(files());
    let response = Command::new("modal-response")
        .about(
            "Check JSON modal endpoint responses against a schema: merged into it by key, as Pipedrive does, then \
             checked",
        )
        .after_help(format!(
            "Pipedrive's docs: JSON modals user interaction handling, {}",
            modal_pages::JSON_MODALS_USER_INTERACTION_HANDLING
        ))
        .arg(against("SCHEMA"))
        .arg(files());
    (schema, response)
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
    /// Answers of a panel endpoint, sent with `status` when it is given.
    PanelAnswer(Box<DataStructure>, Option<u16>),
    ModalSchema,
    /// Responses merged into a schema; `own` are the schema's own problems, reported under its name once.
    ModalResponse(Box<ModalSchema>, Problems),
}

impl Check {
    fn run(&self, doc: &Value) -> Problems {
        match self {
            Check::PanelStructure => panel::check_data_structure(doc),
            Check::PanelAnswer(structure, status) => structure.check_answer(*status, doc),
            Check::ModalSchema => modal::check_schema(doc),
            Check::ModalResponse(schema, own) => {
                // The merged document repeats the schema's own problems: they belong to the schema's file.
                let mut problems = schema.check_response(doc);
                problems.retain(|p| !own.iter().any(|o| o == p));
                problems
            }
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

/// Reads the `--against` file into a checker with the file's own report (its warnings), or reports why it cannot
/// be used.
fn reference(
    kind: &str,
    sub: &ArgMatches,
    path: &Path,
    deny_warnings: bool,
) -> Result<(Check, FileReport), FileReport> {
    let name = display_name(path);
    let value =
        read_json(path).map_err(|reason| unusable(name.clone(), reason, Problems::new()))?;
    let (own, what) = match kind {
        "panel-response" => (panel::check_data_structure(&value), "data structure"),
        _ => (modal::check_schema(&value), "schema"),
    };
    if own.has_errors() {
        let reason = format!("the {what} given with --against is invalid");
        return Err(unusable(name, reason, own));
    }
    let check = match kind {
        "panel-response" => DataStructure::from_value(value).map(|s| {
            let status = sub.get_one::<u16>("status").copied();
            Check::PanelAnswer(Box::new(s), status)
        }),
        _ => ModalSchema::from_value(value).map(|s| Check::ModalResponse(Box::new(s), own.clone())),
    }
    .map_err(|p| {
        unusable(
            name.clone(),
            format!("the {what} given with --against is invalid"),
            p,
        )
    })?;
    Ok((check, report_for(name, own, deny_warnings)))
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

    let (check, against) = match kind {
        "panel-structure" => (Check::PanelStructure, None),
        "modal-schema" => (Check::ModalSchema, None),
        _ => {
            let Some(path) = sub.get_one::<PathBuf>("against") else {
                return ExitCode::from(EXIT_UNUSABLE);
            };
            match reference(kind, sub, path, deny_warnings) {
                Ok((check, own)) => (check, Some(own)),
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
    let any_invalid = reports
        .iter()
        .chain(&against)
        .any(|r| matches!(r.status, Status::Invalid));
    let report = Report {
        valid: !any_unusable && !any_invalid,
        against,
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
    let unusable_against = report.against.as_ref().is_some_and(|a| a.reason.is_some());
    if let Some(against) = &report.against {
        if let Some(reason) = &against.reason {
            eprintln!("{}: {reason}", against.file);
            for p in &against.problems {
                eprintln!("{}: {p}", against.file);
            }
        } else {
            // The reference file's own warnings, once, under its name.
            for p in &against.problems {
                println!("{}: {p}", against.file);
            }
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
    if !quiet && !unusable_against {
        let count = |s: fn(&Status) -> bool| report.files.iter().filter(|f| s(&f.status)).count();
        let valid = count(|s| matches!(s, Status::Valid));
        let invalid = count(|s| matches!(s, Status::Invalid));
        let unusable = count(|s| matches!(s, Status::Unusable));
        let all = || report.files.iter().chain(&report.against);
        let errors: usize = all().map(|f| f.errors).sum();
        let warnings: usize = all().map(|f| f.warnings).sum();
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

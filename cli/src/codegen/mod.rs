//! `pdx codegen`: Rust source for an existing hand-written data structure or schema file — a struct with
//! `#[derive(JsonPanel)]` or `#[derive(JsonModal)]` whose attributes reproduce the file. What the derives cannot
//! express is written as a `// pdx codegen: ...` comment where it belongs and repeated as a warning on standard
//! error, never dropped silently.

mod modal;
mod names;
mod panel;

use crate::{EXIT_INVALID, EXIT_UNUSABLE, EXIT_VALID};
use clap::{Arg, ArgMatches, Command, value_parser};
use pdx::Problems;
use serde_json::Value;
use std::path::PathBuf;
use std::process::ExitCode;

pub(crate) fn command() -> Command {
    let sub =
        |name: &'static str, about: &'static str, file: &'static str| {
            Command::new(name)
                .about(about)
                .arg(
                    Arg::new("file")
                        .value_name(file)
                        .required(true)
                        .value_parser(value_parser!(PathBuf))
                        .help("The file uploaded to Developer Hub (`-` reads standard input)"),
                )
                .arg(Arg::new("name").long("name").value_name("NAME").help(
                    "The Rust type's name (default: from the file's name, in UpperCamelCase)",
                ))
        };
    Command::new("codegen")
        .about("Print Rust source whose derive reproduces a hand-written panel or modal file")
        .long_about(
            "Print Rust source whose derive reproduces a hand-written panel or modal file: a struct with \
             `#[derive(Serialize, JsonPanel)]` or `#[derive(Deserialize, JsonModal)]` (and a `ModalChoice` enum per \
             static item list). What the derives cannot express is written as a `// pdx codegen: ...` comment and \
             repeated as a warning on standard error.\n\
             Exit status: 0 source printed, 1 the file is invalid (its problems are printed), 2 the file cannot be \
             read or is not JSON.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(sub(
            "panel-structure",
            "A `#[derive(JsonPanel)]` struct from a JSON panel data structure file",
            "STRUCTURE",
        ))
        .subcommand(sub(
            "modal-schema",
            "A `#[derive(JsonModal)]` struct (and `ModalChoice` enums) from a JSON modal schema file",
            "SCHEMA",
        ))
}

/// Generated source, and what it could not express (`pointer`, `message`), each also written into the source.
pub(crate) struct Generated {
    pub(crate) source: String,
    pub(crate) notes: Vec<(String, String)>,
}

pub(crate) fn run(matches: &ArgMatches) -> ExitCode {
    let Some((kind, m)) = matches.subcommand() else {
        return ExitCode::from(EXIT_UNUSABLE);
    };
    let Some(path) = m.get_one::<PathBuf>("file") else {
        return ExitCode::from(EXIT_UNUSABLE);
    };
    let file = crate::validate::display_name(path);
    let value = match crate::validate::read_json(path) {
        Ok(v) => v,
        Err(reason) => {
            eprintln!("{file}: {reason}");
            return ExitCode::from(EXIT_UNUSABLE);
        }
    };
    let name = m.get_one::<String>("name").map_or_else(
        || {
            names::type_name(
                path.file_stem()
                    .map(|s| s.to_string_lossy())
                    .as_deref()
                    .unwrap_or(""),
            )
        },
        |n| names::type_name(n),
    );
    // A type named like a derive it uses would only confuse its reader.
    let name = if ["JsonPanel", "JsonModal", "ModalChoice"].contains(&name.as_str()) {
        format!("{name}Type")
    } else {
        name
    };
    let (problems, generate): (Problems, fn(&Value, &str) -> Generated) = match kind {
        "panel-structure" => (pdx::panel::check_data_structure(&value), panel::generate),
        _ => (pdx::modal::check_schema(&value), modal::generate),
    };
    if problems.has_errors() {
        for p in problems.iter() {
            eprintln!("{file}: {p}");
        }
        eprintln!(
            "pdx codegen: {file} is invalid: fix it first (`pdx validate` shows the same problems)"
        );
        return ExitCode::from(EXIT_INVALID);
    }
    let generated = generate(&value, &name);
    print!("{}", generated.source);
    for (pointer, message) in &generated.notes {
        eprintln!("{file}: {pointer}: warning: {message}");
    }
    ExitCode::from(EXIT_VALID)
}

/// Rust source for a string literal.
pub(crate) fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// A JSON pointer segment.
pub(crate) fn seg(key: &str) -> String {
    format!("/{}", key.replace('~', "~0").replace('/', "~1"))
}

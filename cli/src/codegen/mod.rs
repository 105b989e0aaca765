//! `pdx codegen`: Rust source for an existing hand-written data structure or schema file — a struct with
//! `#[derive(JsonPanel)]` or `#[derive(JsonModal)]` whose attributes reproduce the file. It reads the file into
//! pdx's checked typed model (`pdx::panel::DataStructure`, `pdx::modal::ModalDocument`) and writes the source as
//! data (`source`): every text from the file goes through one escaping path, every name from the file is
//! sanitized and checked, so a file can never write code. What the derives cannot express, and anything codegen
//! adds, is written as a `// pdx codegen: ...` comment where it belongs and repeated as a warning on standard
//! error, never dropped silently.

mod modal;
mod modal_items;
mod names;
mod notes;
mod panel;
mod source;

use crate::{EXIT_INVALID, EXIT_UNUSABLE, EXIT_VALID};
use clap::{Arg, ArgMatches, Command, value_parser};
use source::{Context, Ident, escape};
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
    let name = type_name(m.get_one::<String>("name").map(String::as_str), path);
    let generated = match kind {
        "panel-structure" => panel::generate(&value, &name),
        _ => modal::generate(&value, &name),
    };
    let generated = match generated {
        Ok(g) => g,
        Err(Invalid::Problems(problems)) => {
            for p in problems.iter() {
                eprintln!("{file}: {}", escape(&p.to_string(), Context::Comment));
            }
            eprintln!(
                "pdx codegen: {file} is invalid: fix it first (`pdx validate` shows the same problems)"
            );
            return ExitCode::from(EXIT_INVALID);
        }
        Err(Invalid::Unreadable(reason)) => {
            eprintln!("{file}: {}", escape(&reason, Context::Comment));
            return ExitCode::from(EXIT_INVALID);
        }
    };
    print!("{}", generated.render());
    for note in generated.notes() {
        eprintln!(
            "{file}: {}: warning: {}",
            escape(&note.pointer, Context::Comment),
            escape(&note.message, Context::Comment)
        );
    }
    ExitCode::from(EXIT_VALID)
}

/// Why a file gives no source.
pub(crate) enum Invalid {
    /// The checks found errors (the problems `pdx validate` prints).
    Problems(pdx::Problems),
    /// The checks passed but pdx's model cannot read the file (a disagreement between the two, reported as is).
    Unreadable(String),
}

/// The Rust type's name: `--name`, else the file's stem, in UpperCamelCase; never the name of a derive it uses, and
/// never a name the generated source uses for something else.
fn type_name(given: Option<&str>, path: &std::path::Path) -> Ident {
    let stem = path.file_stem().map(|s| s.to_string_lossy());
    let name = names::type_name(given.or(stem.as_deref()).unwrap_or(""));
    if RESERVED_TYPES.contains(&name.as_str()) {
        return names::type_name(&format!("{}Type", name.as_str()));
    }
    name
}

/// Names the generated source uses unqualified as types or derives: no generated type may take them.
pub(crate) const RESERVED_TYPES: &[&str] = &[
    "JsonPanel",
    "JsonModal",
    "ModalChoice",
    "Serialize",
    "Deserialize",
    "Option",
    "Vec",
    "String",
    "Debug",
    "Clone",
    "Copy",
    "PartialEq",
    "Eq",
];

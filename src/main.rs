//! The `pdx` command line: check hand-written Pipedrive extension files, sign test requests.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main(std::env::args_os())
}

//! `pdx preview modal`: the modal drawn from its schema and the app's first answer, as a live form.

use super::{Unusable, name_of, problems_json, quiet, read, write_page};
use clap::ArgMatches;
use pdx::Problems;
use pdx::modal;
use serde_json::json;
use std::path::PathBuf;

pub(super) fn run(m: &ArgMatches) -> Result<(), Unusable> {
    let (Some(schema_path), Some(out)) =
        (m.get_one::<PathBuf>("SCHEMA"), m.get_one::<PathBuf>("out"))
    else {
        return Err(Unusable("SCHEMA and --out are required".to_owned()));
    };
    let schema = read(schema_path)?;
    let response_path = m.get_one::<PathBuf>("response");
    let response = response_path.map(|p| read(p)).transpose()?;
    let name = name_of(m, schema_path);

    let schema_problems = modal::check_schema(&schema);
    let response_problems = response
        .as_ref()
        .map_or_else(Problems::new, |r| modal::check_response(&schema, r));
    let mut problems = problems_json("schema", &schema_problems);
    problems.extend(problems_json("response", &response_problems));
    let data = json!({
        "page": "modal", "name": name, "schema": schema, "response": response, "problems": problems,
    });
    let mut files = vec![(schema_path.display().to_string(), &schema_problems)];
    if let Some(p) = response_path {
        files.push((p.display().to_string(), &response_problems));
    }
    write_page(
        out,
        &format!("{name}: modal preview"),
        &data,
        &files,
        quiet(m),
    )
}

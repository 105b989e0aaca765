//! `pdx preview panel`: the sidebar panel drawn from a data structure and a response (or sample values).

use super::{Unusable, name_of, problems_json, quiet, read, sample, write_page};
use clap::ArgMatches;
use pdx::Problems;
use pdx::panel::{self, DataStructure};
use serde_json::{Map, Value, json};
use std::path::PathBuf;

pub(super) fn run(m: &ArgMatches) -> Result<(), Unusable> {
    let (Some(structure_path), Some(out)) = (
        m.get_one::<PathBuf>("STRUCTURE"),
        m.get_one::<PathBuf>("out"),
    ) else {
        return Err(Unusable("STRUCTURE and --out are required".to_owned()));
    };
    let structure = read(structure_path)?;
    let response_path = m.get_one::<PathBuf>("response");
    let response = response_path.map(|p| read(p)).transpose()?;
    let status = m.get_one::<u16>("status").copied().unwrap_or(200);
    let actions = actions(m.get_many::<String>("action").into_iter().flatten())?;
    let name = name_of(m, structure_path);

    let structure_problems = panel::check_data_structure(&structure);
    let sampled = response.is_none();
    let body = response.unwrap_or_else(|| sample::response(&structure));
    let response_problems = check_response(&structure, &body, status);

    let mut problems = problems_json("structure", &structure_problems);
    problems.extend(problems_json("response", &response_problems));
    let data = json!({
        "page": "panel", "name": name, "structure": structure, "response": body, "status": status,
        "sample": sampled, "problems": problems, "actions": actions,
    });
    let response_name =
        response_path.map_or_else(|| "<sample values>".to_owned(), |p| p.display().to_string());
    write_page(
        out,
        &format!("{name}: panel preview"),
        &data,
        &[
            (structure_path.display().to_string(), &structure_problems),
            (response_name, &response_problems),
        ],
        quiet(m),
    )
}

/// The response's problems: an error body (`{"error": ...}` or a non-2xx status) is checked as the error state,
/// anything else against the structure. An invalid structure cannot check a response: its own problems say why.
pub(crate) fn check_response(structure: &Value, body: &Value, status: u16) -> Problems {
    if status >= 400 || (body.get("error").is_some() && body.get("data").is_none()) {
        return panel::check_error_body(body);
    }
    match DataStructure::from_value(structure.clone()) {
        Ok(s) => s.check_response(body),
        Err(_) => Problems::new(),
    }
}

/// `--action` values: `global:NAME`, `object:NAME`, `field:KEY:NAME`.
fn actions<'a>(specs: impl Iterator<Item = &'a String>) -> Result<Value, Unusable> {
    let (mut global, mut object, mut field) = (Vec::new(), Vec::new(), Map::new());
    for spec in specs {
        match spec.split_once(':') {
            Some(("global", name)) if !name.is_empty() => global.push(json!(name)),
            Some(("object", name)) if !name.is_empty() => object.push(json!(name)),
            Some(("field", rest)) => match rest.split_once(':') {
                Some((key, name)) if !key.is_empty() && !name.is_empty() => {
                    field.insert(key.to_owned(), json!(name));
                }
                _ => return Err(bad_action(spec)),
            },
            _ => return Err(bad_action(spec)),
        }
    }
    Ok(json!({"global": global, "object": object, "field": field}))
}

fn bad_action(spec: &str) -> Unusable {
    Unusable(format!(
        "--action {spec:?}: expected `global:NAME`, `object:NAME` or `field:KEY:NAME`"
    ))
}

use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    #[serde(rename = "name")]
    first: Option<String>,
    #[serde(alias = "other")]
    name: Option<String>,
}

fn main() {}

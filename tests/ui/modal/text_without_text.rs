use pdx::JsonModal;
use pdx::modal::Text;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    intro: Text,
}

fn main() {}

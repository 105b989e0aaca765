use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    #[modal(lable = "Name")]
    name: Option<String>,
}

fn main() {}

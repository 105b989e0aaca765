use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    #[modal(type = "emial")]
    email: Option<String>,
}

fn main() {}

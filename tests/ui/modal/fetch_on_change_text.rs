use pdx::JsonModal;
use pdx::modal::Text;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Form {
    #[modal(text = "Hello", fetch_on_change)]
    intro: Text,
}

fn main() {}

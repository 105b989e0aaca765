use serde::Deserialize;

#[derive(Debug, Deserialize, pdx::JsonModal)]
#[modal(primary(label = "Save"))]
struct Order {
    #[modal(radio, label = "Wrap as a gift?")]
    gift: bool,
}

fn main() {}

use serde::Deserialize;

#[derive(Debug, Deserialize, pdx::JsonModal)]
#[modal(primary(label = "Save"))]
struct Order {
    #[modal(items(("yes", "Yes"), ("no", "No")))]
    gift: bool,
}

fn main() {}

use serde::Deserialize;

#[derive(Debug, Deserialize, pdx::JsonModal)]
#[modal(primary(label = "Save"))]
struct Shipping {
    #[modal(radio, items(("standard", "Standard"), ("express", "Express")))]
    speed: String,
    #[modal(checkbox, items(("gift", "Gift wrap", visible_on(sped, not_empty))))]
    extras: Vec<String>,
}

fn main() {}

use serde::Deserialize;

// The radio group of Pipedrive's component library presets a value that is none of its items.
#[derive(Debug, Deserialize, pdx::JsonModal)]
#[modal(primary(label = "Save"))]
struct Order {
    #[modal(radio, label = "Wrap as a gift?", value = "wrapping", items(("yes", "Yes"), ("no", "No")))]
    wrap: String,
}

fn main() {}

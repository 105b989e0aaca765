use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Delivery {
    #[panel(header, type = "email")]
    contact: String,
}

fn main() {}

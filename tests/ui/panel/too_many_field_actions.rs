use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Order {
    #[panel(action = "Open a")]
    a: String,
    #[panel(action = "Open b")]
    b: String,
    #[panel(action = "Open c")]
    c: String,
    #[panel(action = "Open d")]
    d: String,
}

fn main() {}

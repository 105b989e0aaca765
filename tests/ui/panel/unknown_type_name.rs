use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Contact {
    #[panel(type = "emial")]
    email: String,
}

fn main() {}

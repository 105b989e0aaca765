use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Deal {
    #[panel(type = "currency")]
    value: String,
}

fn main() {}

use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Deal {
    #[panel(header)]
    title: String,
    #[panel(header)]
    name: String,
}

fn main() {}

use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
struct Contact {
    #[panel(email)]
    id: u64,
}

fn main() {}

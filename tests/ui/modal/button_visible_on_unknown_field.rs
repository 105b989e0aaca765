use serde::Deserialize;

#[derive(Debug, Deserialize, pdx::JsonModal)]
#[modal(primary(label = "Save", visible_on(note, not_empty)))]
struct Task {
    notes: Option<String>,
}

fn main() {}

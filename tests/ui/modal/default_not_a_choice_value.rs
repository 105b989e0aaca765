use serde::Deserialize;

#[derive(Debug, Deserialize, pdx::ModalChoice)]
#[serde(rename_all = "lowercase")]
enum Priority {
    Low,
    Normal,
    High,
}

#[derive(Debug, Deserialize, pdx::JsonModal)]
#[modal(primary(label = "Save"))]
struct Task {
    #[modal(radio, value = "urgent")]
    priority: Priority,
}

fn main() {}

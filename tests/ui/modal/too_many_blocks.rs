use pdx::JsonModal;
use serde::Deserialize;

#[derive(Deserialize, JsonModal)]
#[modal(primary(label = "Save"))]
struct Big {
    a1: Option<String>,
    a2: Option<String>,
    a3: Option<String>,
    a4: Option<String>,
    a5: Option<String>,
    a6: Option<String>,
    a7: Option<String>,
    a8: Option<String>,
    a9: Option<String>,
    a10: Option<String>,
    a11: Option<String>,
}

fn main() {}

use pdx::panel::PanelResponse;
use serde::Serialize;

#[derive(Serialize, pdx::JsonPanel)]
#[panel(list)]
struct Order {
    #[panel(header)]
    title: String,
}

fn main() {
    let _ = PanelResponse::object(Order { title: "Order 1".into() });
}

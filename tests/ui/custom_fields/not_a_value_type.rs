use pdx::custom_fields::CustomFields;

#[derive(CustomFields)]
#[custom_fields(entity = "deal")]
struct Invoice {
    #[custom_field(name = "Seats")]
    seats: Option<u32>,
}

fn main() {}

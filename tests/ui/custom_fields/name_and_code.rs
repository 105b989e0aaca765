use pdx::custom_fields::CustomFields;

#[derive(CustomFields)]
#[custom_fields(entity = "deal")]
struct Invoice {
    #[custom_field(name = "Invoice terms", code = "5b1e4c8d9f0a1b2c3d4e5f60718293a4b5c6d7e8")]
    terms: Option<String>,
}

fn main() {}

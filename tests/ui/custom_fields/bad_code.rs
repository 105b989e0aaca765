use pdx::custom_fields::CustomFields;

#[derive(CustomFields)]
#[custom_fields(entity = "deal")]
struct Invoice {
    #[custom_field(code = "Invoice terms")]
    terms: Option<String>,
}

fn main() {}

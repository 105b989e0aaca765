use pdx::custom_fields::CustomFields;

#[derive(CustomFields)]
#[custom_fields(entity = "deal")]
struct Invoice {
    #[custom_field(name = "Invoice terms")]
    terms: Option<String>,
    budget: Option<f64>,
}

fn main() {}

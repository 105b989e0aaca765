use pdx::custom_fields::{
    Address, CustomFields, DateRange, Monetary, MultipleOptions, OrganizationId, PersonId, SingleOption,
    Time, TimeRange, UserId,
};

#[derive(CustomFields)]
#[custom_fields(entity = "person")]
struct Everything {
    #[custom_field(name = "Text")]
    text: String,
    #[custom_field(code = "birthday")]
    birthday: Option<chrono::NaiveDate>,
    #[custom_field(code = "5b1e4c8d9f0a1b2c3d4e5f60718293a4b5c6d7e8")]
    number: Option<f64>,
    #[custom_field(name = "Money")]
    money: Option<Monetary>,
    #[custom_field(name = "Dates")]
    dates: Option<DateRange>,
    #[custom_field(name = "Time")]
    time: Option<Time>,
    #[custom_field(name = "Times")]
    times: Option<TimeRange>,
    #[custom_field(name = "One")]
    one: Option<SingleOption>,
    #[custom_field(name = "Many")]
    many: MultipleOptions,
    #[custom_field(name = "User")]
    user: Option<UserId>,
    #[custom_field(name = "Person")]
    person: Option<PersonId>,
    #[custom_field(name = "Org")]
    org: Option<OrganizationId>,
    #[custom_field(name = "Address")]
    address: Option<Address>,
}

fn main() {
    assert_eq!(Everything::FIELDS.len(), 13);
}

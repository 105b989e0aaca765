//! Typed views of `data` (and `previous`) for the objects Pipedrive sends events about. Pipedrive documents
//! these shapes only by example ("Guide for Webhooks v2", "Breaking changes in webhooks v2"): the fields of
//! the examples are typed, every field is optional, ids read from numbers or numeric strings, times are kept
//! as sent (formats have varied), and fields pdx does not know are kept in `other`.

use super::custom_field::CustomFields;
use super::flex;
use serde::Deserialize;
use serde_json::{Map, Value};

/// A `Vec<Value>` from an array, or empty.
fn values<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Value>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items,
        _ => Vec::new(),
    })
}

macro_rules! event_view {
    ($(#[$doc:meta])* $name:ident { $($(#[$fdoc:meta])* $field:ident $(as $wire:literal)?: $ty:ty => $reader:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Deserialize)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$fdoc])*
                #[serde(default, deserialize_with = $reader $(, rename = $wire)?)]
                pub $field: $ty,
            )*
            /// Custom fields by key, in their webhook shape.
            #[serde(default)]
            pub custom_fields: CustomFields,
            /// Fields pdx does not type.
            #[serde(flatten)]
            pub other: Map<String, Value>,
        }
    };
}

event_view! {
    /// A deal in a `deal` event.
    DealEvent {
        /// Id.
        id: Option<u64> => "flex::opt_id",
        /// Title.
        title: Option<String> => "flex::opt_text",
        /// `open`, `won`, `lost`.
        status: Option<String> => "flex::opt_text",
        /// Value.
        value: Option<f64> => "flex::opt_number",
        /// Currency code.
        currency: Option<String> => "flex::opt_text",
        /// Pipeline.
        pipeline_id: Option<u64> => "flex::opt_id",
        /// Stage.
        stage_id: Option<u64> => "flex::opt_id",
        /// Person.
        person_id: Option<u64> => "flex::opt_id",
        /// Organization.
        org_id: Option<u64> => "flex::opt_id",
        /// Owner.
        owner_id: Option<u64> => "flex::opt_id",
        /// Creator.
        creator_user_id: Option<u64> => "flex::opt_id",
        /// Labels.
        label_ids: Vec<u64> => "flex::ids",
        /// Win probability.
        probability: Option<f64> => "flex::opt_number",
        /// Visibility (`"3"`: owner's visibility group).
        visible_to: Option<String> => "flex::opt_text",
        /// Lost reason.
        lost_reason: Option<String> => "flex::opt_text",
        /// Expected close date.
        expected_close_date: Option<String> => "flex::opt_text",
        /// Created.
        add_time: Option<String> => "flex::opt_text",
        /// Last updated.
        update_time: Option<String> => "flex::opt_text",
        /// Last stage change.
        stage_change_time: Option<String> => "flex::opt_text",
        /// Closed.
        close_time: Option<String> => "flex::opt_text",
        /// Won.
        won_time: Option<String> => "flex::opt_text",
        /// Lost.
        lost_time: Option<String> => "flex::opt_text",
        /// Origin (e.g. `ManuallyCreated`).
        origin: Option<String> => "flex::opt_text",
    }
}

event_view! {
    /// A person in a `person` event.
    PersonEvent {
        /// Id.
        id: Option<u64> => "flex::opt_id",
        /// Full name.
        name: Option<String> => "flex::opt_text",
        /// First name.
        first_name: Option<String> => "flex::opt_text",
        /// Last name.
        last_name: Option<String> => "flex::opt_text",
        /// Organization.
        org_id: Option<u64> => "flex::opt_id",
        /// Owner.
        owner_id: Option<u64> => "flex::opt_id",
        /// Visibility.
        visible_to: Option<String> => "flex::opt_text",
        /// E-mail addresses (their item shape is not documented for webhooks).
        emails: Vec<Value> => "values",
        /// Phone numbers (their item shape is not documented for webhooks).
        phones: Vec<Value> => "values",
        /// Created.
        add_time: Option<String> => "flex::opt_text",
        /// Last updated.
        update_time: Option<String> => "flex::opt_text",
    }
}

event_view! {
    /// An organization in an `organization` event.
    OrganizationEvent {
        /// Id.
        id: Option<u64> => "flex::opt_id",
        /// Name.
        name: Option<String> => "flex::opt_text",
        /// Owner.
        owner_id: Option<u64> => "flex::opt_id",
        /// Visibility.
        visible_to: Option<String> => "flex::opt_text",
        /// Website (when the feature is on).
        website: Option<String> => "flex::opt_text",
        /// LinkedIn (when the feature is on).
        linkedin: Option<String> => "flex::opt_text",
        /// Industry (when the feature is on).
        industry: Option<String> => "flex::opt_text",
        /// Annual revenue (when the feature is on).
        annual_revenue: Option<f64> => "flex::opt_number",
        /// Employee count (when the feature is on).
        employee_count: Option<f64> => "flex::opt_number",
        /// Created.
        add_time: Option<String> => "flex::opt_text",
        /// Last updated.
        update_time: Option<String> => "flex::opt_text",
    }
}

event_view! {
    /// An activity in an `activity` event.
    ActivityEvent {
        /// Id.
        id: Option<u64> => "flex::opt_id",
        /// Subject.
        subject: Option<String> => "flex::opt_text",
        /// Activity type key (`call`, `meeting`...).
        activity_type as "type": Option<String> => "flex::opt_text",
        /// Whether done.
        done: Option<bool> => "flex::opt_flag",
        /// Due date.
        due_date: Option<String> => "flex::opt_text",
        /// Due time.
        due_time: Option<String> => "flex::opt_text",
        /// Deal.
        deal_id: Option<u64> => "flex::opt_id",
        /// Lead (a UUID).
        lead_id: Option<String> => "flex::opt_text",
        /// Person.
        person_id: Option<u64> => "flex::opt_id",
        /// Organization.
        org_id: Option<u64> => "flex::opt_id",
        /// Owner.
        owner_id: Option<u64> => "flex::opt_id",
        /// Created.
        add_time: Option<String> => "flex::opt_text",
        /// Last updated.
        update_time: Option<String> => "flex::opt_text",
    }
}

event_view! {
    /// A product in a `product` event.
    ProductEvent {
        /// Id.
        id: Option<u64> => "flex::opt_id",
        /// Name.
        name: Option<String> => "flex::opt_text",
        /// Code.
        code: Option<String> => "flex::opt_text",
        /// Unit.
        unit: Option<String> => "flex::opt_text",
        /// Tax percentage.
        tax: Option<f64> => "flex::opt_number",
        /// Owner.
        owner_id: Option<u64> => "flex::opt_id",
        /// Created (`YYYY-MM-DD HH:MM:SS` in older events).
        add_time: Option<String> => "flex::opt_text",
        /// Last updated.
        update_time: Option<String> => "flex::opt_text",
    }
}

event_view! {
    /// A note in a `note` event.
    NoteEvent {
        /// Id.
        id: Option<u64> => "flex::opt_id",
        /// Content (HTML).
        content: Option<String> => "flex::opt_text",
        /// Deal.
        deal_id: Option<u64> => "flex::opt_id",
        /// Lead (a UUID).
        lead_id: Option<String> => "flex::opt_text",
        /// Person.
        person_id: Option<u64> => "flex::opt_id",
        /// Organization.
        org_id: Option<u64> => "flex::opt_id",
        /// Author.
        user_id: Option<u64> => "flex::opt_id",
        /// Created.
        add_time: Option<String> => "flex::opt_text",
        /// Last updated.
        update_time: Option<String> => "flex::opt_text",
    }
}

event_view! {
    /// A pipeline in a `pipeline` event.
    PipelineEvent {
        /// Id.
        id: Option<u64> => "flex::opt_id",
        /// Name.
        name: Option<String> => "flex::opt_text",
        /// Position.
        order_nr: Option<u64> => "flex::opt_id",
        /// Created.
        add_time: Option<String> => "flex::opt_text",
        /// Last updated.
        update_time: Option<String> => "flex::opt_text",
    }
}

event_view! {
    /// A stage in a `stage` event.
    StageEvent {
        /// Id.
        id: Option<u64> => "flex::opt_id",
        /// Name.
        name: Option<String> => "flex::opt_text",
        /// Pipeline.
        pipeline_id: Option<u64> => "flex::opt_id",
        /// Position.
        order_nr: Option<u64> => "flex::opt_id",
        /// Default deal probability.
        deal_probability: Option<f64> => "flex::opt_number",
        /// Created.
        add_time: Option<String> => "flex::opt_text",
        /// Last updated.
        update_time: Option<String> => "flex::opt_text",
    }
}

event_view! {
    /// A user in a `user` event (its `id` is a string in Pipedrive's examples; read here as a number).
    UserEvent {
        /// Id.
        id: Option<u64> => "flex::opt_id",
        /// Name.
        name: Option<String> => "flex::opt_text",
        /// E-mail.
        email: Option<String> => "flex::opt_text",
        /// Whether active (a deactivation is a `change` with `previous.active_flag: true`).
        active_flag: Option<bool> => "flex::opt_flag",
        /// Whether an admin.
        is_admin: Option<bool> => "flex::opt_flag",
    }
}

/// A lead's value (`{"amount", "currency"}` in webhooks).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct LeadValue {
    /// Amount.
    #[serde(default, deserialize_with = "flex::opt_number")]
    pub amount: Option<f64>,
    /// Currency code.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub currency: Option<String>,
}

/// A lead in a `lead` event (its id is a UUID).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct LeadEvent {
    /// Id (a UUID).
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub id: Option<String>,
    /// Title.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub title: Option<String>,
    /// Owner.
    #[serde(default, deserialize_with = "flex::opt_id")]
    pub owner_id: Option<u64>,
    /// Person.
    #[serde(default, deserialize_with = "flex::opt_id")]
    pub person_id: Option<u64>,
    /// Organization.
    #[serde(default, deserialize_with = "flex::opt_id")]
    pub organization_id: Option<u64>,
    /// Value.
    #[serde(default)]
    pub value: Option<LeadValue>,
    /// Expected close date.
    #[serde(default, deserialize_with = "flex::opt_text")]
    pub expected_close_date: Option<String>,
    /// Custom fields by key, in their webhook shape.
    #[serde(default)]
    pub custom_fields: CustomFields,
    /// Fields pdx does not type.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

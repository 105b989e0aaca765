//! Pipedrive's entities, typed: API v2's deals, persons, organizations, activities, products, pipelines,
//! stages and search; leads, notes and users through API v1 until Pipedrive moves them. Documented fields are
//! Rust fields; fields pdx does not name are kept in each entity's `extra` map (forward compatible), custom
//! fields in its [`CustomFieldValues`].

mod activities;
mod calls;
mod deals;
pub(crate) mod endpoints;
mod leads;
mod notes;
mod organizations;
mod persons;
mod pipelines;
mod products;
mod query;
mod search;
mod selection;
mod users;
mod wire;

pub use activities::{
    ActivitiesQuery, Activity, ActivityUpdate, Attendee, NewActivity, Participant,
};
pub use deals::{Deal, DealStatus, DealUpdate, DealsById, DealsQuery, NewDeal};
pub use leads::{Lead, LeadValue};
pub use notes::{NewNote, Note, NotesQuery};
pub use organizations::{Organization, OrganizationsQuery};
pub use persons::{NewPerson, Person, PersonUpdate, PersonsQuery};
pub use pipelines::{Pipeline, PipelinesQuery, Stage, StagesQuery};
pub use products::{Product, ProductPrice, ProductsQuery};
pub use query::{ListQuery, Listed, SortBy, SortDirection};
pub use search::{
    DealHit, EntitySearch, FoundItem, ItemSearch, LeadHit, NamedHit, PersonHit, SearchHit,
    SearchRef,
};
pub use users::{User, UserAccess};
pub use wire::{Address, ContactDetail, CustomFieldValues, VisibleTo};

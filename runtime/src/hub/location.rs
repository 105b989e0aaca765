//! Where an app extension appears in Pipedrive: the menu locations of link actions, JSON modals and custom
//! modals, and the detail views that hold a panel (Pipedrive's docs, *App extensions*:
//! <https://pipedrive.readme.io/docs/app-extensions>).

/// A location of a menu extension (link action, JSON modal, custom modal). Pipedrive may add locations, so
/// matches need a wildcard arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Location {
    /// Deal details.
    DealDetails,
    /// Deals list.
    DealsList,
    /// Person details.
    PersonDetails,
    /// People list.
    PeopleList,
    /// Organization details.
    OrganizationDetails,
    /// Organizations list.
    OrganizationsList,
    /// Activities list.
    ActivitiesList,
}

impl Location {
    /// The id written in `manifest.json`.
    pub fn id(self) -> &'static str {
        match self {
            Location::DealDetails => "deal_details",
            Location::DealsList => "deals_list",
            Location::PersonDetails => "person_details",
            Location::PeopleList => "people_list",
            Location::OrganizationDetails => "organization_details",
            Location::OrganizationsList => "organizations_list",
            Location::ActivitiesList => "activities_list",
        }
    }

    /// The name Developer Hub shows.
    pub fn label(self) -> &'static str {
        match self {
            Location::DealDetails => "Deal details",
            Location::DealsList => "Deals list",
            Location::PersonDetails => "Person details",
            Location::PeopleList => "People list",
            Location::OrganizationDetails => "Organization details",
            Location::OrganizationsList => "Organizations list",
            Location::ActivitiesList => "Activities list",
        }
    }
}

/// A detail view that can hold one panel (JSON or custom UI) per app. Pipedrive may add views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PanelLocation {
    /// Deal details.
    DealDetails,
    /// Person details.
    PersonDetails,
    /// Organization details.
    OrganizationDetails,
}

impl PanelLocation {
    /// The same place as a [`Location`].
    pub fn location(self) -> Location {
        match self {
            PanelLocation::DealDetails => Location::DealDetails,
            PanelLocation::PersonDetails => Location::PersonDetails,
            PanelLocation::OrganizationDetails => Location::OrganizationDetails,
        }
    }
}

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
    /// Every menu location, in the order of [`crate::format::location::MENU_LOCATIONS`].
    pub const ALL: [Location; 7] = [
        Location::DealDetails,
        Location::DealsList,
        Location::PersonDetails,
        Location::PeopleList,
        Location::OrganizationDetails,
        Location::OrganizationsList,
        Location::ActivitiesList,
    ];

    /// This location's `(id, label)` row of the one table both crates read.
    fn row(self) -> (&'static str, &'static str) {
        let index = Self::ALL
            .iter()
            .position(|l| *l == self)
            .unwrap_or_default();
        pdx_format::location::MENU_LOCATIONS[index]
    }

    /// The id written in `manifest.json`.
    pub fn id(self) -> &'static str {
        self.row().0
    }

    /// The name Developer Hub shows.
    pub fn label(self) -> &'static str {
        self.row().1
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_follow_the_format_table() {
        assert_eq!(
            Location::ALL.len(),
            pdx_format::location::MENU_LOCATIONS.len()
        );
        assert_eq!(Location::DealsList.id(), "deals_list");
        assert_eq!(Location::ActivitiesList.label(), "Activities list");
        for view in [
            PanelLocation::DealDetails,
            PanelLocation::PersonDetails,
            PanelLocation::OrganizationDetails,
        ] {
            assert!(pdx_format::location::PANEL_LOCATIONS.contains(&view.location().id()));
        }
    }
}

//! Where an app's extensions sit in Pipedrive: the menu locations of link actions, JSON modals and custom
//! modals, and the detail views that hold panels.

/// The menu locations, `(id, label)`: the id as pdx writes it in its app manifest, the label as Developer Hub
/// shows it. Pipedrive's docs name the locations but give no ids; pdx's ids are the labels in snake case.
///
/// Pipedrive's docs, *Link actions*: <https://pipedrive.readme.io/docs/app-extensions-actions>.
pub const MENU_LOCATIONS: &[(&str, &str)] = &[
    ("deal_details", "Deal details"),
    ("deals_list", "Deals list"),
    ("person_details", "Person details"),
    ("people_list", "People list"),
    ("organization_details", "Organization details"),
    ("organizations_list", "Organizations list"),
    ("activities_list", "Activities list"),
];

/// The detail views that hold panels (JSON or custom UI), by their [`MENU_LOCATIONS`] id.
///
/// Pipedrive's docs, *JSON panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>.
pub const PANEL_LOCATIONS: &[&str] = &["deal_details", "person_details", "organization_details"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panel_locations_are_menu_locations() {
        for id in PANEL_LOCATIONS {
            assert!(MENU_LOCATIONS.iter().any(|(m, _)| m == id), "{id}");
        }
        assert_eq!(
            MENU_LOCATIONS.len() * crate::hub::MAX_EXTENSIONS_PER_LOCATION,
            crate::hub::MAX_MENU_EXTENSIONS
        );
    }
}

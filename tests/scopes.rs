//! `pdx::scope`: every scope Pipedrive documents, parsing the token answer's `scope`, and what a granted set
//! allows.

use pdx::scope::{Scope, ScopeSet};

#[test]
fn every_documented_scope_parses_to_its_variant_with_its_developer_hub_name() {
    let documented = [
        ("base", "Access to basic information"),
        ("deals:read", "Deals: Read only"),
        ("deals:full", "Deals: Full access"),
        ("mail:read", "Mail: Read only"),
        ("mail:full", "Mail: Full access"),
        ("activities:read", "Activities: Read only"),
        ("activities:full", "Activities: Full access"),
        ("contacts:read", "Contacts: Read only"),
        ("contacts:full", "Contacts: Full access"),
        ("products:read", "Products: Read only"),
        ("products:full", "Products: Full access"),
        ("deal-fields:full", "Deal fields: Full access"),
        ("product-fields:full", "Product fields: Full access"),
        ("contact-fields:full", "Contact fields: Full access"),
        ("users:read", "Read users data"),
        ("recents:read", "See recent account activity"),
        ("search:read", "Search for all data"),
        ("admin", "Administer account"),
        ("leads:read", "Leads: Read only"),
        ("leads:full", "Leads: Full access"),
        ("phone-integration", "Call logs"),
        ("goals:read", "Goals: Read only"),
        ("goals:full", "Goals: Full access"),
        ("video-calls", "Video calls integration"),
        ("messengers-integration", "Messaging integration"),
        ("projects:read", "Projects: Read only"),
        ("projects:full", "Projects: Full access"),
        ("webhooks:read", "Webhooks: Read only"),
        ("webhooks:full", "Webhooks: Full access"),
    ];
    assert_eq!(Scope::ALL.len(), documented.len());
    for ((id, name), variant) in documented.iter().zip(Scope::ALL.iter()) {
        let parsed = Scope::parse(id);
        assert_eq!(&parsed, variant, "{id}");
        assert!(parsed.is_known(), "{id}");
        assert_eq!(parsed.id(), *id);
        assert_eq!(parsed.hub_name(), Some(*name), "{id}");
        assert!(!parsed.info().map_or("", |i| i.covers).is_empty(), "{id}");
    }
    assert_eq!(Scope::DealsRead.to_string(), "deals:read");
}

#[test]
fn unknown_scopes_are_kept_not_lost() {
    // Common guesses that are not Pipedrive scopes, and one Pipedrive might add.
    for id in [
        "messengers:full",
        "notes:read",
        "users:full",
        "1337",
        "invoices:read",
    ] {
        let scope = Scope::parse(id);
        assert_eq!(scope, Scope::Other(id.to_owned()));
        assert!(!scope.is_known());
        assert_eq!(scope.hub_name(), None);
        assert_eq!(scope.id(), id);
    }
    // Equality is by id, whichever way the scope was built.
    assert_eq!(Scope::Other("deals:read".into()), Scope::DealsRead);
}

#[test]
fn the_token_answers_scope_parses_and_always_has_base() {
    // The shape Pipedrive's own SDK tests use.
    let granted = ScopeSet::parse("deals:full,users:full,1337");
    assert!(granted.contains(&Scope::Base));
    assert!(granted.contains(&Scope::DealsFull));
    assert!(granted.contains(&Scope::parse("users:full")));
    assert!(granted.contains(&Scope::Other("1337".into())));
    assert_eq!(granted.len(), 4);
    assert_eq!(granted.to_string(), "base,deals:full,1337,users:full");
    // Spaces, empty items and duplicates.
    let messy = ScopeSet::parse(" contacts:read , ,deals:read,contacts:read,base");
    assert_eq!(messy.to_string(), "base,deals:read,contacts:read");
    assert_eq!(ScopeSet::parse("").to_string(), "base");
    assert_eq!(ScopeSet::new().len(), 1);
    assert!(!ScopeSet::new().is_empty());
}

#[test]
fn full_includes_read_and_nothing_else() {
    let granted = ScopeSet::parse("deals:full,contacts:read,admin");
    assert!(granted.allows(&Scope::DealsRead));
    assert!(granted.allows(&Scope::DealsFull));
    assert!(granted.allows(&Scope::ContactsRead));
    assert!(
        !granted.allows(&Scope::ContactsFull),
        "read does not include full"
    );
    assert!(!granted.contains(&Scope::DealsRead), "contains is exact");
    assert!(
        !granted.allows(&Scope::WebhooksFull),
        "admin is not a wildcard"
    );
    assert!(granted.allows_any(&[Scope::WebhooksFull, Scope::Admin]));
    assert!(!granted.allows_any(&[Scope::LeadsRead, Scope::ProjectsRead]));
    assert_eq!(Scope::DealsFull.read_counterpart(), Some(Scope::DealsRead));
    assert_eq!(Scope::DealFieldsFull.read_counterpart(), None);
    assert_eq!(Scope::MailRead.full_counterpart(), Some(Scope::MailFull));
    assert_eq!(Scope::Base.full_counterpart(), None);
    assert!(
        !Scope::parse("x:full").includes(&Scope::parse("x:read")),
        "only documented pairs"
    );
}

#[test]
fn scope_sets_serialize_as_the_token_answers_string() {
    let granted = ScopeSet::parse("deals:read,base");
    let json = serde_json::to_value(&granted).expect("serializes");
    assert_eq!(json, serde_json::json!("base,deals:read"));
    let back: ScopeSet = serde_json::from_value(json).expect("deserializes");
    assert_eq!(back, granted);
    let one: Scope = serde_json::from_str("\"webhooks:full\"").expect("a scope");
    assert_eq!(one, Scope::WebhooksFull);
}

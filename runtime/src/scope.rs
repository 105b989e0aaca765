//! Pipedrive's OAuth scopes, typed: [`Scope`] (every scope Pipedrive documents, and any other it sends) and
//! [`ScopeSet`] (what an installation was granted: the token answer's `scope`).
//!
//! The ids, Developer Hub names and what each scope covers are written once in [`crate::format::scope`], from
//! Pipedrive's *Scopes and permission explanations*
//! (<https://pipedrive.readme.io/docs/marketplace-scopes-and-permissions-explanations>).
//!
//! ```
//! use pdx::scope::{Scope, ScopeSet};
//! let granted = ScopeSet::parse("deals:full,contacts:read");
//! assert!(granted.allows(&Scope::DealsRead)); // `deals:full` includes `deals:read`
//! assert!(granted.allows(&Scope::Base)); // always granted
//! assert!(!granted.allows(&Scope::ContactsFull));
//! assert_eq!(granted.to_string(), "base,deals:full,contacts:read");
//! ```

use pdx_format::scope::{FULL_SUFFIX, READ_SUFFIX, SCOPES, ScopeInfo};
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;
use std::hash::{Hash, Hasher};

/// One OAuth scope. Every scope Pipedrive documents has a variant; any other id Pipedrive sends is kept as
/// [`Scope::Other`], so a scope Pipedrive adds later is carried, not lost.
///
/// Two scopes are equal when their ids are: `Scope::Other("deals:read".into()) == Scope::DealsRead`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Scope {
    /// `base`: Access to basic information (always granted).
    Base,
    /// `deals:read`: Deals: Read only.
    DealsRead,
    /// `deals:full`: Deals: Full access.
    DealsFull,
    /// `mail:read`: Mail: Read only.
    MailRead,
    /// `mail:full`: Mail: Full access.
    MailFull,
    /// `activities:read`: Activities: Read only.
    ActivitiesRead,
    /// `activities:full`: Activities: Full access.
    ActivitiesFull,
    /// `contacts:read`: Contacts: Read only.
    ContactsRead,
    /// `contacts:full`: Contacts: Full access.
    ContactsFull,
    /// `products:read`: Products: Read only.
    ProductsRead,
    /// `products:full`: Products: Full access.
    ProductsFull,
    /// `deal-fields:full`: Deal fields: Full access.
    DealFieldsFull,
    /// `product-fields:full`: Product fields: Full access.
    ProductFieldsFull,
    /// `contact-fields:full`: Contact fields: Full access.
    ContactFieldsFull,
    /// `users:read`: Read users data.
    UsersRead,
    /// `recents:read`: See recent account activity.
    RecentsRead,
    /// `search:read`: Search for all data.
    SearchRead,
    /// `admin`: Administer account.
    Admin,
    /// `leads:read`: Leads: Read only.
    LeadsRead,
    /// `leads:full`: Leads: Full access.
    LeadsFull,
    /// `phone-integration`: Call logs.
    PhoneIntegration,
    /// `goals:read`: Goals: Read only.
    GoalsRead,
    /// `goals:full`: Goals: Full access.
    GoalsFull,
    /// `video-calls`: Video calls integration.
    VideoCalls,
    /// `messengers-integration`: Messaging integration.
    MessengersIntegration,
    /// `projects:read`: Projects: Read only.
    ProjectsRead,
    /// `projects:full`: Projects: Full access.
    ProjectsFull,
    /// `webhooks:read`: Webhooks: Read only.
    WebhooksRead,
    /// `webhooks:full`: Webhooks: Full access.
    WebhooksFull,
    /// A scope pdx does not know, by its id as Pipedrive sent it.
    Other(String),
}

impl Scope {
    /// Every scope Pipedrive documents, in the order of [`crate::format::scope::SCOPES`].
    pub const ALL: [Scope; 29] = [
        Scope::Base,
        Scope::DealsRead,
        Scope::DealsFull,
        Scope::MailRead,
        Scope::MailFull,
        Scope::ActivitiesRead,
        Scope::ActivitiesFull,
        Scope::ContactsRead,
        Scope::ContactsFull,
        Scope::ProductsRead,
        Scope::ProductsFull,
        Scope::DealFieldsFull,
        Scope::ProductFieldsFull,
        Scope::ContactFieldsFull,
        Scope::UsersRead,
        Scope::RecentsRead,
        Scope::SearchRead,
        Scope::Admin,
        Scope::LeadsRead,
        Scope::LeadsFull,
        Scope::PhoneIntegration,
        Scope::GoalsRead,
        Scope::GoalsFull,
        Scope::VideoCalls,
        Scope::MessengersIntegration,
        Scope::ProjectsRead,
        Scope::ProjectsFull,
        Scope::WebhooksRead,
        Scope::WebhooksFull,
    ];

    /// The scope with this id (surrounding spaces ignored): a known variant, else [`Scope::Other`].
    pub fn parse(id: &str) -> Scope {
        let id = id.trim();
        match SCOPES.iter().position(|row| row.id == id) {
            Some(index) => Scope::ALL[index].clone(),
            None => Scope::Other(id.to_owned()),
        }
    }

    /// Index in the format table; `None` for [`Scope::Other`] (even one spelling a known id).
    fn known_index(&self) -> Option<usize> {
        match self {
            Scope::Other(id) => SCOPES.iter().position(|row| row.id == id),
            known => Scope::ALL
                .iter()
                .position(|s| std::mem::discriminant(s) == std::mem::discriminant(known)),
        }
    }

    /// The row of the format table: id, Developer Hub name, what it covers. `None` for a scope Pipedrive does
    /// not document.
    pub fn info(&self) -> Option<&'static ScopeInfo> {
        self.known_index().map(|i| &SCOPES[i])
    }

    /// The id, as in the token answer and Developer Hub (e.g. `deals:read`).
    pub fn id(&self) -> &str {
        match (self.info(), self) {
            (Some(info), _) => info.id,
            (None, Scope::Other(id)) => id,
            (None, _) => "",
        }
    }

    /// The name Developer Hub shows (e.g. `Deals: Read only`); `None` for an unknown scope.
    pub fn hub_name(&self) -> Option<&'static str> {
        self.info().map(|i| i.hub_name)
    }

    /// Whether Pipedrive documents this scope.
    pub fn is_known(&self) -> bool {
        self.info().is_some()
    }

    /// The `:read` scope a `:full` scope includes (`deals:full` → `deals:read`), when Pipedrive has one.
    pub fn read_counterpart(&self) -> Option<Scope> {
        let resource = self.id().strip_suffix(FULL_SUFFIX)?;
        let read = Scope::parse(&format!("{resource}{READ_SUFFIX}"));
        read.is_known().then_some(read)
    }

    /// The `:full` scope that includes this `:read` scope (`deals:read` → `deals:full`), when Pipedrive has one.
    pub fn full_counterpart(&self) -> Option<Scope> {
        let resource = self.id().strip_suffix(READ_SUFFIX)?;
        let full = Scope::parse(&format!("{resource}{FULL_SUFFIX}"));
        full.is_known().then_some(full)
    }

    /// Whether holding `self` lets an app do what `other` lets it: the same scope, or `x:full` for `x:read`.
    /// `admin` is not treated as including anything else: Pipedrive lists its endpoints one by one, and an
    /// endpoint open to several scopes is for the caller (e.g. the API client) to list.
    pub fn includes(&self, other: &Scope) -> bool {
        self == other || other.full_counterpart().as_ref() == Some(self)
    }
}

impl PartialEq for Scope {
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id()
    }
}

impl Eq for Scope {}

impl Hash for Scope {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id().hash(state);
    }
}

/// Pipedrive's documented order first (as in [`Scope::ALL`]), then unknown scopes by id.
impl Ord for Scope {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.known_index(), other.known_index()) {
            (Some(a), Some(b)) => a.cmp(&b),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => self.id().cmp(other.id()),
        }
    }
}

impl PartialOrd for Scope {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl std::str::FromStr for Scope {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Scope::parse(s))
    }
}

impl From<&str> for Scope {
    fn from(s: &str) -> Self {
        Scope::parse(s)
    }
}

impl serde::Serialize for Scope {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> serde::Deserialize<'de> for Scope {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let id = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(Scope::parse(&id))
    }
}

/// The scopes an installation was granted. Always holds [`Scope::Base`] ("always enabled for all apps").
///
/// Displayed comma-separated in Pipedrive's documented order, as the token answer's `scope` is written;
/// serialized as that string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScopeSet(BTreeSet<Scope>);

impl Default for ScopeSet {
    fn default() -> Self {
        Self::new()
    }
}

impl ScopeSet {
    /// Only `base`.
    pub fn new() -> Self {
        Self(BTreeSet::from([Scope::Base]))
    }

    /// The token answer's `scope`: ids separated by commas (spaces around them and empty items ignored, since
    /// Pipedrive does not document the exact format); unknown ids kept as [`Scope::Other`]; `base` added.
    pub fn parse(scope: &str) -> Self {
        scope
            .split(',')
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(Scope::parse)
            .collect()
    }

    /// Adds a scope.
    pub fn insert(&mut self, scope: Scope) {
        self.0.insert(scope);
    }

    /// Whether this exact scope was granted (`base` always is). See [`ScopeSet::allows`] for what a scope
    /// includes.
    pub fn contains(&self, scope: &Scope) -> bool {
        self.0.contains(scope)
    }

    /// Whether the granted scopes let the app do what `scope` lets it: `scope` itself or a scope that includes
    /// it (`deals:full` for `deals:read`).
    pub fn allows(&self, scope: &Scope) -> bool {
        self.0.iter().any(|granted| granted.includes(scope))
    }

    /// Whether any of `scopes` is allowed: an endpoint Pipedrive lists under several scopes needs one of them.
    pub fn allows_any<'a>(&self, scopes: impl IntoIterator<Item = &'a Scope>) -> bool {
        scopes.into_iter().any(|s| self.allows(s))
    }

    /// The granted scopes, in Pipedrive's documented order, unknown ones last.
    pub fn iter(&self) -> impl Iterator<Item = &Scope> {
        self.0.iter()
    }

    /// How many scopes, `base` included.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Never true: `base` is always there. Present for the `len`/`is_empty` pair.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<Scope> for ScopeSet {
    fn from_iter<I: IntoIterator<Item = Scope>>(iter: I) -> Self {
        let mut set = ScopeSet::new();
        set.0.extend(iter);
        set
    }
}

impl fmt::Display for ScopeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, scope) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(scope.id())?;
        }
        Ok(())
    }
}

impl serde::Serialize for ScopeSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for ScopeSet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Ok(ScopeSet::parse(&text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_follow_the_format_table() {
        assert_eq!(Scope::ALL.len(), SCOPES.len());
        for (scope, row) in Scope::ALL.iter().zip(SCOPES) {
            assert_eq!(scope.id(), row.id);
            assert_eq!(Scope::parse(row.id), *scope);
            assert!(
                !matches!(Scope::parse(row.id), Scope::Other(_)),
                "{}",
                row.id
            );
        }
    }

    #[test]
    fn ordering_is_the_documented_one_then_unknown_by_id() {
        let mut scopes = [
            Scope::parse("zeta:read"),
            Scope::WebhooksFull,
            Scope::parse("alpha"),
            Scope::Base,
        ];
        scopes.sort();
        let ids: Vec<&str> = scopes.iter().map(Scope::id).collect();
        assert_eq!(ids, ["base", "webhooks:full", "alpha", "zeta:read"]);
    }
}

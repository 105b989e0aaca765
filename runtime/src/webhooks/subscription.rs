//! What a webhook subscribes to: the event action and object ("Guide for Webhooks v2": `event_action`,
//! `event_object`; the event is `{action}.{object}`, e.g. `change.deal`, `*.*`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// What happened: `create`, `change`, `delete`, or `*` (any) in a subscription. An action Pipedrive adds later
/// is kept as [`EventAction::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventAction {
    /// `create`.
    Create,
    /// `change` (also a merge's surviving object, and a user's deactivation).
    Change,
    /// `delete` (also a merge's removed object).
    Delete,
    /// `*`: every action (subscriptions only).
    All,
    /// An action pdx does not know yet.
    Other(String),
}

impl EventAction {
    /// The value Pipedrive uses.
    pub fn as_str(&self) -> &str {
        match self {
            EventAction::Create => "create",
            EventAction::Change => "change",
            EventAction::Delete => "delete",
            EventAction::All => "*",
            EventAction::Other(s) => s,
        }
    }

    /// Reads Pipedrive's value (any string: unknown ones are kept).
    pub fn parse(value: &str) -> Self {
        match value {
            "create" => EventAction::Create,
            "change" => EventAction::Change,
            "delete" => EventAction::Delete,
            "*" => EventAction::All,
            other => EventAction::Other(other.to_owned()),
        }
    }

    /// Whether a subscription to `self` receives an event of `action` (`*` receives every action).
    pub fn covers(&self, action: &EventAction) -> bool {
        *self == EventAction::All || self == action
    }
}

/// Which kind of object it happened to. Every object Pipedrive documents for webhooks v2 has a variant;
/// `*` (any) in a subscription; an object Pipedrive adds later is kept as [`EventObject::Other`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventObject {
    /// `activity`.
    Activity,
    /// `deal`.
    Deal,
    /// `lead` (webhooks v2 only).
    Lead,
    /// `note`.
    Note,
    /// `organization`.
    Organization,
    /// `person`.
    Person,
    /// `pipeline`.
    Pipeline,
    /// `product`.
    Product,
    /// `stage`.
    Stage,
    /// `user`.
    User,
    /// `deal_installment`.
    DealInstallment,
    /// `deal_product`.
    DealProduct,
    /// `board` (Projects).
    Board,
    /// `phase` (Projects).
    Phase,
    /// `project`.
    Project,
    /// `task` (Projects).
    Task,
    /// `*`: every object (subscriptions only).
    All,
    /// An object pdx does not know yet.
    Other(String),
}

/// Every documented object with its value: the one table both directions read.
const OBJECTS: [(EventObject, &str); 17] = [
    (EventObject::Activity, "activity"),
    (EventObject::Deal, "deal"),
    (EventObject::Lead, "lead"),
    (EventObject::Note, "note"),
    (EventObject::Organization, "organization"),
    (EventObject::Person, "person"),
    (EventObject::Pipeline, "pipeline"),
    (EventObject::Product, "product"),
    (EventObject::Stage, "stage"),
    (EventObject::User, "user"),
    (EventObject::DealInstallment, "deal_installment"),
    (EventObject::DealProduct, "deal_product"),
    (EventObject::Board, "board"),
    (EventObject::Phase, "phase"),
    (EventObject::Project, "project"),
    (EventObject::Task, "task"),
    (EventObject::All, "*"),
];

impl EventObject {
    /// The value Pipedrive uses.
    pub fn as_str(&self) -> &str {
        if let EventObject::Other(s) = self {
            return s;
        }
        OBJECTS
            .iter()
            .find(|(o, _)| o == self)
            .map_or("", |(_, s)| s)
    }

    /// Reads Pipedrive's value (any string: unknown ones are kept).
    pub fn parse(value: &str) -> Self {
        OBJECTS
            .iter()
            .find(|(_, s)| *s == value)
            .map_or_else(|| EventObject::Other(value.to_owned()), |(o, _)| o.clone())
    }

    /// Whether a subscription to `self` receives an event about `object` (`*` receives every object).
    pub fn covers(&self, object: &EventObject) -> bool {
        *self == EventObject::All || self == object
    }
}

macro_rules! text_serde {
    ($ty:ty) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = super::flex::text(d)?;
                Ok(Self::parse(&text))
            }
        }
    };
}

text_serde!(EventAction);
text_serde!(EventObject);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_object_round_trips_and_unknown_ones_are_kept() {
        for (object, text) in OBJECTS {
            assert_eq!(EventObject::parse(text), object);
            assert_eq!(object.as_str(), text);
        }
        assert_eq!(
            EventObject::parse("deal_field"),
            EventObject::Other("deal_field".into())
        );
        assert_eq!(EventObject::parse("deal_field").as_str(), "deal_field");
        assert_eq!(EventAction::parse("merge").as_str(), "merge");
    }

    #[test]
    fn star_covers_everything_and_a_value_only_itself() {
        assert!(EventObject::All.covers(&EventObject::Deal));
        assert!(EventObject::Deal.covers(&EventObject::Deal));
        assert!(!EventObject::Deal.covers(&EventObject::Person));
        assert!(EventAction::All.covers(&EventAction::Delete));
        assert!(!EventAction::Change.covers(&EventAction::Create));
    }
}

//! What the typed check knows while it serializes a response: where each value sits ([`Place`]), what a map or a
//! sequence there holds ([`Members`], [`Items`]), the rules it runs on each scalar, and what it collects
//! ([`State`]): the problems in the order of the schema check, or the first value off the structure's shape.

use super::field_type::FieldType;
use super::limits::MAX_OBJECTS;
use super::object_structure::PanelKind;
use super::plan::Plan;
use super::response_words::{Spot, markdown_not_true, unknown_label_colour};
use super::value::LabelColor;
use super::value_rules::{
    external_link_label_rules, label_rules, markdown_rules, string_rules, too_many_objects,
};
use crate::problem::{Problems, Quoted, pointer_push};
use crate::script_url;
use std::cell::RefCell;
use std::fmt;

/// Where the value being serialized sits in the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Root,
    Data,
    /// One object: of a multiple-object `data` (its index) or the single object (`None`).
    Object(Option<usize>),
    /// A field value: the object's index (as above) and the field's index in the structure.
    Field(Option<usize>, usize),
    /// A part of a field value in its object form (`{"markdown", "value"}`, a label's `label`, a tag...).
    Part(Option<usize>, usize, Part),
    ExternalLink,
    Settings,
    /// A string member of `external_link` or `settings`.
    Footer(Footer),
    /// Nothing to check here (the value is off shape already).
    Off,
}

/// A member of a field value in its object form, or one tag of a `tags` value (its index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    MarkdownFlag,
    MarkdownValue,
    LinkValue,
    LinkExternal,
    LinkLabel,
    CurrencyCode,
    CurrencyValue,
    LabelColor,
    LabelText,
    Tag(usize),
}

/// A string member of the footer links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Footer {
    ExternalLinkUrl,
    ExternalLinkLabel,
    SettingsUrl,
}

impl Footer {
    fn pointer(self) -> &'static str {
        match self {
            Footer::ExternalLinkUrl => "/external_link/url",
            Footer::ExternalLinkLabel => "/external_link/label",
            Footer::SettingsUrl => "/settings/url",
        }
    }
}

/// The members of an object-form value: `(key, part, required)`.
fn parts(field_type: FieldType) -> &'static [(&'static str, Part, bool)] {
    match field_type {
        FieldType::Text => &[
            ("markdown", Part::MarkdownFlag, true),
            ("value", Part::MarkdownValue, true),
        ],
        FieldType::Link => &[
            ("value", Part::LinkValue, true),
            ("external", Part::LinkExternal, true),
            ("label", Part::LinkLabel, false),
        ],
        FieldType::Currency => &[
            ("code", Part::CurrencyCode, true),
            ("value", Part::CurrencyValue, true),
        ],
        FieldType::Label => &[
            ("color", Part::LabelColor, true),
            ("label", Part::LabelText, true),
        ],
        _ => &[],
    }
}

/// A value as the observer sees it, for the rules and for the words of a finding.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scalar<'v> {
    Null,
    Bool(bool),
    Number,
    Str(&'v str),
    /// Not a scalar: a map, a sequence or bytes where a scalar (or another container) belongs.
    Container(&'static str),
}

/// `a boolean `true``, `a string `"x"``, `null`: as the schema check describes a found value.
impl fmt::Display for Scalar<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Null => f.write_str("null"),
            Scalar::Bool(b) => write!(f, "a boolean `{b}`"),
            Scalar::Number => f.write_str("a number"),
            Scalar::Str(s) => write!(f, "a string `{}`", Quoted(s)),
            Scalar::Container(what) => f.write_str(what),
        }
    }
}

/// The first value found off the structure's shape: where, and in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OffShape {
    pub(crate) pointer: String,
    pub(crate) message: String,
}

/// What one pass collects.
pub(crate) struct State<'p> {
    pub(crate) plan: &'p Plan,
    /// The first value not of the shape the structure expects (then the rest is not checked).
    pub(crate) off_shape: Option<OffShape>,
    /// Objects in a multiple-object `data`.
    pub(crate) objects: usize,
    /// The footer links' problems (the schema check reports them before those of `data`).
    links: Problems,
    /// The problems of `data`, in document order.
    data: Problems,
}

impl<'p> State<'p> {
    pub(crate) fn new(plan: &'p Plan) -> Self {
        Self {
            plan,
            off_shape: None,
            objects: 0,
            links: Problems::new(),
            data: Problems::new(),
        }
    }

    /// Notes the first value off shape; the words are written only for the first.
    pub(crate) fn off(
        &mut self,
        pointer: impl FnOnce() -> String,
        message: impl FnOnce() -> String,
    ) {
        if self.off_shape.is_none() {
            self.off_shape = Some(OffShape {
                pointer: pointer(),
                message: message(),
            });
        }
    }

    /// The problems in the order of the schema check: `data`'s size, the footer links, then `data`.
    pub(crate) fn into_problems(self) -> Problems {
        let mut problems = Problems::new();
        if self.objects > MAX_OBJECTS {
            problems.error("/data", too_many_objects(self.objects));
        }
        problems.extend(self.links);
        problems.extend(self.data);
        problems
    }

    /// The pointer of a place.
    fn pointer(&self, place: Place) -> String {
        match place {
            Place::Root | Place::Off => String::new(),
            Place::Data | Place::Object(None) => "/data".to_owned(),
            Place::Object(Some(i)) => pointer_push("/data", i),
            Place::Field(object, field) => field_pointer(self.plan, object, field),
            Place::Part(object, field, part) => {
                let at = field_pointer(self.plan, object, field);
                match part {
                    Part::Tag(i) => pointer_push(&at, i),
                    part => pointer_push(&at, part_key(self.plan.types[field], part)),
                }
            }
            Place::ExternalLink => "/external_link".to_owned(),
            Place::Settings => "/settings".to_owned(),
            Place::Footer(footer) => footer.pointer().to_owned(),
        }
    }

    /// Where a place sits, in the words of [`Spot`]; `None` inside a footer link's member.
    fn spot(&self, place: Place) -> Option<Spot<'p>> {
        let plan = self.plan;
        Some(match place {
            Place::Root => Spot::Root,
            Place::Data => Spot::Data(plan.kind),
            Place::Object(None) => Spot::Data(PanelKind::Single),
            Place::Object(Some(_)) => Spot::Object,
            Place::Field(_, field) | Place::Part(_, field, _) => Spot::Field {
                key: &plan.keys[field],
                field_type: plan.types[field],
                required: plan.required & (1 << field) != 0,
            },
            Place::ExternalLink => Spot::ExternalLink,
            Place::Settings => Spot::Settings,
            Place::Footer(_) | Place::Off => return None,
        })
    }

    /// Notes that `found` at `place` is not of the shape the structure expects there.
    pub(crate) fn wrong_value(&mut self, place: Place, found: Scalar<'_>) {
        if place == Place::Off || self.off_shape.is_some() {
            return;
        }
        let pointer = self.pointer(place);
        let message = match (place, self.spot(place)) {
            (Place::Part(_, _, Part::LabelColor), _) => unknown_label_colour(&found),
            (Place::Part(_, _, Part::MarkdownFlag), _) => markdown_not_true(&found),
            (Place::Part(_, _, part), Some(spot)) => {
                spot.inside(&format!("expected {}, found {found}", part_expects(part)))
            }
            (_, Some(spot)) => spot.wrong_type(&found, matches!(found, Scalar::Null)),
            (_, None) => format!("expected a string, found {found}"),
        };
        self.off(|| pointer, || message);
    }

    /// Notes an unknown (or repeated) member `key` of the map or struct at `members`.
    pub(crate) fn unknown_member(&mut self, members: Members, key: &str, repeated: bool) {
        let Some(place) = members.place() else { return };
        let at = self.pointer(place);
        let message = match self.spot(place) {
            _ if repeated => format!("`{key}` is written twice"),
            Some(spot) => spot.unknown_key(key),
            None => format!("unknown key `{key}`"),
        };
        self.off(|| pointer_push(&at, key), || message);
    }

    /// Notes that the map or struct at `members` lacks the required member of bit `bit`.
    pub(crate) fn missing_member(&mut self, members: Members, bit: usize) {
        let Some(place) = members.place() else { return };
        let key = match members {
            Members::Root => "data",
            Members::Object(_) => self.plan.keys[bit].as_str(),
            Members::Parts(_, _, field_type) => parts(field_type)[bit].0,
            Members::ExternalLink => ["url", "label"][bit],
            Members::Settings | Members::Off => "url",
        };
        let at = self.pointer(place);
        let message = match self.spot(place) {
            Some(spot) => spot.missing(key),
            None => format!("missing `{key}`"),
        };
        self.off(|| at, || message);
    }
}

/// The key of a part of a field's object form.
fn part_key(field_type: FieldType, part: Part) -> &'static str {
    parts(field_type)
        .iter()
        .find(|(_, p, _)| *p == part)
        .map_or("", |(k, ..)| *k)
}

/// What a part holds, for a finding.
fn part_expects(part: Part) -> &'static str {
    match part {
        Part::MarkdownFlag => "`true`",
        Part::LinkExternal => "a boolean",
        Part::CurrencyValue => "a number",
        Part::LabelColor => "a colour name",
        Part::MarkdownValue
        | Part::LinkValue
        | Part::LinkLabel
        | Part::CurrencyCode
        | Part::LabelText
        | Part::Tag(_) => "a string",
    }
}

/// The pointer of a field value: `/data/<key>` or `/data/<index>/<key>`.
fn field_pointer(plan: &Plan, object: Option<usize>, field: usize) -> String {
    let data = match object {
        Some(i) => pointer_push("/data", i),
        None => "/data".to_owned(),
    };
    pointer_push(&data, &plan.keys[field])
}

/// Observes one scalar at `place`: runs its rules, or notes that it is off shape.
pub(crate) fn scalar(state: &RefCell<State<'_>>, place: Place, value: Scalar<'_>) {
    if place == Place::Off {
        return;
    }
    let mut state = state.borrow_mut();
    let state = &mut *state;
    let fits = match place {
        Place::Field(object, field) => field_scalar(state, object, field, value),
        Place::Part(object, field, part) => part_scalar(state, object, field, part, value),
        Place::Footer(footer) => match value {
            Scalar::Str(s) => {
                match footer {
                    Footer::ExternalLinkLabel => external_link_label_rules(s, &mut state.links),
                    url => script_url::check_url(s, &|| url.pointer().to_owned(), &mut state.links),
                }
                true
            }
            _ => false,
        },
        _ => false,
    };
    if !fits {
        state.wrong_value(place, value);
    }
}

/// A scalar as a field's value: whether it fits the field's type (its rules run when it does).
fn field_scalar(
    state: &mut State<'_>,
    object: Option<usize>,
    field: usize,
    value: Scalar<'_>,
) -> bool {
    let field_type = state.plan.types[field];
    match value {
        Scalar::Null => state.plan.required & (1 << field) == 0,
        Scalar::Number => field_type == FieldType::Numerical,
        Scalar::Str(s) if field_type.is_string() => {
            let plan = state.plan;
            string_rules(
                field_type,
                s,
                &|| field_pointer(plan, object, field),
                &mut state.data,
            );
            true
        }
        _ => false,
    }
}

/// A scalar as a member of a field's object form: whether it fits (its rules run when it does).
fn part_scalar(
    state: &mut State<'_>,
    object: Option<usize>,
    field: usize,
    part: Part,
    value: Scalar<'_>,
) -> bool {
    let plan = state.plan;
    let at = |key: &str| pointer_push(&field_pointer(plan, object, field), key);
    match (part, value) {
        (Part::MarkdownFlag, Scalar::Bool(b)) => b,
        (Part::LinkExternal, Scalar::Bool(_)) | (Part::CurrencyValue, Scalar::Number) => true,
        (Part::LabelColor, Scalar::Str(s)) => LabelColor::ALL.iter().any(|c| c.name() == s),
        (Part::LabelText, Scalar::Str(s)) => {
            label_rules(s, &|| at("label"), &mut state.data);
            true
        }
        (Part::MarkdownValue, Scalar::Str(s)) => {
            markdown_rules(s, &|| at("value"), &mut state.data);
            true
        }
        (Part::LinkValue, Scalar::Str(s)) => {
            script_url::check_url(s, &|| at("value"), &mut state.data);
            true
        }
        (Part::LinkLabel | Part::CurrencyCode | Part::Tag(_), Scalar::Str(_)) => true,
        _ => false,
    }
}

/// What a map or struct at a place holds, and the place of its members.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Members {
    Root,
    Object(Option<usize>),
    Parts(Option<usize>, usize, FieldType),
    ExternalLink,
    Settings,
    Off,
}

impl Members {
    /// The members of a map or struct at `place`; a place that holds no map is off shape.
    pub(crate) fn of(state: &RefCell<State<'_>>, place: Place) -> Members {
        let mut state = state.borrow_mut();
        let members = match place {
            Place::Root => Members::Root,
            Place::Data if state.plan.kind == PanelKind::Single => Members::Object(None),
            Place::Object(object) => Members::Object(object),
            Place::Field(object, field) if !parts(state.plan.types[field]).is_empty() => {
                Members::Parts(object, field, state.plan.types[field])
            }
            Place::ExternalLink => Members::ExternalLink,
            Place::Settings => Members::Settings,
            _ => Members::Off,
        };
        if matches!(members, Members::Off) {
            state.wrong_value(place, Scalar::Container("an object"));
        }
        members
    }

    /// The place of the map or struct itself.
    pub(crate) fn place(self) -> Option<Place> {
        Some(match self {
            Members::Root => Place::Root,
            Members::Object(object) => Place::Object(object),
            Members::Parts(object, field, _) => Place::Field(object, field),
            Members::ExternalLink => Place::ExternalLink,
            Members::Settings => Place::Settings,
            Members::Off => return None,
        })
    }

    /// The member `key`: its bit (for `seen` and `required`) and its place; `None` when the key is unknown.
    pub(crate) fn member(
        self,
        plan: &Plan,
        key: &str,
        last: Option<usize>,
    ) -> Option<(usize, Place)> {
        const ROOT: [&str; 3] = ["data", "external_link", "settings"];
        match self {
            Members::Root => {
                let i = ROOT.iter().position(|k| *k == key)?;
                let place = [Place::Data, Place::ExternalLink, Place::Settings][i];
                Some((i, place))
            }
            Members::Object(object) => {
                let field = plan.field(key, last)?;
                Some((field, Place::Field(object, field)))
            }
            Members::Parts(object, field, field_type) => {
                let parts = parts(field_type);
                // The members come in the documented order: try the one after the last first.
                let guess = last.map_or(0, |i| i + 1);
                let i = match parts.get(guess) {
                    Some((k, ..)) if *k == key => guess,
                    _ => parts.iter().position(|(k, ..)| *k == key)?,
                };
                Some((i, Place::Part(object, field, parts[i].1)))
            }
            Members::ExternalLink => match key {
                "url" => Some((0, Place::Footer(Footer::ExternalLinkUrl))),
                "label" => Some((1, Place::Footer(Footer::ExternalLinkLabel))),
                _ => None,
            },
            Members::Settings => (key == "url").then_some((0, Place::Footer(Footer::SettingsUrl))),
            Members::Off => Some((0, Place::Off)),
        }
    }

    /// The bits of the members that must be there (and not null).
    pub(crate) fn required(self, plan: &Plan, seen: u64) -> u64 {
        match self {
            Members::Root => 0b1,
            // `{}` is "nothing to show" in a single-object panel, whatever is required.
            Members::Object(None) if seen == 0 => 0,
            Members::Object(_) => plan.required,
            // The required members of `parts(field_type)`: all but a link's `label`.
            Members::Parts(_, _, FieldType::Link) => 0b011,
            Members::Parts(..) => 0b11,
            Members::ExternalLink => 0b11,
            Members::Settings => 0b1,
            Members::Off => 0,
        }
    }
}

/// What the items of a sequence are.
#[derive(Clone, Copy)]
pub(crate) enum Items {
    Objects,
    Tags(Option<usize>, usize),
    Off,
}

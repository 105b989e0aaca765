//! The typed response check: serializes a [`PanelResponse`] to its JSON bytes and checks it in the same pass,
//! without building a `serde_json::Value`.
//!
//! A `#[derive(JsonPanel)]` type has the shape its data structure describes, so what is left to check are the
//! values: text truncation, real dates and times, label texts, the number of objects, the external link's label.
//! `Observer` is a `serde::Serializer` that forwards every call to serde_json's serializer and, for each value,
//! knows where it sits in the response (a `Place`): it runs the same rules as
//! [`DataStructure::check_response`](super::DataStructure::check_response) on the values as they stream by.
//!
//! When a value does not have the shape the structure expects (a hand-written `Serialize`, a
//! `skip_serializing_if` on a required field, a `NaN` amount...), the observer notes it and the response is
//! checked again by the schema path, so the problems reported are always those of `check_response`.

use super::check::{
    external_link_label_rules, label_rules, string_rules, text_rules, too_many_objects,
};
use super::data_structure::DataStructure;
use super::limits::MAX_OBJECTS;
use super::panel_response::PanelResponse;
use super::response::PanelError;
use super::structure::{FieldType, ObjectStructure, PanelKind};
use super::{JsonPanel, LabelColor};
use crate::problem::{Problems, pointer_push};
use serde::ser::{self, Impossible, Serialize, Serializer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt::{self, Display};

/// A serialized response with the problems found while serializing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedJson {
    /// The compact JSON body, byte for byte what `serde_json::to_vec` writes.
    pub bytes: Vec<u8>,
    /// What [`DataStructure::check_response`](super::DataStructure::check_response) reports for this body.
    pub problems: Problems,
}

impl<T: JsonPanel> PanelResponse<T> {
    /// Serializes this response and checks it against `T`'s data structure in one pass: the same problems as
    /// [`check`](Self::check), at the cost of serializing the response once (see the module doc of
    /// `pdx::panel::checked`).
    pub fn to_checked_json(&self) -> CheckedJson {
        check_while_serializing(self, T::data_structure())
    }
}

impl PanelError {
    /// Serializes the error state and checks it as [`check`](Self::check) does, without a `serde_json::Value`.
    pub fn to_checked_json(&self) -> CheckedJson {
        match serde_json::to_vec(self) {
            Ok(bytes) => CheckedJson {
                bytes,
                problems: super::check::check_error_title(self.title()),
            },
            Err(e) => unserializable(&e),
        }
    }
}

fn unserializable(e: &serde_json::Error) -> CheckedJson {
    let mut problems = Problems::new();
    problems.error("", format!("the response cannot be serialized: {e}"));
    CheckedJson {
        bytes: Vec::new(),
        problems,
    }
}

/// Serializes `response` and checks it against `structure`; falls back to the schema path when the shape is off.
pub(crate) fn check_while_serializing<R: Serialize>(
    response: &R,
    structure: &DataStructure,
) -> CheckedJson {
    let plan = structure.checker().plan();
    let state = RefCell::new(State::new(plan));
    let mut out = serde_json::Serializer::new(Vec::with_capacity(plan.size_hint));
    let observer = Observer {
        inner: &mut out,
        state: &state,
        place: if plan.fits { Place::Root } else { Place::Off },
    };
    if let Err(e) = response.serialize(observer) {
        return unserializable(&e);
    }
    let bytes = out.into_inner();
    let state = state.into_inner();
    if state.off_shape || !plan.fits {
        let problems = match serde_json::to_value(response) {
            Ok(value) => structure.check_response(&value),
            Err(e) => return unserializable(&e),
        };
        return CheckedJson { bytes, problems };
    }
    CheckedJson {
        bytes,
        problems: state.into_problems(),
    }
}

// ---------------------------------------------------------------------------------------------------------------
// The plan: what the structure expects, prepared once per data structure
// ---------------------------------------------------------------------------------------------------------------

/// One data structure, prepared for the typed check (built with its response checker, once).
#[derive(Debug)]
pub(crate) struct Plan {
    kind: PanelKind,
    /// Field keys, types and `required`, in the structure's order.
    keys: Vec<String>,
    types: Vec<FieldType>,
    index: HashMap<String, usize>,
    /// Bit `i` set: field `i` is in `required`.
    required: u64,
    /// At most 64 fields (a bit each); a larger structure is checked by the schema path.
    fits: bool,
    /// A first guess at the body's size, so the buffer rarely grows.
    size_hint: usize,
}

impl Plan {
    pub(crate) fn new(kind: PanelKind, object: &ObjectStructure) -> Self {
        let keys: Vec<String> = object.properties.keys().cloned().collect();
        let types = object.properties.values().map(|d| d.field_type).collect();
        let index: HashMap<String, usize> = keys
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
        let mut required = 0u64;
        for key in &object.required {
            if let Some(&i) = index.get(key)
                && i < 64
            {
                required |= 1 << i;
            }
        }
        let objects = match kind {
            PanelKind::Single => 1,
            PanelKind::Multiple => MAX_OBJECTS,
        };
        Self {
            kind,
            fits: keys.len() <= 64,
            size_hint: 64 + objects * 48 * keys.len().max(1),
            keys,
            types,
            index,
            required,
        }
    }

    /// The index of field `key`, trying first the field after `after` (derived types serialize in order).
    fn field(&self, key: &str, after: Option<usize>) -> Option<usize> {
        let guess = after.map_or(0, |i| i + 1);
        if self.keys.get(guess).is_some_and(|k| k == key) {
            return Some(guess);
        }
        self.index.get(key).copied()
    }
}

// ---------------------------------------------------------------------------------------------------------------
// Where a value sits
// ---------------------------------------------------------------------------------------------------------------

/// Where the value being serialized sits in the response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Data,
    /// One object: of a multiple-object `data` (its index) or the single object (`None`).
    Object(Option<usize>),
    /// A field value: the object's index (as above) and the field's index in the structure.
    Field(Option<usize>, usize),
    /// A part of a field value in its object form (`{"markdown", "value"}`, a label's `label`...).
    Part(Option<usize>, usize, Part),
    ExternalLink,
    Settings,
    /// A string member of `external_link` or `settings`: `true` for `external_link.label`.
    LinkString(bool),
    /// Nothing to check here (the value is off shape, or the structure is checked by the schema path).
    Off,
}

/// A member of a field value in its object form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    MarkdownFlag,
    MarkdownValue,
    LinkValue,
    LinkExternal,
    LinkLabel,
    CurrencyCode,
    CurrencyValue,
    LabelColor,
    LabelText,
    Tag,
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

/// A scalar as the observer sees it.
enum Scalar<'v> {
    Null,
    Bool(bool),
    Number,
    Str(&'v str),
}

// ---------------------------------------------------------------------------------------------------------------
// What the pass collects
// ---------------------------------------------------------------------------------------------------------------

struct State<'p> {
    plan: &'p Plan,
    /// Some value is not of the shape the structure expects: the schema path decides.
    off_shape: bool,
    /// Objects in a multiple-object `data`.
    objects: usize,
    /// The external link's label problems (the schema path reports them before those of `data`).
    link_label: Problems,
    /// The problems of `data`, in document order.
    data: Problems,
}

impl<'p> State<'p> {
    fn new(plan: &'p Plan) -> Self {
        Self {
            plan,
            off_shape: false,
            objects: 0,
            link_label: Problems::new(),
            data: Problems::new(),
        }
    }

    /// The problems in the order of the schema path: `data`'s size, the external link, then `data`.
    fn into_problems(self) -> Problems {
        let mut problems = Problems::new();
        if self.objects > MAX_OBJECTS {
            problems.error("/data", too_many_objects(self.objects));
        }
        problems.extend(self.link_label);
        problems.extend(self.data);
        problems
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
fn scalar(state: &RefCell<State<'_>>, place: Place, value: Scalar<'_>) {
    if place == Place::Off {
        return;
    }
    let mut state = state.borrow_mut();
    let state = &mut *state;
    let fits = match (place, value) {
        (Place::Off, _) => true,
        (Place::Field(object, field), value) => {
            let field_type = state.plan.types[field];
            match value {
                Scalar::Null => state.plan.required & (1 << field) == 0,
                Scalar::Number => field_type == FieldType::Numerical,
                Scalar::Bool(_) => false,
                Scalar::Str(s) if field_type.is_string() => {
                    let plan = state.plan;
                    let at = || field_pointer(plan, object, field);
                    string_rules(field_type, s, &at, &mut state.data);
                    true
                }
                Scalar::Str(_) => false,
            }
        }
        (Place::Part(object, field, part), value) => match (part, value) {
            (Part::MarkdownFlag, Scalar::Bool(b)) => b,
            (Part::LinkExternal, Scalar::Bool(_)) => true,
            (Part::CurrencyValue, Scalar::Number) => true,
            (Part::LabelColor, Scalar::Str(s)) => LabelColor::ALL.iter().any(|c| c.name() == s),
            (Part::MarkdownValue | Part::LabelText, Scalar::Str(s)) => {
                let plan = state.plan;
                if part == Part::LabelText {
                    let at = || pointer_push(&field_pointer(plan, object, field), "label");
                    label_rules(s, &at, &mut state.data);
                } else {
                    let at = || pointer_push(&field_pointer(plan, object, field), "value");
                    text_rules(s, &at, &mut state.data);
                }
                true
            }
            (
                Part::LinkValue | Part::LinkLabel | Part::CurrencyCode | Part::Tag,
                Scalar::Str(_),
            ) => true,
            _ => false,
        },
        (Place::LinkString(is_label), Scalar::Str(s)) => {
            if is_label {
                external_link_label_rules(s, &mut state.link_label);
            }
            true
        }
        _ => false,
    };
    if !fits {
        state.off_shape = true;
    }
}

/// What a map or struct at `place` holds, and the place of its members.
#[derive(Debug, Clone, Copy)]
enum Members {
    Root,
    Object(Option<usize>),
    Parts(Option<usize>, usize, FieldType),
    ExternalLink,
    Settings,
    Off,
}

impl Members {
    fn of(state: &RefCell<State<'_>>, place: Place) -> Members {
        let mut state = state.borrow_mut();
        let members = match place {
            Place::Root => Members::Root,
            Place::Data if state.plan.kind == PanelKind::Single => Members::Object(None),
            Place::Object(object) => Members::Object(object),
            Place::Field(object, field) => {
                let field_type = state.plan.types[field];
                if parts(field_type).is_empty() {
                    Members::Off
                } else {
                    Members::Parts(object, field, field_type)
                }
            }
            Place::ExternalLink => Members::ExternalLink,
            Place::Settings => Members::Settings,
            Place::Off => return Members::Off,
            _ => Members::Off,
        };
        if matches!(members, Members::Off) {
            state.off_shape = true;
        }
        members
    }

    /// The member `key`: its bit (for `seen` and `required`) and its place; `None` when the key is unknown.
    fn member(self, plan: &Plan, key: &str, last: Option<usize>) -> Option<(usize, Place)> {
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
                "url" => Some((0, Place::LinkString(false))),
                "label" => Some((1, Place::LinkString(true))),
                _ => None,
            },
            Members::Settings => (key == "url").then_some((0, Place::LinkString(false))),
            Members::Off => Some((0, Place::Off)),
        }
    }

    /// The bits of the members that must be there (and not null).
    fn required(self, plan: &Plan, seen: u64) -> u64 {
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

// ---------------------------------------------------------------------------------------------------------------
// The serializer
// ---------------------------------------------------------------------------------------------------------------

/// A serializer that forwards to `S` and observes each value at its place.
struct Observer<'s, 'p, S> {
    inner: S,
    state: &'s RefCell<State<'p>>,
    place: Place,
}

/// A value to serialize at a place, through an [`Observer`] over whatever serializer serde_json hands it.
struct At<'s, 'p, 'v, T: ?Sized> {
    value: &'v T,
    state: &'s RefCell<State<'p>>,
    place: Place,
}

impl<T: Serialize + ?Sized> Serialize for At<'_, '_, '_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Observer {
            inner: serializer,
            state: self.state,
            place: self.place,
        })
    }
}

impl<'s, 'p, S: Serializer> Observer<'s, 'p, S> {
    fn scalar(&self, value: Scalar<'_>) {
        scalar(self.state, self.place, value);
    }

    fn off(&self) {
        if self.place != Place::Off {
            self.state.borrow_mut().off_shape = true;
        }
    }

    fn map<C>(&self, inner: C) -> MapObserver<'s, 'p, C> {
        MapObserver {
            inner,
            state: self.state,
            members: Members::of(self.state, self.place),
            seen: 0,
            last: None,
            pending: Place::Off,
        }
    }

    fn seq<C>(&self, inner: C) -> SeqObserver<'s, 'p, C> {
        let (items, count) = match self.place {
            Place::Data if self.state.borrow().plan.kind == PanelKind::Multiple => {
                (Items::Objects, true)
            }
            Place::Field(object, field)
                if self.state.borrow().plan.types[field] == FieldType::Tags =>
            {
                (Items::Tags(object, field), false)
            }
            Place::Off => (Items::Off, false),
            _ => {
                self.off();
                (Items::Off, false)
            }
        };
        SeqObserver {
            inner,
            state: self.state,
            items,
            count,
            next: 0,
        }
    }
}

/// What the items of a sequence are.
#[derive(Clone, Copy)]
enum Items {
    Objects,
    Tags(Option<usize>, usize),
    Off,
}

impl<'s, 'p, S: Serializer> Serializer for Observer<'s, 'p, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = SeqObserver<'s, 'p, S::SerializeSeq>;
    type SerializeTuple = SeqObserver<'s, 'p, S::SerializeTuple>;
    type SerializeTupleStruct = SeqObserver<'s, 'p, S::SerializeTupleStruct>;
    type SerializeTupleVariant = SeqObserver<'s, 'p, S::SerializeTupleVariant>;
    type SerializeMap = MapObserver<'s, 'p, S::SerializeMap>;
    type SerializeStruct = MapObserver<'s, 'p, S::SerializeStruct>;
    type SerializeStructVariant = MapObserver<'s, 'p, S::SerializeStructVariant>;

    fn serialize_bool(self, v: bool) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Bool(v));
        self.inner.serialize_bool(v)
    }
    fn serialize_i8(self, v: i8) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Number);
        self.inner.serialize_i8(v)
    }
    fn serialize_i16(self, v: i16) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Number);
        self.inner.serialize_i16(v)
    }
    fn serialize_i32(self, v: i32) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Number);
        self.inner.serialize_i32(v)
    }
    fn serialize_i64(self, v: i64) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Number);
        self.inner.serialize_i64(v)
    }
    fn serialize_i128(self, v: i128) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Number);
        self.inner.serialize_i128(v)
    }
    fn serialize_u8(self, v: u8) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Number);
        self.inner.serialize_u8(v)
    }
    fn serialize_u16(self, v: u16) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Number);
        self.inner.serialize_u16(v)
    }
    fn serialize_u32(self, v: u32) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Number);
        self.inner.serialize_u32(v)
    }
    fn serialize_u64(self, v: u64) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Number);
        self.inner.serialize_u64(v)
    }
    fn serialize_u128(self, v: u128) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Number);
        self.inner.serialize_u128(v)
    }
    // serde_json writes a NaN or an infinity as `null`.
    fn serialize_f32(self, v: f32) -> Result<S::Ok, S::Error> {
        self.scalar(if v.is_finite() {
            Scalar::Number
        } else {
            Scalar::Null
        });
        self.inner.serialize_f32(v)
    }
    fn serialize_f64(self, v: f64) -> Result<S::Ok, S::Error> {
        self.scalar(if v.is_finite() {
            Scalar::Number
        } else {
            Scalar::Null
        });
        self.inner.serialize_f64(v)
    }
    fn serialize_char(self, v: char) -> Result<S::Ok, S::Error> {
        let mut buf = [0u8; 4];
        self.scalar(Scalar::Str(v.encode_utf8(&mut buf)));
        self.inner.serialize_char(v)
    }
    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Str(v));
        self.inner.serialize_str(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<S::Ok, S::Error> {
        self.off();
        self.inner.serialize_bytes(v)
    }
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Null);
        self.inner.serialize_none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        let at = At {
            value,
            state: self.state,
            place: self.place,
        };
        self.inner.serialize_some(&at)
    }
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Null);
        self.inner.serialize_unit()
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Null);
        self.inner.serialize_unit_struct(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.scalar(Scalar::Str(variant));
        self.inner.serialize_unit_variant(name, index, variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let at = At {
            value,
            state: self.state,
            place: self.place,
        };
        self.inner.serialize_newtype_struct(name, &at)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.off();
        self.inner
            .serialize_newtype_variant(name, index, variant, value)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        let observer = self.seq(());
        Ok(observer.with(self.inner.serialize_seq(len)?))
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        let observer = self.seq(());
        Ok(observer.with(self.inner.serialize_tuple(len)?))
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        let observer = self.seq(());
        Ok(observer.with(self.inner.serialize_tuple_struct(name, len)?))
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.off();
        let observer = Observer {
            place: Place::Off,
            ..self
        };
        let seq = observer.seq(());
        Ok(seq.with(
            observer
                .inner
                .serialize_tuple_variant(name, index, variant, len)?,
        ))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        let observer = self.map(());
        Ok(observer.with(self.inner.serialize_map(len)?))
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        let observer = self.map(());
        Ok(observer.with(self.inner.serialize_struct(name, len)?))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.off();
        let observer = Observer {
            place: Place::Off,
            ..self
        };
        let map = observer.map(());
        Ok(map.with(
            observer
                .inner
                .serialize_struct_variant(name, index, variant, len)?,
        ))
    }
    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        if self.place == Place::Off {
            return self.inner.collect_str(value);
        }
        // Dates and times (chrono, `Time`) come through here: written on the stack, not in a new `String`.
        let mut text = ShortText::new();
        if fmt::Write::write_fmt(&mut text, format_args!("{value}")).is_err() {
            return self.inner.collect_str(value);
        }
        self.serialize_str(text.as_str())
    }
}

/// Observes the items of a sequence.
struct SeqObserver<'s, 'p, C> {
    inner: C,
    state: &'s RefCell<State<'p>>,
    items: Items,
    /// Count the items (the objects of `data`).
    count: bool,
    next: usize,
}

impl<'s, 'p> SeqObserver<'s, 'p, ()> {
    fn with<C>(self, inner: C) -> SeqObserver<'s, 'p, C> {
        SeqObserver {
            inner,
            state: self.state,
            items: self.items,
            count: self.count,
            next: self.next,
        }
    }
}

impl<C> SeqObserver<'_, '_, C> {
    fn item_place(&mut self) -> Place {
        let place = match self.items {
            Items::Objects => Place::Object(Some(self.next)),
            Items::Tags(object, field) => Place::Part(object, field, Part::Tag),
            Items::Off => Place::Off,
        };
        self.next += 1;
        place
    }

    fn finish(&self) {
        if self.count {
            self.state.borrow_mut().objects = self.next;
        }
    }
}

macro_rules! seq_observer {
    ($trait:ident, $method:ident) => {
        impl<C: ser::$trait> ser::$trait for SeqObserver<'_, '_, C> {
            type Ok = C::Ok;
            type Error = C::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
                let place = self.item_place();
                self.inner.$method(&At {
                    value,
                    state: self.state,
                    place,
                })
            }
            fn end(self) -> Result<C::Ok, C::Error> {
                self.finish();
                self.inner.end()
            }
        }
    };
}

seq_observer!(SerializeSeq, serialize_element);
seq_observer!(SerializeTuple, serialize_element);
seq_observer!(SerializeTupleStruct, serialize_field);
seq_observer!(SerializeTupleVariant, serialize_field);

/// Observes the members of a map or struct.
struct MapObserver<'s, 'p, C> {
    inner: C,
    state: &'s RefCell<State<'p>>,
    members: Members,
    /// Bit `i`: member `i` was written (not null).
    seen: u64,
    /// The last member, for the in-order guess of the next.
    last: Option<usize>,
    /// The place of the value after `serialize_key`.
    pending: Place,
}

impl<'s, 'p> MapObserver<'s, 'p, ()> {
    fn with<C>(self, inner: C) -> MapObserver<'s, 'p, C> {
        MapObserver {
            inner,
            state: self.state,
            members: self.members,
            seen: self.seen,
            last: self.last,
            pending: self.pending,
        }
    }
}

impl<C> MapObserver<'_, '_, C> {
    /// The place of member `key`; an unknown or repeated key is off shape.
    fn enter(&mut self, key: &str) -> Place {
        if matches!(self.members, Members::Off) {
            return Place::Off;
        }
        let mut state = self.state.borrow_mut();
        match self.members.member(state.plan, key, self.last) {
            Some((bit, place)) if self.seen & (1 << bit) == 0 => {
                self.seen |= 1 << bit;
                self.last = Some(bit);
                place
            }
            _ => {
                state.off_shape = true;
                Place::Off
            }
        }
    }

    fn finish(&self) {
        if matches!(self.members, Members::Off) {
            return;
        }
        let mut state = self.state.borrow_mut();
        let required = self.members.required(state.plan, self.seen);
        if required & !self.seen != 0 {
            state.off_shape = true;
        }
    }
}

impl<C: ser::SerializeMap> ser::SerializeMap for MapObserver<'_, '_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), C::Error> {
        self.pending = if matches!(self.members, Members::Off) {
            Place::Off
        } else {
            let mut text = ShortText::new();
            match key.serialize(KeyText(&mut text)) {
                Ok(()) => self.enter(text.as_str()),
                Err(_) => {
                    self.state.borrow_mut().off_shape = true;
                    Place::Off
                }
            }
        };
        self.inner.serialize_key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let at = At {
            value,
            state: self.state,
            place: self.pending,
        };
        self.inner.serialize_value(&at)
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.finish();
        self.inner.end()
    }
}

macro_rules! struct_observer {
    ($trait:ident) => {
        impl<C: ser::$trait> ser::$trait for MapObserver<'_, '_, C> {
            type Ok = C::Ok;
            type Error = C::Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), C::Error> {
                let place = self.enter(key);
                let at = At {
                    value,
                    state: self.state,
                    place,
                };
                self.inner.serialize_field(key, &at)
            }
            fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
                self.inner.skip_field(key)
            }
            fn end(self) -> Result<C::Ok, C::Error> {
                self.finish();
                self.inner.end()
            }
        }
    };
}

struct_observer!(SerializeStruct);
struct_observer!(SerializeStructVariant);

/// Text kept on the stack when short (map keys, dates, times), on the heap only past 64 bytes: the typed check
/// allocates nothing per value.
struct ShortText {
    bytes: [u8; 64],
    len: usize,
    long: Option<String>,
}

impl ShortText {
    fn new() -> Self {
        Self {
            bytes: [0; 64],
            len: 0,
            long: None,
        }
    }

    fn as_str(&self) -> &str {
        match &self.long {
            Some(long) => long,
            // Only whole `&str`s are copied in, so the bytes are UTF-8.
            None => std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default(),
        }
    }
}

impl fmt::Write for ShortText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if let Some(long) = &mut self.long {
            long.push_str(s);
        } else if let Some(free) = self.bytes.get_mut(self.len..self.len + s.len()) {
            free.copy_from_slice(s.as_bytes());
            self.len += s.len();
        } else {
            let mut long = String::with_capacity(self.len + s.len());
            long.push_str(self.as_str());
            long.push_str(s);
            self.long = Some(long);
        }
        Ok(())
    }
}

/// Writes a map key that is a string into a buffer; any other key is an error (off shape).
struct KeyText<'b>(&'b mut ShortText);

#[derive(Debug)]
struct NotAString;

impl Display for NotAString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map key that is not a string")
    }
}

impl std::error::Error for NotAString {}

impl ser::Error for NotAString {
    fn custom<T: Display>(_: T) -> Self {
        NotAString
    }
}

macro_rules! not_a_string {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), NotAString> {
            Err(NotAString)
        })*
    };
}

impl Serializer for KeyText<'_> {
    type Ok = ();
    type Error = NotAString;
    type SerializeSeq = Impossible<(), NotAString>;
    type SerializeTuple = Impossible<(), NotAString>;
    type SerializeTupleStruct = Impossible<(), NotAString>;
    type SerializeTupleVariant = Impossible<(), NotAString>;
    type SerializeMap = Impossible<(), NotAString>;
    type SerializeStruct = Impossible<(), NotAString>;
    type SerializeStructVariant = Impossible<(), NotAString>;

    fn serialize_str(self, v: &str) -> Result<(), NotAString> {
        fmt::Write::write_str(self.0, v).map_err(|_| NotAString)
    }
    fn serialize_char(self, v: char) -> Result<(), NotAString> {
        fmt::Write::write_char(self.0, v).map_err(|_| NotAString)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<(), NotAString> {
        fmt::Write::write_str(self.0, v).map_err(|_| NotAString)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), NotAString> {
        value.serialize(self)
    }
    not_a_string!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
    );
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), NotAString> {
        Err(NotAString)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotAString> {
        Err(NotAString)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAString> {
        Err(NotAString)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAString> {
        Err(NotAString)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAString> {
        Err(NotAString)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAString> {
        Err(NotAString)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAString> {
        Err(NotAString)
    }
    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotAString> {
        Err(NotAString)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAString> {
        Err(NotAString)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    #[test]
    fn short_text_moves_to_the_heap_past_64_bytes() {
        let mut text = ShortText::new();
        let _ = write!(text, "{}", "a".repeat(60));
        assert!(text.long.is_none());
        let _ = write!(text, "é{}", "b".repeat(10));
        assert_eq!(
            text.as_str(),
            format!("{}é{}", "a".repeat(60), "b".repeat(10))
        );
        let _ = text.write_char('c');
        assert!(text.as_str().ends_with("bc"));
    }
}

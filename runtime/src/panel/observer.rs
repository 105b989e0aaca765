//! The serializer of the typed check: [`Observer`] forwards every call to serde_json's serializer and, for each
//! value, knows where it sits in the response ([`Place`]) and hands it to the rules of [`typed_state`](super::typed_state).
//! Map keys, dates and times are read on the stack ([`ShortText`]): the check allocates nothing per value.

use super::field_type::FieldType;
use super::object_structure::PanelKind;
use super::typed_state::{Items, Members, Part, Place, Scalar, State, scalar};
use serde::ser::{self, Impossible, Serialize, Serializer};
use std::cell::RefCell;
use std::fmt::{self, Display};

/// A serializer that forwards to `S` and observes each value at its place.
pub(crate) struct Observer<'s, 'p, S> {
    pub(crate) inner: S,
    pub(crate) state: &'s RefCell<State<'p>>,
    pub(crate) place: Place,
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

    /// Notes that what is serialized here (`found`: `an array`, `an object`) does not belong here.
    fn off(&self, found: &'static str) {
        self.state
            .borrow_mut()
            .wrong_value(self.place, Scalar::Container(found));
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
                self.off("an array");
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
        self.off("an array");
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
        self.off("an object");
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
        self.off("an object");
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
        self.off("an object");
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
pub(crate) struct SeqObserver<'s, 'p, C> {
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
            Items::Tags(object, field) => Place::Part(object, field, Part::Tag(self.next)),
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
pub(crate) struct MapObserver<'s, 'p, C> {
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
            found => {
                state.unknown_member(self.members, key, found.is_some());
                Place::Off
            }
        }
    }

    fn finish(&self) {
        if matches!(self.members, Members::Off) {
            return;
        }
        let mut state = self.state.borrow_mut();
        let missing = self.members.required(state.plan, self.seen) & !self.seen;
        if missing != 0 {
            state.missing_member(self.members, missing.trailing_zeros() as usize);
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
                    if let Some(place) = self.members.place() {
                        self.state.borrow_mut().wrong_value(
                            place,
                            Scalar::Container("a map key that is not a string"),
                        );
                    }
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

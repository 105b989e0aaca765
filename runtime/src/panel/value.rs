//! The values of panel fields, each serializing to exactly the shape of its field type (Pipedrive's docs, *JSON
//! panels*: <https://pipedrive.readme.io/docs/app-extensions-json-panels>), and the [`PanelField`] trait that maps Rust types to field
//! types for `#[derive(JsonPanel)]`.

use super::field_type::FieldType;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// A Rust type that holds the value of one panel field: it names the field's type in the data structure.
///
/// `#[derive(JsonPanel)]` reads `FIELD_TYPE` and `REQUIRED` of each field's type. Implement it for your own type
/// when it serializes to the shape of one of Pipedrive's field types.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no JSON panel field type",
    label = "no panel field type for this",
    note = "use a string, a number, chrono's `NaiveDate` or `DateTime`, or a `pdx::panel` value type \
            (`Markdown`, `Link`, `Currency`, `Label`, `Tags`, `Email`, `Phone`, `Address`, `Time`), \
            or write `#[panel(type = \"...\")]` on a string field"
)]
pub trait PanelField {
    /// The field's type in the data structure.
    const FIELD_TYPE: FieldType;
    /// Whether the field's key goes in `required` (`Option<T>` is not required).
    const REQUIRED: bool = true;
}

/// A Rust type whose value is a JSON string: it can hold a `header` or any field type whose value is a plain
/// string (`#[panel(type = "email")]`, `#[panel(link)]`, ...).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a string type, so it cannot hold this panel field",
    label = "expected `String`, `&str`, `Cow<str>` or an `Option` of one",
    note = "a `header`, and a field given `type = \"...\"`, `email`, `phone`, `address` or `link`, hold a plain \
            JSON string"
)]
pub trait PanelString {
    /// Whether the field's key goes in `required` (`Option<T>` is not required).
    const REQUIRED: bool = true;
}

impl PanelString for String {}
impl PanelString for str {}
impl PanelString for Box<str> {}
impl<T: PanelString + ?Sized> PanelString for &T {}
impl PanelString for Cow<'_, str> {}
impl<T: PanelString> PanelString for Option<T> {
    const REQUIRED: bool = false;
}

impl<T: PanelField> PanelField for Option<T> {
    const FIELD_TYPE: FieldType = T::FIELD_TYPE;
    const REQUIRED: bool = false;
}

impl<T: PanelField + ?Sized> PanelField for &T {
    const FIELD_TYPE: FieldType = T::FIELD_TYPE;
    const REQUIRED: bool = T::REQUIRED;
}

impl<T: PanelField + ?Sized> PanelField for Box<T> {
    const FIELD_TYPE: FieldType = T::FIELD_TYPE;
    const REQUIRED: bool = T::REQUIRED;
}

macro_rules! panel_field {
    ($field_type:ident: $($ty:ty),+ $(,)?) => {
        $(impl PanelField for $ty {
            const FIELD_TYPE: FieldType = FieldType::$field_type;
        })+
    };
}

panel_field!(Text: String, str, Cow<'_, str>, Markdown);
panel_field!(Numerical: i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);
panel_field!(Numerical: serde_json::Number);
panel_field!(Date: NaiveDate);
panel_field!(Time: Time);
panel_field!(Email: Email);
panel_field!(Link: Link);
panel_field!(Phone: Phone);
panel_field!(Address: Address);
panel_field!(Currency: Currency);
panel_field!(Label: Label);
panel_field!(Tags: Tags, Vec<String>);

/// chrono serializes every `DateTime` as RFC 3339 with its offset (`Z` for UTC).
impl<Tz: TimeZone> PanelField for DateTime<Tz> {
    const FIELD_TYPE: FieldType = FieldType::DateTime;
}

/// A `text` value in markdown: `{"markdown": true, "value": "..."}` (link labels, bold, lists).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Markdown(pub String);

impl Markdown {
    /// Markdown text.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
}

impl Serialize for Markdown {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("markdown", &true)?;
        map.serialize_entry("value", &self.0)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Markdown {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wire {
            markdown: bool,
            value: String,
        }
        let wire = Wire::deserialize(deserializer)?;
        if !wire.markdown {
            return Err(D::Error::custom(
                "a markdown text needs `\"markdown\": true`",
            ));
        }
        Ok(Self(wire.value))
    }
}

/// A `link` value in its object form: `{"value": url, "external": bool, "label"?: string}`.
///
/// A plain URL string is a `String` field marked `#[panel(link)]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The URL.
    pub value: String,
    /// `true` opens it in a new tab.
    pub external: bool,
    /// The text shown instead of the URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Link {
    /// A link that opens in a new tab.
    pub fn external(url: impl Into<String>) -> Self {
        Self {
            value: url.into(),
            external: true,
            label: None,
        }
    }

    /// A link that opens in the same tab.
    pub fn internal(url: impl Into<String>) -> Self {
        Self {
            value: url.into(),
            external: false,
            label: None,
        }
    }

    /// Shows `label` instead of the URL.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
}

/// A `currency` value: `{"code": "EUR", "value": 12.5}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Currency {
    /// An ISO 4217 code, or a company's custom currency code.
    pub code: String,
    /// The amount.
    pub value: f64,
}

impl Currency {
    /// An amount in a currency.
    pub fn new(code: impl Into<String>, value: f64) -> Self {
        Self {
            code: code.into(),
            value,
        }
    }
}

/// The colour of a `label` value: green, red, blue, yellow, purple or grey
/// ([`LABEL_COLORS`](super::limits::LABEL_COLORS)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum LabelColor {
    /// `green`
    Green,
    /// `red`
    Red,
    /// `blue`
    Blue,
    /// `yellow`
    Yellow,
    /// `purple`
    Purple,
    /// `grey`
    Grey,
}

impl LabelColor {
    /// The six colours, in the docs' order.
    pub const ALL: [LabelColor; 6] = [
        LabelColor::Green,
        LabelColor::Red,
        LabelColor::Blue,
        LabelColor::Yellow,
        LabelColor::Purple,
        LabelColor::Grey,
    ];

    /// The colour's name on the wire: its entry in [`LABEL_COLORS`](super::limits::LABEL_COLORS), which lists
    /// the colours in the order of [`LabelColor::ALL`].
    pub const fn name(self) -> &'static str {
        pdx_format::panel::LABEL_COLORS[self as usize]
    }
}

/// A `label` value: `{"color": "yellow", "label": "Assembling"}`. Its text is truncated after 40 characters;
/// Pipedrive recommends sentence case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// The colour.
    pub color: LabelColor,
    /// The text.
    pub label: String,
}

impl Label {
    /// A label of this colour and text.
    pub fn new(color: LabelColor, label: impl Into<String>) -> Self {
        Self {
            color,
            label: label.into(),
        }
    }
}

/// A `tags` value: an array of strings, each one non-clickable tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tags(pub Vec<String>);

impl<S: Into<String>> FromIterator<S> for Tags {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        Self(iter.into_iter().map(Into::into).collect())
    }
}

macro_rules! string_value {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The value.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }
        }
    };
}

string_value!(
    /// An `email` value: an email address, rendered as a mailto link.
    Email
);
string_value!(
    /// A `phone` value: a phone number.
    Phone
);
string_value!(
    /// An `address` value: a postal address.
    Address
);

/// A `time` value: `hh:mm:ss` with an offset, e.g. `20:20:39+02:00` (chrono has no time-with-offset type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Time {
    /// The time of day.
    pub time: NaiveTime,
    /// Its offset from UTC.
    pub offset: FixedOffset,
}

impl Time {
    /// A time of day at an offset.
    pub fn new(time: NaiveTime, offset: FixedOffset) -> Self {
        Self { time, offset }
    }

    /// Reads `hh:mm:ss[.fraction]` followed by `Z` or `±hh:mm`.
    ///
    /// Pipedrive's docs show only `20:20:39+02:00`; pdx also
    /// accepts `Z` and fractional seconds, as RFC 3339's `full-time`, which Pipedrive's date-time values follow.
    pub fn parse(s: &str) -> Option<Time> {
        let split = s.find(['Z', 'z', '+', '-'])?;
        let (time, offset) = s.split_at(split);
        if time.len() < 8
            || time.as_bytes().get(2) != Some(&b':')
            || time.as_bytes().get(5) != Some(&b':')
        {
            return None;
        }
        let time = NaiveTime::parse_from_str(time, "%H:%M:%S%.f").ok()?;
        let offset = if offset.eq_ignore_ascii_case("z") {
            FixedOffset::east_opt(0)?
        } else {
            let b = offset.as_bytes();
            if b.len() != 6 || b[3] != b':' {
                return None;
            }
            let hours: i32 = offset.get(1..3)?.parse().ok()?;
            let minutes: i32 = offset.get(4..6)?.parse().ok()?;
            if !offset[1..3].bytes().all(|c| c.is_ascii_digit())
                || !offset[4..6].bytes().all(|c| c.is_ascii_digit())
            {
                return None;
            }
            if minutes > 59 {
                return None;
            }
            let secs = (hours * 60 + minutes) * 60;
            if b[0] == b'-' {
                FixedOffset::west_opt(secs)?
            } else {
                FixedOffset::east_opt(secs)?
            }
        };
        Some(Time { time, offset })
    }
}

/// `hh:mm:ss±hh:mm`, with fractional seconds only when there are some.
impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.time.format("%H:%M:%S%.f"), self.offset)
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Cow::<str>::deserialize(deserializer)?;
        Time::parse(&s).ok_or_else(|| {
            D::Error::custom(format!("expected `hh:mm:ss` with an offset, found `{s}`"))
        })
    }
}

/// Whether `s` is an RFC 3339 date-time with an offset or `Z`.
pub(crate) fn is_date_time(s: &str) -> bool {
    DateTime::parse_from_rfc3339(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn wire<T: Serialize>(v: &T) -> Value {
        serde_json::to_value(v).unwrap_or(Value::Null)
    }

    fn back<T: for<'de> Deserialize<'de>>(v: Value) -> Option<T> {
        serde_json::from_value(v).ok()
    }

    #[test]
    fn markdown_is_an_object_with_markdown_true() {
        let m = Markdown::new("**Shipped** via [DHL](https://dhl.com)");
        assert_eq!(
            wire(&m),
            json!({"markdown": true, "value": "**Shipped** via [DHL](https://dhl.com)"})
        );
        assert_eq!(
            serde_json::to_string(&m).unwrap_or_default(),
            r#"{"markdown":true,"value":"**Shipped** via [DHL](https://dhl.com)"}"#
        );
        assert_eq!(back::<Markdown>(wire(&m)), Some(m));
        assert_eq!(
            back::<Markdown>(json!({"markdown": false, "value": "x"})),
            None
        );
        assert_eq!(back::<Markdown>(json!({"value": "x"})), None);
    }

    #[test]
    fn link_object_form_keeps_key_order_and_omits_missing_label() {
        let l = Link::external("https://example.com/o/1").label("Order 1");
        assert_eq!(
            serde_json::to_string(&l).unwrap_or_default(),
            r#"{"value":"https://example.com/o/1","external":true,"label":"Order 1"}"#
        );
        assert_eq!(
            wire(&Link::internal("https://x.io")),
            json!({"value": "https://x.io", "external": false})
        );
        assert_eq!(
            back::<Link>(json!({"value": "https://x.io"})),
            None,
            "`external` is required"
        );
        assert_eq!(back::<Link>(wire(&l)), Some(l));
    }

    #[test]
    fn currency_label_tags_and_strings() {
        assert_eq!(
            serde_json::to_string(&Currency::new("EUR", 12.5)).unwrap_or_default(),
            r#"{"code":"EUR","value":12.5}"#
        );
        let label = Label::new(LabelColor::Yellow, "Assembling");
        assert_eq!(
            serde_json::to_string(&label).unwrap_or_default(),
            r#"{"color":"yellow","label":"Assembling"}"#
        );
        assert_eq!(back::<Label>(json!({"color": "pink", "label": "x"})), None);
        let names: Vec<Value> = LabelColor::ALL.iter().map(wire).collect();
        assert_eq!(
            names,
            vec![
                json!("green"),
                json!("red"),
                json!("blue"),
                json!("yellow"),
                json!("purple"),
                json!("grey")
            ]
        );
        assert!(LabelColor::ALL.iter().all(|c| wire(c) == json!(c.name())));
        assert_eq!(
            wire(
                &["Tinted windows", "Roof rack"]
                    .into_iter()
                    .collect::<Tags>()
            ),
            json!(["Tinted windows", "Roof rack"])
        );
        assert_eq!(wire(&Email::new("a@b.io")), json!("a@b.io"));
        assert_eq!(wire(&Phone::new("+372 555 0101")), json!("+372 555 0101"));
        assert_eq!(
            wire(&Address::new("Tallinn, Estonia")),
            json!("Tallinn, Estonia")
        );
    }

    #[test]
    fn time_is_hh_mm_ss_with_offset() {
        let t = Time::parse("20:20:39+02:00");
        assert_eq!(t.map(|t| wire(&t)), Some(json!("20:20:39+02:00")));
        assert_eq!(
            Time::parse("07:00:00Z").map(|t| t.to_string()),
            Some("07:00:00+00:00".to_owned())
        );
        assert_eq!(
            Time::parse("07:00:00.250-05:30").map(|t| t.to_string()),
            Some("07:00:00.250-05:30".to_owned())
        );
        for bad in [
            "20:20:39",
            "20:20+02:00",
            "25:00:00+00:00",
            "20:20:39+2:00",
            "20:20:39+02:60",
            "x",
            "7:00:00Z",
        ] {
            assert_eq!(Time::parse(bad), None, "{bad}");
        }
        assert_eq!(back::<Time>(json!("20:20:39+02:00")), t);
        assert_eq!(back::<Time>(json!("20:20:39")), None);
    }

    #[test]
    fn date_times() {
        assert!(is_date_time("2021-08-31T07:00:00.000Z"));
        assert!(is_date_time("2021-08-31T09:00:00+02:00"));
        assert!(!is_date_time("2021-08-31T07:00:00"));
        assert!(!is_date_time("2021-08-31"));
    }

    #[test]
    fn field_types_of_rust_types() {
        assert_eq!(<String as PanelField>::FIELD_TYPE, FieldType::Text);
        assert_eq!(
            <Option<u32> as PanelField>::FIELD_TYPE,
            FieldType::Numerical
        );
        assert_eq!(
            <DateTime<chrono::Utc> as PanelField>::FIELD_TYPE,
            FieldType::DateTime
        );
        assert_eq!(<NaiveDate as PanelField>::FIELD_TYPE, FieldType::Date);
        assert_eq!(<&str as PanelField>::FIELD_TYPE, FieldType::Text);
        assert_eq!(<Vec<String> as PanelField>::FIELD_TYPE, FieldType::Tags);
        let required = [
            <String as PanelField>::REQUIRED,
            <Option<u32> as PanelField>::REQUIRED,
            <&str as PanelString>::REQUIRED,
            <Option<&str> as PanelString>::REQUIRED,
        ];
        assert_eq!(required, [true, false, true, false]);
    }
}

//! How a block's submitted value is read, one [`ValueKind`] per block.

use super::document::Element;

/// How a block's submitted value is read (one per block; derived from the Rust field type, or from the element).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// No value (text, separator): dropped from the body.
    Ignored,
    /// A string; numbers and booleans are turned into their text.
    Text,
    /// A number; numeric strings are parsed, an empty string is "not sent".
    Number,
    /// A `YYYY-MM-DD` date; a datetime is cut to its date part.
    Date,
    /// One item value as a string (a radio, or a select over a `ModalChoice` enum); numbers become strings.
    Choice,
    /// Item values as strings (a checkbox group); one string becomes a one-element list, absent becomes `[]`.
    Choices,
    /// A single checkbox read as a bool: a checkbox group whose one item's value is
    /// [`BOOL_ITEM_VALUE`](super::limits::BOOL_ITEM_VALUE). `["true"]` is `true`; `[]`, an absent block and `null`
    /// are `false`; `true`/`false` and `"true"`/`"false"` are read too.
    Checkbox,
    /// Kept as sent (a select whose items are strings, numbers or booleans).
    Any,
}

impl ValueKind {
    /// The kind an element's value has when nothing more is known (a schema read from a file). `input_type` is
    /// an input's `type` option.
    pub fn for_element(element: Element, input_type: Option<&str>) -> Self {
        match element {
            Element::Text | Element::Separator => ValueKind::Ignored,
            Element::Input if input_type == Some("number") => ValueKind::Number,
            Element::Input | Element::Textarea => ValueKind::Text,
            Element::Select => ValueKind::Any,
            Element::Datepicker => ValueKind::Date,
            Element::RadioGroup => ValueKind::Choice,
            Element::CheckboxGroup => ValueKind::Choices,
        }
    }
}

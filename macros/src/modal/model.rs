//! The checked model of a `#[derive(JsonModal)]` struct: its blocks and buttons, as `expand` writes them.

use syn::{Ident, Type};

/// A block element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Element {
    Text,
    Input,
    Textarea,
    Select,
    Datepicker,
    Radio,
    Checkbox,
    Separator,
}

impl Element {
    /// The element's definition name: `pdx-format`'s table lists the elements in this enum's order.
    pub(crate) fn name(self) -> &'static str {
        pdx_format::modal::ELEMENTS[self as usize]
    }

    pub(crate) fn takes_input(self) -> bool {
        !matches!(self, Element::Text | Element::Separator)
    }

    /// The attributes each element accepts (the options of each element in Pipedrive's *JSON modals component library*; `hidden` is
    /// `visibleOn: "never"`).
    pub(crate) fn allows(self, opt: Opt) -> bool {
        use Opt::*;
        let allowed: &[Opt] = match self {
            Element::Text => &[Markdown, VisibleOn, Hidden],
            Element::Input => &[
                Label,
                Placeholder,
                Message,
                Value,
                Type,
                AllowClear,
                Required,
                VisibleOn,
                FetchOnChange,
                Hidden,
            ],
            Element::Textarea => &[
                Label,
                Placeholder,
                Message,
                Value,
                Resize,
                Required,
                VisibleOn,
                FetchOnChange,
                Hidden,
            ],
            Element::Select => &[
                Label,
                Placeholder,
                Message,
                Value,
                AllowClear,
                Required,
                Filter,
                Items,
                Dynamic,
                VisibleOn,
                FetchOnChange,
                Hidden,
            ],
            Element::Datepicker => &[
                Label,
                Placeholder,
                Message,
                Value,
                AllowClear,
                Required,
                VisibleOn,
                FetchOnChange,
                Hidden,
            ],
            Element::Radio | Element::Checkbox => &[
                Label,
                Message,
                Value,
                Items,
                Required,
                VisibleOn,
                FetchOnChange,
                Hidden,
            ],
            Element::Separator => &[],
        };
        allowed.contains(&opt)
    }

    pub(crate) const ALL: [Element; 8] = [
        Element::Text,
        Element::Input,
        Element::Textarea,
        Element::Select,
        Element::Datepicker,
        Element::Radio,
        Element::Checkbox,
        Element::Separator,
    ];
}

/// A field attribute that sets an option. The first ones are Pipedrive's block options, in the order of
/// pdx-format's `modal::OPTION_ATTRIBUTES`, which names their attributes; `Dynamic` and `Hidden` are the derive's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Opt {
    Markdown,
    Label,
    Placeholder,
    Message,
    Value,
    Type,
    AllowClear,
    Required,
    Filter,
    Resize,
    Items,
    VisibleOn,
    FetchOnChange,
    Dynamic,
    Hidden,
}

impl Opt {
    /// Every option, for reading `#[modal(...)]` keys.
    pub(crate) const ALL: [Opt; 15] = [
        Opt::Markdown,
        Opt::Label,
        Opt::Placeholder,
        Opt::Message,
        Opt::Value,
        Opt::Type,
        Opt::AllowClear,
        Opt::Required,
        Opt::Filter,
        Opt::Resize,
        Opt::Items,
        Opt::VisibleOn,
        Opt::FetchOnChange,
        Opt::Dynamic,
        Opt::Hidden,
    ];

    /// The attribute key: from `pdx-format`'s table for Pipedrive's options (`allow_clear` for `allowClear`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Opt::Dynamic => "dynamic",
            Opt::Hidden => "hidden",
            option => pdx_format::modal::OPTION_ATTRIBUTES
                .get(option as usize)
                .map_or("", |(_, attribute)| attribute),
        }
    }
}

/// A literal value in an attribute.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Lit {
    /// The value as pdx's messages show it: a string without its quotes, other values as in JSON.
    pub(crate) fn bare(&self) -> String {
        match self {
            Lit::Str(s) => s.clone(),
            other => other.describe(),
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            Lit::Str(s) => format!("{s:?}"),
            Lit::Int(i) => i.to_string(),
            Lit::Float(f) => f.to_string(),
            Lit::Bool(b) => b.to_string(),
        }
    }
}

/// A static item, `(value, "label")` or `(value, "label", disabled)`.
#[derive(Debug, Clone)]
pub(crate) struct StaticItem {
    pub(crate) value: Lit,
    pub(crate) label: String,
    pub(crate) disabled: bool,
    /// `visible_on(...)` as written; `visible_on` once its block is looked up (`check::visibility`).
    pub(crate) rule: Option<RawVisibleOn>,
    pub(crate) visible_on: Option<VisibleOn>,
}

/// A `visible_on` rule as written: `"never"`/`"always"`, or a condition on another field (or, on a
/// `ModalChoice` variant, a block key).
#[derive(Debug, Clone)]
pub(crate) enum RawVisibleOn {
    Fixed(bool),
    When(Ident, Condition),
}

/// Where a choice block's items come from.
#[derive(Debug, Clone)]
pub(crate) enum Items {
    /// None in the schema (a text-like block, or a dynamic select).
    None,
    /// The variants of a `ModalChoice` enum.
    Choice(Type),
    /// The one item of a `bool`'s single checkbox, with its label (the field's label).
    Bool(String),
    /// Given in the attribute.
    Static(Vec<StaticItem>),
}

/// A `visibleOn` rule.
#[derive(Debug, Clone)]
pub(crate) enum VisibleOn {
    Never,
    Always,
    When { key: String, condition: Condition },
}

#[derive(Debug, Clone)]
pub(crate) enum Condition {
    NotEmpty,
    Equals(Lit),
    Includes(String),
}

/// A default value.
#[derive(Debug, Clone)]
pub(crate) enum DefaultValue {
    One(Lit),
    Many(Vec<Lit>),
}

/// How the submitted value is read (`pdx::modal::ValueKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Ignored,
    Text,
    Number,
    Date,
    Choice,
    Choices,
    Checkbox,
    Any,
}

/// One block.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub(crate) key: String,
    pub(crate) ty: Type,
    pub(crate) element: Element,
    pub(crate) kind: Kind,
    /// Whether `from_submission` probes this field to name it in errors (not with serde defaults).
    pub(crate) probe: bool,
    pub(crate) text: Option<String>,
    pub(crate) markdown: bool,
    pub(crate) label: Option<String>,
    pub(crate) input_type: Option<String>,
    pub(crate) value: Option<DefaultValue>,
    /// Where `value = ...` is written (for the compile-time check of a `ModalChoice` default).
    pub(crate) value_span: proc_macro2::Span,
    pub(crate) placeholder: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) allow_clear: bool,
    pub(crate) is_required: bool,
    pub(crate) filter: bool,
    pub(crate) resize: bool,
    pub(crate) items: Items,
    pub(crate) visible_on: Option<VisibleOn>,
    pub(crate) fetch_on_change: bool,
}

/// One action button.
#[derive(Debug, Clone)]
pub(crate) struct Action {
    pub(crate) primary: bool,
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) handler: String,
    pub(crate) url: Option<String>,
    pub(crate) visible_on: Option<VisibleOn>,
}

/// The whole modal.
pub(crate) struct Modal {
    pub(crate) ident: Ident,
    pub(crate) krate: syn::Path,
    pub(crate) blocks: Vec<Block>,
    pub(crate) actions: Vec<Action>,
}

impl Element {
    /// The attribute that picks the element (`#[modal(radio)]`).
    pub(crate) fn selector(self) -> &'static str {
        match self {
            Element::Text => "text",
            Element::Input => "input",
            Element::Textarea => "textarea",
            Element::Select => "select",
            Element::Datepicker => "datepicker",
            Element::Radio => "radio",
            Element::Checkbox => "checkbox",
            Element::Separator => "separator",
        }
    }

    /// Whether an item or default value `lit` fits this element over a field of kind `kind`.
    pub(crate) fn fits(self, kind: Kind, lit: &Lit) -> bool {
        match (self, lit) {
            (Element::Select, Lit::Str(_)) => kind != Kind::Number,
            (Element::Select, Lit::Int(_) | Lit::Float(_)) => {
                kind != Kind::Text && kind != Kind::Choice
            }
            (Element::Select, Lit::Bool(_)) => kind == Kind::Any,
            (_, Lit::Str(_)) => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Opt;
    use pdx_format::modal::OPTION_ATTRIBUTES;

    /// Pipedrive's options are the table's rows, in its order; the derive's own keys come after.
    #[test]
    fn options_are_pdx_formats_table() {
        let names: Vec<&str> = Opt::ALL.iter().map(|o| o.name()).collect();
        let table: Vec<&str> = OPTION_ATTRIBUTES.iter().map(|(_, a)| *a).collect();
        assert_eq!(names[..table.len()], table[..]);
        assert_eq!(names[table.len()..], ["dynamic", "hidden"]);
        assert_eq!(Opt::AllowClear.name(), "allow_clear");
        assert_eq!(Opt::Required.name(), "required");
    }
}

//! `#[derive(JsonModal)]`: reads `#[modal(...)]` and `#[serde(...)]` into a checked, typed model.

use super::{default_crate, did_you_mean, is_date};
use crate::case::sentence_case;
use crate::serde_attr;
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::parse::Parse;
use syn::spanned::Spanned;
use syn::{
    Data, DeriveInput, Expr, Fields, GenericArgument, Ident, LitStr, PathArguments, Token, Type,
};

use pdx_format::modal::{INPUT_TYPES, MAX_BLOCKS, PRIMARY_HANDLERS, SECONDARY_HANDLERS};

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
    fn name(self) -> &'static str {
        pdx_format::modal::ELEMENTS[self as usize]
    }

    fn takes_input(self) -> bool {
        !matches!(self, Element::Text | Element::Separator)
    }

    /// The attributes each element accepts (json-modals §3.3; `hidden` is `visibleOn: "never"`).
    fn allows(self, opt: Opt) -> bool {
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

    const ALL: [Element; 8] = [
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

/// A field attribute that sets an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opt {
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
    Dynamic,
    VisibleOn,
    FetchOnChange,
    Hidden,
}

impl Opt {
    fn name(self) -> &'static str {
        match self {
            Opt::Markdown => "markdown",
            Opt::Label => "label",
            Opt::Placeholder => "placeholder",
            Opt::Message => "message",
            Opt::Value => "value",
            Opt::Type => "type",
            Opt::AllowClear => "allow_clear",
            Opt::Required => "required",
            Opt::Filter => "filter",
            Opt::Resize => "resize",
            Opt::Items => "items",
            Opt::Dynamic => "dynamic",
            Opt::VisibleOn => "visible_on",
            Opt::FetchOnChange => "fetch_on_change",
            Opt::Hidden => "hidden",
        }
    }
}

/// Every key `#[modal(...)]` accepts on a field, for "did you mean".
const FIELD_KEYS: &[&str] = &[
    "input",
    "textarea",
    "select",
    "radio",
    "checkbox",
    "datepicker",
    "separator",
    "text",
    "markdown",
    "label",
    "placeholder",
    "message",
    "value",
    "type",
    "allow_clear",
    "required",
    "filter",
    "resize",
    "items",
    "dynamic",
    "visible_on",
    "fetch_on_change",
    "hidden",
];

const CONTAINER_KEYS: &[&str] = &["primary", "secondary", "crate"];

/// A literal value in an attribute.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Lit {
    fn describe(&self) -> String {
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
}

/// Where a choice block's items come from.
#[derive(Debug, Clone)]
pub(crate) enum Items {
    /// None in the schema (a text-like block, or a dynamic select).
    None,
    /// The variants of a `ModalChoice` enum.
    Choice(Type),
    /// The yes/no items of a bool.
    Bool,
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
    YesNo,
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
}

/// The whole modal.
pub(crate) struct Modal {
    pub(crate) ident: Ident,
    pub(crate) krate: syn::Path,
    pub(crate) blocks: Vec<Block>,
    pub(crate) actions: Vec<Action>,
}

/// The Rust type of a field, as far as the element is concerned.
#[derive(Debug, Clone)]
enum Class {
    Str,
    Date,
    Bool,
    Number,
    List(Box<Class>, Type),
    TextMarker,
    SeparatorMarker,
    AnyValue,
    Other(Type),
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last(),
        _ => None,
    }
}

fn single_arg(seg: &syn::PathSegment) -> Option<&Type> {
    let PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    match args.args.first() {
        Some(GenericArgument::Type(t)) if args.args.len() == 1 => Some(t),
        _ => None,
    }
}

/// `Option<T>` → `(true, T)`.
fn unwrap_option(ty: &Type) -> (bool, &Type) {
    if let Some(seg) = last_segment(ty)
        && seg.ident == "Option"
        && let Some(inner) = single_arg(seg)
    {
        return (true, inner);
    }
    (false, ty)
}

fn classify(ty: &Type) -> Class {
    let Some(seg) = last_segment(ty) else {
        return Class::Other(ty.clone());
    };
    let name = seg.ident.to_string();
    match name.as_str() {
        "String" => Class::Str,
        "NaiveDate" => Class::Date,
        "bool" => Class::Bool,
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "isize" | "usize" | "f32"
        | "f64" => Class::Number,
        "Text" => Class::TextMarker,
        "Separator" => Class::SeparatorMarker,
        "ChoiceValue" | "Value" => Class::AnyValue,
        "Vec" | "HashSet" | "BTreeSet" | "IndexSet" => match single_arg(seg) {
            Some(inner) => Class::List(Box::new(classify(inner)), inner.clone()),
            None => Class::Other(ty.clone()),
        },
        _ => Class::Other(ty.clone()),
    }
}

/// What one field's `#[modal(...)]` attributes say, before they are checked against the element.
#[derive(Default)]
struct RawField {
    selectors: Vec<(Element, Span)>,
    text: Option<(String, Span)>,
    opts: Vec<(Opt, Span)>,
    markdown: bool,
    label: Option<String>,
    placeholder: Option<String>,
    message: Option<String>,
    value: Option<(DefaultValue, Span)>,
    input_type: Option<String>,
    allow_clear: bool,
    required: Option<bool>,
    filter: bool,
    resize: bool,
    items: Option<(Vec<StaticItem>, Span)>,
    dynamic: bool,
    visible_on: Option<(RawVisibleOn, Span)>,
    fetch_on_change: bool,
    hidden: bool,
}

enum RawVisibleOn {
    Fixed(bool),
    When(Ident, Condition),
}

/// Skips the value of an attribute key we reject (`= expr` or `(...)`), so parsing goes on.
pub(crate) fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        let _: Expr = meta.value()?.parse()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        let _: proc_macro2::TokenStream = content.parse()?;
    }
    Ok(())
}

fn flag(meta: &ParseNestedMeta<'_>) -> syn::Result<bool> {
    if meta.input.peek(Token![=]) {
        Ok(meta.value()?.parse::<syn::LitBool>()?.value)
    } else {
        Ok(true)
    }
}

fn string(meta: &ParseNestedMeta<'_>) -> syn::Result<String> {
    Ok(meta.value()?.parse::<LitStr>()?.value())
}

fn lit_of(expr: &Expr) -> syn::Result<Lit> {
    match expr {
        Expr::Lit(l) => match &l.lit {
            syn::Lit::Str(s) => Ok(Lit::Str(s.value())),
            syn::Lit::Int(i) => Ok(Lit::Int(i.base10_parse()?)),
            syn::Lit::Float(f) => Ok(Lit::Float(f.base10_parse()?)),
            syn::Lit::Bool(b) => Ok(Lit::Bool(b.value)),
            other => Err(syn::Error::new(
                other.span(),
                "expected a string, number or bool literal",
            )),
        },
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => match lit_of(&u.expr)? {
            Lit::Int(i) => Ok(Lit::Int(-i)),
            Lit::Float(f) => Ok(Lit::Float(-f)),
            _ => Err(syn::Error::new(expr.span(), "only numbers can be negative")),
        },
        Expr::Group(g) => lit_of(&g.expr),
        _ => Err(syn::Error::new(
            expr.span(),
            "expected a string, number or bool literal",
        )),
    }
}

fn default_value(meta: &ParseNestedMeta<'_>) -> syn::Result<DefaultValue> {
    let expr: Expr = meta.value()?.parse()?;
    match &expr {
        Expr::Array(a) => Ok(DefaultValue::Many(
            a.elems.iter().map(lit_of).collect::<syn::Result<_>>()?,
        )),
        _ => Ok(DefaultValue::One(lit_of(&expr)?)),
    }
}

fn static_items(meta: &ParseNestedMeta<'_>) -> syn::Result<Vec<StaticItem>> {
    let content;
    syn::parenthesized!(content in meta.input);
    let tuples = content.parse_terminated(Expr::parse, Token![,])?;
    let mut items = Vec::new();
    for t in tuples {
        let hint = "expected `(value, \"label\")` or `(value, \"label\", disabled)`";
        let Expr::Tuple(tuple) = &t else {
            return Err(syn::Error::new(t.span(), hint));
        };
        let elems: Vec<&Expr> = tuple.elems.iter().collect();
        if !(2..=3).contains(&elems.len()) {
            return Err(syn::Error::new(t.span(), hint));
        }
        let value = lit_of(elems[0])?;
        let Lit::Str(label) = lit_of(elems[1])? else {
            return Err(syn::Error::new(
                elems[1].span(),
                "an item's label is a string",
            ));
        };
        let disabled = match elems.get(2) {
            None => false,
            Some(Expr::Path(p)) if p.path.is_ident("disabled") => true,
            Some(e) => return Err(syn::Error::new(e.span(), "expected `disabled`")),
        };
        items.push(StaticItem {
            value,
            label,
            disabled,
        });
    }
    Ok(items)
}

fn visible_on(meta: &ParseNestedMeta<'_>) -> syn::Result<RawVisibleOn> {
    if meta.input.peek(Token![=]) {
        let s: LitStr = meta.value()?.parse()?;
        return match s.value().as_str() {
            "never" => Ok(RawVisibleOn::Fixed(false)),
            "always" => Ok(RawVisibleOn::Fixed(true)),
            other => Err(syn::Error::new(
                s.span(),
                format!(
                    "`visible_on = {other:?}`: the string forms are \"never\" and \"always\"; for a condition write \
                     `visible_on(other_field, not_empty)`, `visible_on(other_field, equals = value)` or \
                     `visible_on(other_field, includes = \"text\")`"
                ),
            )),
        };
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let target: Ident = content.parse()?;
    content.parse::<Token![,]>()?;
    let op: Ident = content.parse()?;
    let condition = match op.to_string().as_str() {
        "not_empty" => Condition::NotEmpty,
        "equals" => {
            content.parse::<Token![=]>()?;
            Condition::Equals(lit_of(&content.parse::<Expr>()?)?)
        }
        "includes" => {
            content.parse::<Token![=]>()?;
            Condition::Includes(content.parse::<LitStr>()?.value())
        }
        other => {
            return Err(syn::Error::new(
                op.span(),
                format!(
                    "unknown condition `{other}`{}",
                    did_you_mean(other, &["not_empty", "equals", "includes"])
                ),
            ));
        }
    };
    if !content.is_empty() {
        return Err(content.error("one condition per `visible_on` (json-modals §3.5)"));
    }
    Ok(RawVisibleOn::When(target, condition))
}

fn parse_field_attrs(attrs: &[syn::Attribute], errors: &mut Vec<syn::Error>) -> RawField {
    let mut raw = RawField::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("modal")) {
        let result = attr.parse_nested_meta(|meta| {
            let Some(ident) = meta.path.get_ident() else {
                errors.push(meta.error("expected a `#[modal(...)]` key"));
                return skip_value(&meta);
            };
            let name = ident.to_string();
            let span = ident.span();
            let selector = |e: Element, raw: &mut RawField| raw.selectors.push((e, span));
            let opt = |o: Opt, raw: &mut RawField| raw.opts.push((o, span));
            let step: syn::Result<()> = (|| {
                match name.as_str() {
                    "input" => selector(Element::Input, &mut raw),
                    "textarea" => selector(Element::Textarea, &mut raw),
                    "select" => selector(Element::Select, &mut raw),
                    "radio" => selector(Element::Radio, &mut raw),
                    "checkbox" => selector(Element::Checkbox, &mut raw),
                    "datepicker" => selector(Element::Datepicker, &mut raw),
                    "separator" => selector(Element::Separator, &mut raw),
                    "text" => {
                        raw.text = Some((string(&meta)?, span));
                        selector(Element::Text, &mut raw);
                    }
                    "markdown" => {
                        raw.markdown = flag(&meta)?;
                        opt(Opt::Markdown, &mut raw);
                    }
                    "label" => {
                        raw.label = Some(string(&meta)?);
                        opt(Opt::Label, &mut raw);
                    }
                    "placeholder" => {
                        raw.placeholder = Some(string(&meta)?);
                        opt(Opt::Placeholder, &mut raw);
                    }
                    "message" => {
                        raw.message = Some(string(&meta)?);
                        opt(Opt::Message, &mut raw);
                    }
                    "value" => {
                        let v = default_value(&meta)?;
                        raw.value = Some((v, span));
                        opt(Opt::Value, &mut raw);
                    }
                    "type" => {
                        let s: LitStr = meta.value()?.parse()?;
                        if !INPUT_TYPES.contains(&s.value().as_str()) {
                            errors.push(syn::Error::new(
                                s.span(),
                                format!(
                                    "unknown input type {:?}{}",
                                    s.value(),
                                    did_you_mean(&s.value(), INPUT_TYPES)
                                ),
                            ));
                        }
                        raw.input_type = Some(s.value());
                        opt(Opt::Type, &mut raw);
                    }
                    "allow_clear" => {
                        raw.allow_clear = flag(&meta)?;
                        opt(Opt::AllowClear, &mut raw);
                    }
                    "required" => {
                        raw.required = Some(flag(&meta)?);
                        opt(Opt::Required, &mut raw);
                    }
                    "filter" => {
                        raw.filter = flag(&meta)?;
                        opt(Opt::Filter, &mut raw);
                    }
                    "resize" => {
                        raw.resize = flag(&meta)?;
                        opt(Opt::Resize, &mut raw);
                    }
                    "items" => {
                        raw.items = Some((static_items(&meta)?, span));
                        opt(Opt::Items, &mut raw);
                    }
                    "dynamic" => {
                        raw.dynamic = flag(&meta)?;
                        opt(Opt::Dynamic, &mut raw);
                    }
                    "visible_on" => {
                        raw.visible_on = Some((visible_on(&meta)?, span));
                        opt(Opt::VisibleOn, &mut raw);
                    }
                    "fetch_on_change" => {
                        raw.fetch_on_change = flag(&meta)?;
                        opt(Opt::FetchOnChange, &mut raw);
                    }
                    "hidden" => {
                        raw.hidden = flag(&meta)?;
                        opt(Opt::Hidden, &mut raw);
                    }
                    _ => {
                        errors.push(syn::Error::new(
                            span,
                            format!(
                                "unknown modal attribute `{name}`{}",
                                did_you_mean(&name, FIELD_KEYS)
                            ),
                        ));
                        skip_value(&meta)?;
                    }
                }
                Ok(())
            })();
            if let Err(e) = step {
                errors.push(e);
                // Skip what is left of this key so the next keys are still read.
                let _ = skip_value(&meta);
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    raw
}

/// Picks the element from the type and the selector, and how the value is read.
fn resolve_element(
    class: &Class,
    raw: &RawField,
    ty_span: Span,
    errors: &mut Vec<syn::Error>,
) -> Option<(Element, Kind, Items)> {
    if raw.selectors.len() > 1 {
        let (e, span) = raw.selectors[1];
        errors.push(syn::Error::new(
            span,
            format!(
                "a field is one block; `{}` conflicts with an earlier element attribute",
                selector_name(e)
            ),
        ));
        return None;
    }
    let chosen = raw.selectors.first().map(|(e, s)| (*e, *s));
    let static_items = raw.items.as_ref().map(|(i, _)| i.clone());
    let wrong = |e: Element, span: Span, what: &str| {
        syn::Error::new(
            span,
            format!("`{}` does not fit a field of type {what}", selector_name(e)),
        )
    };
    let choice_items = |ty: &Type| match (&static_items, raw.dynamic) {
        (Some(items), _) => Items::Static(items.clone()),
        (None, true) => Items::None,
        (None, false) => Items::Choice(ty.clone()),
    };
    let result = match (class, chosen) {
        (Class::TextMarker, None | Some((Element::Text, _))) => {
            if raw.text.is_none() {
                errors.push(syn::Error::new(
                    ty_span,
                    "a `Text` field is a static text block: add `#[modal(text = \"...\")]` (and `markdown` if wanted)",
                ));
                return None;
            }
            (Element::Text, Kind::Ignored, Items::None)
        }
        (Class::SeparatorMarker, None | Some((Element::Separator, _))) => {
            (Element::Separator, Kind::Ignored, Items::None)
        }
        (_, Some((Element::Text, span))) => {
            errors.push(syn::Error::new(
                span,
                "a text block goes on a field of type `pdx::modal::Text` (it has no value of its own)",
            ));
            return None;
        }
        (_, Some((Element::Separator, span))) => {
            errors.push(syn::Error::new(
                span,
                "a separator goes on a field of type `pdx::modal::Separator`",
            ));
            return None;
        }
        (Class::TextMarker | Class::SeparatorMarker, Some((e, span))) => {
            errors.push(wrong(
                e,
                span,
                "`Text`/`Separator` (a marker without a value)",
            ));
            return None;
        }
        (Class::Str, None | Some((Element::Input, _))) => (Element::Input, Kind::Text, Items::None),
        (Class::Str, Some((Element::Textarea, _))) => (Element::Textarea, Kind::Text, Items::None),
        (Class::Str, Some((Element::Select, _))) => (
            Element::Select,
            Kind::Text,
            static_items.map_or(Items::None, Items::Static),
        ),
        (Class::Str, Some((e @ (Element::Radio | Element::Checkbox), span))) => {
            match static_items {
                Some(items) => (e, Kind::Choice, Items::Static(items)),
                None => {
                    errors.push(syn::Error::new(
                    span,
                    "a radio group over a `String` needs `items((\"value\", \"Label\"), ...)`, or use a \
                     `ModalChoice` enum as the field type",
                ));
                    return None;
                }
            }
        }
        (Class::Date, None | Some((Element::Datepicker, _))) => {
            (Element::Datepicker, Kind::Date, Items::None)
        }
        (Class::Bool, None | Some((Element::Radio, _))) => {
            (Element::Radio, Kind::YesNo, Items::Bool)
        }
        (Class::Number, None | Some((Element::Input, _))) => {
            (Element::Input, Kind::Number, Items::None)
        }
        (Class::Number, Some((Element::Select, _))) => (
            Element::Select,
            Kind::Number,
            static_items.map_or(Items::None, Items::Static),
        ),
        (Class::AnyValue, None | Some((Element::Select, _))) => (
            Element::Select,
            Kind::Any,
            static_items.map_or(Items::None, Items::Static),
        ),
        (Class::List(inner, inner_ty), None | Some((Element::Checkbox, _))) => {
            match (&**inner, &static_items) {
                (_, Some(items)) => (
                    Element::Checkbox,
                    Kind::Choices,
                    Items::Static(items.clone()),
                ),
                (Class::Other(_), None) => (
                    Element::Checkbox,
                    Kind::Choices,
                    Items::Choice(inner_ty.clone()),
                ),
                _ => {
                    errors.push(syn::Error::new(
                    ty_span,
                    "a checkbox group is a `Vec` of a `ModalChoice` enum, or a `Vec<String>` with \
                     `#[modal(items((\"value\", \"Label\"), ...))]`",
                ));
                    return None;
                }
            }
        }
        (Class::Other(ty), None | Some((Element::Select, _))) => {
            let kind = if static_items.is_some() || raw.dynamic {
                Kind::Any
            } else {
                Kind::Choice
            };
            (Element::Select, kind, choice_items(ty))
        }
        (Class::Other(ty), Some((Element::Radio, _))) => {
            (Element::Radio, Kind::Choice, choice_items(ty))
        }
        (Class::Other(_), Some((e @ (Element::Input | Element::Textarea), _))) => {
            (e, Kind::Text, Items::None)
        }
        (Class::Str, Some((e, span))) => return fail(errors, wrong(e, span, "`String`")),
        (Class::Date, Some((e, span))) => {
            return fail(errors, wrong(e, span, "`NaiveDate` (a datepicker)"));
        }
        (Class::Bool, Some((e, span))) => {
            return fail(
                errors,
                wrong(
                    e,
                    span,
                    "`bool` (a yes/no radio group; there is no boolean element)",
                ),
            );
        }
        (Class::Number, Some((e, span))) => {
            return fail(
                errors,
                wrong(e, span, "a number (an input of type number, or a select)"),
            );
        }
        (Class::AnyValue, Some((e, span))) => {
            return fail(errors, wrong(e, span, "`ChoiceValue` (a select)"));
        }
        (Class::List(..), Some((e, span))) => {
            return fail(errors, wrong(e, span, "a list (a checkbox group)"));
        }
        (Class::Other(_), Some((e, span))) => {
            return fail(
                errors,
                wrong(e, span, "a `ModalChoice` enum (a select or a radio group)"),
            );
        }
    };
    Some(result)
}

fn fail<T>(errors: &mut Vec<syn::Error>, e: syn::Error) -> Option<T> {
    errors.push(e);
    None
}

fn selector_name(e: Element) -> &'static str {
    match e {
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

struct PendingBlock {
    block: Block,
    ident: Ident,
    visible_on: Option<(RawVisibleOn, Span)>,
    span: Span,
}

fn lit_kind_ok(element: Element, kind: Kind, lit: &Lit) -> bool {
    match (element, lit) {
        (Element::Select, Lit::Str(_)) => kind != Kind::Number,
        (Element::Select, Lit::Int(_) | Lit::Float(_)) => {
            kind != Kind::Text && kind != Kind::Choice
        }
        (Element::Select, Lit::Bool(_)) => kind == Kind::Any,
        (_, Lit::Str(_)) => true,
        _ => false,
    }
}

/// Reads and checks the struct.
pub(crate) fn parse(input: &DeriveInput) -> Result<Modal, Vec<syn::Error>> {
    let mut errors = Vec::new();
    let serde_container = serde_attr::container(&input.attrs);

    // Container attributes.
    let mut krate = default_crate();
    let mut actions: Vec<(Action, Span)> = Vec::new();
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("modal")) {
        let result = attr.parse_nested_meta(|meta| {
            let name = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let span = meta.path.span();
            match name.as_str() {
                "primary" | "secondary" => {
                    match parse_button(&meta, name == "primary", &mut errors) {
                        Ok(Some(a)) => actions.push((a, span)),
                        Ok(None) => {}
                        Err(e) => errors.push(e),
                    }
                }
                "crate" => match meta
                    .value()
                    .and_then(|v| v.parse::<LitStr>())
                    .and_then(|s| s.parse::<syn::Path>())
                {
                    Ok(p) => krate = p,
                    Err(e) => errors.push(e),
                },
                _ => {
                    errors.push(syn::Error::new(
                        span,
                        format!(
                            "unknown modal attribute `{name}` on the struct{}",
                            did_you_mean(&name, CONTAINER_KEYS)
                        ),
                    ));
                    skip_value(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    let primaries: Vec<&(Action, Span)> = actions.iter().filter(|(a, _)| a.primary).collect();
    if primaries.len() > 1 {
        errors.push(syn::Error::new(
            primaries[1].1,
            "a modal has at most one primary button (json-modals §3.7)",
        ));
    }
    let secondaries: Vec<&(Action, Span)> = actions.iter().filter(|(a, _)| !a.primary).collect();
    if secondaries.len() > 1 {
        errors.push(syn::Error::new(
            secondaries[1].1,
            "a modal has at most one secondary button (json-modals §3.7)",
        ));
    }
    if actions.len() > 1 && actions[0].0.key == actions[1].0.key {
        errors.push(syn::Error::new(
            actions[1].1,
            format!("two buttons with the key `{}`", actions[0].0.key),
        ));
    }
    if actions.is_empty() && errors.is_empty() {
        errors.push(syn::Error::new(
            input.ident.span(),
            "a JSON modal needs 1 or 2 buttons (json-modals §3.7): add \
             `#[modal(primary(label = \"Save\"))]` and optionally `secondary(label = \"Cancel\", handler = \"cancel\")`",
        ));
    }

    // Fields.
    if !input.generics.params.is_empty() {
        errors.push(syn::Error::new(
            input.generics.span(),
            "`JsonModal` cannot be derived for a generic type",
        ));
    }
    let fields = match &input.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => named.named.iter().collect::<Vec<_>>(),
            _ => {
                errors.push(syn::Error::new(
                    input.ident.span(),
                    "`JsonModal` needs a struct with named fields: each field is a block, its name the block key",
                ));
                Vec::new()
            }
        },
        _ => {
            errors.push(syn::Error::new(
                input.ident.span(),
                "`JsonModal` is derived on a struct with named fields (each field is a block)",
            ));
            Vec::new()
        }
    };

    let mut pending: Vec<PendingBlock> = Vec::new();
    for field in fields {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let serde_member = serde_attr::member(&field.attrs);
        let raw = parse_field_attrs(&field.attrs, &mut errors);
        if serde_member.skip_de {
            continue; // serde never reads it, so it is no block
        }
        if serde_member.flatten {
            errors.push(syn::Error::new(
                ident.span(),
                "`#[serde(flatten)]` is not supported: a modal's blocks are the struct's own fields",
            ));
            continue;
        }
        let key = serde_container.field_key_de(&serde_member, &ident.to_string());
        if serde_container.field_key_ser(&serde_member, &ident.to_string()) != key {
            errors.push(syn::Error::new(
                ident.span(),
                "a block has one key: serde names this field differently when serializing and deserializing",
            ));
        }
        let (optional, inner) = unwrap_option(&field.ty);
        let class = classify(inner);
        let Some((element, kind, items)) =
            resolve_element(&class, &raw, field.ty.span(), &mut errors)
        else {
            continue;
        };
        for (opt, span) in &raw.opts {
            if !element.allows(*opt) {
                let on: Vec<&str> = Element::ALL
                    .iter()
                    .filter(|e| e.allows(*opt))
                    .map(|e| e.name())
                    .collect();
                let hint = if on.is_empty() {
                    String::new()
                } else {
                    format!("; it is allowed on: {}", on.join(", "))
                };
                errors.push(syn::Error::new(
                    *span,
                    format!(
                        "`{}` is not an option of {}{hint}",
                        opt.name(),
                        element.name()
                    ),
                ));
            }
        }
        if raw.hidden && raw.visible_on.is_some() {
            errors.push(syn::Error::new(
                raw.visible_on.as_ref().map_or(ident.span(), |v| v.1),
                "`hidden` already sets `visibleOn: \"never\"`; remove one",
            ));
        }
        if raw.items.is_some() && raw.dynamic {
            errors.push(syn::Error::new(
                raw.items.as_ref().map_or(ident.span(), |i| i.1),
                "`dynamic` means no items in the schema; remove `items` or `dynamic`",
            ));
        }
        if element == Element::Input
            && kind == Kind::Number
            && raw.input_type.as_deref().is_some_and(|t| t != "number")
        {
            errors.push(syn::Error::new(
                ident.span(),
                "a number field is an input of `type = \"number\"`",
            ));
        }

        // Static items: unique values of the JSON type the element allows.
        if let (Some((items, span)), Items::Static(_)) = (&raw.items, &items) {
            let misfits: Vec<String> = items
                .iter()
                .filter(|i| !lit_kind_ok(element, kind, &i.value))
                .map(|i| i.value.describe())
                .collect();
            if !misfits.is_empty() {
                errors.push(syn::Error::new(
                    *span,
                    format!(
                        "item value(s) {} do not fit {}: {}",
                        misfits.join(", "),
                        element.name(),
                        if element == Element::Select {
                            "its values must deserialize into the field's type"
                        } else {
                            "radio and checkbox item values are strings"
                        }
                    ),
                ));
            }
            let mut seen: Vec<&Lit> = Vec::new();
            for item in items {
                if seen.contains(&&item.value) {
                    errors.push(syn::Error::new(
                        *span,
                        format!(
                            "item value {} is used twice; values are unique in a block",
                            item.value.describe()
                        ),
                    ));
                }
                seen.push(&item.value);
            }
        }

        // The default value.
        let mut value = None;
        if let Some((v, span)) = &raw.value {
            let ok = match (element, v) {
                (Element::Checkbox, DefaultValue::Many(lits)) => {
                    lits.iter().all(|l| matches!(l, Lit::Str(_)))
                }
                (Element::Checkbox, DefaultValue::One(Lit::Str(_))) => true,
                (Element::Select, DefaultValue::One(l)) => lit_kind_ok(element, kind, l),
                (Element::Radio, DefaultValue::One(Lit::Bool(_))) => kind == Kind::YesNo,
                (Element::Radio, DefaultValue::One(Lit::Str(_))) => kind != Kind::YesNo,
                (Element::Input, DefaultValue::One(Lit::Int(_) | Lit::Float(_))) => {
                    kind == Kind::Number
                }
                (
                    Element::Input | Element::Textarea | Element::Datepicker,
                    DefaultValue::One(Lit::Str(_)),
                ) => true,
                _ => false,
            };
            if !ok {
                errors.push(syn::Error::new(
                    *span,
                    format!("this `value` does not fit {}", element.name()),
                ));
            } else if let (Element::Datepicker, DefaultValue::One(Lit::Str(d))) = (element, v)
                && !is_date(d)
            {
                errors.push(syn::Error::new(
                    *span,
                    format!("`{d}` is not a real date in the form YYYY-MM-DD (json-modals §3.3 element-datepicker)"),
                ));
            } else {
                value = Some(v.clone());
            }
        }

        let takes_input = element.takes_input();
        let default_required =
            takes_input && !optional && !raw.hidden && !matches!(class, Class::List(..));
        let block = Block {
            key,
            ty: field.ty.clone(),
            element,
            kind,
            probe: takes_input && !serde_member.default,
            text: raw.text.as_ref().map(|(t, _)| t.clone()),
            markdown: raw.markdown,
            label: match element {
                Element::Text | Element::Separator => None,
                _ => Some(
                    raw.label
                        .clone()
                        .unwrap_or_else(|| sentence_case(&ident.to_string())),
                ),
            },
            input_type: raw.input_type.clone().or_else(|| {
                (kind == Kind::Number && element == Element::Input).then(|| "number".to_owned())
            }),
            value,
            placeholder: raw.placeholder.clone(),
            message: raw.message.clone(),
            allow_clear: raw.allow_clear,
            is_required: takes_input && raw.required.unwrap_or(default_required),
            filter: raw.filter,
            resize: raw.resize,
            items,
            visible_on: raw.hidden.then_some(VisibleOn::Never),
            fetch_on_change: raw.fetch_on_change,
        };
        pending.push(PendingBlock {
            block,
            ident: ident.clone(),
            visible_on: raw.visible_on,
            span: ident.span(),
        });
    }

    if pending.len() > MAX_BLOCKS {
        errors.push(syn::Error::new(
            pending[MAX_BLOCKS].span,
            format!(
                "a JSON modal has at most {MAX_BLOCKS} blocks and this is block {} (json-modals §3.9; separators and \
                 text count); split the form or drop a field",
                MAX_BLOCKS + 1
            ),
        ));
    }
    for (i, p) in pending.iter().enumerate() {
        if let Some(first) = pending[..i].iter().find(|q| q.block.key == p.block.key) {
            errors.push(syn::Error::new(
                p.span,
                format!(
                    "block key `{}` is already used by field `{}`",
                    p.block.key, first.ident
                ),
            ));
        }
    }

    // `visible_on` targets: other fields that take input.
    let names: Vec<String> = pending.iter().map(|p| p.ident.to_string()).collect();
    let targets: Vec<(String, String, Element)> = pending
        .iter()
        .map(|p| (p.ident.to_string(), p.block.key.clone(), p.block.element))
        .collect();
    for p in &mut pending {
        let Some((rule, _)) = &p.visible_on else {
            continue;
        };
        p.block.visible_on = Some(match rule {
            RawVisibleOn::Fixed(true) => VisibleOn::Always,
            RawVisibleOn::Fixed(false) => VisibleOn::Never,
            RawVisibleOn::When(target, condition) => {
                let t = target.to_string();
                match targets.iter().find(|(n, _, _)| *n == t) {
                    None => {
                        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
                        errors.push(syn::Error::new(
                            target.span(),
                            format!(
                                "`visible_on` names `{t}`, which is no block of this modal{}",
                                did_you_mean(&t, &refs)
                            ),
                        ));
                        continue;
                    }
                    Some(_) if p.ident == t => {
                        errors.push(syn::Error::new(
                            target.span(),
                            "a block's `visible_on` cannot depend on itself",
                        ));
                        continue;
                    }
                    Some((_, _, e)) if !e.takes_input() => {
                        errors.push(syn::Error::new(
                            target.span(),
                            format!(
                                "`visible_on` names `{t}`, an {} that has no value to test",
                                e.name()
                            ),
                        ));
                        continue;
                    }
                    Some((_, key, _)) => VisibleOn::When {
                        key: key.clone(),
                        condition: condition.clone(),
                    },
                }
            }
        });
    }

    if errors.is_empty() {
        Ok(Modal {
            ident: input.ident.clone(),
            krate,
            blocks: pending.into_iter().map(|p| p.block).collect(),
            actions: actions.into_iter().map(|(a, _)| a).collect(),
        })
    } else {
        Err(errors)
    }
}

/// `primary(key = "...", label = "...", handler = "...", url = "...")` or `secondary(...)`.
fn parse_button(
    meta: &ParseNestedMeta<'_>,
    primary: bool,
    errors: &mut Vec<syn::Error>,
) -> syn::Result<Option<Action>> {
    let (kind, handlers, default_key, default_handler) = if primary {
        ("primary", PRIMARY_HANDLERS, "submit", "request")
    } else {
        ("secondary", SECONDARY_HANDLERS, "cancel", "cancel")
    };
    let keys: &[&str] = if primary {
        &["key", "label", "handler", "url"]
    } else {
        &["key", "label", "handler"]
    };
    let mut key = None;
    let mut label = None;
    let mut handler: Option<LitStr> = None;
    let mut url: Option<LitStr> = None;
    let before = errors.len();
    meta.parse_nested_meta(|inner| {
        let name = inner
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match name.as_str() {
            "key" => key = Some(string(&inner)?),
            "label" => label = Some(string(&inner)?),
            "handler" => handler = Some(inner.value()?.parse()?),
            "url" if primary => url = Some(inner.value()?.parse()?),
            _ => {
                let extra = if name == "url" {
                    " (`url` is only on the primary button)"
                } else {
                    ""
                };
                errors.push(syn::Error::new(
                    inner.path.span(),
                    format!(
                        "unknown `{kind}` button key `{name}`{extra}{}",
                        did_you_mean(&name, keys)
                    ),
                ));
                skip_value(&inner)?;
            }
        }
        Ok(())
    })?;
    let handler_value = handler
        .as_ref()
        .map_or_else(|| default_handler.to_owned(), LitStr::value);
    if let Some(h) = &handler
        && !handlers.contains(&h.value().as_str())
    {
        errors.push(syn::Error::new(
            h.span(),
            format!(
                "unknown {kind} handler {:?}{}",
                h.value(),
                did_you_mean(&h.value(), handlers)
            ),
        ));
    }
    if let Some(u) = &url
        && handler_value != pdx_format::modal::URL_HANDLER
    {
        errors.push(syn::Error::new(
            u.span(),
            "`url` only applies with `handler = \"open-url\"` (json-modals §3.7); set the handler or remove `url`",
        ));
    }
    let Some(label) = label else {
        errors.push(syn::Error::new(
            meta.path.span(),
            format!("the {kind} button needs a `label = \"...\"` (json-modals §3.7: `label` is required)"),
        ));
        return Ok(None);
    };
    if errors.len() > before {
        return Ok(None);
    }
    Ok(Some(Action {
        primary,
        key: key.unwrap_or_else(|| default_key.to_owned()),
        label,
        handler: handler_value,
        url: url.map(|u| u.value()),
    }))
}

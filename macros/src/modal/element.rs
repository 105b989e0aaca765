//! Which element a field is: from its Rust type and the element attribute (`#[modal(radio)]`...), and how its
//! submitted value is read.

use super::model::{Element, Items, Kind};
use super::parse::RawField;
use crate::errors::Errors;
use proc_macro2::Span;
use syn::{GenericArgument, PathArguments, Type};

/// The Rust type of a field, as far as the element is concerned.
#[derive(Debug, Clone)]
pub(crate) enum Class {
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
pub(crate) fn unwrap_option(ty: &Type) -> (bool, &Type) {
    if let Some(seg) = last_segment(ty)
        && seg.ident == "Option"
        && let Some(inner) = single_arg(seg)
    {
        return (true, inner);
    }
    (false, ty)
}

pub(crate) fn classify(ty: &Type) -> Class {
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

/// Picks the element from the type and the selector, and how the value is read.
pub(crate) fn resolve_element(
    class: &Class,
    raw: &RawField,
    ty_span: Span,
    errors: &mut Errors,
) -> Option<(Element, Kind, Items)> {
    if raw.selectors.len() > 1 {
        let (e, span) = raw.selectors[1];
        errors.add(syn::Error::new(
            span,
            format!(
                "a field is one block; `{}` conflicts with an earlier element attribute",
                e.selector()
            ),
        ));
        return None;
    }
    let chosen = raw.selectors.first().map(|(e, s)| (*e, *s));
    let static_items = raw.items.as_ref().map(|(i, _)| i.clone());
    let wrong = |e: Element, span: Span, what: &str| {
        syn::Error::new(
            span,
            format!("`{}` does not fit a field of type {what}", e.selector()),
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
                errors.add(syn::Error::new(
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
            errors.add(syn::Error::new(
                span,
                "a text block goes on a field of type `pdx::modal::Text` (it has no value of its own)",
            ));
            return None;
        }
        (_, Some((Element::Separator, span))) => {
            errors.add(syn::Error::new(
                span,
                "a separator goes on a field of type `pdx::modal::Separator`",
            ));
            return None;
        }
        (Class::TextMarker | Class::SeparatorMarker, Some((e, span))) => {
            errors.add(wrong(
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
                    errors.add(syn::Error::new(
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
                    errors.add(syn::Error::new(
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

fn fail<T>(errors: &mut Errors, e: syn::Error) -> Option<T> {
    errors.add(e);
    None
}

//! `#[derive(JsonModal)]`: code generation from a checked model.

use super::model::{Block, Condition, DefaultValue, Element, Items, Kind, Lit, Modal, VisibleOn};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::DeriveInput;

fn choice_value(k: &syn::Path, lit: &Lit) -> TokenStream {
    match lit {
        Lit::Str(s) => quote!(#k::modal::ChoiceValue::String(::std::string::String::from(#s))),
        Lit::Int(i) => quote!(#k::modal::ChoiceValue::Integer(#i)),
        Lit::Float(f) => quote!(#k::modal::ChoiceValue::Float(#f)),
        Lit::Bool(b) => quote!(#k::modal::ChoiceValue::Bool(#b)),
    }
}

fn lit_text(lit: &Lit) -> String {
    match lit {
        Lit::Str(s) => s.clone(),
        Lit::Int(i) => i.to_string(),
        Lit::Float(f) => f.to_string(),
        Lit::Bool(b) => b.to_string(),
    }
}

pub(crate) fn visible_on(k: &syn::Path, rule: &VisibleOn) -> TokenStream {
    match rule {
        VisibleOn::Never => quote!(#k::modal::VisibleOn::never()),
        VisibleOn::Always => quote!(#k::modal::VisibleOn::always()),
        VisibleOn::When { key, condition, .. } => {
            let c = match condition {
                Condition::NotEmpty => quote!(#k::modal::Condition::not_empty()),
                Condition::Equals(l) => {
                    let v = choice_value(k, l);
                    quote!(#k::modal::Condition::equals(#v))
                }
                Condition::Includes(s) => quote!(#k::modal::Condition::includes(#s)),
            };
            quote!(#k::modal::VisibleOn::when(#key, #c))
        }
    }
}

fn items(k: &syn::Path, element: Element, items: &Items) -> Option<TokenStream> {
    let select = element == Element::Select;
    Some(match items {
        Items::None => return None,
        Items::Choice(ty) if select => quote!(<#ty as #k::modal::ModalChoice>::select_items()),
        Items::Choice(ty) => quote!(<#ty as #k::modal::ModalChoice>::string_items()),
        Items::Bool(label) => {
            let value = pdx_format::modal::BOOL_ITEM_VALUE;
            quote!(::std::vec![#k::modal::Item::<::std::string::String>::new(#value, #label)])
        }
        Items::Static(list) => {
            let each = list.iter().map(|item| {
                let label = &item.label;
                let disabled = item.disabled.then(|| quote!(.disabled()));
                let visible = item.visible_on.as_ref().map(|rule| {
                    let rule = visible_on(k, rule);
                    quote!(.visible_on(#rule))
                });
                let extras = quote!(#disabled #visible);
                if select {
                    let v = choice_value(k, &item.value);
                    quote!(#k::modal::Item::<#k::modal::ChoiceValue>::new(#v, #label) #extras)
                } else {
                    let v = lit_text(&item.value);
                    quote!(#k::modal::Item::<::std::string::String>::new(#v, #label) #extras)
                }
            });
            quote!(::std::vec![#(#each),*])
        }
    })
}

fn block(k: &syn::Path, b: &Block) -> TokenStream {
    let mut calls = Vec::new();
    let s = |v: &Option<String>, name: &str| {
        v.as_ref().map(|v| {
            let m = syn::Ident::new(name, proc_macro2::Span::call_site());
            quote!(.#m(#v))
        })
    };
    let flag = |on: bool, name: &str| {
        on.then(|| {
            let m = syn::Ident::new(name, proc_macro2::Span::call_site());
            quote!(.#m(true))
        })
    };
    if let Some(t) = &b.input_type {
        let variant = match t.as_str() {
            "email" => quote!(Email),
            "number" => quote!(Number),
            "password" => quote!(Password),
            "search" => quote!(Search),
            "url" => quote!(Url),
            _ => quote!(Text),
        };
        calls.push(quote!(.input_type(#k::modal::InputType::#variant)));
    }
    calls.extend(s(&b.text, "value"));
    calls.extend(flag(b.markdown, "markdown"));
    calls.extend(s(&b.label, "label"));
    match (&b.value, b.element) {
        (Some(DefaultValue::One(l)), Element::Select) => {
            let v = choice_value(k, l);
            calls.push(quote!(.value(#v)));
        }
        (Some(DefaultValue::One(Lit::Bool(ticked))), Element::Checkbox) => {
            let v = ticked
                .then_some(pdx_format::modal::BOOL_ITEM_VALUE)
                .into_iter();
            calls.push(quote!(.value(::std::vec![#(::std::string::String::from(#v)),*])));
        }
        (Some(DefaultValue::One(l)), Element::Checkbox) => {
            let v = lit_text(l);
            calls.push(quote!(.value(::std::vec![::std::string::String::from(#v)])));
        }
        (Some(DefaultValue::Many(ls)), _) => {
            let vs = ls.iter().map(lit_text);
            calls.push(quote!(.value(::std::vec![#(::std::string::String::from(#vs)),*])));
        }
        (Some(DefaultValue::One(l)), _) => {
            let v = lit_text(l);
            calls.push(quote!(.value(#v)));
        }
        (None, _) => {}
    }
    calls.extend(s(&b.placeholder, "placeholder"));
    calls.extend(s(&b.message, "message"));
    calls.extend(flag(b.allow_clear, "allow_clear"));
    calls.extend(flag(b.is_required, "is_required"));
    calls.extend(flag(b.filter, "filter"));
    calls.extend(flag(b.resize, "resize"));
    if let Some(items) = items(k, b.element, &b.items) {
        calls.push(quote!(.items(#items)));
    }
    if let Some(rule) = &b.visible_on {
        let r = visible_on(k, rule);
        calls.push(quote!(.visible_on(#r)));
    }
    calls.extend(flag(b.fetch_on_change, "fetch_on_change"));
    let options = match b.element {
        Element::Text => quote!(TextOptions),
        Element::Input => quote!(InputOptions),
        Element::Textarea => quote!(TextareaOptions),
        Element::Select => quote!(SelectOptions),
        Element::Datepicker => quote!(DatepickerOptions),
        Element::Radio => quote!(RadioGroupOptions),
        Element::Checkbox => quote!(CheckboxGroupOptions),
        Element::Separator => return quote!(#k::modal::Block::Separator),
    };
    quote!(#k::modal::Block::from(#k::modal::#options::new() #(#calls)*))
}

fn kind(k: &syn::Path, kind: Kind) -> TokenStream {
    let v = match kind {
        Kind::Ignored => quote!(Ignored),
        Kind::Text => quote!(Text),
        Kind::Number => quote!(Number),
        Kind::Date => quote!(Date),
        Kind::Choice => quote!(Choice),
        Kind::Choices => quote!(Choices),
        Kind::Checkbox => quote!(Checkbox),
        Kind::Any => quote!(Any),
    };
    quote!(#k::modal::ValueKind::#v)
}

/// A default `value` over a `ModalChoice` enum is one of its values: checked when the user's crate compiles,
/// against the enum's `VALUES` (the derive of the struct cannot see the enum's variants).
fn choice_default_checks(k: &syn::Path, b: &Block) -> Option<TokenStream> {
    let (Items::Choice(ty), Some(value)) = (&b.items, &b.value) else {
        return None;
    };
    let lits = match value {
        DefaultValue::One(l) => std::slice::from_ref(l),
        DefaultValue::Many(ls) => ls.as_slice(),
    };
    let checks = lits.iter().map(|l| {
        let v = lit_text(l);
        let ty_name = quote!(#ty).to_string().replace(' ', "");
        let message = format!(
            "{} (the items of `{ty_name}` are its variants' serde names, `{ty_name}::VALUES`), so leave `value` out \
             (or add the variant)",
            pdx_format::modal::PresetNotAnItem(&v)
        );
        quote_spanned! {b.value_span=>
            const _: () = ::core::assert!(
                #k::__private::contains(<#ty as #k::modal::ModalChoice>::VALUES, #v),
                #message
            );
        }
    });
    Some(quote!(#(#checks)*))
}

pub(crate) fn expand(m: &Modal) -> TokenStream {
    let k = &m.krate;
    let ident = &m.ident;
    let blocks = m.blocks.iter().map(|b| {
        let key = &b.key;
        let block = block(k, b);
        quote!(.block(#key, #block))
    });
    let actions = m.actions.iter().map(|a| {
        let key = &a.key;
        let label = &a.label;
        let visible = a.visible_on.as_ref().map(|rule| {
            let rule = visible_on(k, rule);
            quote!(.visible_on(#rule))
        });
        let options = if a.primary {
            let handler = if a.handler == pdx_format::modal::URL_HANDLER { quote!(OpenUrl) } else { quote!(Request) };
            let url = a.url.as_ref().map(|u| quote!(.url(#u)));
            quote!(#k::modal::PrimaryOptions::new().label(#label).handler(#k::modal::PrimaryHandler::#handler) #url #visible)
        } else {
            let handler = if a.handler == "reset" { quote!(Reset) } else { quote!(Cancel) };
            quote!(#k::modal::SecondaryOptions::new().label(#label).handler(#k::modal::SecondaryHandler::#handler) #visible)
        };
        quote!(.action(#key, #options))
    });
    let kinds = m.blocks.iter().map(|b| {
        let key = &b.key;
        let kind = kind(k, b.kind);
        quote!(.with_value_kind(#key, #kind))
    });
    let probes = m.blocks.iter().filter(|b| b.probe).map(|b| {
        let key = &b.key;
        let ty = &b.ty;
        quote! {
            (#key, (|value: #k::__private::serde_json::Value| {
                #k::__private::serde_json::from_value::<#ty>(value)
                    .map(|_| ())
                    .map_err(|e| ::std::string::ToString::to_string(&e))
            }) as fn(#k::__private::serde_json::Value) -> ::std::result::Result<(), ::std::string::String>)
        }
    });
    let default_checks = m.blocks.iter().filter_map(|b| choice_default_checks(k, b));
    quote! {
        #(#default_checks)*

        #[automatically_derived]
        impl #k::modal::JsonModal for #ident {
            fn schema() -> &'static #k::modal::ModalSchema {
                static SCHEMA: #k::__private::OnceLock<#k::modal::ModalSchema> = #k::__private::OnceLock::new();
                SCHEMA.get_or_init(|| {
                    let document = #k::modal::ModalDocument::new() #(#blocks)* #(#actions)*;
                    #k::modal::ModalSchema::from_document(&document) #(#kinds)*
                })
            }

            fn from_submission(
                body: &#k::__private::serde_json::Value,
            ) -> ::std::result::Result<Self, #k::modal::SubmissionError> {
                let normalized =
                    #k::modal::normalize_submission(<Self as #k::modal::JsonModal>::schema(), body)?;
                match #k::__private::serde_json::from_value::<Self>(
                    #k::__private::serde_json::Value::Object(normalized.clone()),
                ) {
                    ::std::result::Result::Ok(value) => ::std::result::Result::Ok(value),
                    ::std::result::Result::Err(error) => ::std::result::Result::Err(
                        #k::modal::locate_error(&normalized, &error, &[#(#probes),*]),
                    ),
                }
            }
        }
    }
}

/// The impl emitted next to compile errors, so one mistake gives one message.
pub(crate) fn dummy(input: &DeriveInput, k: &syn::Path) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics #k::modal::JsonModal for #ident #ty_generics #where_clause {
            fn schema() -> &'static #k::modal::ModalSchema {
                ::core::unreachable!("`#[derive(JsonModal)]` reported a compile error")
            }
        }
    }
}

//! The grammar of `#[modal(...)]` on a `JsonModal` struct and its fields: reads each attribute into a raw model
//! (what was written, with spans), reporting what cannot be read and going on. `block` and `check` judge it.

use super::model::{Action, Condition, DefaultValue, Element, Lit, Opt, RawVisibleOn, StaticItem};
use crate::errors::Errors;
use crate::hint::did_you_mean;
use crate::meta::{attrs_named, crate_path, default_crate, flag, skip_value, string};
use pdx_format::modal::{INPUT_TYPES, PRIMARY_HANDLERS, SECONDARY_HANDLERS};
use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::parse::Parse;
use syn::spanned::Spanned;
use syn::{Expr, Ident, LitStr, Token};

/// Every key `#[modal(...)]` accepts on a field, for "did you mean": the element keys, then the options (whose
/// names come from `pdx-format`'s table of Pipedrive's options).
fn field_keys() -> Vec<&'static str> {
    Element::ALL
        .iter()
        .map(|e| e.selector())
        .chain(Opt::ALL.iter().map(|o| o.name()))
        .collect()
}

const CONTAINER_KEYS: &[&str] = &["primary", "secondary", "crate"];

/// What one field's `#[modal(...)]` attributes say, before they are checked against the element.
#[derive(Default)]
pub(crate) struct RawField {
    pub(crate) selectors: Vec<(Element, Span)>,
    pub(crate) text: Option<(String, Span)>,
    pub(crate) opts: Vec<(Opt, Span)>,
    pub(crate) markdown: bool,
    pub(crate) label: Option<String>,
    pub(crate) placeholder: Option<String>,
    pub(crate) message: Option<String>,
    pub(crate) value: Option<(DefaultValue, Span)>,
    pub(crate) input_type: Option<String>,
    pub(crate) allow_clear: bool,
    pub(crate) required: Option<bool>,
    pub(crate) filter: bool,
    pub(crate) resize: bool,
    pub(crate) items: Option<(Vec<StaticItem>, Span)>,
    pub(crate) dynamic: bool,
    pub(crate) visible_on: Option<(RawVisibleOn, Span)>,
    pub(crate) fetch_on_change: bool,
    pub(crate) hidden: bool,
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
    tuples.iter().map(static_item).collect()
}

/// The item keys `disabled` (`isDisabled`) and `visible_on` (`visibleOn`), as `pdx-format` names them.
pub(crate) const DISABLED: &str = item_key(0);
pub(crate) const VISIBLE_ON: &str = item_key(1);

const fn item_key(i: usize) -> &'static str {
    pdx_format::modal::ITEM_ATTRIBUTES[i].1
}

/// `(value, "label")`, then optionally `disabled` and `visible_on(...)`.
fn static_item(t: &Expr) -> syn::Result<StaticItem> {
    let hint =
        "expected `(value, \"label\")`, optionally followed by `disabled` and `visible_on(...)`";
    let Expr::Tuple(tuple) = t else {
        return Err(syn::Error::new(t.span(), hint));
    };
    let elems: Vec<&Expr> = tuple.elems.iter().collect();
    if !(2..=4).contains(&elems.len()) {
        return Err(syn::Error::new(t.span(), hint));
    }
    let value = lit_of(elems[0])?;
    let Lit::Str(label) = lit_of(elems[1])? else {
        return Err(syn::Error::new(
            elems[1].span(),
            "an item's label is a string",
        ));
    };
    let mut item = StaticItem {
        value,
        label,
        disabled: false,
        rule: None,
        visible_on: None,
    };
    for extra in &elems[2..] {
        match extra {
            Expr::Path(p) if p.path.is_ident(DISABLED) && !item.disabled => item.disabled = true,
            Expr::Call(call) if is_ident(&call.func, VISIBLE_ON) && item.rule.is_none() => {
                item.rule = Some(item_rule(call)?);
            }
            e => {
                return Err(syn::Error::new(
                    e.span(),
                    "expected `disabled` or `visible_on(field, condition)`, each at most once",
                ));
            }
        }
    }
    Ok(item)
}

fn is_ident(expr: &Expr, name: &str) -> bool {
    matches!(expr, Expr::Path(p) if p.path.is_ident(name))
}

/// An item's `visible_on(field, not_empty | equals = value | includes = "text")`.
fn item_rule(call: &syn::ExprCall) -> syn::Result<RawVisibleOn> {
    let hint = "expected `visible_on(field, not_empty)`, `visible_on(field, equals = value)` or \
                `visible_on(field, includes = \"text\")`";
    let args: Vec<&Expr> = call.args.iter().collect();
    let [Expr::Path(target), condition] = args.as_slice() else {
        return Err(syn::Error::new(call.span(), hint));
    };
    let Some(target) = target.path.get_ident() else {
        return Err(syn::Error::new(target.span(), hint));
    };
    let condition = match condition {
        e if is_ident(e, "not_empty") => Condition::NotEmpty,
        Expr::Assign(a) if is_ident(&a.left, "equals") => Condition::Equals(lit_of(&a.right)?),
        Expr::Assign(a) if is_ident(&a.left, "includes") => match lit_of(&a.right)? {
            Lit::Str(s) => Condition::Includes(s),
            _ => return Err(syn::Error::new(a.right.span(), "`includes` takes a string")),
        },
        e => return Err(syn::Error::new(e.span(), hint)),
    };
    Ok(RawVisibleOn::When(target.clone(), condition))
}

pub(crate) fn visible_on(meta: &ParseNestedMeta<'_>) -> syn::Result<RawVisibleOn> {
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
                    "unknown condition `{other}`; {}",
                    did_you_mean(other, pdx_format::modal::CONDITIONS)
                ),
            ));
        }
    };
    if !content.is_empty() {
        return Err(content.error("one condition per `visible_on` "));
    }
    Ok(RawVisibleOn::When(target, condition))
}

/// Reads a field's `#[modal(...)]` attributes. What cannot be read is reported; the keys after it are still read.
pub(crate) fn field(attrs: &[syn::Attribute], errors: &mut Errors) -> RawField {
    let mut raw = RawField::default();
    for attr in attrs_named(attrs, "modal") {
        let result = attr.parse_nested_meta(|meta| {
            let Some(ident) = meta.path.get_ident().cloned() else {
                errors.add(meta.error("expected a `#[modal(...)]` key"));
                return skip_value(&meta);
            };
            if let Err(e) = field_key(&ident, &meta, &mut raw, errors) {
                errors.add(e);
                // Skip what is left of this key so the next keys are still read.
                let _ = skip_value(&meta);
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.add(e);
        }
    }
    raw
}

/// The element attributes: `#[modal(select)]` picks the element.
fn element_of(key: &str) -> Option<Element> {
    Element::ALL.into_iter().find(|e| e.selector() == key)
}

/// Reads one key of a field's `#[modal(...)]`.
fn field_key(
    ident: &Ident,
    meta: &ParseNestedMeta<'_>,
    raw: &mut RawField,
    errors: &mut Errors,
) -> syn::Result<()> {
    let name = ident.to_string();
    let span = ident.span();
    if let Some(element) = element_of(&name) {
        if element == Element::Text {
            raw.text = Some((string(meta)?, span));
        }
        raw.selectors.push((element, span));
        return Ok(());
    }
    let Some(opt) = Opt::ALL.into_iter().find(|o| o.name() == name) else {
        errors.push(
            span,
            format!(
                "unknown modal attribute `{name}`; {}",
                did_you_mean(&name, &field_keys())
            ),
        );
        return skip_value(meta);
    };
    raw.opts.push((opt, span));
    match opt {
        Opt::Markdown => raw.markdown = flag(meta)?,
        Opt::Label => raw.label = Some(string(meta)?),
        Opt::Placeholder => raw.placeholder = Some(string(meta)?),
        Opt::Message => raw.message = Some(string(meta)?),
        Opt::Value => raw.value = Some((default_value(meta)?, span)),
        Opt::Type => raw.input_type = Some(input_type(meta, errors)?),
        Opt::AllowClear => raw.allow_clear = flag(meta)?,
        Opt::Required => raw.required = Some(flag(meta)?),
        Opt::Filter => raw.filter = flag(meta)?,
        Opt::Resize => raw.resize = flag(meta)?,
        Opt::Items => raw.items = Some((static_items(meta)?, span)),
        Opt::Dynamic => raw.dynamic = flag(meta)?,
        Opt::VisibleOn => raw.visible_on = Some((visible_on(meta)?, span)),
        Opt::FetchOnChange => raw.fetch_on_change = flag(meta)?,
        Opt::Hidden => raw.hidden = flag(meta)?,
    }
    Ok(())
}

/// `type = "email"`: one of Pipedrive's input types.
fn input_type(meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<String> {
    let s: LitStr = meta.value()?.parse()?;
    let value = s.value();
    if !INPUT_TYPES.contains(&value.as_str()) {
        errors.push(
            s.span(),
            format!(
                "unknown input type {value:?}; {}",
                did_you_mean(&value, INPUT_TYPES)
            ),
        );
    }
    Ok(value)
}

/// What the struct's `#[modal(...)]` says: the buttons and the crate path.
pub(crate) struct Container {
    pub(crate) krate: syn::Path,
    pub(crate) buttons: Vec<Button>,
}

/// A button, read: `visible_on` is resolved once the blocks are known.
pub(crate) struct Button {
    pub(crate) action: Action,
    /// The span of `primary`/`secondary`.
    pub(crate) span: Span,
    pub(crate) visible_on: Option<RawVisibleOn>,
}

/// Reads the struct's `#[modal(...)]` attributes.
pub(crate) fn container(attrs: &[syn::Attribute], errors: &mut Errors) -> Container {
    let mut out = Container {
        krate: default_crate(),
        buttons: Vec::new(),
    };
    for attr in attrs_named(attrs, "modal") {
        let result = attr.parse_nested_meta(|meta| {
            let name = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            match name.as_str() {
                "primary" | "secondary" => match button(&meta, name == "primary", errors) {
                    Ok(Some(b)) => out.buttons.push(b),
                    Ok(None) => {}
                    Err(e) => errors.add(e),
                },
                "crate" => match crate_path(&meta) {
                    Ok(p) => out.krate = p,
                    Err(e) => errors.add(e),
                },
                _ => {
                    errors.push(
                        meta.path.span(),
                        format!(
                            "unknown modal attribute `{name}` on the struct; {}",
                            did_you_mean(&name, CONTAINER_KEYS)
                        ),
                    );
                    skip_value(&meta)?;
                }
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.add(e);
        }
    }
    out
}

/// A button's keys, as written.
#[derive(Default)]
struct RawButton {
    key: Option<String>,
    label: Option<String>,
    handler: Option<LitStr>,
    url: Option<LitStr>,
    visible_on: Option<RawVisibleOn>,
}

/// `primary(key = "...", label = "...", handler = "...", url = "...")` or `secondary(...)`: read, then checked.
fn button(
    meta: &ParseNestedMeta<'_>,
    primary: bool,
    errors: &mut Errors,
) -> syn::Result<Option<Button>> {
    let (kind, handlers, default_key, default_handler) = if primary {
        ("primary", PRIMARY_HANDLERS, "submit", "request")
    } else {
        ("secondary", SECONDARY_HANDLERS, "cancel", "cancel")
    };
    let before = errors.len();
    let raw = button_keys(meta, primary, kind, errors)?;
    let handler_value = raw
        .handler
        .as_ref()
        .map_or_else(|| default_handler.to_owned(), LitStr::value);
    if let Some(h) = &raw.handler
        && !handlers.contains(&h.value().as_str())
    {
        errors.add(syn::Error::new(
            h.span(),
            format!(
                "unknown {kind} handler {:?}; {}",
                h.value(),
                did_you_mean(&h.value(), handlers)
            ),
        ));
    }
    if let Some(u) = &raw.url
        && handler_value != pdx_format::modal::URL_HANDLER
    {
        errors.add(syn::Error::new(
            u.span(),
            "`url` only applies with `handler = \"open-url\"`; set the handler or remove `url`",
        ));
    }
    let Some(label) = raw.label else {
        errors.add(syn::Error::new(
            meta.path.span(),
            format!(
                "the {kind} button needs a `label = \"...\"`: Pipedrive requires a button's `label`"
            ),
        ));
        return Ok(None);
    };
    if errors.len() > before {
        return Ok(None);
    }
    Ok(Some(Button {
        action: Action {
            primary,
            key: raw.key.unwrap_or_else(|| default_key.to_owned()),
            label,
            handler: handler_value,
            url: raw.url.map(|u| u.value()),
            visible_on: None,
        },
        span: meta.path.span(),
        visible_on: raw.visible_on,
    }))
}

/// Reads a button's keys; an unknown key is reported and skipped.
fn button_keys(
    meta: &ParseNestedMeta<'_>,
    primary: bool,
    kind: &str,
    errors: &mut Errors,
) -> syn::Result<RawButton> {
    let keys: &[&str] = if primary {
        &["key", "label", "handler", "url", VISIBLE_ON]
    } else {
        &["key", "label", "handler", VISIBLE_ON]
    };
    let mut raw = RawButton::default();
    meta.parse_nested_meta(|inner| {
        let name = inner
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        match name.as_str() {
            "key" => raw.key = Some(string(&inner)?),
            "label" => raw.label = Some(string(&inner)?),
            "handler" => raw.handler = Some(inner.value()?.parse()?),
            "url" if primary => raw.url = Some(inner.value()?.parse()?),
            VISIBLE_ON => raw.visible_on = Some(visible_on(&inner)?),
            _ => {
                let extra = if name == "url" {
                    " (`url` is only on the primary button)"
                } else {
                    ""
                };
                errors.add(syn::Error::new(
                    inner.path.span(),
                    format!(
                        "unknown `{kind}` button key `{name}`{extra}; {}",
                        did_you_mean(&name, keys)
                    ),
                ));
                skip_value(&inner)?;
            }
        }
        Ok(())
    })?;
    Ok(raw)
}

#[cfg(test)]
mod tests {
    /// The item keys are `pdx-format`'s `isDisabled` and `visibleOn` rows.
    #[test]
    fn item_keys_are_pdx_formats_table() {
        assert_eq!(
            (super::DISABLED, super::VISIBLE_ON),
            (
                pdx_format::modal::item_attribute("isDisabled").unwrap_or_default(),
                pdx_format::modal::item_attribute("visibleOn").unwrap_or_default()
            )
        );
        assert_eq!(super::DISABLED, "disabled");
    }
}

//! The rules of a modal schema that JSON Schema cannot say (Pipedrive's docs, *JSON modals component library*:
//! <https://pipedrive.readme.io/docs/json-modals-component-library>): how many blocks and buttons, unique item
//! values, preset values among the items, `visibleOn` naming other blocks that take input, real dates, a
//! button's `url` with `open-url`, links that would run code. Plain Rust over the schema's JSON, with no JSON
//! Schema: [`ModalSchema::check`](super::ModalSchema::check) runs them alone on a derived schema (whose types give
//! it the shape), the check of a hand-written file runs them with each entry's JSON Schema.
//!
//! A schema may hold only buttons and no `blocks` (the component library shows the button types this way): it is
//! a confirmation dialog, which Pipedrive's docs allow, so no rule asks for blocks.

use super::document::{ActionKind, Element};
use super::limits::{
    MAX_ACTIONS, MAX_BLOCKS, MAX_PRIMARY_ACTIONS, MAX_SECONDARY_ACTIONS, MIN_ACTIONS,
    PresetNotAnItem, URL_HANDLER,
};
use crate::problem::{Problems, Severity, pointer_push};
use crate::script_url;
use pdx_format::date::is_date;
use pdx_format::page::JSON_MODALS_COMPONENT_LIBRARY;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};

/// Pointer of the blocks map in a schema file.
pub(crate) const BLOCKS: &str = "/properties/blocks/properties";
/// Pointer of the actions map in a schema file.
pub(crate) const ACTIONS: &str = "/properties/actions/properties";

/// What a block's or button's `options` configure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OptionsOf {
    Block(Element),
    Action(ActionKind),
}

impl OptionsOf {
    /// `element-input`, `action-primary`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            OptionsOf::Block(element) => element.name(),
            OptionsOf::Action(kind) => kind.name(),
        }
    }

    /// The options Pipedrive's docs mark required.
    #[cfg(any(not(feature = "validate"), test))]
    pub(crate) fn required_options(self) -> &'static [&'static str] {
        match self {
            OptionsOf::Block(element) => element.required_options(),
            OptionsOf::Action(kind) => kind.required_options(),
        }
    }
}

/// The check of one `options` object that the caller brings (the entry, its options, their pointer): the JSON
/// Schema of the entry (feature `validate`), or [`required_options`] alone.
pub(crate) type OptionsCheck<'a> = &'a mut dyn FnMut(OptionsOf, &Value, &str, &mut Problems);

/// Checks a schema's blocks and buttons: `options` checks each `options` object, then the rules run on it.
pub(crate) fn check_rules(schema: &Value, out: &mut Problems, options: OptionsCheck<'_>) {
    let empty = Map::new();
    let blocks = schema
        .pointer(BLOCKS)
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    if blocks.len() > MAX_BLOCKS {
        out.error(
            BLOCKS,
            format!(
                "{} blocks; a modal has at most {MAX_BLOCKS} (separators count)",
                blocks.len()
            ),
        );
    }
    let elements: HashMap<&str, Element> = blocks
        .iter()
        .filter_map(|(k, b)| Some((k.as_str(), element_of(b)?)))
        .collect();
    for (key, entry) in blocks {
        block_rules(key, entry, &elements, out, options);
    }
    if let Some(actions) = schema.pointer(ACTIONS).and_then(Value::as_object) {
        action_rules(actions, &elements, out, options);
    }
}

/// The element a block's `$ref` names.
pub(crate) fn element_of(entry: &Value) -> Option<Element> {
    entry
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(Element::from_definition)
}

/// The required options of `entry` that `options` lacks, each an error at `base`. The whole check of a derived
/// schema's options, whose types allow only the documented keys and values.
#[cfg(any(not(feature = "validate"), test))]
pub(crate) fn required_options(entry: OptionsOf, options: &Value, base: &str, out: &mut Problems) {
    for name in entry.required_options() {
        if options.get(name).is_none() {
            out.error(base, format!("{} requires `{name}`", entry.name()));
        }
    }
}

fn block_rules(
    key: &str,
    entry: &Value,
    elements: &HashMap<&str, Element>,
    out: &mut Problems,
    check: OptionsCheck<'_>,
) {
    let Some(element) = element_of(entry) else {
        return;
    };
    let ptr = pointer_push(BLOCKS, key);
    match (element, entry.get("options")) {
        (Element::Separator, Some(_)) => out.error(
            pointer_push(&ptr, "options"),
            "element-separator takes no options (no `visibleOn` either)",
        ),
        (Element::Separator, None) => {}
        (_, None) if !element.required_options().is_empty() => out.error(
            &ptr,
            format!(
                "{} requires `options` with {}",
                element.name(),
                quoted(element.required_options())
            ),
        ),
        (_, None) => {}
        (_, Some(options)) if options.is_object() => {
            let base = pointer_push(&ptr, "options");
            check(OptionsOf::Block(element), options, &base, out);
            options_rules(key, element, options, &base, elements, out);
        }
        (_, Some(_)) => {} // not an object: the envelope's schema reported it
    }
}

fn action_rules(
    actions: &Map<String, Value>,
    elements: &HashMap<&str, Element>,
    out: &mut Problems,
    check: OptionsCheck<'_>,
) {
    if !(MIN_ACTIONS..=MAX_ACTIONS).contains(&actions.len()) {
        out.error(
            ACTIONS,
            format!(
                "{} action buttons; a modal needs {MIN_ACTIONS} or {MAX_ACTIONS}",
                actions.len()
            ),
        );
    }
    let mut seen: HashMap<ActionKind, usize> = HashMap::new();
    for (key, entry) in actions {
        let ptr = pointer_push(ACTIONS, key);
        let Some(kind) = entry
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(ActionKind::from_definition)
        else {
            continue;
        };
        let count = seen.entry(kind).or_default();
        *count += 1;
        let max = match kind {
            ActionKind::Primary => MAX_PRIMARY_ACTIONS,
            ActionKind::Secondary => MAX_SECONDARY_ACTIONS,
        };
        if *count > max {
            out.error(
                &ptr,
                format!("a second {}; a modal has at most {max}", kind.name()),
            );
        }
        let Some(options) = entry.get("options").filter(|o| o.is_object()) else {
            continue;
        };
        let base = pointer_push(&ptr, "options");
        check(OptionsOf::Action(kind), options, &base, out);
        button_rules(kind, options, &base, elements, out);
    }
}

/// A button's `url` (opened in the user's browser) and `visibleOn`.
fn button_rules(
    kind: ActionKind,
    options: &Value,
    base: &str,
    elements: &HashMap<&str, Element>,
    out: &mut Problems,
) {
    if let Some(url) = options.get("url") {
        let at = || pointer_push(base, "url");
        if kind == ActionKind::Primary
            && options.get("handler").and_then(Value::as_str) != Some(URL_HANDLER)
        {
            out.warning(
                at(),
                format!(
                    "`url` is only documented with `handler: \"open-url\"`; Pipedrive's docs do not say whether it \
                     redirects a `request` POST ({JSON_MODALS_COMPONENT_LIBRARY})"
                ),
            );
        }
        if let Some(url) = url.as_str() {
            script_url::check_url(url, &at, out);
        }
    }
    if let Some(rule) = options.get("visibleOn") {
        check_visible_on(rule, &pointer_push(base, "visibleOn"), None, elements, out);
    }
}

fn quoted(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rules on one block's options that JSON Schema cannot say.
fn options_rules(
    key: &str,
    element: Element,
    options: &Value,
    base: &str,
    elements: &HashMap<&str, Element>,
    out: &mut Problems,
) {
    if let Some(rule) = options.get("visibleOn") {
        check_visible_on(
            rule,
            &pointer_push(base, "visibleOn"),
            Some(key),
            elements,
            out,
        );
    }
    match (element, options.get("value")) {
        (Element::Datepicker, Some(Value::String(date))) if !is_date(date) => out.error(
            pointer_push(base, "value"),
            format!("`{date}` is not a real date in the form YYYY-MM-DD (an element-datepicker's `value`)"),
        ),
        (Element::Text, Some(Value::String(text)))
            if options.get("markdown").and_then(Value::as_bool) == Some(true) =>
        {
            script_url::check_markdown(text, &|| pointer_push(base, "value"), out);
        }
        _ => {}
    }
    if element.has_items()
        && let Some(Value::Array(items)) = options.get("items")
    {
        item_rules(items, options.get("value"), base, elements, out);
    }
}

/// A choice block's items: unique values, their `visibleOn`, and the preset `value` among them.
fn item_rules(
    items: &[Value],
    preset: Option<&Value>,
    base: &str,
    elements: &HashMap<&str, Element>,
    out: &mut Problems,
) {
    let items_ptr = pointer_push(base, "items");
    // The first item of each value, by value: one hash lookup per item, so 200k items check in linear time.
    let mut first: HashMap<Hashed<'_>, usize> = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if let Some(value) = item.get("value") {
            match first.entry(Hashed(value)) {
                Entry::Occupied(at) => {
                    let earlier = *at.get();
                    out.push_lazy(
                        Severity::Error,
                        || pointer_push(&pointer_push(&items_ptr, i), "value"),
                        || {
                            format!(
                                "item value {value} is already used by item {earlier}; values must be unique in a \
                                 block"
                            )
                        },
                    );
                }
                Entry::Vacant(slot) => {
                    slot.insert(i);
                }
            }
        }
        if let Some(rule) = item.get("visibleOn") {
            let p = pointer_push(&pointer_push(&items_ptr, i), "visibleOn");
            check_visible_on(rule, &p, None, elements, out);
        }
    }
    // A preset value that is no item: Pipedrive accepts the file and preselects nothing (its own docs show one).
    let mut check_value = |v: &Value, p: String| {
        if !first.contains_key(&Hashed(v)) {
            let shown = v.as_str().map_or_else(|| v.to_string(), str::to_owned);
            out.warning(p, PresetNotAnItem(&shown).to_string());
        }
    };
    match preset {
        Some(Value::Array(values)) => {
            for (i, v) in values.iter().enumerate() {
                check_value(v, pointer_push(&pointer_push(base, "value"), i));
            }
        }
        Some(v) => check_value(v, pointer_push(base, "value")),
        None => {}
    }
}

/// `visibleOn` must name other blocks of the schema that take input. `own` is the block the rule sits on.
fn check_visible_on(
    rule: &Value,
    ptr: &str,
    own: Option<&str>,
    elements: &HashMap<&str, Element>,
    out: &mut Problems,
) {
    let Value::Object(conditions) = rule else {
        return;
    };
    if conditions.len() > 1 {
        out.warning(
            ptr,
            format!(
                "several blocks in one `visibleOn`: whether they combine with AND or OR is unknown (Pipedrive's docs \
                 do not say: {JSON_MODALS_COMPONENT_LIBRARY}); keep to one"
            ),
        );
    }
    for target in conditions.keys() {
        let p = || pointer_push(ptr, target);
        match elements.get(target.as_str()) {
            None => out.push_lazy(Severity::Error, p, || {
                let mut names: Vec<&str> = elements.keys().copied().collect();
                names.sort_unstable();
                format!(
                    "`visibleOn` names `{target}`, which is no block; blocks: {}",
                    names.join(", ")
                )
            }),
            Some(_) if Some(target.as_str()) == own => out.error(
                p(),
                format!("block `{target}`'s `visibleOn` depends on its own value"),
            ),
            Some(e) if !e.takes_input() => out.error(
                p(),
                format!(
                    "`visibleOn` names `{target}`, an {} that has no value to test",
                    e.name()
                ),
            ),
            Some(_) => {}
        }
    }
}

/// A JSON value as a hash key, equal when the values are equal (`serde_json::Value` has no `Hash`): objects hash
/// without their key order, as their equality ignores it; `0.0` and `-0.0` hash alike, as they are equal.
struct Hashed<'a>(&'a Value);

impl PartialEq for Hashed<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for Hashed<'_> {}

impl Hash for Hashed<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_value(self.0, state);
    }
}

fn hash_value<H: Hasher>(value: &Value, state: &mut H) {
    match value {
        Value::Null => 0u8.hash(state),
        Value::Bool(b) => (1u8, b).hash(state),
        Value::Number(n) => {
            2u8.hash(state);
            if let Some(u) = n.as_u64() {
                (0u8, u).hash(state);
            } else if let Some(i) = n.as_i64() {
                (1u8, i).hash(state);
            } else {
                let f = n.as_f64().unwrap_or_default();
                (2u8, if f == 0.0 { 0 } else { f.to_bits() }).hash(state);
            }
        }
        Value::String(s) => (3u8, s).hash(state),
        Value::Array(items) => {
            (4u8, items.len()).hash(state);
            items.iter().for_each(|v| hash_value(v, state));
        }
        Value::Object(map) => {
            let entries = map.iter().fold(0u64, |acc, (k, v)| {
                let mut h = std::collections::hash_map::DefaultHasher::new();
                k.hash(&mut h);
                hash_value(v, &mut h);
                acc ^ h.finish()
            });
            (5u8, map.len(), entries).hash(state);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::modal::{Condition, Item};
    use crate::modal::{
        InputOptions, ModalDocument, PrimaryHandler, PrimaryOptions, RadioGroupOptions,
        SelectOptions, TextOptions, VisibleOn,
    };

    fn typed_check(schema: &Value) -> Problems {
        let mut problems = Problems::new();
        check_rules(schema, &mut problems, &mut required_options);
        problems
    }

    /// Documents made from the typed model, right and wrong in every way their types allow.
    fn documents() -> Vec<ModalDocument> {
        let save = || {
            PrimaryOptions::new()
                .label("Save")
                .handler(PrimaryHandler::Request)
        };
        let radio = RadioGroupOptions::new()
            .label("Size")
            .value("xl")
            .items(vec![Item::new("s", "Small"), Item::new("s", "Again")]);
        vec![
            ModalDocument::new()
                .block("name", InputOptions::new().label("Name"))
                .action("save", save()),
            ModalDocument::new()
                .block("name", InputOptions::new())
                .block("intro", TextOptions::new())
                .block("size", radio)
                .block(
                    "pick",
                    SelectOptions::new()
                        .label("Pick")
                        .visible_on(VisibleOn::when("ghost", Condition::not_empty())),
                )
                .action("save", PrimaryOptions::new().url("javascript:alert(1)"))
                .action("again", save()),
            ModalDocument::new().action("ok", save()),
            ModalDocument::new().block("name", InputOptions::new().label("Name")),
        ]
    }

    /// Without the `validate` feature, `ModalSchema::check` of a derived schema runs the rules and the required
    /// options alone: they find what the JSON Schema check finds in a schema the types made.
    #[cfg(feature = "validate")]
    #[test]
    fn typed_check_finds_what_the_schema_check_finds() {
        for document in documents() {
            let schema = document.to_value();
            assert_eq!(
                typed_check(&schema),
                crate::modal::check_schema(&schema),
                "{schema:#}"
            );
        }
        let wrong = typed_check(&documents()[1].to_value());
        assert!(wrong.has_errors() && wrong.len() > 5, "{wrong}");
    }

    #[test]
    fn typed_check_of_a_document() {
        let found: Vec<String> = typed_check(&documents()[1].to_value())
            .iter()
            .map(ToString::to_string)
            .collect();
        let b = BLOCKS;
        let a = ACTIONS;
        assert_eq!(
            found,
            [
                format!("{b}/name/options: element-input requires `label`"),
                format!("{b}/intro/options: element-text requires `value`"),
                format!(
                    "{b}/size/options/items/1/value: item value \"s\" is already used by item 0; values must be \
                     unique in a block"
                ),
                format!(
                    "{b}/size/options/value: warning: `value` `xl` is not one of the items: Pipedrive preselects \
                     nothing"
                ),
                format!(
                    "{b}/pick/options/visibleOn/ghost: `visibleOn` names `ghost`, which is no block; blocks: intro, \
                     name, pick, size"
                ),
                format!("{a}/save/options: action-primary requires `label`"),
                format!("{a}/save/options: action-primary requires `handler`"),
                format!(
                    "{a}/save/options/url: warning: `url` is only documented with `handler: \"open-url\"`; \
                     Pipedrive's docs do not say whether it redirects a `request` POST \
                     ({JSON_MODALS_COMPONENT_LIBRARY})"
                ),
                format!(
                    "{a}/save/options/url: a `javascript:` URL: Pipedrive opens this link in the user's browser, \
                     where `javascript:`, `data:` and `vbscript:` URLs run code; link to an `https:` page"
                ),
                format!("{a}/again: a second action-primary; a modal has at most 1"),
            ]
        );
        assert!(typed_check(&documents()[0].to_value()).is_empty());
        assert!(
            typed_check(&documents()[2].to_value()).is_empty(),
            "a modal of buttons only"
        );
        let no_button = typed_check(&documents()[3].to_value());
        assert_eq!(
            no_button.to_string(),
            format!("{a}: 0 action buttons; a modal needs 1 or 2")
        );
    }
}

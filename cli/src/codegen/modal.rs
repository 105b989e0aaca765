//! A `#[derive(JsonModal)]` struct, and a `ModalChoice` enum per static list of string items, from a schema file
//! read into `pdx::modal::ModalDocument`. The attribute of each option is `pdx-format`'s (`OPTION_ATTRIBUTES`), the
//! table the derive reads too.

use super::modal_items::{
    Choice, all_strings, choice_enum, condition_meta, fixed_rule, left_out, lit, preset, presets,
    single, tuples,
};
use super::names::{field_ident, unique};
use super::notes::{Notes, note_changes, pointer, unknown_keys};
use super::source::{Attr, File, Ident, Item, Lit, Member, Meta, Ty};
use super::{Invalid, RESERVED_TYPES};
use pdx::modal::{Action, Block, ModalDocument, SelectValue, VisibleOn};
use pdx_format::case::sentence_case;
use pdx_format::modal::{BOOL_ITEM_VALUE, URL_HANDLER, option_attribute};
use serde_json::{Value, json};

/// [`common`] on an options struct: every input block's options struct has these four fields.
macro_rules! common {
    ($cx:expr, $out:expr, $key:expr, $options:expr) => {
        common(
            $cx,
            $out,
            $key,
            $options.is_required,
            $options.fetch_on_change,
            &$options.visible_on,
            &$options.error,
        )
    };
}
const BLOCKS: &str = "/properties/blocks/properties";
const ACTIONS: &str = "/properties/actions/properties";

/// What the blocks share while they are written: the field of each block, the type names in use, the enums.
pub(crate) struct Cx<'a> {
    document: &'a ModalDocument,
    /// Block key → field name, in block order.
    fields: Vec<(String, Ident)>,
    pub(crate) types: Vec<String>,
    pub(crate) enums: Vec<Item>,
}

impl Cx<'_> {
    /// The field of block `key` (every block has one).
    pub(crate) fn field(&self, key: &str) -> Ident {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map_or_else(|| field_ident(key), |(_, f)| f.clone())
    }

    /// Whether `key` names a block whose value a rule can test.
    pub(crate) fn takes_input(&self, key: &str) -> bool {
        self.document
            .blocks
            .get(key)
            .is_some_and(|b| b.element().takes_input())
    }

    /// `visible_on(field, condition)` on a block, an `items(...)` tuple or a button: one condition on another
    /// block that takes input, named by its field. `own` is the block that carries the rule.
    pub(crate) fn field_rule(
        &self,
        rule: &VisibleOn,
        own: Option<&str>,
        at: &str,
        notes: &mut Notes,
    ) -> Option<Meta> {
        let conditions = match rule {
            VisibleOn::Fixed(fixed) => return Some(fixed_rule(*fixed)),
            VisibleOn::When(conditions) => &conditions.0,
        };
        let (target, condition) = single(conditions.iter(), rule, at, notes)?;
        if own == Some(target) {
            return left_out(rule, at, "depends on its own block", notes);
        }
        if !self.takes_input(target) {
            return left_out(
                rule,
                at,
                "names no block of this modal that takes input",
                notes,
            );
        }
        Some(Meta::List(
            "visible_on",
            vec![Meta::Path(self.field(target)), condition_meta(condition)],
        ))
    }
}

/// The source for a schema file; its problems if it is invalid.
pub(crate) fn generate(file: &Value, name: &Ident) -> Result<File, Invalid> {
    let problems = pdx::modal::check_schema(file);
    if problems.has_errors() {
        return Err(Invalid::Problems(problems));
    }
    let mut notes = Notes::default();
    let document = read(file, &mut notes)?;
    let mut types: Vec<String> = RESERVED_TYPES.iter().map(|t| (*t).to_owned()).collect();
    types.push(name.as_str().to_owned());
    let mut taken = Vec::new();
    let fields = document
        .blocks
        .keys()
        .map(|k| (k.clone(), unique(field_ident(k), &mut taken, "_")))
        .collect();
    let mut cx = Cx {
        document: &document,
        fields,
        types,
        enums: Vec::new(),
    };
    let members: Vec<Member> = document
        .blocks
        .iter()
        .map(|(key, block)| block_field(&mut cx, key, block))
        .collect();
    let buttons = buttons(&cx, &document, &mut notes);
    let enums = std::mem::take(&mut cx.enums);
    let noted: Vec<String> = notes
        .pointers()
        .map(str::to_owned)
        .chain(
            members
                .iter()
                .chain(enums.iter().flat_map(|e| &e.members))
                .flat_map(|m| m.notes.iter().map(|n| n.pointer.clone())),
        )
        .collect();
    note_changes(file, &document.to_value(), &noted, &mut notes);
    let mut attrs = vec![
        Attr::Doc("The JSON modal's form: one field per block.".to_owned()),
        Attr::Derive(&["Debug", "Deserialize", "JsonModal"]),
    ];
    if !buttons.is_empty() {
        attrs.push(Attr::Derives("modal", buttons));
    }
    let uses = if enums.is_empty() {
        "pdx::JsonModal"
    } else {
        "pdx::{JsonModal, ModalChoice}"
    };
    let mut items = enums;
    items.push(Item {
        notes: Vec::new(),
        attrs,
        keyword: "struct",
        ident: name.clone(),
        members,
    });
    // The file's notes go above everything, the enums included.
    if let Some(first) = items.first_mut() {
        first.notes.splice(0..0, notes.into_vec());
    }
    Ok(File {
        uses: vec![uses, "serde::Deserialize"],
        items,
    })
}

/// The schema in pdx's model. What the model does not keep is noted from the file: keys it does not know, and a
/// section or a section's `type` the file leaves out (the derive writes them; the checks ask for them today, so
/// this is for a file they come to accept).
fn read(file: &Value, notes: &mut Notes) -> Result<ModalDocument, Invalid> {
    let mut filled = file.clone();
    unknown_keys(file, &["type", "properties"], "", notes);
    if let Some(props) = file.get("properties") {
        unknown_keys(props, &["blocks", "actions"], "/properties", notes);
    }
    for section in ["blocks", "actions"] {
        let at = format!("/properties/{section}");
        let Some(value) = file.pointer(&at) else {
            notes.push(
                at,
                format!(
                    "added an empty `{section}` section: the derive always writes both sections"
                ),
            );
            if let Some(props) = filled.get_mut("properties").and_then(Value::as_object_mut) {
                props.insert(
                    section.to_owned(),
                    json!({"type": "object", "properties": {}}),
                );
            }
            continue;
        };
        unknown_keys(value, &["type", "properties"], &at, notes);
        if value.get("type").is_none() {
            notes.push(
                format!("{at}/type"),
                "added `\"type\": \"object\"`: the derive always writes it",
            );
            if let Some(section) = filled.pointer_mut(&at).and_then(Value::as_object_mut) {
                section.insert("type".to_owned(), json!("object"));
            }
        }
        let entries = value.get("properties").and_then(Value::as_object);
        for (key, entry) in entries.into_iter().flatten() {
            unknown_keys(
                entry,
                &["$ref", "options"],
                &pointer(&format!("{at}/properties"), key),
                notes,
            );
        }
    }
    ModalDocument::from_value(&filled).map_err(|e| {
        Invalid::Unreadable(format!(
            "pdx's model of a JSON modal cannot read this schema: {e}"
        ))
    })
}

/// The `#[modal(...)]` key of a Pipedrive option (`allow_clear` for `allowClear`): `pdx-format`'s table.
fn attr(option: &'static str) -> &'static str {
    option_attribute(option).unwrap_or(option)
}

/// One block's attributes and notes, as they are gathered.
struct Out {
    at: String,
    metas: Vec<Meta>,
    notes: Notes,
}

impl Out {
    /// `option = "text"`, when set.
    fn text(&mut self, option: &'static str, value: &Option<String>) {
        if let Some(v) = value {
            self.metas
                .push(Meta::Value(attr(option), Lit::Str(v.clone())));
        }
    }

    /// A boolean option: `true` is the flag; `false` (Pipedrive's default) the derive does not write.
    fn flag(&mut self, option: &'static str, value: Option<bool>) {
        match value {
            Some(true) => self.metas.push(Meta::Flag(attr(option))),
            Some(false) => self.notes.push(
                pointer(&self.at, option),
                format!("`{option}: false`: the derive writes `{option}` only when true (false is Pipedrive's default): left out"),
            ),
            None => {}
        }
    }

    /// `error`, which only a response sets.
    fn error(&mut self, value: &Option<String>) {
        if value.is_some() {
            self.notes.push(
                pointer(&self.at, "error"),
                "`error` is set by a response, not by the derive: left out",
            );
        }
    }

    /// A label the derive always writes: the file's, or (noted) the field's name in sentence case.
    fn label(&mut self, value: &Option<String>, field: &Ident) {
        if value.is_none() {
            self.notes.push(
                pointer(&self.at, "label"),
                format!(
                    "added `\"label\": \"{}\"`: the derive always writes a label (the field's name in sentence case)",
                    sentence_case(field.as_str())
                ),
            );
        }
        self.text("label", value);
    }

    /// The texts above and under an input block: `label` (always written), `placeholder`, `message`.
    fn heading(
        &mut self,
        field: &Ident,
        label: &Option<String>,
        placeholder: &Option<String>,
        message: &Option<String>,
    ) {
        self.label(label, field);
        self.text("placeholder", placeholder);
        self.text("message", message);
    }

    /// `hidden`, `visible_on = "always"` or `visible_on(field, condition)`.
    fn visible_on(&mut self, cx: &Cx, rule: &Option<VisibleOn>, own: &str) {
        let Some(rule) = rule else { return };
        let meta = match rule {
            VisibleOn::Fixed(pdx::modal::Visibility::Never) => Some(Meta::Flag("hidden")),
            _ => cx.field_rule(rule, Some(own), &self.at, &mut self.notes),
        };
        self.metas.extend(meta);
    }
}

/// One block: the field, its `#[serde(rename)]` and `#[modal(...)]`, and its notes above it.
fn block_field(cx: &mut Cx, key: &str, block: &Block) -> Member {
    let ident = cx.field(key);
    let block_at = pointer(BLOCKS, key);
    let mut out = Out {
        at: format!("{block_at}/options"),
        metas: Vec::new(),
        notes: Notes::default(),
    };
    let ty = match block {
        Block::Separator => Ty::Path("pdx::modal::Separator"),
        Block::Text(o) => {
            match &o.value {
                Some(text) => out.metas.push(Meta::Value("text", Lit::Str(text.clone()))),
                None => {
                    out.notes.push(
                        pointer(&out.at, "value"),
                        "added `\"value\": \"\"`: the derive writes a text",
                    );
                    out.metas.push(Meta::Value("text", Lit::Str(String::new())));
                }
            }
            out.flag("markdown", o.markdown);
            out.visible_on(cx, &o.visible_on, key);
            Ty::Path("pdx::modal::Text")
        }
        Block::Input(o) => {
            out.heading(&ident, &o.label, &o.placeholder, &o.message);
            if let Some(t) = o.input_type.and_then(|t| serde_json::to_value(t).ok()) {
                out.metas.push(Meta::Value(
                    attr("type"),
                    Lit::Str(t.as_str().unwrap_or_default().to_owned()),
                ));
            }
            out.text("value", &o.value);
            out.flag("allowClear", o.allow_clear);
            common!(cx, &mut out, key, o);
            Ty::Path("String").option()
        }
        Block::Textarea(o) => {
            out.metas.push(Meta::Flag("textarea"));
            out.heading(&ident, &o.label, &o.placeholder, &o.message);
            out.text("value", &o.value);
            out.flag("resize", o.resize);
            common!(cx, &mut out, key, o);
            Ty::Path("String").option()
        }
        Block::Datepicker(o) => {
            out.heading(&ident, &o.label, &o.placeholder, &o.message);
            out.text("value", &o.value);
            out.flag("allowClear", o.allow_clear);
            common!(cx, &mut out, key, o);
            Ty::Path("chrono::NaiveDate").option()
        }
        Block::Select(o) => select(cx, &mut out, key, &ident, o),
        Block::RadioGroup(o) => radio(cx, &mut out, key, &ident, o),
        Block::CheckboxGroup(o) => checkbox(cx, &mut out, key, &ident, o),
    };
    let mut attrs = Vec::new();
    if ident.as_str() != key {
        attrs.push(Attr::SerdeRename(key.to_owned()));
    }
    if !out.metas.is_empty() {
        attrs.push(Attr::Derives("modal", out.metas));
    }
    Member::field(out.notes.into_vec(), attrs, ident, ty)
}

/// The options every input block has: `isRequired`, `fetchOnChange`, `visibleOn`, `error`.
fn common(
    cx: &Cx,
    out: &mut Out,
    key: &str,
    required: Option<bool>,
    fetch: Option<bool>,
    rule: &Option<VisibleOn>,
    error: &Option<String>,
) {
    out.flag("isRequired", required);
    out.flag("fetchOnChange", fetch);
    out.visible_on(cx, rule, key);
    out.error(error);
}

/// A select: over a `ModalChoice` enum (string items), `items(...)` (other items) or dynamic (no items in the
/// schema, a `ChoiceValue`).
fn select(
    cx: &mut Cx,
    out: &mut Out,
    key: &str,
    ident: &Ident,
    o: &pdx::modal::SelectOptions,
) -> Ty {
    out.heading(ident, &o.label, &o.placeholder, &o.message);
    let items = o.items.as_deref().map(Choice::values);
    let items_at = pointer(&out.at, "items");
    let ty = match &items {
        Some(list) if all_strings(list) => Ty::Local(choice_enum(cx, key, list, &items_at)),
        Some(list) => {
            out.metas.push(Meta::Flag("select"));
            out.metas
                .push(tuples(cx, key, list, &items_at, &mut out.notes));
            Ty::Path("pdx::modal::ChoiceValue")
        }
        None => Ty::Path("pdx::modal::ChoiceValue"),
    };
    let value_at = pointer(&out.at, "value");
    match (&o.value, &items) {
        (Some(SelectValue::One(v)), Some(list)) => {
            let kept = preset(list, v, &value_at, &mut out.notes);
            out.metas.extend(kept.map(|l| Meta::Value(attr("value"), l)));
        }
        (Some(SelectValue::One(v)), None) => out.metas.push(Meta::Value(attr("value"), lit(v))),
        (Some(SelectValue::Many(_)), _) => out.notes.push(
            value_at,
            "a list `value` on a select: the derive writes one preset value (Pipedrive's docs name no multiple \
             select): left out",
        ),
        (None, _) => {}
    }
    out.flag("allowClear", o.allow_clear);
    out.flag("filter", o.filter);
    common!(cx, out, key, o);
    ty.option()
}

/// A radio group: over a `ModalChoice` enum, or a `String` with (empty) `items()`.
fn radio(
    cx: &mut Cx,
    out: &mut Out,
    key: &str,
    ident: &Ident,
    o: &pdx::modal::RadioGroupOptions,
) -> Ty {
    out.metas.push(Meta::Flag("radio"));
    out.heading(ident, &o.label, &None, &o.message);
    let items = Choice::strings(o.items.as_deref().unwrap_or_default());
    let ty = string_items(cx, out, key, &items, o.items.is_none());
    if let Some(v) = &o.value {
        let kept = preset(
            &items,
            &pdx::modal::ChoiceValue::String(v.clone()),
            &pointer(&out.at, "value"),
            &mut out.notes,
        );
        out.metas
            .extend(kept.map(|l| Meta::Value(attr("value"), l)));
    }
    common!(cx, out, key, o);
    ty.option()
}

/// A radio or checkbox group's items: a `ModalChoice` enum, or `items()` over a `String` when the schema has none
/// (the derive always writes them: noted when the file has no `items` at all).
fn string_items(cx: &mut Cx, out: &mut Out, key: &str, items: &[Choice<'_>], absent: bool) -> Ty {
    let at = pointer(&out.at, "items");
    if all_strings(items) {
        return Ty::Local(choice_enum(cx, key, items, &at));
    }
    if absent {
        out.notes.push(
            at,
            "added `\"items\": []`: the derive always writes a radio or checkbox group's items (send them in a \
             response instead)",
        );
    }
    out.metas.push(Meta::List("items", Vec::new()));
    Ty::Path("String")
}

/// A checkbox group: a `bool` when it is one checkbox (one item of value `"true"`, no group label), else a `Vec`
/// over a `ModalChoice` enum, or of `String` with (empty) `items()`.
fn checkbox(
    cx: &mut Cx,
    out: &mut Out,
    key: &str,
    ident: &Ident,
    o: &pdx::modal::CheckboxGroupOptions,
) -> Ty {
    let items = o.items.as_deref().unwrap_or_default();
    if let [only] = items
        && only.value == BOOL_ITEM_VALUE
        && only.is_disabled.is_none()
        && only.visible_on.is_none()
        && o.label.is_none()
    {
        out.metas
            .push(Meta::Value(attr("label"), Lit::Str(only.label.clone())));
        out.text("message", &o.message);
        match o.value.as_deref() {
            None => {}
            Some([]) => out.metas.push(Meta::Value(attr("value"), Lit::Bool(false))),
            Some([v]) if v == BOOL_ITEM_VALUE => {
                out.metas.push(Meta::Value(attr("value"), Lit::Bool(true)))
            }
            Some(other) => out.notes.push(
                pointer(&out.at, "value"),
                format!(
                    "{} (a single checkbox ticks `\"true\"`), so the derive leaves it out",
                    pdx_format::modal::PresetNotAnItem(&format!("{other:?}"))
                ),
            ),
        }
        common!(cx, out, key, o);
        return Ty::Path("bool");
    }
    out.heading(ident, &o.label, &None, &o.message);
    let choices = Choice::strings(items);
    let ty = string_items(cx, out, key, &choices, o.items.is_none());
    if let Some(values) = &o.value {
        let kept = presets(&choices, values, &pointer(&out.at, "value"), &mut out.notes);
        out.metas.push(Meta::Array(attr("value"), kept));
    }
    common!(cx, out, key, o);
    ty.vec().option()
}

/// The container's `primary(...)` and `secondary(...)`, in the file's order; their notes go with the file's.
fn buttons(cx: &Cx, document: &ModalDocument, notes: &mut Notes) -> Vec<Meta> {
    let mut out = Vec::new();
    for (key, action) in &document.actions {
        let at = format!("{}/options", pointer(ACTIONS, key));
        let (kind, label, handler, url, rule) = match action {
            Action::Primary(o) => (
                "primary",
                &o.label,
                o.handler.and_then(|h| serde_json::to_value(h).ok()),
                &o.url,
                &o.visible_on,
            ),
            Action::Secondary(o) => (
                "secondary",
                &o.label,
                o.handler.and_then(|h| serde_json::to_value(h).ok()),
                &None,
                &o.visible_on,
            ),
        };
        let mut parts = vec![Meta::Value("key", Lit::Str(key.clone()))];
        match label {
            Some(l) => parts.push(Meta::Value("label", Lit::Str(l.clone()))),
            None => {
                notes.push(
                    pointer(&at, "label"),
                    "added `\"label\": \"\"`: the derive writes a button's label",
                );
                parts.push(Meta::Value("label", Lit::Str(String::new())));
            }
        }
        let handler = handler.as_ref().and_then(Value::as_str).map(str::to_owned);
        match &handler {
            Some(h) => parts.push(Meta::Value("handler", Lit::Str(h.clone()))),
            None => notes.push(
                pointer(&at, "handler"),
                "no `handler`: the derive writes its default one (`request`, or `cancel` on a secondary button)",
            ),
        }
        if let Some(u) = url {
            if handler.as_deref() == Some(URL_HANDLER) {
                parts.push(Meta::Value("url", Lit::Str(u.clone())));
            } else {
                notes.push(
                    pointer(&at, "url"),
                    format!("`url` without `handler: \"{URL_HANDLER}\"`: the derive writes `url` only with that handler: left out"),
                );
            }
        }
        if let Some(rule) = rule {
            parts.extend(cx.field_rule(rule, None, &at, notes));
        }
        out.push(Meta::List(kind, parts));
    }
    out
}

#[cfg(test)]
mod tests {
    use pdx::modal::{
        CheckboxGroupOptions, Condition, DatepickerOptions, InputOptions, InputType, Item,
        ModalDocument, RadioGroupOptions, SelectOptions, TextOptions, TextareaOptions, VisibleOn,
    };
    use pdx_format::modal::{OPTION_ATTRIBUTES, option_attribute};
    use std::collections::BTreeSet;

    /// Every option of pdx's model, on every element, has its attribute in `pdx-format`'s table (`error` aside: only
    /// a response sets it), and every row of the table is an option of some element.
    #[test]
    fn the_option_table_covers_the_model() {
        let rule = || VisibleOn::when("a", Condition::not_empty());
        let document = ModalDocument::new()
            .block(
                "t",
                TextOptions::new()
                    .value("v")
                    .markdown(true)
                    .visible_on(rule()),
            )
            .block(
                "a",
                InputOptions::new()
                    .input_type(InputType::Email)
                    .label("l")
                    .value("v")
                    .placeholder("p")
                    .message("m")
                    .allow_clear(true)
                    .is_required(true)
                    .visible_on(rule())
                    .fetch_on_change(true)
                    .error("e"),
            )
            .block(
                "b",
                TextareaOptions::new()
                    .label("l")
                    .value("v")
                    .placeholder("p")
                    .message("m")
                    .resize(true)
                    .is_required(true)
                    .visible_on(rule())
                    .fetch_on_change(true)
                    .error("e"),
            )
            .block(
                "c",
                SelectOptions::new()
                    .label("l")
                    .value("x")
                    .placeholder("p")
                    .message("m")
                    .allow_clear(true)
                    .is_required(true)
                    .filter(true)
                    .items(vec![Item::new("x", "X")])
                    .visible_on(rule())
                    .fetch_on_change(true)
                    .error("e"),
            )
            .block(
                "d",
                DatepickerOptions::new()
                    .label("l")
                    .value("2024-01-02")
                    .placeholder("p")
                    .message("m")
                    .allow_clear(true)
                    .is_required(true)
                    .visible_on(rule())
                    .fetch_on_change(true)
                    .error("e"),
            )
            .block(
                "e",
                RadioGroupOptions::new()
                    .label("l")
                    .value("x")
                    .items(vec![Item::new("x", "X")])
                    .message("m")
                    .is_required(true)
                    .visible_on(rule())
                    .fetch_on_change(true)
                    .error("e"),
            )
            .block(
                "f",
                CheckboxGroupOptions::new()
                    .label("l")
                    .value(vec!["x".to_owned()])
                    .items(vec![Item::new("x", "X")])
                    .message("m")
                    .is_required(true)
                    .visible_on(rule())
                    .fetch_on_change(true)
                    .error("e"),
            );
        let value = document.to_value();
        let blocks = value["properties"]["blocks"]["properties"]
            .as_object()
            .expect("blocks");
        let options: BTreeSet<&str> = blocks
            .values()
            .flat_map(|b| b["options"].as_object().into_iter().flat_map(|o| o.keys()))
            .map(String::as_str)
            .filter(|k| *k != "error")
            .collect();
        for option in &options {
            assert!(
                option_attribute(option).is_some(),
                "`{option}` has no attribute in the table"
            );
        }
        let table: BTreeSet<&str> = OPTION_ATTRIBUTES.iter().map(|(o, _)| *o).collect();
        assert_eq!(options, table);
        assert_eq!(super::attr("isRequired"), "required");
    }
}

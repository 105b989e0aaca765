//! The wire model of a JSON-modal schema: blocks, action buttons, items, `visibleOn`, and every option the
//! component library documents for each element, and no other. Pipedrive's docs, *JSON modals component library*:
//! <https://pipedrive.readme.io/docs/json-modals-component-library>.
//!
//! The option structs serve twice: under `options` in the uploaded schema, and as the flat partial options of a
//! data response, which allows the same keys. So every option is an `Option`; what the docs mark REQ is
//! checked by [`Element::required_options`] (see `rules.rs`), not by the type. The JSON Schema of each element is
//! generated from these structs with schemars (feature `validate`; `deny_unknown_fields` gives
//! `additionalProperties: false`).

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

/// The eight block elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Element {
    /// `element-text`: static text, optionally markdown.
    Text,
    /// `element-input`: a single-line input.
    Input,
    /// `element-textarea`: multi-line text.
    Textarea,
    /// `element-select`: a dropdown.
    Select,
    /// `element-datepicker`: a date (`YYYY-MM-DD`).
    Datepicker,
    /// `element-radio-group`: one choice among radio buttons.
    RadioGroup,
    /// `element-checkbox-group`: several choices.
    CheckboxGroup,
    /// `element-separator`: a thin grey line, no options.
    Separator,
}

impl Element {
    /// All elements, in the order of the component library.
    pub const ALL: [Element; 8] = [
        Element::Text,
        Element::Input,
        Element::Textarea,
        Element::Select,
        Element::Datepicker,
        Element::RadioGroup,
        Element::CheckboxGroup,
        Element::Separator,
    ];

    /// The element's name, e.g. `element-input`: its entry in [`ELEMENTS`](super::limits::ELEMENTS), which
    /// lists the elements in the order of [`Element::ALL`].
    pub fn name(self) -> &'static str {
        pdx_format::modal::ELEMENTS[self as usize]
    }

    /// The `$ref` naming the element, e.g. `#/definitions/element-input`.
    pub fn definition(self) -> &'static str {
        match self {
            Element::Text => "#/definitions/element-text",
            Element::Input => "#/definitions/element-input",
            Element::Textarea => "#/definitions/element-textarea",
            Element::Select => "#/definitions/element-select",
            Element::Datepicker => "#/definitions/element-datepicker",
            Element::RadioGroup => "#/definitions/element-radio-group",
            Element::CheckboxGroup => "#/definitions/element-checkbox-group",
            Element::Separator => "#/definitions/element-separator",
        }
    }

    /// The element a `$ref` names.
    pub fn from_definition(definition: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.definition() == definition)
    }

    /// The options the docs mark required: `label` on input, textarea, select, datepicker and radio; `value` on
    /// text. The checkbox group's `label` is not marked required.
    pub fn required_options(self) -> &'static [&'static str] {
        match self {
            Element::Text => &["value"],
            Element::Input
            | Element::Textarea
            | Element::Select
            | Element::Datepicker
            | Element::RadioGroup => &["label"],
            Element::CheckboxGroup | Element::Separator => &[],
        }
    }

    /// Whether the user enters a value (everything but text and separator).
    pub fn takes_input(self) -> bool {
        !matches!(self, Element::Text | Element::Separator)
    }

    /// Whether the element has `items` (select, radio group, checkbox group).
    pub fn has_items(self) -> bool {
        matches!(
            self,
            Element::Select | Element::RadioGroup | Element::CheckboxGroup
        )
    }
}

/// The two kinds of action button.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    /// `action-primary`: the green button (`request` or `open-url`).
    Primary,
    /// `action-secondary`: the grey button (`reset` or `cancel`).
    Secondary,
}

impl ActionKind {
    /// Both kinds.
    pub const ALL: [ActionKind; 2] = [ActionKind::Primary, ActionKind::Secondary];

    /// The kind's name, e.g. `action-primary`.
    pub fn name(self) -> &'static str {
        match self {
            ActionKind::Primary => "action-primary",
            ActionKind::Secondary => "action-secondary",
        }
    }

    /// The `$ref` naming the kind.
    pub fn definition(self) -> &'static str {
        match self {
            ActionKind::Primary => "#/definitions/action-primary",
            ActionKind::Secondary => "#/definitions/action-secondary",
        }
    }

    /// The kind a `$ref` names.
    pub fn from_definition(definition: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.definition() == definition)
    }

    /// Options the docs mark required on buttons: `label` and `handler`.
    pub fn required_options(self) -> &'static [&'static str] {
        &["label", "handler"]
    }
}

/// A select item's value, or a `visibleOn` `equals` operand: a string, a number or a boolean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ChoiceValue {
    /// A string value.
    String(String),
    /// An integer value (the official sample's select uses `1` and `2`).
    Integer(i64),
    /// A non-integer number.
    Float(f64),
    /// A boolean value.
    Bool(bool),
}

impl ChoiceValue {
    /// The value if it is a string (`"1"`), as [`serde_json::Value::as_str`]: `None` for a number or a boolean.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            ChoiceValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value as JSON.
    pub fn to_value(&self) -> Value {
        match self {
            ChoiceValue::String(s) => Value::String(s.clone()),
            ChoiceValue::Integer(i) => Value::from(*i),
            ChoiceValue::Float(f) => Value::from(*f),
            ChoiceValue::Bool(b) => Value::Bool(*b),
        }
    }
}

impl From<&str> for ChoiceValue {
    fn from(v: &str) -> Self {
        ChoiceValue::String(v.to_owned())
    }
}
impl From<String> for ChoiceValue {
    fn from(v: String) -> Self {
        ChoiceValue::String(v)
    }
}
impl From<bool> for ChoiceValue {
    fn from(v: bool) -> Self {
        ChoiceValue::Bool(v)
    }
}
impl From<f64> for ChoiceValue {
    fn from(v: f64) -> Self {
        ChoiceValue::Float(v)
    }
}
macro_rules! choice_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for ChoiceValue {
            fn from(v: $t) -> Self {
                ChoiceValue::Integer(i64::from(v))
            }
        }
    )*};
}
choice_from_int!(i8, i16, i32, i64, u8, u16, u32);

/// A select's `value`: one item value, or several (the multiple form is documented, but Pipedrive's docs name
/// no option that turns a multiple mode on).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum SelectValue {
    /// One value.
    One(ChoiceValue),
    /// Several values.
    Many(Vec<ChoiceValue>),
}

macro_rules! select_from {
    ($($t:ty),*) => {$(
        impl From<$t> for SelectValue {
            fn from(v: $t) -> Self {
                SelectValue::One(v.into())
            }
        }
    )*};
}
select_from!(
    ChoiceValue,
    &str,
    String,
    bool,
    f64,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32
);

impl From<Vec<ChoiceValue>> for SelectValue {
    fn from(v: Vec<ChoiceValue>) -> Self {
        SelectValue::Many(v)
    }
}

/// One item of a select, radio group or checkbox group. `V` is [`ChoiceValue`] for a select and `String`
/// for radio and checkbox groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Item<V> {
    /// The value sent when the item is chosen; unique within the block.
    pub value: V,
    /// The text shown.
    pub label: String,
    /// Shown but cannot be chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_disabled: Option<bool>,
    /// Hides this one item conditionally.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visible_on: Option<VisibleOn>,
}

impl<V> Item<V> {
    /// An item with its value and label.
    pub fn new(value: impl Into<V>, label: impl Into<String>) -> Self {
        Self {
            value: value.into(),
            label: label.into(),
            is_disabled: None,
            visible_on: None,
        }
    }

    /// Shows the item greyed out (`isDisabled: true`).
    pub fn disabled(mut self) -> Self {
        self.is_disabled = Some(true);
        self
    }

    /// Hides the item conditionally.
    pub fn visible_on(mut self, rule: impl Into<VisibleOn>) -> Self {
        self.visible_on = Some(rule.into());
        self
    }
}

/// The bare-string forms of `visibleOn`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    /// Never shown, but its value is sent on submit: the hidden-metadata channel.
    Never,
    /// Always shown; mainly used in a response to override a rule of the schema.
    Always,
}

/// `"not_empty"`: visible when the other block has any value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
pub enum NotEmpty {
    /// The only value, `"not_empty"`.
    #[serde(rename = "not_empty")]
    NotEmpty,
}

/// `{"equals": value}`: visible when the other block's value is exactly (or, for arrays, contains) `value`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Equals {
    /// The value compared with.
    pub equals: ChoiceValue,
}

/// `{"includes": text}`: visible when the other block's text value contains `text`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Includes {
    /// The substring looked for.
    pub includes: String,
}

/// One condition of a `visibleOn` rule, on one other block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Condition {
    /// `"not_empty"`.
    NotEmpty(NotEmpty),
    /// `{"equals": value}`.
    Equals(Equals),
    /// `{"includes": text}`.
    Includes(Includes),
}

impl Condition {
    /// `"not_empty"`.
    pub fn not_empty() -> Self {
        Condition::NotEmpty(NotEmpty::NotEmpty)
    }

    /// `{"equals": value}`.
    pub fn equals(value: impl Into<ChoiceValue>) -> Self {
        Condition::Equals(Equals {
            equals: value.into(),
        })
    }

    /// `{"includes": text}`.
    pub fn includes(text: impl Into<String>) -> Self {
        Condition::Includes(Includes {
            includes: text.into(),
        })
    }
}

/// Conditions by block key, in declaration order. Pipedrive's docs don't say whether several keys mean AND or OR;
/// pdx's checks warn on more than one key.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Conditions(pub IndexMap<String, Condition>);

#[cfg(feature = "validate")]
impl schemars::JsonSchema for Conditions {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Conditions".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let condition = generator.subschema_for::<Condition>();
        schemars::json_schema!({ "type": "object", "additionalProperties": condition })
    }
}

/// A `visibleOn` rule: `"never"`, `"always"`, or conditions keyed by other blocks' keys. The docs' table says
/// "array of objects", but every example is an object or a string: only those forms exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum VisibleOn {
    /// `"never"` or `"always"`.
    Fixed(Visibility),
    /// `{"<block_key>": condition}`.
    When(Conditions),
}

impl VisibleOn {
    /// `"never"`: hidden, but still sent on submit.
    pub fn never() -> Self {
        VisibleOn::Fixed(Visibility::Never)
    }

    /// `"always"`.
    pub fn always() -> Self {
        VisibleOn::Fixed(Visibility::Always)
    }

    /// `{"<block_key>": condition}`.
    pub fn when(block_key: impl Into<String>, condition: Condition) -> Self {
        let mut map = IndexMap::new();
        map.insert(block_key.into(), condition);
        VisibleOn::When(Conditions(map))
    }

    /// Adds one more condition (Pipedrive's docs don't say what several keys mean together).
    pub fn and(self, block_key: impl Into<String>, condition: Condition) -> Self {
        let mut map = match self {
            VisibleOn::When(c) => c.0,
            VisibleOn::Fixed(_) => IndexMap::new(),
        };
        map.insert(block_key.into(), condition);
        VisibleOn::When(Conditions(map))
    }
}

impl From<Visibility> for VisibleOn {
    fn from(v: Visibility) -> Self {
        VisibleOn::Fixed(v)
    }
}

/// An input's `type` (the values are [`INPUT_TYPES`](super::limits::INPUT_TYPES)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum InputType {
    /// Plain text (pdx's reading of a missing `type`; the docs don't say).
    Text,
    /// An e-mail address.
    Email,
    /// A number.
    Number,
    /// Masked input.
    Password,
    /// Looks like a search box.
    Search,
    /// A URL.
    Url,
}

/// A primary button's `handler`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PrimaryHandler {
    /// POST the form as a JSON body.
    Request,
    /// Open a new browser tab with the form in the query string.
    OpenUrl,
}

/// A secondary button's `handler`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum SecondaryHandler {
    /// Restore the schema's initial contents.
    Reset,
    /// Close the modal.
    Cancel,
}

/// Declares an options struct: every field optional and skipped when unset, camelCase keys, unknown keys denied,
/// a `new()` and one setter per option.
macro_rules! options_struct {
    (
        $(#[$meta:meta])*
        $name:ident {
            $( $field:ident $(as $rename:literal)? : $ty:ty => $doc:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[cfg_attr(feature = "validate", derive(schemars::JsonSchema))]
        #[serde(rename_all = "camelCase", deny_unknown_fields)]
        pub struct $name {
            $(
                #[doc = $doc]
                $(#[serde(rename = $rename)])?
                #[serde(default, skip_serializing_if = "Option::is_none")]
                pub $field: Option<$ty>,
            )*
        }

        impl $name {
            /// No option set.
            pub fn new() -> Self {
                Self::default()
            }

            $(
                #[doc = $doc]
                pub fn $field(mut self, value: impl Into<$ty>) -> Self {
                    self.$field = Some(value.into());
                    self
                }
            )*
        }
    };
}

options_struct! {
    /// Options of `element-text`: `value` (REQ), `markdown`, `visibleOn`.
    TextOptions {
        value: String => "The text shown (REQ in the schema).",
        markdown: bool => "Renders `value` as markdown.",
        visible_on: VisibleOn => "When the block is shown.",
    }
}

options_struct! {
    /// Options of `element-input`.
    InputOptions {
        input_type as "type": InputType => "The input's `type` (text, email, number, password, search, url).",
        label: String => "Shown above the field (REQ in the schema).",
        value: String => "Default or current value.",
        placeholder: String => "Placeholder text.",
        message: String => "Help text under the field.",
        allow_clear: bool => "Shows an \"x\" that clears the field.",
        is_required: bool => "The primary button stays disabled until the field is filled.",
        visible_on: VisibleOn => "When the block is shown.",
        fetch_on_change: bool => "Refetch the modal's data when the value changes.",
        error: String => "Error text under the field.",
    }
}

options_struct! {
    /// Options of `element-textarea`. No `allowClear`.
    TextareaOptions {
        label: String => "Shown above the field (REQ in the schema).",
        value: String => "Default or current value.",
        placeholder: String => "Placeholder text.",
        message: String => "Help text under the field.",
        resize: bool => "Lets the user resize the box.",
        is_required: bool => "The primary button stays disabled until the field is filled.",
        visible_on: VisibleOn => "When the block is shown.",
        fetch_on_change: bool => "Refetch the modal's data when the value changes.",
        error: String => "Error text under the field.",
    }
}

options_struct! {
    /// Options of `element-select`. `items` may come from a response instead of the schema.
    SelectOptions {
        label: String => "Shown above the field (REQ in the schema).",
        value: SelectValue => "Preselected item value (or values).",
        placeholder: String => "Placeholder text.",
        message: String => "Help text under the field.",
        allow_clear: bool => "Shows an \"x\" that clears the choice.",
        is_required: bool => "The primary button stays disabled until an item is chosen.",
        filter: bool => "Lets the user filter items by typing.",
        items: Vec<Item<ChoiceValue>> => "The items; values are strings, numbers or booleans, unique in the block.",
        visible_on: VisibleOn => "When the block is shown.",
        fetch_on_change: bool => "Refetch the modal's data when the value changes.",
        error: String => "Error text under the field.",
    }
}

options_struct! {
    /// Options of `element-datepicker`. `placeholder` is accepted: the table omits it, every official example uses it.
    DatepickerOptions {
        label: String => "Shown above the field (REQ in the schema).",
        value: String => "Default or current date, `YYYY-MM-DD`.",
        placeholder: String => "Placeholder text.",
        message: String => "Help text under the field.",
        allow_clear: bool => "Shows an \"x\" that clears the date.",
        is_required: bool => "The primary button stays disabled until a date is chosen.",
        visible_on: VisibleOn => "When the block is shown.",
        fetch_on_change: bool => "Refetch the modal's data when the value changes.",
        error: String => "Error text under the field.",
    }
}

options_struct! {
    /// Options of `element-radio-group`. No `placeholder`, no `allowClear`; item values are strings.
    RadioGroupOptions {
        label: String => "Shown above the group (REQ in the schema).",
        value: String => "The preselected item's value.",
        items: Vec<Item<String>> => "The radio buttons; string values, unique in the block.",
        message: String => "Help text under the group.",
        is_required: bool => "The primary button stays disabled until an item is chosen.",
        visible_on: VisibleOn => "When the block is shown.",
        fetch_on_change: bool => "Refetch the modal's data when the value changes.",
        error: String => "Error text under the group.",
    }
}

options_struct! {
    /// Options of `element-checkbox-group`. `label` is not REQ here; item values are strings (as in every official example).
    CheckboxGroupOptions {
        label: String => "Shown above the group.",
        value: Vec<String> => "The preselected items' values.",
        items: Vec<Item<String>> => "The checkboxes; string values, unique in the block.",
        message: String => "Help text under the group.",
        is_required: bool => "The primary button stays disabled until an item is ticked.",
        visible_on: VisibleOn => "When the block is shown.",
        fetch_on_change: bool => "Refetch the modal's data when the value changes.",
        error: String => "Error text under the group.",
    }
}

options_struct! {
    /// Options of `action-primary`.
    PrimaryOptions {
        label: String => "The button's text (REQ).",
        handler: PrimaryHandler => "`request` (POST the form) or `open-url` (REQ).",
        url: String => "Where `open-url` goes; only meaningful with `open-url`.",
        visible_on: VisibleOn => "When the button is shown.",
    }
}

options_struct! {
    /// Options of `action-secondary`.
    SecondaryOptions {
        label: String => "The button's text (REQ).",
        handler: SecondaryHandler => "`reset` or `cancel` (REQ).",
        visible_on: VisibleOn => "When the button is shown.",
    }
}

impl DatepickerOptions {
    /// Sets `value` from a date, formatted `YYYY-MM-DD`.
    pub fn date(self, date: chrono::NaiveDate) -> Self {
        self.value(date.format(super::limits::DATE_FORMAT).to_string())
    }
}

/// One block of the schema: `{"$ref": "#/definitions/element-…", "options": {…}}` (separator: `$ref` only).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "$ref", content = "options")]
pub enum Block {
    /// `element-text`.
    #[serde(rename = "#/definitions/element-text")]
    Text(TextOptions),
    /// `element-input`.
    #[serde(rename = "#/definitions/element-input")]
    Input(InputOptions),
    /// `element-textarea`.
    #[serde(rename = "#/definitions/element-textarea")]
    Textarea(TextareaOptions),
    /// `element-select`.
    #[serde(rename = "#/definitions/element-select")]
    Select(SelectOptions),
    /// `element-datepicker`.
    #[serde(rename = "#/definitions/element-datepicker")]
    Datepicker(DatepickerOptions),
    /// `element-radio-group`.
    #[serde(rename = "#/definitions/element-radio-group")]
    RadioGroup(RadioGroupOptions),
    /// `element-checkbox-group`.
    #[serde(rename = "#/definitions/element-checkbox-group")]
    CheckboxGroup(CheckboxGroupOptions),
    /// `element-separator` (no options).
    #[serde(rename = "#/definitions/element-separator")]
    Separator,
}

impl Block {
    /// The block's element.
    pub fn element(&self) -> Element {
        match self {
            Block::Text(_) => Element::Text,
            Block::Input(_) => Element::Input,
            Block::Textarea(_) => Element::Textarea,
            Block::Select(_) => Element::Select,
            Block::Datepicker(_) => Element::Datepicker,
            Block::RadioGroup(_) => Element::RadioGroup,
            Block::CheckboxGroup(_) => Element::CheckboxGroup,
            Block::Separator => Element::Separator,
        }
    }
}

macro_rules! block_from {
    ($($opt:ident => $variant:ident),*) => {$(
        impl From<$opt> for Block {
            fn from(o: $opt) -> Self {
                Block::$variant(o)
            }
        }
    )*};
}
block_from!(
    TextOptions => Text,
    InputOptions => Input,
    TextareaOptions => Textarea,
    SelectOptions => Select,
    DatepickerOptions => Datepicker,
    RadioGroupOptions => RadioGroup,
    CheckboxGroupOptions => CheckboxGroup
);

/// One action button: `{"$ref": "#/definitions/action-…", "options": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "$ref", content = "options")]
pub enum Action {
    /// `action-primary`.
    #[serde(rename = "#/definitions/action-primary")]
    Primary(PrimaryOptions),
    /// `action-secondary`.
    #[serde(rename = "#/definitions/action-secondary")]
    Secondary(SecondaryOptions),
}

impl From<PrimaryOptions> for Action {
    fn from(o: PrimaryOptions) -> Self {
        Action::Primary(o)
    }
}

impl From<SecondaryOptions> for Action {
    fn from(o: SecondaryOptions) -> Self {
        Action::Secondary(o)
    }
}

/// A whole modal schema: blocks and action buttons by key, in declaration order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModalDocument {
    /// The blocks, in the order Pipedrive shows them.
    pub blocks: IndexMap<String, Block>,
    /// The action buttons.
    pub actions: IndexMap<String, Action>,
}

#[derive(Serialize, Deserialize)]
struct Section<T> {
    #[serde(rename = "type")]
    kind: String,
    properties: IndexMap<String, T>,
}

impl<T> Default for Section<T> {
    fn default() -> Self {
        Self {
            kind: "object".to_owned(),
            properties: IndexMap::new(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Sections {
    /// A modal of buttons only (a confirmation dialog) has no `blocks`.
    #[serde(default)]
    blocks: Section<Block>,
    actions: Section<Action>,
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    #[serde(rename = "type")]
    kind: String,
    properties: Sections,
}

impl ModalDocument {
    /// No blocks, no buttons.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a block under `key`.
    pub fn block(mut self, key: impl Into<String>, block: impl Into<Block>) -> Self {
        self.blocks.insert(key.into(), block.into());
        self
    }

    /// Appends a separator under `key`.
    pub fn separator(self, key: impl Into<String>) -> Self {
        self.block(key, Block::Separator)
    }

    /// Appends an action button under `key`.
    pub fn action(mut self, key: impl Into<String>, action: impl Into<Action>) -> Self {
        self.actions.insert(key.into(), action.into());
        self
    }

    /// The schema file: `{"type":"object","properties":{"blocks":{…},"actions":{…}}}`.
    pub fn to_value(&self) -> Value {
        let mut blocks = Map::new();
        for (key, block) in &self.blocks {
            blocks.insert(key.clone(), block_value(block));
        }
        let mut actions = Map::new();
        for (key, action) in &self.actions {
            actions.insert(
                key.clone(),
                serde_json::to_value(action).unwrap_or(Value::Null),
            );
        }
        json!({
            "type": "object",
            "properties": {
                "blocks": { "type": "object", "properties": blocks },
                "actions": { "type": "object", "properties": actions },
            }
        })
    }

    /// Reads a schema file into the model. Check it first (`check_schema`, feature `validate`): this only reports the first
    /// shape error serde meets.
    pub fn from_value(value: &Value) -> Result<Self, serde_json::Error> {
        let envelope = Envelope::deserialize(value)?;
        Ok(Self {
            blocks: envelope.properties.blocks.properties,
            actions: envelope.properties.actions.properties,
        })
    }
}

/// A block as JSON. Serde's adjacent tagging writes unit variants as the tag alone, which is the separator's form.
fn block_value(block: &Block) -> Value {
    serde_json::to_value(block).unwrap_or(Value::Null)
}

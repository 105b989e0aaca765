//! The limits of JSON panels. Each is written once, with the Pipedrive page it comes from, in `pdx::format`
//! ([`crate::format::panel`]); the panel checks and `#[derive(JsonPanel)]` both read them from there. The pages'
//! addresses are here too, for messages and help that cite them.

pub use pdx_format::page::{ADDING_A_JSON_PANEL, JSON_PANELS};

pub use pdx_format::panel::{
    FIELD_TYPES, LABEL_COLORS, MAX_ACTION_NAME_CHARS, MAX_ERROR_TITLE_CHARS,
    MAX_EXTERNAL_LINK_LABEL_CHARS, MAX_FIELD_ACTIONS, MAX_FIELDS, MAX_GLOBAL_ACTIONS,
    MAX_LABEL_CHARS, MAX_OBJECT_ACTIONS, MAX_OBJECTS, MAX_TEXT_CHARS,
};

#[cfg(test)]
mod tests {
    use super::super::{FieldType, LabelColor};

    /// The runtime's field types are the table's, in its order, and serde writes the same names.
    #[test]
    fn field_types_are_the_table() {
        assert_eq!(FieldType::ALL.len(), super::FIELD_TYPES.len());
        for (i, t) in FieldType::ALL.into_iter().enumerate() {
            assert_eq!(t as usize, i);
            assert_eq!(t.name(), super::FIELD_TYPES[i]);
            let wire = serde_json::to_value(t).expect("serializes");
            assert_eq!(wire, format!("#/definitions/{}", super::FIELD_TYPES[i]));
            assert_eq!(FieldType::from_name(super::FIELD_TYPES[i]), Some(t));
        }
    }

    #[test]
    fn label_colors_are_the_table() {
        assert_eq!(LabelColor::ALL.len(), super::LABEL_COLORS.len());
        for (i, c) in LabelColor::ALL.into_iter().enumerate() {
            assert_eq!(c as usize, i);
            let wire = serde_json::to_value(c).expect("serializes");
            assert_eq!(wire, super::LABEL_COLORS[i]);
        }
    }
}

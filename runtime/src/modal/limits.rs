//! Every limit and fixed name of JSON modals. Each is written once, with the Pipedrive page it comes from, in
//! `pdx::format` ([`crate::format::modal`]); the modal checks and `#[derive(JsonModal)]` both read them from there. The
//! pages' addresses are here too, for messages and help that cite them.

pub use pdx_format::page::{
    JSON_MODALS, JSON_MODALS_COMPONENT_LIBRARY, JSON_MODALS_USER_INTERACTION_HANDLING,
};

pub use pdx_format::modal::{
    ACTIONS, BOOL_ITEM_VALUE, CONDITIONS, DATE_FORMAT, ELEMENTS, INPUT_TYPES,
    MAX_ACTION_DESCRIPTION_CHARS, MAX_ACTION_NAME_CHARS, MAX_ACTIONS, MAX_BLOCKS,
    MAX_PRIMARY_ACTIONS, MAX_SECONDARY_ACTIONS, MIN_ACTIONS, PRIMARY_HANDLERS, PresetNotAnItem,
    SECONDARY_HANDLERS, STATUS_DATA, STATUS_GLOBAL_ERROR, STATUS_SUCCESS, SUCCESS_TYPE,
    URL_HANDLER, VISIBILITIES,
};

#[cfg(test)]
mod tests {
    use super::super::document::{
        ActionKind, Element, InputType, PrimaryHandler, SecondaryHandler,
    };
    use serde_json::json;

    #[test]
    fn elements_are_the_table() {
        assert_eq!(Element::ALL.len(), super::ELEMENTS.len());
        for (i, e) in Element::ALL.into_iter().enumerate() {
            assert_eq!(e as usize, i);
            assert_eq!(e.name(), super::ELEMENTS[i]);
            assert_eq!(
                e.definition(),
                format!("#/definitions/{}", super::ELEMENTS[i])
            );
        }
    }

    #[test]
    fn buttons_are_the_table() {
        let names: Vec<&str> = ActionKind::ALL.iter().map(|k| k.name()).collect();
        assert_eq!(names, super::ACTIONS);
        for k in ActionKind::ALL {
            assert_eq!(k.definition(), format!("#/definitions/{}", k.name()));
        }
    }

    /// Every input type and handler serde writes is in its table, and every table entry reads back.
    #[test]
    fn input_types_and_handlers_are_the_tables() {
        for (i, name) in super::INPUT_TYPES.iter().enumerate() {
            let t: InputType =
                serde_json::from_value(json!(name)).expect("a documented input type");
            assert_eq!(serde_json::to_value(t).expect("serializes"), json!(name));
            assert_eq!(t as usize, i);
        }
        for name in super::PRIMARY_HANDLERS {
            let h: PrimaryHandler = serde_json::from_value(json!(name)).expect("a primary handler");
            assert_eq!(serde_json::to_value(h).expect("serializes"), json!(name));
        }
        for name in super::SECONDARY_HANDLERS {
            let h: SecondaryHandler =
                serde_json::from_value(json!(name)).expect("a secondary handler");
            assert_eq!(serde_json::to_value(h).expect("serializes"), json!(name));
        }
        // No variant beyond the tables: the enums have exactly as many variants.
        assert_eq!(InputType::Url as usize + 1, super::INPUT_TYPES.len());
        assert_eq!(
            PrimaryHandler::OpenUrl as usize + 1,
            super::PRIMARY_HANDLERS.len()
        );
        assert_eq!(
            SecondaryHandler::Cancel as usize + 1,
            super::SECONDARY_HANDLERS.len()
        );
        assert_eq!(
            serde_json::to_value(PrimaryHandler::OpenUrl).expect("serializes"),
            json!(super::URL_HANDLER)
        );
    }
}

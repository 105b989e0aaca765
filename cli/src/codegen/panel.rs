//! A `#[derive(JsonPanel)]` struct from a data structure file, read into `pdx::panel::DataStructure`.

use super::Invalid;
use super::names::{field_ident, unique};
use super::notes::{Notes, note_changes, pointer, unknown_keys};
use super::source::{Attr, File, Ident, Item, Lit, Member, Meta, Ty};
use pdx::panel::{DataStructure, FieldDefinition, FieldType, ObjectStructure, PanelKind};
use serde_json::Value;

/// The `#[panel(...)]` item that names a field type when the Rust type alone does not, and the Rust type.
fn field_type(ty: FieldType) -> Option<(Option<Meta>, &'static str)> {
    Some(match ty {
        FieldType::Header => (Some(Meta::Flag("header")), "String"),
        FieldType::Text => (None, "String"),
        FieldType::Numerical => (None, "f64"),
        FieldType::Date | FieldType::Time | FieldType::DateTime => (
            Some(Meta::Value("type", Lit::Str(ty.name().to_owned()))),
            "String",
        ),
        FieldType::Email => (Some(Meta::Flag("email")), "String"),
        FieldType::Phone => (Some(Meta::Flag("phone")), "String"),
        FieldType::Address => (Some(Meta::Flag("address")), "String"),
        FieldType::Link => (None, "pdx::panel::Link"),
        FieldType::Currency => (None, "pdx::panel::Currency"),
        FieldType::Label => (None, "pdx::panel::Label"),
        FieldType::Tags => (None, "pdx::panel::Tags"),
        _ => return None,
    })
}

/// The source for a data structure file; its problems if it is invalid.
pub(crate) fn generate(file: &Value, name: &Ident) -> Result<File, Invalid> {
    let structure = DataStructure::from_value(file.clone()).map_err(Invalid::Problems)?;
    let multiple = structure.kind() == PanelKind::Multiple;
    let object = structure.object();
    let prefix = if multiple { "/items" } else { "" };
    let mut notes = Notes::default();
    if multiple {
        // The model keeps the object under `items`; the root's other keys and a missing `type` only the file shows.
        unknown_keys(file, &["type", "items"], "", &mut notes);
        if file.pointer("/items/type").is_none() {
            notes.push(
                "/items/type",
                "added `\"type\": \"object\"`: the derive always writes it, as every data structure in Pipedrive's \
                 docs does",
            );
        }
    }
    object_notes(object, prefix, &mut notes);
    let mut taken = Vec::new();
    let fields: Vec<Member> = object
        .properties
        .iter()
        .map(|(key, def)| field(key, def, object.is_required(key), prefix, &mut taken))
        .collect();
    let noted: Vec<String> = notes
        .pointers()
        .map(str::to_owned)
        .chain(
            fields
                .iter()
                .flat_map(|f| f.notes.iter().map(|n| n.pointer.clone())),
        )
        .collect();
    note_changes(file, structure.to_value(), &noted, &mut notes);
    let mut attrs = vec![
        Attr::Doc(format!(
            "One object of the JSON panel{}.",
            if multiple { " (a list of objects)" } else { "" }
        )),
        Attr::Derive(&["Debug", "Serialize", "JsonPanel"]),
    ];
    if multiple {
        attrs.push(Attr::Derives("panel", vec![Meta::Flag("list")]));
    }
    Ok(File {
        uses: vec!["pdx::JsonPanel", "serde::Serialize"],
        items: vec![Item {
            notes: notes.into_vec(),
            attrs,
            keyword: "struct",
            ident: name.clone(),
            members: fields,
        }],
    })
}

/// The object's keys the model keeps but the derive does not write, and a `required` the derive writes otherwise.
fn object_notes(object: &ObjectStructure, prefix: &str, notes: &mut Notes) {
    for key in object.unknown_keys.keys() {
        notes.push(
            pointer(prefix, key),
            format!("`{key}` is not a key the derive writes (it writes only Pipedrive's documented keys): left out"),
        );
    }
    let in_order: Vec<&String> = object
        .properties
        .keys()
        .filter(|k| object.is_required(k))
        .collect();
    if !in_order.iter().copied().eq(object.required.iter()) {
        notes.push(
            format!("{prefix}/required"),
            format!(
                "`required` lists {:?}; the derive lists required keys once each, in field order: {in_order:?}",
                object.required
            ),
        );
    }
}

/// One field: its notes, `#[serde(rename)]` when its key is no Rust name, `#[panel(...)]`, and its Rust type
/// (an `Option` unless `required` lists it).
fn field(
    key: &str,
    def: &FieldDefinition,
    required: bool,
    prefix: &str,
    taken: &mut Vec<String>,
) -> Member {
    let at = pointer(&format!("{prefix}/properties"), key);
    let mut notes = Notes::default();
    for unknown in def.unknown_keys.keys() {
        notes.push(
            pointer(&at, unknown),
            format!("`{unknown}` is not a key the derive writes (it writes only `$ref` and `label`): left out"),
        );
    }
    let Some((type_meta, rust)) = field_type(def.field_type) else {
        notes.push(
            format!("{at}/$ref"),
            format!(
                "field type `{}` has no Rust type: field `{key}` left out",
                def.field_type
            ),
        );
        return Member::left_out(notes.into_vec());
    };
    let ident = unique(field_ident(key), taken, "_");
    let mut metas: Vec<Meta> = type_meta.into_iter().collect();
    metas.push(match &def.label {
        Some(label) => Meta::Value("label", Lit::Str(label.clone())),
        None => Meta::Flag("no_label"),
    });
    let mut attrs = Vec::new();
    if ident.as_str() != key {
        attrs.push(Attr::SerdeRename(key.to_owned()));
    }
    attrs.push(Attr::Derives("panel", metas));
    let ty = if required {
        Ty::Path(rust)
    } else {
        Ty::Path(rust).option()
    };
    Member::field(notes.into_vec(), attrs, ident, ty)
}

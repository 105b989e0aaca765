//! The Rust source `pdx codegen` prints, as data: items, attributes, identifiers and literals, and the one path by
//! which text from the input file reaches the output ([`escape`]), in literals as in comments.
//!
//! Nothing here writes a string from the file as it is: a literal is escaped, a comment is escaped (so no line break
//! ends it), an identifier is sanitized by `names` and checked by syn ([`Ident::checked`]). Names of attributes and
//! types are `&'static str`: they come from pdx's own tables, never from the file.

use std::fmt::Write as _;

/// Where a text from the file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// Inside `"..."`: quotes are escaped too.
    Literal,
    /// In a `//` or `///` comment, or a warning on standard error.
    Comment,
}

/// The one escaping path: `\`, line breaks, control and format characters (bidirectional overrides, zero-width
/// characters, line and paragraph separators) become Rust escapes (`\n`, `\u{202e}`), and in a literal `"` becomes
/// `\"`. The result holds no character that ends a comment or a literal, or that rustc refuses in one.
pub(crate) fn escape(text: &str, context: Context) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' if context == Context::Literal => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

/// Control characters, Unicode format characters (category Cf, which holds the bidirectional controls rustc
/// refuses in comments and literals) and separators, and whatever Rust's own `Debug` would not print as is.
fn needs_escape(c: char) -> bool {
    const FORMAT: &[(u32, u32)] = &[
        (0x00AD, 0x00AD),
        (0x0600, 0x0605),
        (0x061C, 0x061C),
        (0x06DD, 0x06DD),
        (0x070F, 0x070F),
        (0x0890, 0x0891),
        (0x08E2, 0x08E2),
        (0x180E, 0x180E),
        (0x200B, 0x200F),
        (0x2028, 0x202E),
        (0x2060, 0x206F),
        (0xFEFF, 0xFEFF),
        (0xFFF9, 0xFFFB),
        (0x110BD, 0x110BD),
        (0x110CD, 0x110CD),
        (0x13430, 0x1343F),
        (0x1BCA0, 0x1BCA3),
        (0x1D173, 0x1D17A),
        (0xE0001, 0xE0001),
        (0xE0020, 0xE007F),
    ];
    let code = u32::from(c);
    c.is_control()
        || FORMAT.iter().any(|(lo, hi)| (*lo..=*hi).contains(&code))
        || (c != '\'' && c != '"' && c.escape_debug().nth(1).is_some())
}

/// A Rust string literal holding `text` exactly.
pub(crate) fn string_literal(text: &str) -> String {
    format!("\"{}\"", escape(text, Context::Literal))
}

/// A Rust identifier made from a name in the file: sanitized by `names`, then checked by syn (no keyword, no `r#`,
/// nothing but one identifier).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ident(String);

impl Ident {
    /// `name` if it is one plain Rust identifier.
    pub(crate) fn checked(name: &str) -> Option<Ident> {
        if name.starts_with("r#") {
            return None;
        }
        let parsed = syn::parse_str::<syn::Ident>(name).ok()?;
        (parsed == name).then(|| Ident(name.to_owned()))
    }

    /// A name written in pdx's own source (a fallback such as `field`); its tests check each one with
    /// [`Ident::checked`].
    pub(crate) fn own(name: &'static str) -> Ident {
        Ident(name.to_owned())
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// A literal in an attribute.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Lit {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl Lit {
    fn render(&self) -> String {
        match self {
            Lit::Str(s) => string_literal(s),
            Lit::Int(i) => i.to_string(),
            // `{:?}` always writes a float literal (`1.0`, `1e300`), never an integer one.
            Lit::Float(f) => format!("{f:?}"),
            Lit::Bool(b) => b.to_string(),
        }
    }
}

/// One item inside `#[panel(...)]` or `#[modal(...)]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Meta {
    /// `allow_clear`.
    Flag(&'static str),
    /// `label = "..."`.
    Value(&'static str, Lit),
    /// `value = ["a", "b"]`.
    Array(&'static str, Vec<Lit>),
    /// `primary(key = "...", ...)`, `items((...), ...)`, `visible_on(field, not_empty)`.
    List(&'static str, Vec<Meta>),
    /// `(1, "One", disabled)`: an item.
    Tuple(Vec<Meta>),
    /// A bare literal, in a tuple.
    Lit(Lit),
    /// A field's name, in `visible_on(field, ...)`.
    Path(Ident),
}

impl Meta {
    fn render(&self) -> String {
        match self {
            Meta::Flag(name) => (*name).to_owned(),
            Meta::Value(name, lit) => format!("{name} = {}", lit.render()),
            Meta::Array(name, lits) => {
                let each: Vec<String> = lits.iter().map(Lit::render).collect();
                format!("{name} = [{}]", each.join(", "))
            }
            Meta::List(name, inner) => format!("{name}({})", render_all(inner)),
            Meta::Tuple(inner) => format!("({})", render_all(inner)),
            Meta::Lit(lit) => lit.render(),
            Meta::Path(ident) => ident.as_str().to_owned(),
        }
    }
}

fn render_all(metas: &[Meta]) -> String {
    metas
        .iter()
        .map(Meta::render)
        .collect::<Vec<_>>()
        .join(", ")
}

/// An attribute.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Attr {
    /// `/// text`.
    Doc(String),
    /// `#[derive(A, B)]`.
    Derive(&'static [&'static str]),
    /// `#[serde(rename = "key")]`.
    SerdeRename(String),
    /// `#[panel(...)]` or `#[modal(...)]`: the name, then the items.
    Derives(&'static str, Vec<Meta>),
}

/// Something codegen could not reproduce, or had to add: written as a `// pdx codegen:` comment where it belongs and
/// repeated as a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Note {
    /// The JSON pointer of the value in the input file.
    pub(crate) pointer: String,
    pub(crate) message: String,
}

/// A Rust type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ty {
    /// A path written by pdx (`String`, `pdx::panel::Label`).
    Path(&'static str),
    /// A type of the generated file (a `ModalChoice` enum).
    Local(Ident),
    Option(Box<Ty>),
    Vec(Box<Ty>),
}

impl Ty {
    pub(crate) fn option(self) -> Ty {
        Ty::Option(Box::new(self))
    }

    pub(crate) fn vec(self) -> Ty {
        Ty::Vec(Box::new(self))
    }

    fn render(&self) -> String {
        match self {
            Ty::Path(p) => (*p).to_owned(),
            Ty::Local(ident) => ident.as_str().to_owned(),
            Ty::Option(inner) => format!("Option<{}>", inner.render()),
            Ty::Vec(inner) => format!("Vec<{}>", inner.render()),
        }
    }
}

/// A struct field or an enum variant, with the notes written above it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member {
    pub(crate) notes: Vec<Note>,
    pub(crate) attrs: Vec<Attr>,
    /// `None`: only the notes (a block or field left out).
    pub(crate) decl: Option<Decl>,
}

/// What a member declares.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Decl {
    /// `pub name: Type,`
    Field(Ident, Ty),
    /// `Name,`
    Variant(Ident),
}

impl Member {
    /// A field.
    pub(crate) fn field(notes: Vec<Note>, attrs: Vec<Attr>, ident: Ident, ty: Ty) -> Self {
        Member {
            notes,
            attrs,
            decl: Some(Decl::Field(ident, ty)),
        }
    }

    /// A unit variant.
    pub(crate) fn variant(notes: Vec<Note>, attrs: Vec<Attr>, ident: Ident) -> Self {
        Member {
            notes,
            attrs,
            decl: Some(Decl::Variant(ident)),
        }
    }

    /// Notes only: what was left out, where it would have been.
    pub(crate) fn left_out(notes: Vec<Note>) -> Self {
        Member {
            notes,
            attrs: Vec::new(),
            decl: None,
        }
    }
}

/// A `pub struct` or `pub enum`, with the notes written above it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Item {
    pub(crate) notes: Vec<Note>,
    pub(crate) attrs: Vec<Attr>,
    pub(crate) keyword: &'static str,
    pub(crate) ident: Ident,
    pub(crate) members: Vec<Member>,
}

/// A whole generated file: `use` lines (pdx's own paths), then items.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct File {
    pub(crate) uses: Vec<&'static str>,
    pub(crate) items: Vec<Item>,
}

impl File {
    /// The source text.
    pub(crate) fn render(&self) -> String {
        let mut out = String::new();
        for path in &self.uses {
            let _ = writeln!(out, "use {path};");
        }
        for item in &self.items {
            out.push('\n');
            render_item(&mut out, item);
        }
        out
    }

    /// Every note, in source order.
    pub(crate) fn notes(&self) -> Vec<&Note> {
        self.items.iter().flat_map(Item::notes).collect()
    }
}

impl Item {
    /// The item's notes and its members', in source order.
    pub(crate) fn notes(&self) -> impl Iterator<Item = &Note> {
        self.notes
            .iter()
            .chain(self.members.iter().flat_map(|m| &m.notes))
    }
}

fn render_item(out: &mut String, item: &Item) {
    comments(out, &item.notes, "");
    attrs(out, &item.attrs, "");
    let _ = writeln!(out, "pub {} {} {{", item.keyword, item.ident.as_str());
    for member in &item.members {
        comments(out, &member.notes, "    ");
        attrs(out, &member.attrs, "    ");
        let _ = match &member.decl {
            Some(Decl::Field(ident, ty)) => {
                writeln!(out, "    pub {}: {},", ident.as_str(), ty.render())
            }
            Some(Decl::Variant(ident)) => writeln!(out, "    {},", ident.as_str()),
            None => Ok(()),
        };
    }
    out.push_str("}\n");
}

fn comments(out: &mut String, notes: &[Note], indent: &str) {
    for note in notes {
        let _ = writeln!(out, "{indent}// pdx codegen: {}", note_text(note));
    }
}

/// A note as one line of text: `pointer: message`, escaped.
pub(crate) fn note_text(note: &Note) -> String {
    format!(
        "{}: {}",
        escape(&note.pointer, Context::Comment),
        escape(&note.message, Context::Comment)
    )
}

fn attrs(out: &mut String, attrs: &[Attr], indent: &str) {
    for attr in attrs {
        let _ = match attr {
            Attr::Doc(text) => writeln!(out, "{indent}/// {}", escape(text, Context::Comment)),
            Attr::Derive(names) => writeln!(out, "{indent}#[derive({})]", names.join(", ")),
            Attr::SerdeRename(key) => {
                writeln!(out, "{indent}#[serde(rename = {})]", string_literal(key))
            }
            Attr::Derives(name, metas) => writeln!(out, "{indent}#[{name}({})]", render_all(metas)),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_inside_its_literal_or_comment() {
        assert_eq!(
            string_literal("a\"b\\c\nd\re\u{2028}f\u{202e}g\u{7f}h"),
            r#""a\"b\\c\nd\re\u{2028}f\u{202e}g\u{7f}h""#
        );
        assert_eq!(
            escape("*/ \"x\" #[a]\n//", Context::Comment),
            r#"*/ "x" #[a]\n//"#
        );
        assert_eq!(string_literal("Größe 🎂 ünïcödé"), "\"Größe 🎂 ünïcödé\"");
        assert_eq!(
            escape("\u{200b}\u{feff}\u{85}", Context::Comment),
            r"\u{200b}\u{feff}\u{85}"
        );
    }

    #[test]
    fn only_plain_identifiers_pass() {
        assert!(Ident::checked("visit_time").is_some());
        for bad in [
            "type", "self", "r#type", "a b", "a\nb", "", "1a", "_", "a::b", "a/*x*/",
        ] {
            assert!(Ident::checked(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn literals_are_rust_literals() {
        assert_eq!(Lit::Float(1.0).render(), "1.0");
        assert_eq!(Lit::Float(1e300).render(), "1e300");
        assert_eq!(Lit::Int(-3).render(), "-3");
        let parsed: syn::Expr =
            syn::parse_str(&Lit::Str("\"}\n#[x]".into()).render()).expect("a literal");
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) = parsed
        else {
            panic!("not a string literal")
        };
        assert_eq!(s.value(), "\"}\n#[x]");
    }
}

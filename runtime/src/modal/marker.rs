//! The marker types of blocks without a value: [`Text`] and [`Separator`].

/// Marker type of a static text block: `#[modal(text = "...")] intro: pdx::modal::Text`.
///
/// Marker fields need no `#[serde(skip)]`: `Text` is `Default` and deserializes from anything, including an
/// absent key. Pipedrive's docs don't say whether text blocks are sent in the submitted body; pdx accepts both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Text;

/// Marker type of a separator block: `divider: pdx::modal::Separator`. Deserializes from anything or nothing,
/// like [`Text`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Separator;

macro_rules! marker_deserialize {
    ($($t:ident),*) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $t;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("anything")
                    }
                    fn visit_none<E>(self) -> Result<$t, E> {
                        Ok($t)
                    }
                    fn visit_unit<E>(self) -> Result<$t, E> {
                        Ok($t)
                    }
                    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<$t, D::Error> {
                        <serde::de::IgnoredAny as serde::Deserialize>::deserialize(d).map(|_| $t)
                    }
                }
                // `deserialize_option`: a missing field arrives as `none`, any value as `some`.
                deserializer.deserialize_option(V)
            }
        }
    )*};
}
marker_deserialize!(Text, Separator);

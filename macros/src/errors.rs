//! The one error accumulator of the derives: every check adds to it and parsing goes on, so a user sees all of
//! their mistakes at once; on error the derive writes them all next to a dummy impl of its trait.

use proc_macro2::{Span, TokenStream};

/// Collects errors.
#[derive(Default)]
pub(crate) struct Errors(Vec<syn::Error>);

impl Errors {
    /// Adds an error at `span`.
    pub(crate) fn push(&mut self, span: Span, message: impl std::fmt::Display) {
        self.0.push(syn::Error::new(span, message));
    }

    /// Adds an error syn made (a parse error).
    pub(crate) fn add(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    /// Whether nothing was reported.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many errors were reported (to tell whether a step added any).
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The `compile_error!`s of every error, or `None` when there is none.
    pub(crate) fn to_compile_errors(&self) -> Option<TokenStream> {
        if self.0.is_empty() {
            return None;
        }
        Some(self.0.iter().map(syn::Error::to_compile_error).collect())
    }
}

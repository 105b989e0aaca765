//! The `CustomFields` impl: the field specs, and reading and writing each field by its index.

use super::parse::{Model, Named};
use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;

pub(super) fn implementation(input: &syn::DeriveInput, model: &Model) -> TokenStream {
    let krate = &model.krate;
    let ident = &input.ident;
    let cf = quote!(#krate::custom_fields);
    let entity = format_ident!("{}", model.entity.unwrap_or("Deal"));
    let specs = model.members.iter().map(|m| {
        let ty = &m.ty;
        let member = format!("{}.{}", ident, m.ident);
        let field = match &m.named {
            Some(Named::Name(name, _)) => quote!(#cf::FieldRef::Name(#name)),
            Some(Named::Code(code, _)) => quote!(#cf::FieldRef::Code(#code)),
            None => quote!(#cf::FieldRef::Name("")),
        };
        // The type's span: a type that holds no custom field value is reported on it.
        quote_spanned!(ty.span()=> #cf::FieldSpec::new::<#ty>(#member, #field))
    });
    let reads = model.members.iter().enumerate().map(|(i, m)| {
        let (name, ty) = (&m.ident, &m.ty);
        quote!(#name: fields.read::<#ty>(#i)?)
    });
    let writes = model.members.iter().enumerate().map(|(i, m)| {
        let (name, ty) = (&m.ident, &m.ty);
        quote!(fields.write::<#ty>(#i, &self.#name)?;)
    });
    quote! {
        #[automatically_derived]
        impl #cf::CustomFields for #ident {
            const ENTITY: #cf::FieldEntity = #cf::FieldEntity::#entity;
            const FIELDS: &'static [#cf::FieldSpec] = &[#(#specs),*];

            fn read_fields(
                fields: &#cf::FieldReader<'_>,
            ) -> ::core::result::Result<Self, #cf::CustomFieldError> {
                ::core::result::Result::Ok(Self { #(#reads),* })
            }

            fn write_fields(
                &self,
                fields: &mut #cf::FieldWriter<'_>,
            ) -> ::core::result::Result<(), #cf::CustomFieldError> {
                #(#writes)*
                ::core::result::Result::Ok(())
            }
        }
    }
}

/// An impl with no fields next to the errors, so uses of the type report no second error.
pub(super) fn dummy(input: &syn::DeriveInput, krate: &syn::Path) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let cf = quote!(#krate::custom_fields);
    quote! {
        #[automatically_derived]
        impl #impl_generics #cf::CustomFields for #ident #ty_generics #where_clause {
            const ENTITY: #cf::FieldEntity = #cf::FieldEntity::Deal;
            const FIELDS: &'static [#cf::FieldSpec] = &[];

            fn read_fields(
                _: &#cf::FieldReader<'_>,
            ) -> ::core::result::Result<Self, #cf::CustomFieldError> {
                ::core::unimplemented!()
            }

            fn write_fields(
                &self,
                _: &mut #cf::FieldWriter<'_>,
            ) -> ::core::result::Result<(), #cf::CustomFieldError> {
                ::core::unimplemented!()
            }
        }
    }
}

//! `Paginated` (and `Listing`, when the page has one list of items) for an operation that
//! pages, printing the walk `lower/paging.rs` decided ([`Pagination`]): what in the page, or
//! its `Link` header, makes the next request, which is this one with only what moves changed.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::ident;
use crate::ir::{Holder, Ir, PageEnds, PageItems, PageValue, Pagination, QueryField, Step, TypeRef, Walk};
use crate::prelude::{CLONE, NONE, OPTION, SOME, TRY_FROM, VEC};

/// The `Listing` and `Paginated` impls of the request type `name`.
pub(super) fn pagination(ir: &Ir, pagination: &Pagination, name: &proc_macro2::Ident) -> TokenStream {
    let listing = pagination.items.as_ref().map(|items| listing(ir, items, name));
    // A page without items ends the walk whatever it says of a next one, as the official SDKs
    // do: a server that keeps handing out cursors would otherwise be walked forever. Here, in
    // the one method every walker asks (the client's streams and `Paginated::pages`).
    let stop_when_empty = pagination.items.as_ref().map(stop_when_empty);
    let (walk, headers) = walk(&pagination.walk, pagination.items.as_ref());
    // And a next request equal to this one ends it: a server that names the page just fetched as
    // the next one (the same cursor, offset or link) would otherwise be sent the same request
    // again and again.
    quote! {
        #listing
        impl Paginated for #name {
            fn next_request(
                &self,
                page: &Self::Response,
                #headers: &::http::HeaderMap,
            ) -> #OPTION<Self> {
                #stop_when_empty
                let next = (|| -> #OPTION<Self> { #walk })();
                next.filter(|next| next != self)
            }
        }
    }
}

/// `Listing`: the page's items.
fn listing(ir: &Ir, items: &PageItems, name: &proc_macro2::Ident) -> TokenStream {
    let item = super::qualified_type_tokens(ir, &items.item);
    let all = match &items.field {
        None => quote! { page },
        Some(field) => {
            let member = ident(&field.member);
            // An absent or null list is no items.
            match field.holder {
                Holder::Plain => quote! { page.#member },
                Holder::Option => quote! { page.#member.unwrap_or_default() },
                Holder::Nullable => quote! { page.#member.value().unwrap_or_default() },
            }
        }
    };
    quote! {
        impl Listing for #name {
            type Item = #item;
            fn into_items(page: Self::Response) -> #VEC<Self::Item> {
                #all
            }
        }
    }
}

/// Ends the walk at a page without items.
fn stop_when_empty(items: &PageItems) -> TokenStream {
    let empty = match &items.field {
        None => quote! { page.is_empty() },
        Some(field) => {
            let member = ident(&field.member);
            match field.holder {
                Holder::Plain => quote! { page.#member.is_empty() },
                Holder::Option => quote! { page.#member.as_ref().is_none_or(#VEC::is_empty) },
                Holder::Nullable => quote! { page.#member.as_value().is_none_or(#VEC::is_empty) },
            }
        }
    };
    quote! {
        if #empty {
            return #NONE;
        }
    }
}

/// The body of `next_request` after the empty-page check, and the name its headers parameter
/// takes (`_headers` unless the walk reads them).
fn walk(walk: &Walk, items: Option<&PageItems>) -> (TokenStream, TokenStream) {
    match walk {
        Walk::Cursor { next, parameter } => {
            let read = read(quote! { page }, next);
            let set = set(parameter, &quote! { #CLONE::clone(cursor) });
            let walk = quote! {
                // The last page has no cursor (or an empty one).
                let cursor = #read.filter(|cursor| !cursor.is_empty())?;
                let mut next = #CLONE::clone(self);
                #set
                #SOME(next)
            };
            (walk, quote! { _headers })
        }
        Walk::AfterLastItem { has_more, id, parameter } => {
            let has_more = flag(has_more, false);
            let last = last(items);
            let id = match reach(quote! { last }, std::slice::from_ref(id)) {
                Reached::Always(place) => quote! { &#place },
                Reached::Maybe(value) => quote! { #value? },
            };
            let set = set(parameter, &quote! { #CLONE::clone(cursor) });
            let walk = quote! {
                if !#has_more {
                    return #NONE;
                }
                let last = #last?;
                let cursor = #id;
                let mut next = #CLONE::clone(self);
                #set
                #SOME(next)
            };
            (walk, quote! { _headers })
        }
        Walk::Offset { offset, limit, ends } => {
            let count = count(items);
            let current = current(offset, 0);
            let (ends, _) = page_ends(ends, limit.as_ref(), &quote! { following }, None);
            let set = set(offset, &narrowed(quote! { following }, &offset.ty));
            let walk = quote! {
                let count = i64::try_from(#count).ok()?;
                let following = #current.checked_add(count)?;
                #ends
                let mut next = #CLONE::clone(self);
                #set
                #SOME(next)
            };
            (walk, quote! { _headers })
        }
        Walk::Page { page, size, ends } => {
            let count = count(items);
            let first = page.default.unwrap_or(1);
            let current = current(page, first);
            // Pages numbered from 0 are as many before the next as its number.
            let before = if first == 0 {
                quote! { following }
            } else {
                quote! { following.saturating_sub(#first) }
            };
            let (ends, counts) = page_ends(ends, size.as_ref(), &before, Some(first));
            let count = counts.then(|| quote! { let count = i64::try_from(#count).ok()?; });
            let set = set(page, &narrowed(quote! { following }, &page.ty));
            let walk = quote! {
                #count
                let following = #current.checked_add(1)?;
                #ends
                let mut next = #CLONE::clone(self);
                #set
                #SOME(next)
            };
            (walk, quote! { _headers })
        }
        Walk::Link { parameter } => {
            let wire = &parameter.name;
            let value = if parameter.ty == TypeRef::String {
                quote! { value }
            } else {
                quote! { value.parse().ok()? }
            };
            let set = set(parameter, &value);
            let walk = quote! {
                // The last page links to no next one.
                let value = links::next_link_parameter(headers, #wire)?;
                let mut next = #CLONE::clone(self);
                #set
                #SOME(next)
            };
            (walk, quote! { headers })
        }
    }
}

/// The value at the end of a path of fields.
enum Reached {
    /// Every field on the way is always there: the value itself (a place expression).
    Always(TokenStream),
    /// Some field on the way may be absent: an `Option` of a reference to it.
    Maybe(TokenStream),
}

/// Follows `steps` from `from`.
fn reach(from: TokenStream, steps: &[Step]) -> Reached {
    let mut reached = Reached::Always(from);
    for step in steps {
        let member = ident(&step.member);
        reached = match (reached, step.holder) {
            (Reached::Always(place), Holder::Plain) => Reached::Always(quote! { #place.#member }),
            (Reached::Always(place), Holder::Option) => Reached::Maybe(quote! { #place.#member.as_ref() }),
            (Reached::Always(place), Holder::Nullable) => Reached::Maybe(quote! { #place.#member.as_value() }),
            (Reached::Maybe(value), Holder::Plain) => Reached::Maybe(quote! { #value.map(|value| &value.#member) }),
            (Reached::Maybe(value), Holder::Option) => {
                Reached::Maybe(quote! { #value.and_then(|value| value.#member.as_ref()) })
            }
            (Reached::Maybe(value), Holder::Nullable) => {
                Reached::Maybe(quote! { #value.and_then(|value| value.#member.as_value()) })
            }
        };
    }
    reached
}

/// The value at the end of `steps` from `from`, as an `Option` of a reference.
fn read(from: TokenStream, steps: &[Step]) -> TokenStream {
    match reach(from, steps) {
        Reached::Always(place) => quote! { #SOME(&#place) },
        Reached::Maybe(value) => value,
    }
}

/// The boolean at the end of `steps` in the page, `absent` when a field on the way is absent.
fn flag(steps: &[Step], absent: bool) -> TokenStream {
    match reach(quote! { page }, steps) {
        Reached::Always(place) => quote! { #place },
        Reached::Maybe(value) => quote! { #value.copied().unwrap_or(#absent) },
    }
}

/// Whether the integer `value` of the page is there and `holds` (given it as an `i64`).
fn bound(value: &PageValue, holds: impl Fn(TokenStream) -> TokenStream) -> TokenStream {
    match reach(quote! { page }, &value.steps) {
        Reached::Always(place) => holds(widened(quote! { #place }, &value.ty)),
        Reached::Maybe(reached) => {
            let holds = holds(widened(quote! { *value }, &value.ty));
            quote! { #reached.is_some_and(|value| #holds) }
        }
    }
}

/// An integer of type `ty` as an `i64`.
fn widened(value: TokenStream, ty: &TypeRef) -> TokenStream {
    if *ty == TypeRef::I64 {
        value
    } else {
        quote! { i64::from(#value) }
    }
}

/// An `i64` as an integer of type `ty`, or `None` from the enclosing function if it does not fit.
fn narrowed(value: TokenStream, ty: &TypeRef) -> TokenStream {
    if *ty == TypeRef::I64 {
        value
    } else {
        quote! { #TRY_FROM::try_from(#value).ok()? }
    }
}

/// The query parameter's value this request asked for, as an `i64`, else its default, else
/// `fallback` (where the server starts).
fn current(parameter: &QueryField, fallback: i64) -> TokenStream {
    let member = ident(&parameter.field.member);
    let default = parameter.default.unwrap_or(fallback);
    let wide = parameter.ty == TypeRef::I64;
    match parameter.field.holder {
        Holder::Plain => widened(quote! { self.query.#member }, &parameter.ty),
        Holder::Option | Holder::Nullable if wide => quote! { self.query.#member.unwrap_or(#default) },
        Holder::Option | Holder::Nullable => quote! { self.query.#member.map_or(#default, i64::from) },
    }
}

/// Sets the query parameter of `next` to `value`.
fn set(parameter: &QueryField, value: &TokenStream) -> TokenStream {
    let member = ident(&parameter.field.member);
    match parameter.field.holder {
        Holder::Plain => quote! { next.query.#member = #value; },
        Holder::Option | Holder::Nullable => {
            quote! { next.query.#member = #SOME(#value); }
        }
    }
}

/// How many items the page holds.
fn count(items: Option<&PageItems>) -> TokenStream {
    match items.and_then(|items| items.field.as_ref()) {
        None => quote! { page.len() },
        Some(field) => {
            let member = ident(&field.member);
            match field.holder {
                Holder::Plain => quote! { page.#member.len() },
                Holder::Option => quote! { page.#member.as_ref().map_or(0, #VEC::len) },
                Holder::Nullable => quote! { page.#member.as_value().map_or(0, #VEC::len) },
            }
        }
    }
}

/// The page's last item, as an `Option`.
fn last(items: Option<&PageItems>) -> TokenStream {
    match items.and_then(|items| items.field.as_ref()) {
        None => quote! { page.last() },
        Some(field) => {
            let member = ident(&field.member);
            match field.holder {
                Holder::Plain => quote! { page.#member.last() },
                Holder::Option => quote! { page.#member.as_ref().and_then(|items| items.last()) },
                Holder::Nullable => quote! { page.#member.as_value().and_then(|items| items.last()) },
            }
        }
    }
}

/// The checks that end the walk before the page `following` (counted in items for an offset,
/// in pages from `first` for a page number: `before` is how many pages or items come before it).
/// With none of them in the page, a page with fewer items than the size asked for is the last:
/// that check reads `count` (the page's items, an `i64`), and the `bool` says whether it is there.
fn page_ends(
    ends: &PageEnds,
    size: Option<&QueryField>,
    before: &TokenStream,
    first: Option<i64>,
) -> (TokenStream, bool) {
    let more = ends.more.as_ref().map(|more| {
        let more = flag(more, true);
        quote! {
            if !#more {
                return #NONE;
            }
        }
    });
    let size_asked = size.map(|size| {
        let member = ident(&size.field.member);
        let default = size.default.map_or_else(
            || quote! { #NONE },
            |default| {
                quote! { #SOME(#default) }
            },
        );
        let wide = size.ty == TypeRef::I64;
        match size.field.holder {
            Holder::Plain => {
                let size = widened(quote! { self.query.#member }, &size.ty);
                quote! { #SOME(#size) }
            }
            Holder::Option | Holder::Nullable if wide => quote! { self.query.#member.or(#default) },
            Holder::Option | Holder::Nullable => quote! { self.query.#member.map(i64::from).or(#default) },
        }
    });
    let pages = ends.pages.as_ref().filter(|_| first.is_some()).map(|pages| {
        let last = bound(pages, |pages| quote! { #before >= #pages });
        quote! {
            if #last {
                return #NONE;
            }
        }
    });
    let total = ends.total.as_ref().and_then(|total| {
        match first {
            // An offset counts items already.
            None => {
                let last = bound(total, |total| quote! { #before >= #total });
                Some(quote! {
                    if #last {
                        return #NONE;
                    }
                })
            }
            // A page number counts pages: the items before the next page are as many pages of
            // the size asked for.
            Some(_) => size_asked.as_ref().map(|size| {
                let last = bound(total, |total| quote! { #before.saturating_mul(size) >= #total });
                quote! {
                    if #size.is_some_and(|size| #last) {
                        return #NONE;
                    }
                }
            }),
        }
    });
    let fewer = size_asked.filter(|_| ends.is_empty()).map(|size| {
        quote! {
            if #size.is_some_and(|size| count < size) {
                return #NONE;
            }
        }
    });
    let counts = fewer.is_some();
    (quote! { #more #pages #total #fewer }, counts)
}

#[cfg(test)]
mod tests {
    /// Three cursor-paginated lists whose items are held each way a field can be: required,
    /// optional, and optional and nullable.
    const SPEC: &str = r"
openapi: 3.0.3
info: {title: Pages, version: '1'}
paths:
  /plain:
    get:
      operationId: ListPlain
      parameters: [{name: page, in: query, schema: {type: string, x-stainless-pagination-property: {purpose: next_cursor_param}}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/PlainPage'}}}}}
  /optional:
    get:
      operationId: ListOptional
      parameters: [{name: page, in: query, schema: {type: string, x-stainless-pagination-property: {purpose: next_cursor_param}}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/OptionalPage'}}}}}
  /nullable:
    get:
      operationId: ListNullable
      parameters: [{name: page, in: query, schema: {type: string, x-stainless-pagination-property: {purpose: next_cursor_param}}}]
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/NullablePage'}}}}}
components:
  schemas:
    PlainPage:
      type: object
      required: [data]
      properties:
        data: {type: array, items: {type: string}}
        next: {type: string, x-stainless-pagination-property: {purpose: next_cursor_field}}
    OptionalPage:
      type: object
      properties:
        data: {type: array, items: {type: string}}
        next: {type: string, x-stainless-pagination-property: {purpose: next_cursor_field}}
    NullablePage:
      type: object
      properties:
        data: {type: array, nullable: true, items: {type: string}}
        next: {type: string, x-stainless-pagination-property: {purpose: next_cursor_field}}
";

    /// The body of `name`'s `next_request`, whitespace removed.
    fn next_request(operations: &str, name: &str) -> String {
        let start = operations.find(&format!("impl Paginated for {name} {{")).unwrap_or_else(|| panic!("{name}"));
        let body = &operations[start..];
        let end = body.find("\n}\n").unwrap_or(body.len());
        body[..end].split_whitespace().collect()
    }

    #[test]
    fn a_page_without_items_is_the_last_whatever_cursor_it_holds() {
        let generated = crate::generate_from_str(SPEC, "pages.yaml", &crate::Config::default()).expect("generates");
        let operations = generated.crate_files().expect("formats").remove("operations.rs").expect("operations");
        // Absent or null items are no items, as `into_items` reads them; the check comes before
        // the cursor is read.
        for (name, empty) in [
            ("ListPlain", "if page.data.is_empty() {"),
            ("ListOptional", "if page.data.as_ref().is_none_or(Vec::is_empty) {"),
            ("ListNullable", "if page.data.as_value().is_none_or(Vec::is_empty) {"),
        ] {
            let body = next_request(&operations, name);
            let empty: String = empty.split_whitespace().collect();
            let stop = body.find(&format!("{empty}returnNone;}}"));
            assert!(stop.is_some_and(|at| body.find("letcursor").is_some_and(|cursor| at < cursor)), "{name}: {body}");
        }
    }
}

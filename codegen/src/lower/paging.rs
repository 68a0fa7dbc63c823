//! How each operation's responses page ([`Pagination`]), decided once on the whole IR so that the
//! emitter only prints the walk.
//!
//! In order: the operation's `x-pagination` (which may say `style: none`, or name the style, the
//! query parameter that moves, the response property holding the next cursor and the one holding
//! the items); Stainless's `x-stainless-pagination-property` markers; then the shape of the
//! query and of the one body every success has, by the rules the README lists ("Pagination"):
//! a next cursor in the page, `has_more` with the last item's `id`, an offset, a page number, or
//! a `Link` response header. A shape is only taken with the page's items: the page is the list
//! itself, or the page's one array property; with several, the operation does not page and a
//! warning says how to name them.

use crate::Diagnostic;
use crate::diagnostics::Diagnostics;
use crate::ir::{
    Field, Ir, Operation, PageEnds, PageItems, PageValue, Pagination, Paging, ParameterLocation, Placement, QueryField,
    Step, Storage, StructDef, TypeKind, TypeRef, Walk,
};

/// Query parameters that take an opaque cursor (strings), most specific first.
const CURSOR_PARAMETERS: &[&str] =
    &["cursor", "page_token", "pageToken", "next_token", "starting_after", "after", "offset", "page", "marker"];
/// Page properties that hold the next page's cursor, most specific first.
const NEXT_CURSORS: &[&str] =
    &["next_cursor", "nextCursor", "next_page_token", "nextPageToken", "next_token", "nextToken", "next_page", "next"];
/// Page properties whose object holds what pages (`next_page.offset` in Asana's pages,
/// `response_metadata.next_cursor` in `PagerDuty`'s, `pagination.total_pages` in Mistral's).
const CONTAINERS: &[&str] = &[
    "next_page",
    "nextPage",
    "pagination",
    "response_metadata",
    "meta",
    "metadata",
    "paging",
    "page_info",
    "pageInfo",
];
/// Query parameters that take the id of the item after which the page starts.
const AFTER_PARAMETERS: &[&str] = &["starting_after", "after", "after_id", "cursor"];
/// Query parameters that take a number of items to skip.
const OFFSET_PARAMETERS: &[&str] = &["offset", "skip"];
/// Query parameters that take a page number.
const PAGE_PARAMETERS: &[&str] = &["page", "page_number", "pageNumber"];
/// Query parameters that take how many items a page holds.
const SIZE_PARAMETERS: &[&str] = &["per_page", "page_size", "pageSize", "limit", "size"];
/// Page properties that are `false` on the last page.
const MORE: &[&str] = &["has_more", "hasMore", "more"];
/// Page properties that count the items of every page.
const TOTALS: &[&str] = &["total", "total_count", "totalCount", "total_items", "totalItems", "itemsTotal"];
/// Page properties that count the pages (`last_page` is the last page's number, the count when
/// pages are numbered from 1).
const PAGE_COUNTS: &[&str] = &["total_pages", "totalPages", "pagesTotal", "page_count", "pageCount", "last_page"];

/// Decides every operation's [`Pagination`].
pub(super) fn decide(ir: &mut Ir, api: &openapiv3::OpenAPI, diagnostics: &mut Diagnostics) {
    let decided: Vec<Option<Pagination>> = ir
        .operations
        .iter()
        .map(|operation| {
            let declared = Declared::read(api, operation, diagnostics);
            pagination(ir, operation, &declared, diagnostics)
        })
        .collect();
    for (operation, pagination) in ir.operations.iter_mut().zip(decided) {
        operation.pagination = pagination;
    }
}

/// What an operation's `x-pagination` says; everything left out is inferred.
#[derive(Debug, Default)]
struct Declared {
    /// `cursor`, `offset`, `page`, `link` or `none`.
    style: Option<String>,
    /// The query parameter that moves from page to page.
    parameter: Option<String>,
    /// The page's property holding the next cursor, dotted when nested (`meta.next`).
    next: Option<String>,
    /// The page's property holding the items.
    items: Option<String>,
    /// Whether a success declares a `Link` header.
    link_header: bool,
}

impl Declared {
    fn read(api: &openapiv3::OpenAPI, operation: &Operation, diagnostics: &mut Diagnostics) -> Self {
        let Some(spec) = document_operation(api, operation) else { return Self::default() };
        let link_header = spec.responses.responses.iter().any(|(status, response)| {
            matches!(status, openapiv3::StatusCode::Code(200..=299) | openapiv3::StatusCode::Range(2))
                && resolve_response(api, response)
                    .is_some_and(|response| response.headers.keys().any(|name| name.eq_ignore_ascii_case("link")))
        });
        let mut declared = Self { link_header, ..Self::default() };
        let Some(extension) = spec.extensions.get("x-pagination") else { return declared };
        let pointer = operation.pointer.join("x-pagination");
        let Some(object) = extension.as_object() else {
            diagnostics.push(
                Diagnostic::warning(&pointer, "`x-pagination` is not an object; ignored")
                    .with_hint("write `x-pagination: {style: cursor|offset|page|link|none}`"),
            );
            return declared;
        };
        for (key, value) in object {
            let Some(text) = value.as_str().map(str::to_owned) else {
                diagnostics.push(Diagnostic::warning(pointer.join(key), format!("`{key}` is not a string; ignored")));
                continue;
            };
            match key.as_str() {
                "style" if ["cursor", "offset", "page", "link", "none"].contains(&text.as_str()) => {
                    declared.style = Some(text);
                }
                "parameter" => declared.parameter = Some(text),
                "next" => declared.next = Some(text),
                "items" => declared.items = Some(text),
                _ => diagnostics.push(
                    Diagnostic::warning(pointer.join(key), format!("`{key}: {text}` is not understood; ignored"))
                        .with_hint("`x-pagination` takes `style` (cursor, offset, page, link or none), `parameter`, `next` and `items`"),
                ),
            }
        }
        declared
    }

    fn allows(&self, style: &str) -> bool {
        self.style.as_deref().is_none_or(|declared| declared == style)
    }

    /// The query parameter names to try, the declared one alone if there is one.
    fn parameters<'a>(&'a self, names: &'a [&'a str]) -> Vec<&'a str> {
        self.parameter.as_deref().map_or_else(|| names.to_vec(), |declared| vec![declared])
    }
}

/// The document's operation at the IR operation's pointer (`/paths/{path}/{method}`).
fn document_operation<'a>(api: &'a openapiv3::OpenAPI, operation: &Operation) -> Option<&'a openapiv3::Operation> {
    let tokens: Vec<std::borrow::Cow<'_, str>> = operation.pointer.tokens().collect();
    let [paths, path, method] = tokens.as_slice() else { return None };
    if *paths != "paths" {
        return None;
    }
    let item = api.paths.paths.get(path.as_ref())?.as_item()?;
    item.iter().find(|(name, _)| *name == method.as_ref()).map(|(_, operation)| operation)
}

fn resolve_response<'a>(
    api: &'a openapiv3::OpenAPI,
    response: &'a openapiv3::ReferenceOr<openapiv3::Response>,
) -> Option<&'a openapiv3::Response> {
    match response {
        openapiv3::ReferenceOr::Item(response) => Some(response),
        openapiv3::ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/responses/")?;
            api.components.as_ref()?.responses.get(name)?.as_item()
        }
    }
}

fn pagination(
    ir: &Ir,
    operation: &Operation,
    declared: &Declared,
    diagnostics: &mut Diagnostics,
) -> Option<Pagination> {
    if declared.style.as_deref() == Some("none") {
        return None;
    }
    let Some(TypeKind::Struct(query)) = operation.query.map(|id| &ir.get(id).kind) else { return None };
    // The page is the one body every success has.
    let mut successes = operation.responses.iter().filter(|r| r.status.is_success());
    let body = successes.next()?.body.as_ref()?;
    if !successes.all(|r| r.body.as_ref() == Some(body)) {
        return None;
    }
    let page = match ir.without_aliases(body) {
        TypeRef::Named(id) => match &ir.get(id).kind {
            TypeKind::Struct(page) => Some(page),
            _ => return None,
        },
        TypeRef::Array(_) => None,
        _ => return None,
    };
    let query = Query { ir, operation, fields: query };
    if let Some(walk) = page.and_then(|page| stainless(&query, page)) {
        // Stainless names the cursor; the items are the page's one list, if it has one.
        let items = items(ir, body, page, None).ok();
        return Some(Pagination { items, walk });
    }
    let items = items(ir, body, page, declared.items.as_deref());
    let walk = walk(ir, &query, page, items.as_ref().ok(), declared);
    match (walk, items) {
        (Some(walk), Ok(items)) => Some(Pagination { items: Some(items), walk }),
        (Some(walk), Err(lists)) if !lists.is_empty() => {
            diagnostics.push(
                Diagnostic::warning(
                    &operation.pointer,
                    format!(
                        "`{}` looks paged by {}, but its page holds several lists ({}); it is not paged",
                        operation.operation_id,
                        walk.style(),
                        lists.iter().map(|list| format!("`{list}`")).collect::<Vec<_>>().join(", ")
                    ),
                )
                .with_hint("name the items with `x-pagination: {items: NAME}` on the operation"),
            );
            None
        }
        _ => {
            // What the spec asked for explicitly is not silently dropped.
            if declared.style.is_some() || declared.items.is_some() {
                diagnostics.push(
                    Diagnostic::warning(
                        operation.pointer.join("x-pagination"),
                        format!(
                            "`{}` does not page as its `x-pagination` says: its query or page lacks what that needs",
                            operation.operation_id
                        ),
                    )
                    .with_hint("the README's \"Pagination\" lists what each style needs; `items` names an array property of the page"),
                );
            }
            None
        }
    }
}

/// The operation's query struct and parameters.
struct Query<'a> {
    ir: &'a Ir,
    operation: &'a Operation,
    fields: &'a StructDef,
}

impl Query<'_> {
    /// The first of `names` that is a query parameter, a string (`text`) or an integer.
    fn find(&self, names: &[&str], text: bool) -> Option<QueryField> {
        names.iter().find_map(|name| {
            let parameter = self.operation.parameters.iter().find(|parameter| {
                parameter.location == ParameterLocation::Query
                    && parameter.name == *name
                    && parameter.constant.is_none()
            })?;
            let field = self.fields.fields.iter().find(|field| field.wire_name == *name)?;
            let ty = self.ir.without_aliases(&field.ty);
            let is_text = match ty {
                TypeRef::String => true,
                TypeRef::I32 | TypeRef::I64 => false,
                _ => return None,
            };
            (is_text == text).then(|| QueryField {
                name: (*name).to_owned(),
                field: step(field),
                default: parameter.default.as_ref().and_then(serde_json::Value::as_i64),
                ty,
            })
        })
    }
}

fn step(field: &Field) -> Step {
    Step { member: field.rust_name.clone(), holder: field.presence.holder() }
}

/// The page's declared field `name`, held in place (not a tag, not boxed).
fn page_field<'a>(page: &'a StructDef, name: &str) -> Option<&'a Field> {
    page.fields.iter().find(|field| {
        field.wire_name == name && field.placement == Placement::Struct && field.storage == Storage::Inline
    })
}

/// The path to the first of `names` in the page, or in one of its [`CONTAINERS`], whose type is
/// `leaf` (an integer is either width).
fn find_value(ir: &Ir, page: &StructDef, names: &[&str], leaf: &TypeRef) -> Option<PageValue> {
    let is_leaf = |field: &Field| {
        let ty = ir.without_aliases(&field.ty);
        ty == *leaf || (*leaf == TypeRef::I64 && ty == TypeRef::I32)
    };
    let value = |steps: Vec<Step>, field: &Field| PageValue { steps, ty: ir.without_aliases(&field.ty) };
    if let Some(field) = names.iter().find_map(|name| page_field(page, name).filter(|field| is_leaf(field))) {
        return Some(value(vec![step(field)], field));
    }
    CONTAINERS.iter().find_map(|container| {
        let outer = page_field(page, container)?;
        let TypeRef::Named(id) = ir.without_aliases(&outer.ty) else { return None };
        let TypeKind::Struct(inner) = &ir.get(id).kind else { return None };
        let field = names.iter().find_map(|name| page_field(inner, name).filter(|field| is_leaf(field)))?;
        Some(value(vec![step(outer), step(field)], field))
    })
}

/// A dotted path of properties (`x-pagination`'s `next`) to a value of type `leaf`.
fn dotted(ir: &Ir, page: &StructDef, path: &str, leaf: &TypeRef) -> Option<Vec<Step>> {
    let mut steps = Vec::new();
    let mut at = page;
    let mut names = path.split('.').peekable();
    while let Some(name) = names.next() {
        let field = page_field(at, name)?;
        steps.push(step(field));
        let ty = ir.without_aliases(&field.ty);
        if names.peek().is_none() {
            return (ty == *leaf).then_some(steps);
        }
        let TypeRef::Named(id) = ty else { return None };
        let TypeKind::Struct(inner) = &ir.get(id).kind else { return None };
        at = inner;
    }
    None
}

/// Stainless's markers: the query parameter and the page's string field marked as the cursor.
fn stainless(query: &Query<'_>, page: &StructDef) -> Option<Walk> {
    let parameter = query
        .operation
        .parameters
        .iter()
        .find(|p| p.paging == Paging::Cursor && p.location == ParameterLocation::Query)?;
    let parameter = query.find(&[parameter.name.as_str()], true)?;
    let next = page.fields.iter().find(|f| f.paging == Paging::Cursor && f.ty == TypeRef::String)?;
    Some(Walk::Cursor { next: vec![step(next)], parameter })
}

/// The page's items: the body itself when it is a list, else the declared property or the page's
/// one list; `Err` with the lists' names when there is not exactly one.
fn items(ir: &Ir, body: &TypeRef, page: Option<&StructDef>, declared: Option<&str>) -> Result<PageItems, Vec<String>> {
    if let Some(item) = list_item(ir, body) {
        return Ok(PageItems { field: None, item });
    }
    let lists: Vec<(&Field, TypeRef)> = page
        .into_iter()
        .flat_map(|page| &page.fields)
        .filter(|f| f.is_declared() && f.storage == Storage::Inline && f.paging == Paging::Unpaged)
        .filter(|f| declared.is_none_or(|declared| f.wire_name == declared))
        .filter_map(|f| Some((f, list_item(ir, &f.ty)?)))
        .collect();
    match lists.as_slice() {
        [(field, item)] => Ok(PageItems { field: Some(step(field)), item: item.clone() }),
        _ => Err(lists.iter().map(|(field, _)| field.wire_name.clone()).collect()),
    }
}

/// The item of a list type, as written where it is a list (an alias of a list is looked through).
fn list_item(ir: &Ir, ty: &TypeRef) -> Option<TypeRef> {
    match ty {
        TypeRef::Array(item) => Some((**item).clone()),
        TypeRef::Named(_) => match ir.without_aliases(ty) {
            TypeRef::Array(item) => Some(*item),
            _ => None,
        },
        _ => None,
    }
}

/// The first shape the query and page fit, in the README's order.
fn walk(
    ir: &Ir,
    query: &Query<'_>,
    page: Option<&StructDef>,
    items: Option<&PageItems>,
    declared: &Declared,
) -> Option<Walk> {
    let find = |names: &[&str], leaf: &TypeRef| page.and_then(|page| find_value(ir, page, names, leaf));
    if declared.allows("cursor") {
        for parameter in declared.parameters(CURSOR_PARAMETERS) {
            let Some(parameter_field) = query.find(&[parameter], true) else { continue };
            let next = if let Some(path) = &declared.next {
                page.and_then(|page| dotted(ir, page, path, &TypeRef::String))
            } else {
                let mut names = NEXT_CURSORS.to_vec();
                names.push(parameter);
                find(&names, &TypeRef::String).map(|value| value.steps)
            };
            if let Some(next) = next {
                return Some(Walk::Cursor { next, parameter: parameter_field });
            }
        }
        if let Some(walk) = page.and_then(|page| after_last_item(ir, query, page, items, declared)) {
            return Some(walk);
        }
    }
    let ends = PageEnds {
        more: find(MORE, &TypeRef::Bool).map(|value| value.steps),
        total: find(TOTALS, &TypeRef::I64),
        pages: find(PAGE_COUNTS, &TypeRef::I64),
    };
    let size = query.find(SIZE_PARAMETERS, false);
    let numbered = declared.parameters(PAGE_PARAMETERS);
    // The largest code-hosting API's way: a `Link` header, or a bare list with `per_page`.
    let linked = declared.link_header
        || (page.is_none() && query.find(&["per_page"], false).is_some() && declared.style.is_none());
    if declared.allows("link") && (linked || declared.style.is_some()) {
        let parameter =
            query.find(&numbered, false).or_else(|| query.find(&declared.parameters(CURSOR_PARAMETERS), true));
        if let Some(parameter) = parameter {
            return Some(Walk::Link { parameter });
        }
    }
    if declared.allows("offset")
        && let Some(offset) = query.find(&declared.parameters(OFFSET_PARAMETERS), false)
    {
        return Some(Walk::Offset { offset, limit: size.or_else(|| query.find(&["limit"], false)), ends });
    }
    if declared.allows("page")
        && let Some(page) = query.find(&numbered, false)
    {
        return Some(Walk::Page { page, size, ends });
    }
    None
}

/// Stripe's shape: `has_more` in the page, and the next page starts after the last item's `id`.
fn after_last_item(
    ir: &Ir,
    query: &Query<'_>,
    page: &StructDef,
    items: Option<&PageItems>,
    declared: &Declared,
) -> Option<Walk> {
    let parameter = query.find(&declared.parameters(AFTER_PARAMETERS), true)?;
    let has_more = find_value(ir, page, MORE, &TypeRef::Bool)?.steps;
    let TypeRef::Named(item) = ir.without_aliases(&items?.item) else { return None };
    let TypeKind::Struct(item) = &ir.get(item).kind else { return None };
    let id = page_field(item, "id").filter(|id| ir.without_aliases(&id.ty) == TypeRef::String)?;
    Some(Walk::AfterLastItem { has_more, id: step(id), parameter })
}

#[cfg(test)]
mod tests {
    use crate::ir::{Pagination, Walk};

    /// The pagination of the one operation `GET /things` with `parameters` and the 200 body
    /// `schema` (both YAML flow text), `extension` on the operation, and the warnings.
    fn paged(parameters: &str, schema: &str, extension: &str) -> (Option<Pagination>, Vec<String>) {
        let spec = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths:\n  /things:\n    get:\n      operationId: listThings\n{extension}      parameters: {parameters}\n      responses: {{'200': {{description: ok, content: {{application/json: {{schema: {schema}}}}}}}}}\n"
        );
        let document = crate::load::load_str(&spec, "things.yaml", &[]).expect("loads");
        let (mut ir, diagnostics) = crate::lower::lower(&document, &crate::Config::default());
        assert!(!diagnostics.has_errors(), "{diagnostics}");
        let warnings = diagnostics.items().iter().map(ToString::to_string).collect();
        (ir.operations.remove(0).pagination, warnings)
    }

    fn style(parameters: &str, schema: &str) -> Option<&'static str> {
        paged(parameters, schema, "").0.map(|pagination| pagination.walk.style())
    }

    const ITEMS: &str = "data: {type: array, items: {type: object, required: [id], properties: {id: {type: string}}}}";

    #[test]
    fn each_shape_is_recognised_from_the_query_and_the_page() {
        let cursor =
            "[{name: cursor, in: query, schema: {type: string}}, {name: limit, in: query, schema: {type: integer}}]";
        let next = format!("{{type: object, properties: {{{ITEMS}, next_cursor: {{type: string, nullable: true}}}}}}");
        assert_eq!(style(cursor, &next), Some("cursor"));
        // Nested, and named as the parameter (Asana's `next_page.offset`).
        let offset_token = "[{name: offset, in: query, schema: {type: string}}]";
        let asana = format!(
            "{{type: object, properties: {{{ITEMS}, next_page: {{type: object, nullable: true, properties: {{offset: {{type: string}}}}}}}}}}"
        );
        assert_eq!(style(offset_token, &asana), Some("cursor"));
        let after = "[{name: starting_after, in: query, schema: {type: string}}]";
        let stripe = format!("{{type: object, properties: {{{ITEMS}, has_more: {{type: boolean}}}}}}");
        assert_eq!(style(after, &stripe), Some("after last item"));
        let offset =
            "[{name: offset, in: query, schema: {type: integer}}, {name: limit, in: query, schema: {type: integer}}]";
        let counted = format!("{{type: object, properties: {{{ITEMS}, total: {{type: integer}}}}}}");
        assert_eq!(style(offset, &counted), Some("offset"));
        let page =
            "[{name: page, in: query, schema: {type: integer}}, {name: page_size, in: query, schema: {type: integer}}]";
        assert_eq!(style(page, "{type: array, items: {type: string}}"), Some("page"));
        // GitHub's: a bare list with `per_page` and `page` pages by `Link` headers.
        let github =
            "[{name: per_page, in: query, schema: {type: integer}}, {name: page, in: query, schema: {type: integer}}]";
        assert_eq!(style(github, "{type: array, items: {type: string}}"), Some("link"));
        // No parameter that moves, or a cursor nothing in the page names: not paged.
        assert_eq!(style("[{name: q, in: query, schema: {type: string}}]", &next), None);
        assert_eq!(style(cursor, &format!("{{type: object, properties: {{{ITEMS}}}}}")), None);
    }

    #[test]
    fn a_page_with_several_lists_is_not_paged_unless_x_pagination_names_the_items() {
        let offset = "[{name: offset, in: query, schema: {type: integer}}]";
        let two = "{type: object, properties: {users: {type: array, items: {type: string}}, teams: {type: array, items: {type: string}}}}";
        let (pagination, warnings) = paged(offset, two, "");
        assert_eq!(pagination, None);
        assert!(warnings.iter().any(|w| w.contains("several lists (`users`, `teams`)")), "{warnings:#?}");
        let (pagination, warnings) = paged(offset, two, "      x-pagination: {items: teams}\n");
        let items = pagination.and_then(|pagination| pagination.items).and_then(|items| items.field);
        assert_eq!(items.map(|field| field.member), Some("teams".to_owned()), "{warnings:#?}");
    }

    #[test]
    fn x_pagination_names_the_style_and_what_moves_or_turns_paging_off() {
        let page = "[{name: page, in: query, schema: {type: integer}}]";
        let list = "{type: array, items: {type: string}}";
        assert_eq!(paged(page, list, "      x-pagination: {style: none}\n").0, None);
        let (pagination, _) = paged(page, list, "      x-pagination: {style: link}\n");
        assert!(matches!(pagination.map(|p| p.walk), Some(Walk::Link { .. })));
        let token = "[{name: token, in: query, schema: {type: string}}]";
        let meta = "{type: object, properties: {events: {type: array, items: {type: string}}, meta: {type: object, properties: {continuation: {type: string}}}}}";
        assert_eq!(paged(token, meta, "").0, None);
        let named = "      x-pagination: {style: cursor, parameter: token, next: meta.continuation}\n";
        let Some(Walk::Cursor { next, parameter }) = paged(token, meta, named).0.map(|p| p.walk) else {
            panic!("a cursor")
        };
        assert_eq!(parameter.name, "token");
        assert_eq!(next.iter().map(|step| step.member.as_str()).collect::<Vec<_>>(), ["meta", "continuation"]);
        // A style the operation cannot page by, and keys or values not understood, are warned about.
        let (pagination, warnings) = paged(page, list, "      x-pagination: {style: cursor, pages: 2, style2: x}\n");
        assert_eq!(pagination, None);
        assert!(warnings.iter().any(|w| w.contains("does not page as its `x-pagination` says")), "{warnings:#?}");
        assert!(warnings.iter().any(|w| w.contains("`pages` is not a string")), "{warnings:#?}");
        assert!(warnings.iter().any(|w| w.contains("`style2: x` is not understood")), "{warnings:#?}");
        let (pagination, warnings) = paged(page, list, "      x-pagination: {items: data}\n");
        assert!(pagination.is_some() && warnings.is_empty(), "a list page has no property to name: {warnings:#?}");
        let offset = "[{name: offset, in: query, schema: {type: integer}}]";
        let one = "{type: object, properties: {data: {type: array, items: {type: string}}}}";
        // An `items` that names no list of the page is warned about too.
        let (pagination, warnings) = paged(offset, one, "      x-pagination: {items: rows}\n");
        assert_eq!(pagination, None);
        assert!(warnings.iter().any(|w| w.contains("does not page as its `x-pagination` says")), "{warnings:#?}");
    }
}

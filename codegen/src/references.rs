//! `$ref`s into any part of the document, made into references to components.
//!
//! A `$ref` may point anywhere in the document: at a schema inside another schema
//! (`#/components/schemas/Tag/allOf/0`), at a parameter's schema, at a response's body. Lowering
//! only follows references to components (`#/components/schemas/Name`), which is what gives a
//! shared schema one type. So before the document is read as `OpenAPI`, every part some `$ref`
//! points into is moved to a component of its own, a `$ref` to that component is left where the
//! part was, and every `$ref` to the part is rewritten to the component: the part is lowered once,
//! under one name, and every place that uses it shares its type.
//!
//! References are read as RFC 6901 pointers in a URI fragment: percent-encoded bytes are decoded,
//! then `~1` and `~0`. Every in-document reference is rewritten in that canonical form, so later
//! stages compare names, never spellings. A pointer that does not resolve is left as written, for
//! lowering to report.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::{Pointer, ident};

/// What a `$ref` stands for, decided by where it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Site {
    Schema,
    Parameter,
    RequestBody,
    Response,
    Header,
    Example,
    Link,
    Callback,
}

impl Site {
    /// The `components` map that holds this kind of part.
    fn section(self) -> &'static str {
        match self {
            Self::Schema => "schemas",
            Self::Parameter => "parameters",
            Self::RequestBody => "requestBodies",
            Self::Response => "responses",
            Self::Header => "headers",
            Self::Example => "examples",
            Self::Link => "links",
            Self::Callback => "callbacks",
        }
    }
}

/// Moves every part of `document` that a `$ref` points into, other than a component itself, to
/// a component of its own, and rewrites the references. Returns, for each moved part, the
/// component's pointer and the pointer where the part is written in the document, so messages
/// about it can point at the text the user wrote.
pub(crate) fn hoist_references(document: &mut Value) -> BTreeMap<Pointer, Pointer> {
    let mut found = Vec::new();
    collect_document(document, &mut Vec::new(), &mut found);
    // Each distinct target once, under the kind of the first site that names it.
    let mut targets: BTreeMap<Vec<String>, Site> = BTreeMap::new();
    let mut located: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for reference in &found {
        let Some(tokens) = decode_fragment(&reference.target) else { continue };
        if is_component(&tokens, reference.site) {
            continue;
        }
        let Some(real) = locate(document, &tokens) else { continue };
        if is_component(&real, reference.site) {
            // A pointer through a `$ref` that lands on a component: a reference to it.
            located.insert(tokens, real);
            continue;
        }
        if resolve(document, &real).is_some_and(Value::is_object) {
            targets.entry(real.clone()).or_insert(reference.site);
            located.insert(tokens, real);
        }
    }
    // Names first, in the order of the targets' pointers, so they do not depend on map order.
    let mut taken: BTreeSet<(&'static str, String)> = BTreeSet::new();
    let mut components: BTreeMap<Vec<String>, (Site, String)> = BTreeMap::new();
    for (tokens, site) in &targets {
        let name = free_name(document, site.section(), tokens, &taken);
        taken.insert((site.section(), name.clone()));
        components.insert(tokens.clone(), (*site, name));
    }
    // Then the references, where they are written, before any part moves.
    for reference in &found {
        let Some(tokens) = decode_fragment(&reference.target) else { continue };
        let tokens = located.get(&tokens).cloned().unwrap_or(tokens);
        let canonical = match components.get(&tokens) {
            Some((site, name)) => Pointer::from_tokens(["components", site.section(), name]),
            None => Pointer::from_tokens(&tokens),
        }
        .to_reference();
        if let Some(Value::Object(object)) = resolve_mut(document, &reference.location) {
            object.insert(reference.key.clone(), Value::from(canonical));
        }
    }
    // Then the parts, the deepest first: moving a part never changes the pointer of a part
    // outside it, so every target still resolves when its turn comes.
    let mut order: Vec<(&Vec<String>, &(Site, String))> = components.iter().collect();
    order.sort_by_key(|(tokens, _)| std::cmp::Reverse(tokens.len()));
    let mut moved = BTreeMap::new();
    for (tokens, (site, name)) in order {
        let component = Pointer::from_tokens(["components", site.section(), name]);
        let Some(slot) = resolve_mut(document, tokens) else { continue };
        let part = std::mem::replace(slot, reference_to(&component.to_reference()));
        let Some(section) = components_section(document, site.section()) else { continue };
        section.insert(name.clone(), part);
        moved.insert(component, Pointer::from_tokens(tokens));
    }
    moved
}

/// A reference written where the document expects a part: a `$ref`, or an entry of a
/// discriminator's `mapping`.
struct Reference {
    site: Site,
    /// The tokens of the object that holds the reference.
    location: Vec<String>,
    /// The key whose value it is (`$ref`, or the tag value of a mapping entry).
    key: String,
    target: String,
}

fn reference_to(target: &str) -> Value {
    let mut object = Map::new();
    object.insert("$ref".to_owned(), Value::from(target));
    Value::Object(object)
}

/// The `components/{section}` map, created if the document has none.
fn components_section<'a>(document: &'a mut Value, section: &str) -> Option<&'a mut Map<String, Value>> {
    let root = document.as_object_mut()?;
    let components = root.entry("components").or_insert_with(|| Value::Object(Map::new())).as_object_mut()?;
    components.entry(section).or_insert_with(|| Value::Object(Map::new())).as_object_mut()
}

/// A component name for the part at `tokens`, from the names on its way (`Tag/allOf/0` →
/// `TagAllOf0`, a parameter's schema → the parameter's name), that no component of the section
/// has yet.
fn free_name(
    document: &Value,
    section: &'static str,
    tokens: &[String],
    chosen: &BTreeSet<(&'static str, String)>,
) -> String {
    let words: Vec<String> = tokens
        .iter()
        .enumerate()
        .filter(|(index, token)| {
            let structural = matches!(token.as_str(), "components" | "paths" | "content" | "schema" | "properties")
                || (*index == 1 && tokens[0] == "components")
                || token.contains('/') && *index > 1;
            !structural
        })
        .map(|(_, token)| ident::type_name(token))
        .collect();
    let base = ident::composed_type_name(&words.concat());
    let base = if base.is_empty() { "Part".to_owned() } else { base };
    let taken = |name: &str| {
        chosen.contains(&(section, name.to_owned()))
            || document.get("components").and_then(|c| c.get(section)).and_then(|s| s.get(name)).is_some()
    };
    let mut name = base.clone();
    let mut counter = 2;
    while taken(&name) {
        name = format!("{base}{counter}");
        counter += 1;
    }
    name
}

/// Whether the reference names a component of the kind its site expects, which lowering follows
/// as it is.
fn is_component(tokens: &[String], site: Site) -> bool {
    matches!(tokens, [components, section, _] if components == "components" && section == site.section())
}

/// The tokens of an in-document reference (`#/a~1b/c%20d` → `["a/b", "c d"]`), or `None` for a
/// reference to another document or a fragment that is not a JSON pointer.
fn decode_fragment(reference: &str) -> Option<Vec<String>> {
    let fragment = reference.strip_prefix('#')?;
    let pointer = Pointer::parse(&percent_decode(fragment)?)?;
    Some(pointer.tokens().map(String::from).collect())
}

/// `%XX` sequences decoded as UTF-8; `None` when they do not form UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let escaped = (byte == b'%')
            .then(|| text.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        if let Some(value) = escaped {
            out.push(value);
            index += 3;
        } else {
            out.push(byte);
            index += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Where the node a pointer names really is: the pointer itself, or, for a pointer that passes
/// through a `$ref` (`…/items/allOf/0` where `items` is a `$ref`), the path with each such
/// reference followed, as tools that read the dereferenced document resolve it.
fn locate(document: &Value, tokens: &[String]) -> Option<Vec<String>> {
    let mut real: Vec<String> = Vec::new();
    let mut node = document;
    // Each `$ref` followed is one step; a loop of them gives up instead of spinning.
    let mut follows = 0;
    for token in tokens {
        while let Some(target) = node.get("$ref").and_then(Value::as_str) {
            follows += 1;
            if follows > 64 {
                return None;
            }
            real = decode_fragment(target)?;
            node = resolve(document, &real)?;
        }
        node = match node {
            Value::Object(map) => map.get(token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
        real.push(token.clone());
    }
    // A pointer at a `$ref` names what that reference names.
    while let Some(target) = node.get("$ref").and_then(Value::as_str) {
        follows += 1;
        if follows > 64 {
            return None;
        }
        real = decode_fragment(target)?;
        node = resolve(document, &real)?;
    }
    Some(real)
}

fn resolve<'a>(document: &'a Value, tokens: &[String]) -> Option<&'a Value> {
    tokens.iter().try_fold(document, |value, token| match value {
        Value::Object(map) => map.get(token),
        Value::Array(items) => token.parse::<usize>().ok().and_then(|index| items.get(index)),
        _ => None,
    })
}

fn resolve_mut<'a>(document: &'a mut Value, tokens: &[String]) -> Option<&'a mut Value> {
    tokens.iter().try_fold(document, |value, token| match value {
        Value::Object(map) => map.get_mut(token),
        Value::Array(items) => token.parse::<usize>().ok().and_then(|index| items.get_mut(index)),
        _ => None,
    })
}

/// Every `$ref` written where the document expects a part, with what that part is. Values that
/// are data (examples, defaults, extensions) are not searched: a `$ref` key there is not a
/// reference.
fn collect_document(document: &Value, location: &mut Vec<String>, found: &mut Vec<Reference>) {
    if let Some(paths) = document.get("paths").and_then(Value::as_object) {
        location.push("paths".to_owned());
        for (path, item) in paths {
            location.push(path.clone());
            collect_path_item(item, location, found);
            location.pop();
        }
        location.pop();
    }
    let Some(components) = document.get("components").and_then(Value::as_object) else { return };
    location.push("components".to_owned());
    for site in [
        Site::Schema,
        Site::Parameter,
        Site::RequestBody,
        Site::Response,
        Site::Header,
        Site::Example,
        Site::Link,
        Site::Callback,
    ] {
        if let Some(entries) = components.get(site.section()) {
            location.push(site.section().to_owned());
            each(entries, site, location, found);
            location.pop();
        }
    }
    location.pop();
}

fn collect_path_item(item: &Value, location: &mut Vec<String>, found: &mut Vec<Reference>) {
    let Some(item) = item.as_object() else { return };
    for (key, child) in item {
        location.push(key.clone());
        match key.as_str() {
            "parameters" => each(child, Site::Parameter, location, found),
            "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace" => {
                for (field, site) in [
                    ("parameters", None),
                    ("requestBody", Some(Site::RequestBody)),
                    ("responses", None),
                    ("callbacks", None),
                ] {
                    let Some(value) = child.get(field) else { continue };
                    location.push(field.to_owned());
                    match (field, site) {
                        (_, Some(site)) => collect(value, site, location, found),
                        ("parameters", None) => each(value, Site::Parameter, location, found),
                        ("responses", None) => each(value, Site::Response, location, found),
                        _ => each(value, Site::Callback, location, found),
                    }
                    location.pop();
                }
            }
            _ => {}
        }
        location.pop();
    }
}

/// Every member of an array, or every value of a map, as a part of the kind `site`.
fn each(value: &Value, site: Site, location: &mut Vec<String>, found: &mut Vec<Reference>) {
    match value {
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                location.push(index.to_string());
                collect(item, site, location, found);
                location.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                location.push(key.clone());
                collect(item, site, location, found);
                location.pop();
            }
        }
        _ => {}
    }
}

/// The member `key` of `object`, when present, as a part of the kind `site` (one part, or with
/// `many` an array or map of them).
fn field(
    object: &Map<String, Value>,
    key: &str,
    site: Site,
    many: bool,
    location: &mut Vec<String>,
    found: &mut Vec<Reference>,
) {
    let Some(value) = object.get(key) else { return };
    location.push(key.to_owned());
    if many {
        each(value, site, location, found);
    } else {
        collect(value, site, location, found);
    }
    location.pop();
}

/// The media types of a `content` map: each one's schema, examples and encoding headers.
fn content(object: &Map<String, Value>, location: &mut Vec<String>, found: &mut Vec<Reference>) {
    let Some(media_types) = object.get("content").and_then(Value::as_object) else { return };
    location.push("content".to_owned());
    for (media_type, media) in media_types {
        let Some(media) = media.as_object() else { continue };
        location.push(media_type.clone());
        field(media, "schema", Site::Schema, false, location, found);
        field(media, "examples", Site::Example, true, location, found);
        if let Some(encodings) = media.get("encoding").and_then(Value::as_object) {
            location.push("encoding".to_owned());
            for (property, encoding) in encodings {
                let Some(encoding) = encoding.as_object() else { continue };
                location.push(property.clone());
                field(encoding, "headers", Site::Header, true, location, found);
                location.pop();
            }
            location.pop();
        }
        location.pop();
    }
    location.pop();
}

fn collect(value: &Value, site: Site, location: &mut Vec<String>, found: &mut Vec<Reference>) {
    let Some(object) = value.as_object() else { return };
    if let Some(target) = object.get("$ref").and_then(Value::as_str) {
        found.push(Reference { site, location: location.clone(), key: "$ref".to_owned(), target: target.to_owned() });
        return;
    }
    match site {
        Site::Schema => {
            if let Some(mapping) = object.get("discriminator").and_then(|d| d.get("mapping")).and_then(Value::as_object)
            {
                let mut mapping_location = location.clone();
                mapping_location.extend(["discriminator".to_owned(), "mapping".to_owned()]);
                for (tag, target) in mapping {
                    // A bare schema name (`Cat`) is not a pointer, and stays as written.
                    let Some(target) = target.as_str().filter(|target| target.starts_with('#')) else { continue };
                    found.push(Reference {
                        site,
                        location: mapping_location.clone(),
                        key: tag.clone(),
                        target: target.to_owned(),
                    });
                }
            }
            for key in ["items", "additionalProperties", "not"] {
                field(object, key, Site::Schema, false, location, found);
            }
            for key in ["properties", "allOf", "anyOf", "oneOf"] {
                field(object, key, Site::Schema, true, location, found);
            }
        }
        Site::Parameter | Site::Header => {
            field(object, "schema", Site::Schema, false, location, found);
            field(object, "examples", Site::Example, true, location, found);
            content(object, location, found);
        }
        Site::RequestBody => content(object, location, found),
        Site::Response => {
            field(object, "headers", Site::Header, true, location, found);
            field(object, "links", Site::Link, true, location, found);
            content(object, location, found);
        }
        Site::Callback => {
            for (expression, item) in object {
                location.push(expression.clone());
                collect_path_item(item, location, found);
                location.pop();
            }
        }
        Site::Example | Site::Link => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn fragments_decode_percent_escapes_then_pointer_escapes() {
        assert_eq!(
            decode_fragment("#/paths/~1pets~1%7Bid%7D/get"),
            Some(vec!["paths".into(), "/pets/{id}".into(), "get".into()])
        );
        assert_eq!(decode_fragment("#/a~01/b%25"), Some(vec!["a~1".into(), "b%".into()]));
        assert_eq!(decode_fragment("#"), Some(vec![]));
        assert_eq!(decode_fragment("other.yaml#/x"), None);
        assert_eq!(decode_fragment("#x"), None);
        // Percent-decoding comes first: an encoded `~1` is still an escaped `/`.
        assert_eq!(decode_fragment("#/a%7E1b"), Some(vec!["a/b".into()]));
        // A `~` that escapes nothing is not a pointer (RFC 6901, section 3).
        assert_eq!(decode_fragment("#/a~2"), None);
    }

    #[test]
    fn a_part_inside_a_schema_becomes_a_component_both_places_share() {
        let mut document = json!({
            "paths": {"/tags": {"get": {"parameters": [
                {"name": "kind", "in": "query", "schema": {"$ref": "#/components/schemas/Tag/allOf/0"}},
                {"$ref": "#/components/parameters/limit"}
            ], "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": "#/components/parameters/limit/schema"}}}}}}}},
            "components": {
                "schemas": {"Tag": {"allOf": [{"type": "string", "enum": ["a"]}, {"description": "d"}]}},
                "parameters": {"limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}}
            }
        });
        let moved = hoist_references(&mut document);
        assert_eq!(document["components"]["schemas"]["TagAllOf0"], json!({"type": "string", "enum": ["a"]}));
        assert_eq!(
            document["components"]["schemas"]["Tag"]["allOf"][0],
            json!({"$ref": "#/components/schemas/TagAllOf0"})
        );
        assert_eq!(document["components"]["schemas"]["Limit"], json!({"type": "integer"}));
        assert_eq!(
            document["components"]["parameters"]["limit"]["schema"],
            json!({"$ref": "#/components/schemas/Limit"})
        );
        let get = &document["paths"]["/tags"]["get"];
        assert_eq!(get["parameters"][0]["schema"], json!({"$ref": "#/components/schemas/TagAllOf0"}));
        assert_eq!(
            get["responses"]["200"]["content"]["application/json"]["schema"],
            json!({"$ref": "#/components/schemas/Limit"})
        );
        let moved_from = |component: &str| moved[&Pointer::from_tokens(["components", "schemas", component])].as_str();
        assert_eq!(moved_from("TagAllOf0"), "/components/schemas/Tag/allOf/0");
        assert_eq!(moved_from("Limit"), "/components/parameters/limit/schema");
    }

    #[test]
    fn nested_targets_move_deepest_first_and_names_do_not_collide() {
        let mut document = json!({
            "components": {"schemas": {
                "A": {"properties": {"b": {"type": "array", "items": {"type": "string"}}}},
                "AB": {"type": "string"},
                "X": {"$ref": "#/components/schemas/A/properties/b"},
                "Y": {"$ref": "#/components/schemas/A/properties/b/items"},
                "Z": {"$ref": "#/components/schemas/A/properties/missing"}
            }}
        });
        hoist_references(&mut document);
        let schemas = &document["components"]["schemas"];
        assert_eq!(schemas["AB2"], json!({"type": "array", "items": {"$ref": "#/components/schemas/ABItems"}}));
        assert_eq!(schemas["ABItems"], json!({"type": "string"}));
        assert_eq!(schemas["X"], json!({"$ref": "#/components/schemas/AB2"}));
        assert_eq!(schemas["Y"], json!({"$ref": "#/components/schemas/ABItems"}));
        // Left as written, for lowering to report.
        assert_eq!(schemas["Z"], json!({"$ref": "#/components/schemas/A/properties/missing"}));
    }

    #[test]
    fn data_that_looks_like_a_reference_is_left_alone() {
        let mut document = json!({"components": {"schemas": {
            "A": {"type": "object", "example": {"$ref": "#/components/schemas/A/example"}, "properties": {}}
        }}});
        let before = document.clone();
        hoist_references(&mut document);
        assert_eq!(document, before);
    }
}

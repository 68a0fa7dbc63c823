//! The only place that turns wire names into Rust identifiers.
//!
//! Names are split into words at every non-alphanumeric character and at case changes
//! (`createdAt`, `HTTPServer`), then joined in the target case. Keywords become raw identifiers
//! (`r#type`) where Rust allows it and get a trailing underscore where it does not (`self_`);
//! a leading digit gets an underscore in front (`_2fa_enabled`).

use proc_macro2::{Ident, Span};

const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super", "_"];

/// Splits a wire name into lowercase-insensitive words.
fn words(wire: &str) -> Vec<String> {
    let mut words = Vec::new();
    for chunk in wire.split(|c: char| !c.is_alphanumeric()).filter(|chunk| !chunk.is_empty()) {
        let chars: Vec<char> = chunk.chars().collect();
        let mut current = String::new();
        for (index, &c) in chars.iter().enumerate() {
            let previous = index.checked_sub(1).map(|i| chars[i]);
            let next = chars.get(index + 1).copied();
            let boundary = match previous {
                None => false,
                Some(p) => {
                    (p.is_lowercase() && c.is_uppercase())
                        || (p.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase))
                        || (p.is_numeric() && c.is_uppercase())
                }
            };
            if boundary && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            current.push(c);
        }
        if !current.is_empty() {
            words.push(current);
        }
    }
    words
}

/// `snake_case` form of a wire name, as a string (not yet checked against keywords).
pub(crate) fn snake_case(wire: &str) -> String {
    let joined = words(wire).iter().map(|w| w.to_lowercase()).collect::<Vec<_>>().join("_");
    if joined.is_empty() { "value".to_owned() } else { joined }
}

/// `UpperCamelCase` form of a wire name, as a string (not yet checked against keywords).
pub(crate) fn upper_camel_case(wire: &str) -> String {
    let mut out = String::new();
    for word in words(wire) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(&chars.as_str().to_lowercase());
        }
    }
    if out.is_empty() { "Value".to_owned() } else { out }
}

/// A valid identifier for `name`: `_` before a leading digit, `r#` before a keyword, `_` after a
/// keyword that cannot be raw. The result is what Rust code spells.
pub(crate) fn sanitize(name: &str) -> String {
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{name}")
    } else if NOT_RAW.contains(&name) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name) {
        format!("r#{name}")
    } else {
        name.to_owned()
    }
}

/// The field or function identifier for a wire name.
pub(crate) fn field_name(wire: &str) -> String {
    sanitize(&snake_case(wire))
}

/// The type or variant identifier for a wire name.
pub(crate) fn type_name(wire: &str) -> String {
    sanitize(&upper_camel_case(wire))
}

/// The name as Rust reads it, without a raw prefix: what serde sees as the field's name.
pub(crate) fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// A type name composed from names that were each made valid alone (`MR1Response` and
/// `_2faEnabled`, `Self_` and `Path`): an underscore a part got (for a leading digit, or after
/// a keyword) is dropped inside the whole, where it no longer guards anything
/// (`MR1Response2faEnabled`, `SelfPath`), so the name stays `UpperCamelCase`. A leading or a
/// trailing one stays.
pub(crate) fn composed_type_name(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    chars
        .iter()
        .enumerate()
        .filter(|(index, c)| {
            let inside = **c == '_'
                && index.checked_sub(1).is_some_and(|before| chars[before].is_alphanumeric())
                && chars.get(index + 1).is_some_and(|after| after.is_alphanumeric());
            !inside
        })
        .map(|(_, c)| *c)
        .collect()
}

/// An `Ident` for a name composed from parts (`{Name}Builder`, `{FIELD}_MAX_LENGTH`): sanitised
/// again, since a part that was valid alone can start the whole with a digit.
pub(crate) fn composed(name: &str) -> Ident {
    ident(&sanitize(unraw(name)))
}

/// An `Ident` for a name produced by this module.
pub(crate) fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

#[cfg(test)]
mod tests {
    use super::{field_name, type_name};

    #[test]
    fn odd_wire_names() {
        let cases = [
            ("type", "r#type", "Type"),
            ("self", "self_", "Self_"),
            ("Self", "self_", "Self_"),
            ("ref", "r#ref", "Ref"),
            ("crate", "crate_", "Crate"),
            ("2fa-enabled", "_2fa_enabled", "_2faEnabled"),
            ("user.message", "user_message", "UserMessage"),
            ("created_at[gte]", "created_at_gte", "CreatedAtGte"),
            ("createdAt", "created_at", "CreatedAt"),
            ("HTTPServer", "http_server", "HttpServer"),
            ("text/plain", "text_plain", "TextPlain"),
            ("managed-agents-2026-04-01", "managed_agents_2026_04_01", "ManagedAgents20260401"),
            ("int32", "int32", "Int32"),
            ("Base64DocumentSource", "base64_document_source", "Base64DocumentSource"),
            ("URLImageSource", "url_image_source", "UrlImageSource"),
            ("", "value", "Value"),
            ("---", "value", "Value"),
        ];
        for (wire, field, ty) in cases {
            assert_eq!((field_name(wire).as_str(), type_name(wire).as_str()), (field, ty), "wire name `{wire}`");
        }
    }

    #[test]
    fn composed_type_names_stay_upper_camel_case() {
        let composed = |parts: &[&str]| super::composed_type_name(&parts.concat());
        assert_eq!(composed(&["MR1Response", &type_name("2fa-enabled")]), "MR1Response2faEnabled");
        assert_eq!(composed(&[&type_name("2fa-enabled"), "Item"]), "_2faEnabledItem");
        assert_eq!(composed(&[&type_name("Self")]), "Self_");
        assert_eq!(composed(&[&type_name("Self"), "Path"]), "SelfPath");
    }

    /// Found by the property tests: identifiers composed from a name that starts with a digit
    /// (`{Type}Builder`, `{FIELD}_MAX_LENGTH`) must be sanitised again, or building them
    /// panics.
    #[test]
    fn names_starting_with_digits_compose_into_valid_identifiers() {
        let spec = "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /x/{id}:
    post:
      operationId: 8things
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [2fa]
              properties:
                2fa: {type: string, maxLength: 3}
      responses:
        '200': {description: ok}
";
        let generated = crate::generate_from_str(spec, "spec.yaml", &crate::Config::default()).expect("generates");
        let files = generated.crate_files().expect("formats");
        assert!(files["builders.rs"].contains("pub struct _8thingsBodyBuilder"), "{}", files["builders.rs"]);
        assert!(files["validate.rs"].contains("pub const _2FA_MAX_LENGTH: usize = 3;"), "{}", files["validate.rs"]);
    }
}

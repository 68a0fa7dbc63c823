//! The `Link` response header (RFC 8288), which APIs that page by links (GitHub's) name the next
//! page in: the part of the operations runtime only crates with such an operation carry.
//!
//! Copied verbatim into the generated crate as `operations/links.rs`; the generated operations
//! call [`next_link_parameter`] from their `Paginated::next_request`.

/// The query parameter `name` of the URL that the response's `Link` headers (RFC 8288) give the
/// relation `next`, percent-decoded: where an API that pages by links says what the next request
/// asks for. `None` when no link is `next` (the last page) or its URL has no such parameter.
pub(crate) fn next_link_parameter(headers: &http::HeaderMap, name: &str) -> Option<String> {
    let next = headers
        .get_all(http::header::LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(links)
        .find_map(|(target, parameters)| is_next(parameters).then_some(target))?;
    let query = next.split_once('?')?.1;
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(key)? == name).then(|| percent_decode(value)).flatten()
    })
}
/// Each link of a `Link` header's value: its target (between `<` and `>`) and the text of its
/// parameters (up to the next link).
fn links(value: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = value;
    core::iter::from_fn(move || {
        let start = rest.find('<')?;
        let end = start + rest[start..].find('>')?;
        let target = &rest[start + 1..end];
        let after = &rest[end + 1..];
        let parameters_end = after.find('<').unwrap_or(after.len());
        rest = &after[parameters_end..];
        Some((target, &after[..parameters_end]))
    })
}
/// Whether a link's parameters (`; rel="next"`, `; rel="prev next"`) hold the relation `next`.
fn is_next(parameters: &str) -> bool {
    parameters.split(';').filter_map(|parameter| parameter.split_once('=')).any(|(key, value)| {
        key.trim().eq_ignore_ascii_case("rel")
            && value
                .trim()
                .trim_end_matches(',')
                .trim()
                .trim_matches('"')
                .split_ascii_whitespace()
                .any(|relation| relation.eq_ignore_ascii_case("next"))
    })
}
/// A URL query's component, `+` as a space and `%XX` as its byte; `None` if the bytes are not
/// UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, after)) = rest.split_first() {
        let hex = |digit: u8| char::from(digit).to_digit(16);
        match (byte, after) {
            (b'%', [high, low, tail @ ..]) if hex(*high).is_some() && hex(*low).is_some() => {
                bytes.push(u8::try_from(hex(*high)? * 16 + hex(*low)?).ok()?);
                rest = tail;
            }
            _ => {
                bytes.push(if byte == b'+' { b' ' } else { byte });
                rest = after;
            }
        }
    }
    String::from_utf8(bytes).ok()
}

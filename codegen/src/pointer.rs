//! JSON pointers (RFC 6901): where a node sits in the input document.
//!
//! Every stage names nodes this way: the loader for a node serde could not read, lowering for a
//! schema, an operation or a name it had to change, the command line to find a diagnostic's line
//! in the text. A key of the document may hold `/` or `~` (every path does: `/pets/{id}`), so a
//! pointer is not its tokens joined with `/`: RFC 6901 writes `~` as `~0` and `/` as `~1` inside
//! a token. [`Pointer`] holds the escaped text and is built only from raw tokens ([`Pointer::push`],
//! [`Pointer::join`]) or from text checked to be a pointer ([`Pointer::parse`]), so a pointer is
//! escaped exactly once, here, and two pointers to one node are equal.
//!
//! A `$ref` names its target as a URI fragment (`#/components/schemas/Pet`); reading one
//! (percent-decoding, then [`Pointer::parse`]) is the business of the `references` module.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

/// A JSON pointer (RFC 6901) into the input document.
///
/// Ordered, compared and hashed by its escaped text, so a sorted list of findings is ordered as
/// their pointers read. Shown (`Display`) as the URI fragment a reader knows from `$ref`s:
/// `#/paths/~1pets/get`.
///
/// ```
/// let pointer = codegen::Pointer::root().join("paths").join("/pets/{id}").join("get");
/// assert_eq!(pointer.as_str(), "/paths/~1pets~1{id}/get");
/// assert_eq!(pointer.to_string(), "#/paths/~1pets~1{id}/get");
/// assert_eq!(pointer.tokens().collect::<Vec<_>>(), ["paths", "/pets/{id}", "get"]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pointer {
    /// The escaped text: empty for the whole document, otherwise `/` before every token.
    escaped: String,
}

impl Pointer {
    /// The pointer to the whole document (the empty pointer).
    #[must_use]
    pub const fn root() -> Self {
        Self { escaped: String::new() }
    }

    /// The pointer made of `tokens`, each a raw key or index.
    #[must_use]
    pub fn from_tokens<T: fmt::Display>(tokens: impl IntoIterator<Item = T>) -> Self {
        let mut pointer = Self::root();
        for token in tokens {
            pointer.push(token);
        }
        pointer
    }

    /// Reads the escaped text of a pointer (`/paths/~1pets/get`, or the empty text for the whole
    /// document); `None` when it is not one: it does not start with `/`, or a `~` is followed by
    /// something other than `0` or `1`, which RFC 6901 makes an error.
    #[must_use]
    pub fn parse(escaped: &str) -> Option<Self> {
        if !(escaped.is_empty() || escaped.starts_with('/')) {
            return None;
        }
        let mut rest = escaped;
        while let Some(at) = rest.find('~') {
            rest = &rest[at + 1..];
            if !(rest.starts_with('0') || rest.starts_with('1')) {
                return None;
            }
        }
        Some(Self { escaped: escaped.to_owned() })
    }

    /// Appends one raw token (a key or an index), escaping `~` and `/` in it.
    pub fn push(&mut self, token: impl fmt::Display) {
        self.escaped.push('/');
        // Writing into the escaping writer cannot fail: it only appends to a `String`.
        let _ = write!(Escaping(&mut self.escaped), "{token}");
    }

    /// This pointer with one more raw token.
    #[must_use]
    pub fn join(&self, token: impl fmt::Display) -> Self {
        let mut child = self.clone();
        child.push(token);
        child
    }

    /// The raw tokens, unescaped: `~1` to `/`, then `~0` to `~`, the order RFC 6901 requires
    /// (so `~01` is the token `~1`, not `/`).
    pub fn tokens(&self) -> impl Iterator<Item = Cow<'_, str>> {
        self.escaped.split('/').skip(1).map(|token| {
            if token.contains('~') {
                Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(token)
            }
        })
    }

    /// The pointer to the node that holds this one; `None` for the whole document.
    #[must_use]
    pub fn parent(&self) -> Option<Self> {
        let (parent, _) = self.escaped.rsplit_once('/')?;
        Some(Self { escaped: parent.to_owned() })
    }

    /// Whether this is the pointer to the whole document.
    #[must_use]
    pub fn is_root(&self) -> bool {
        self.escaped.is_empty()
    }

    /// The escaped text, as RFC 6901 writes it (`/paths/~1pets/get`; empty for the whole
    /// document): what `serde_json::Value::pointer` reads.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.escaped
    }

    /// The in-document reference to this node (`#/components/schemas/Pet`; `#` for the whole
    /// document), as a `$ref` writes it, without percent-encoding.
    #[must_use]
    pub fn to_reference(&self) -> String {
        format!("#{}", self.escaped)
    }
}

/// The URI fragment form, as diagnostics show it: `#/paths/~1pets/get`. The whole document is
/// shown as `#/`, which reads as "the top" (only a `$ref` needs the exact `#`, which
/// [`Pointer::to_reference`] gives).
impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", if self.is_root() { "/" } else { &self.escaped })
    }
}

/// A pointer given by reference is copied, so constructors can take `impl Into<Pointer>`.
impl From<&Pointer> for Pointer {
    fn from(pointer: &Pointer) -> Self {
        pointer.clone()
    }
}

/// Compares the escaped text: `pointer == "/paths/~1pets/get"`.
impl PartialEq<str> for Pointer {
    fn eq(&self, other: &str) -> bool {
        self.escaped == other
    }
}

/// Compares the escaped text: `pointer == "/paths/~1pets/get"`.
impl PartialEq<&str> for Pointer {
    fn eq(&self, other: &&str) -> bool {
        self.escaped == *other
    }
}

/// A writer that escapes what it is given as one reference token.
struct Escaping<'a>(&'a mut String);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for c in text.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Pointer;

    /// Raw tokens and the escaped text they make, both ways.
    const ROUND_TRIPS: &[(&[&str], &str)] = &[
        (&[], ""),
        (&[""], "/"),
        (&["", ""], "//"),
        (&["paths", "/pets", "get"], "/paths/~1pets/get"),
        (&["a~b"], "/a~0b"),
        (&["~1"], "/~01"),
        (&["~0"], "/~00"),
        (&["/~"], "/~1~0"),
        (&["~/"], "/~0~1"),
        (&["~~//"], "/~0~0~1~1"),
        (&["100%", "%7B", "%25"], "/100%/%7B/%25"),
        (&["/pets/{id}", "200"], "/~1pets~1{id}/200"),
        (&["é", "€ 1"], "/é/€ 1"),
    ];

    #[test]
    fn tokens_escape_once_and_unescape_in_the_order_rfc_6901_requires() {
        for (tokens, escaped) in ROUND_TRIPS {
            let built = Pointer::from_tokens(tokens.iter());
            assert_eq!(built.as_str(), *escaped, "built from {tokens:?}");
            let parsed = Pointer::parse(escaped).unwrap_or_else(|| panic!("`{escaped}` is a pointer"));
            assert_eq!(parsed, built, "`{escaped}` read back");
            assert_eq!(parsed.tokens().collect::<Vec<_>>(), *tokens, "tokens of `{escaped}`");
        }
    }

    #[test]
    fn text_that_is_not_a_pointer_is_refused() {
        for text in ["paths", "#/paths", "/a~", "/a~2", "/~/x", "/a~b"] {
            assert_eq!(Pointer::parse(text), None, "`{text}`");
        }
    }

    #[test]
    fn push_and_join_take_indices_and_keys_alike() {
        let mut pointer = Pointer::root();
        pointer.push("allOf");
        pointer.push(0);
        assert_eq!(pointer, "/allOf/0");
        assert_eq!(pointer.join("a/b"), "/allOf/0/a~1b");
        // `join` leaves the pointer it extends as it was.
        assert_eq!(pointer, "/allOf/0");
    }

    #[test]
    fn a_parent_drops_the_last_token_escaped_or_not() {
        let pointer = Pointer::from_tokens(["paths", "/pets", "get"]);
        let parent = pointer.parent().expect("has a parent");
        assert_eq!(parent, "/paths/~1pets");
        assert_eq!(parent.parent().and_then(|p| p.parent()), Some(Pointer::root()));
        assert_eq!(Pointer::root().parent(), None);
        assert_eq!(Pointer::from_tokens([""]).parent(), Some(Pointer::root()));
    }

    #[test]
    fn shown_as_the_fragment_diagnostics_print() {
        assert_eq!(Pointer::from_tokens(["paths", "/pets", "get"]).to_string(), "#/paths/~1pets/get");
        assert_eq!(Pointer::root().to_string(), "#/");
        assert_eq!(Pointer::root().to_reference(), "#");
        assert_eq!(Pointer::from_tokens(["components", "schemas", "a/b"]).to_reference(), "#/components/schemas/a~1b");
    }

    #[test]
    fn ordered_by_the_escaped_text() {
        let mut pointers = [
            Pointer::from_tokens(["paths", "/b"]),
            Pointer::from_tokens(["info"]),
            Pointer::root(),
            Pointer::from_tokens(["paths", "/a", "get"]),
            Pointer::from_tokens(["paths", "~"]),
        ];
        pointers.sort();
        let texts: Vec<&str> = pointers.iter().map(Pointer::as_str).collect();
        let mut expected = texts.clone();
        expected.sort_unstable();
        assert_eq!(texts, expected);
        assert_eq!(texts[0], "");
    }
}

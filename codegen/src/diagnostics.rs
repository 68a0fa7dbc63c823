//! Errors and warnings about the input document, each tied to the JSON pointer it concerns.

use std::fmt;

use crate::Pointer;

/// How serious a [`Diagnostic`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The generator produced code, but less precise code than the spec asks for.
    Warning,
    /// The generator cannot produce correct code until the input changes.
    Error,
}

/// What kind of imprecision a warning reports, for tools that count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum Category {
    /// Anything else.
    #[default]
    Other,
    /// A part of the document typed as `serde_json::Value`: its users get no help from types.
    Untyped(Untyped),
    /// A mistake of the document that the generator corrected because its intent is plain (a
    /// path template variable no parameter declares, a path parameter not marked required): the
    /// generated code follows the corrected reading. With [`Config::strict`](crate::Config::strict)
    /// each is an error instead.
    Recovered,
}

/// Why a part of the document is typed as `serde_json::Value`: what tools group those warnings by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Untyped {
    /// A `not` schema: Rust has no type for "anything but".
    Not,
    /// Keywords that together name no Rust type (`type: number` with object `properties`, say).
    Keywords,
    /// An `allOf` whose parts are objects and non-objects at once.
    MixedAllOf,
    /// A union with no members.
    EmptyUnion,
    /// A union whose members no rule tells apart (they share a JSON kind, no tag, and the rule
    /// for unions without a tag picks the wrong member for some member's value).
    IndistinctUnion,
    /// A tagged union's member that is not an object.
    NonObjectMember,
}

impl Untyped {
    /// What the warning says, before its details.
    #[must_use]
    pub fn message(self) -> &'static str {
        match self {
            Self::Not => "`not` schemas cannot be expressed as a Rust type",
            Self::Keywords => "this combination of keywords has no precise Rust type",
            Self::MixedAllOf => "the parts of this `allOf` are not all objects, so they cannot be merged",
            Self::EmptyUnion => "a union with no members",
            Self::IndistinctUnion => "the members of this union cannot be told apart",
            Self::NonObjectMember => "a union member that is not an object",
        }
    }

    /// A short label for a table of counts (`indistinct union`).
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Not => "`not` schema",
            Self::Keywords => "keywords with no Rust type",
            Self::MixedAllOf => "`allOf` of objects and non-objects",
            Self::EmptyUnion => "union without members",
            Self::IndistinctUnion => "union members no rule tells apart",
            Self::NonObjectMember => "tagged union member not an object",
        }
    }
}

/// One finding about the input document.
///
/// Messages follow the Rust compiler's style: lowercase, no trailing period, the offending name in
/// backticks; the hint, when there is one, says how to fix the input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// How serious the finding is.
    pub severity: Severity,
    /// Where the offending node is, for example
    /// `/components/schemas/Deployment/properties/agent`; the root for the whole document.
    pub pointer: Pointer,
    /// What is wrong.
    pub message: String,
    /// What to do about it, if the generator knows.
    pub hint: Option<String>,
    /// The 1-based line and column in the document's text, when the finding came from reading
    /// the text (a syntax error). Others are placed by their pointer: the command line finds it
    /// in the text and shows the line.
    pub location: Option<(usize, usize)>,
    /// What kind of finding it is.
    pub category: Category,
    /// The document the pointer and location are in, when it is not the spec: an overlay
    /// ([`crate::Overlay`]), named as it was given (its origin).
    pub document: Option<Box<str>>,
}

impl Diagnostic {
    /// An error at `pointer`.
    pub fn error(pointer: impl Into<Pointer>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            pointer: pointer.into(),
            message: message.into(),
            hint: None,
            location: None,
            category: Category::Other,
            document: None,
        }
    }

    /// A warning at `pointer`.
    pub fn warning(pointer: impl Into<Pointer>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            pointer: pointer.into(),
            message: message.into(),
            hint: None,
            location: None,
            category: Category::Other,
            document: None,
        }
    }

    /// A warning that the mistake at `pointer` was read past, as its intent is plain
    /// ([`Category::Recovered`]); its hint says how it was read.
    pub(crate) fn recovered(pointer: impl Into<Pointer>, message: impl Into<String>) -> Self {
        Self { category: Category::Recovered, ..Self::warning(pointer, message) }
    }

    /// A warning that the node at `pointer` is typed as `serde_json::Value`, why, and, if there
    /// is more to say, the details.
    pub fn untyped(pointer: impl Into<Pointer>, reason: Untyped, details: Option<&str>) -> Self {
        let why = reason.message();
        let message = match details {
            Some(details) => format!("typed as `serde_json::Value`: {why}: {details}"),
            None => format!("typed as `serde_json::Value`: {why}"),
        };
        Self { category: Category::Untyped(reason), ..Self::warning(pointer, message) }
    }

    /// The same finding at a 1-based line and column of the text.
    #[must_use]
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.location = Some((line, column));
        self
    }

    /// The same finding, in the document named `origin` (an overlay) rather than the spec.
    #[must_use]
    pub fn in_document(mut self, origin: &str) -> Self {
        self.document = Some(origin.into());
        self
    }

    /// The same finding with a hint on how to fix it.
    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        let document = self.document.as_deref().unwrap_or_default();
        write!(f, "{label}: {}\n  --> {document}{}", self.message, self.pointer)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
}

/// Every finding of one run, errors and warnings together, in a stable order.
///
/// Returned as the error of the generator's entry points when at least one finding is an
/// [`Severity::Error`]; warnings alone travel with the successful output instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Whether any finding is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// The findings, sorted by document (the spec's first, then each overlay's), pointer, severity
    /// and message, without duplicates.
    #[must_use]
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }

    /// Whether there are no findings.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorts the findings so reports do not depend on traversal order.
    pub(crate) fn finish(mut self) -> Self {
        // The spec's findings first, then each overlay's.
        self.items.sort_by(|a, b| {
            (&a.document, &a.pointer, a.severity, &a.message).cmp(&(&b.document, &b.pointer, b.severity, &b.message))
        });
        self.items.dedup();
        self
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(items: I) -> Self {
        Self { items: items.into_iter().collect() }
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, item) in self.items.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{item}")?;
        }
        let errors = self.items.iter().filter(|d| d.severity == Severity::Error).count();
        let warnings = self.items.len() - errors;
        if !self.items.is_empty() {
            writeln!(f)?;
        }
        write!(f, "{errors} error(s), {warnings} warning(s)")
    }
}

impl std::error::Error for Diagnostics {}

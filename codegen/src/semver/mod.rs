//! What a spec change does to the generated crate's public API, and the version bump it needs.
//!
//! Both documents are loaded and lowered (not emitted: the IR already says every name, type and
//! field the emitters print), each IR is read into the API a downstream crate sees
//! (`surface.rs`: types with their fields, variants and `pub const` limits, operations with their
//! request fields and response types, client methods, cargo features), and the two are compared
//! item by item (`diff.rs`). Each [`Change`] names the Rust item, says what happened to it with
//! the Rust types before and after, carries the JSON pointer of the spec node that caused it (in
//! the new document, or in the old one for a removal) and a [`Class`]; the [`Report`]'s
//! [`Bump`] is the largest any change needs.
//!
//! # Classification
//!
//! The rules are the Cargo book's chapter on semver compatibility applied to what the generator
//! emits today, whose conventions decide most of them:
//!
//! - Structs have public fields and are all `#[non_exhaustive]` (the types, the parameter
//!   structs, each operation's request type: `ir::STRUCTS_NON_EXHAUSTIVE`), so no code
//!   outside the crate builds one with a struct literal or destructures it without `..`. It
//!   builds a request-side struct with something to set through its typestate builder
//!   (`builders::…Builder`; every such struct has one), one with nothing to set as `Default`
//!   plus field assignment, an operation's request through its `new` (whose arguments, the
//!   client method's too, are the required parameters and the body), and only reads the rest
//!   (received ones).
//! - Open enums and unions (those with `Other` or `Unknown`, which keep at run time what the
//!   spec does not list: every enum and union the server sends) are `#[non_exhaustive]`, so a
//!   `match` outside the crate has a `_` arm and a value or member the spec adds is an addition.
//!   Closed ones (sent only by clients, or closed by the spec) and the enums by status are not:
//!   there a new variant breaks an exhaustive `match`.
//!
//! | Change | Class | Why |
//! |---|---|---|
//! | type, operation, client method, builder, cargo feature, limit constant added | additive | a new public item |
//! | any of them removed | breaking | code naming it stops compiling |
//! | field added, required, to a struct a builder builds; a required parameter, a body, or a parameter struct with a required parameter, added to a request | breaking | `build()` does not compile until it is set; the request's `new` (and the client's method) takes another argument |
//! | the arguments of a request's `new` changed (added, removed, retyped, reordered) | breaking | every call of `new`, and of the client's method, stops compiling |
//! | field added, optional (or required, to a struct only received); a parameter struct without a required parameter, or `content_type`, added to a request | additive | the struct is `#[non_exhaustive]`: no struct literal or exhaustive pattern outside the crate; builders, `new` and `Default` leave the field unset |
//! | a struct made `#[non_exhaustive]` / no longer so (never between two of the generator's outputs) | breaking / additive | the Cargo book's `attr-adding-non-exhaustive`; on an exhaustive struct every field added is breaking |
//! | field removed, or its Rust type changed | breaking | |
//! | field made required / optional / nullable / not nullable, its Rust type changing (`Option<T>` -> `T`) | breaking | |
//! | the same, the Rust type staying `Option<T>` (optional <-> required and nullable) | warning | `None` is sent as `null` instead of left out, or back |
//! | enum value or union member added to an open (`#[non_exhaustive]`) enum or union | additive | every `match` outside the crate already has a `_` arm; the value was read as `Other` (`Unknown`) before |
//! | enum value or union member added to a closed one, status added to an enum by status, media type added to a request with several | breaking | an exhaustive `match` stops compiling |
//! | enum or union made open (gains `Other`/`Unknown`) or closed | breaking | a variant is added or removed |
//! | variant renamed, or what it holds changed | breaking | |
//! | a request gains a second media type | additive | the request gains a `content_type` field and its enum, which its builder and the client start at the preferred media type |
//! | limit added or narrowed (`maxLength` lower, `pattern` changed) | warning | `validate` may reject what it accepted; a new limit's `pub const` is also reported as additive |
//! | limit widened or removed | none | what was valid stays valid; a removed limit's `pub const` is reported as breaking |
//! | method or path of an operation changed | warning | the same type sends another request |
//! | a type compiled by fewer resource features, an operation moved to another feature | breaking | a build with only the feature it left no longer has it (an ungated type counts as compiled by every feature: a build with none has no operation) |
//! | property renamed on the wire, its Rust name the same | warning | the same field is another key of the payload |
//! | a status documented or undocumented on a side that has one type | warning | it is read as its type instead of `ResponseError::Undocumented`, or back |
//!
//! Renames are a removal and an addition; a hint pairs them when the shapes match.
//!
//! ## A new optional field of a request struct
//!
//! The issue asked for this to be additive when users cannot build the struct with a struct
//! literal, and left how to the generator. Every struct it emits is `#[non_exhaustive]`, which
//! the Cargo book names as the mitigation for `struct-add-public-field-when-no-private` (a
//! public field added to a struct without private fields is major): outside the crate, a
//! request-side struct is built by its builder, whose optional setters a new field does not
//! change, or as `Default` plus field assignment; so the field is additive. A new *required*
//! field stays breaking on a struct a builder builds: the builder gains a type parameter that
//! starts `Missing`, and `build()` does not compile until the new setter is called. Open enums
//! and unions were already `#[non_exhaustive]` for the same reason, for `match`.
//!
//! # Versions
//!
//! [`Bump`] follows Cargo's rule for `0.y.z` crates: there, `y` is the major number (a breaking
//! change needs `0.2.0` after `0.1.3`) and `z` the minor one (an addition needs `0.1.4`); in
//! `0.0.z` every release is breaking. [`Bump::next`] is the smallest version after an old one
//! that allows a bump, [`Bump::allows`] whether a chosen one does.

mod diff;
mod surface;

use std::fmt::{self, Write as _};

use crate::Pointer;

/// How a change affects code written against the old crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Code that compiled against the old crate may not compile against the new one.
    Breaking,
    /// A new public item; code that compiled still compiles.
    Additive,
    /// Code still compiles, and does something else at run time (a limit that rejects more, a
    /// request sent elsewhere).
    Warning,
    /// No effect on code that compiled, or only a wider acceptance (a limit widened).
    None,
}

impl Class {
    /// How the class is written in reports: `breaking`, `additive`, `warning`, `none`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Breaking => "breaking",
            Self::Additive => "additive",
            Self::Warning => "warning",
            Self::None => "none",
        }
    }

    /// The version bump a change of this class needs.
    #[must_use]
    pub fn bump(self) -> Bump {
        match self {
            Self::Breaking => Bump::Major,
            Self::Additive => Bump::Minor,
            Self::Warning | Self::None => Bump::Patch,
        }
    }
}

/// Which of the two documents a change's pointer is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Spec {
    /// The document compared against (for what was removed).
    Old,
    /// The document generated from.
    New,
}

impl Spec {
    /// `old` or `new`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Old => "old",
            Self::New => "new",
        }
    }
}

/// One change to the generated crate's public API.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Change {
    /// Breaking, additive, a warning, or nothing to worry about.
    pub class: Class,
    /// The Rust item it touches, by the path a user names it with (``Deployment` field
    /// `schedule``, `operations::ListPets`, `client::Pets::list`).
    pub item: String,
    /// What happened to it, with the Rust types before and after where they help.
    pub change: String,
    /// Which document [`pointer`](Self::pointer) is in.
    pub spec: Spec,
    /// The spec node that caused it.
    pub pointer: Pointer,
    /// What a maintainer may want to know besides (a likely rename, who is unaffected).
    pub hint: Option<String>,
}

/// The smallest version bump a set of changes needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Nothing in the public API changed.
    None,
    /// `x.y.z+1`.
    Patch,
    /// `x.y+1.0`, or `0.y.z+1` for a `0.y` crate.
    Minor,
    /// `x+1.0.0`, or `0.y+1.0` for a `0.y` crate.
    Major,
}

impl Bump {
    /// `none`, `patch`, `minor`, `major`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Patch => "patch",
            Self::Minor => "minor",
            Self::Major => "major",
        }
    }

    /// The smallest version after `old` that this bump allows (`old` itself for no bump).
    #[must_use]
    pub fn next(self, old: Version) -> Version {
        let Version { major, minor, patch } = old;
        match (self, major, minor) {
            (Self::None, ..) => old,
            (Self::Patch, ..) | (Self::Minor | Self::Major, 0, 0) | (Self::Minor, 0, _) => {
                Version { major, minor, patch: patch + 1 }
            }
            (Self::Minor, ..) | (Self::Major, 0, _) => Version { major, minor: minor + 1, patch: 0 },
            (Self::Major, ..) => Version { major: major + 1, minor: 0, patch: 0 },
        }
    }

    /// Whether going from `old` to `new` is bump enough, by Cargo's rules: a breaking change
    /// needs a version Cargo does not consider compatible, an addition a higher minor number
    /// (any higher version of a `0.y` crate), anything else a higher version.
    #[must_use]
    pub fn allows(self, old: Version, new: Version) -> bool {
        let compatible = match (old.major, old.minor) {
            (0, 0) => new == old,
            (0, minor) => new.major == 0 && new.minor == minor,
            (major, _) => new.major == major,
        };
        match self {
            Self::None => new >= old,
            Self::Patch => new > old,
            Self::Minor if old.major == 0 => new > old,
            Self::Minor => (new.major, new.minor) > (old.major, old.minor),
            Self::Major => new > old && !compatible,
        }
    }
}

/// A crate version, `major.minor.patch` (pre-release and build suffixes are not read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// The first number.
    pub major: u64,
    /// The second number.
    pub minor: u64,
    /// The third number.
    pub patch: u64,
}

impl std::str::FromStr for Version {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let numbers: Vec<Option<u64>> = text.trim().split('.').map(|part| part.parse().ok()).collect();
        match numbers.as_slice() {
            [Some(major), Some(minor), Some(patch)] => Ok(Self { major: *major, minor: *minor, patch: *patch }),
            _ => Err(format!("`{text}` is not a version of the form X.Y.Z")),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// A version bump checked against the report: the released version and the one chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gate {
    /// The version the old document was released as.
    pub old: Version,
    /// The version the new one is to be released as.
    pub new: Version,
}

/// Every change between two documents' crates, and the bump they need.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    changes: Vec<Change>,
}

impl Report {
    pub(crate) fn between(old: &crate::ir::Ir, new: &crate::ir::Ir) -> Self {
        let mut changes = diff::diff(&surface::Surface::of(old), &surface::Surface::of(new));
        // Breaking first; within a class, in the order the crate's items were compared.
        changes.sort_by_key(|change| change.class);
        Self { changes }
    }

    /// The changes, breaking first.
    #[must_use]
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The largest bump a change needs; [`Bump::None`] when nothing changed.
    #[must_use]
    pub fn bump(&self) -> Bump {
        self.changes.iter().map(|change| change.class.bump()).max().unwrap_or(Bump::None)
    }

    /// Whether `gate` bumps the version enough.
    #[must_use]
    pub fn allows(&self, gate: Gate) -> bool {
        self.bump().allows(gate.old, gate.new)
    }

    /// The report as text, a line per change (and one per hint), then the verdict; `line` finds
    /// the line of a pointer in either document.
    pub fn render_text(&self, line: &dyn Fn(Spec, &Pointer) -> Option<usize>, gate: Option<Gate>) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let at = line(change.spec, &change.pointer).map(|line| format!(" (line {line})")).unwrap_or_default();
            let _ = writeln!(
                out,
                "{}: {} {} — {} spec: {}{at}",
                change.class.as_str(),
                change.item,
                change.change,
                change.spec.as_str(),
                change.pointer
            );
            if let Some(hint) = &change.hint {
                let _ = writeln!(out, "  hint: {hint}");
            }
        }
        let count = |class: Class| self.changes.iter().filter(|change| change.class == class).count();
        let _ = writeln!(
            out,
            "{} breaking, {} additive, {} warning(s), {} without effect: minimum bump: {}",
            count(Class::Breaking),
            count(Class::Additive),
            count(Class::Warning),
            count(Class::None),
            self.bump().as_str()
        );
        if let Some(gate) = gate {
            out.push_str(&self.verdict(gate));
            out.push('\n');
        }
        out
    }

    /// One line: whether the version chosen is bump enough, and if not, the smallest that is.
    #[must_use]
    pub fn verdict(&self, gate: Gate) -> String {
        let bump = self.bump();
        if self.allows(gate) && bump == Bump::None {
            format!("version {} -> {}: the public API is unchanged", gate.old, gate.new)
        } else if self.allows(gate) {
            format!("version {} -> {}: enough for a {} bump", gate.old, gate.new, bump.as_str())
        } else {
            format!(
                "error: version {} -> {} is not enough: a {} bump needs at least {}",
                gate.old,
                gate.new,
                bump.as_str(),
                bump.next(gate.old)
            )
        }
    }

    /// The changes as a section of a `CHANGELOG.md` headed `## {heading}`, grouped: Breaking
    /// (breaking changes to what stays), Removed (what the old spec had and the new one does not),
    /// Added, Changed (what behaves otherwise, or accepts more). Empty when nothing changed.
    #[must_use]
    pub fn changelog_section(&self, heading: &str) -> String {
        let group = |title: &str, keep: &dyn Fn(&Change) -> bool| {
            let entries: Vec<String> = self.changes.iter().filter(|change| keep(change)).map(changelog_entry).collect();
            if entries.is_empty() { String::new() } else { format!("### {title}\n\n{}\n\n", entries.join("\n")) }
        };
        let groups = [
            group("Breaking", &|change| change.class == Class::Breaking && change.spec == Spec::New),
            group("Removed", &|change| change.spec == Spec::Old),
            group("Added", &|change| change.class == Class::Additive && change.spec == Spec::New),
            group("Changed", &|change| {
                matches!(change.class, Class::Warning | Class::None) && change.spec == Spec::New
            }),
        ]
        .concat();
        if groups.is_empty() { String::new() } else { format!("## {heading}\n\n{groups}") }
    }

    /// The report as JSON, for tools: `{"bump", "changes": [{"class", "item", "change", "spec",
    /// "pointer", "line", "hint"}], "gate": {"old", "new", "allowed", "needs"}}` (`gate` only
    /// when a version was checked).
    pub fn render_json(&self, line: &dyn Fn(Spec, &Pointer) -> Option<usize>, gate: Option<Gate>) -> String {
        let changes: Vec<serde_json::Value> = self
            .changes
            .iter()
            .map(|change| {
                serde_json::json!({
                    "class": change.class.as_str(),
                    "item": change.item,
                    "change": change.change,
                    "spec": change.spec.as_str(),
                    "pointer": change.pointer.to_string(),
                    "line": line(change.spec, &change.pointer),
                    "hint": change.hint,
                })
            })
            .collect();
        let mut report = serde_json::json!({ "bump": self.bump().as_str(), "changes": changes });
        if let Some(gate) = gate {
            report["gate"] = serde_json::json!({
                "old": gate.old.to_string(),
                "new": gate.new.to_string(),
                "allowed": self.allows(gate),
                "needs": self.bump().next(gate.old).to_string(),
            });
        }
        let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// One line of a changelog: the item's path in code style (`` `Pet` field `name` ``), what
/// happened, and the spec node.
fn changelog_entry(change: &Change) -> String {
    let item = match change.item.split_once(' ') {
        _ if change.item.starts_with("cargo feature") => change.item.clone(),
        Some((path, rest)) => format!("`{path}` {rest}"),
        None => format!("`{}`", change.item),
    };
    format!("- {item} {} ({} spec: `{}`)", change.change, change.spec.as_str(), change.pointer)
}

#[cfg(test)]
mod tests;

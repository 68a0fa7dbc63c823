//! The states of a builder's required field, `Missing` until its setter makes it `Set<T>`, and
//! the two checks every builder's required fields share, `IsSet` and `IsUnset`.
//!
//! A builder has one type parameter per required field. `build()` bounds each by
//! `IsSet<Built, Field>` and the field's setter bounds it by `IsUnset<Built, Field>`, where
//! `Built` is the type built and `Field` the generated marker of the field
//! (`builders::fields::deployment_id`, one uninhabited type per field name, shared by every
//! builder). The traits' `#[diagnostic::on_unimplemented]` messages print both parameters, so a
//! missing field reads "`CreatePet` is missing its required `name`" and one set twice "`name` of
//! `CreatePet` is already set". One pair of traits serves every field of every builder: a
//! builder writes no per-field trait of its own, only its bounds.
//!
//! The compiler prints a type by its bare name when no other public item of that name is in the
//! crate being compiled or its direct dependencies (and the type is not `#[doc(hidden)]`), and
//! by its full path otherwise (`generated::builders::fields::body`): either way the message
//! names the field.
//!
//! Copied verbatim into every generated crate with builders as `builders/runtime.rs`; the
//! generated `builders` module re-exports it.

/// A required field that is not set yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Missing;

/// A required field that is set.
#[derive(Debug, Clone)]
pub struct Set<T>(pub(crate) T);

/// The state of a required field that `build()` can read: only `Set<T>`.
#[diagnostic::on_unimplemented(
    message = "`{Built}` is missing its required `{Field}`",
    label = "`{Field}` is not set",
    note = "call `.{Field}(...)` before `.build()`"
)]
pub trait IsSet<Built, Field> {
    /// The field's value.
    type Value;

    /// The value set.
    fn value(self) -> Self::Value;
}

// Not recommended: the message says what to do, and "`Set<T>` implements it" would say it again
// in the compiler's words.
#[diagnostic::do_not_recommend]
impl<Built, Field, T> IsSet<Built, Field> for Set<T> {
    type Value = T;

    fn value(self) -> T {
        self.0
    }
}

/// The state of a required field that its setter accepts: only `Missing`.
#[diagnostic::on_unimplemented(message = "`{Field}` of `{Built}` is already set", label = "`{Field}` was set before")]
pub trait IsUnset<Built, Field> {}

#[diagnostic::do_not_recommend]
impl<Built, Field> IsUnset<Built, Field> for Missing {}

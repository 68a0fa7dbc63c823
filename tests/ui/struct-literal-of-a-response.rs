use generated::{ExtraFields, NotFoundError};

// A struct the server sends is read, not built: it is `#[non_exhaustive]` like every other.
fn main() {
    let _ = NotFoundError { message: "gone".to_owned(), extra_fields: ExtraFields::new() };
}

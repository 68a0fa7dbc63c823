// features: pets
// Built with the `pets` feature alone, which compiled every type the old crate had.
pub fn id(store: &api::Store) -> &str {
    &store.id
}

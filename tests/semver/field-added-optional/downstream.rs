// A request body built through its builder, as a careful user writes it (the struct is
// `#[non_exhaustive]`, so no struct literal compiles outside the crate), and a received one
// destructured with `..`: neither names every field, so an optional field added breaks neither.
pub fn new_pet() -> api::NewPet {
    api::NewPet::builder().name("Rex").kind(api::Kind::Dog).build()
}

pub fn name(pet: &api::Pet) -> &str {
    let api::Pet { name, .. } = pet;
    name
}

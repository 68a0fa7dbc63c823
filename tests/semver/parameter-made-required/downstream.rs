// The listing made by its request's `new`, which takes what the request cannot be sent without:
// a parameter made required becomes an argument, so a call without it stops compiling.
pub fn list() -> api::operations::ListPets {
    api::operations::ListPets::new()
}

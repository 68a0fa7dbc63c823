// A request body built with a struct literal, as the old crate allows.
pub fn new_pet() -> api::NewPet {
    api::NewPet { name: "Rex".to_owned(), kind: None }
}

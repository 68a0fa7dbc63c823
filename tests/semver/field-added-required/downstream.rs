// A request body built through its builder: `build()` compiles once every required field is
// set, so a required field added stops it compiling until the new setter is called.
pub fn new_pet() -> api::NewPet {
    api::NewPet::builder().name("Rex").build()
}

// Still `Option<String>`: the warning is about the wire, not the code.
pub fn nickname(pet: api::Pet) -> Option<String> {
    pet.nickname
}

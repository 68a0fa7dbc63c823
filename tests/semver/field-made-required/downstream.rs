// The nickname read as the optional value it was.
pub fn nickname(pet: api::Pet) -> Option<String> {
    pet.nickname
}

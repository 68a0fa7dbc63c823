use generated::{TextRubricParams, UserMessageEventParams};

fn main() {
    let rubric = TextRubricParams::from("The build passes.");
    let _ = UserMessageEventParams::builder().content([rubric]).build();
}

//! Tagged unions read their object in one pass: the tag, then the member from the rest of the
//! same input. These tests pin what that must not change: the tag may come anywhere in the
//! object, unknown members keep every entry in order, errors name the member and carry one
//! position, and every way of deserialising (text, reader, `serde_json::Value`) agrees.

use generated::{
    Base64ImageSource, DeploymentInitialEventParams, DeploymentPausedReason, DeploymentPausedReasonError, ImageBlock,
    ImageSource, RepositoryCheckout, ScheduleParams, SessionResourceConfig, UserContentBlock,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Deserialises `text` from a string, a byte reader (no borrowed strings) and a
/// `serde_json::Value`, requires all three to agree, and returns the result.
fn read_every_way<T: DeserializeOwned + PartialEq + std::fmt::Debug>(text: &str) -> T {
    let from_str: T = serde_json::from_str(text).unwrap_or_else(|error| panic!("{text}: {error}"));
    let from_reader: T = serde_json::from_reader(text.as_bytes()).expect("the reader agrees with the string");
    let value: Value = serde_json::from_str(text).expect("valid JSON");
    let from_value: T = serde_json::from_value(value).expect("the value agrees with the string");
    assert_eq!(from_str, from_reader, "{text}");
    assert_eq!(from_str, from_value, "{text}");
    from_str
}

#[test]
fn the_tag_may_come_first_last_or_in_between() {
    let expected = UserContentBlock::Image(
        ImageBlock::builder()
            .source(ImageSource::Base64(
                Base64ImageSource::builder().media_type("image/png").data("iVBORw0KGgo=").build(),
            ))
            .build(),
    );
    for text in [
        r#"{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}"#,
        r#"{"source": {"media_type": "image/png", "data": "iVBORw0KGgo=", "type": "base64"}, "type": "image"}"#,
        r#"{"source": {"media_type": "image/png", "type": "base64", "data": "iVBORw0KGgo="}, "type": "image"}"#,
    ] {
        assert_eq!(read_every_way::<UserContentBlock>(text), expected, "{text}");
    }
}

#[test]
fn an_unknown_member_keeps_every_entry_in_order_wherever_its_tag_is() {
    let text =
        r#"{"window": {"from": "2026-12-01"}, "type": "maintenance_window", "until": "2026-12-02", "note": null}"#;
    let reason: DeploymentPausedReason = read_every_way(text);
    let DeploymentPausedReason::Unknown(kept) = &reason else { panic!("{reason:?} is not `Unknown`") };
    let keys: Vec<&str> = kept.as_object().expect("an object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["window", "type", "until", "note"]);
    assert_eq!(serde_json::to_string(&reason).expect("serialises"), text.replace(": ", ":").replace(", ", ","));
    assert_eq!(reason.tag(), Some("maintenance_window"));
}

#[test]
fn an_open_union_keeps_json_without_a_string_tag_as_unknown() {
    for text in
        [r#"{"reason": "none given"}"#, r#"{"type": 7, "reason": "none given"}"#, r#""paused""#, "[1, 2]", "null"]
    {
        let reason: DeploymentPausedReason = read_every_way(text);
        let expected: Value = serde_json::from_str(text).expect("valid JSON");
        assert_eq!(reason, DeploymentPausedReason::Unknown(expected), "{text}");
        assert_eq!(reason.tag(), None);
    }
}

#[test]
fn a_closed_union_rejects_an_unknown_or_missing_tag() {
    let unknown = serde_json::from_str::<ScheduleParams>(r#"{"type": "interval", "every": "1h"}"#).unwrap_err();
    assert_eq!(unknown.to_string(), "unknown variant `interval`, expected `cron` at line 1 column 19");
    let missing = serde_json::from_str::<ScheduleParams>(r#"{"expression": "0 9 * * *"}"#).unwrap_err();
    assert_eq!(missing.to_string(), "missing field `type` at line 1 column 27");
    let from_value = serde_json::from_value::<ScheduleParams>(json!({"expression": "0 9 * * *"})).unwrap_err();
    assert_eq!(from_value.to_string(), "missing field `type`");
}

#[test]
fn an_invalid_member_is_named_with_one_position() {
    let error = serde_json::from_str::<UserContentBlock>(r#"{"type": "text", "txt": "hello"}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid `text` member of `UserContentBlock`: missing field `text` at line 1 column 32"
    );
    assert_eq!((error.line(), error.column()), (1, 32));

    // Nested unions name each member on the way down.
    let nested = r#"{"type": "image", "source": {"type": "base64", "media_type": "image/png"}}"#;
    let error = serde_json::from_str::<UserContentBlock>(nested).unwrap_err();
    assert_eq!(
        error.to_string(),
        "invalid `image` member of `UserContentBlock`: invalid `base64` member of `ImageSource`: missing field `data` \
         at line 1 column 74"
    );

    // Without positions (from a `serde_json::Value`) the message is the same, minus the position.
    let error = serde_json::from_value::<UserContentBlock>(json!({"type": "text", "txt": "hello"})).unwrap_err();
    assert_eq!(error.to_string(), "invalid `text` member of `UserContentBlock`: missing field `text`");
}

#[test]
fn a_wrong_type_inside_a_member_is_reported_at_its_field() {
    let text = r#"{"type": "github_repository", "url": "https://github.com/example/shop", "checkout": {"type": "branch", "name": 42}}"#;
    let error = serde_json::from_str::<SessionResourceConfig>(text).unwrap_err();
    // The position is serde_json's for an error its caller raised: where reading stopped, after
    // the objects the failed member closes.
    assert_eq!(
        error.to_string(),
        "invalid `github_repository` member of `SessionResourceConfig`: invalid `branch` member of \
         `RepositoryCheckout`: invalid type: integer `42`, expected a string at line 1 column 115"
    );
    let known = r#"{"type": "error", "error": {"message": "vault `vlt_1` is gone", "type": "vault_not_found_error"}}"#;
    let reason: DeploymentPausedReason = read_every_way(known);
    assert!(matches!(
        reason,
        DeploymentPausedReason::Error(ref e) if matches!(e.error, DeploymentPausedReasonError::VaultNotFoundError(_))
    ));
}

#[test]
fn requests_read_back_with_tags_anywhere() {
    let event: DeploymentInitialEventParams =
        read_every_way(r#"{"content": [{"text": "Start with the build.", "type": "text"}], "type": "system.message"}"#);
    assert_eq!(event.tag(), "system.message");
    let checkout: RepositoryCheckout = read_every_way(r#"{"name": "main", "type": "branch"}"#);
    assert_eq!(checkout.tag(), Some("branch"));
}

//! Unit tests of the runtime, in this crate only (not copied into generated crates): `Nullable`,
//! the validation checks (cron edge cases, time zones, rules between fields), the encoder's
//! escaping, the response reader, and one-pass reading of tagged unions.

use serde::Deserialize;
use serde_json::json;

use crate::nullable::Nullable;
use crate::operations::{Encoder, Received, ResponseError, parameters};
use crate::tagged::{Object, TaggedUnion};
use crate::validate::{ItemRule, Rule, Validator};

mod nullable {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, Deserialize)]
    struct Update {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        description: Nullable<String>,
    }

    #[test]
    fn absent_null_and_a_value_stay_apart_both_ways() {
        for (json, value) in [
            ("{}", Nullable::Absent),
            (r#"{"description":null}"#, Nullable::Null),
            (r#"{"description":"d"}"#, Nullable::Value("d".to_owned())),
        ] {
            let read: Update = serde_json::from_str(json).expect("reads");
            assert_eq!(read, Update { description: value });
            assert_eq!(serde_json::to_string(&read).expect("writes"), json);
        }
    }

    #[test]
    fn accessors_see_only_a_value() {
        assert_eq!(Nullable::Value(3).as_value(), Some(&3));
        assert_eq!(Nullable::<i32>::Null.as_value(), None);
        assert!(Nullable::<i32>::Null.is_null() && !Nullable::<i32>::Null.is_absent());
        assert_eq!(Nullable::Value(2).map(|n| n * 2), Nullable::Value(4));
        assert_eq!(Nullable::from("x").value(), Some("x"));
    }
}

mod validation {
    use super::*;

    /// The violations one check records, as `(path, rule, message)`.
    fn run(check: impl FnOnce(&mut Validator)) -> Vec<(String, Rule, String)> {
        let mut validator = Validator::default();
        check(&mut validator);
        match validator.finish() {
            Ok(()) => Vec::new(),
            Err(errors) => errors.violations().iter().map(|v| (v.path.clone(), v.rule, v.to_string())).collect(),
        }
    }

    fn cron(expression: &str) -> Option<String> {
        run(|v| v.cron(expression)).pop().map(|(_, rule, message)| {
            assert_eq!(rule, Rule::Format);
            message
        })
    }

    #[test]
    fn cron_accepts_the_five_field_forms() {
        for valid in ["* * * * *", "0 9 * * 1-5", "*/15 0-6/2 1,15 1-12 0", "59 23 31 12 7", "0 0 1 */3 *"] {
            assert_eq!(cron(valid), None, "{valid}");
        }
    }

    #[test]
    fn cron_rejects_each_edge_with_a_reason() {
        let cases = [
            ("0 0 9 * * 1-5", "has 6 fields, expected 5"),
            ("* * * *", "has 4 fields, expected 5"),
            ("", "has 0 fields"),
            ("60 * * * *", "minute field `60`: 60 is out of range 0-59"),
            ("* 24 * * *", "hour field `24`: 24 is out of range 0-23"),
            ("* * 0 * *", "day-of-month field `0`: 0 is out of range 1-31"),
            ("* * * 13 *", "month field `13`"),
            ("* * * * 8", "day-of-week field `8`"),
            ("*/0 * * * *", "a step must be at least 1"),
            ("5-1 * * * *", "5-1"),
            ("1,,2 * * * *", "a list item is empty"),
            ("* * L * *", "`L` is extended cron syntax"),
            ("@daily", "shortcuts such as `@daily` are not supported"),
        ];
        for (expression, reason) in cases {
            let message = cron(expression).unwrap_or_else(|| panic!("`{expression}` was accepted"));
            assert!(message.contains(reason), "`{expression}`: {message}");
        }
    }

    #[test]
    fn time_zones_come_from_the_iana_database() {
        assert!(run(|v| v.time_zone("America/Los_Angeles")).is_empty());
        let found = run(|v| v.time_zone("Mars/Olympus"));
        assert_eq!(found.len(), 1);
        assert!(found[0].2.contains("`Mars/Olympus` is not in the IANA time zone database"), "{found:?}");
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        // Four characters, twelve bytes: within a limit of 4, past a limit of 3.
        assert!(run(|v| v.length("日本語!", None, Some(4))).is_empty());
        let found = run(|v| v.at_field("name", |v| v.length("日本語!", None, Some(3))));
        assert_eq!(
            found,
            [("name".to_owned(), Rule::MaxLength, "name: must be at most 3 characters long, is 4".to_owned())]
        );
    }

    #[test]
    fn paths_nest_fields_indexes_and_escaped_keys() {
        let found = run(|v| {
            v.at_field("metadata", |v| v.at_key("a\"b", |v| v.at_index(12, |v| v.length("", Some(1), None))));
        });
        assert_eq!(found[0].0, r#"metadata["a\"b"][12]"#);
    }

    #[test]
    fn rules_between_fields() {
        assert!(run(|v| v.exactly_one_of(&[("session_id", true), ("error", false)])).is_empty());
        for (set, count) in [([true, true], 2), ([false, false], 0)] {
            let found = run(|v| v.exactly_one_of(&[("session_id", set[0]), ("error", set[1])]));
            let message =
                format!("(the value): exactly one of `session_id`, `error` must be non-null, but {count} are");
            assert_eq!(found, [(String::new(), Rule::ExactlyOneOf, message)]);
        }
        assert!(run(|v| v.mutually_exclusive(&[("a", true), ("b", false)])).is_empty());
        let found = run(|v| v.mutually_exclusive(&[("a", true), ("b", true)]));
        assert_eq!(found[0].2, "(the value): at most one of `a`, `b` may be set, but `a` and `b` are set");
    }

    #[test]
    fn item_rules_over_a_tagged_sequence() {
        let rule = ItemRule { tag: "system", max_count: Some(1), only_last: true, after: &["user"] };
        assert!(run(|v| v.item_rule(&[Some("user"), Some("system")], &rule)).is_empty());
        let rules: Vec<Rule> = run(|v| v.item_rule(&[Some("system"), Some("system")], &rule))
            .into_iter()
            .map(|(_, rule, _)| rule)
            .collect();
        assert_eq!(rules, [Rule::MaxCount, Rule::OnlyLast, Rule::After, Rule::After]);
    }
}

mod encoding {
    use super::*;

    fn request(encoder: Encoder) -> http::Request<Vec<u8>> {
        encoder.finish(http::Method::GET, "https://api.example.com/", None).expect("a request")
    }

    #[test]
    fn path_values_are_one_segment_each() {
        let mut encoder = Encoder::default();
        let values = parameters(&json!({"id": "a/b?c#d e", "n": 7})).expect("an object");
        encoder.path("/v1/items/{id}/parts/{n}", &values);
        assert_eq!(request(encoder).uri(), "https://api.example.com/v1/items/a%2Fb%3Fc%23d%20e/parts/7");
    }

    #[test]
    fn query_pairs_escape_names_and_values_and_repeat_lists() {
        let mut encoder = Encoder::default();
        encoder.query_pair("beta", "true");
        let values =
            parameters(&json!({"created_at[gte]": "2026-03-01T00:00:00+01:00", "tag": ["a&b", "ü"], "none": null}))
                .expect("an object");
        encoder.query(&values);
        assert_eq!(
            request(encoder).uri().query(),
            Some("beta=true&created_at%5Bgte%5D=2026-03-01T00%3A00%3A00%2B01%3A00&tag=a%26b&tag=%C3%BC")
        );
    }

    #[test]
    fn headers_take_defaults_and_merge_a_required_value_once() {
        let mut encoder = Encoder::default();
        encoder.header("anthropic-version", None, Some("2023-06-01"), None);
        encoder.header("anthropic-beta", Some(&json!(["files-2025"])), None, Some("agents-2026"));
        encoder.header("x-again", Some(&json!(["agents-2026"])), None, Some("agents-2026"));
        let request = request(encoder);
        let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        assert_eq!(header("anthropic-version").as_deref(), Some("2023-06-01"));
        assert_eq!(header("anthropic-beta").as_deref(), Some("files-2025,agents-2026"));
        assert_eq!(header("x-again").as_deref(), Some("agents-2026"));
        assert_eq!(header("accept").as_deref(), Some("application/json"));
    }
}

mod responses {
    use super::*;

    fn received(status: u16, body: &str) -> Received<Vec<u8>> {
        let response = http::Response::builder().status(status).header("request-id", "req_1").body(body.into());
        Received(response.expect("a response"))
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Envelope {
        message: String,
    }

    #[test]
    fn a_success_decodes_and_an_empty_body_reads_as_null() {
        let ok: Result<Vec<u8>, ResponseError<Envelope>> = received(200, "[1,2]").success(|v| v);
        assert_eq!(ok.expect("decodes"), [1, 2]);
        let empty: Result<Option<u8>, ResponseError<Envelope>> = received(200, "").success(|v| v);
        assert_eq!(empty.expect("null"), None);
    }

    #[test]
    fn a_documented_error_is_an_api_error_with_its_request_id() {
        let error = received(404, r#"{"message": "gone"}"#).failure::<Envelope, (), _>(|e| e).expect_err("an error");
        assert_eq!(error.request_id(), Some("req_1"));
        assert!(matches!(error, ResponseError::Api { error: Envelope { ref message }, .. } if message == "gone"));
        let broken = received(404, "<html>").failure::<Envelope, (), Envelope>(|e| e).expect_err("an error");
        assert!(matches!(broken, ResponseError::Decode { ref body, .. } if body == b"<html>"));
    }

    #[test]
    fn an_undocumented_status_tries_the_envelope_then_keeps_the_raw_response() {
        let enveloped = received(418, r#"{"message": "teapot"}"#).envelope::<(), Envelope>().expect_err("an error");
        assert!(matches!(enveloped, ResponseError::Api { .. }));
        let raw = received(502, "<html>").envelope::<(), Envelope>().expect_err("an error");
        assert!(
            matches!(&raw, ResponseError::Undocumented { status, body, headers } if *status == 502 && body == b"<html>" && headers.contains_key("request-id"))
        );
        // A 2xx is never read as an error envelope.
        let success = received(206, r#"{"message": "partial"}"#).envelope::<(), Envelope>().expect_err("undocumented");
        assert!(matches!(success, ResponseError::Undocumented { .. }));
        assert!(raw.to_string().contains("502 Bad Gateway (request-id req_1), which the spec does not document"));
    }
}

mod tagged {
    use super::*;

    /// A member that leaves its tag to the union.
    #[derive(Debug, PartialEq, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Text {
        text: String,
    }

    /// A member that declares the tag itself.
    #[derive(Debug, PartialEq, Deserialize)]
    struct Image {
        r#type: String,
        url: String,
    }

    #[derive(Debug, PartialEq)]
    enum Block {
        Text(Text),
        Image(Image),
        Unknown(serde_json::Value),
    }

    impl TaggedUnion for Block {
        const TAG: &'static str = "type";
        const EXPECTING: &'static str = "a `Block` object";

        fn member<'de, A: serde::de::MapAccess<'de>>(tag: &str, object: Object<'de, A>) -> Result<Self, A::Error> {
            match tag {
                "text" => object.member("Block", tag).map(Self::Text),
                "image" => object.member_with_tag::<Image, Self>("Block", tag).map(Self::Image),
                _ => object.unknown::<Self>(tag).map(Self::Unknown),
            }
        }

        fn untagged<E: serde::de::Error>(value: serde_json::Value) -> Result<Self, E> {
            Ok(Self::Unknown(value))
        }
    }

    impl<'de> Deserialize<'de> for Block {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            crate::tagged::deserialize(deserializer)
        }
    }

    fn read(json: &str) -> Result<Block, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn the_tag_picks_the_member_wherever_it_is() {
        let text = Block::Text(Text { text: "hi".to_owned() });
        assert_eq!(read(r#"{"type": "text", "text": "hi"}"#).expect("tag first"), text);
        assert_eq!(read(r#"{"text": "hi", "type": "text"}"#).expect("tag last"), text);
        let image = Block::Image(Image { r#type: "image".to_owned(), url: "u".to_owned() });
        assert_eq!(read(r#"{"url": "u", "type": "image"}"#).expect("member with its own tag"), image);
    }

    #[test]
    fn unknown_members_and_untagged_values_are_kept_whole() {
        let sent = json!({"size": 3, "type": "video", "nested": {"a": [1]}});
        assert_eq!(read(&sent.to_string()).expect("unknown"), Block::Unknown(sent));
        assert_eq!(read(r#"{"text": "no tag"}"#).expect("untagged"), Block::Unknown(json!({"text": "no tag"})));
        assert_eq!(read(r#"{"type": 7}"#).expect("a tag that is no string"), Block::Unknown(json!({"type": 7})));
        assert_eq!(read("[1]").expect("not an object"), Block::Unknown(json!([1])));
    }

    #[test]
    fn a_bad_member_names_the_union_and_the_tag_with_one_position() {
        let error = read(r#"{"type": "text", "text": 5}"#).expect_err("a number is no text").to_string();
        assert!(error.starts_with("invalid `text` member of `Block`: invalid type: integer `5`"), "{error}");
        assert_eq!(error.matches(" at line ").count(), 1, "{error}");
        let error = read(r#"{"type": "text", "text": "a", "extra": 1}"#).expect_err("unknown field").to_string();
        assert!(error.contains("unknown field `extra`"), "{error}");
    }
}

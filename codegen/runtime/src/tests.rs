//! Unit tests of the runtime, in this crate only (not copied into generated crates): `Nullable`,
//! the validation checks (cron edge cases, time zones, rules between fields), the encoder's
//! escaping, the response reader and the one line an error reads as, one-pass reading of tagged
//! unions, and the kept extra fields.

use serde::Deserialize;
use serde_json::json;

use crate::nullable::Nullable;
use crate::operations::{
    Body, Encoder, ErrorBody, ErrorLine, QueryStyle, Received, ResponseError, next_link_parameter, parameters,
};
use crate::tagged::{TaggedObject, TaggedUnion};
use crate::validate::{ItemRule, Rule, Validator};

/// The tests' operations read their errors as any JSON, which is its own error object (as the
/// generator has it for a spec whose error schema is untyped).
impl ErrorBody for serde_json::Value {
    type Object = Self;
    fn object(&self) -> Option<&Self> {
        Some(self)
    }
}

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

    fn sorted_pairs(query: &str) -> Vec<&str> {
        let mut pairs: Vec<&str> = query.split('&').collect();
        pairs.sort_unstable();
        pairs
    }

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
        encoder.query(&values, &[]);
        assert_eq!(
            request(encoder).uri().query(),
            Some("beta=true&created_at%5Bgte%5D=2026-03-01T00%3A00%3A00%2B01%3A00&tag=a%26b&tag=%C3%BC")
        );
    }

    #[test]
    fn query_styles_follow_openapi() {
        let mut encoder = Encoder::default();
        let values = parameters(&json!({
            "exploded": ["a", "b"],
            "joined": ["a,b", "c"],
            "spaced": [1, 2],
            "piped": ["x", "y"],
            "filter": {"status": "open", "tags": ["t1", "t2"], "owner": {"id": 7}},
            "point": {"x": 1, "y": 2},
            "fields": {"lat": 1.5, "lng": 2},
            "plain": "v"
        }))
        .expect("an object");
        encoder.query(
            &values,
            &[
                ("joined", QueryStyle::FormJoined),
                ("spaced", QueryStyle::SpaceDelimited),
                ("piped", QueryStyle::PipeDelimited),
                ("filter", QueryStyle::DeepObject),
                ("point", QueryStyle::FormJoined),
                ("plain", QueryStyle::DeepObject),
            ],
        );
        // Fields come in the order of the JSON map, which depends on serde_json's features.
        assert_eq!(
            sorted_pairs(request(encoder).uri().query().unwrap_or_default()),
            sorted_pairs(
                "exploded=a&exploded=b&lat=1.5&lng=2\
                 &filter%5Bowner%5D%5Bid%5D=7&filter%5Bstatus%5D=open&filter%5Btags%5D%5B0%5D=t1&filter%5Btags%5D%5B1%5D=t2\
                 &joined=a%2Cb,c&piped=x%7Cy&plain=v&point=x,1,y,2&spaced=1%202"
            )
        );
    }

    #[test]
    fn form_bodies_write_nested_values_in_brackets() {
        let body = Body::form(&json!({
            "amount": 100,
            "metadata": {"order": "a&b"},
            "items": [{"price": "p_1", "quantity": 2}, {"price": "p 2"}],
            "note": null,
            "paid": false
        }))
        .expect("a form");
        assert_eq!(body.content_type, "application/x-www-form-urlencoded");
        assert_eq!(
            sorted_pairs(&String::from_utf8(body.bytes).expect("text")),
            sorted_pairs(
                "amount=100&items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&items%5B1%5D%5Bprice%5D=p%202\
                 &metadata%5Border%5D=a%26b&paid=false"
            )
        );
        let request = Encoder::default()
            .finish(http::Method::POST, "https://api.example.com", Some(Body::text("hi", "text/plain")))
            .expect("a request");
        assert_eq!(request.headers()["content-type"], "text/plain");
        assert_eq!(request.body(), b"hi");
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
    }

    #[test]
    fn a_documented_error_whose_body_is_not_the_error_is_kept_as_received_never_a_decode_error() {
        for (status, body) in [(404, "<html>"), (503, ""), (400, r#"{"other": true}"#)] {
            let broken = received(status, body).failure::<Envelope, (), Envelope>(|e| e).expect_err("an error");
            assert!(
                matches!(&broken, ResponseError::Undocumented { status: got, body: raw, headers }
                    if *got == status && raw == body.as_bytes() && headers.contains_key("request-id")),
                "{status} {body:?}: {broken:?}"
            );
        }
        let events = received(500, "data: {broken\n\n").failure_events::<Envelope, (), Vec<Envelope>>(false, |e| e);
        assert!(matches!(events, Err(ResponseError::Undocumented { .. })), "{events:?}");
        // A success that does not decode is still a decode error.
        let success = received(200, "<html>").success::<Envelope, Envelope, ()>(|e| e).expect_err("not JSON");
        assert!(matches!(success, ResponseError::Decode { ref body, .. } if body == b"<html>"));
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
        assert_eq!(raw.to_string(), "502 Bad Gateway (request-id req_1): <html>");
    }

    /// `{"type": "error", "error": {…}, "request_id": …}`, as an envelope's `ErrorBody` reads it.
    #[derive(Debug, Deserialize)]
    struct Wrapped {
        error: Envelope,
    }

    impl ErrorBody for Wrapped {
        type Object = Envelope;
        fn object(&self) -> Option<&Envelope> {
            Some(&self.error)
        }
    }

    #[test]
    fn an_api_error_shows_one_line_and_hands_out_the_object_its_envelope_holds() {
        let body = r#"{"type": "error", "error": {"type": "not_found_error", "message": "no such\ndeployment"}, "request_id": "req_1"}"#;
        let error = received(404, body).failure::<Wrapped, (), _>(|e| e).expect_err("an error");
        assert_eq!(error.to_string(), "404 Not Found (request-id req_1): not_found_error: no such deployment");
        assert_eq!(error.api_error(), Some(&Envelope { message: "no such\ndeployment".to_owned() }));
        assert!(matches!(&error, ResponseError::Api { body: raw, .. } if raw == body.as_bytes()));
    }

    #[test]
    fn an_error_line_reads_the_kind_and_message_any_common_shape_states() {
        let line = |status: u16, body: &str| {
            let status = http::StatusCode::from_u16(status).expect("a status");
            ErrorLine { status, request_id: None, body: body.as_bytes() }.to_string()
        };
        let cases = [
            // Anthropic's envelope (and OpenAI's and Stripe's error object).
            (
                409,
                r#"{"type":"error","error":{"type":"invalid_request_error","message":"name taken"},"request_id":"r"}"#,
                "409 Conflict: invalid_request_error: name taken",
            ),
            // Google's: a numeric code is no kind; its `status` is.
            (404, r#"{"error":{"code":404,"message":"gone","status":"NOT_FOUND"}}"#, "404 Not Found: NOT_FOUND: gone"),
            // An error object without a message: its kind alone.
            (418, r#"{"type":"error","error":{"type":"teapot_error"}}"#, "418 I'm a teapot: teapot_error"),
            // OAuth's string `error` with its description, and a string `error` alone.
            (
                400,
                r#"{"error":"invalid_grant","error_description":"expired"}"#,
                "400 Bad Request: invalid_grant: expired",
            ),
            (403, r#"{"error":"forbidden"}"#, "403 Forbidden: forbidden"),
            // Fields of the body itself: GitHub's message, FastAPI's detail, a problem's title.
            (
                422,
                r#"{"message":"Validation Failed","documentation_url":"u"}"#,
                "422 Unprocessable Entity: Validation Failed",
            ),
            (401, r#"{"detail":"Not authenticated"}"#, "401 Unauthorized: Not authenticated"),
            (
                409,
                r#"{"code":"conflict","title":"already there","status":409}"#,
                "409 Conflict: conflict: already there",
            ),
            (500, r#""boom""#, "500 Internal Server Error: boom"),
            // Nothing stated: the body, on one line and cut short; or that there is none.
            (
                502,
                "<html>\n  <body>Bad gateway</body>\n</html>\n",
                "502 Bad Gateway: <html> <body>Bad gateway</body> </html>",
            ),
            (503, " \n", "503 Service Unavailable: empty body"),
            (500, r#"{"error":{"code":1}}"#, r#"500 Internal Server Error: {"error":{"code":1}}"#),
            (599, "[]", "599: []"),
        ];
        for (status, body, expected) in cases {
            assert_eq!(line(status, body), expected, "{body}");
        }
        let long = line(500, &"x".repeat(1000));
        assert!(long.ends_with(&format!(": {}…", "x".repeat(200))), "{long}");
        let multi_byte = line(500, &"é".repeat(300));
        assert!(multi_byte.ends_with(&format!(": {}…", "é".repeat(200))), "{multi_byte}");
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

        fn member<'de, A: serde::de::MapAccess<'de>>(
            tag: &str,
            object: TaggedObject<'de, A>,
        ) -> Result<Self, A::Error> {
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

    /// A member of a union whose tag is an integer, declaring the tag itself.
    #[derive(Debug, PartialEq, Deserialize)]
    struct Button {
        r#type: i64,
        label: String,
    }

    /// A union tagged by an integer (`"type": 2`).
    #[derive(Debug, PartialEq)]
    enum Component {
        Button(Button),
        Unknown(serde_json::Value),
    }

    impl TaggedUnion for Component {
        const TAG: &'static str = "type";
        const EXPECTING: &'static str = "a `Component` object";
        const INTEGER_TAG: bool = true;

        fn member<'de, A: serde::de::MapAccess<'de>>(
            tag: &str,
            object: TaggedObject<'de, A>,
        ) -> Result<Self, A::Error> {
            match tag {
                "2" => object.member_with_tag::<Button, Self>("Component", tag).map(Self::Button),
                _ => object.unknown::<Self>(tag).map(Self::Unknown),
            }
        }

        fn untagged<E: serde::de::Error>(value: serde_json::Value) -> Result<Self, E> {
            Ok(Self::Unknown(value))
        }
    }

    impl<'de> Deserialize<'de> for Component {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            crate::tagged::deserialize(deserializer)
        }
    }

    #[test]
    fn an_integer_tag_picks_the_member_and_is_passed_on_as_a_number() {
        let read = |json: &str| serde_json::from_str::<Component>(json).expect("a component");
        let button = Component::Button(Button { r#type: 2, label: "ok".to_owned() });
        assert_eq!(read(r#"{"label": "ok", "type": 2}"#), button);
        // An unknown number is kept as a number; a string tag names no member of this union.
        assert_eq!(read(r#"{"type": 9, "x": 1}"#), Component::Unknown(json!({"type": 9, "x": 1})));
        assert_eq!(read(r#"{"type": "2"}"#), Component::Unknown(json!({"type": "2"})));
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

mod untagged {
    use serde_json::json;

    use crate::untagged::{Kind, Shape, Unchosen, choose};

    /// A member of `kind` with nothing more to say about it.
    const fn member(name: &'static str, kind: Kind) -> Shape<'static> {
        Shape {
            name,
            kind,
            values: &[],
            items: None,
            required: &[],
            declared: &[],
            constants: &[],
            nested_constants: &[],
            kinds: &[],
        }
    }

    const CARD: Shape<'static> =
        Shape { required: &["number"], declared: &["number", "cvc", "holder"], ..member("Card", Kind::Object) };
    const BANK: Shape<'static> =
        Shape { required: &["iban"], declared: &["iban", "holder"], ..member("Bank", Kind::Object) };
    const WALLET: Shape<'static> = Shape {
        declared: &["type", "holder", "token"],
        constants: &[("type", "wallet")],
        ..member("Wallet", Kind::Object)
    };
    const METHODS: &[Shape<'static>] = &[CARD, BANK, WALLET];

    #[test]
    fn objects_by_required_unique_and_one_value_properties() {
        assert_eq!(choose(METHODS, &json!({"number": "4242", "holder": "A"})), Ok(0));
        assert_eq!(choose(METHODS, &json!({"iban": "DE89", "holder": "A"})), Ok(1));
        assert_eq!(choose(METHODS, &json!({"type": "wallet", "token": "t"})), Ok(2));
        // A property only one candidate declares decides between candidates.
        assert_eq!(choose(METHODS, &json!({"token": "t"})), Ok(2));
        // A one-value property holding another value rules its member out.
        assert_eq!(
            choose(METHODS, &json!({"type": "other", "token": "t"})),
            Err(Unchosen::NoMember { found: "this object" })
        );
        // Only properties every candidate declares: as many covered by each, so it is ambiguous.
        assert_eq!(
            choose(&[WALLET, Shape { required: &[], ..BANK }], &json!({"holder": "A"})),
            Err(Unchosen::Ambiguous { candidates: vec!["Wallet".to_owned(), "Bank".to_owned()] })
        );
        // A property's JSON kind, and a one-value property one level down, rule members out.
        let text = Shape {
            required: &["value"],
            declared: &["value"],
            kinds: &[("value", Kind::String)],
            ..member("Text", Kind::Object)
        };
        let count = Shape {
            required: &["value"],
            declared: &["value"],
            kinds: &[("value", Kind::Integer)],
            ..member("Count", Kind::Object)
        };
        assert_eq!(choose(&[text, count], &json!({"value": 3})), Ok(1));
        assert_eq!(choose(&[text, count], &json!({"value": "3"})), Ok(0));
        let recent = Shape {
            declared: &["configuration"],
            nested_constants: &[("configuration", "type", "recent_value")],
            ..member("Recent", Kind::Object)
        };
        let external = Shape {
            declared: &["configuration"],
            nested_constants: &[("configuration", "type", "external_data")],
            ..member("External", Kind::Object)
        };
        assert_eq!(choose(&[recent, external], &json!({"configuration": {"type": "external_data"}})), Ok(1));
        // An object none of whose properties a member declares is not that member.
        assert_eq!(choose(METHODS, &json!({"crypto": "btc"})), Err(Unchosen::NoMember { found: "this object" }));
        // Unknown properties do not help, but the most covered ones do.
        assert_eq!(choose(METHODS, &json!({"number": "1", "iban": "2", "cvc": "3"})), Ok(0));
    }

    #[test]
    fn scalars_by_kind_and_enum_values_and_arrays_by_item_kind() {
        let shapes = [
            Shape { values: &["auto", "none"], ..member("Mode", Kind::String) },
            member("Text", Kind::String),
            member("Count", Kind::Integer),
            member("Ratio", Kind::Number),
            Shape { items: Some(Kind::Integer), ..member("Ids", Kind::Array) },
            Shape { items: Some(Kind::String), ..member("Names", Kind::Array) },
            member("Flag", Kind::Boolean),
        ];
        assert_eq!(choose(&shapes, &json!("none")), Ok(0));
        assert_eq!(choose(&shapes, &json!("anything")), Ok(1));
        assert_eq!(choose(&shapes, &json!(3)), Ok(2));
        assert_eq!(choose(&shapes, &json!(u64::MAX)), Ok(2));
        assert_eq!(choose(&shapes, &json!(3.5)), Ok(3));
        assert_eq!(choose(&shapes, &json!([1, 2])), Ok(4));
        assert_eq!(choose(&shapes, &json!(["a"])), Ok(5));
        assert_eq!(choose(&shapes, &json!([])), Ok(4), "an empty array goes to the first array member");
        assert_eq!(choose(&shapes, &json!(false)), Ok(6));
        assert_eq!(choose(&shapes, &json!(null)), Err(Unchosen::NoMember { found: "null" }));
        assert_eq!(choose(&shapes, &json!({})), Err(Unchosen::NoMember { found: "this object" }));
        assert_eq!(choose(&shapes, &json!([1, "a"])), Err(Unchosen::NoMember { found: "this array" }));
        // An integral number goes to a number member when there is no integer member.
        assert_eq!(choose(&shapes[3..4], &json!(3)), Ok(0));
        assert_eq!(
            Unchosen::Ambiguous { candidates: vec!["A".to_owned(), "B".to_owned()] }.to_string(),
            "the value fits several members of the union equally: A, B"
        );
    }
}

mod events {
    use serde_json::json;

    use crate::events::{EventDecoder, Events, ServerSentEvent};

    #[test]
    fn framing_follows_the_event_stream_format() {
        let mut decoder = EventDecoder::default();
        let stream = b": a comment\r\nevent: delta\r\ndata: {\"a\":\r\ndata:1}\r\nid: 7\r\nretry: 3000\r\n\r\n\
                       data:no space\n\nevent: ignored\n\nid\ndata: x\rretry: soon\r\r";
        // Fed one byte at a time: line ends and fields split across chunks.
        let events: Vec<ServerSentEvent> = stream.iter().flat_map(|byte| decoder.push(&[*byte])).collect();
        assert_eq!(
            events,
            vec![
                ServerSentEvent {
                    event: Some("delta".to_owned()),
                    data: "{\"a\":\n1}".to_owned(),
                    id: Some("7".to_owned()),
                    retry: Some(3000),
                },
                // The last id is kept until another sets it; an empty `id` clears it to "".
                ServerSentEvent { event: None, data: "no space".to_owned(), id: Some("7".to_owned()), retry: None },
                ServerSentEvent { event: None, data: "x".to_owned(), id: Some(String::new()), retry: None },
            ]
        );
        // An event the stream ends before its blank line is not dispatched.
        assert!(decoder.push(b"data: cut off").is_empty());
    }

    #[test]
    fn typed_events_from_data_or_from_the_whole_event_until_done() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Chunk {
            text: String,
        }
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Whole {
            event: String,
            data: serde_json::Value,
            id: Option<String>,
        }
        let mut events = Events::<Chunk>::new(false);
        let first = events.push(b"data: {\"text\": \"he\"}\n\ndata: {\"text\"");
        assert_eq!(first.into_iter().map(Result::unwrap).collect::<Vec<_>>(), vec![Chunk { text: "he".to_owned() }]);
        let rest = events.push(b": \"llo\"}\n\ndata: [DONE]\n\ndata: {\"text\": \"after\"}\n\n");
        assert_eq!(rest.into_iter().map(Result::unwrap).collect::<Vec<_>>(), vec![Chunk { text: "llo".to_owned() }]);
        assert!(events.is_done());
        let bad = Events::<Chunk>::new(false).push(b"event: oops\ndata: {}\n\n").remove(0).unwrap_err();
        assert!(bad.to_string().starts_with("the `oops` event does not decode"), "{bad}");

        let whole =
            Events::<Whole>::new(true).push(b"event: ping\nid: 1\ndata: {\"n\": 1}\n\nevent: note\ndata: plain\n\n");
        let whole: Vec<Whole> = whole.into_iter().map(Result::unwrap).collect();
        assert_eq!(whole[0], Whole { event: "ping".to_owned(), data: json!({"n": 1}), id: Some("1".to_owned()) });
        assert_eq!(whole[1].data, json!("plain"), "data that is not JSON is a string");
    }
}

mod multipart {
    use crate::operations::{FilePart, Multipart};

    #[test]
    fn parts_carry_names_file_names_and_media_types() {
        let mut multipart = Multipart::default();
        multipart.value("purpose", &"fine-tune", None).expect("a text part");
        multipart.value("meta", &serde_json::json!({"a": 1}), None).expect("a JSON part");
        multipart.value("skipped", &Option::<String>::None, None).expect("nothing");
        multipart.value("count", &3, Some("text/x-count")).expect("an encoded part");
        let file = FilePart {
            file_name: Some("a\"b.txt".to_owned()),
            content_type: None,
            bytes: b"--openapi-to-rust-boundary".to_vec(),
        };
        multipart.file("file", &file, None);
        let body = multipart.finish();
        // The file holds the default boundary, so the boundary grows until no part holds it.
        assert_eq!(body.content_type, "multipart/form-data; boundary=openapi-to-rust-boundaryx");
        assert_eq!(
            String::from_utf8(body.bytes).expect("text"),
            "--openapi-to-rust-boundaryx\r\nContent-Disposition: form-data; name=\"purpose\"\r\nContent-Type: text/plain\r\n\r\nfine-tune\r\n\
             --openapi-to-rust-boundaryx\r\nContent-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n\
             --openapi-to-rust-boundaryx\r\nContent-Disposition: form-data; name=\"count\"\r\nContent-Type: text/x-count\r\n\r\n3\r\n\
             --openapi-to-rust-boundaryx\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a%22b.txt\"\r\nContent-Type: application/octet-stream\r\n\r\n--openapi-to-rust-boundary\r\n\
             --openapi-to-rust-boundaryx--\r\n"
        );
    }
}

mod object {
    use std::borrow::Cow;

    use serde_json::json;

    use crate::object::{ExtraFields, Key};

    #[test]
    fn extra_fields_keep_their_order_and_replace_in_place() {
        let mut extra = ExtraFields::new();
        assert!(extra.is_empty());
        assert_eq!(extra.insert("b", json!(1)), None);
        assert_eq!(extra.insert("a", json!(2)), None);
        assert_eq!(extra.insert("b", json!(3)), Some(json!(1)));
        assert_eq!(extra.iter().collect::<Vec<_>>(), [("b", &json!(3)), ("a", &json!(2))]);
        assert_eq!(extra.get("a"), Some(&json!(2)));
        assert_eq!(extra.get("c"), None);
        assert_eq!(extra.remove("b"), Some(json!(3)));
        assert_eq!(extra.len(), 1);
        let collected: ExtraFields = [("x", json!(null)), ("x", json!(true))].into_iter().collect();
        assert_eq!(collected.iter().collect::<Vec<_>>(), [("x", &json!(true))]);
    }

    #[test]
    fn keys_borrow_from_the_input_unless_escaped() {
        let borrowed: Key<'_> = serde_json::from_str(r#""plain""#).expect("a key");
        assert!(matches!(borrowed.0, Cow::Borrowed("plain")));
        let escaped: Key<'_> = serde_json::from_str(r#""a\nb""#).expect("a key");
        assert!(matches!(&escaped.0, Cow::Owned(text) if text == "a\nb"));
        assert_eq!(escaped.into_owned(), "a\nb");
        let not_a_key = serde_json::from_str::<Key<'_>>("3").expect_err("a number is no key");
        assert!(not_a_key.to_string().contains("expected a field name"), "{not_a_key}");
    }
}

mod enums {
    #![allow(unreachable_pub, reason = "the macros write the public `as_str` of a generated enum; these are private")]

    use std::collections::BTreeSet;

    use crate::enums::{Enum, closed_enum, open_enum};

    /// An enum as the generator writes one: its variants, then `listed`, one row a value, in
    /// declaration order; then the runtime's macro.
    macro_rules! string_enum {
        ($kind:ident $name:ident { $($variant:ident = $wire:literal),* $(,)? } $($other:ident)?) => {
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
            enum $name {
                $($variant,)*
                $($other(String),)?
            }
            impl $name {
                const fn listed(index: usize) -> Option<(Self, &'static str)> {
                    let mut at = 0;
                    $(
                        if index == at {
                            return Some((Self::$variant, $wire));
                        }
                        at += 1;
                    )*
                    let _ = at;
                    None
                }
            }
            $kind!($name);
        };
    }

    string_enum!(closed_enum Speed { Standard = "standard", Express = "express", NextDay = "next-day" });
    impl Copy for Speed {}
    string_enum!(closed_enum Only { Card = "card" });
    impl Copy for Only {}
    string_enum!(open_enum Status { Active = "active", Pending = "pending", OtherValue = "other" } Other);
    // More values than are searched in order, so read through the hash table; names that share
    // their length and first and last eight bytes too, so that the probe goes past a match of
    // the hash.
    string_enum!(open_enum Category {
        AcRefrigerationRepair = "ac_refrigeration_repair",
        AccountingBookkeepingServices = "accounting_bookkeeping_services",
        AdvertisingServices = "advertising_services",
        AgriculturalCooperative = "agricultural_cooperative",
        AirlinesAirCarriers = "airlines_air_carriers",
        AirportsFlyingFields = "airports_flying_fields",
        AmbulanceServices = "ambulance_services",
        AmusementParksCarnivals = "amusement_parks_carnivals",
        AntiqueReproductions = "antique_reproductions",
        AntiqueShops = "antique_shops",
        Aquariums = "aquariums",
        SameEndsA = "first_8_b_A_last_8_b",
        SameEndsB = "first_8_b_B_last_8_b",
        Empty = "",
    } Other);
    string_enum!(closed_enum Closed20 {
        V0 = "v0", V1 = "v1", V2 = "v2", V3 = "v3", V4 = "v4", V5 = "v5", V6 = "v6", V7 = "v7", V8 = "v8",
        V9 = "v9", V10 = "v10", V11 = "v11", V12 = "v12", V13 = "v13", V14 = "v14", V15 = "v15",
        V16 = "v16", V17 = "v17", V18 = "v18", V19 = "v19",
    });
    impl Copy for Closed20 {}

    fn every<T: Enum>() -> Vec<(T, &'static str)> {
        (0..).map_while(T::listed).collect()
    }

    /// Every listed value is written as its wire name and read back as itself, through serde,
    /// `as_str`, `Display` and (open enums) both `From`s.
    fn round_trips<T>()
    where
        T: Enum + std::fmt::Debug + std::fmt::Display + PartialEq + serde::Serialize + serde::de::DeserializeOwned,
    {
        let every = every::<T>();
        assert!(!every.is_empty());
        for (at, (value, wire)) in every.into_iter().enumerate() {
            assert_eq!(value.index(), Some(at), "{wire}");
            assert_eq!(value.to_string(), wire);
            let json = serde_json::to_string(&value).expect("written");
            assert_eq!(json, serde_json::to_string(wire).expect("a string"));
            assert_eq!(serde_json::from_str::<T>(&json).expect("read back"), value, "{wire}");
            let from_value: T = serde_json::from_value(serde_json::Value::String(wire.to_owned())).expect("read");
            assert_eq!(from_value, value);
        }
    }

    #[test]
    fn every_value_round_trips_small_and_large_closed_and_open() {
        const WIRE: &str = Speed::Express.as_str();
        round_trips::<Speed>();
        round_trips::<Only>();
        round_trips::<Status>();
        round_trips::<Category>();
        round_trips::<Closed20>();
        assert_eq!(Speed::NextDay.as_str(), "next-day");
        assert_eq!(WIRE, "express", "a closed enum's `as_str` is a `const fn`");
        assert_eq!(Category::SameEndsB.as_str(), "first_8_b_B_last_8_b");
    }

    #[test]
    fn open_enums_keep_unlisted_values_and_never_put_a_listed_one_in_other() {
        for (value, wire) in every::<Status>() {
            assert_eq!(Status::from(wire), value);
            assert_eq!(Status::from(wire.to_owned()), value);
        }
        for (value, wire) in every::<Category>() {
            assert_eq!(Category::from(wire), value);
            assert_eq!(Category::from(wire.to_owned()), value);
        }
        // `other` is a listed value (its variant steps aside for `Other`): never `Other("other")`.
        assert_eq!(Status::from("other"), Status::OtherValue);
        assert_eq!(serde_json::from_str::<Status>(r#""other""#).expect("listed"), Status::OtherValue);
        let kept = Status::from("hibernating");
        assert_eq!(kept, Status::Other("hibernating".to_owned()));
        assert_eq!(kept.as_str(), "hibernating");
        assert_eq!(kept.index(), None);
        assert_eq!(serde_json::to_string(&kept).expect("written"), r#""hibernating""#);
        let read = |json: &str| serde_json::from_str::<Status>(json);
        assert_eq!(read(r#""hibernating""#).expect("kept"), kept);
        assert_eq!(read(r#""esc\naped""#).expect("owned"), Status::Other("esc\naped".to_owned()));
        assert_eq!(read(r#""act\u0069ve""#).expect("unescaped, then listed"), Status::Active);
        let error = read("3").expect_err("a number is no status");
        assert_eq!(error.to_string(), "invalid type: integer `3`, expected a `Status` value at line 1 column 1");
        for unlisted in ["activ", "actives", "activE", "", "pendinh", "othe"] {
            assert_eq!(Status::from(unlisted), Status::Other(unlisted.to_owned()), "{unlisted}");
        }
        for unlisted in ["first_8_b_C_last_8_b", "first_8_b_last_8_b", "aquarium", "aquariumss", "Aquariums", "v1"] {
            assert_eq!(Category::from(unlisted), Category::Other(unlisted.to_owned()), "{unlisted}");
        }
    }

    #[test]
    fn closed_enums_name_the_unknown_value_and_the_listed_ones_as_serde_does() {
        let message = |json: &str, listed: &'static [&'static str]| {
            let serde_s = <serde_json::Error as serde::de::Error>::unknown_variant(json.trim_matches('"'), listed);
            format!("{serde_s} at line 1 column {}", json.len())
        };
        let error = serde_json::from_str::<Speed>(r#""warp""#).expect_err("not listed");
        assert_eq!(
            error.to_string(),
            "unknown variant `warp`, expected one of `standard`, `express`, `next-day` at line 1 column 6"
        );
        assert_eq!(error.to_string(), message(r#""warp""#, &["standard", "express", "next-day"]));
        let error = serde_json::from_str::<Only>(r#""bank""#).expect_err("not listed");
        assert_eq!(error.to_string(), message(r#""bank""#, &["card"]));
        let error = serde_json::from_str::<Closed20>(r#""v20""#).expect_err("not listed");
        assert!(error.to_string().starts_with("unknown variant `v20`, expected one of `v0`, `v1`,"), "{error}");
        string_enum!(closed_enum Two { A = "a", B = "b" });
        impl Copy for Two {}
        let error = serde_json::from_str::<Two>(r#""c""#).expect_err("not listed");
        assert_eq!(error.to_string(), message(r#""c""#, &["a", "b"]));
        let error = serde_json::from_str::<Speed>("true").expect_err("not a string");
        assert_eq!(error.to_string(), "invalid type: boolean `true`, expected a `Speed` value at line 1 column 4");
    }

    #[test]
    fn declaration_order_is_the_order_of_ord() {
        let sorted: BTreeSet<Category> = every::<Category>().into_iter().map(|(value, _)| value).rev().collect();
        assert_eq!(
            sorted.into_iter().collect::<Vec<_>>(),
            every::<Category>().into_iter().map(|(v, _)| v).collect::<Vec<_>>()
        );
        assert!(Speed::Standard < Speed::NextDay && Status::OtherValue < Status::Other(String::new()));
    }
}

mod object_tables {
    use std::collections::BTreeMap;

    use serde_json::json;

    use crate::nullable::Nullable;
    use crate::object::{
        ExtraFields, Fields, Ignore, Object, Optional, OptionalNullable, Reject, Required, RequiredNullable,
        impl_object,
    };

    struct Account {
        id: String,
        r#type: Option<String>,
        owner: Option<String>,
        note: Nullable<String>,
        extra_fields: ExtraFields,
    }
    impl Object for Account {
        const NAMES: &'static [&'static str] = &["id", "type", "owner", "note"];
        type Fields = (Required<String>, Optional<String>, RequiredNullable<String>, OptionalNullable<String>);
        type Rest = ExtraFields;
        fn assemble((id, r#type, owner, note): <Self::Fields as Fields>::Values, extra_fields: ExtraFields) -> Self {
            Self { id, r#type, owner, note, extra_fields }
        }
        fn parts(&self) -> (<Self::Fields as Fields>::Refs<'_>, &ExtraFields) {
            ((&self.id, &self.r#type, &self.owner, &self.note), &self.extra_fields)
        }
    }
    impl_object!(Account);

    struct Counts {
        total: i64,
        additional_properties: BTreeMap<String, i64>,
    }
    impl Object for Counts {
        const NAMES: &'static [&'static str] = &["total"];
        type Fields = (Required<i64>,);
        type Rest = BTreeMap<String, i64>;
        fn assemble((total,): (i64,), additional_properties: Self::Rest) -> Self {
            Self { total, additional_properties }
        }
        fn parts(&self) -> ((&i64,), &Self::Rest) {
            ((&self.total,), &self.additional_properties)
        }
    }
    impl_object!(Counts);

    struct Closed {
        name: String,
    }
    impl Object for Closed {
        const NAMES: &'static [&'static str] = &["name"];
        type Fields = (Required<String>,);
        type Rest = Reject;
        fn assemble((name,): (String,), _: Reject) -> Self {
            Self { name }
        }
        fn parts(&self) -> ((&String,), &Reject) {
            ((&self.name,), &Reject)
        }
    }
    impl_object!(Closed);

    struct Open {}
    impl Object for Open {
        const NAMES: &'static [&'static str] = &[];
        type Fields = ();
        type Rest = Ignore;
        fn assemble((): (), _: Ignore) -> Self {
            Self {}
        }
        fn parts(&self) -> ((), &Ignore) {
            ((), &Ignore)
        }
    }
    impl_object!(Open);

    /// Fourteen fields, two tuples deep, as the generator nests structs past twelve fields.
    #[derive(Default)]
    struct Wide {
        fields: [Option<u8>; 14],
    }
    type Twelve = (
        Optional<u8>,
        Optional<u8>,
        Optional<u8>,
        Optional<u8>,
        Optional<u8>,
        Optional<u8>,
        Optional<u8>,
        Optional<u8>,
        Optional<u8>,
        Optional<u8>,
        Optional<u8>,
        Optional<u8>,
    );
    impl Object for Wide {
        const NAMES: &'static [&'static str] =
            &["f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", "f11", "f12", "f13"];
        type Fields = (Twelve, (Optional<u8>, Required<u8>));
        type Rest = Reject;
        fn assemble(
            ((f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11), (f12, f13)): <Self::Fields as Fields>::Values,
            _: Reject,
        ) -> Self {
            Self { fields: [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, Some(f13)] }
        }
        fn parts(&self) -> (<Self::Fields as Fields>::Refs<'_>, &Reject) {
            let f = &self.fields;
            let last = f[13].as_ref().unwrap_or(&0);
            (
                (
                    (&f[0], &f[1], &f[2], &f[3], &f[4], &f[5], &f[6], &f[7], &f[8], &f[9], &f[10], &f[11]),
                    (&f[12], last),
                ),
                &Reject,
            )
        }
    }
    impl_object!(Wide);

    #[test]
    fn each_presence_reads_and_writes_as_documented() {
        let account: Account =
            serde_json::from_value(json!({"new": [1], "id": "a", "owner": null, "note": null})).expect("reads");
        assert_eq!(account.r#type, None);
        assert_eq!(account.owner, None);
        assert_eq!(account.note, Nullable::Null);
        assert_eq!(account.extra_fields.get("new"), Some(&json!([1])));
        assert_eq!(
            serde_json::to_string(&account).expect("writes"),
            r#"{"id":"a","owner":null,"note":null,"new":[1]}"#
        );
        let sparse: Account = serde_json::from_value(json!({"id": "b", "type": "t"})).expect("reads");
        assert_eq!((&sparse.owner, &sparse.note), (&None, &Nullable::Absent));
        assert_eq!(serde_json::to_string(&sparse).expect("writes"), r#"{"id":"b","type":"t","owner":null}"#);
        let missing = serde_json::from_value::<Account>(json!({"type": "t"})).expect_err("no id");
        assert_eq!(missing.to_string(), "missing field `id`");
        let array = serde_json::from_value::<Account>(json!(["a"])).expect_err("not an object");
        assert_eq!(array.to_string(), "invalid type: sequence, expected struct Account");
    }

    #[test]
    fn fields_are_found_in_any_order_and_the_last_of_a_repeated_key_wins() {
        let text = r#"{"note": "n", "x": 1, "owner": "o", "id": "a", "type": "t", "x": 2, "id": "b"}"#;
        let account: Account = serde_json::from_str(text).expect("reads");
        assert_eq!((account.id.as_str(), account.r#type.as_deref()), ("b", Some("t")));
        assert_eq!((account.owner.as_deref(), account.note), (Some("o"), Nullable::Value("n".to_owned())));
        assert_eq!(account.extra_fields.iter().collect::<Vec<_>>(), [("x", &json!(2))]);
        let wrong = serde_json::from_str::<Account>(r#"{"id": 3}"#).expect_err("a number is no id");
        assert_eq!(wrong.to_string(), "invalid type: integer `3`, expected a string at line 1 column 8");
    }

    #[test]
    fn the_rest_is_kept_typed_rejected_or_ignored() {
        let counts: Counts = serde_json::from_value(json!({"total": 3, "open": 2})).expect("reads");
        assert_eq!(counts.additional_properties.get("open"), Some(&2));
        assert_eq!(serde_json::to_value(&counts).expect("writes"), json!({"total": 3, "open": 2}));
        let mistyped = serde_json::from_value::<Counts>(json!({"total": 3, "open": "2"})).expect_err("typed");
        assert!(mistyped.to_string().contains("expected i64"), "{mistyped}");
        let refused = serde_json::from_value::<Closed>(json!({"name": "n", "nmae": "x"})).expect_err("closed");
        assert_eq!(refused.to_string(), "unknown field `nmae`, expected `name`");
        let open: Open = serde_json::from_value(json!({"anything": 1})).expect("reads past it");
        assert_eq!(serde_json::to_string(&open).expect("writes"), "{}");
    }

    #[test]
    fn nested_tuples_count_their_fields_and_names_in_order() {
        assert_eq!(<<Wide as Object>::Fields as Fields>::COUNT, 14);
        let wide: Wide = serde_json::from_value(json!({"f13": 13, "f0": 0, "f12": 12, "f11": 11})).expect("reads");
        let mut expected = Wide::default();
        (expected.fields[0], expected.fields[11], expected.fields[12], expected.fields[13]) =
            (Some(0), Some(11), Some(12), Some(13));
        assert_eq!(wide, expected);
        assert_eq!(serde_json::to_value(&wide).expect("writes"), json!({"f0": 0, "f11": 11, "f12": 12, "f13": 13}));
        let missing = serde_json::from_value::<Wide>(json!({"f12": 1})).expect_err("f13 is required");
        assert_eq!(missing.to_string(), "missing field `f13`");
        let refused = serde_json::from_value::<Wide>(json!({"f13": 1, "f14": 1})).expect_err("closed");
        assert!(refused.to_string().starts_with("unknown field `f14`, expected one of `f0`, `f1`"), "{refused}");
    }

    /// `Account` as `#[derive]` writes it: what the table's `Clone`, `PartialEq` and `Debug`
    /// must match.
    #[derive(Debug, Clone, PartialEq)]
    struct DerivedAccount {
        id: String,
        r#type: Option<String>,
        owner: Option<String>,
        note: Nullable<String>,
        extra_fields: ExtraFields,
    }

    /// `Counts` with its rest kept under another member, as the generator names it when a field
    /// takes `additional_properties`.
    #[derive(Debug)]
    struct DerivedCounts {
        total: i64,
        kept: BTreeMap<String, i64>,
    }

    struct RenamedCounts(Counts);
    impl Object for RenamedCounts {
        const NAMES: &'static [&'static str] = &["Total"];
        const MEMBERS: &'static [&'static str] = &["total"];
        const REST_MEMBER: Option<&'static str> = Some("kept");
        type Fields = (Required<i64>,);
        type Rest = BTreeMap<String, i64>;
        fn assemble(values: (i64,), rest: Self::Rest) -> Self {
            Self(Counts::assemble(values, rest))
        }
        fn parts(&self) -> ((&i64,), &Self::Rest) {
            self.0.parts()
        }
    }
    impl_object!(RenamedCounts);

    #[test]
    fn clone_equality_and_debug_are_what_a_derive_gives() {
        let account: Account =
            serde_json::from_value(json!({"id": "a", "type": "t", "note": null, "zip": 1})).expect("reads");
        let derived = DerivedAccount {
            id: "a".to_owned(),
            r#type: Some("t".to_owned()),
            owner: None,
            note: Nullable::Null,
            extra_fields: [("zip", json!(1))].into_iter().collect(),
        };
        let as_account = |text: String| text.replacen("DerivedAccount", "Account", 1);
        assert_eq!(format!("{account:?}"), as_account(format!("{derived:?}")));
        assert_eq!(format!("{account:#?}"), as_account(format!("{derived:#?}")));
        let copy = account.clone();
        assert!(copy == account);
        let mut other = account.clone();
        other.note = Nullable::Value("n".to_owned());
        assert!(other != account);
        let mut more = account.clone();
        more.extra_fields.insert("zip", json!(2));
        assert!(more != account);
        // Members named otherwise than on the wire, and the rest under a member of its own.
        let counts = RenamedCounts(Counts { total: 3, additional_properties: [("open".to_owned(), 2)].into() });
        let derived = DerivedCounts { total: 3, kept: [("open".to_owned(), 2)].into() };
        assert_eq!(format!("{counts:?}"), format!("{derived:?}").replacen("DerivedCounts", "RenamedCounts", 1));
        // A rest that keeps nothing is not printed, as the struct has no member for it.
        let closed = Closed { name: "n".to_owned() };
        assert_eq!(format!("{closed:?}"), r#"Closed { name: "n" }"#);
        assert!(closed.clone() == closed);
        // Past twelve fields, the nested tuples print in order too.
        let mut wide = Wide::default();
        wide.fields[13] = Some(13);
        assert!(format!("{wide:?}").ends_with("f12: None, f13: 13 }"), "{wide:?}");
    }
}

mod retry {
    use std::time::{Duration, SystemTime};

    use http::{HeaderMap, HeaderValue, StatusCode};

    use crate::client::{MAX_RETRY_AFTER, RetryPolicy, jitter, retry_after, should_retry};

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (http::HeaderName::from_static(name), HeaderValue::from_str(value).expect("a value")))
            .collect()
    }

    #[test]
    fn backoff_doubles_from_half_a_second_to_eight_and_jitter_takes_at_most_a_quarter() {
        let policy = RetryPolicy::default();
        let at = |retry, jitter| policy.backoff(retry, jitter);
        assert_eq!(at(0, 0.0), Duration::from_millis(500));
        assert_eq!(at(1, 0.0), Duration::from_secs(1));
        assert_eq!(at(3, 0.0), Duration::from_secs(4));
        assert_eq!(at(4, 0.0), Duration::from_secs(8));
        assert_eq!(at(40, 0.0), Duration::from_secs(8), "capped, and no overflow");
        assert_eq!(at(0, 1.0), Duration::from_millis(375));
        for _ in 0..1000 {
            let wait = at(2, jitter());
            assert!(wait > Duration::from_millis(1500) && wait <= Duration::from_secs(2), "{wait:?}");
        }
    }

    #[test]
    fn jitter_is_in_the_unit_interval_and_varies() {
        let draws: Vec<f64> = (0..200).map(|_| jitter()).collect();
        assert!(draws.iter().all(|draw| (0.0..1.0).contains(draw)));
        let distinct: std::collections::BTreeSet<u64> = draws.iter().map(|draw| draw.to_bits()).collect();
        assert!(distinct.len() > 150, "{} distinct of 200", distinct.len());
    }

    #[test]
    fn which_statuses_are_retried_and_what_the_server_says_overrides() {
        let none = HeaderMap::new();
        for code in [408, 409, 429, 500, 502, 503, 504, 529] {
            assert!(should_retry(StatusCode::from_u16(code).expect("a status"), &none), "{code}");
        }
        for code in [200, 400, 401, 403, 404, 422] {
            assert!(!should_retry(StatusCode::from_u16(code).expect("a status"), &none), "{code}");
        }
        assert!(!should_retry(StatusCode::SERVICE_UNAVAILABLE, &headers(&[("x-should-retry", "false")])));
        assert!(should_retry(StatusCode::BAD_REQUEST, &headers(&[("x-should-retry", "true")])));
        assert!(should_retry(StatusCode::SERVICE_UNAVAILABLE, &headers(&[("x-should-retry", "maybe")])));
    }

    #[test]
    fn only_an_error_status_is_ever_retried_whatever_x_should_retry_says() {
        let asks = headers(&[("x-should-retry", "true")]);
        for code in [100, 200, 201, 202, 204, 206, 299, 301, 304, 307, 399] {
            let status = StatusCode::from_u16(code).expect("a status");
            assert!(!should_retry(status, &asks), "{code} with x-should-retry: true");
            assert!(!should_retry(status, &HeaderMap::new()), "{code}");
        }
        for code in [400, 404, 422, 499, 500, 599] {
            assert!(should_retry(StatusCode::from_u16(code).expect("a status"), &asks), "{code}");
        }
    }

    #[test]
    fn the_server_s_wait_is_taken_in_milliseconds_seconds_or_a_date_when_reasonable() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let asked = |pairs: &[(&'static str, &str)]| retry_after(&headers(pairs), now);
        assert_eq!(asked(&[("retry-after-ms", "250")]), Some(Duration::from_millis(250)));
        assert_eq!(asked(&[("retry-after-ms", "1.5")]), Some(Duration::from_micros(1500)));
        // Milliseconds come first.
        assert_eq!(asked(&[("retry-after-ms", "100"), ("retry-after", "7")]), Some(Duration::from_millis(100)));
        assert_eq!(asked(&[("retry-after", "7")]), Some(Duration::from_secs(7)));
        let date = httpdate::fmt_http_date(now + Duration::from_secs(30));
        assert_eq!(asked(&[("retry-after", &date)]), Some(Duration::from_secs(30)));
        // Too long, zero, past, negative or unreadable: the backoff decides.
        assert_eq!(asked(&[("retry-after", "61")]), None);
        assert_eq!(asked(&[("retry-after", "60")]), Some(MAX_RETRY_AFTER));
        assert_eq!(asked(&[("retry-after-ms", "0")]), None);
        assert_eq!(asked(&[("retry-after-ms", "-5")]), None);
        assert_eq!(asked(&[("retry-after", &httpdate::fmt_http_date(now - Duration::from_secs(5)))]), None);
        assert_eq!(asked(&[("retry-after", "soon")]), None);
        assert_eq!(asked(&[]), None);
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay(0, &headers(&[("retry-after", "soon")]), now, 0.0), Duration::from_millis(500));
        assert_eq!(policy.delay(0, &headers(&[("retry-after", "2")]), now, 0.0), Duration::from_secs(2));
    }
}

mod client_events {
    //! An event stream through the client: a bare TCP server writes the response in small
    //! chunks, with comments, a multi-line `data:` and an event split across chunks.

    use std::time::Duration;

    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    use crate::client::{Client, Error, RetryPolicy, StreamExt};
    use crate::operations::{Encoder, Operation, Received, RequestError, ResponseError, Streaming};
    use crate::validate::{Validate, Validator};

    #[derive(Debug, Clone, PartialEq, serde::Deserialize)]
    struct Delta {
        text: String,
    }

    #[derive(Debug, Clone)]
    struct StreamDeltas;

    impl Validate for StreamDeltas {
        fn validate_into(&self, _: &mut Validator) {}
    }

    impl Operation for StreamDeltas {
        type Response = Vec<Delta>;
        type Error = serde_json::Value;
        const METHOD: http::Method = http::Method::GET;
        const PATH_TEMPLATE: &'static str = "/v1/stream";
        fn to_http_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
            let mut encoder = Encoder::default();
            encoder.path(Self::PATH_TEMPLATE, &serde_json::Map::new());
            encoder.accept("text/event-stream");
            encoder.finish(Self::METHOD, base_url, None)
        }
        fn parse_response<B: AsRef<[u8]>>(
            response: http::Response<B>,
        ) -> Result<Vec<Delta>, ResponseError<serde_json::Value>> {
            let received = Received(response);
            match received.status() {
                200 => received.success_events(false, std::convert::identity),
                _ => received.failure(std::convert::identity),
            }
        }
    }

    impl Streaming for StreamDeltas {
        type Event = Delta;
        const WHOLE_EVENT: bool = false;
        fn into_events(response: Vec<Delta>) -> Vec<Delta> {
            response
        }
    }

    /// Serves one response, written in `chunks` with a pause after each, on every connection.
    async fn serve(head: &'static str, chunks: Vec<&'static str>) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        let address = listener.local_addr().expect("an address");
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let chunks = chunks.clone();
                tokio::spawn(async move {
                    let mut request = vec![0; 8192];
                    let _ = socket.read(&mut request).await;
                    let _ = socket.write_all(head.as_bytes()).await;
                    for chunk in chunks {
                        let _ = socket.write_all(chunk.as_bytes()).await;
                        let _ = socket.flush().await;
                        tokio::time::sleep(Duration::from_millis(5)).await;
                    }
                    let _ = socket.shutdown().await;
                });
            }
        });
        format!("http://{address}")
    }

    fn client(base_url: &str) -> Client {
        let quick = RetryPolicy { initial_delay: Duration::from_millis(1), max_delay: Duration::from_millis(2) };
        crate::client::ClientBuilder::new(base_url)
            .retry_policy(quick)
            .timeout(Duration::from_secs(5))
            .build()
            .expect("a client")
    }

    const STREAM_HEAD: &str = "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n\r\n";

    #[tokio::test]
    async fn events_arrive_decoded_from_small_chunks_with_comments_and_multi_line_data() {
        let base_url = serve(
            STREAM_HEAD,
            vec![
                ": a comment the stream ignores\n",
                "event: delta\ndata: {\"te",
                "xt\": \"one\"}\n\n",
                "data: {\"text\":\n",
                "data: \"two\"}\n\n: keep-alive\n\n",
                "data: {\"text\": \"thr",
                "ee\"}\r\n\r\n",
                "data: [DONE]\n\n",
                "data: {\"text\": \"after the end\"}\n\n",
            ],
        )
        .await;
        let client = client(&base_url);
        let events: Vec<_> = client.call(StreamDeltas).events().collect().await;
        let texts: Vec<String> = events.into_iter().map(|event| event.expect("decodes").text).collect();
        assert_eq!(texts, ["one", "two", "three"]);
    }

    #[tokio::test]
    async fn an_event_that_does_not_decode_ends_the_stream_with_its_data() {
        let base_url = serve(
            STREAM_HEAD,
            vec!["data: {\"text\": \"ok\"}\n\n", "data: {\"wrong\": 1}\n\n", "data: {\"text\": \"never\"}\n\n"],
        )
        .await;
        let client = client(&base_url);
        let events: Vec<_> = client.call(StreamDeltas).events().collect().await;
        assert_eq!(events.len(), 2, "{events:?}");
        let Err(Error::Decode { body, .. }) = &events[1] else {
            panic!("expected a decode error, got {:?}", events[1])
        };
        assert_eq!(&body[..], b"{\"wrong\": 1}");
    }

    #[tokio::test]
    async fn an_error_response_is_the_stream_s_one_item() {
        let base_url = serve(
            "HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: 17\r\nconnection: close\r\n\r\n",
            vec!["{\"type\": \"error\"}"],
        )
        .await;
        let events: Vec<_> = client(&base_url).call(StreamDeltas).events().collect().await;
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].as_ref().err().and_then(Error::status).map(|s| s.as_u16()), Some(404));
    }

    #[tokio::test]
    async fn a_success_sent_whole_as_json_still_gives_its_events() {
        // A server (or a proxy) that buffers: the body is not an event stream, and the
        // operation's own reader decides what it holds.
        let base_url = serve(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n",
            vec!["data: {\"text\": \"whole\"}\n\n"],
        )
        .await;
        let events: Vec<_> = client(&base_url).call(StreamDeltas).events().collect().await;
        let texts: Vec<String> = events.into_iter().map(|event| event.expect("decodes").text).collect();
        assert_eq!(texts, ["whole"]);
    }
}

mod client_requests {
    //! What the client puts on the wire besides the operation's own request: each kind of
    //! credential, and which header wins when several layers set one.

    use http::{HeaderName, HeaderValue};
    use wiremock::matchers::{header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use crate::client::{Client, ClientBuilder, ClientError, Credential};
    use crate::operations::{Encoder, Operation, Received, RequestError, ResponseError};
    use crate::validate::{Validate, Validator};

    /// `GET /v1/ping` with an `accept` and an `x-version` header of its own.
    #[derive(Debug, Clone)]
    pub(super) struct Ping;

    impl Validate for Ping {
        fn validate_into(&self, _: &mut Validator) {}
    }

    impl Operation for Ping {
        type Response = serde_json::Value;
        type Error = serde_json::Value;
        const METHOD: http::Method = http::Method::GET;
        const PATH_TEMPLATE: &'static str = "/v1/ping";
        fn to_http_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
            let mut encoder = Encoder::default();
            encoder.path(Self::PATH_TEMPLATE, &serde_json::Map::new());
            encoder.header("x-version", None, Some("2"), None);
            encoder.finish(Self::METHOD, base_url, None)
        }
        fn parse_response<B: AsRef<[u8]>>(
            response: http::Response<B>,
        ) -> Result<serde_json::Value, ResponseError<serde_json::Value>> {
            let received = Received(response);
            match received.status() {
                200 => received.success(std::convert::identity),
                _ => received.failure(std::convert::identity),
            }
        }
    }

    async fn answered(builder: ClientBuilder, server: &MockServer) -> bool {
        let client: Client = builder.max_retries(0).build().expect("a client");
        client.call(Ping).await.is_ok() && server.received_requests().await.is_some_and(|requests| requests.len() == 1)
    }

    async fn server_expecting(matcher: impl wiremock::Match + 'static) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/v1/ping"))
            .and(matcher)
            .respond_with(ResponseTemplate::new(200).set_body_json(true))
            .mount(&server)
            .await;
        server
    }

    #[tokio::test]
    async fn each_kind_of_credential_goes_where_its_scheme_says() {
        let server = server_expecting(header("authorization", "Bearer tok")).await;
        assert!(answered(ClientBuilder::new(server.uri()).credential(Credential::Bearer("tok".into())), &server).await);

        // "user:pass" in base64.
        let server = server_expecting(header("authorization", "Basic dXNlcjpwYXNz")).await;
        let basic = Credential::Basic { username: "user".into(), password: "pass".into() };
        assert!(answered(ClientBuilder::new(server.uri()).credential(basic), &server).await);

        let server = server_expecting(query_param("api_key", "k 1")).await;
        let query = Credential::Query { name: "api_key".into(), value: "k 1".into() };
        assert!(answered(ClientBuilder::new(server.uri()).credential(query), &server).await);

        let server = server_expecting(header("cookie", "session=abc")).await;
        let cookie = Credential::Cookie { name: "session".into(), value: "abc".into() };
        assert!(answered(ClientBuilder::new(server.uri()).credential(cookie), &server).await);
    }

    #[tokio::test]
    async fn the_call_overrides_the_credential_which_overrides_the_operation_which_overrides_the_defaults() {
        let server = server_expecting(header("x-version", "2")).await;
        let defaults = ClientBuilder::new(server.uri())
            .default_header(HeaderName::from_static("x-version"), HeaderValue::from_static("1"));
        assert!(answered(defaults, &server).await, "the operation's header beats the client's default");

        let server = server_expecting(header("x-version", "3")).await;
        let client = ClientBuilder::new(server.uri()).max_retries(0).build().expect("a client");
        let call = client.call(Ping).header(HeaderName::from_static("x-version"), HeaderValue::from_static("3"));
        assert!(call.await.is_ok(), "the call's header beats the operation's");

        let server = server_expecting(header("x-api-key", "secret")).await;
        let client = ClientBuilder::new(server.uri())
            .default_header(HeaderName::from_static("x-api-key"), HeaderValue::from_static("default"))
            .credential(Credential::Header { name: HeaderName::from_static("x-api-key"), value: "secret".into() })
            .max_retries(0)
            .build()
            .expect("a client");
        assert!(client.call(Ping).await.is_ok(), "the credential beats the default header");
    }

    #[test]
    fn a_credential_no_header_can_hold_fails_the_build_without_showing_it() {
        let bad = Credential::Bearer("line\nbreak-secret".into());
        let error = ClientBuilder::new("https://api.example.com").credential(bad).build().expect_err("rejected");
        assert!(matches!(error, ClientError::Credential(_)), "{error:?}");
        assert!(
            !error.to_string().contains("break-secret") && !format!("{error:?}").contains("break-secret"),
            "{error}"
        );
    }

    #[test]
    fn building_a_client_installs_ring_as_the_tls_provider_once() {
        // reqwest is built without a provider and panics in its own build without one.
        ClientBuilder::new("https://api.example.com").build().expect("a client with TLS");
        let installed = rustls::crypto::CryptoProvider::get_default().expect("a provider is installed");
        let ring = rustls::crypto::ring::default_provider();
        assert_eq!(installed.cipher_suites, ring.cipher_suites);
        crate::client::install_crypto_provider();
        ClientBuilder::new("https://api.example.com").build().expect("a second client");
        assert!(std::sync::Arc::ptr_eq(
            installed,
            rustls::crypto::CryptoProvider::get_default().expect("still installed")
        ));
    }

    #[test]
    fn a_base_url_that_is_not_a_url_fails_the_build() {
        let error = ClientBuilder::new("/v1").build().expect_err("relative");
        assert!(error.to_string().contains("`/v1` is not a URL"), "{error}");
    }
}

mod client_settings {
    //! Every pair of `ClientBuilder` settings that touch the same thing, each in both orders: no
    //! setting undoes another, and the same setting given twice keeps the last.

    use std::time::{Duration, Instant};

    use http::{HeaderName, HeaderValue};
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use super::client_requests::Ping;
    use crate::client::{ClientBuilder, Credential, Error, RetryPolicy};

    /// The backoff every case starts from: long enough that a case whose own backoff was undone
    /// shows it in its time.
    const SLOW: RetryPolicy = RetryPolicy { initial_delay: Duration::from_secs(2), max_delay: Duration::from_secs(2) };
    /// The backoff a case sets.
    const QUICK: RetryPolicy =
        RetryPolicy { initial_delay: Duration::from_millis(1), max_delay: Duration::from_millis(1) };
    /// How long the server takes to answer: more than a case's short timeout.
    const SERVER_DELAY: Duration = Duration::from_millis(100);
    const SHORT_TIMEOUT: Duration = Duration::from_millis(20);
    /// A base URL nothing listens on (the discard port).
    const NOWHERE: &str = "http://127.0.0.1:9";

    fn name(name: &'static str) -> HeaderName {
        HeaderName::from_static(name)
    }

    fn value(value: &'static str) -> HeaderValue {
        HeaderValue::from_static(value)
    }

    fn key(secret: &str) -> Credential {
        Credential::Header { name: name("x-api-key"), value: secret.into() }
    }

    fn plain_http_client() -> reqwest::Client {
        crate::client::install_crypto_provider();
        reqwest::Client::builder().build().expect("a reqwest client")
    }

    /// How a case's one call ends.
    #[derive(Debug, PartialEq)]
    enum Ends {
        /// The server's 503, after this many attempts.
        Api(u32),
        /// No answer within the timeout, after this many attempts.
        Timeout(u32),
        /// Nothing listens, after this many attempts.
        Connection(u32),
    }

    struct Case {
        /// The settings, in the order applied, for the failure message.
        settings: &'static str,
        /// Applies them, given the test server's URL.
        apply: fn(ClientBuilder, &str) -> ClientBuilder,
        ends: Ends,
        /// Headers of the first request the server saw: each with its value, or `None` for
        /// absent.
        sent: &'static [(&'static str, Option<&'static str>)],
    }

    const CASES: &[Case] = &[
        Case {
            settings: "max_retries(2).retry_policy(QUICK)",
            apply: |builder, _| builder.max_retries(2).retry_policy(QUICK),
            ends: Ends::Api(3),
            sent: &[],
        },
        Case {
            settings: "retry_policy(QUICK).max_retries(2)",
            apply: |builder, _| builder.retry_policy(QUICK).max_retries(2),
            ends: Ends::Api(3),
            sent: &[],
        },
        Case {
            settings: "max_retries(0).retry_policy(QUICK)",
            apply: |builder, _| builder.max_retries(0).retry_policy(QUICK),
            ends: Ends::Api(1),
            sent: &[],
        },
        Case {
            settings: "retry_policy(QUICK).max_retries(0)",
            apply: |builder, _| builder.retry_policy(QUICK).max_retries(0),
            ends: Ends::Api(1),
            sent: &[],
        },
        Case {
            settings: "max_retries(2).max_retries(0)",
            apply: |builder, _| builder.max_retries(2).max_retries(0),
            ends: Ends::Api(1),
            sent: &[],
        },
        Case {
            settings: "timeout(SHORT).http_client(plain)",
            apply: |builder, _| builder.timeout(SHORT_TIMEOUT).http_client(plain_http_client()),
            ends: Ends::Timeout(1),
            sent: &[],
        },
        Case {
            settings: "http_client(plain).timeout(SHORT)",
            apply: |builder, _| builder.http_client(plain_http_client()).timeout(SHORT_TIMEOUT),
            ends: Ends::Timeout(1),
            sent: &[],
        },
        Case {
            settings: "timeout(SHORT).timeout(5 s)",
            apply: |builder, _| builder.timeout(SHORT_TIMEOUT).timeout(Duration::from_secs(5)),
            ends: Ends::Api(1),
            sent: &[],
        },
        Case {
            settings: "base_url(nowhere).base_url(server)",
            apply: |builder, server| builder.base_url(NOWHERE).base_url(server),
            ends: Ends::Api(1),
            sent: &[],
        },
        Case {
            settings: "base_url(server).base_url(nowhere)",
            apply: |builder, server| builder.base_url(server).base_url(NOWHERE),
            ends: Ends::Connection(1),
            sent: &[],
        },
        Case {
            settings: "default_header(x-api-key).credential(x-api-key)",
            apply: |builder, _| builder.default_header(name("x-api-key"), value("default")).credential(key("secret")),
            ends: Ends::Api(1),
            sent: &[("x-api-key", Some("secret"))],
        },
        Case {
            settings: "credential(x-api-key).default_header(x-api-key)",
            apply: |builder, _| builder.credential(key("secret")).default_header(name("x-api-key"), value("default")),
            ends: Ends::Api(1),
            sent: &[("x-api-key", Some("secret"))],
        },
        Case {
            settings: "credential(x-api-key: first).credential(x-api-key: second)",
            apply: |builder, _| builder.credential(key("first")).credential(key("second")),
            ends: Ends::Api(1),
            sent: &[("x-api-key", Some("second"))],
        },
        Case {
            settings: "retry_count_header(x-attempt).default_header(x-attempt)",
            apply: |builder, _| {
                builder.retry_count_header(Some(name("x-attempt"))).default_header(name("x-attempt"), value("9"))
            },
            ends: Ends::Api(1),
            sent: &[("x-attempt", Some("0")), ("x-stainless-retry-count", None)],
        },
        Case {
            settings: "default_header(x-attempt).retry_count_header(x-attempt)",
            apply: |builder, _| {
                builder.default_header(name("x-attempt"), value("9")).retry_count_header(Some(name("x-attempt")))
            },
            ends: Ends::Api(1),
            sent: &[("x-attempt", Some("0")), ("x-stainless-retry-count", None)],
        },
        Case {
            settings: "retry_count_header(None).retry_count_header(x-attempt)",
            apply: |builder, _| builder.retry_count_header(None).retry_count_header(Some(name("x-attempt"))),
            ends: Ends::Api(1),
            sent: &[("x-attempt", Some("0")), ("x-stainless-retry-count", None)],
        },
        Case {
            settings: "retry_count_header(x-attempt).retry_count_header(None)",
            apply: |builder, _| builder.retry_count_header(Some(name("x-attempt"))).retry_count_header(None),
            ends: Ends::Api(1),
            sent: &[("x-attempt", None), ("x-stainless-retry-count", None)],
        },
    ];

    #[tokio::test]
    async fn no_setting_undoes_another_in_either_order() {
        for case in CASES {
            let server = MockServer::start().await;
            Mock::given(method("GET"))
                .and(path("/v1/ping"))
                .respond_with(ResponseTemplate::new(503).set_body_json("overloaded").set_delay(SERVER_DELAY))
                .mount(&server)
                .await;
            // What every case starts from; the case's settings come after, so each must hold.
            let base =
                ClientBuilder::new(server.uri()).max_retries(0).retry_policy(SLOW).timeout(Duration::from_secs(5));
            let client = (case.apply)(base, &server.uri()).build().expect("a client");
            let started = Instant::now();
            let error = client.call(Ping).await.expect_err("the server always answers 503");
            let elapsed = started.elapsed();
            let ends = match &error {
                Error::Api { attempts, .. } => Ends::Api(*attempts),
                Error::Timeout { attempts } => Ends::Timeout(*attempts),
                Error::Connection { attempts, .. } => Ends::Connection(*attempts),
                other => panic!("{}: unexpected {other:?}", case.settings),
            };
            assert_eq!(ends, case.ends, "{}", case.settings);
            // The slow backoff of the base settings was not used.
            assert!(elapsed < Duration::from_secs(1), "{}: took {elapsed:?}", case.settings);
            let requests = server.received_requests().await.expect("wiremock records requests");
            let expected_requests = match case.ends {
                Ends::Api(attempts) | Ends::Timeout(attempts) => attempts as usize,
                Ends::Connection(_) => 0,
            };
            assert_eq!(requests.len(), expected_requests, "{}", case.settings);
            for (header, expected) in case.sent {
                let sent = requests[0].headers.get(*header).map(|value| value.to_str().expect("text"));
                assert_eq!(sent, *expected, "{}: {header}", case.settings);
            }
        }
    }
}

mod links {
    use super::*;

    fn headers(values: &[&str]) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        for value in values {
            headers.append(http::header::LINK, value.parse().expect("a header value"));
        }
        headers
    }

    #[test]
    fn the_next_links_parameter_is_read_whichever_link_and_header_it_is_in() {
        // GitHub's form: several links in one header, `next` not first.
        let github = headers(&[
            r#"<https://api.github.com/repositories/1/issues?per_page=2&page=1>; rel="prev", <https://api.github.com/repositories/1/issues?per_page=2&page=3>; rel="next", <https://api.github.com/repositories/1/issues?per_page=2&page=9>; rel="last""#,
        ]);
        assert_eq!(next_link_parameter(&github, "page").as_deref(), Some("3"));
        assert_eq!(next_link_parameter(&github, "per_page").as_deref(), Some("2"));
        // One link per header, several relations, an unquoted one, a percent-encoded cursor.
        let split =
            headers(&["</items?after=a>; rel=prev", "</items?after=b%2Bc+d#top>; title=\"x\"; rel=\"last next\""]);
        assert_eq!(next_link_parameter(&split, "after").as_deref(), Some("b+c d"));
    }

    #[test]
    fn no_next_link_is_the_last_page() {
        assert_eq!(next_link_parameter(&headers(&[r#"</items?page=1>; rel="prev""#]), "page"), None);
        assert_eq!(next_link_parameter(&headers(&[]), "page"), None);
        assert_eq!(next_link_parameter(&headers(&[r#"</items>; rel="next""#]), "page"), None);
        // Bytes that are not UTF-8 are no value rather than a wrong one.
        assert_eq!(next_link_parameter(&headers(&[r#"</items?page=%FF>; rel="next""#]), "page"), None);
    }
}

mod client_pages_by_links {
    //! The client hands each page's headers to `next_request`: an API that pages by `Link`
    //! headers (RFC 8288) is walked to its last page, keeping the caller's filters.

    use futures_util::StreamExt;
    use wiremock::matchers::{method, path, query_param, query_param_is_missing};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    use crate::client::ClientBuilder;
    use crate::operations::{
        Encoder, Listing, Operation, Paginated, Received, RequestError, ResponseError, next_link_parameter,
    };
    use crate::validate::{Validate, Validator};

    /// `GET /issues?state=…&page=…`, a list of issue numbers, paged as GitHub pages: what the
    /// generator emits for a `Link` walk.
    #[derive(Debug, Clone)]
    struct ListIssues {
        state: &'static str,
        page: Option<i64>,
    }

    impl Validate for ListIssues {
        fn validate_into(&self, _: &mut Validator) {}
    }

    impl Operation for ListIssues {
        type Response = Vec<u32>;
        type Error = serde_json::Value;
        const METHOD: http::Method = http::Method::GET;
        const PATH_TEMPLATE: &'static str = "/issues";
        fn to_http_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
            let mut encoder = Encoder::default();
            encoder.path(Self::PATH_TEMPLATE, &serde_json::Map::new());
            encoder.query_pair("state", self.state);
            if let Some(page) = self.page {
                encoder.query_pair("page", &page.to_string());
            }
            encoder.finish(Self::METHOD, base_url, None)
        }
        fn parse_response<B: AsRef<[u8]>>(
            response: http::Response<B>,
        ) -> Result<Vec<u32>, ResponseError<serde_json::Value>> {
            let received = Received(response);
            match received.status() {
                200 => received.success(std::convert::identity),
                _ => received.failure(std::convert::identity),
            }
        }
    }

    impl Paginated for ListIssues {
        fn next_request(&self, page: &Vec<u32>, headers: &http::HeaderMap) -> Option<Self> {
            if page.is_empty() {
                return None;
            }
            let page = next_link_parameter(headers, "page")?;
            Some(Self { page: Some(page.parse().ok()?), ..self.clone() })
        }
    }

    impl Listing for ListIssues {
        type Item = u32;
        fn into_items(page: Vec<u32>) -> Vec<u32> {
            page
        }
    }

    #[tokio::test]
    async fn items_follow_the_link_headers_to_the_last_page() {
        let server = MockServer::start().await;
        let next = format!(
            r#"<{}/issues?state=open&page=2>; rel="next", <{0}/issues?state=open&page=2>; rel="last""#,
            server.uri()
        );
        Mock::given(method("GET"))
            .and(path("/issues"))
            .and(query_param("state", "open"))
            .and(query_param_is_missing("page"))
            .respond_with(ResponseTemplate::new(200).insert_header("link", next.as_str()).set_body_json([1, 2]))
            .mount(&server)
            .await;
        let prev = format!(r#"<{}/issues?state=open&page=1>; rel="prev""#, server.uri());
        Mock::given(method("GET"))
            .and(path("/issues"))
            .and(query_param("state", "open"))
            .and(query_param("page", "2"))
            .respond_with(ResponseTemplate::new(200).insert_header("link", prev.as_str()).set_body_json([3]))
            .mount(&server)
            .await;
        let client = ClientBuilder::new(server.uri()).max_retries(0).build().expect("a client");
        let items: Vec<u32> = client
            .call(ListIssues { state: "open", page: None })
            .items()
            .map(|item| item.expect("an item"))
            .collect()
            .await;
        assert_eq!(items, [1, 2, 3]);
        assert_eq!(server.received_requests().await.map(|requests| requests.len()), Some(2));
    }
}

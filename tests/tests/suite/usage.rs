//! How downstream code calls the ten operations through their `new` and the body builders, minimal and full: the
//! functions compile (never called, in progenitor's style), and one test looks at what the stubs
//! send on the wire.

#![allow(dead_code, reason = "compile-only usage: these functions are type-checked, not run")]

use generated::Nullable;
use generated::operations::{
    BetaArchiveDeployment, BetaCreateDeployment, BetaGetDeployment, BetaGetDeploymentRun, BetaListDeploymentRuns,
    BetaListDeployments, BetaPauseDeployment, BetaRunDeploymentNow, BetaUnpauseDeployment, BetaUpdateDeployment,
    Operation, Paginated, RequestError,
};
use generated::{
    AgentParams, AnthropicBeta, BudgetLimit, CreateDeploymentParams, CronScheduleParams, Currency,
    DeploymentInitialEventParams, DeploymentStatus, FileResourceParams, GitHubRepositoryResourceParams, MonetaryAmount,
    SystemMessageEventParams, TextRubricParams, TriggerType, UpdateDeploymentParams, UserDefineOutcomeEventParams,
    UserMessageEventParams,
};

type Requests = Result<Vec<http::Request<Vec<u8>>>, RequestError>;
const BASE: &str = "https://api.anthropic.com";

fn minimal_create_body() -> CreateDeploymentParams {
    CreateDeploymentParams::builder()
        .name("Daily order report")
        .agent("agent_011CZkYpogX7uDKUyvBTophP")
        .environment_id("env_011CZkZ9X2dpNyB7HsEFoRfW")
        .initial_events([UserMessageEventParams::builder().content(["Compile yesterday's orders."]).build()])
        .build()
}

fn full_create_body() -> CreateDeploymentParams {
    let budget = BudgetLimit::builder()
        .max_list_cost(MonetaryAmount::builder().currency(Currency::Usd).amount("2500").build())
        .build();
    CreateDeploymentParams::builder()
        .name("Nightly build doctor")
        .agent(AgentParams::builder().id("agent_011CZkYpogX7uDKUyvBTophP").version(2).build())
        .environment_id("env_011CZkZ9X2dpNyB7HsEFoRfW")
        .initial_events([
            DeploymentInitialEventParams::from(UserMessageEventParams::builder().content(["Fix the build."]).build()),
            UserDefineOutcomeEventParams::builder()
                .description("A green build.")
                .rubric(TextRubricParams::from("The build passes."))
                .max_iterations(3)
                .build()
                .into(),
            UserMessageEventParams::builder().content(["Start with the failing test."]).build().into(),
            SystemMessageEventParams::builder().content(["Prefer small commits."]).build().into(),
        ])
        .description("Fixes the nightly build.")
        .metadata([("team", "platform")])
        .resources([
            generated::SessionResourceParams::from(
                GitHubRepositoryResourceParams::builder()
                    .url("https://github.com/example/shop")
                    .authorization_token("ghp_example")
                    .build(),
            ),
            FileResourceParams::builder().file_id("file_011CNha8iCJcU1wXNR6q4V8w").mount_path("/mnt/x").build().into(),
        ])
        .schedule(CronScheduleParams::builder().expression("0 9 * * 1-5").timezone("America/Los_Angeles").build())
        .vault_ids(["vlt_011CZkZDLs7fYzm1hXNPeRjv"])
        .budget(budget)
        .build()
}

fn every_operation_minimal() -> Requests {
    Ok(vec![
        BetaCreateDeployment::new(minimal_create_body()).to_http_request(BASE)?,
        BetaListDeployments::new().to_http_request(BASE)?,
        BetaGetDeployment::new("depl_1").to_http_request(BASE)?,
        BetaUpdateDeployment::new("depl_1", UpdateDeploymentParams::default()).to_http_request(BASE)?,
        BetaArchiveDeployment::new("depl_1").to_http_request(BASE)?,
        BetaPauseDeployment::new("depl_1").to_http_request(BASE)?,
        BetaUnpauseDeployment::new("depl_1").to_http_request(BASE)?,
        BetaRunDeploymentNow::new("depl_1").to_http_request(BASE)?,
        BetaListDeploymentRuns::new().to_http_request(BASE)?,
        BetaGetDeploymentRun::new("drun_1").to_http_request(BASE)?,
    ])
}

/// Every optional parameter set: a request's `new` takes what it cannot be sent without, and
/// the rest are its parts' fields.
fn every_operation_full() -> Requests {
    let betas = Some(vec![AnthropicBeta::MessageBatches20240924]);
    // No required field, so no builder: `Default` and field assignment say it (the struct is
    // `#[non_exhaustive]`, so no struct literal outside the crate).
    let mut update = UpdateDeploymentParams::default();
    update.name = Some("Renamed".to_owned());
    update.schedule = Nullable::Null;
    update.budget = Nullable::Null;
    update.metadata = Nullable::Value([("old".to_owned(), None::<String>)].into_iter().collect());
    let mut create = BetaCreateDeployment::new(full_create_body());
    create.headers.anthropic_beta.clone_from(&betas);
    create.headers.anthropic_version = Some("2023-06-01".to_owned());
    create.headers.anthropic_workspace_id = Some("wrkspc_1".to_owned());
    let mut list = BetaListDeployments::new();
    list.query.limit = Some(100);
    list.query.page = Some("page_x".to_owned());
    list.query.agent_id = Some("agent_1".to_owned());
    list.query.status = Some(DeploymentStatus::Active);
    list.query.created_at_gte = Some(jiff::Timestamp::UNIX_EPOCH);
    list.query.created_at_lte = Some(jiff::Timestamp::UNIX_EPOCH);
    list.headers.anthropic_beta.clone_from(&betas);
    list.headers.anthropic_workspace_id = Some("wrkspc_1".to_owned());
    let mut get = BetaGetDeployment::new("depl_1");
    get.headers.anthropic_beta.clone_from(&betas);
    let mut change = BetaUpdateDeployment::new("depl_1", update);
    change.headers.anthropic_workspace_id = Some("w".to_owned());
    let mut archive = BetaArchiveDeployment::new("depl_1");
    archive.headers.anthropic_beta.clone_from(&betas);
    let mut pause = BetaPauseDeployment::new("depl_1");
    pause.headers.anthropic_beta.clone_from(&betas);
    let mut unpause = BetaUnpauseDeployment::new("depl_1");
    unpause.headers.anthropic_beta.clone_from(&betas);
    let mut run = BetaRunDeploymentNow::new("depl_1");
    run.headers.anthropic_beta.clone_from(&betas);
    let mut runs = BetaListDeploymentRuns::new();
    runs.query.limit = Some(1000);
    runs.query.page = Some("page_x".to_owned());
    runs.query.deployment_id = Some("depl_1".to_owned());
    runs.query.trigger_type = Some(TriggerType::Manual);
    runs.query.has_error = Some(true);
    runs.query.created_at_gt = Some(jiff::Timestamp::UNIX_EPOCH);
    runs.query.created_at_gte = Some(jiff::Timestamp::UNIX_EPOCH);
    runs.query.created_at_lt = Some(jiff::Timestamp::UNIX_EPOCH);
    runs.query.created_at_lte = Some(jiff::Timestamp::UNIX_EPOCH);
    runs.headers.anthropic_beta.clone_from(&betas);
    let mut get_run = BetaGetDeploymentRun::new("drun_1");
    get_run.headers.anthropic_beta = betas;
    Ok(vec![
        create.to_http_request(BASE)?,
        list.to_http_request(BASE)?,
        get.to_http_request(BASE)?,
        change.to_http_request(BASE)?,
        archive.to_http_request(BASE)?,
        pause.to_http_request(BASE)?,
        unpause.to_http_request(BASE)?,
        run.to_http_request(BASE)?,
        runs.to_http_request(BASE)?,
        get_run.to_http_request(BASE)?,
    ])
}

/// Paging with a caller's transport: here a closure standing in for an HTTP client, whose page
/// comes without headers (this API pages by a cursor in the body).
fn walk_every_page(
    mut send: impl FnMut(&BetaListDeploymentRuns) -> Result<generated::ListDeploymentRunsData, String>,
) -> usize {
    let mut first = BetaListDeploymentRuns::new();
    first.query.limit = Some(1000);
    first
        .pages(|request| send(request).map(http::Response::new))
        .filter_map(Result::ok)
        .map(|page| page.data.len())
        .sum()
}

fn header<'a>(request: &'a http::Request<Vec<u8>>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|value| value.to_str().ok())
}

#[test]
fn requests_carry_what_the_official_sdks_send() {
    let minimal = every_operation_minimal().expect("every minimal request builds");
    let full = every_operation_full().expect("every full request builds");
    assert_eq!((minimal.len(), full.len()), (10, 10));
    for request in minimal.iter().chain(&full) {
        assert!(
            request.uri().query().is_some_and(|query| query.split('&').any(|pair| pair == "beta=true")),
            "{}",
            request.uri()
        );
        assert_eq!(header(request, "anthropic-version"), Some("2023-06-01"));
        let beta = header(request, "anthropic-beta").expect("an anthropic-beta header");
        assert_eq!(beta.matches("managed-agents-2026-04-01").count(), 1, "{beta}");
    }
    assert_eq!(header(&full[0], "anthropic-beta"), Some("message-batches-2024-09-24,managed-agents-2026-04-01"));
    assert_eq!(header(&full[0], "anthropic-workspace-id"), Some("wrkspc_1"));
    assert_eq!(header(&full[0], "content-type"), Some("application/json"));
    assert_eq!(full[0].method(), http::Method::POST);
    assert_eq!(full[0].uri().to_string(), "https://api.anthropic.com/v1/deployments?beta=true");
    assert_eq!(
        full[1].uri().query(),
        Some(
            "beta=true&limit=100&page=page_x&agent_id=agent_1&status=active&created_at%5Bgte%5D=1970-01-01T00%3A00%3A00Z\
             &created_at%5Blte%5D=1970-01-01T00%3A00%3A00Z"
        )
    );
    assert_eq!(full[8].uri().query().map(|q| q.contains("has_error=true")), Some(true));
    assert_eq!(minimal[5].uri().path(), "/v1/deployments/depl_1/pause");
    let update: serde_json::Value = serde_json::from_slice(full[3].body()).expect("a JSON body");
    assert_eq!(
        update,
        serde_json::json!({"name": "Renamed", "schedule": null, "budget": null, "metadata": {"old": null}})
    );
}

#[test]
fn path_parameters_are_encoded_as_one_segment() {
    let request = BetaPauseDeployment::new("a/../b c").to_http_request(BASE).expect("builds");
    assert_eq!(request.uri().path(), "/v1/deployments/a%2F..%2Fb%20c/pause");
}

#[test]
fn invalid_requests_are_not_built() {
    let error = BetaPauseDeployment::new("").to_http_request(BASE).expect_err("empty id");
    assert_eq!(
        error.to_string(),
        "invalid request: 1 violation of the API's limits:\n  - deployment_id: must be at least 1 character long, is 0"
    );
    let mut too_many = BetaListDeployments::new();
    too_many.query.limit = Some(101);
    too_many.query.status = Some(DeploymentStatus::Paused);
    too_many.query.include_archived = Some(true);
    let RequestError::Invalid(errors) = too_many.to_http_request(BASE).expect_err("two violations") else {
        panic!("expected a validation error")
    };
    assert_eq!(errors.violations().len(), 2);
}

#[test]
fn error_responses_decode_into_the_error_envelope_and_undocumented_ones_are_kept_raw() {
    let response = http::Response::builder()
        .status(404)
        .header("request-id", "req_123")
        .body(br#"{"type":"error","error":{"type":"not_found_error","message":"no such deployment"},"request_id":"req_123"}"#.to_vec())
        .expect("a response");
    let error = BetaGetDeployment::parse_response(response).expect_err("a 404");
    assert_eq!((error.status(), error.request_id()), (http::StatusCode::NOT_FOUND, Some("req_123")));
    match error {
        generated::operations::ResponseError::Api { error, .. } => {
            assert!(matches!(error.error, generated::ErrorResponseError::NotFoundError(_)), "{error:?}");
        }
        other => panic!("expected an API error, got {other}"),
    }
    let unknown = http::Response::builder()
        .status(529)
        .body(br#"{"type":"error","error":{"type":"brand_new_error","message":"?"},"request_id":null}"#.to_vec())
        .expect("a response");
    let error = BetaGetDeployment::parse_response(unknown).expect_err("a 529");
    assert!(
        matches!(&error, generated::operations::ResponseError::Api { error, .. } if matches!(error.error, generated::ErrorResponseError::Unknown(_))),
        "{error:?}"
    );
    // A documented status whose body is not the envelope: as received, as an undocumented
    // status is (an error status is never a decode error).
    let garbage = http::Response::builder().status(503).body(b"<html>unavailable</html>".to_vec()).expect("a response");
    let error = BetaGetDeployment::parse_response(garbage).expect_err("not JSON");
    assert!(
        matches!(&error, generated::operations::ResponseError::Undocumented { body, .. } if body == b"<html>unavailable</html>"),
        "{error:?}"
    );
    // A status the spec does not document, whose body is not the envelope either: as received.
    let gateway = http::Response::builder()
        .status(502)
        .header("request-id", "req_456")
        .body(b"<html>bad gateway</html>".to_vec())
        .expect("a response");
    let error = BetaGetDeployment::parse_response(gateway).expect_err("undocumented");
    assert_eq!(error.request_id(), Some("req_456"));
    match error {
        generated::operations::ResponseError::Undocumented { status, headers, body } => {
            assert_eq!(status, http::StatusCode::BAD_GATEWAY);
            assert_eq!(headers.get("request-id").map(http::HeaderValue::as_bytes), Some(&b"req_456"[..]));
            assert_eq!(body, b"<html>bad gateway</html>");
        }
        other => panic!("expected an undocumented status, got {other}"),
    }
}

/// A server that hands back the cursor it was just sent (a page full of items that names itself as
/// the next) is asked once for that page, not forever.
#[test]
fn the_sans_io_walk_never_sends_the_same_request_twice() {
    let spec = tests::read_document(&tests::spec_path()).expect("the spec reads");
    let mut page = spec["paths"]["/v1/deployment_runs"]["get"]["responses"]["200"]["content"]["application/json"]
        ["examples"]["mixed"]["value"]
        .clone();
    page["next_page"] = serde_json::json!("p2");
    let mut cursors = Vec::new();
    let items = walk_every_page(|request| {
        cursors.push(request.query.page.clone());
        if cursors.len() > 3 {
            return Err("the same page was asked for again and again".to_owned());
        }
        serde_json::from_value(page.clone()).map_err(|error| error.to_string())
    });
    assert_eq!(cursors, [None, Some("p2".to_owned())]);
    assert!(items > 0);
}

#[test]
fn the_sans_io_walk_stops_at_a_page_without_items_whatever_cursor_it_holds() {
    let spec = tests::read_document(&tests::spec_path()).expect("the spec reads");
    let mut full = spec["paths"]["/v1/deployment_runs"]["get"]["responses"]["200"]["content"]["application/json"]
        ["examples"]["mixed"]["value"]
        .clone();
    full["next_page"] = serde_json::json!("p2");
    let pages = [full, serde_json::json!({"data": [], "next_page": "p3"})];
    let mut cursors = Vec::new();
    let items = walk_every_page(|request| {
        cursors.push(request.query.page.clone());
        let page = pages.get(cursors.len() - 1).ok_or("a page past the empty one was asked for")?;
        serde_json::from_value(page.clone()).map_err(|error| error.to_string())
    });
    assert_eq!(cursors, [None, Some("p2".to_owned())]);
    assert!(items > 0);
}

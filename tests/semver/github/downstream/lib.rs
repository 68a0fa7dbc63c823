// features: billing, classroom, code_scanning, code_security, dependency_graph, orgs, rate_limit, reactions
//! Code a user of the crate of `@octokit/openapi` 22.0.0 could have written, one function per
//! change of `../expected.txt`, each under a `// report:` line that is that change's line up to
//! its ` — ` (class, item, what happened). Checked against the crate of 23.0.2, a function must
//! fail to compile exactly when its change is `breaking`; against 22.0.0, every function compiles.
//!
//! The code reads fields, names types and associated types, and matches: it never builds a
//! generated struct with a struct literal nor destructures one, which `#[non_exhaustive]` or a
//! new field would break whatever the change at hand.

use api::operations::Operation;

// report: breaking: BillingUpdateBudgetOrgBodyBudgetScope (enum) is removed
pub fn has_budget_scope(scope: Option<&api::BillingUpdateBudgetOrgBodyBudgetScope>) -> bool {
    scope.is_some()
}

// report: breaking: Budget field `budget_scope` changes type (String -> BudgetBudgetScope)
pub fn budget_scope(budget: &api::Budget) -> &String {
    &budget.budget_scope
}

// report: breaking: RateLimitOverviewResources field `code_scanning_upload` is removed (was Option<RateLimit>)
pub fn code_scanning_upload_remaining(resources: &api::RateLimitOverviewResources) -> Option<i64> {
    resources.code_scanning_upload.as_ref().map(|limit| limit.remaining)
}

// report: breaking: CodeSecurityDetachConfigurationBody field `selected_repository_ids` is now required (Option<Vec<i64>> -> Vec<i64>)
pub fn detached_repositories(body: &api::CodeSecurityDetachConfigurationBody) -> usize {
    match &body.selected_repository_ids {
        Some(ids) => ids.len(),
        None => 0,
    }
}

// report: breaking: CodeSecurityCreateConfigurationBody field `description` is now optional (String -> Option<String>)
pub fn configuration_description(body: &api::CodeSecurityCreateConfigurationBody) -> &str {
    body.description.as_str()
}

// report: breaking: operations::DependencyGraphDiffRange `type Error` changes (BasicError -> operations::DependencyGraphDiffRangeError)
pub fn diff_range_error_message(
    error: &<api::operations::DependencyGraphDiffRange as Operation>::Error,
) -> Option<&str> {
    let error: &api::BasicError = error;
    error.message.as_deref()
}

// report: breaking: CustomPropertySetPayloadValueType variant `Url` is added (`url`): an exhaustive `match` no longer compiles
pub fn is_selection(value_type: &api::CustomPropertySetPayloadValueType) -> bool {
    match value_type {
        api::CustomPropertySetPayloadValueType::SingleSelect | api::CustomPropertySetPayloadValueType::MultiSelect => {
            true
        }
        api::CustomPropertySetPayloadValueType::String | api::CustomPropertySetPayloadValueType::TrueFalse => false,
    }
}

// report: breaking: operations::ReactionsCreateForTeamDiscussionInOrg is removed (`POST /orgs/{org}/teams/{team_slug}/discussions/{discussion_number}/reactions`)
pub fn team_discussion_reaction_path() -> &'static str {
    <api::operations::ReactionsCreateForTeamDiscussionInOrg as Operation>::PATH_TEMPLATE
}

// report: breaking: operations::CodeScanningCreateAutofixError loses its variant for status `503`
pub fn autofix_unavailable(error: &api::operations::CodeScanningCreateAutofixError) -> bool {
    matches!(error, api::operations::CodeScanningCreateAutofixError::ServiceUnavailable(_))
}

// report: additive: CodeScanningAlertDismissedReason variant `Mitigated` is added (`mitigated`): the value was read as `Other` before; the type is `#[non_exhaustive]`, so every `match` on it already has a `_` arm
pub fn dismissed_as_noise(reason: &api::CodeScanningAlertDismissedReason) -> bool {
    match reason {
        api::CodeScanningAlertDismissedReason::FalsePositive | api::CodeScanningAlertDismissedReason::UsedInTests => {
            true
        }
        _ => false,
    }
}

// report: additive: CustomPropertyValueType variant `Url` is added (`url`): the value was read as `Other` before; the type is `#[non_exhaustive]`, so every `match` on it already has a `_` arm
pub fn value_type_name(value_type: &api::CustomPropertyValueType) -> &str {
    match value_type {
        api::CustomPropertyValueType::String => "string",
        api::CustomPropertyValueType::SingleSelect => "single_select",
        api::CustomPropertyValueType::MultiSelect => "multi_select",
        api::CustomPropertyValueType::TrueFalse => "true_false",
        api::CustomPropertyValueType::Other(name) => name,
        _ => "unknown",
    }
}

// report: additive: operations::BillingCreateOrganizationBudget is added (`POST /organizations/{org}/settings/billing/budgets`)
pub fn budget_operations() -> [&'static str; 2] {
    // A glob import and an item of the new operation's name: the local item shadows the glob.
    use api::operations::*;
    struct BillingCreateOrganizationBudget;
    let _ = BillingCreateOrganizationBudget;
    [<BillingGetAllBudgetsOrg as Operation>::PATH_TEMPLATE, <BillingDeleteBudgetOrg as Operation>::PATH_TEMPLATE]
}

// report: additive: DependencyGraphGenerateSbomReportResponse (struct) is added
pub fn snapshot_sha(snapshot: &api::Snapshot) -> &str {
    // As above, for a type the crate root gains.
    use api::*;
    struct DependencyGraphGenerateSbomReportResponse;
    let _ = DependencyGraphGenerateSbomReportResponse;
    let snapshot: &Snapshot = snapshot;
    &snapshot.sha
}

// report: warning: OrgsCreateArtifactDeploymentRecordBody field `name` gains limit `maxLength` 256: `validate` may reject values it accepted
pub fn deployment_record_is_valid(body: &api::OrgsCreateArtifactDeploymentRecordBody) -> bool {
    api::validate::Validate::validate(body).is_ok()
}

// report: none: Snapshot field `sha` limit `maxLength` widened (40 -> 64)
pub fn fits_a_snapshot_sha(sha: &str) -> bool {
    (api::Snapshot::SHA_MIN_LENGTH..=api::Snapshot::SHA_MAX_LENGTH).contains(&sha.len())
}

// report: warning: operations::ClassroomGetAClassroom `type Error` status `410` is now documented: read as BasicError, no longer `ResponseError::Undocumented`
pub fn classroom_error_message(error: &<api::operations::ClassroomGetAClassroom as Operation>::Error) -> Option<&str> {
    let error: &api::BasicError = error;
    error.message.as_deref()
}

//! The corpus specs' list operations page by the shapes the fixture `pagination-shapes` walks
//! against a local server: each operation it models is named there after its corpus spec, and
//! here the real spec must page that operation the same way, so the fixture stays true to it.

/// Each corpus spec with operations the fixture models, and the style each pages by.
const MODELLED: &[(&str, &[(&str, &str)])] = &[
    ("asana.yaml", &[("getProjects", "cursor")]),
    ("pagerduty-rest.json", &[("listIncidents", "offset"), ("listAuditRecords", "cursor")]),
    (
        "mistral.yaml",
        &[
            ("jobs_api_routes_fine_tuning_get_fine_tuning_jobs", "page"),
            ("agents_api_v1_conversations_list", "page"),
            ("libraries_documents_list_v1", "page"),
        ],
    ),
];

#[test]
fn the_operations_the_fixture_models_page_the_same_way_in_their_corpus_specs() {
    let corpus = tests::workspace_root().join("tests/reference/corpus");
    let fixture = std::fs::read_to_string(tests::workspace_root().join("tests/fixtures/pagination-shapes/spec.yaml"))
        .expect("the fixture's spec");
    for (spec, operations) in MODELLED {
        let generated =
            codegen::generate_from_path(&corpus.join(spec), &codegen::Config::default()).expect("the spec generates");
        let paged = generated.pagination();
        for (operation, style) in *operations {
            assert!(fixture.contains(&format!("operationId: {operation}\n")), "the fixture models `{operation}`");
            let found = paged.iter().find(|(id, _)| id == operation).map(|(_, style)| *style);
            assert_eq!(found, Some(*style), "`{operation}` of {spec}");
        }
    }
}

//! The shape of the workspace, where it matters for regenerating: the front end must build
//! whatever the generated crate looks like, so it must not depend on it.

use std::process::Command;

#[test]
fn the_front_end_does_not_depend_on_the_generated_crate() {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps", "--offline"])
        .current_dir(tests::workspace_root())
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let packages = metadata["packages"].as_array().expect("packages");
    for front_end in ["xtask", "codegen"] {
        let package = packages.iter().find(|p| p["name"] == front_end).expect("the package is in the workspace");
        let dependencies: Vec<&str> = package["dependencies"]
            .as_array()
            .expect("dependencies")
            .iter()
            .filter_map(|d| d["name"].as_str())
            .collect();
        assert!(
            !dependencies.contains(&"generated"),
            "`{front_end}` depends on `generated`: a spec that renames a type would stop `cargo xtask codegen` \
             from building, and so the crate from being regenerated"
        );
    }
}

/// A dependency's settings that a manifest states: version, default features, features.
fn settings(entry: &toml::Value) -> (String, bool, Vec<String>) {
    let version = entry.as_str().or_else(|| entry.get("version").and_then(toml::Value::as_str)).unwrap_or_default();
    let default_features = entry.get("default-features").and_then(toml::Value::as_bool).unwrap_or(true);
    let mut features: Vec<String> = entry
        .get("features")
        .and_then(toml::Value::as_array)
        .map(|features| features.iter().filter_map(|feature| feature.as_str().map(str::to_owned)).collect())
        .unwrap_or_default();
    features.sort();
    (version.to_owned(), default_features, features)
}

#[test]
fn a_standalone_crate_names_the_dependencies_the_workspace_builds_with() {
    // A spec whose crate uses every optional part: timestamps, time zones, patterns, a client.
    let spec = r"
openapi: 3.0.3
info: {title: Everything, version: '1'}
servers: [{url: 'https://api.example.com'}]
paths:
  /events:
    post:
      operationId: CreateEvent
      requestBody:
        content:
          application/json:
            schema:
              type: object
              required: [at, zone, code]
              properties:
                at: {type: string, format: date-time}
                zone: {type: string, format: iana-timezone}
                code: {type: string, pattern: '^[A-Z]{3}$'}
      responses: {'204': {description: done}}
";
    let generated =
        codegen::generate_from_str(spec, "everything.yaml", &codegen::Config::default()).expect("generates");
    let manifest: toml::Table = generated.standalone_crate("everything").expect("formats")["Cargo.toml"]
        .parse()
        .expect("the generated manifest is TOML");
    let workspace: toml::Table = std::fs::read_to_string(tests::workspace_root().join("Cargo.toml"))
        .expect("the workspace manifest")
        .parse()
        .expect("TOML");
    let pinned = &workspace["workspace"]["dependencies"];
    let dependencies = manifest["dependencies"].as_table().expect("[dependencies]");
    for expected in ["http", "jiff", "regex", "serde", "serde_json", "reqwest", "tokio"] {
        assert!(dependencies.contains_key(expected), "the manifest lacks `{expected}`:\n{manifest}");
    }
    for (name, entry) in dependencies {
        let workspace_entry = pinned.get(name).unwrap_or_else(|| panic!("`{name}` is not a workspace dependency"));
        let (version, default_features, mut features) = settings(entry);
        // The time zone database is the generated crate's own choice, by what its spec uses.
        features.retain(|feature| feature != "tzdb-bundle-always");
        assert_eq!(
            (version, default_features, features),
            settings(workspace_entry),
            "`{name}`: the generated manifest and the workspace's Cargo.toml disagree (codegen/src/manifest.rs)"
        );
    }
}

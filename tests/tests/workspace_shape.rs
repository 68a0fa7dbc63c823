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

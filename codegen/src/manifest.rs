//! The dependencies a generated crate's manifest names: one table, read by the manifest's
//! `[dependencies]` (what the emitted code uses) and by its `[features]` (the client's optional
//! ones). The workspace builds `generated/` against the same crates, and a test
//! (`tests/tests/suite/workspace_shape.rs`) keeps this table and the workspace's `Cargo.toml`
//! agreeing on versions and features, so a standalone crate builds with what this repository
//! tests.

use std::fmt::Write as _;

use crate::emit::{Dependencies, Jiff};

/// When a dependency is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needed {
    /// By every generated crate.
    Always,
    /// With timestamps or the time zone check.
    Jiff,
    /// With `pattern` limits.
    Regex,
    /// By the client, as an optional dependency its cargo feature turns on.
    Client,
}

/// One dependency as the manifest names it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dependency {
    pub(crate) name: &'static str,
    pub(crate) version: &'static str,
    pub(crate) default_features: bool,
    pub(crate) features: &'static [&'static str],
    pub(crate) needed: Needed,
}

const fn dependency(name: &'static str, version: &'static str, needed: Needed) -> Dependency {
    Dependency { name, version, default_features: true, features: &[], needed }
}

/// Every dependency a generated crate may name, in the manifest's order.
pub(crate) const DEPENDENCIES: &[Dependency] = &[
    dependency("http", "1", Needed::Always),
    Dependency { default_features: false, features: &["std", "serde"], ..dependency("jiff", "0.2", Needed::Jiff) },
    dependency("regex", "1", Needed::Regex),
    Dependency { features: &["derive"], ..dependency("serde", "1", Needed::Always) },
    dependency("serde_json", "1", Needed::Always),
    dependency("base64", "0.22", Needed::Client),
    dependency("bytes", "1", Needed::Client),
    Dependency { default_features: false, features: &["std"], ..dependency("futures-util", "0.3", Needed::Client) },
    dependency("httpdate", "1", Needed::Client),
    Dependency {
        default_features: false,
        features: &["rustls-no-provider", "stream"],
        ..dependency("reqwest", "0.13", Needed::Client)
    },
    Dependency {
        default_features: false,
        features: &["ring", "std", "tls12"],
        ..dependency("rustls", "0.23", Needed::Client)
    },
    Dependency { features: &["time"], ..dependency("tokio", "1", Needed::Client) },
    dependency("url", "2", Needed::Client),
];

/// jiff's feature that bundles the IANA time zone database, for `format: iana-timezone`: time
/// zone names then validate the same on every machine.
const TIME_ZONE_DATABASE: &str = "tzdb-bundle-always";

/// The client's optional dependencies, for its feature.
pub(crate) fn client_dependencies() -> impl Iterator<Item = &'static str> {
    DEPENDENCIES.iter().filter(|dependency| dependency.needed == Needed::Client).map(|dependency| dependency.name)
}

/// The `[dependencies]` lines of a crate whose code uses `uses`.
pub(crate) fn dependency_lines(uses: Dependencies) -> String {
    let mut lines = String::new();
    for dependency in DEPENDENCIES {
        let needed = match dependency.needed {
            Needed::Always => true,
            Needed::Jiff => uses.jiff != Jiff::Unused,
            Needed::Regex => uses.regex,
            Needed::Client => uses.client,
        };
        if !needed {
            continue;
        }
        let mut features: Vec<&str> = dependency.features.to_vec();
        if dependency.needed == Needed::Jiff && uses.jiff == Jiff::WithTimeZoneDatabase {
            features.push(TIME_ZONE_DATABASE);
        }
        let mut settings = Vec::new();
        if !dependency.default_features {
            settings.push("default-features = false".to_owned());
        }
        if !features.is_empty() {
            let quoted: Vec<String> = features.iter().map(|feature| format!("\"{feature}\"")).collect();
            settings.push(format!("features = [{}]", quoted.join(", ")));
        }
        if dependency.needed == Needed::Client {
            settings.push("optional = true".to_owned());
        }
        let version = dependency.version;
        let spec = if settings.is_empty() {
            format!("\"{version}\"")
        } else {
            format!("{{ version = \"{version}\", {} }}", settings.join(", "))
        };
        let _ = writeln!(lines, "{} = {spec}", dependency.name);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::dependency_lines;
    use crate::emit::{Dependencies, Jiff, Plan};

    fn jiff_line(jiff: &[Jiff]) -> Option<String> {
        let merged = Plan::merge(jiff.iter().map(|&jiff| Dependencies { jiff, ..Dependencies::default() }));
        dependency_lines(merged).lines().find(|line| line.starts_with("jiff ")).map(str::to_owned)
    }

    #[test]
    fn the_largest_use_of_jiff_decides_its_line() {
        assert_eq!(jiff_line(&[Jiff::Unused, Jiff::Unused]), None);
        let plain = r#"jiff = { version = "0.2", default-features = false, features = ["std", "serde"] }"#;
        assert_eq!(jiff_line(&[Jiff::Used, Jiff::Unused]).as_deref(), Some(plain));
        let with_database = r#"jiff = { version = "0.2", default-features = false, features = ["std", "serde", "tzdb-bundle-always"] }"#;
        // Timestamps in one module and the time zone check in another need the database once.
        assert_eq!(jiff_line(&[Jiff::Used, Jiff::WithTimeZoneDatabase]).as_deref(), Some(with_database));
        assert_eq!(jiff_line(&[Jiff::WithTimeZoneDatabase, Jiff::Used]).as_deref(), Some(with_database));
    }
}

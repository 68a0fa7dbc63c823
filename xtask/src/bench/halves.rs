//! What checking a large crate as parts would take: its resource features in two halves, each
//! half's crate checked at the same time as the other's, in a target directory of its own.
//!
//! A crate is checked by one compiler on one core, and the floor ([`super::struct_floor`])
//! shows that one compiler cannot check Plaid's crate within issue 23's targets whatever its
//! structs' code. What is left is the second core. Most of a large spec's code belongs to one
//! resource (its types, operations and builders, gated by its feature), and no resource's code
//! refers to another's: generated as crates of their own (the shared types and runtime in one,
//! resources in others, the crate users name re-exporting them), they would be checked side by
//! side. Checking the crate twice at once, each time with half of its resource features, does
//! the work of that design and more (each half checks the shared types and the client again),
//! so its time bounds the design's from above.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;

use crate::corpus::{Check, Options};

/// The two halves' checks, run at once.
#[derive(Debug, Clone)]
pub struct Halves {
    /// Each half's features (resources, with the client), comma-separated.
    pub features: [String; 2],
    /// The longer half's check: the wall time of the two (medians over the runs).
    pub time: Duration,
    /// The larger of the two compilers' peaks (KiB), where the platform reports them.
    pub peak_kib: Option<u64>,
    /// The two peaks together: what the machine needs free.
    pub both_peaks_kib: Option<u64>,
}

/// Splits the resource features of the crate in `dir` in two halves of about as much code
/// (counted in the items each gates, `#[cfg(feature = "…")]` lines), checks each once to build
/// its dependencies, then both at once `options.check_runs` times.
pub fn measure(dir: &Path, options: &Options) -> anyhow::Result<Halves> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml"))?;
    let mut sources = String::new();
    for file in crate::corpus::walk(&dir.join("src"))? {
        sources.push_str(&std::fs::read_to_string(&file)?);
    }
    let features = split(&resource_features(&manifest)?, &sources);
    let targets = [options.target.join("half-1"), options.target.join("half-2")];
    for (features, target) in features.iter().zip(&targets) {
        crate::corpus::check(dir, target, Some(features), false)
            .with_context(|| format!("the half with `{features}` does not check"))?;
    }
    let (mut times, mut peaks, mut sums) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..options.check_runs.max(1) {
        // Touched once for both: each check rewriting the file while the other's compiler may
        // be reading it could hand that compiler an empty crate.
        crate::cargo::force_recheck(dir)?;
        let [first, second] = std::thread::scope(|scope| {
            let runs = [0, 1].map(|half| {
                let (features, target) = (&features[half], &targets[half]);
                scope.spawn(move || crate::corpus::check(dir, target, Some(features), false))
            });
            runs.map(|run| run.join().map_err(|_| anyhow::anyhow!("a half's check panicked")))
        });
        let (first, second): (Check, Check) = (first??, second??);
        times.push(first.time.max(second.time));
        if let (Some(one), Some(other)) = (first.peak_kib, second.peak_kib) {
            peaks.push(one.max(other));
            sums.push(one + other);
        }
    }
    let median = |values: &mut Vec<u64>| (!values.is_empty()).then(|| super::timing::median(values));
    Ok(Halves {
        time: super::timing::median(&mut times),
        peak_kib: median(&mut peaks),
        both_peaks_kib: median(&mut sums),
        features,
    })
}

/// The resource features of a generated manifest: those `default` turns on, but the client.
fn resource_features(manifest: &str) -> anyhow::Result<Vec<String>> {
    let default = manifest
        .lines()
        .find_map(|line| line.strip_prefix("default = ["))
        .and_then(|rest| rest.strip_suffix(']'))
        .context("the manifest has no `default` features")?;
    Ok(default.split(", ").map(|quoted| quoted.trim_matches('"').to_owned()).filter(|name| name != "client").collect())
}

/// The features in two halves, each with the client, the largest first into the half with less
/// code so far (ties by name, so the split is the same every run).
fn split(features: &[String], sources: &str) -> [String; 2] {
    let mut gated: BTreeMap<&str, usize> = BTreeMap::new();
    for line in sources.lines() {
        if let Some(feature) = line.trim().strip_prefix("#[cfg(feature = \"").and_then(|rest| rest.strip_suffix("\")]"))
        {
            *gated.entry(feature).or_default() += 1;
        }
    }
    let mut by_size: Vec<(usize, &str)> =
        features.iter().map(|feature| (gated.get(feature.as_str()).copied().unwrap_or(0), feature.as_str())).collect();
    by_size.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let mut halves: [(usize, Vec<&str>); 2] = [(0, vec!["client"]), (0, vec!["client"])];
    for (size, feature) in by_size {
        let lighter = usize::from(halves[1].0 < halves[0].0);
        halves[lighter].0 += size;
        halves[lighter].1.push(feature);
    }
    halves.map(|(_, features)| features.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_resources_are_read_from_default_without_the_client() {
        let manifest = "[features]\ndefault = [\"client\", \"pets\", \"stores\"]\nclient = []\n";
        assert_eq!(resource_features(manifest).expect("default"), ["pets", "stores"]);
        assert!(resource_features("[features]\n").is_err());
    }

    #[test]
    fn each_half_gets_the_client_and_about_half_the_code() {
        let features: Vec<String> = ["a", "b", "c", "d"].map(str::to_owned).into();
        let sources = [("a", 5), ("b", 3), ("c", 3), ("d", 1), ("_shared_1", 9)]
            .iter()
            .flat_map(|(feature, items)| std::iter::repeat_n(format!("    #[cfg(feature = \"{feature}\")]\n"), *items))
            .collect::<String>();
        // a (5) first; then b (3) and c (3), by name, into the lighter half; d (1) to the lighter.
        assert_eq!(split(&features, &sources), ["client,a,d".to_owned(), "client,b,c".to_owned()]);
    }
}

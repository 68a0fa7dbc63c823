//! What checking a large crate as parts would take: its resource features in two halves, each
//! half's crate checked at the same time as the other's, in a target directory of its own.
//!
//! A crate is checked by one compiler on one core, and the floor ([`super::struct_floor`])
//! shows that one compiler cannot check Plaid's crate within issue 23's targets whatever its
//! structs' code. What is left is the second core. Most of a large spec's code belongs to one
//! resource (its types, operations and builders, gated by its feature), and no resource's code
//! refers to another's, so a large spec could be generated as crates: the runtime and the types
//! more than one resource uses (the `_shared_N` groups) in one, the resources in others checked
//! side by side once it is, and the crate users name re-exporting them. This measures that
//! design's range without building it:
//! - the two halves at once: each checks the shared types its resources use beside its own, so
//!   it has no chain of crates to wait on, and the design takes at least this long;
//! - the shared types and the client alone, then the two halves at once: the design's chain, with
//!   the shared types checked again by each half, so the design takes at most this long.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Barrier;
use std::time::Instant;

use anyhow::Context as _;

use crate::corpus::{Check, Options, cargo_check, check, median_check};

/// The checks of the crate in halves.
#[derive(Debug, Clone)]
pub struct Halves {
    /// Each half's features (resources, with the client), comma-separated.
    pub features: [String; 2],
    /// The two halves at once: from their start to the end of the last (medians over the runs),
    /// and the larger of the two compilers' peaks.
    pub both: Check,
    /// The two compilers' peaks added (KiB): more than the machine needs at once, as the two
    /// need not peak together.
    pub peaks_sum_kib: Option<u64>,
    /// The client and the `_shared_N` groups alone: the crate a split would check first.
    pub shared: Check,
}

/// Splits the resource features of the crate in `dir` in two halves of about as much code
/// (counted in the items each gates alone, `#[cfg(feature = "…")]` lines: each half checks the
/// shared groups its resources turn on), checks each once to build its dependencies, then both
/// at once and the shared groups alone, each `options.check_runs` times.
pub fn measure(dir: &Path, options: &Options) -> anyhow::Result<Halves> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml"))?;
    let sources: String = crate::corpus::read_sources(dir)?.into_values().collect();
    let features = split(&resource_features(&manifest)?, &sources);
    let targets = [options.target.join("half-1"), options.target.join("half-2")];
    for (features, target) in features.iter().zip(&targets) {
        check(dir, target, Some(features), false)
            .with_context(|| format!("the half with `{features}` does not check"))?;
    }
    let (mut runs, mut sums) = (Vec::new(), Vec::new());
    for _ in 0..options.check_runs.max(1) {
        let (run, sum) = both_at_once(dir, &features, &targets)?;
        runs.push(run);
        sums.extend(sum);
    }
    let shared_features = shared_groups(&manifest).join(",");
    let shared = crate::corpus::check_median(dir, &targets[0], Some(&shared_features), options)
        .context("the shared groups alone do not check")?;
    Ok(Halves {
        both: median_check(&runs),
        peaks_sum_kib: (!sums.is_empty()).then(|| super::timing::median(&mut sums)),
        shared,
        features,
    })
}

/// One check of each half, started together (their dependencies checked already): the time
/// from their start to the end of the last and the larger peak, and the two peaks added.
fn both_at_once(
    dir: &Path,
    features: &[String; 2],
    targets: &[std::path::PathBuf; 2],
) -> anyhow::Result<(Check, Option<u64>)> {
    // Touched once for both, before either starts: each touching it while the other's compiler
    // may be reading it could hand that compiler an empty crate.
    crate::cargo::force_recheck(dir)?;
    let start = Barrier::new(3);
    let (elapsed, [first, second]) = std::thread::scope(|scope| {
        let halves = [0, 1].map(|half| {
            let (features, target, start) = (&features[half], &targets[half], &start);
            scope.spawn(move || {
                start.wait();
                cargo_check(dir, target, Some(features))
            })
        });
        start.wait();
        let started = Instant::now();
        let peaks = halves.map(|half| half.join().map_err(|_| anyhow::anyhow!("a half's check panicked")));
        (started.elapsed(), peaks)
    });
    let (first, second) = (first??, second??);
    let larger = first.zip(second).map(|(one, other)| one.max(other));
    Ok((Check { time: elapsed, peak_kib: larger }, first.zip(second).map(|(one, other)| one + other)))
}

/// The resource features of a generated manifest: those `default` turns on, but the client
/// (the schemas no operation names among them: their code is the crate's too).
fn resource_features(manifest: &str) -> anyhow::Result<Vec<String>> {
    let default = manifest
        .lines()
        .find_map(|line| line.strip_prefix("default = ["))
        .and_then(|rest| rest.strip_suffix(']'))
        .context("the manifest has no `default` features")?;
    Ok(default.split(", ").map(|quoted| quoted.trim_matches('"').to_owned()).filter(|name| name != "client").collect())
}

/// The client and every group of items more than one resource uses (`_shared_N = []`).
fn shared_groups(manifest: &str) -> Vec<&str> {
    let groups =
        manifest.lines().filter_map(|line| line.strip_suffix(" = []")).filter(|name| name.starts_with("_shared_"));
    std::iter::once("client").chain(groups).collect()
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
        let manifest =
            "[features]\ndefault = [\"client\", \"pets\"]\npets = [\"_shared_1\"]\n_shared_1 = []\n_shared_2 = []\n";
        assert_eq!(shared_groups(manifest), ["client", "_shared_1", "_shared_2"]);
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

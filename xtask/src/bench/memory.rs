//! Peak memory, as the peak resident set size of a child process that does one task and exits.
//!
//! A child per figure, because a process's peak cannot be reset reliably once its allocator has
//! taken memory from the system; the same idle child gives the floor every figure includes (the
//! binary and its runtime). Linux only (`VmHWM` in `/proc/self/status`); elsewhere the figures
//! are left out.

use std::path::Path;
use std::process::Command;

/// The hidden subcommand the bench runs its children with.
pub const SUBCOMMAND: &str = "bench-memory";

/// What a child does before it reports its peak.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Task {
    /// Nothing: the floor every child shares.
    Idle,
    /// Read the document into `serde_json::Value`.
    ParseValue,
    /// Generate from the document, formatted files included.
    Generate,
}

impl Task {
    /// The task's name on the command line.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Idle => "idle",
            Self::ParseValue => "parse-value",
            Self::Generate => "generate",
        }
    }

    /// The task a command-line name stands for.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        [Self::Idle, Self::ParseValue, Self::Generate].into_iter().find(|task| task.name() == name)
    }
}

/// Runs `task` on the document at `path` in this process and returns its peak resident set
/// size in KiB; the child side of [`measure`].
pub fn run_task(task: Task, path: &Path) -> anyhow::Result<Option<u64>> {
    match task {
        Task::Idle => {}
        Task::ParseValue => {
            let text = std::fs::read_to_string(path)?;
            let value: serde_json::Value = super::generation::parse_as(&text, super::generation::is_json(path))?;
            std::hint::black_box(value);
        }
        Task::Generate => {
            let generated = codegen::generate_from_path(path, &codegen::Config::default())
                .map_err(|diagnostics| anyhow::anyhow!("{diagnostics}"))?;
            std::hint::black_box(generated.crate_files().map_err(|bug| anyhow::anyhow!("{bug}"))?);
        }
    }
    Ok(peak_rss_kib())
}

/// The peak resident set size of a child of `binary` doing `task` on `path`, in KiB; `None`
/// where the platform does not say.
pub fn measure(binary: &Path, task: Task, path: &Path) -> anyhow::Result<Option<u64>> {
    let output = Command::new(binary).args([SUBCOMMAND, task.name()]).arg(path).output()?;
    if !output.status.success() {
        anyhow::bail!(
            "`{} {SUBCOMMAND} {}` failed: {}",
            binary.display(),
            task.name(),
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    Ok(stdout.trim().strip_prefix("peak-rss-kib ").and_then(|kib| kib.parse().ok()))
}

/// This process's peak resident set size so far, in KiB.
#[must_use]
pub fn peak_rss_kib() -> Option<u64> {
    hwm_kib(&std::fs::read_to_string("/proc/self/status").ok()?)
}

/// Waits for `child` while sampling, every 50 ms, the peak resident set (`VmHWM`) of every
/// process below it; returns its output and the largest peak seen, in KiB (`None` where the
/// platform has no `/proc`). A process's peak is kept until it exits, so only a peak reached in
/// its last 50 ms can be missed.
pub fn wait_watching_peak(child: std::process::Child) -> anyhow::Result<(std::process::Output, Option<u64>)> {
    let root = child.id();
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            let mut peak: Option<u64> = None;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                for pid in descendants(root) {
                    if let Some(kib) = process_peak_kib(pid) {
                        peak = Some(peak.map_or(kib, |peak| peak.max(kib)));
                    }
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            peak
        });
        let output = child.wait_with_output();
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        let peak = watcher.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        Ok((output?, peak))
    })
}

/// The processes below `root` (its children, theirs, ...), from `/proc/*/stat`.
fn descendants(root: u32) -> Vec<u32> {
    let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
    let parents: Vec<(u32, u32)> = entries
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // `pid (name) state ppid ...`: the name may hold spaces and parentheses.
            let after_name = &stat[stat.rfind(')')? + 1..];
            let parent = after_name.split_whitespace().nth(1)?.parse().ok()?;
            Some((pid, parent))
        })
        .collect();
    let mut found = vec![root];
    let mut index = 0;
    while index < found.len() {
        let parent = found[index];
        found.extend(parents.iter().filter(|(_, p)| *p == parent).map(|(pid, _)| *pid));
        index += 1;
    }
    found
}

fn process_peak_kib(pid: u32) -> Option<u64> {
    hwm_kib(&std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?)
}

/// The `VmHWM` line of a `/proc/*/status` file, in KiB.
fn hwm_kib(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()
}

/// KiB as people read it: `187.4 MB` (decimal megabytes, as `time -v` users expect).
#[must_use]
pub fn show_kib(kib: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a figure for people, not a count")]
    let megabytes = (kib * 1024) as f64 / 1e6;
    format!("{megabytes:.1} MB")
}

//! Keeping a crate's `src/` equal to what the generator makes of a spec: the one write path of
//! the command line (`openapi-crategen` and `cargo xtask codegen` alike).
//!
//! The generator owns exactly the files it wrote: those whose first line is its `@generated`
//! header ([`codegen::is_generated`]). It changes, and deletes, only those. A file without the
//! header is the user's: where the generator would write one of its own files over it, the run
//! stops before changing anything ([`Files::force`] overrides that, file by file as named); a
//! user's file anywhere else is left alone and reported. Files the generator owns but no longer
//! produces (a schema removed from the spec) are orphans: deleted, or in check mode reported as
//! drift, since a stale module left behind would otherwise still compile into the crate.
//!
//! Every run first compares everything ([`Files::plan`]), reading only, then applies the plan, so
//! a run that must stop has changed nothing. Each file is written to a temporary file beside it
//! and renamed over it, so an interrupted run never leaves a half-written file behind (one that
//! would lack the header and so no longer count as the generator's own).

use std::{
    collections::{BTreeMap, BTreeSet},
    fmt, fs, io,
    path::{Component, Path, PathBuf},
};

use anyhow::{Context, Result, bail};

/// `path` as shown to people: relative to `base` when inside it, with `/` separators so
/// messages and diff headers read the same on every platform; otherwise as given.
#[must_use]
pub fn display_path(base: &Path, path: &Path) -> String {
    match path.strip_prefix(base) {
        Ok(relative) if !relative.as_os_str().is_empty() => {
            relative.components().map(|component| component.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
        }
        _ => path.display().to_string(),
    }
}

/// Whether a run may change files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write files that differ, create missing ones, delete the generator's orphans.
    Write,
    /// Change nothing: report what [`Mode::Write`] would do.
    Check,
}

/// How a file on disk differs from the generator's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DriftKind {
    /// The generator's file exists with other contents.
    Changed,
    /// The generator produces the file, but it does not exist.
    Missing,
    /// The generator's file exists, but the generator no longer produces it.
    Orphan,
    /// A file the generator did not write (no `@generated` header, or not a regular file) is
    /// where the generator writes one of its own. Writing stops before changing anything,
    /// unless forced.
    Foreign,
}

/// One file that differs from the generator's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    /// The file as shown to people (see [`display_path`]), e.g. `generated/src/types.rs`.
    pub path: String,
    /// How it differs.
    pub kind: DriftKind,
    /// A unified diff, three lines of context, from the file on disk to what it should be
    /// (an empty file for a missing one, nothing at all for an orphan).
    pub diff: String,
}

impl Drift {
    /// One line saying what happened to the file in `mode`, without the diff.
    #[must_use]
    pub fn summary(&self, mode: Mode) -> String {
        let path = &self.path;
        match (mode, self.kind) {
            (Mode::Check, DriftKind::Changed) => format!("{path}: differs from the generator's output"),
            (Mode::Check, DriftKind::Missing) => format!("{path}: missing, the generator produces it"),
            (Mode::Check, DriftKind::Orphan) => format!("{path}: orphan file, no longer produced by the generator"),
            (Mode::Check, DriftKind::Foreign) => {
                format!("{path}: not written by the generator (no `@generated` header), where it writes a file")
            }
            (Mode::Write, DriftKind::Changed) => format!("updated {path}"),
            (Mode::Write, DriftKind::Missing) => format!("created {path}"),
            (Mode::Write, DriftKind::Orphan) => {
                format!("deleted {path} (the generator's own file, no longer produced)")
            }
            (Mode::Write, DriftKind::Foreign) => format!("overwrote {path} (not written by the generator; --force)"),
        }
    }
}

impl fmt::Display for Drift {
    /// The check-mode summary line, then the diff.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}", self.summary(Mode::Check))?;
        f.write_str(&self.diff)
    }
}

/// What to do with a file the generator did not write, where it would write one of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfForeign {
    /// Stop before changing anything (unless forced): a user's source file.
    Refuse,
    /// Leave it as it is and report it: a manifest the user keeps, which the generator's output
    /// does not need to replace (the command line prints the lines to add to it instead).
    Keep,
}

/// How files are compared and written: where paths are shown from, what the files come from,
/// and whether anything may change.
#[derive(Debug, Clone, Copy)]
pub struct Files<'a> {
    /// Paths in messages and diff headers are shown relative to this directory.
    pub base: &'a Path,
    /// What the files come from, for diff headers (`spec/deployments.yaml`).
    pub source: &'a str,
    /// Whether files may change.
    pub mode: Mode,
    /// Whether a file the generator did not write may be overwritten where the generator writes
    /// one of its own (`--force`). Files it did not write are never deleted, forced or not.
    pub force: bool,
}

/// What a run found, before it changes anything: every drift, and the files left alone.
#[derive(Debug, Default)]
#[must_use]
pub struct Plan {
    /// Each drift, with what writing it takes.
    steps: Vec<(Drift, Step)>,
    /// Files the generator did not write and does not change, as shown to people.
    kept: Vec<String>,
}

/// What applying one drift does.
#[derive(Debug)]
enum Step {
    Write {
        path: PathBuf,
        contents: String,
    },
    /// Deletes an orphan found under `root`.
    Delete {
        path: PathBuf,
        root: PathBuf,
    },
}

impl Plan {
    /// Every drift found, sorted by path.
    #[must_use]
    pub fn drifts(&self) -> Vec<&Drift> {
        let mut drifts: Vec<&Drift> = self.steps.iter().map(|(drift, _)| drift).collect();
        drifts.sort_by(|a, b| a.path.cmp(&b.path));
        drifts
    }

    /// Files the generator did not write that it leaves alone (it does not produce them, or a
    /// kept manifest), sorted.
    #[must_use]
    pub fn kept(&self) -> &[String] {
        &self.kept
    }

    /// The files the generator did not write that a run would have to overwrite: a write stops
    /// on them unless forced.
    #[must_use]
    pub fn foreign(&self) -> Vec<&Drift> {
        self.drifts().into_iter().filter(|drift| drift.kind == DriftKind::Foreign).collect()
    }

    /// Both plans' findings.
    pub fn merge(mut self, other: Self) -> Self {
        self.steps.extend(other.steps);
        self.kept.extend(other.kept);
        self.kept.sort();
        self
    }

    /// Makes the files what the generator produces. Nothing is changed, and an error names
    /// every file, when some file the generator did not write would be overwritten and
    /// `files.force` is off. In check mode nothing is ever written. Returns the drifts, sorted.
    pub fn apply(self, files: &Files<'_>) -> Result<Vec<Drift>> {
        let foreign = self.foreign();
        if files.mode == Mode::Write && !files.force && !foreign.is_empty() {
            let listed: Vec<String> = foreign.iter().map(|drift| format!("  {}", drift.path)).collect();
            bail!(
                "{} file(s) the generator did not write (no `@generated` header) are where it writes its own:\n{}\n\
                 nothing was changed: the generator only changes files it wrote. To proceed, generate into \
                 another `--out` directory, move these files away, or pass `--force` to overwrite them",
                foreign.len(),
                listed.join("\n"),
            );
        }
        let mut drifts = Vec::new();
        let mut emptied = BTreeSet::new();
        for (drift, step) in self.steps {
            if files.mode == Mode::Write {
                match step {
                    Step::Write { path, contents } => files.write(&path, &contents)?,
                    Step::Delete { path, root } => {
                        fs::remove_file(&path).with_context(|| format!("cannot delete `{}`", files.shown(&path)))?;
                        if let Some(parent) = path.parent() {
                            emptied.insert((parent.to_path_buf(), root));
                        }
                    }
                }
            }
            drifts.push(drift);
        }
        // Directories that deleting orphans left empty go too, up to (not including) where the
        // orphans were looked for; a directory that was empty before is the user's.
        for (dir, root) in emptied.into_iter().rev() {
            let mut dir = dir.as_path();
            while dir != root
                && dir.starts_with(&root)
                && fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_none())
            {
                if fs::remove_dir(dir).is_err() {
                    break;
                }
                let Some(parent) = dir.parent() else { break };
                dir = parent;
            }
        }
        drifts.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(drifts)
    }
}

/// A file on disk as the generator sees it.
enum OnDisk {
    Absent,
    /// The generator's own file, with its contents (newlines normalised).
    Generated(String),
    /// A file the generator did not write (or a link, or a directory), with its contents when
    /// it is a readable regular file.
    Foreign(String),
}

impl Files<'_> {
    /// Makes `dir` hold exactly `files` (keyed by `/`-separated path relative to `dir`), or in
    /// check mode reports how it does not: [`plan`](Self::plan), then [`Plan::apply`].
    ///
    /// Returns every drift found (in write mode: every change made), sorted by path.
    pub fn sync(&self, files: &BTreeMap<String, String>, dir: &Path) -> Result<Vec<Drift>> {
        self.plan(files, dir)?.apply(self)
    }

    /// The one write path for a single generated file: makes `path` contain `contents`, and
    /// returns how it differed, if it did ([`plan_file`](Self::plan_file), then
    /// [`Plan::apply`]). A file there that the generator did not write is refused.
    pub fn ensure(&self, path: &Path, contents: &str) -> Result<Option<Drift>> {
        Ok(self.plan_file(path, contents, IfForeign::Refuse)?.apply(self)?.pop())
    }

    /// How `dir` differs from holding exactly `files`, reading only. Files under `dir` that the
    /// generator did not write and does not produce are kept.
    pub fn plan(&self, files: &BTreeMap<String, String>, dir: &Path) -> Result<Plan> {
        let mut plan = Plan::default();
        for (relative, contents) in files {
            let path = join_relative(dir, relative)?;
            plan = plan.merge(self.plan_file(&path, contents, IfForeign::Refuse)?);
        }
        for (relative, path) in self.files_under(dir)? {
            if files.contains_key(&relative) {
                continue;
            }
            match self.read(&path)? {
                OnDisk::Generated(old) => {
                    let shown = self.shown(&path);
                    let diff = unified_diff(
                        &old,
                        "",
                        &format!("{shown} (committed)"),
                        &format!("{shown} (deleted: no longer produced from {})", self.source),
                    );
                    let step = Step::Delete { path, root: dir.to_path_buf() };
                    plan.steps.push((Drift { path: shown, kind: DriftKind::Orphan, diff }, step));
                }
                OnDisk::Foreign(_) | OnDisk::Absent => plan.kept.push(self.shown(&path)),
            }
        }
        plan.kept.sort();
        Ok(plan)
    }

    /// How `path` differs from holding `contents` (newlines normalised to `\n`), reading only;
    /// nothing when it already does, so an up-to-date tree is never touched (and its timestamps
    /// never trigger rebuilds). `if_foreign` says what a file there that the generator did not
    /// write means.
    pub fn plan_file(&self, path: &Path, contents: &str, if_foreign: IfForeign) -> Result<Plan> {
        let contents = normalize_newlines(contents);
        let shown = self.shown(path);
        let mut plan = Plan::default();
        let (kind, old) = match self.read(path)? {
            OnDisk::Generated(old) if old == contents => return Ok(plan),
            OnDisk::Generated(old) => (DriftKind::Changed, old),
            OnDisk::Absent => (DriftKind::Missing, String::new()),
            OnDisk::Foreign(_) if if_foreign == IfForeign::Keep && !self.force => {
                plan.kept.push(shown);
                return Ok(plan);
            }
            OnDisk::Foreign(old) => (DriftKind::Foreign, old),
        };
        let old_label = match kind {
            DriftKind::Missing => format!("{shown} (missing)"),
            DriftKind::Foreign => format!("{shown} (not written by the generator)"),
            _ => format!("{shown} (committed)"),
        };
        let diff = unified_diff(&old, &contents, &old_label, &format!("{shown} (from {})", self.source));
        plan.steps.push((Drift { path: shown, kind, diff }, Step::Write { path: path.to_path_buf(), contents }));
        Ok(plan)
    }

    /// What is at `path`. Links are never followed: a link is not the generator's, wherever it
    /// points, so nothing is written through one.
    fn read(&self, path: &Path) -> Result<OnDisk> {
        let shown = || self.shown(path);
        let metadata = match fs::symlink_metadata(path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(OnDisk::Absent),
            Err(error) => return Err(error).with_context(|| format!("cannot inspect `{}`", shown())),
        };
        if !metadata.is_file() {
            return Ok(OnDisk::Foreign(String::new()));
        }
        let bytes = fs::read(path).with_context(|| format!("cannot read `{}`", shown()))?;
        // A non-UTF-8 file is never the generator's; reading it lossily still gives a useful diff.
        let text = normalize_newlines(&String::from_utf8_lossy(&bytes));
        Ok(if codegen::is_generated(&text) { OnDisk::Generated(text) } else { OnDisk::Foreign(text) })
    }

    /// Writes `contents` to a temporary file beside `path`, then renames it over `path`: an
    /// interrupted run leaves the old file or the new one, never half of one. (A temporary file
    /// left by a killed run carries the header, so the next run deletes it as an orphan.)
    pub(crate) fn write(&self, path: &Path, contents: &str) -> Result<()> {
        let shown = self.shown(path);
        let parent = path.parent().with_context(|| format!("`{shown}` has no directory"))?;
        fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", self.shown(parent)))?;
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let temporary = parent.join(format!(".{name}.{}.tmp", std::process::id()));
        fs::write(&temporary, contents.as_bytes()).with_context(|| format!("cannot write `{shown}`"))?;
        fs::rename(&temporary, path).with_context(|| format!("cannot write `{shown}`")).inspect_err(|_| {
            let _ = fs::remove_file(&temporary);
        })
    }

    /// `path` as shown in messages: relative to the base.
    fn shown(&self, path: &Path) -> String {
        display_path(self.base, path)
    }

    /// Every file under `dir`, recursively, keyed by `/`-separated relative path, sorted; nothing
    /// when `dir` does not exist yet.
    fn files_under(&self, dir: &Path) -> Result<BTreeMap<String, PathBuf>> {
        let mut files = BTreeMap::new();
        if dir.exists() {
            self.collect_files(dir, "", &mut files)?;
        }
        Ok(files)
    }

    fn collect_files(&self, dir: &Path, prefix: &str, files: &mut BTreeMap<String, PathBuf>) -> Result<()> {
        let entries = fs::read_dir(dir).with_context(|| format!("cannot list `{}`", self.shown(dir)))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list `{}`", self.shown(dir)))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let relative = if prefix.is_empty() { name } else { format!("{prefix}/{name}") };
            let path = entry.path();
            // `file_type` does not follow symlinks, so a symlinked directory is listed as one
            // entry (which is never the generator's) instead of being walked out of `dir`.
            let file_type = entry.file_type().with_context(|| format!("cannot inspect `{}`", self.shown(&path)))?;
            if file_type.is_dir() {
                self.collect_files(&path, &relative, files)?;
            } else {
                files.insert(relative, path);
            }
        }
        Ok(())
    }
}

/// A unified diff from `old` to `new` with three lines of context, headed by the two labels;
/// empty when the texts are equal. The one diff format of every report in the workspace.
#[must_use]
pub fn unified_diff(old: &str, new: &str, old_label: &str, new_label: &str) -> String {
    similar::TextDiff::from_lines(old, new).unified_diff().context_radius(3).header(old_label, new_label).to_string()
}

/// `\r\n` → `\n`, so a checkout with Windows line endings is not drift.
fn normalize_newlines(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// `dir` joined with a generator-provided relative path, refusing anything that would land
/// outside `dir` (an absolute path, `..`): the generator only ever names files inside its crate.
fn join_relative(dir: &Path, relative: &str) -> Result<PathBuf> {
    let path = Path::new(relative);
    if relative.is_empty() || !path.components().all(|component| matches!(component, Component::Normal(_))) {
        bail!("the generator named the file `{relative}`, which is not a plain relative path (generator bug)");
    }
    Ok(dir.join(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "// @generated by `make bindings`: do not edit by hand.\n";

    /// A scratch directory under the system's temporary directory, emptied first; named per
    /// test so tests running in parallel do not share one.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-files-{}", std::process::id())).join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create the scratch directory");
        dir
    }

    fn files(mode: Mode, base: &Path) -> Files<'_> {
        Files { base, source: "spec.yaml", mode, force: false }
    }

    /// Generated files: each starts with the header.
    fn generated(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries.iter().map(|(path, contents)| ((*path).to_owned(), format!("{HEADER}{contents}"))).collect()
    }

    fn write(path: &Path, contents: &str) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, contents).unwrap();
    }

    #[test]
    fn write_then_check_is_clean_and_check_never_writes() {
        let dir = scratch("write-then-check");
        let wanted = generated(&[("lib.rs", "pub mod a;\n"), ("a.rs", "pub struct A;\n"), ("nested/b.rs", "// b\n")]);
        write(&dir.join("old.rs"), &format!("{HEADER}// stale\n"));
        write(&dir.join("a.rs"), &format!("{HEADER}pub struct Old;\n").replace('\n', "\r\n"));

        let checked = files(Mode::Check, &dir).sync(&wanted, &dir).unwrap();
        let kinds: Vec<_> = checked.iter().map(|drift| (drift.path.rsplit('/').next().unwrap(), drift.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("a.rs", DriftKind::Changed),
                ("lib.rs", DriftKind::Missing),
                ("b.rs", DriftKind::Missing),
                ("old.rs", DriftKind::Orphan)
            ]
        );
        assert!(dir.join("old.rs").exists() && !dir.join("lib.rs").exists(), "check mode must not touch files");
        assert!(checked[0].diff.contains("-pub struct Old;\n+pub struct A;\n"), "{}", checked[0].diff);
        assert!(checked[3].diff.contains("(deleted: no longer produced from spec.yaml)"), "{}", checked[3].diff);

        let written = files(Mode::Write, &dir).sync(&wanted, &dir).unwrap();
        assert_eq!(written.len(), 4);
        assert!(!dir.join("old.rs").exists());
        assert!(files(Mode::Check, &dir).sync(&wanted, &dir).unwrap().is_empty());
        assert!(files(Mode::Write, &dir).sync(&wanted, &dir).unwrap().is_empty());
        let leftovers: Vec<_> = fs::read_dir(&dir).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(leftovers.len(), 3, "no temporary file is left behind: {leftovers:?}");
    }

    #[test]
    fn files_without_the_header_are_never_changed_or_deleted() {
        let dir = scratch("foreign");
        let wanted = generated(&[("lib.rs", "pub mod a;\n"), ("a.rs", "pub struct A;\n")]);
        write(&dir.join("lib.rs"), "fn main() {}\n");
        write(&dir.join("util.rs"), "pub fn helper() {}\n");
        write(&dir.join("deep/notes.md"), "notes\n");

        // Check mode reports the file in the way as drift, and keeps the others quietly.
        let plan = files(Mode::Check, &dir).plan(&wanted, &dir).unwrap();
        assert_eq!(plan.kept(), ["deep/notes.md", "util.rs"].map(|name| display_path(&dir, &dir.join(name))));
        let kinds: Vec<_> = plan.drifts().iter().map(|drift| drift.kind).collect();
        assert_eq!(kinds, [DriftKind::Missing, DriftKind::Foreign]);

        // Writing stops before changing anything, naming the file and the ways on.
        let error = files(Mode::Write, &dir).sync(&wanted, &dir).unwrap_err().to_string();
        assert!(error.contains("lib.rs") && error.contains("--force") && error.contains("--out"), "{error}");
        assert!(!dir.join("a.rs").exists(), "a refused run must not write any file");
        assert_eq!(fs::read_to_string(dir.join("lib.rs")).unwrap(), "fn main() {}\n");

        // Forced, it overwrites the file in the way, and still deletes nothing it did not write.
        let forced = Files { force: true, ..files(Mode::Write, &dir) }.sync(&wanted, &dir).unwrap();
        assert_eq!(forced.iter().map(|drift| drift.kind).collect::<Vec<_>>(), [DriftKind::Missing, DriftKind::Foreign]);
        assert!(forced[1].summary(Mode::Write).starts_with("overwrote"), "{}", forced[1].summary(Mode::Write));
        assert_eq!(fs::read_to_string(dir.join("lib.rs")).unwrap(), wanted["lib.rs"]);
        assert_eq!(fs::read_to_string(dir.join("util.rs")).unwrap(), "pub fn helper() {}\n");
        assert!(dir.join("deep/notes.md").exists());
        assert!(files(Mode::Check, &dir).sync(&wanted, &dir).unwrap().is_empty());
    }

    #[test]
    fn a_kept_manifest_is_reported_not_refused() {
        let dir = scratch("manifest");
        let manifest = dir.join("Cargo.toml");
        write(&manifest, "[package]\nname = \"mine\"\n");
        let plan =
            files(Mode::Write, &dir).plan_file(&manifest, &format!("#{}", &HEADER[2..]), IfForeign::Keep).unwrap();
        assert_eq!(plan.kept(), ["Cargo.toml"]);
        assert!(plan.apply(&files(Mode::Write, &dir)).unwrap().is_empty());
        assert_eq!(fs::read_to_string(&manifest).unwrap(), "[package]\nname = \"mine\"\n");
    }

    #[cfg(unix)]
    #[test]
    fn links_are_never_written_through_or_deleted() {
        let dir = scratch("links");
        let target = dir.join("outside.rs");
        write(&target, &format!("{HEADER}// the link's target\n"));
        let src = dir.join("src");
        fs::create_dir_all(&src).unwrap();
        std::os::unix::fs::symlink(&target, src.join("lib.rs")).unwrap();
        std::os::unix::fs::symlink(&target, src.join("old.rs")).unwrap();
        let wanted = generated(&[("lib.rs", "pub mod a;\n")]);
        assert!(files(Mode::Write, &dir).sync(&wanted, &src).is_err(), "a link is not the generator's file");
        let plan = files(Mode::Check, &dir).plan(&wanted, &src).unwrap();
        assert_eq!(plan.kept(), ["src/old.rs"]);
        assert_eq!(fs::read_to_string(&target).unwrap(), format!("{HEADER}// the link's target\n"));
    }

    #[test]
    fn crlf_checkouts_are_not_drift() {
        let dir = scratch("crlf");
        write(&dir.join("lib.rs"), &format!("{HEADER}a\nb\n").replace('\n', "\r\n"));
        assert!(files(Mode::Check, &dir).sync(&generated(&[("lib.rs", "a\nb\n")]), &dir).unwrap().is_empty());
    }

    #[test]
    fn directories_emptied_by_deleting_orphans_go_and_others_stay() {
        let dir = scratch("orphan-dirs");
        write(&dir.join("old/deeper/x.rs"), &format!("{HEADER}x\n"));
        fs::create_dir_all(dir.join("users-empty-dir")).unwrap();
        let drifts = files(Mode::Write, &dir).sync(&generated(&[("lib.rs", "\n")]), &dir).unwrap();
        assert_eq!(drifts.len(), 2);
        assert!(!dir.join("old").exists());
        assert!(dir.join("users-empty-dir").exists(), "an empty directory the run did not empty is the user's");
        assert!(dir.exists());
    }

    #[test]
    fn paths_outside_the_directory_are_refused() {
        let dir = scratch("outside");
        for bad in ["../escape.rs", "/abs.rs", "", "a/../../b.rs"] {
            assert!(files(Mode::Write, &dir).sync(&generated(&[(bad, "x")]), &dir).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn missing_files_diff_against_nothing() {
        let dir = scratch("missing");
        let drift = files(Mode::Check, &dir).ensure(&dir.join("lib.rs"), "one\ntwo\n").unwrap().unwrap();
        assert_eq!(drift.kind, DriftKind::Missing);
        assert!(drift.diff.contains("@@ -0,0 +1,2 @@\n+one\n+two\n"), "{}", drift.diff);
    }

    #[test]
    fn the_header_is_recognised_in_both_comment_styles_and_nowhere_else() {
        for owned in [
            HEADER,
            "# @generated by `x`: do not edit by hand.\n[package]",
            "\u{feff}// @generated by `a b`: do not edit by hand.\r\n",
        ] {
            assert!(codegen::is_generated(owned), "{owned:?}");
        }
        for foreign in [
            "",
            "fn main() {}\n",
            "// This file is @generated by prost-build.\n",
            "//! docs\n// @generated by `x`: do not edit by hand.\n",
            "// @generated by ``: do not edit by hand.\n",
        ] {
            assert!(!codegen::is_generated(foreign), "{foreign:?}");
        }
    }
}

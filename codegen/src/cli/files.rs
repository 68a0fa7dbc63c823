//! Keeping a crate's `src/` equal to what the generator makes of a spec: the one write path of
//! the command line (`openapi-to-rust` and `cargo xtask codegen` alike).
//!
//! Every generated file goes through [`Files::ensure`], which does nothing when the file is
//! already right; check mode goes through the same path and only reports. Files under the output
//! directory that the generator did not produce are orphans, and count as drift too: a stale
//! module left behind would otherwise still compile into the crate.

use std::{
    collections::BTreeMap,
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
    /// Write files that differ, create missing ones, delete orphans.
    Write,
    /// Change nothing: report what [`Mode::Write`] would do.
    Check,
}

/// How a file on disk differs from the generator's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DriftKind {
    /// The file exists with other contents.
    Changed,
    /// The generator produces the file, but it does not exist.
    Missing,
    /// The file exists, but the generator does not produce it.
    Orphan,
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
            (Mode::Check, DriftKind::Orphan) => format!("{path}: orphan file, not produced by the generator"),
            (Mode::Write, DriftKind::Changed) => format!("updated {path}"),
            (Mode::Write, DriftKind::Missing) => format!("created {path}"),
            (Mode::Write, DriftKind::Orphan) => format!("deleted {path} (orphan file, not produced by the generator)"),
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
}

impl Files<'_> {
    /// Makes `dir` hold exactly `files` (keyed by `/`-separated path relative to `dir`), or in check
    /// mode reports how it does not. `source` names what the files come from, for diff headers.
    ///
    /// Returns every drift found (in write mode: every change made), sorted by path.
    pub fn sync(&self, files: &BTreeMap<String, String>, dir: &Path) -> Result<Vec<Drift>> {
        let mut drifts = Vec::new();
        for (relative, contents) in files {
            let path = join_relative(dir, relative)?;
            drifts.extend(self.ensure(&path, contents)?);
        }
        for (relative, path) in self.files_under(dir)? {
            if !files.contains_key(&relative) {
                drifts.push(self.remove_orphan(&path)?);
            }
        }
        if self.mode == Mode::Write {
            self.remove_empty_dirs(dir)?;
        }
        drifts.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(drifts)
    }

    /// The one write path for generated files: makes `path` contain `contents` (newlines normalised
    /// to `\n`), and returns how it differed, if it did.
    ///
    /// Does nothing when the contents already match, so an up-to-date tree is never touched (and
    /// its timestamps never trigger rebuilds). In [`Mode::Check`] it never writes, only reports.
    pub fn ensure(&self, path: &Path, contents: &str) -> Result<Option<Drift>> {
        let (source, mode) = (self.source, self.mode);
        let contents = normalize_newlines(contents);
        let shown = self.shown(path);
        let (kind, old) = match fs::read(path) {
            Ok(bytes) => {
                // A non-UTF-8 file can only differ; reading it lossily still gives a useful diff.
                let old = normalize_newlines(&String::from_utf8_lossy(&bytes));
                if old == contents {
                    return Ok(None);
                }
                (DriftKind::Changed, old)
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => (DriftKind::Missing, String::new()),
            Err(error) => return Err(error).with_context(|| format!("cannot read `{shown}`")),
        };
        let old_label = match kind {
            DriftKind::Missing => format!("{shown} (missing)"),
            _ => format!("{shown} (committed)"),
        };
        let diff = unified_diff(&old, &contents, &old_label, &format!("{shown} (from {source})"));
        if mode == Mode::Write {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent).with_context(|| format!("cannot create `{}`", self.shown(parent)))?;
            }
            fs::write(path, contents.as_bytes()).with_context(|| format!("cannot write `{shown}`"))?;
        }
        Ok(Some(Drift { path: shown, kind, diff }))
    }

    /// Reports an orphan, and deletes it in [`Mode::Write`]; the diff shows it going away.
    fn remove_orphan(&self, path: &Path) -> Result<Drift> {
        let (source, mode) = (self.source, self.mode);
        let shown = self.shown(path);
        let old = fs::read(path).with_context(|| format!("cannot read `{shown}`"))?;
        let old = normalize_newlines(&String::from_utf8_lossy(&old));
        let diff = unified_diff(
            &old,
            "",
            &format!("{shown} (committed)"),
            &format!("{shown} (deleted: not produced from {source})"),
        );
        if mode == Mode::Write {
            fs::remove_file(path).with_context(|| format!("cannot delete `{shown}`"))?;
        }
        Ok(Drift { path: shown, kind: DriftKind::Orphan, diff })
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
            // `file_type` does not follow symlinks, so a symlinked directory is reported as an
            // orphan file instead of being walked (and possibly escaping `dir`).
            let file_type = entry.file_type().with_context(|| format!("cannot inspect `{}`", self.shown(&path)))?;
            if file_type.is_dir() {
                self.collect_files(&path, &relative, files)?;
            } else {
                files.insert(relative, path);
            }
        }
        Ok(())
    }

    /// Removes directories under `dir` (not `dir` itself) left empty by deleted orphans.
    fn remove_empty_dirs(&self, dir: &Path) -> Result<()> {
        if !dir.is_dir() {
            return Ok(());
        }
        let entries = fs::read_dir(dir).with_context(|| format!("cannot list `{}`", self.shown(dir)))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list `{}`", self.shown(dir)))?;
            let path = entry.path();
            if entry.file_type().is_ok_and(|file_type| file_type.is_dir()) {
                self.remove_empty_dirs(&path)?;
                let is_empty = fs::read_dir(&path).is_ok_and(|mut entries| entries.next().is_none());
                if is_empty {
                    fs::remove_dir(&path).with_context(|| format!("cannot delete `{}`", self.shown(&path)))?;
                }
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

    /// A scratch directory under the target directory, emptied first; named per test so tests
    /// running in parallel do not share one.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-files-{}", std::process::id())).join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("create the scratch directory");
        dir
    }

    fn files(mode: Mode, base: &Path) -> Files<'_> {
        Files { base, source: "spec.yaml", mode }
    }

    fn entries(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries.iter().map(|(path, contents)| ((*path).to_owned(), (*contents).to_owned())).collect()
    }

    #[test]
    fn write_then_check_is_clean_and_check_never_writes() {
        let dir = scratch("write-then-check");
        let wanted = entries(&[("lib.rs", "pub mod a;\n"), ("a.rs", "pub struct A;\n"), ("nested/b.rs", "// b\n")]);
        fs::write(dir.join("old.rs"), "// stale\n").unwrap();
        fs::write(dir.join("a.rs"), "pub struct Old;\r\n").unwrap();

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
        assert!(checked[3].diff.contains("(deleted: not produced from spec.yaml)"), "{}", checked[3].diff);

        let written = files(Mode::Write, &dir).sync(&wanted, &dir).unwrap();
        assert_eq!(written.len(), 4);
        assert!(!dir.join("old.rs").exists());
        assert!(files(Mode::Check, &dir).sync(&wanted, &dir).unwrap().is_empty());
        assert!(files(Mode::Write, &dir).sync(&wanted, &dir).unwrap().is_empty());
    }

    #[test]
    fn crlf_checkouts_are_not_drift() {
        let dir = scratch("crlf");
        fs::write(dir.join("lib.rs"), "a\r\nb\r\n").unwrap();
        assert!(files(Mode::Check, &dir).sync(&entries(&[("lib.rs", "a\nb\n")]), &dir).unwrap().is_empty());
    }

    #[test]
    fn orphan_directories_are_removed_once_empty() {
        let dir = scratch("orphan-dirs");
        fs::create_dir_all(dir.join("old/deeper")).unwrap();
        fs::write(dir.join("old/deeper/x.rs"), "x\n").unwrap();
        let drifts = files(Mode::Write, &dir).sync(&entries(&[("lib.rs", "\n")]), &dir).unwrap();
        assert_eq!(drifts.len(), 2);
        assert!(!dir.join("old").exists());
    }

    #[test]
    fn paths_outside_the_directory_are_refused() {
        let dir = scratch("outside");
        for bad in ["../escape.rs", "/abs.rs", "", "a/../../b.rs"] {
            assert!(files(Mode::Write, &dir).sync(&entries(&[(bad, "x")]), &dir).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn missing_files_diff_against_nothing() {
        let dir = scratch("missing");
        let drift = files(Mode::Check, &dir).ensure(&dir.join("lib.rs"), "one\ntwo\n").unwrap().unwrap();
        assert_eq!(drift.kind, DriftKind::Missing);
        assert!(drift.diff.contains("@@ -0,0 +1,2 @@\n+one\n+two\n"), "{}", drift.diff);
    }
}

//! `openapi-crategen`: the generator's command line, shared by the installable binary and by
//! `cargo xtask codegen`, so both take the same flags, print the same reports and exit with the
//! same codes.
//!
//! Unlike the `codegen` library, which only reads the spec it is given, this crate writes files:
//! it is the front end, and owns only the files it wrote ([`files`]). Diagnostics are printed in
//! rustc's style, with the document's line itself when the text has the node. It is a package of
//! its own so that a `build.rs` calling `codegen` compiles none of this (the snippet renderer,
//! the YAML event parser, the diff).

#![deny(missing_docs)]

pub mod files;
mod source;

/// `println!` that does not panic when standard output is closed (`… | head`): a report nobody
/// reads any more is not a reason to stop half way, let alone to panic.
macro_rules! stdout {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that does not panic when standard error is closed.
macro_rules! stderr {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// A message of the run: to standard output, or to standard error when standard output carries
/// `--format json` (the first argument).
macro_rules! say {
    ($to_stderr:expr, $($arg:tt)*) => {{
        if $to_stderr { stderr!($($arg)*) } else { stdout!($($arg)*) }
    }};
}

use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use codegen::{Config, Diagnostic, Diagnostics, Severity, semver};
use files::{Files, IfForeign, Mode};
pub use source::{Position, SourceIndex};

/// Exit status of `--check` when a file differs.
pub const EXIT_DRIFT: u8 = 1;
/// Exit status when nothing could be compared or written: a bad spec, an I/O error, bad usage.
pub const EXIT_FAILURE: u8 = 2;
/// Exit status of `--against` when the crate's version is not bumped enough for what changed.
pub const EXIT_BUMP: u8 = 3;

/// What differs between the front ends: the command's name, the defaults of `--spec` and `--out`
/// (the binary has none), and the directory paths are shown relative to.
#[derive(Debug, Clone)]
pub struct FrontEnd {
    /// The command as a user types it (`openapi-crategen`, `cargo xtask codegen`).
    pub program: String,
    /// The spec read when `--spec` is not given.
    pub default_spec: Option<PathBuf>,
    /// The crate written when `--out` is not given.
    pub default_out: Option<PathBuf>,
    /// Paths in messages, and in the `@generated` header when both the spec and the output are
    /// inside it, are relative to this directory.
    pub root: PathBuf,
    /// What the defaults are, for `--help`.
    pub defaults_help: String,
}

impl FrontEnd {
    /// The installed binary: `--spec` and `--out` are required; paths are shown relative to the
    /// current directory.
    #[must_use]
    pub fn binary() -> Self {
        Self {
            program: "openapi-crategen".to_owned(),
            default_spec: None,
            default_out: None,
            root: std::env::current_dir().unwrap_or_default(),
            defaults_help: "--spec and --out are required".to_owned(),
        }
    }

    /// The usage text, with the flags explained.
    #[must_use]
    pub fn usage(&self) -> String {
        let program = &self.program;
        let paths = if self.default_spec.is_some() { "[--spec PATH] [--out DIR]" } else { "--spec PATH --out DIR" };
        format!(
            "usage: {program} [--check] [--force] [--strict] {paths} [--overlay FILE]... [--crate-name NAME]
       [--against OLD-SPEC [--format text|json] [--version-bumped-to X.Y.Z | --previous-version X.Y.Z]
                           [--changelog]]

Generates Rust from an OpenAPI 3.0 or 3.1 document (YAML or JSON): model types, tagged unions,
validation limits and endpoint stubs, written into DIR/src/ ({defaults}).

options:
  --spec PATH   the OpenAPI document to read
  --out DIR     the crate directory; the generated files go into DIR/src/
  --overlay FILE
                apply an overlay (OpenAPI Overlay Specification 1.0, YAML or JSON: actions,
                each a JSONPath `target` with `update` or `remove: true`) to the document
                before reading it, to fix a spec without forking it. Repeatable: overlays are
                applied in the order given, each to the result of the ones before; a target
                that selects nothing is a warning that points into the overlay
  --crate-name NAME
                also write DIR/Cargo.toml: a standalone crate called NAME, with exactly the
                dependencies the generated code uses. A Cargo.toml the generator did not write
                is kept as it is; the lines it needs are printed instead
  --check       change nothing; print a unified diff for every file that differs, is missing
                or is an orphan, and fail if there is any
  --force       overwrite files the generator did not write where it writes its own (see
                below); it still never deletes one
  --strict      treat recoverable spec mistakes as errors (see below)
  --against OLD-SPEC
                also compare the crate's public API with what OLD-SPEC generates, and print
                each change: breaking, additive, a warning (the same code behaves otherwise) or
                none, the Rust item, the types before and after, and the JSON pointer and line of
                the spec that caused it; then the smallest version bump it needs (Cargo's rules:
                in 0.y.z, y is the major number). Only the two specs are compared, so this adds
                a load of OLD-SPEC to the run, not a second generation
  --format text|json
                how --against prints its report (text by default; json for tools: every other
                message then goes to standard error)
  --version-bumped-to X.Y.Z
                with --against: the version the new crate will be released as, checked against
                the one in DIR/Cargo.toml (the crate before its version is bumped); exits with 3
                when it is not enough
  --previous-version X.Y.Z
                with --against: the version OLD-SPEC's crate was released as (the last tag),
                checked against the one in DIR/Cargo.toml (already bumped, as in a pull
                request); exits with 3 when that is not enough
  --changelog   with --against: add the changes as a section at the top of DIR/CHANGELOG.md
                (under its `# ` title), grouped as Breaking, Removed, Added and Changed and
                headed by the new version (or Unreleased); the one file it changes that it did
                not write, and only by adding that section, once per heading. With --check, the
                section is printed instead
  -h, --help    print this message

Which files it owns: only those that start with its `@generated` header. It changes and deletes
only those: a file it once wrote that the spec no longer produces (an orphan) is deleted (with
--check, reported). Any other file under DIR is left alone and listed. If a file it did not
write is where it would write one of its own (a hand-written src/lib.rs), it changes nothing,
names the file and exits with 2: choose another --out, move the file away, or pass --force.

Problems in the document are reported all at once, each with its JSON pointer, the line of the
document, and a hint; warnings name what was typed less precisely than the spec asks, and the
mistakes read past because their intent is plain: a path template variable no parameter
declares (a required string), a path parameter the template does not name (paired with the one
undeclared variable, or dropped) and one not marked required. --strict makes those errors.

exit status: 0 when up to date (or updated), 1 when --check found drift,
             2 when the spec cannot be generated from, a file it did not write is in the way,
             a file operation fails, or usage is wrong,
             3 when --against finds the version not bumped enough (before drift: 3 wins)",
            defaults = self.defaults_help,
        )
    }
}

/// What one run was asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Options {
    mode: Mode,
    spec: Option<PathBuf>,
    out: Option<PathBuf>,
    /// The overlays, in the order given (the order they are applied in).
    overlays: Vec<PathBuf>,
    crate_name: Option<String>,
    force: bool,
    strict: bool,
    /// `--against`: the old spec, and how its report is printed and gated.
    against: Option<Against>,
}

/// What `--against` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Against {
    spec: PathBuf,
    json: bool,
    /// `--previous-version`: the version the old spec's crate was released as.
    old_version: Option<codegen::semver::Version>,
    /// `--version-bumped-to`: the version the new crate is to be released as. When one of the
    /// two is given, the other is the manifest's.
    new_version: Option<codegen::semver::Version>,
    /// `--changelog`: add the report to `DIR/CHANGELOG.md`.
    changelog: bool,
}

/// Runs the command line on `args` (without the program name); prints its report.
#[must_use]
pub fn run(args: &[OsString], front_end: &FrontEnd) -> ExitCode {
    let mut options = match parse(args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            stdout!("{}", front_end.usage());
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            stderr!("error: {message}\n\n{}", front_end.usage());
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    // Relative paths are taken from the current directory, as for any command-line tool.
    let current_dir = std::env::current_dir().unwrap_or_default();
    if let Some(against) = &mut options.against {
        against.spec = resolve(&current_dir, &against.spec);
    }
    let resolved = |given: &Option<PathBuf>, default: &Option<PathBuf>| {
        given.as_ref().map(|path| resolve(&current_dir, path)).or_else(|| default.clone())
    };
    let (Some(spec), Some(out)) =
        (resolved(&options.spec, &front_end.default_spec), resolved(&options.out, &front_end.default_out))
    else {
        stderr!("error: `--spec` and `--out` are required\n\n{}", front_end.usage());
        return ExitCode::from(EXIT_FAILURE);
    };
    let overlays: Vec<PathBuf> = options.overlays.iter().map(|path| resolve(&current_dir, path)).collect();
    generate(&options, front_end, &spec, &overlays, &out)
}

fn generate(options: &Options, front_end: &FrontEnd, spec: &Path, overlays: &[PathBuf], out: &Path) -> ExitCode {
    let spec_shown = files::display_path(&front_end.root, spec);
    let out_shown = files::display_path(&front_end.root, out);
    let text = std::fs::read_to_string(spec).unwrap_or_default();
    let (config, overlay_texts) = match configure(options, front_end, spec, overlays, out, (&text, &spec_shown)) {
        Ok(configured) => configured,
        Err(failure) => return failure,
    };
    let report = |diagnostics: &[Diagnostic]| {
        use std::io::Write as _;
        let _ =
            std::io::stderr().write_all(render_documents(diagnostics, &text, &spec_shown, &overlay_texts).as_bytes());
    };

    let generated = match codegen::generate_from_path(spec, &config) {
        Ok(generated) => generated,
        Err(diagnostics) => {
            report(diagnostics.items());
            stderr!("{}", summary(&diagnostics));
            return ExitCode::from(EXIT_FAILURE);
        }
    };
    report(generated.warnings());
    let json = options.against.as_ref().is_some_and(|against| against.json);
    let bumped_enough = match &options.against {
        Some(against) => match compare(against, &config, options.mode, &generated, &text, front_end, out) {
            Ok(enough) => Some(enough),
            Err(exit) => return exit,
        },
        None => None,
    };
    let failed = |error: &dyn std::fmt::Display| {
        stderr!("error: {error}");
        ExitCode::from(EXIT_FAILURE)
    };
    let files = Files { base: &front_end.root, source: &spec_shown, mode: options.mode, force: options.force };
    let (sources, manifest) = match rendered(&generated, options.crate_name.as_deref()) {
        Ok(rendered) => rendered,
        Err(bug) => return failed(&bug),
    };
    let mut plan = match files.plan(&sources, &out.join("src")) {
        Ok(plan) => plan,
        Err(error) => return failed(&format!("{error:#}")),
    };
    // Only the manifest: the rest of the crate's directory (a lock file, `target/`) is the
    // user's, so it is not looked at. A manifest the user wrote is kept as it is.
    let manifest_path = out.join("Cargo.toml");
    if let Some(manifest) = &manifest {
        match files.plan_file(&manifest_path, manifest, IfForeign::Keep) {
            Ok(manifest_plan) => plan = plan.merge(manifest_plan),
            Err(error) => return failed(&format!("{error:#}")),
        }
    }
    let manifest_shown = files::display_path(&front_end.root, &manifest_path);
    let manifest_kept = manifest.is_some() && plan.kept().contains(&manifest_shown);
    let kept: Vec<String> = plan.kept().to_vec();
    let drifts = match plan.apply(&files) {
        Ok(drifts) => drifts,
        Err(error) => return failed(&format!("{error:#}")),
    };
    for path in kept.iter().filter(|path| !manifest_kept || **path != manifest_shown) {
        say!(json, "note: left alone: {path} (not written by the generator: no `@generated` header)");
    }
    if let Some(manifest) = manifest.as_deref().filter(|_| manifest_kept) {
        say!(
            json,
            "note: {manifest_shown} is yours, so it was not changed; the generated code needs these lines in it:\n{}",
            manifest_lines(manifest)
        );
    }
    // A version not bumped enough is the finding a semver gate exists for: it wins over drift.
    let bump_exit = bumped_enough.filter(|enough| !enough).map(|_| ExitCode::from(EXIT_BUMP));
    if drifts.is_empty() {
        say!(json, "{out_shown}/ is up to date");
        return bump_exit.unwrap_or(ExitCode::SUCCESS);
    }
    match options.mode {
        Mode::Write => {
            for drift in &drifts {
                say!(json, "{}", drift.summary(Mode::Write));
            }
            say!(json, "{} file(s) changed in {out_shown}/", drifts.len());
            bump_exit.unwrap_or(ExitCode::SUCCESS)
        }
        Mode::Check => {
            for drift in &drifts {
                say!(json, "{drift}");
            }
            say!(json, "{} file(s) in {out_shown}/ differ from what `{spec_shown}` generates", drifts.len());
            say!(json, "run `{}` to update {out_shown}/", config.regenerate_command());
            bump_exit.unwrap_or(ExitCode::from(EXIT_DRIFT))
        }
    }
}

/// The files of `src/` by path, and the manifest when a crate name asks for one: one rendering,
/// so the manifest comes with the sources it describes. An error is a generator bug.
fn rendered(
    generated: &codegen::Generated,
    crate_name: Option<&str>,
) -> Result<(std::collections::BTreeMap<String, String>, Option<String>), Diagnostics> {
    let Some(name) = crate_name else { return Ok((generated.crate_files()?, None)) };
    let mut crate_files = generated.standalone_crate(name)?;
    let manifest = crate_files.remove("Cargo.toml");
    let sources = crate_files
        .into_iter()
        .filter_map(|(path, text)| path.strip_prefix("src/").map(|path| (path.to_owned(), text)))
        .collect();
    Ok((sources, manifest))
}

/// The generator's settings from the flags, with every overlay read, and the overlays' texts by
/// the name their findings carry (to show those findings); the failure is the exit status.
fn configure(
    options: &Options,
    front_end: &FrontEnd,
    spec: &Path,
    overlays: &[PathBuf],
    out: &Path,
    (text, spec_shown): (&str, &str),
) -> Result<(Config, Vec<(String, String)>), ExitCode> {
    let mut config = Config::default()
        .with_regenerate_command(regenerate_command(options, front_end, spec, overlays, out))
        .with_strict(options.strict);
    let mut overlay_texts = Vec::new();
    for (overlay_text, overlay) in read_overlays(front_end, overlays, text, spec_shown)? {
        overlay_texts.push((overlay.origin().to_owned(), overlay_text));
        config = config.with_overlay(overlay);
    }
    Ok((config, overlay_texts))
}

/// Reads every overlay (its text, and the overlay read under the name the path is shown by, which
/// its findings carry). Every overlay's mistakes are reported at once, before the document is read; the
/// failure is the exit status.
fn read_overlays(
    front_end: &FrontEnd,
    paths: &[PathBuf],
    spec_text: &str,
    spec_shown: &str,
) -> Result<Vec<(String, codegen::Overlay)>, ExitCode> {
    let mut texts = Vec::new();
    for path in paths {
        let shown = files::display_path(&front_end.root, path);
        match std::fs::read_to_string(path) {
            Ok(text) => texts.push((shown, text)),
            Err(error) => {
                stderr!("error: cannot read the overlay `{shown}`: {error}");
                return Err(ExitCode::from(EXIT_FAILURE));
            }
        }
    }
    let mut overlays = Vec::new();
    let mut errors = Vec::new();
    for (shown, text) in &texts {
        match codegen::Overlay::from_str(text, shown) {
            Ok(overlay) => overlays.push((text.clone(), overlay)),
            Err(diagnostics) => errors.extend(diagnostics.items().iter().cloned()),
        }
    }
    if errors.is_empty() {
        return Ok(overlays);
    }
    let errors: Diagnostics = errors.into_iter().collect();
    let shown = render_documents(errors.items(), spec_text, spec_shown, &texts);
    let _ = std::io::Write::write_all(&mut std::io::stderr(), shown.as_bytes());
    stderr!("{}", summary(&errors));
    Err(ExitCode::from(EXIT_FAILURE))
}

/// `--against`: generates the old spec (loaded and lowered only), prints what changed in the
/// public API and, when a version flag was given, whether the bump is enough: `Ok(true)` when it
/// is (or nothing was checked). `Err` is the exit of a run that cannot compare.
fn compare(
    against: &Against,
    config: &Config,
    mode: Mode,
    generated: &codegen::Generated,
    new_text: &str,
    front_end: &FrontEnd,
    out: &Path,
) -> Result<bool, ExitCode> {
    let old_shown = files::display_path(&front_end.root, &against.spec);
    // Read once: the old spec may be a pipe (`--against <(git show v1.4.0:openapi.yaml)`).
    let old_text = std::fs::read_to_string(&against.spec).map_err(|error| {
        stderr!("error: cannot read `{old_shown}`: {error}");
        ExitCode::from(EXIT_FAILURE)
    })?;
    // The same overlays: they patch what both versions of the spec got wrong, so what they change
    // is no change of the API. Strictness is not asked of a spec already released.
    let old_config = config.overlays().iter().cloned().fold(Config::default(), Config::with_overlay);
    let old = codegen::generate_from_str(&old_text, &old_shown, &old_config).map_err(|diagnostics| {
        use std::io::Write as _;
        let _ = std::io::stderr().write_all(render(diagnostics.items(), &old_text, &old_shown).as_bytes());
        stderr!("{}", summary(&diagnostics));
        stderr!("error: cannot compare with `{old_shown}`: it cannot be generated from");
        ExitCode::from(EXIT_FAILURE)
    })?;
    let report = generated.api_changes_since(&old);
    let gate = match (against.old_version, against.new_version) {
        (None, None) => None,
        (Some(old), Some(new)) => Some(semver::Gate { old, new }),
        (old, new) => {
            let manifest_path = out.join("Cargo.toml");
            let manifest = manifest_version(&manifest_path).map_err(|message| {
                stderr!("error: {}: {message}", files::display_path(&front_end.root, &manifest_path));
                ExitCode::from(EXIT_FAILURE)
            })?;
            Some(semver::Gate { old: old.unwrap_or(manifest), new: new.unwrap_or(manifest) })
        }
    };
    let (old_index, new_index) = (SourceIndex::new(&old_text), SourceIndex::new(new_text));
    let line = |spec: semver::Spec, pointer: &codegen::Pointer| {
        let index = if spec == semver::Spec::Old { &old_index } else { &new_index };
        index.locate(pointer).map(|position| position.line)
    };
    let shown = if against.json { report.render_json(&line, gate) } else { report.render_text(&line, gate) };
    {
        use std::io::Write as _;
        let _ = std::io::stdout().write_all(shown.as_bytes());
    }
    if against.changelog {
        let heading = gate.map_or_else(|| "Unreleased".to_owned(), |gate| gate.new.to_string());
        let files = Files { base: &front_end.root, source: &old_shown, mode, force: false };
        changelog(&report.changelog_section(&heading), &heading, &out.join("CHANGELOG.md"), &files, against.json)
            .map_err(|error| {
                stderr!("error: {error:#}");
                ExitCode::from(EXIT_FAILURE)
            })?;
    }
    Ok(gate.is_none_or(|gate| report.allows(gate)))
}

/// `--changelog`: `section` added at the top of the changelog at `path` (below its `# ` title,
/// if it starts with one), or created with it; printed instead with `--check`. A changelog that
/// already has a section headed `## {heading}` is left alone: the section is written once.
fn changelog(section: &str, heading: &str, path: &Path, files: &Files<'_>, json: bool) -> anyhow::Result<()> {
    let shown = files::display_path(files.base, path);
    if section.is_empty() {
        say!(json, "note: nothing changed in the public API: {shown} gets no section");
        return Ok(());
    }
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => "# Changelog\n".to_owned(),
        Err(error) => return Err(anyhow::Error::new(error).context(format!("cannot read `{shown}`"))),
    };
    if existing.lines().any(|line| line.trim_end() == format!("## {heading}")) {
        say!(json, "note: {shown} already has a section `## {heading}`: it was not changed");
        return Ok(());
    }
    if files.mode == Mode::Check {
        say!(json, "note: --check: {shown} is not changed; its section would be:\n\n{}", section.trim_end());
        return Ok(());
    }
    let (title, rest) = match existing.split_once('\n') {
        Some((first, rest)) if first.starts_with("# ") => (format!("{first}\n\n"), rest.trim_start_matches('\n')),
        _ => (String::new(), existing.as_str()),
    };
    files.write(path, &format!("{title}{section}{rest}"))?;
    say!(json, "added a section `## {heading}` to {shown}");
    Ok(())
}

/// The `version` of a manifest's `[package]` table, read as a line `version = "X.Y.Z"` (the
/// form `cargo new` and the generator write; an inherited `version.workspace = true` has no
/// number here, so the flag for that side must be given instead).
fn manifest_version(path: &Path) -> Result<semver::Version, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("cannot read the crate's version: {error}"))?;
    let mut in_package = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package && let Some(value) = line.strip_prefix("version") {
            let value = value.trim_start();
            if let Some(value) = value.strip_prefix('=') {
                return value.trim().trim_matches('"').parse();
            }
            return Err("its version is not written in it (inherited from a workspace?): give both \
                 `--previous-version` and `--version-bumped-to`"
                .to_owned());
        }
    }
    Err("no `version` in `[package]`".to_owned())
}

/// The tables of a generated manifest that a crate needs (its dependencies and features),
/// without the package's own settings: what to copy into a manifest the user keeps.
fn manifest_lines(manifest: &str) -> String {
    let start = manifest.find("[dependencies]").unwrap_or(0);
    let end = manifest[start..].find("[lints").map_or(manifest.len(), |end| start + end);
    manifest[start..end].trim_end().to_owned()
}

fn summary(diagnostics: &Diagnostics) -> String {
    let errors = diagnostics.items().iter().filter(|d| d.severity == Severity::Error).count();
    format!("{errors} error(s), {} warning(s)", diagnostics.items().len() - errors)
}

/// Every diagnostic in rustc's style: the message, the document's line with the node marked and
/// its JSON pointer as the label, then the hint. A node the text does not have (in a document
/// that could not be read) is shown by its pointer alone.
#[must_use]
pub fn render(diagnostics: &[Diagnostic], text: &str, file: &str) -> String {
    render_documents(diagnostics, text, file, &[])
}

/// [`render`], with findings in overlays too: each is shown in the overlay its
/// [`Diagnostic::document`] names, one of `overlays` (the name it was read under, and its text).
#[must_use]
pub fn render_documents(diagnostics: &[Diagnostic], text: &str, file: &str, overlays: &[(String, String)]) -> String {
    let spec = (file, text, SourceIndex::new(text));
    let overlays: Vec<(&str, &str, SourceIndex)> =
        overlays.iter().map(|(name, text)| (name.as_str(), text.as_str(), SourceIndex::new(text))).collect();
    let renderer = Renderer::plain();
    let mut out = String::new();
    for diagnostic in diagnostics {
        let (file, text, index) = match &diagnostic.document {
            None => (spec.0, spec.1, &spec.2),
            Some(name) => overlays
                .iter()
                .find(|(shown, ..)| *shown == &**name)
                .map_or((&**name, "", &spec.2), |(shown, text, index)| (*shown, *text, index)),
        };
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let pointer = diagnostic.pointer.to_string();
        let offset = match diagnostic.location {
            Some((line, column)) => Some(source::offset_of(text, line, column)),
            None => index.locate(&diagnostic.pointer).map(|position| position.offset),
        }
        .filter(|_| !text.is_empty());
        let title = level.primary_title(diagnostic.message.as_str());
        let mut group = match offset {
            Some(offset) => {
                let end = text[offset..].find(['\n', ':']).map_or(text.len(), |length| offset + length.max(1));
                title.element(
                    Snippet::source(text)
                        .path(file)
                        .annotation(AnnotationKind::Primary.span(offset..end.max(offset)).label(pointer.as_str())),
                )
            }
            None => title.element(Level::NOTE.message(format!("at `{pointer}` in `{file}`"))),
        };
        if let Some(hint) = &diagnostic.hint {
            group = group.element(Level::HELP.message(hint.as_str()));
        }
        out.push_str(&renderer.render(&[group]));
        out.push('\n');
    }
    out
}

/// `--flag=value` or `--flag value`; `Ok(None)` for `--help`.
fn parse(args: &[OsString]) -> Result<Option<Options>, String> {
    let mut options = Options {
        mode: Mode::Write,
        spec: None,
        out: None,
        overlays: Vec::new(),
        crate_name: None,
        force: false,
        strict: false,
        against: None,
    };
    let (mut against, mut format, mut old_version, mut new_version) = (None, None, None, None);
    let mut changelog = false;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let text = arg.to_string_lossy();
        let (flag, inline_value) = match text.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag.to_owned(), Some(OsString::from(value))),
            _ => (text.into_owned(), None),
        };
        let mut value = || -> Result<OsString, String> {
            let value = match inline_value.clone() {
                Some(value) => value,
                None => rest.next().cloned().ok_or_else(|| format!("`{flag}` needs a value"))?,
            };
            if value.is_empty() { Err(format!("`{flag}` needs a non-empty value")) } else { Ok(value) }
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--check" if inline_value.is_none() => options.mode = Mode::Check,
            "--force" if inline_value.is_none() => options.force = true,
            "--strict" if inline_value.is_none() => options.strict = true,
            "--spec" | "--out" => {
                let path = PathBuf::from(value()?);
                let slot = if flag == "--spec" { &mut options.spec } else { &mut options.out };
                if slot.replace(path).is_some() {
                    return Err(format!("`{flag}` given twice"));
                }
            }
            "--overlay" => options.overlays.push(PathBuf::from(value()?)),
            "--crate-name" => {
                let name = value()?.to_string_lossy().into_owned();
                let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                    && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                if !valid {
                    return Err(format!(
                        "`{name}` is not a crate name (letters, digits, `-` and `_`, starting with a letter)"
                    ));
                }
                if options.crate_name.replace(name).is_some() {
                    return Err("`--crate-name` given twice".to_owned());
                }
            }
            "--changelog" if inline_value.is_none() => changelog = true,
            "--against" => {
                if against.replace(PathBuf::from(value()?)).is_some() {
                    return Err("`--against` given twice".to_owned());
                }
            }
            "--format" => {
                let json = match value()?.to_string_lossy().as_ref() {
                    "text" => false,
                    "json" => true,
                    other => return Err(format!("`--format {other}`: the formats are `text` and `json`")),
                };
                if format.replace(json).is_some() {
                    return Err("`--format` given twice".to_owned());
                }
            }
            "--version-bumped-to" | "--previous-version" => {
                let version: codegen::semver::Version =
                    value()?.to_string_lossy().parse().map_err(|e| format!("`{flag}`: {e}"))?;
                let slot = if flag == "--previous-version" { &mut old_version } else { &mut new_version };
                if slot.replace(version).is_some() {
                    return Err(format!("`{flag}` given twice"));
                }
            }
            _ => return Err(format!("unexpected argument `{flag}`")),
        }
    }
    match against {
        Some(spec) => {
            options.against =
                Some(Against { spec, json: format.unwrap_or(false), old_version, new_version, changelog });
        }
        None if format.is_some() || old_version.is_some() || new_version.is_some() || changelog => {
            return Err(
                "`--format`, `--version-bumped-to`, `--previous-version` and `--changelog` need `--against OLD-SPEC`"
                    .to_owned(),
            );
        }
        None => {}
    }
    if options.crate_name.is_some() && options.out.is_none() {
        return Err("`--crate-name` needs `--out DIR`: the crate's directory".to_owned());
    }
    Ok(Some(options))
}

/// The command written into every file's `@generated` header: the command with the flags that
/// decide the output (`--strict` only refuses, so what it lets through is the same files). No
/// path in it depends on where things are checked out, so two machines generate the same files:
/// paths are relative to the front end's root when the spec, the overlays and the output are
/// inside it, and otherwise relative to the output crate (which is then `--out .`).
fn regenerate_command(
    options: &Options,
    front_end: &FrontEnd,
    spec: &Path,
    overlays: &[PathBuf],
    out: &Path,
) -> String {
    let root = front_end.root.as_path();
    let inside = spec.starts_with(root) && out.starts_with(root) && overlays.iter().all(|path| path.starts_with(root));
    let base = if inside { root } else { out };
    let flag = |flag: &str, given: &Option<PathBuf>, resolved: &Path| {
        given.as_ref().map(|_| format!(" {flag} {}", relative_to(base, resolved))).unwrap_or_default()
    };
    // The overlays after the spec they apply to, in the order they are applied.
    let overlays = overlays.iter().fold(String::new(), |mut flags, path| {
        flags.push_str(" --overlay ");
        flags.push_str(&relative_to(base, path));
        flags
    });
    let crate_name = options.crate_name.as_ref().map(|name| format!(" --crate-name {name}")).unwrap_or_default();
    format!(
        "{}{}{overlays}{}{crate_name}",
        front_end.program,
        flag("--spec", &options.spec, spec),
        flag("--out", &options.out, out)
    )
}

/// `path` made absolute against `base` and cleaned of `.` and `..` lexically, so a path typed as
/// `../spec/x.yaml` from `tests/` is shown as `spec/x.yaml`. Lexical cleaning can be wrong across
/// symlinks, but these paths are only ever the user's own.
#[must_use]
pub fn resolve(base: &Path, path: &Path) -> PathBuf {
    let mut resolved = PathBuf::new();
    for component in base.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            other => resolved.push(other),
        }
    }
    resolved
}

/// `path` relative to the directory `base` (both absolute and cleaned, as [`resolve`] gives
/// them), with `/` separators: `../specs/api.json` for `/w/specs/api.json` from `/w/crate`; `.`
/// for `base` itself.
#[must_use]
pub fn relative_to(base: &Path, path: &Path) -> String {
    let base: Vec<Component<'_>> = base.components().collect();
    let path: Vec<Component<'_>> = path.components().collect();
    let common = base.iter().zip(&path).take_while(|(a, b)| a == b).count();
    let parts: Vec<String> = std::iter::repeat_n("..".to_owned(), base.len() - common)
        .chain(path[common..].iter().map(|component| component.as_os_str().to_string_lossy().into_owned()))
        .collect();
    if parts.is_empty() { ".".to_owned() } else { parts.join("/") }
}

#[cfg(test)]
mod tests {
    use codegen::Pointer;

    use super::*;

    #[test]
    fn relative_paths_climb_to_the_common_ancestor() {
        let crate_dir = Path::new("/work/crates/api");
        assert_eq!(relative_to(crate_dir, Path::new("/work/specs/api.json")), "../../specs/api.json");
        assert_eq!(relative_to(crate_dir, Path::new("/work/crates/api/openapi.yaml")), "openapi.yaml");
        assert_eq!(relative_to(crate_dir, crate_dir), ".");
        assert_eq!(relative_to(crate_dir, Path::new("/elsewhere")), "../../../elsewhere");
    }

    #[test]
    fn flags_parse_in_both_spellings_and_mistakes_are_named() {
        let args = |list: &[&str]| list.iter().map(OsString::from).collect::<Vec<_>>();
        let options = parse(&args(&["--check", "--spec=a.yaml", "--out", "x", "--crate-name", "api", "--strict"]))
            .expect("valid")
            .expect("not help");
        assert_eq!(options.mode, Mode::Check);
        assert!(options.strict);
        assert_eq!(
            (options.spec.as_deref(), options.out.as_deref()),
            (Some(Path::new("a.yaml")), Some(Path::new("x")))
        );
        assert_eq!(parse(&args(&["--help"])), Ok(None));
        assert_eq!(parse(&args(&["--spec"])), Err("`--spec` needs a value".to_owned()));
        assert_eq!(parse(&args(&["--spec", "a", "--spec", "b"])), Err("`--spec` given twice".to_owned()));
        assert!(
            parse(&args(&["--crate-name", "1x", "--out", "o"])).expect_err("bad name").contains("not a crate name")
        );
        assert!(parse(&args(&["--crate-name", "x"])).expect_err("no out").contains("needs `--out DIR`"));
        assert_eq!(parse(&args(&["--frobnicate"])), Err("unexpected argument `--frobnicate`".to_owned()));

        let against = parse(&args(&["--against", "old.yaml", "--format=json", "--previous-version", "1.2.3"]))
            .expect("valid")
            .expect("not help")
            .against
            .expect("--against");
        assert_eq!((against.spec.as_path(), against.json), (Path::new("old.yaml"), true));
        assert_eq!((against.old_version.map(|v| v.to_string()), against.new_version), (Some("1.2.3".to_owned()), None));
        assert!(
            parse(&args(&["--against", "o", "--format", "xml"])).expect_err("bad format").contains("`text` and `json`")
        );
        assert!(
            parse(&args(&["--against", "o", "--version-bumped-to", "1.2"])).expect_err("bad version").contains("X.Y.Z")
        );
        assert!(parse(&args(&["--format", "json"])).expect_err("no against").contains("need `--against OLD-SPEC`"));
    }

    #[test]
    fn the_version_is_read_from_the_package_table_only() {
        let dir = std::env::temp_dir().join(format!("openapi-crategen-version-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        let manifest = dir.join("Cargo.toml");
        let write = |text: &str| std::fs::write(&manifest, text).expect("writable");
        write("[package]\nname = \"api\"\nversion = \"0.3.1\"\n\n[dependencies]\nversion = \"9.9.9\"\n");
        assert_eq!(manifest_version(&manifest).map(|v| v.to_string()), Ok("0.3.1".to_owned()));
        write("[package]\nname = \"api\"\nversion.workspace = true\n");
        assert!(manifest_version(&manifest).expect_err("inherited").contains("give both"));
        write("[dependencies]\nversion = \"9.9.9\"\n");
        assert!(manifest_version(&manifest).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_diagnostic_shows_the_line_of_the_document() {
        let text = "openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n  /pets:\n    get:\n      responses: {}\n";
        let diagnostic =
            Diagnostic::warning(Pointer::from_tokens(["paths", "/pets", "get"]), "operation has no `operationId`")
                .with_hint("add one");
        let shown = render(&[diagnostic], text, "api.yaml");
        assert!(shown.contains("warning: operation has no `operationId`"), "{shown}");
        assert!(shown.contains("api.yaml:5:5"), "{shown}");
        assert!(shown.contains("    get:"), "{shown}");
        assert!(shown.contains("#/paths/~1pets/get"), "{shown}");
        assert!(shown.contains("help: add one"), "{shown}");
    }
}

//! Documentation that rustdoc reads as written: every text of the spec that reaches a doc comment
//! goes through [`Docs`], made once, when the IR is built.
//!
//! Descriptions, summaries and titles are Markdown written for a web page. In rustdoc the same
//! text can break the generated crate: a fenced block without a language (or marked `rust`) and an
//! indented block are doctests, compiled and run by its `cargo test`; an unclosed fence swallows
//! the rest of the comment into one; and under `-D warnings`, `created_at[gte]` reads as a broken
//! intra-doc link, `<repo-name>` as an unclosed HTML tag, a bare URL as a missing link. The
//! sanitiser makes every code block text, closes what it opens, and escapes those inline hazards;
//! everything else (code spans, inline links, lists, headings) stays as written.
//!
//! [`Docs`] can only be made by the sanitiser, so an emitter cannot put the spec's text in a doc
//! comment without it. The generator's own prose (which may hold intra-doc links, and spec values
//! quoted with [`code_span`]) is a `Docs` too, through the same block rules, so no value written
//! into it can open a doctest either.

use proc_macro2::TokenStream;
use quote::quote;

/// Documentation safe for rustdoc: no code block it holds is compiled, every fence it opens is
/// closed, and (for the spec's text) nothing in it reads as a link, an HTML tag or a bare URL.
///
/// Only the sanitiser makes one ([`Docs::from_spec`], [`Docs::generated`]); emitters compose them
/// with [`Docs::then`] and turn them into attributes with [`Docs::outer`] or [`Docs::inner`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Docs(String);

impl Docs {
    /// Text the spec wrote (a description, a summary, a title), as rustdoc-safe Markdown; `None`
    /// when there is nothing to say.
    pub(crate) fn from_spec(text: &str) -> Option<Self> {
        sanitize(text, Inline::Escape).map(Self)
    }

    /// Prose the generator writes itself. Its inline Markdown is kept (intra-doc links are meant),
    /// so a value of the spec goes into it only through [`code_span`]; the block rules still
    /// apply, so nothing in it is compiled as a doctest.
    pub(crate) fn generated(text: &str) -> Self {
        sanitize(text, Inline::Keep).map(Self).unwrap_or_default()
    }

    /// These docs, then `next` as paragraphs of their own. Both are balanced (every fence closed),
    /// so the blank line between them cannot leave one's block open into the other.
    #[must_use]
    pub(crate) fn then(mut self, next: &Self) -> Self {
        if self.0.is_empty() {
            return next.clone();
        }
        if !next.0.is_empty() {
            self.0.push_str("\n\n");
            self.0.push_str(&next.0);
        }
        self
    }

    /// The first paragraph, which summarises the docs where their item is declared (a module's
    /// `mod` line). Its lines stay as written, so a sentence wrapped over two lines is not cut in
    /// half; a blank line inside a code block does not end it.
    pub(crate) fn first_paragraph(&self) -> Self {
        let mut fence: Option<Fence> = None;
        let mut kept = Vec::new();
        for line in self.0.lines() {
            match fence {
                Some(open) if open.closed_by(line.trim()) => fence = None,
                Some(_) => {}
                None if line.trim().is_empty() => break,
                None => fence = Fence::opened_by(line.trim_start()).map(|(fence, _)| fence),
            }
            kept.push(line);
        }
        Self(kept.join("\n"))
    }

    /// The Markdown, as the tests read it.
    #[cfg(test)]
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// `#[doc]` attributes for the item that follows.
    pub(crate) fn outer(&self) -> TokenStream {
        let lines = self.attribute_lines();
        quote! { #( #[doc = #lines] )* }
    }

    /// `#![doc]` attributes for the module or crate they are in.
    pub(crate) fn inner(&self) -> TokenStream {
        let lines = self.attribute_lines();
        quote! { #( #![doc = #lines] )* }
    }

    /// One attribute per line, each with a leading space so prettyplease prints `/// text` rather
    /// than `///text`.
    fn attribute_lines(&self) -> impl Iterator<Item = String> + '_ {
        self.0.lines().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") })
    }
}

/// A value of the spec (a wire name, a path, a default) as an inline code span: one line, with a
/// run of backticks longer than any inside it, so the value can neither end the span early nor,
/// written at the start of a line, open a code block.
pub(crate) fn code_span(value: &str) -> String {
    let flat: String = value.chars().map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }).collect();
    let mut longest = 0;
    let mut run = 0;
    for c in flat.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let ticks = "`".repeat(longest + 1);
    // A span's content that starts or ends with a backtick needs a space to part it from the
    // delimiters; Markdown strips one space on each side.
    let pad = if flat.starts_with('`') || flat.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{flat}{pad}{ticks}")
}

/// What the sanitiser does to text outside code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Inline {
    /// The spec's text: escape what rustdoc would read as a link, an HTML tag or a bare URL.
    Escape,
    /// The generator's prose: keep it, its links are meant.
    Keep,
}

/// A code fence: its character and how many, which the fence that closes it must repeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fence {
    marker: char,
    length: usize,
}

impl Fence {
    /// The fence a line (without its indentation) opens, with its info string: three or more
    /// backticks or tildes. A backtick fence's info string holds no backtick (as `CommonMark`
    /// says), so a line that starts with a code span delimited by three backticks opens nothing.
    fn opened_by(line: &str) -> Option<(Self, &str)> {
        let marker = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let length = line.chars().take_while(|&c| c == marker).count();
        let info = line[length * marker.len_utf8()..].trim();
        (length >= 3 && !(marker == '`' && info.contains('`'))).then_some((Self { marker, length }, info))
    }

    /// Whether a line (without its indentation) closes this fence: the same character, at least
    /// as many, and nothing after.
    fn closed_by(self, line: &str) -> bool {
        let length = line.chars().take_while(|&c| c == self.marker).count();
        length >= self.length && line[length * self.marker.len_utf8()..].trim().is_empty()
    }

    fn text(self) -> String {
        std::iter::repeat_n(self.marker, self.length).collect()
    }
}

/// Whether rustdoc could compile a code block with this info string, or lint its attributes: an
/// empty one (Rust by default), `rust`, an attribute of rustdoc's (`ignore`, `no_run`,
/// `edition2021`, … or one spelled close to it), or anything that is not one plain word. Only a
/// word naming another language (`json`, `python`, `sh`, `text`) is kept as written.
fn may_compile(info: &str) -> bool {
    let word = info.to_ascii_lowercase().replace('-', "_");
    let plain =
        !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '#' | '.'));
    !plain
        || matches!(
            word.as_str(),
            "rust" | "no_run" | "should_panic" | "compile_fail" | "test_harness" | "standalone_crate" | "allow_fail"
        )
        || word.starts_with("ignore")
        || word.starts_with("edition")
}

/// The text as rustdoc-safe Markdown, or `None` when there is nothing to say: code blocks, fenced
/// or indented, become text blocks; an unclosed fence is closed; lines of a list item are
/// indented as clippy wants; and, for the spec's text, inline hazards are escaped.
fn sanitize(text: &str, inline: Inline) -> Option<String> {
    // A lone carriage return is a line break to Markdown, and a bare CR in a doc comment does
    // not compile.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out: Vec<String> = Vec::new();
    let mut fence: Option<Fence> = None;
    // Where the text block opened for indented code starts in `out`, while one is open.
    let mut indented_code: Option<usize> = None;
    let mut in_list = false;
    let lines: Vec<&str> = text.trim_matches('\n').trim_end().lines().collect();
    let indent = common_indent(&lines);
    for raw_line in &lines {
        let line = raw_line.get(indent..).unwrap_or_else(|| raw_line.trim_start()).trim_end();
        let trimmed = line.trim_start();
        if let Some(open) = fence {
            if open.closed_by(trimmed) {
                out.push(trimmed.to_owned());
                fence = None;
            } else {
                out.push(line.to_owned());
            }
            continue;
        }
        if let Some(opener) = indented_code {
            if trimmed.is_empty() || columns(line) >= 4 {
                out.push(strip_columns(line, 4));
                continue;
            }
            close_indented_code(&mut out, opener);
            indented_code = None;
        }
        if let Some((open, info)) = Fence::opened_by(trimmed) {
            // Wherever it is indented, a fence is made a text block: one rustdoc would have read
            // as indented code holding a fence would have been compiled just the same.
            out.push(if may_compile(info) { format!("{}text", open.text()) } else { trimmed.to_owned() });
            fence = Some(open);
            continue;
        }
        if trimmed.is_empty() {
            in_list = false;
            out.push(String::new());
            continue;
        }
        let after_blank = out.last().is_none_or(String::is_empty);
        if columns(line) >= 4 && !in_list && after_blank {
            // An indented code block would be compiled as a doctest: fence it as text.
            indented_code = Some(out.len());
            out.push("```text".to_owned());
            out.push(strip_columns(line, 4));
            continue;
        }
        let is_item = is_list_item(trimmed);
        let written = match inline {
            Inline::Escape => escape_inline(trimmed),
            Inline::Keep => trimmed.to_owned(),
        };
        if is_item {
            in_list = true;
            out.push(written);
        } else if in_list {
            // A continuation line of a list item must be indented, or clippy reads it as a lazy
            // continuation.
            out.push(format!("  {written}"));
        } else {
            out.push(written);
        }
    }
    if let Some(opener) = indented_code {
        close_indented_code(&mut out, opener);
    }
    if let Some(open) = fence {
        out.push(open.text());
    }
    let joined = out.join("\n");
    let joined = joined.trim();
    if joined.is_empty() { None } else { Some(joined.to_owned()) }
}

/// Ends the text block opened at `opener` for indented code, without the blank lines it
/// swallowed. Its fence is longer than any run of backticks that starts a line of the code, so
/// the code cannot close it early (and open a block of its own after it).
fn close_indented_code(out: &mut Vec<String>, opener: usize) {
    let mut blank = 0;
    while out.last().is_some_and(String::is_empty) {
        out.pop();
        blank += 1;
    }
    let longest = out[opener + 1..]
        .iter()
        .map(|line| line.trim_start().chars().take_while(|&c| c == '`').count())
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    out[opener] = format!("{fence}text");
    out.push(fence);
    out.extend(std::iter::repeat_n(String::new(), blank));
}

/// The indentation every non-blank line shares (a description written as an indented block).
fn common_indent(lines: &[&str]) -> usize {
    lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0)
}

/// How far a line is indented, in columns, a tab reaching the next multiple of four (as
/// Markdown counts them).
fn columns(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        match c {
            ' ' => width += 1,
            '\t' => width = (width / 4 + 1) * 4,
            _ => break,
        }
    }
    width
}

/// The line without its first `count` columns of indentation (a tab that reaches past them
/// leaves the rest as spaces).
fn strip_columns(line: &str, count: usize) -> String {
    let mut width = 0;
    for (index, c) in line.char_indices() {
        if width >= count {
            return line[index..].to_owned();
        }
        match c {
            ' ' => width += 1,
            '\t' => {
                let next = (width / 4 + 1) * 4;
                if next > count {
                    return " ".repeat(next - count) + &line[index + 1..];
                }
                width = next;
            }
            _ => return line[index..].to_owned(),
        }
    }
    String::new()
}

fn is_list_item(line: &str) -> bool {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// Escapes one line outside code spans: link-like brackets, HTML-like angle brackets, bare URLs.
fn escape_inline(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        match c {
            '`' => {
                // Copy a code span verbatim, up to the matching run of backticks.
                let run = chars[index..].iter().take_while(|&&x| x == '`').count();
                let close = find_backtick_run(&chars, index + run, run);
                let end = close.map_or(index + run, |close| close + run);
                out.extend(&chars[index..end]);
                index = end;
            }
            '[' => {
                if let Some(end) = inline_link_end(&chars, index) {
                    out.extend(&chars[index..end]);
                    index = end;
                } else {
                    out.push_str("\\[");
                    index += 1;
                }
            }
            ']' => {
                out.push_str("\\]");
                index += 1;
            }
            '<' => {
                // An autolink (`<https://...>`) is already what rustdoc wants.
                if let Some(end) = autolink_end(&chars, index) {
                    out.extend(&chars[index..end]);
                    index = end;
                } else {
                    out.push_str("&lt;");
                    index += 1;
                }
            }
            '>' => {
                out.push_str("&gt;");
                index += 1;
            }
            'h' if starts_with_url(&chars[index..]) && (index == 0 || !chars[index - 1].is_alphanumeric()) => {
                let mut end = index;
                while end < chars.len() && !chars[end].is_whitespace() && !matches!(chars[end], '<' | '>' | '`' | '"') {
                    end += 1;
                }
                while end > index && matches!(chars[end - 1], '.' | ',' | ';' | ':' | ')' | '!' | '?' | '\'') {
                    end -= 1;
                }
                out.push('<');
                out.extend(&chars[index..end]);
                out.push('>');
                index = end;
            }
            _ => {
                out.push(c);
                index += 1;
            }
        }
    }
    out
}

fn autolink_end(chars: &[char], start: usize) -> Option<usize> {
    if !starts_with_url(&chars[start + 1..]) {
        return None;
    }
    let close = start + chars[start..].iter().position(|&c| c == '>')?;
    chars[start..close].iter().all(|c| !c.is_whitespace()).then_some(close + 1)
}

fn starts_with_url(chars: &[char]) -> bool {
    let prefix: String = chars.iter().take(8).collect();
    prefix.starts_with("http://") || prefix.starts_with("https://")
}

fn find_backtick_run(chars: &[char], from: usize, run: usize) -> Option<usize> {
    let mut index = from;
    while index < chars.len() {
        if chars[index] == '`' {
            let length = chars[index..].iter().take_while(|&&x| x == '`').count();
            if length == run {
                return Some(index);
            }
            index += length;
        } else {
            index += 1;
        }
    }
    None
}

/// The end of a Markdown inline link `[text](target)` starting at `start`, if there is one.
fn inline_link_end(chars: &[char], start: usize) -> Option<usize> {
    let close = start + chars[start..].iter().position(|&c| c == ']')?;
    if chars.get(close + 1) != Some(&'(') {
        return None;
    }
    let paren = close + 1 + chars[close + 1..].iter().position(|&c| c == ')')?;
    let target: String = chars[close + 2..paren].iter().collect();
    (target.starts_with("http") || target.starts_with('/') || target.starts_with('#')).then_some(paren + 1)
}

#[cfg(test)]
mod tests {
    use super::{Docs, code_span};

    /// Each input as `Docs::from_spec` writes it.
    fn assert_sanitized(cases: &[(&str, &str)]) {
        for (input, expected) in cases {
            let docs = Docs::from_spec(input).unwrap_or_default();
            assert_eq!(docs.as_str(), *expected, "input {input:?}");
        }
    }

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        assert_sanitized(&[
            ("Filter by created_at[gte].", "Filter by created_at\\[gte\\]."),
            ("Defaults to `/workspace/<repo-name>`.", "Defaults to `/workspace/<repo-name>`."),
            ("Defaults to /workspace/<repo-name>.", "Defaults to /workspace/&lt;repo-name&gt;."),
            ("See https://example.com/docs.", "See <https://example.com/docs>."),
            ("See [the docs](https://example.com).", "See [the docs](https://example.com)."),
            ("See <https://example.com>.", "See <https://example.com>."),
            ("Bold <b>text</b> and <!-- a comment -->.", "Bold &lt;b&gt;text&lt;/b&gt; and &lt;!-- a comment --&gt;."),
            ("<pre>\nfn main() {}\n</pre>", "&lt;pre&gt;\nfn main() {}\n&lt;/pre&gt;"),
            ("Ends a comment */ and opens one /* here.", "Ends a comment */ and opens one /* here."),
            ("- one\ntwo", "- one\n  two"),
            ("  \n ", ""),
        ]);
    }

    #[test]
    fn fences_of_any_language_become_text_blocks() {
        assert_sanitized(&[
            ("```\nx\n```", "```text\nx\n```"),
            ("```rust\nfn main() {}\n```", "```text\nfn main() {}\n```"),
            ("``` rust \nx\n```", "```text\nx\n```"),
            ("```rust,ignore\nx\n```", "```text\nx\n```"),
            ("```ignore\nx\n```", "```text\nx\n```"),
            ("```no_run\nx\n```", "```text\nx\n```"),
            ("```compile-fail\nx\n```", "```text\nx\n```"),
            ("```edition2021\nx\n```", "```text\nx\n```"),
            ("```{.rust}\nx\n```", "```text\nx\n```"),
            ("~~~\nx\n~~~", "~~~text\nx\n~~~"),
            ("~~~rust\nx\n~~~", "~~~text\nx\n~~~"),
            ("````rust\n```\nx\n````", "````text\n```\nx\n````"),
            // A block in another language is not compiled: it keeps its language.
            ("```json\n{\"a\": [1]}\n```", "```json\n{\"a\": [1]}\n```"),
            ("```python\nprint(1)\n```", "```python\nprint(1)\n```"),
            ("```sh\nls\n```", "```sh\nls\n```"),
            ("~~~text\nx\n~~~", "~~~text\nx\n~~~"),
            // Inside a list item or indented, a fence is a fence all the same.
            ("- item\n\n  ```rust\n  x\n  ```", "- item\n\n```text\n  x\n```"),
            ("Example:\n\n    ```rust\n    x\n    ```", "Example:\n\n```text\n    x\n```"),
        ]);
    }

    #[test]
    fn an_unbalanced_fence_is_closed() {
        assert_sanitized(&[
            ("Open:\n```rust\nfn main() {}", "Open:\n```text\nfn main() {}\n```"),
            ("~~~~\nx\n~~~", "~~~~text\nx\n~~~\n~~~~"),
            ("```\nx\n~~~", "```text\nx\n~~~\n```"),
            ("Trailing ```", "Trailing ```"),
        ]);
    }

    #[test]
    fn a_fence_in_the_middle_of_a_line_opens_nothing() {
        assert_sanitized(&[
            ("Use ```rust fn main() {}``` inline.", "Use ```rust fn main() {}``` inline."),
            ("Use ```rust to start.\nfn main() {}", "Use ```rust to start.\nfn main() {}"),
            // A backtick fence's info string holds no backtick: this line is a code span.
            ("``` a``b ``` is code.", "``` a``b ``` is code."),
        ]);
    }

    #[test]
    fn indented_code_becomes_a_text_block() {
        assert_sanitized(&[
            ("    indented description", "indented description"),
            ("Example:\n\n    let x = 1;\n    x\n\nAfter.", "Example:\n\n```text\nlet x = 1;\nx\n```\n\nAfter."),
            ("Example:\n\n\tlet x = 1;\n\t\tx\n\nAfter.", "Example:\n\n```text\nlet x = 1;\n\tx\n```\n\nAfter."),
            ("Example:\n\n  \tx", "Example:\n\n```text\nx\n```"),
            // An indented fence is read as a fence: a text block either way.
            ("Example:\n\n    ```\n    fn main() {}\n    ```", "Example:\n\n```text\n    fn main() {}\n```"),
            // Code holding a fence gets a longer one, so it cannot close the block early.
            ("Example:\n\n    x\n    ````", "Example:\n\n`````text\nx\n````\n`````"),
            // Without a blank line before it, an indented line continues the paragraph.
            ("Text\n    more text", "Text\nmore text"),
        ]);
    }

    #[test]
    fn line_breaks_are_lines_of_the_comment() {
        assert_sanitized(&[("one\r\ntwo\rthree", "one\ntwo\nthree")]);
    }

    #[test]
    fn generated_prose_keeps_its_links_and_gets_the_block_rules() {
        let prose = "Sends [`CreatePet`](crate::operations::CreatePet), see <T>.";
        assert_eq!(Docs::generated(prose).as_str(), prose);
        assert_eq!(Docs::generated("```\nx").as_str(), "```text\nx\n```");
        assert_eq!(Docs::generated("").as_str(), "");
    }

    #[test]
    fn sanitised_docs_are_sanitised_again_unchanged() {
        for input in ["```rust\nx", "Example:\n\n    ```\n    x", "- a\nb\n\n~~~\ny", "`` ` `` and ``` x``y ```"] {
            let once = Docs::generated(input);
            assert_eq!(Docs::generated(once.as_str()), once, "input {input:?}");
        }
    }

    #[test]
    fn a_code_span_holds_any_value_on_one_line() {
        let cases = [
            ("GET /pets/{id}", "`GET /pets/{id}`"),
            ("", "``"),
            ("a`b", "``a`b``"),
            ("`a", "`` `a ``"),
            ("```rust", "```` ```rust ````"),
            ("x\n```rust\ny", "````x ```rust y````"),
        ];
        for (value, expected) in cases {
            assert_eq!(code_span(value), expected, "value {value:?}");
        }
        // Written at the start of a line, a span of three or more backticks opens no block.
        let docs = Docs::generated(&code_span("``x"));
        assert_eq!(docs.as_str(), "``` ``x ```");
        assert_eq!(docs.first_paragraph(), docs);
    }

    #[test]
    fn docs_compose_as_paragraphs() {
        let summary = Docs::from_spec("Lists pets.").unwrap_or_default();
        let description = Docs::from_spec("```rust\nx\n```\n\nMore.").unwrap_or_default();
        let composed = summary.then(&Docs::generated("`GET /pets`")).then(&description).then(&Docs::default());
        assert_eq!(composed.as_str(), "Lists pets.\n\n`GET /pets`\n\n```text\nx\n```\n\nMore.");
        assert_eq!(Docs::default().then(&description), description);
        assert_eq!(composed.first_paragraph().as_str(), "Lists pets.");
        let fenced_first = Docs::generated("```text\na\n\nb\n```\n\nAfter.");
        assert_eq!(fenced_first.first_paragraph().as_str(), "```text\na\n\nb\n```");
    }

    #[test]
    fn attributes_are_one_per_line() {
        let docs = Docs::generated("One.\n\nTwo.");
        assert_eq!(
            docs.outer().to_string(),
            quote::quote! { #[doc = " One."] #[doc = ""] #[doc = " Two."] }.to_string()
        );
        assert_eq!(
            docs.inner().to_string(),
            quote::quote! { #![doc = " One."] #![doc = ""] #![doc = " Two."] }.to_string()
        );
    }
}

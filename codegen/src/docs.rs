//! Turning spec descriptions into documentation that rustdoc and clippy accept unchanged.
//!
//! Descriptions are Markdown written for a web page. In rustdoc the same text can break the build
//! under `-D warnings`: `created_at[gte]` reads as an intra-doc link, `<repo-name>` as an HTML tag,
//! a bare URL as a missing link, an indented line as a doctest. This module escapes those and
//! leaves everything else (code spans, fenced blocks, inline links) as written.

/// The description as rustdoc-safe Markdown, or `None` when there is nothing to say.
pub(crate) fn sanitize(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n");
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    let mut in_indented_code = false;
    let mut in_list = false;
    let lines: Vec<&str> = text.trim_matches('\n').trim_end().lines().collect();
    let indent = common_indent(&lines);
    for raw_line in &lines {
        let line = raw_line.get(indent..).unwrap_or_else(|| raw_line.trim_start()).trim_end();
        let trimmed = line.trim_start();
        if in_indented_code {
            if trimmed.is_empty() || line.starts_with("    ") {
                out.push(line.strip_prefix("    ").unwrap_or_default().to_owned());
                continue;
            }
            close_indented_code(&mut out);
            in_indented_code = false;
        }
        if trimmed.starts_with("```") {
            // An unlabelled fence would be compiled as a doctest: say it is text.
            if !in_fence && trimmed.trim_start_matches('`').trim().is_empty() {
                out.push("```text".to_owned());
            } else {
                out.push(trimmed.to_owned());
            }
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_owned());
            continue;
        }
        if trimmed.is_empty() {
            in_list = false;
            out.push(String::new());
            continue;
        }
        let after_blank = out.last().is_none_or(String::is_empty);
        if line.starts_with("    ") && !in_list && after_blank {
            // An indented code block would be compiled as a doctest: fence it as text.
            out.push("```text".to_owned());
            out.push(line[4..].to_owned());
            in_indented_code = true;
            continue;
        }
        let is_item = is_list_item(trimmed);
        let escaped = escape_inline(trimmed);
        if is_item {
            in_list = true;
            out.push(escaped);
        } else if in_list {
            // A continuation line of a list item must be indented, or clippy reads it as a lazy
            // continuation.
            out.push(format!("  {escaped}"));
        } else {
            out.push(escaped);
        }
    }
    if in_indented_code {
        close_indented_code(&mut out);
    }
    if in_fence {
        out.push("```".to_owned());
    }
    let joined = out.join("\n");
    let joined = joined.trim();
    if joined.is_empty() { None } else { Some(joined.to_owned()) }
}

/// Ends a fenced block opened for indented code, without the blank lines it swallowed.
fn close_indented_code(out: &mut Vec<String>) {
    let mut blank = 0;
    while out.last().is_some_and(String::is_empty) {
        out.pop();
        blank += 1;
    }
    out.push("```".to_owned());
    out.extend(std::iter::repeat_n(String::new(), blank));
}

/// The indentation every non-blank line shares (a description written as an indented block).
fn common_indent(lines: &[&str]) -> usize {
    lines.iter().filter(|l| !l.trim().is_empty()).map(|l| l.len() - l.trim_start().len()).min().unwrap_or(0)
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
    use super::sanitize;

    #[test]
    fn escapes_what_rustdoc_would_misread() {
        let cases = [
            ("Filter by created_at[gte].", "Filter by created_at\\[gte\\]."),
            ("Defaults to `/workspace/<repo-name>`.", "Defaults to `/workspace/<repo-name>`."),
            ("Defaults to /workspace/<repo-name>.", "Defaults to /workspace/&lt;repo-name&gt;."),
            ("See https://example.com/docs.", "See <https://example.com/docs>."),
            ("See [the docs](https://example.com).", "See [the docs](https://example.com)."),
            ("    indented description", "indented description"),
            ("Example:\n\n    let x = 1;\n    x\n\nAfter.", "Example:\n\n```text\nlet x = 1;\nx\n```\n\nAfter."),
            ("See <https://example.com>.", "See <https://example.com>."),
            ("```\nx\n```", "```text\nx\n```"),
            ("- one\ntwo", "- one\n  two"),
            ("  \n ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitize(input).unwrap_or_default(), expected, "input {input:?}");
        }
    }
}

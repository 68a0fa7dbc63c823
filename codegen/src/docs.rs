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
    let mut in_list = false;
    for raw_line in text.trim().lines() {
        let line = raw_line.trim_end();
        let trimmed = line.trim_start();
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
            // Leading spaces would turn prose into an indented code block, compiled as a doctest.
            out.push(escaped);
        }
    }
    if in_fence {
        out.push("```".to_owned());
    }
    let joined = out.join("\n");
    let joined = joined.trim();
    if joined.is_empty() { None } else { Some(joined.to_owned()) }
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
                out.push_str("&lt;");
                index += 1;
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
            ("    indented code", "indented code"),
            ("```\nx\n```", "```text\nx\n```"),
            ("- one\ntwo", "- one\n  two"),
            ("  \n ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(sanitize(input).unwrap_or_default(), expected, "input {input:?}");
        }
    }
}

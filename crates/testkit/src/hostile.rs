//! Hostile guide text, for the tests and the fuzz target that hold the
//! promise that a guide file cannot put a script or an outside image on a
//! page: Markdown snippets built from pieces that attackers use (escapes,
//! brackets, schemes, entities, autolinks), placed in every kind of text
//! of a real guide, and a scanner that finds what a page links to.

/// The pieces a snippet is made of; a byte picks one.
const PIECES: [&str; 32] = [
    "[",
    "]",
    "(",
    ")",
    "\\",
    "!",
    "<",
    ">",
    "`",
    "*",
    "_",
    " ",
    "click",
    "#check-battery",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,x",
    "https://example.com/",
    "tel:+1",
    "mailto:a@b.example",
    "&#106;avascript:x",
    "&#58;",
    "vbscript:x",
    "//evil.example",
    "\"",
    "'",
    "{",
    "}",
    "[x]: javascript:alert(1)\n",
    "\n",
    "&",
    "file:///etc/passwd",
];

/// A Markdown snippet made of the pieces the bytes pick.
pub fn snippet(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| PIECES[usize::from(b) % PIECES.len()])
        .collect()
}

/// The smart-lock guide shipped with Unstuck, the base that snippets go into.
pub const BASE_GUIDE: &str = include_str!("../../../guides/smart-lock.md");

/// Where a snippet goes in [`BASE_GUIDE`]: a line of it and how that line
/// reads with the snippet (`{}`) in it. Every kind of guide text is here.
const PLACES: [(&str, &str); 10] = [
    (
        "# Fix a smart lock that will not open",
        "# Fix a smart lock {} that will not open",
    ),
    (
        "- Physical key for the lock",
        "- {} Physical key for the lock",
    ),
    (
        "## Check battery {#check-battery .section}",
        "## {} Check battery {#check-battery .section}",
    ),
    (
        "- Use the physical key that came with the lock. It bypasses the electronics.",
        "- {}Use the physical key that came with the lock.",
    ),
    (
        "Bad: Still does not respond. Proceed to [When to get help](#get-help).",
        "Bad: Still does not respond {}. Proceed to [When to get help](#get-help).",
    ),
    ("- The physical key does not work.", "- {}"),
    (
        "- Lock model and manufacturer {#lock-model}",
        "- {} model {#lock-model}",
    ),
    ("- Yes → bolt-stuck", "- Yes {} → bolt-stuck"),
    (
        "## Call a locksmith {#locksmith .outcome .escalate}",
        "## Call {} {#locksmith .outcome .escalate}",
    ),
    (
        "The most common cause is dead or low battery.",
        "{} The most common cause is dead or low battery.",
    ),
];

/// [`BASE_GUIDE`] with `snippet` in the place that `place` picks.
pub fn guide_with(snippet: &str, place: usize) -> String {
    let (line, with) = PLACES[place % PLACES.len()];
    BASE_GUIDE.replacen(line, &with.replacen("{}", snippet, 1), 1)
}

/// How many places [`guide_with`] knows.
pub const PLACE_COUNT: usize = PLACES.len();

/// The attributes whose value a browser follows or loads.
const ADDRESS_ATTRIBUTES: [&str; 7] = [
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "data",
];

/// Every address in `html` that a browser would follow or load, with the
/// attribute it stands in (`href`, `src`, `action`, `formaction`,
/// `srcset`, `poster`, `data`), its character references decoded as a
/// browser reads them.
pub fn addresses(html: &str) -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    for attribute in ADDRESS_ATTRIBUTES {
        let needle = format!(" {attribute}=\"");
        let mut rest = html;
        while let Some(at) = rest.find(&needle) {
            rest = &rest[at + needle.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            found.push((attribute, decode_entities(&rest[..end])));
        }
    }
    found
}

/// Every address in `html` (see [`addresses`]) that is not one a page of
/// Unstuck may carry: a relative address, `#…`, an
/// `http:`/`https:`/`mailto:`/`tel:` address, or the two `data:` forms the
/// pages write themselves (the empty icon and a plain-text download).
pub fn disallowed_addresses(html: &str) -> Vec<String> {
    let mut found: Vec<String> = (addresses(html).into_iter())
        .filter(|(_, value)| !allowed_address(value))
        .map(|(attribute, value)| format!("{attribute}={value}"))
        .collect();
    if html.contains("<img") || html.contains("<iframe") || html.contains("<object") {
        found.push("an <img>, <iframe> or <object> element".to_owned());
    }
    found
}

fn allowed_address(value: &str) -> bool {
    let value = value.trim_start_matches(|c: char| c.is_whitespace() || c.is_control());
    let scheme_end = value.find(':');
    let has_scheme = scheme_end.is_some_and(|end| {
        !value[..end].contains(['/', '?', '#'])
            && value[..end]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    });
    if !has_scheme {
        return !value.starts_with("//");
    }
    let lower = value.to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        || value == "data:,"
        || value.starts_with("data:text/plain;charset=utf-8,")
}

/// The text of an attribute value with its character references decoded,
/// as a browser reads it.
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&end| end <= 10);
        let decoded = end.and_then(|end| {
            let name = &rest[1..end];
            let code = match name.strip_prefix('#') {
                Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
                Some(decimal) => decimal.parse().ok(),
                None => match name {
                    "amp" => Some(u32::from('&')),
                    "quot" => Some(u32::from('"')),
                    "lt" => Some(u32::from('<')),
                    "gt" => Some(u32::from('>')),
                    "colon" => Some(u32::from(':')),
                    _ => None,
                },
            };
            Some((char::from_u32(code?)?, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scanner_finds_what_a_browser_would_run_or_load() {
        for html in [
            r#"<a href="javascript:alert(1)">x</a>"#,
            r#"<a href="JavaScript&#58;alert(1)">x</a>"#,
            r#"<a href="&#x6A;avascript:alert(1)">x</a>"#,
            r#"<a href="data:text/html,x">x</a>"#,
            r#"<a href="//evil.example/">x</a>"#,
            r#"<img src="x.png">"#,
            r#"<form action="vbscript:x">"#,
        ] {
            assert!(!disallowed_addresses(html).is_empty(), "{html}");
        }
    }

    #[test]
    fn the_pages_own_addresses_pass() {
        let html = r##"<a href="/guides/x?a=b&amp;c=d">x</a> <a href="../full.html#step">x</a>
            <a href="https://example.com">x</a> <a href="tel:+1">x</a> <link rel="icon" href="data:,">
            <a download href="data:text/plain;charset=utf-8,Hi%20there">x</a> <a href="#main">x</a>
            <form action="/guides/x/feedback">"##;
        assert_eq!(disallowed_addresses(html), Vec::<String>::new());
    }

    #[test]
    fn every_place_is_in_the_base_guide() {
        for (line, _) in PLACES {
            assert!(BASE_GUIDE.contains(line), "{line}");
        }
    }
}

//! The decision graph as a self-contained SVG picture, laid out by
//! [`super::layout`] (no Graphviz). Colours are presentation attributes, so
//! the picture is right wherever its small stylesheet is refused (a strict
//! CSP); where it is allowed, it switches the colours for dark mode.
//! Elements carry classes (`node`, `label`, `edge`) that say what they
//! are, for the stylesheet and for tests that read the geometry back.

use super::layout::{Layout, Placed, Point, Rect, Shows};
use super::text::{FONT_SIZE, LABEL_FONT_SIZE, LINE, escape};
use crate::model::{Guide, Node, OutcomeKind};
use std::fmt::Write;

/// Dark-mode colours, applied over the light presentation attributes: the
/// picture's only stylesheet (a server's CSP may allow it by its hash).
pub const DARK_STYLE: &str = "@media (prefers-color-scheme: dark){\
.background{fill:#1c1d21}.edge{stroke:#a9adb4}.arrowhead{fill:#a9adb4}\
.label{fill:#1c1d21;stroke:#5f636a}text{fill:#e8eaed}\
.question .node{fill:#1d2b45;stroke:#8ab4f8}.reference .node{fill:#1c1d21}.resolved .node{fill:#16301f;stroke:#6dd58c}\
.escalate .node{fill:#3b2612;stroke:#ffb37a}}";

/// The decision graph of `guide` as an SVG document.
pub fn svg(guide: &Guide) -> String {
    let layout = Layout::new(guide);
    let mut out = String::new();
    let title = format!("Decision tree: {}", guide.title.plain());
    let description = format!(
        "{} questions and {} outcomes; each arrow is an answer. The same tree in words: every question with where each answer leads.",
        guide.questions.len(),
        guide.outcomes.len()
    );
    let (width, height) = (Tenths(layout.width), Tenths(layout.height));
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="graph-title graph-desc" font-family="system-ui, sans-serif" font-size="{FONT_SIZE}">"#,
    );
    let _ = write!(
        out,
        r##"<title id="graph-title">{}</title><desc id="graph-desc">{}</desc><style>{DARK_STYLE}</style><rect class="background" width="100%" height="100%" fill="#ffffff"/>"##,
        escape(&title),
        escape(&description)
    );
    out.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="arrowhead" d="M0,0 L10,5 L0,10 z" fill="#555555"/></marker></defs>"##);
    for edge in &layout.edges {
        draw_edge(&mut out, edge);
    }
    for label in &layout.labels {
        out.push_str(r#"<g class="answer">"#);
        draw_rect(
            &mut out, "label", label.rect, 4.0, "#ffffff", "#bbbbbb", 1.0,
        );
        draw_lines(&mut out, label, Some(LABEL_FONT_SIZE));
        out.push_str("</g>");
    }
    for (shows, placed) in &layout.boxes {
        let (class, fill, stroke, rounded) = match *shows {
            Shows::Node(Node::Question(_)) => ("question", "#e8f0fd", "#0b57d0", 4.0),
            Shows::Reference => ("question reference", "#ffffff", "#0b57d0", 4.0),
            Shows::Node(Node::Outcome(o)) => match guide.outcomes[o].kind {
                OutcomeKind::Resolved => ("resolved", "#e3f4e8", "#146c2e", 18.0),
                OutcomeKind::Escalate => ("escalate", "#fff1e0", "#8a3b00", 18.0),
            },
        };
        let _ = write!(out, r#"<g class="{class}">"#);
        draw_rect(&mut out, "node", placed.rect, rounded, fill, stroke, 2.0);
        draw_lines(&mut out, placed, None);
        out.push_str("</g>");
    }
    out.push_str("</svg>\n");
    out
}

/// An answer's path, straight segments ending in an arrowhead.
fn draw_edge(out: &mut String, points: &[Point]) {
    out.push_str(r#"<path class="edge" d=""#);
    for (i, &(x, y)) in points.iter().enumerate() {
        let command = if i == 0 { 'M' } else { 'L' };
        let _ = write!(out, "{}{},{}", command, Tenths(x), Tenths(y));
        if i + 1 < points.len() {
            out.push(' ');
        }
    }
    out.push_str(
        r##"" fill="none" stroke="#555555" stroke-width="1.5" marker-end="url(#arrow)"/>"##,
    );
}

/// A rectangle with its class and colours.
fn draw_rect(
    out: &mut String,
    class: &str,
    rect: Rect,
    rounded: f64,
    fill: &str,
    stroke: &str,
    stroke_width: f64,
) {
    let _ = write!(
        out,
        r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}" rx="{rounded}" fill="{fill}" stroke="{stroke}" stroke-width="{stroke_width}"/>"#,
        Tenths(rect.x),
        Tenths(rect.y),
        Tenths(rect.width),
        Tenths(rect.height)
    );
}

/// The lines of a box or label, centred in it (at `font_size` when given).
fn draw_lines(out: &mut String, placed: &Placed, font_size: Option<f64>) {
    let Rect {
        x,
        y,
        width,
        height,
    } = placed.rect;
    let top = y + (height - placed.lines.len() as f64 * LINE) / 2.0;
    let size = font_size.map(|size| format!(r#" font-size="{size}""#));
    for (n, line) in placed.lines.iter().enumerate() {
        let _ = write!(
            out,
            r##"<text x="{}" y="{}" text-anchor="middle" fill="#1a1a1a"{}>{}</text>"##,
            Tenths(x + width / 2.0),
            Tenths(top + LINE * (n as f64 + 0.78)),
            size.as_deref().unwrap_or(""),
            escape(line)
        );
    }
}

/// A coordinate to one decimal, written without float formatting (which
/// is slow, and a static site draws a picture per guide).
struct Tenths(f64);

impl std::fmt::Display for Tenths {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Coordinates are small: far inside i64 once scaled.
        #[allow(clippy::cast_possible_truncation)]
        let tenths = (self.0 * 10.0).round() as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let tenths = tenths.unsigned_abs();
        write!(f, "{sign}{}.{}", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::{Tenths, svg};

    #[test]
    fn guide_text_cannot_break_out_of_the_picture() {
        let text = "+++\nid = \"x\"\n+++\n\n# Fix & \"it\"\n\nS.\n\n## Q &lt;script&gt; {#q .question}\n\n- Yes → a\n- No → b\n\n## A {#a .outcome .resolved}\n\n## B {#b .outcome .escalate}\n";
        let guide = crate::compile(text).guide;
        let picture = svg(&guide.expect("compiles"));
        assert!(!picture.contains("<script>"), "{picture}");
        assert!(picture.contains("Q &lt;script&gt;"), "{picture}");
    }

    #[test]
    fn tenths_round_to_one_decimal() {
        let shown = [12.25, 7.0, -1.26, -0.04, 0.96].map(|x| Tenths(x).to_string());
        assert_eq!(shown, ["12.3", "7.0", "-1.3", "0.0", "1.0"]);
    }
}

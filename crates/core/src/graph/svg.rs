//! The decision graph as a self-contained SVG picture, laid out in layers:
//! each question sits one row below the lowest question that leads to it,
//! outcomes share the bottom row, and each row is ordered by where its
//! parents stand, to keep edges from crossing. Colours are presentation
//! attributes (no `<style>`), so the picture works under a strict CSP and
//! on its own. Iterative throughout: a long chain costs memory, not stack.

use crate::model::{Guide, Node, OutcomeKind};
use std::fmt::Write;

const BOX_WIDTH: f64 = 220.0;
const GAP_X: f64 = 60.0;
const GAP_Y: f64 = 84.0;
const LINE: f64 = 17.0;
const PAD: f64 = 12.0;
const MARGIN: f64 = 20.0;
/// Characters per line of a box's text.
const WRAP: usize = 28;
/// Characters per line of an answer label.
const LABEL_WRAP: usize = 16;

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
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-labelledby="graph-title graph-desc" font-family="system-ui, sans-serif" font-size="14">"#,
        w = layout.width,
        h = layout.height
    );
    let _ = write!(
        out,
        r##"<title id="graph-title">{}</title><desc id="graph-desc">{}</desc><rect width="100%" height="100%" fill="#ffffff"/>"##,
        escape(&title),
        escape(&description)
    );
    out.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555555"/></marker></defs>"##);
    for (index, question) in guide.questions.iter().enumerate() {
        let from = layout.place(Node::Question(index));
        let spread = question.answers.len().saturating_sub(1) as f64 / 2.0;
        let target_x = |answer: &crate::model::Answer| layout.place(guide.next_node(answer)).x;
        for answer in &question.answers {
            let to = layout.place(guide.next_node(answer));
            // Each answer leaves from its own point along the box's bottom,
            // left to right in the order of where they lead, so they do not cross.
            let rank = question
                .answers
                .iter()
                .filter(|other| target_x(other) < to.x)
                .count();
            let x1 = from.x + (rank as f64 - spread) * (BOX_WIDTH / 2.0 / (spread + 1.0));
            let (y1, x2, y2) = (from.y + from.height, to.x, to.y);
            let mid = (y1 + y2) / 2.0;
            let [tx1, ty1, tx2, ty2, tmid] = [x1, y1, x2, y2, mid].map(Tenths);
            let _ = write!(
                out,
                r##"<path d="M{tx1},{ty1} C{tx1},{tmid} {tx2},{tmid} {tx2},{ty2}" fill="none" stroke="#555555" stroke-width="1.5" marker-end="url(#arrow)"/>"##
            );
            // The label sits in the gap right below its question: there,
            // edges to the next row have spread apart, and a long edge has
            // not yet passed behind the boxes of the rows it skips.
            let curve = [(x1, y1), (x1, mid), (x2, mid), (x2, y2)];
            let (lx, ly) = point_at_height(curve, y1 + GAP_Y / 2.0);
            let lines = wrap_at(&answer.label.plain(), LABEL_WRAP);
            let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
            let (width, height) = (longest as f64 * 7.4 + 12.0, lines.len() as f64 * LINE + 4.0);
            let _ = write!(
                out,
                r##"<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="#ffffff" stroke="#bbbbbb"/>"##,
                Tenths(lx - width / 2.0),
                Tenths(ly - height / 2.0),
                Tenths(width),
                Tenths(height)
            );
            for (n, line) in lines.iter().enumerate() {
                let _ = write!(
                    out,
                    r##"<text x="{}" y="{}" text-anchor="middle" fill="#1a1a1a" font-size="13">{}</text>"##,
                    Tenths(lx),
                    Tenths(ly - height / 2.0 + LINE * (n as f64 + 0.85)),
                    escape(line)
                );
            }
        }
    }
    for node in layout.nodes() {
        let place = layout.place(node);
        let (text, fill, stroke, rounded) = match node {
            Node::Question(q) => (guide.questions[q].prompt.plain(), "#e8f0fd", "#0b57d0", 4.0),
            Node::Outcome(o) => {
                let outcome = &guide.outcomes[o];
                match outcome.kind {
                    OutcomeKind::Resolved => (
                        format!("✓ {}", outcome.title.plain()),
                        "#e3f4e8",
                        "#146c2e",
                        18.0,
                    ),
                    OutcomeKind::Escalate => (
                        format!("! {}", outcome.title.plain()),
                        "#fff1e0",
                        "#8a3b00",
                        18.0,
                    ),
                }
            }
        };
        let _ = write!(
            out,
            r#"<g><rect x="{}" y="{}" width="{BOX_WIDTH}" height="{}" rx="{rounded}" fill="{fill}" stroke="{stroke}" stroke-width="2"/>"#,
            Tenths(place.x - BOX_WIDTH / 2.0),
            Tenths(place.y),
            Tenths(place.height)
        );
        for (n, line) in wrap(&text).iter().enumerate() {
            let _ = write!(
                out,
                r##"<text x="{}" y="{}" text-anchor="middle" fill="#1a1a1a">{}</text>"##,
                Tenths(place.x),
                Tenths(place.y + PAD + LINE * (n as f64 + 0.8)),
                escape(line)
            );
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>\n");
    out
}

/// The point of a downward cubic Bézier curve at height `y` (its `y` grows
/// with `t`, so a bisection finds it).
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

fn point_at_height(curve: [(f64, f64); 4], y: f64) -> (f64, f64) {
    let (mut low, mut high) = (0.0, 1.0);
    for _ in 0..30 {
        let t = (low + high) / 2.0;
        if cubic(curve[0], curve[1], curve[2], curve[3], t).1 < y {
            low = t;
        } else {
            high = t;
        }
    }
    cubic(curve[0], curve[1], curve[2], curve[3], (low + high) / 2.0)
}

/// The point at `t` of a cubic Bézier curve.
fn cubic(p0: (f64, f64), p1: (f64, f64), p2: (f64, f64), p3: (f64, f64), t: f64) -> (f64, f64) {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (
        a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
        a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
    )
}

/// Where a node's box stands: top centre and height.
#[derive(Debug, Clone, Copy, Default)]
struct Place {
    x: f64,
    y: f64,
    height: f64,
}

struct Layout {
    /// Places of questions, then outcomes.
    places: Vec<Place>,
    questions: usize,
    width: f64,
    height: f64,
}

impl Layout {
    fn new(guide: &Guide) -> Layout {
        let questions = guide.questions.len();
        let slot = |node: Node| match node {
            Node::Question(q) => q,
            Node::Outcome(o) => questions + o,
        };
        // Rows: the longest path from any question with no parent (Kahn's
        // algorithm over the acyclic graph the compiler guarantees).
        let mut parents = vec![0usize; questions];
        for question in &guide.questions {
            for answer in &question.answers {
                if let Node::Question(q) = guide.next_node(answer) {
                    parents[q] += 1;
                }
            }
        }
        let mut row = vec![0usize; questions];
        let mut ready: Vec<usize> = (0..questions).filter(|&q| parents[q] == 0).collect();
        while let Some(q) = ready.pop() {
            for answer in &guide.questions[q].answers {
                if let Node::Question(next) = guide.next_node(answer) {
                    row[next] = row[next].max(row[q] + 1);
                    parents[next] -= 1;
                    if parents[next] == 0 {
                        ready.push(next);
                    }
                }
            }
        }
        let outcome_row = row.iter().max().map_or(0, |r| r + 1);
        let mut rows: Vec<Vec<Node>> = vec![Vec::new(); outcome_row + 1];
        for (q, &r) in row.iter().enumerate() {
            rows[r].push(Node::Question(q));
        }
        rows[outcome_row].extend((0..guide.outcomes.len()).map(Node::Outcome));
        // Order each row by the mean position of its parents in rows above.
        let mut position = vec![0.0f64; questions + guide.outcomes.len()];
        for nodes in &rows {
            for (i, &node) in nodes.iter().enumerate() {
                position[slot(node)] = i as f64;
            }
        }
        let mut parent_positions: Vec<Vec<f64>> = vec![Vec::new(); position.len()];
        for (r, nodes) in rows.iter_mut().enumerate().skip(1) {
            for list in parent_positions.iter_mut() {
                list.clear();
            }
            for (q, question) in guide.questions.iter().enumerate() {
                if row[q] < r {
                    for answer in &question.answers {
                        parent_positions[slot(guide.next_node(answer))].push(position[q]);
                    }
                }
            }
            let mean = |node: Node| {
                let list = &parent_positions[slot(node)];
                if list.is_empty() {
                    f64::MAX
                } else {
                    list.iter().sum::<f64>() / list.len() as f64
                }
            };
            nodes.sort_by(|&a, &b| mean(a).total_cmp(&mean(b)));
            for (i, &node) in nodes.iter().enumerate() {
                position[slot(node)] = i as f64;
            }
        }
        // Coordinates: rows centred on the widest one.
        let widest = rows.iter().map(Vec::len).max().unwrap_or(1) as f64;
        let width = widest * BOX_WIDTH + (widest - 1.0) * GAP_X + 2.0 * MARGIN;
        let mut places = vec![Place::default(); position.len()];
        let mut y = MARGIN;
        for nodes in &rows {
            let row_width =
                nodes.len() as f64 * BOX_WIDTH + nodes.len().saturating_sub(1) as f64 * GAP_X;
            let left = (width - row_width) / 2.0;
            let mut tallest: f64 = 0.0;
            for (i, &node) in nodes.iter().enumerate() {
                let text = match node {
                    Node::Question(q) => guide.questions[q].prompt.plain(),
                    Node::Outcome(o) => format!("✓ {}", guide.outcomes[o].title.plain()),
                };
                let height = wrap(&text).len() as f64 * LINE + 2.0 * PAD;
                tallest = tallest.max(height);
                places[slot(node)] = Place {
                    x: left + i as f64 * (BOX_WIDTH + GAP_X) + BOX_WIDTH / 2.0,
                    y,
                    height,
                };
            }
            y += tallest + GAP_Y;
        }
        Layout {
            places,
            questions,
            width,
            height: y - GAP_Y + MARGIN,
        }
    }

    fn place(&self, node: Node) -> Place {
        match node {
            Node::Question(q) => self.places[q],
            Node::Outcome(o) => self.places[self.questions + o],
        }
    }

    fn nodes(&self) -> impl Iterator<Item = Node> + '_ {
        (0..self.questions)
            .map(Node::Question)
            .chain((0..self.places.len() - self.questions).map(Node::Outcome))
    }
}

/// Splits text into lines of at most [`WRAP`] characters, at spaces.
fn wrap(text: &str) -> Vec<String> {
    wrap_at(text, WRAP)
}

/// Splits text into lines of at most `width` characters, at spaces.
fn wrap_at(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Tenths, svg, wrap};

    #[test]
    fn text_wraps_at_spaces() {
        assert_eq!(
            wrap("Does the keypad light or does the app connect?"),
            ["Does the keypad light or", "does the app connect?"]
        );
        assert_eq!(wrap(""), [""]);
    }

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

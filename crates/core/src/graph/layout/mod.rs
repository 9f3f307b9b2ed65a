//! The layout of the decision-graph picture, in layers of one job each:
//! [`layers`] (rows, answer labels and long edges as vertices),
//! [`ordering`] (fewer crossings), [`coordinates`] (places across rows),
//! [`routing`] (edge paths). This module sizes the boxes and labels and
//! stacks the rows. Everything is iterative and about linear per pass.

mod coordinates;
mod layers;
mod ordering;
mod routing;

use super::text::{self, FONT_SIZE, LABEL_FONT_SIZE, LINE};
use crate::model::{Guide, Node, OutcomeKind};
use layers::{Kind, Layered};

/// A point of the picture.
pub(crate) type Point = (f64, f64);

/// Space around the picture.
const MARGIN: f64 = 20.0;
/// Space inside a box around its text.
const PAD: f64 = 12.0;
/// Narrowest box.
const MIN_BOX_WIDTH: f64 = 120.0;
/// Space inside a label left and right of its text, and above and below.
const LABEL_PAD: f64 = 6.0;
const LABEL_PAD_Y: f64 = 2.0;
/// Smallest and largest gap between rows; in between, the gap grows with
/// how far edges travel sideways across it, so they never lie flat.
const MIN_GAP: f64 = 28.0;
const MAX_GAP: f64 = 90.0;

/// A rectangle: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    /// Left edge.
    pub(crate) x: f64,
    /// Top edge.
    pub(crate) y: f64,
    /// Width.
    pub(crate) width: f64,
    /// Height.
    pub(crate) height: f64,
}

/// A box or label where it stands, with its text in lines.
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    /// Where it stands.
    pub(crate) rect: Rect,
    /// Its text, wrapped.
    pub(crate) lines: Vec<String>,
}

/// What a box shows.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Shows {
    /// A question or outcome.
    Node(Node),
    /// A question drawn again where an answer far above leads to it (its
    /// answers leave from its own box).
    Reference,
}

/// The laid-out picture.
#[derive(Debug)]
pub(crate) struct Layout {
    /// Every question and outcome box (an outcome may be drawn more than
    /// once), and every reference to a question far below.
    pub(crate) boxes: Vec<(Shows, Placed)>,
    /// Every answer's label.
    pub(crate) labels: Vec<Placed>,
    /// Every answer's path, from its question to where it leads.
    pub(crate) edges: Vec<Vec<Point>>,
    /// Size of the picture.
    pub(crate) width: f64,
    /// Size of the picture.
    pub(crate) height: f64,
}

impl Layout {
    /// The layout of `guide`'s decision graph.
    pub(crate) fn new(guide: &Guide) -> Layout {
        let layered = Layered::new(guide);
        let lines: Vec<Vec<String>> = layered
            .vertices
            .iter()
            .map(|vertex| match vertex.kind {
                Kind::Node(node) => text::wrap(&box_text(guide, node), text::BOX_WRAP),
                Kind::Reference(q) => text::wrap(
                    &format!("↪ {}", guide.questions[q].prompt.plain()),
                    text::BOX_WRAP,
                ),
                Kind::Label { question, answer } => text::wrap(
                    &guide.questions[question].answers[answer].label.plain(),
                    text::LABEL_WRAP,
                ),
                Kind::Dummy => Vec::new(),
            })
            .collect();
        let (width, height): (Vec<f64>, Vec<f64>) = layered
            .vertices
            .iter()
            .zip(&lines)
            .map(|(vertex, lines)| {
                let (font, pad, pad_y, least) = match vertex.kind {
                    Kind::Node(_) | Kind::Reference(_) => (FONT_SIZE, PAD, PAD, MIN_BOX_WIDTH),
                    Kind::Label { .. } => (LABEL_FONT_SIZE, LABEL_PAD, LABEL_PAD_Y, 0.0),
                    Kind::Dummy => return (0.0, 0.0),
                };
                let longest = lines
                    .iter()
                    .map(|line| text::width(line, font))
                    .fold(0.0, f64::max);
                let rows = lines.len() as f64;
                ((longest + 2.0 * pad).max(least), rows * LINE + 2.0 * pad_y)
            })
            .unzip();
        let neighbours = ordering::Neighbours::new(&layered);
        let rows = ordering::order(&layered, &neighbours);
        let mut x = coordinates::place(&layered, &rows, &neighbours, &width);
        x.iter_mut().for_each(|at| *at += MARGIN);
        let row_height: Vec<f64> = rows
            .iter()
            .map(|row| row.iter().map(|&v| height[v]).fold(0.0, f64::max))
            .collect();
        // The gap below each row: as steep as the widest sideways step needs.
        let mut step = vec![0.0f64; rows.len()];
        for chain in &layered.chains {
            for pair in chain.windows(2) {
                let r = layered.vertices[pair[0]].row;
                step[r] = step[r].max((x[pair[0]] - x[pair[1]]).abs());
            }
        }
        let mut row_top = Vec::with_capacity(rows.len());
        let mut y = MARGIN;
        for (r, &h) in row_height.iter().enumerate() {
            row_top.push(y);
            y += h + (step[r] / 3.0).clamp(MIN_GAP, MAX_GAP);
        }
        let frame = routing::Frame {
            x: &x,
            width: &width,
            height: &height,
            row_top: &row_top,
            row_height: &row_height,
            rows: &rows,
        };
        let edges = routing::routes(&layered, &frame);
        let mut boxes = Vec::new();
        let mut labels = Vec::new();
        for ((v, vertex), lines) in layered.vertices.iter().enumerate().zip(lines) {
            let r = vertex.row;
            let mut rect = Rect {
                x: x[v] - width[v] / 2.0,
                y: row_top[r],
                width: width[v],
                height: height[v],
            };
            match vertex.kind {
                Kind::Node(node) => boxes.push((Shows::Node(node), Placed { rect, lines })),
                Kind::Reference(_) => boxes.push((Shows::Reference, Placed { rect, lines })),
                Kind::Label { .. } => {
                    rect.y += (row_height[r] - height[v]) / 2.0;
                    labels.push(Placed { rect, lines });
                }
                Kind::Dummy => {}
            }
        }
        let right = x
            .iter()
            .zip(&width)
            .map(|(at, w)| at + w / 2.0)
            .fold(0.0, f64::max);
        let bottom = row_top
            .iter()
            .zip(&row_height)
            .map(|(top, h)| top + h)
            .fold(0.0, f64::max);
        Layout {
            boxes,
            labels,
            edges,
            width: right + MARGIN,
            height: bottom + MARGIN,
        }
    }
}

/// The text of a question's or outcome's box (outcomes marked ✓ or !).
fn box_text(guide: &Guide, node: Node) -> String {
    match node {
        Node::Question(q) => guide.questions[q].prompt.plain(),
        Node::Outcome(o) => {
            let outcome = &guide.outcomes[o];
            let mark = match outcome.kind {
                OutcomeKind::Resolved => '✓',
                OutcomeKind::Escalate => '!',
            };
            format!("{mark} {}", outcome.title.plain())
        }
    }
}

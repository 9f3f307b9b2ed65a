//! The path of every answer: out of its question's bottom at its own port
//! (ports ordered like the answers' next vertices, so siblings never
//! cross), straight down through each row it passes at its vertex's place
//! (room kept for it by the ordering and placement), diagonally across the
//! gaps between rows, into its end's top at its own port. Boxes and labels
//! only stand inside rows, and within a row every edge has its own place,
//! so no edge runs through a box or another answer's label. Then each
//! path is straightened: a bend is dropped wherever the straight line past
//! it keeps clear of every box and label (by a margin).

use super::Point;
use super::layers::{Kind, Layered};

/// Largest distance between neighbouring ports on a box.
const PORT_STEP: f64 = 24.0;
/// Share of a box's width its ports may spread over.
const PORT_SPREAD: f64 = 0.7;
/// Length of the straight run into a box, so the arrowhead points down.
const LEAD: f64 = 8.0;
/// How far a straightened edge keeps from boxes and labels.
const CLEARANCE: f64 = 6.0;

/// Where things stand, as the router needs them.
pub(crate) struct Frame<'a> {
    /// Centre `x` of each vertex.
    pub(crate) x: &'a [f64],
    /// Width of each vertex.
    pub(crate) width: &'a [f64],
    /// Height of each vertex (boxes stand at the top of their row).
    pub(crate) height: &'a [f64],
    /// Top of each row.
    pub(crate) row_top: &'a [f64],
    /// Height of each row.
    pub(crate) row_height: &'a [f64],
    /// The vertices of each row, left to right.
    pub(crate) rows: &'a [Vec<usize>],
}

impl Frame<'_> {
    /// The box or label a vertex draws, as (left, right, top, bottom),
    /// grown by [`CLEARANCE`]; `None` for a dummy (which draws nothing).
    fn obstacle(&self, layered: &Layered, v: usize) -> Option<[f64; 4]> {
        let row = layered.vertices[v].row;
        let top = match layered.vertices[v].kind {
            Kind::Node(_) | Kind::Reference(_) => self.row_top[row],
            Kind::Label { .. } => self.row_top[row] + (self.row_height[row] - self.height[v]) / 2.0,
            Kind::Dummy => return None,
        };
        let half = self.width[v] / 2.0 + CLEARANCE;
        Some([
            self.x[v] - half,
            self.x[v] + half,
            top - CLEARANCE,
            top + self.height[v] + CLEARANCE,
        ])
    }

    /// Whether the segment from `a` to `b` keeps clear of every box and
    /// label but those of `own` (the edge's ends and label).
    fn clear(&self, layered: &Layered, a: Point, b: Point, own: &[usize]) -> bool {
        let (high, low) = (a.1.min(b.1), a.1.max(b.1));
        let first = self
            .row_top
            .partition_point(|&top| top <= high)
            .saturating_sub(1);
        for row in first..self.rows.len() {
            if self.row_top[row] > low {
                break;
            }
            // The row is sorted by place: look only where the segment is.
            let (west, east) = (a.0.min(b.0), a.0.max(b.0));
            let row = &self.rows[row];
            let start =
                row.partition_point(|&v| self.x[v] + self.width[v] / 2.0 + CLEARANCE < west);
            for &v in &row[start..] {
                if self.x[v] - self.width[v] / 2.0 - CLEARANCE > east {
                    break;
                }
                if own.contains(&v) {
                    continue;
                }
                if let Some(rect) = self.obstacle(layered, v)
                    && segment_enters(a, b, rect)
                {
                    return false;
                }
            }
        }
        true
    }
}

/// Each chain's path, in the order of `layered.chains`.
pub(crate) fn routes(layered: &Layered, frame: &Frame<'_>) -> Vec<Vec<Point>> {
    let out_ports = ports(layered, frame, |chain| (chain[0], chain[1]));
    let in_ports = ports(layered, frame, |chain| {
        (chain[chain.len() - 1], chain[chain.len() - 2])
    });
    let row_of = |v: usize| layered.vertices[v].row;
    let bottom = |v: usize| frame.row_top[row_of(v)] + frame.row_height[row_of(v)];
    layered
        .chains
        .iter()
        .enumerate()
        .map(|(c, chain)| {
            let (first, last) = (chain[0], chain[chain.len() - 1]);
            // Out of the box and through the label: always drawn as is.
            let label = chain[1];
            let mut points = vec![
                (
                    out_ports[c],
                    frame.row_top[row_of(first)] + frame.height[first],
                ),
                (out_ports[c], bottom(first)),
                (frame.x[label], frame.row_top[row_of(label)]),
                (frame.x[label], bottom(label)),
            ];
            points.dedup();
            // From the label on, bends are dropped where the line is clear.
            let mut rest = vec![(frame.x[label], bottom(label))];
            for &v in &chain[2..chain.len() - 1] {
                rest.push((frame.x[v], frame.row_top[row_of(v)]));
                rest.push((frame.x[v], bottom(v)));
            }
            let top = frame.row_top[row_of(last)];
            rest.push((in_ports[c], top - LEAD));
            rest.push((in_ports[c], top));
            rest.dedup();
            let own = [first, label, last];
            let rest = straighten(&rest, |a, b| frame.clear(layered, a, b, &own));
            points.extend_from_slice(&rest[1..]);
            points
        })
        .collect()
}

/// The path without the bends a straight line can skip (`clear` says
/// which lines may be drawn); the first point and the last two stay, so
/// edges enter boxes straight down.
fn straighten(points: &[Point], clear: impl Fn(Point, Point) -> bool) -> Vec<Point> {
    if points.len() <= 3 {
        return points.to_vec();
    }
    let last = points.len() - 2;
    let mut kept = vec![points[0]];
    for i in 1..last {
        let from = kept[kept.len() - 1];
        if !clear(from, points[i + 1]) {
            kept.push(points[i]);
        }
    }
    kept.extend_from_slice(&points[last..]);
    kept
}

/// Whether a segment enters a rectangle given as (left, right, top,
/// bottom) (Liang–Barsky clipping).
fn segment_enters(a: Point, b: Point, [left, right, top, bottom]: [f64; 4]) -> bool {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut low, mut high) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - left),
        (dx, right - a.0),
        (-dy, a.1 - top),
        (dy, bottom - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else if p < 0.0 {
            low = low.max(q / p);
        } else {
            high = high.min(q / p);
        }
    }
    low < high
}

/// The `x` where each chain meets one of its end boxes: `ends` gives the
/// box and the chain's vertex next to it. The chains at a box share its
/// width in the order of those next vertices.
fn ports(
    layered: &Layered,
    frame: &Frame<'_>,
    ends: impl Fn(&[usize]) -> (usize, usize),
) -> Vec<f64> {
    let mut at_box: Vec<Vec<(f64, usize)>> = vec![Vec::new(); layered.vertices.len()];
    for (c, chain) in layered.chains.iter().enumerate() {
        let (end, next) = ends(chain);
        at_box[end].push((frame.x[next], c));
    }
    let mut port = vec![0.0; layered.chains.len()];
    for (v, chains) in at_box.iter_mut().enumerate() {
        chains.sort_by(|a, b| a.0.total_cmp(&b.0));
        let spread = chains.len().saturating_sub(1) as f64;
        let step = if spread > 0.0 {
            (frame.width[v] * PORT_SPREAD / spread).min(PORT_STEP)
        } else {
            0.0
        };
        for (i, &(_, c)) in chains.iter().enumerate() {
            port[c] = frame.x[v] + (i as f64 - spread / 2.0) * step;
        }
    }
    port
}

#[cfg(test)]
mod tests {
    use super::straighten;

    #[test]
    fn bends_go_where_the_straight_line_is_clear_and_ends_stay() {
        let zigzag = [
            (0.0, 0.0),
            (10.0, 10.0),
            (0.0, 20.0),
            (10.0, 30.0),
            (10.0, 40.0),
        ];
        assert_eq!(
            straighten(&zigzag, |_, _| true),
            [(0.0, 0.0), (10.0, 30.0), (10.0, 40.0)]
        );
        assert_eq!(straighten(&zigzag, |_, _| false), zigzag);
    }
}

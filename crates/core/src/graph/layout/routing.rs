//! The path of every answer: out of its question's bottom at its own port
//! (ports ordered like the answers' next vertices, so siblings never
//! cross), straight down through each row it passes at its vertex's place
//! (room kept for it by the ordering and placement), diagonally across the
//! gaps between rows, into its end's top at its own port. Boxes and labels
//! only stand inside rows, and within a row every edge has its own place,
//! so no edge runs through a box or another answer's label.

use super::Point;
use super::layers::Layered;

/// Largest distance between neighbouring ports on a box.
const PORT_STEP: f64 = 24.0;
/// Share of a box's width its ports may spread over.
const PORT_SPREAD: f64 = 0.7;
/// Length of the straight run into a box, so the arrowhead points down.
const LEAD: f64 = 8.0;

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
            let mut points = vec![
                (
                    out_ports[c],
                    frame.row_top[row_of(first)] + frame.height[first],
                ),
                (out_ports[c], bottom(first)),
            ];
            for &v in &chain[1..chain.len() - 1] {
                points.push((frame.x[v], frame.row_top[row_of(v)]));
                points.push((frame.x[v], bottom(v)));
            }
            let top = frame.row_top[row_of(last)];
            points.push((in_ports[c], top - LEAD));
            points.push((in_ports[c], top));
            points.dedup();
            points
        })
        .collect()
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

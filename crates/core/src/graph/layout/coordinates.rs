//! Where each vertex stands across its row. Rows keep their order and a
//! minimum gap; within that, each vertex is pulled towards the mean of its
//! neighbours, row by row down and up a few times. Each row is placed
//! exactly (the weighted least-squares placement that keeps order and
//! gaps, found by pooling adjacent violators in linear time), with long
//! edges' dummy vertices weighing most, so long edges run straight, and
//! edges on to further questions pulling harder than edges to outcomes,
//! so a chain of questions runs straight with its outcomes beside it.

use super::layers::{Kind, Layered};
use super::ordering::Neighbours;
use crate::model::Node;

/// Passes (down, then up) pulling vertices towards their neighbours.
const PASSES: usize = 8;
/// How much harder an edge on to a question pulls than one to an outcome.
const QUESTION_PULL: f64 = 4.0;
/// Space between a box or label and its neighbour in a row.
const GAP: f64 = 28.0;
/// Space between two edges passing through a row.
const EDGE_GAP: f64 = 14.0;

/// The centre `x` of every vertex; the leftmost edge of the picture is 0.
pub(crate) fn place(
    layered: &Layered,
    rows: &[Vec<usize>],
    neighbours: &Neighbours,
    widths: &[f64],
) -> Vec<f64> {
    let kinds: Vec<Kind> = layered.vertices.iter().map(|v| v.kind).collect();
    let separation = |a: usize, b: usize| {
        let gap = if kinds[a] == Kind::Dummy || kinds[b] == Kind::Dummy {
            EDGE_GAP
        } else {
            GAP
        };
        (widths[a] + widths[b]) / 2.0 + gap
    };
    // Questions, and every vertex of an edge on to a question, pull harder.
    let mut pull: Vec<f64> = kinds
        .iter()
        .map(|kind| match kind {
            Kind::Node(Node::Question(_)) => QUESTION_PULL,
            _ => 1.0,
        })
        .collect();
    for chain in &layered.chains {
        if let Some(&last) = chain.last()
            && matches!(kinds[last], Kind::Node(Node::Question(_)))
        {
            chain.iter().for_each(|&v| pull[v] = QUESTION_PULL);
        }
    }
    // How firmly a vertex holds its place when a row is crowded: a chain
    // of questions drifts from its outcomes by under a pixel a row.
    let weight = |v: usize| {
        let kind = match kinds[v] {
            Kind::Dummy => 8.0,
            Kind::Label { .. } => 2.0,
            Kind::Node(_) | Kind::Reference(_) => 1.0,
        };
        kind * pull[v].powi(4)
    };
    let mut x = vec![0.0; layered.vertices.len()];
    for row in rows {
        let mut at = 0.0;
        for (i, &v) in row.iter().enumerate() {
            if i > 0 {
                at += separation(row[i - 1], v);
            }
            x[v] = at;
        }
    }
    let mut desired = Vec::new();
    for pass in 0..=2 * PASSES {
        let order: Vec<usize> = if pass % 2 == 0 {
            (0..rows.len()).collect()
        } else {
            (0..rows.len()).rev().collect()
        };
        for r in order {
            let row = &rows[r];
            desired.clear();
            desired.extend(row.iter().map(|&v| {
                // The last pass balances both sides; the others pull one way.
                let sides: &[&Vec<usize>] = if pass == 2 * PASSES {
                    &[&neighbours.up[v], &neighbours.down[v]]
                } else if pass % 2 == 0 {
                    &[&neighbours.up[v]]
                } else {
                    &[&neighbours.down[v]]
                };
                let (mut sum, mut total) = (0.0, 0.0);
                for &w in sides.iter().flat_map(|side| side.iter()) {
                    // An edge pulls as hard as its lighter end.
                    let strength = pull[v].min(pull[w]);
                    sum += strength * x[w];
                    total += strength;
                }
                if total == 0.0 { x[v] } else { sum / total }
            }));
            let placed = place_row(row, &desired, &separation, &weight);
            for (&v, at) in row.iter().zip(placed) {
                x[v] = at;
            }
        }
    }
    let left = layered
        .vertices
        .iter()
        .enumerate()
        .map(|(v, _)| x[v] - widths[v] / 2.0)
        .fold(f64::INFINITY, f64::min);
    if left.is_finite() {
        x.iter_mut().for_each(|at| *at -= left);
    }
    x
}

/// The positions closest to `desired` (weighted least squares) that keep
/// the row's order and separations: with `offset` the running sum of
/// separations, find the non-decreasing sequence nearest `desired - offset`
/// by pooling adjacent violators.
fn place_row(
    row: &[usize],
    desired: &[f64],
    separation: &impl Fn(usize, usize) -> f64,
    weight: &impl Fn(usize) -> f64,
) -> Vec<f64> {
    let mut offset = Vec::with_capacity(row.len());
    let mut at = 0.0;
    for (i, &v) in row.iter().enumerate() {
        if i > 0 {
            at += separation(row[i - 1], v);
        }
        offset.push(at);
    }
    // Blocks of pooled vertices: (weighted sum, total weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::new();
    for (i, &v) in row.iter().enumerate() {
        let w = weight(v);
        let mut block = (w * (desired[i] - offset[i]), w, 1);
        while let Some(&last) = blocks.last() {
            if last.0 / last.1 <= block.0 / block.1 {
                break;
            }
            blocks.pop();
            block = (block.0 + last.0, block.1 + last.1, block.2 + last.2);
        }
        blocks.push(block);
    }
    let mut placed = Vec::with_capacity(row.len());
    for (sum, total, count) in blocks {
        for _ in 0..count {
            placed.push(sum / total + offset[placed.len()]);
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::place_row;

    #[test]
    fn a_crowded_row_keeps_its_order_and_gaps_as_near_its_wishes_as_it_can() {
        let separation = |_: usize, _: usize| 10.0;
        let even = |_: usize| 1.0;
        assert_eq!(
            place_row(&[0, 1, 2], &[0.0, 0.0, 0.0], &separation, &even),
            [-10.0, 0.0, 10.0]
        );
        // Room enough: everyone where they wish.
        assert_eq!(
            place_row(&[0, 1], &[0.0, 50.0], &separation, &even),
            [0.0, 50.0]
        );
        // A heavy vertex moves little.
        let heavy_first = |v: usize| if v == 0 { 9.0 } else { 1.0 };
        assert_eq!(
            place_row(&[0, 1], &[0.0, 0.0], &separation, &heavy_first),
            [-1.0, 9.0]
        );
    }
}

//! The order of vertices within each row, chosen to reduce edge crossings:
//! depth-first first orders, then barycentre sweeps down and up with
//! adjacent swaps ("transpose"), keeping the best order seen. Each sweep
//! costs about O((V + E) log V); the number of sweeps is capped.

use super::layers::Layered;

/// Sweeps (down, then up, alternating) at most.
const SWEEPS: usize = 24;
/// Passes of adjacent swaps over a row, at most, after each sweep.
const TRANSPOSE_PASSES: usize = 4;

/// Each vertex's neighbours in the row above and in the row below.
#[derive(Debug)]
pub(crate) struct Neighbours {
    /// `up[v]`: vertices in the row above joined to `v`.
    pub(crate) up: Vec<Vec<usize>>,
    /// `down[v]`: vertices in the row below joined to `v`.
    pub(crate) down: Vec<Vec<usize>>,
}

impl Neighbours {
    /// The neighbours along every chain of `layered`.
    pub(crate) fn new(layered: &Layered) -> Neighbours {
        let count = layered.vertices.len();
        let (mut up, mut down) = (vec![Vec::new(); count], vec![Vec::new(); count]);
        for chain in &layered.chains {
            for pair in chain.windows(2) {
                down[pair[0]].push(pair[1]);
                up[pair[1]].push(pair[0]);
            }
        }
        Neighbours { up, down }
    }
}

/// The rows, each a list of vertices left to right, with few crossings:
/// the best of four starts (top vertices, and each vertex's edges, taken
/// first to last or last to first).
pub(crate) fn order(layered: &Layered, neighbours: &Neighbours) -> Vec<Vec<usize>> {
    let mut position = vec![0usize; layered.vertices.len()];
    let mut best: Option<(Vec<Vec<usize>>, usize)> = None;
    for (roots_reversed, edges_reversed) in
        [(false, false), (false, true), (true, false), (true, true)]
    {
        let start = Start {
            roots_reversed,
            edges_reversed,
        };
        let (rows, crossings) = improve(
            depth_first_rows(layered, neighbours, start),
            &mut position,
            neighbours,
        );
        if best.as_ref().is_none_or(|(_, fewest)| crossings < *fewest) {
            best = Some((rows, crossings));
        }
        if crossings == 0 {
            break;
        }
    }
    best.map(|(rows, _)| rows).unwrap_or_default()
}

/// How a depth-first first order walks the graph.
#[derive(Debug, Clone, Copy)]
struct Start {
    /// Top vertices last to first.
    roots_reversed: bool,
    /// Each vertex's edges last to first.
    edges_reversed: bool,
}

/// Sweeps and swaps from a first order; the best rows seen, and their
/// crossings.
fn improve(
    mut rows: Vec<Vec<usize>>,
    position: &mut [usize],
    neighbours: &Neighbours,
) -> (Vec<Vec<usize>>, usize) {
    number(&rows, position);
    let mut best = rows.clone();
    let mut fewest = crossings(&rows, position, neighbours);
    for sweep in 0..SWEEPS {
        if fewest == 0 {
            break;
        }
        let downward = sweep % 2 == 0;
        let (side, order): (&[Vec<usize>], Vec<usize>) = if downward {
            (&neighbours.up, (1..rows.len()).collect())
        } else {
            (
                &neighbours.down,
                (0..rows.len().saturating_sub(1)).rev().collect(),
            )
        };
        for r in order {
            sort_by_barycentre(&mut rows[r], position, side);
        }
        // Every other sweep, swaps that leave crossings as they are are
        // made too, to leave a plateau (as Graphviz does).
        transpose(&mut rows, position, neighbours, sweep % 4 >= 2);
        let now = crossings(&rows, position, neighbours);
        if now < fewest {
            fewest = now;
            best.clone_from(&rows);
        }
    }
    (best, fewest)
}

/// A first order: rows filled in the order a depth-first walk from the
/// top vertices meets them, so that what hangs together starts together.
fn depth_first_rows(layered: &Layered, neighbours: &Neighbours, start: Start) -> Vec<Vec<usize>> {
    let mut rows = vec![Vec::new(); layered.rows];
    let mut seen = vec![false; layered.vertices.len()];
    let mut stack = Vec::new();
    let mut roots: Vec<usize> = (0..layered.vertices.len())
        .filter(|&v| neighbours.up[v].is_empty())
        .collect();
    if start.roots_reversed {
        roots.reverse();
    }
    for root in roots {
        stack.push(root);
        while let Some(v) = stack.pop() {
            if std::mem::replace(&mut seen[v], true) {
                continue;
            }
            rows[layered.vertices[v].row].push(v);
            let next = neighbours.down[v].iter().filter(|&&w| !seen[w]);
            if start.edges_reversed {
                stack.extend(next);
            } else {
                stack.extend(next.rev());
            }
        }
    }
    rows
}

/// Records each vertex's index within its row.
fn number(rows: &[Vec<usize>], position: &mut [usize]) {
    for row in rows {
        for (i, &v) in row.iter().enumerate() {
            position[v] = i;
        }
    }
}

/// Sorts a row by the mean position of each vertex's neighbours on one
/// side; a vertex with none keeps its place (stable sort on its own index).
fn sort_by_barycentre(row: &mut [usize], position: &mut [usize], side: &[Vec<usize>]) {
    let key = |v: usize| {
        let list = &side[v];
        if list.is_empty() {
            position[v] as f64
        } else {
            list.iter().map(|&w| position[w] as f64).sum::<f64>() / list.len() as f64
        }
    };
    let mut keyed: Vec<(f64, usize)> = row.iter().map(|&v| (key(v), v)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (i, (_, v)) in keyed.into_iter().enumerate() {
        row[i] = v;
        position[v] = i;
    }
}

/// Swaps neighbours in a row wherever that removes crossings with the rows
/// above and below (or, with `ties`, keeps as many, where there are some).
fn transpose(rows: &mut [Vec<usize>], position: &mut [usize], neighbours: &Neighbours, ties: bool) {
    for _ in 0..TRANSPOSE_PASSES {
        let mut improved = false;
        for row in rows.iter_mut() {
            for i in 1..row.len() {
                let (left, right) = (row[i - 1], row[i]);
                let now = pair_crossings(left, right, position, neighbours);
                let swapped = pair_crossings(right, left, position, neighbours);
                if swapped < now || (ties && now > 0 && swapped == now) {
                    row.swap(i - 1, i);
                    position[left] = i;
                    position[right] = i - 1;
                    improved |= swapped < now;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings between the edges of `left` and of `right` when `left` stands
/// just left of `right`: pairs of neighbours on the same side where the
/// right one's stands left of the left one's.
fn pair_crossings(left: usize, right: usize, position: &[usize], neighbours: &Neighbours) -> usize {
    let count = |side: &[Vec<usize>]| {
        let (ours, theirs) = (&side[left], &side[right]);
        if ours.len() * theirs.len() <= 64 {
            return ours
                .iter()
                .map(|&a| {
                    theirs
                        .iter()
                        .filter(|&&b| position[b] < position[a])
                        .count()
                })
                .sum();
        }
        // Many neighbours (an outcome many answers lead to): sort and merge.
        let sorted = |list: &[usize]| {
            let mut at: Vec<usize> = list.iter().map(|&w| position[w]).collect();
            at.sort_unstable();
            at
        };
        let (ours, theirs) = (sorted(ours), sorted(theirs));
        let mut before = 0;
        let mut total = 0;
        for a in ours {
            while before < theirs.len() && theirs[before] < a {
                before += 1;
            }
            total += before;
        }
        total
    };
    count(&neighbours.up) + count(&neighbours.down)
}

/// Edge crossings between every pair of neighbouring rows: the inversions
/// among edges sorted by their upper end, counted with a Fenwick tree.
fn crossings(rows: &[Vec<usize>], position: &[usize], neighbours: &Neighbours) -> usize {
    let mut total = 0;
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for pair in rows.windows(2) {
        edges.clear();
        for &v in &pair[0] {
            edges.extend(
                neighbours.down[v]
                    .iter()
                    .map(|&w| (position[v], position[w])),
            );
        }
        edges.sort_unstable();
        let mut tree = vec![0usize; pair[1].len() + 1];
        for (seen, &(_, lower)) in edges.iter().enumerate() {
            // Edges already counted whose lower end is at or left of this one.
            let mut at_or_left = 0;
            let mut i = lower + 1;
            while i > 0 {
                at_or_left += tree[i];
                i &= i - 1;
            }
            total += seen - at_or_left;
            let mut i = lower + 1;
            while i < tree.len() {
                tree[i] += 1;
                i += i & i.wrapping_neg();
            }
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::{Neighbours, crossings};

    /// Two rows of two vertices, joined as `edges` (upper, lower) say.
    fn count(edges: &[(usize, usize)]) -> usize {
        let mut neighbours = Neighbours {
            up: vec![Vec::new(); 4],
            down: vec![Vec::new(); 4],
        };
        for &(upper, lower) in edges {
            neighbours.down[upper].push(lower);
            neighbours.up[lower].push(upper);
        }
        crossings(&[vec![0, 1], vec![2, 3]], &[0, 1, 0, 1], &neighbours)
    }

    #[test]
    fn crossings_are_counted_between_rows() {
        assert_eq!(count(&[(0, 2), (1, 3)]), 0);
        assert_eq!(count(&[(0, 3), (1, 2)]), 1);
        assert_eq!(count(&[(0, 2), (0, 3), (1, 2), (1, 3)]), 1);
    }
}

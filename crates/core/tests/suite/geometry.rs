//! A small reader of decision-graph pictures, for tests: the boxes, answer
//! labels and edge paths of an SVG drawn by `graph::svg` (by their classes
//! `node`, `label`, `edge`; curves are flattened), or of Graphviz's
//! `-Tplain` output, and the three things that make such a picture hard to
//! read: labels overlapping, edges through boxes, edges crossing.

/// A rectangle: left, top, width, height.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rect {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

type Point = (f64, f64);

/// The geometry of a picture.
#[derive(Debug, Default)]
pub(crate) struct Picture {
    /// Question and outcome boxes.
    pub(crate) boxes: Vec<Rect>,
    /// Answer labels.
    pub(crate) labels: Vec<Rect>,
    /// Edges as polylines.
    pub(crate) edges: Vec<Vec<Point>>,
    /// Where each text line is anchored (its middle, on the baseline).
    pub(crate) texts: Vec<Point>,
}

/// What makes a picture hard to read, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Defects {
    /// Labels overlapping another label, a box or an edge not their own.
    pub(crate) label_overlaps: usize,
    /// (edge, box) pairs where the edge runs through a box that is not its end.
    pub(crate) edges_through_boxes: usize,
    /// Points where two edges cross.
    pub(crate) crossings: usize,
    /// Text lines anchored outside every box and label.
    pub(crate) stray_texts: usize,
}

/// Curve pieces are flattened into this many segments.
const CURVE_STEPS: usize = 16;
/// Length of Graphviz's arrowheads, in points, which `-Tplain` leaves out.
const ARROWHEAD: f64 = 10.0;
/// Distances below this are "touching", not overlapping.
const TOLERANCE: f64 = 0.5;

impl Picture {
    /// The geometry of an SVG written by `unstuck_core::graph::svg`.
    pub(crate) fn from_svg(svg: &str) -> Picture {
        let mut picture = Picture::default();
        for tag in svg.split('<').skip(1) {
            let class = attribute(tag, "class");
            if tag.starts_with("rect ") {
                let number = |name| attribute(tag, name).and_then(|v| v.parse().ok());
                let (Some(x), Some(y), Some(width), Some(height)) =
                    (number("x"), number("y"), number("width"), number("height"))
                else {
                    continue;
                };
                let rect = Rect {
                    x,
                    y,
                    width,
                    height,
                };
                match class {
                    Some("node") => picture.boxes.push(rect),
                    Some("label") => picture.labels.push(rect),
                    _ => {}
                }
            } else if tag.starts_with("text ") {
                let number = |name| attribute(tag, name).and_then(|v| v.parse().ok());
                if let (Some(x), Some(y)) = (number("x"), number("y")) {
                    picture.texts.push((x, y));
                }
            } else if tag.starts_with("path ") && class == Some("edge") {
                picture
                    .edges
                    .push(path_points(attribute(tag, "d").unwrap_or("")));
            }
        }
        picture
    }

    /// The geometry of Graphviz's `-Tplain` output (in points), leaving
    /// out the `start` node and its edge, which the SVG does not draw.
    /// Labels are left out: Graphviz places them beside edges, not as boxes.
    pub(crate) fn from_plain(plain: &str) -> Picture {
        let mut picture = Picture::default();
        for line in plain.lines() {
            let words = plain_words(line);
            let number = |i: usize| {
                words
                    .get(i)
                    .and_then(|w| w.parse::<f64>().ok())
                    .unwrap_or(0.0)
                    * 72.0
            };
            match words.first().map(String::as_str) {
                Some("node") if words[1] != "start" => {
                    let (x, y, width, height) = (number(2), number(3), number(4), number(5));
                    picture.boxes.push(Rect {
                        x: x - width / 2.0,
                        y: y - height / 2.0,
                        width,
                        height,
                    });
                }
                Some("edge") if words[1] != "start" => {
                    let count = words[3].parse::<usize>().unwrap_or(0);
                    let controls: Vec<Point> = (0..count)
                        .map(|i| (number(4 + 2 * i), number(5 + 2 * i)))
                        .collect();
                    let mut points = vec![controls[0]];
                    for piece in controls[1..].chunks_exact(3) {
                        let start = *points.last().unwrap_or(&controls[0]);
                        flatten(&mut points, [start, piece[0], piece[1], piece[2]]);
                    }
                    // The spline stops where the arrowhead starts: add it.
                    let (end, before) = (points[points.len() - 1], controls[controls.len() - 2]);
                    let length = distance(end, before);
                    if length > 0.0 {
                        let scale = ARROWHEAD / length;
                        points.push((
                            end.0 + (end.0 - before.0) * scale,
                            end.1 + (end.1 - before.1) * scale,
                        ));
                    }
                    picture.edges.push(points);
                }
                _ => {}
            }
        }
        picture
    }

    /// Counts what makes the picture hard to read.
    pub(crate) fn defects(&self) -> Defects {
        let mut label_overlaps = 0;
        for (i, label) in self.labels.iter().enumerate() {
            label_overlaps += self.labels[i + 1..]
                .iter()
                .filter(|other| overlap(label, other))
                .count();
            label_overlaps += self.boxes.iter().filter(|b| overlap(label, b)).count();
            label_overlaps += self
                .edges
                .iter()
                .filter(|edge| !passes_centre(edge, label) && crosses_rect(edge, label))
                .count();
        }
        let mut edges_through_boxes = 0;
        for edge in &self.edges {
            let (first, last) = (edge[0], edge[edge.len() - 1]);
            edges_through_boxes += self
                .boxes
                .iter()
                .filter(|b| !touches(b, first) && !touches(b, last) && crosses_rect(edge, b))
                .count();
        }
        let mut points: Vec<Point> = Vec::new();
        for (i, edge) in self.edges.iter().enumerate() {
            for other in &self.edges[i + 1..] {
                for a in edge.windows(2) {
                    for b in other.windows(2) {
                        if let Some(point) = crossing(a[0], a[1], b[0], b[1]) {
                            // A crossing at a joint of two segments counts once.
                            if !points.iter().any(|p| distance(*p, point) < 1.0) {
                                points.push(point);
                            }
                        }
                    }
                }
            }
        }
        Defects {
            label_overlaps,
            edges_through_boxes,
            crossings: points.len(),
            stray_texts: self
                .texts
                .iter()
                .filter(|&&(x, y)| {
                    !self
                        .boxes
                        .iter()
                        .chain(&self.labels)
                        .any(|r| x > r.x && x < r.x + r.width && y > r.y && y < r.y + r.height)
                })
                .count(),
        }
    }
}

/// The value of `name="…"` in a tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = tag[start..].find('"')?;
    Some(&tag[start..start + end])
}

/// The points of an SVG path made of `M`, `L` and `C` commands.
fn path_points(d: &str) -> Vec<Point> {
    let mut points: Vec<Point> = Vec::new();
    let mut command = 'M';
    let mut numbers: Vec<f64> = Vec::new();
    let mut pending: Vec<Point> = Vec::new();
    for token in d.split([' ', ',']).filter(|t| !t.is_empty()) {
        let token = match token.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => {
                command = c;
                &token[1..]
            }
            _ => token,
        };
        if token.is_empty() {
            continue;
        }
        numbers.push(token.parse().unwrap_or(0.0));
        if numbers.len() == 2 {
            let point = (numbers[0], numbers[1]);
            numbers.clear();
            match command {
                'C' => {
                    pending.push(point);
                    if pending.len() == 3 {
                        let start = *points.last().unwrap_or(&pending[0]);
                        flatten(&mut points, [start, pending[0], pending[1], pending[2]]);
                        pending.clear();
                    }
                }
                _ => points.push(point),
            }
        }
    }
    points
}

/// Appends a cubic Bézier curve's points after its start.
fn flatten(points: &mut Vec<Point>, [p0, p1, p2, p3]: [Point; 4]) {
    for step in 1..=CURVE_STEPS {
        let t = step as f64 / CURVE_STEPS as f64;
        let u = 1.0 - t;
        let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
        points.push((
            a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
            a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
        ));
    }
}

/// The words of a `-Tplain` line; quoted words may hold spaces.
fn plain_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c == ' ' {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut word = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => word.extend(chars.next()),
                    '"' => break,
                    c => word.push(c),
                }
            }
            words.push(word);
        } else {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c == ' ' {
                    break;
                }
                word.push(c);
                chars.next();
            }
            words.push(word);
        }
    }
    words
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    a.x + TOLERANCE < b.x + b.width
        && b.x + TOLERANCE < a.x + a.width
        && a.y + TOLERANCE < b.y + b.height
        && b.y + TOLERANCE < a.y + a.height
}

/// Whether a point is on or near a rectangle (an edge's end at its box).
fn touches(rect: &Rect, (x, y): Point) -> bool {
    let near = 2.0;
    x >= rect.x - near
        && x <= rect.x + rect.width + near
        && y >= rect.y - near
        && y <= rect.y + rect.height + near
}

/// Whether an edge runs through a label's centre: the label is its own.
fn passes_centre(edge: &[Point], label: &Rect) -> bool {
    let centre = (label.x + label.width / 2.0, label.y + label.height / 2.0);
    edge.windows(2)
        .any(|s| segment_distance(centre, s[0], s[1]) < 1.0)
}

/// Whether any segment of an edge enters the inside of a rectangle
/// (Liang–Barsky clipping against the rectangle shrunk by the tolerance).
fn crosses_rect(edge: &[Point], rect: &Rect) -> bool {
    let (left, right) = (rect.x + TOLERANCE, rect.x + rect.width - TOLERANCE);
    let (top, bottom) = (rect.y + TOLERANCE, rect.y + rect.height - TOLERANCE);
    edge.windows(2).any(|s| {
        let (dx, dy) = (s[1].0 - s[0].0, s[1].1 - s[0].1);
        let (mut low, mut high) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, s[0].0 - left),
            (dx, right - s[0].0),
            (-dy, s[0].1 - top),
            (dy, bottom - s[0].1),
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
    })
}

/// Where two segments cross, if they cross properly (not just touch).
fn crossing(a: Point, b: Point, c: Point, d: Point) -> Option<Point> {
    let cross =
        |o: Point, p: Point, q: Point| (p.0 - o.0) * (q.1 - o.1) - (p.1 - o.1) * (q.0 - o.0);
    let (d1, d2) = (cross(c, d, a), cross(c, d, b));
    let (d3, d4) = (cross(a, b, c), cross(a, b, d));
    let eps = 1e-9;
    if ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps))
        && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps))
    {
        let t = d1 / (d1 - d2);
        Some((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1)))
    } else {
        None
    }
}

fn distance(a: Point, b: Point) -> f64 {
    ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
}

fn segment_distance(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length).clamp(0.0, 1.0)
    };
    distance(p, (a.0 + t * dx, a.1 + t * dy))
}

//! The proposed orders as edits of the guide's text: only the ids that must
//! change (each step's other answer, and what led into a chain), so the
//! rest of the guide, its prose and its links stay as the author wrote them.

use super::{Advice, chains};
use crate::model::{Guide, Node};
use crate::source::Span;
use std::collections::HashMap;

/// Replace the text at `span` with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Where, in the guide's text.
    pub span: Span,
    /// The new text.
    pub text: String,
}

/// The edits that put every chain of `advice` in its proposed order, in
/// source order. Applied to the text `guide` was compiled from, the guide
/// still compiles. An implicit start (the first question) that moves gets
/// a `start = "…"` line at the end of the front matter.
pub fn reorder_edits(guide: &Guide, text: &str, advice: &Advice) -> Vec<Edit> {
    let found = chains(guide);
    let mut heads: HashMap<usize, usize> = HashMap::new();
    // For each chain step's other answer: where it will lead.
    let mut others: HashMap<(usize, usize), NextNode> = HashMap::new();
    for (chain, proposed) in found.iter().zip(&advice.chains) {
        let order: Vec<usize> = (proposed.proposed_order.iter())
            .filter_map(|id| guide.question_index(id))
            .collect();
        if order == chain.steps || order.len() != chain.steps.len() {
            continue;
        }
        heads.insert(chain.steps[0], order[0]);
        for (k, &question) in order.iter().enumerate() {
            let step = chain.steps.iter().position(|&s| s == question).unwrap_or(0);
            let next = match order.get(k + 1) {
                Some(&next) => NextNode::Fixed(Node::Question(next)),
                None => NextNode::End(chain.end),
            };
            others.insert((question, chain.other_answers[step]), next);
        }
    }
    let moved = |node: Node| match node {
        Node::Question(q) => Node::Question(heads.get(&q).copied().unwrap_or(q)),
        outcome => outcome,
    };
    let mut edits = Vec::new();
    let mut replace = |id: &crate::model::Id, to: Node| {
        let new = guide.node_id(to);
        if id.as_str() != new {
            let span = id.span();
            let old = text.get(span.clone()).unwrap_or_default();
            edits.push(Edit {
                text: old.replacen(id.as_str(), new, 1),
                span,
            });
        }
    };
    for (q, question) in guide.questions.iter().enumerate() {
        for (a, answer) in question.answers.iter().enumerate() {
            let to = match others.get(&(q, a)) {
                Some(NextNode::Fixed(node)) => *node,
                Some(NextNode::End(end)) => moved(*end),
                None => moved(guide.next_node(answer)),
            };
            replace(&answer.next, to);
        }
    }
    for entry in guide.triage.iter().flat_map(|t| &t.entries) {
        if let Some(node) = guide.node(entry.target.as_str()) {
            replace(&entry.target, moved(node));
        }
    }
    let start = guide.start_node();
    let implicit =
        matches!(start, Node::Question(q) if guide.questions[q].id.span() == guide.start.span());
    if moved(start) != start {
        if implicit {
            let end = front_matter_end(text);
            edits.push(Edit {
                span: end..end,
                text: format!("start = \"{}\"\n", guide.node_id(moved(start))),
            });
        } else {
            replace(&guide.start, moved(start));
        }
    }
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    edits
}

/// Where an answer of a chain step will lead.
enum NextNode {
    /// To this node.
    Fixed(Node),
    /// To the chain's end (itself perhaps the first step of a moved chain).
    End(Node),
}

/// The start of the closing `+++` line of the front matter.
fn front_matter_end(text: &str) -> usize {
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n > 0 && line.trim_end() == "+++" {
            return offset;
        }
        offset += line.len();
    }
    0
}

/// `text` with `edits` (sorted, not overlapping) applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.span.start < at || edit.span.end > text.len() {
            continue;
        }
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.text);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Lines of context around each change in [`unified_diff`].
const CONTEXT: usize = 3;

/// `edits` as a unified diff of `text` that `git apply` (and `patch -p1`)
/// accepts, for the file at `path`; empty when there is nothing to change.
/// Each edit lies within one line, or inserts whole lines at a line start.
pub fn unified_diff(path: &str, text: &str, edits: &[Edit]) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let starts: Vec<usize> = lines
        .iter()
        .scan(0, |at, line| {
            let start = *at;
            *at += line.len();
            Some(start)
        })
        .collect();
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    // Per old line: lines inserted before it, and its new text if it changes.
    let mut inserted: Vec<String> = vec![String::new(); lines.len() + 1];
    let mut changed: Vec<Vec<&Edit>> = vec![Vec::new(); lines.len()];
    for edit in edits {
        let line = line_of(edit.span.start);
        if edit.span.is_empty()
            && starts.get(line) == Some(&edit.span.start)
            && edit.text.ends_with('\n')
        {
            inserted[line].push_str(&edit.text);
        } else if line < lines.len() {
            changed[line].push(edit);
        }
    }
    let touched: Vec<usize> = (0..lines.len())
        .filter(|&l| !inserted[l].is_empty() || !changed[l].is_empty())
        .collect();
    let mut out = String::new();
    if touched.is_empty() {
        return out;
    }
    out.push_str(&format!("--- a/{path}\n+++ b/{path}\n"));
    let mut shift = 0usize; // lines added before the current hunk
    let mut group_start = 0;
    while group_start < touched.len() {
        let mut group_end = group_start;
        while group_end + 1 < touched.len()
            && touched[group_end + 1] <= touched[group_end] + 2 * CONTEXT
        {
            group_end += 1;
        }
        let first = touched[group_start].saturating_sub(CONTEXT);
        let last = (touched[group_end] + CONTEXT + 1).min(lines.len());
        let mut body = String::new();
        let (mut old_len, mut new_len) = (0, 0);
        for l in first..last {
            for added in inserted[l].split_inclusive('\n') {
                push_line(&mut body, '+', added);
                new_len += 1;
            }
            let line = lines[l];
            if changed[l].is_empty() {
                push_line(&mut body, ' ', line);
            } else {
                let start = starts[l];
                let local: Vec<Edit> = (changed[l].iter())
                    .map(|e| Edit {
                        span: e.span.start - start..e.span.end - start,
                        text: e.text.clone(),
                    })
                    .collect();
                push_line(&mut body, '-', line);
                push_line(&mut body, '+', &apply(line, &local));
            }
            old_len += 1;
            new_len += 1;
        }
        out.push_str(&format!(
            "@@ -{},{old_len} +{},{new_len} @@\n",
            first + 1,
            first + 1 + shift
        ));
        out.push_str(&body);
        shift += new_len - old_len;
        group_start = group_end + 1;
    }
    out
}

/// One diff line; a last line without a newline gets git's marker.
fn push_line(out: &mut String, mark: char, line: &str) {
    out.push(mark);
    out.push_str(line);
    if !line.ends_with('\n') {
        out.push_str("\n\\ No newline at end of file\n");
    }
}

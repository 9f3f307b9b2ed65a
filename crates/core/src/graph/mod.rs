//! The decision graph as text: Mermaid and Graphviz DOT, and as an SVG
//! picture laid out here (`layout/`, drawn by `draw.rs`, text measured and
//! escaped by `text.rs`), with no Graphviz needed.
//!
//! Questions are boxes, outcomes are rounded (resolved) or hexagonal
//! (escalate), answers label the edges. Labels are escaped for each
//! language, so guide text can never break out of a label.

mod draw;
mod layout;
mod text;

pub use draw::{DARK_STYLE, svg};

use crate::model::{Guide, OutcomeKind};
use std::fmt::Write;

/// The graph in Mermaid flowchart syntax.
pub fn mermaid(guide: &Guide) -> String {
    let mut out = String::from("flowchart TD\n");
    let mut line = |text: String| {
        out.push_str("    ");
        out.push_str(&text);
        out.push('\n');
    };
    line(format!("start([\"{}\"])", mermaid_escape("Start")));
    line(format!("start --> {}", node_name(guide.start.as_str())));
    for question in &guide.questions {
        line(format!(
            "{}[\"{}\"]",
            node_name(question.id.as_str()),
            mermaid_escape(&question.prompt.plain())
        ));
    }
    for outcome in &guide.outcomes {
        let title = mermaid_escape(&outcome.title.plain());
        let name = node_name(outcome.id.as_str());
        line(match outcome.kind {
            OutcomeKind::Resolved => format!("{name}([\"✓ {title}\"]):::resolved"),
            OutcomeKind::Escalate => format!("{name}{{{{\"! {title}\"}}}}:::escalate"),
        });
    }
    for question in &guide.questions {
        for answer in &question.answers {
            line(format!(
                "{} -- \"{}\" --> {}",
                node_name(question.id.as_str()),
                mermaid_escape(&answer.label.plain()),
                node_name(answer.next.as_str())
            ));
        }
    }
    line("classDef resolved fill:#d9f2e3,stroke:#1a7f45".to_owned());
    line("classDef escalate fill:#fde3d9,stroke:#b3401a".to_owned());
    out
}

/// The graph in Graphviz DOT syntax.
pub fn dot(guide: &Guide) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "digraph \"{}\" {{", dot_escape(guide.id.as_str()));
    out.push_str("    rankdir=TB;\n    node [fontname=\"sans-serif\"];\n    edge [fontname=\"sans-serif\"];\n");
    out.push_str("    start [label=\"Start\", shape=circle];\n");
    let _ = writeln!(
        out,
        "    start -> \"{}\";",
        dot_escape(guide.start.as_str())
    );
    for question in &guide.questions {
        let _ = writeln!(
            out,
            "    \"{}\" [label=\"{}\", shape=box];",
            dot_escape(question.id.as_str()),
            dot_escape(&question.prompt.plain())
        );
    }
    for outcome in &guide.outcomes {
        let (shape, fill) = match outcome.kind {
            OutcomeKind::Resolved => ("box, style=\"rounded,filled\"", "#d9f2e3"),
            OutcomeKind::Escalate => ("hexagon, style=filled", "#fde3d9"),
        };
        let _ = writeln!(
            out,
            "    \"{}\" [label=\"{}\", shape={shape}, fillcolor=\"{fill}\"];",
            dot_escape(outcome.id.as_str()),
            dot_escape(&outcome.title.plain())
        );
    }
    for question in &guide.questions {
        for answer in &question.answers {
            let _ = writeln!(
                out,
                "    \"{}\" -> \"{}\" [label=\"{}\"];",
                dot_escape(question.id.as_str()),
                dot_escape(answer.next.as_str()),
                dot_escape(&answer.label.plain())
            );
        }
    }
    out.push_str("}\n");
    out
}

/// Mermaid node names may not contain dashes in every renderer: use `_`.
fn node_name(id: &str) -> String {
    format!("n_{}", id.replace('-', "_"))
}

fn mermaid_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

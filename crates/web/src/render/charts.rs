//! Server-rendered SVG bar charts: readable on a phone, labelled for
//! screen readers (`role="img"`, `<title>`, `<desc>`), coloured by
//! stylesheet classes. The same numbers always follow in a table.

use maud::{Markup, html};

/// One bar: a label, a value, and a class for its colour.
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) value: i64,
    pub(crate) class: &'static str,
}

const WIDTH: f64 = 640.0;
const ROW: f64 = 44.0;
const LABEL_ROW: f64 = 18.0;

/// A horizontal bar chart, one bar per row with its label above it.
pub(crate) fn bars(id: &str, title: &str, description: &str, bars: &[Bar]) -> Markup {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
    let height = (bars.len().max(1) as f64) * ROW;
    let title_id = format!("{id}-title");
    let desc_id = format!("{id}-desc");
    html! {
        svg.chart role="img" aria-labelledby=(format!("{title_id} {desc_id}")) viewBox=(format!("0 0 {WIDTH} {height}")) preserveAspectRatio="xMinYMin meet" {
            title id=(title_id) { (title) }
            desc id=(desc_id) { (description) }
            @for (row, bar) in bars.iter().enumerate() {
                @let y = row as f64 * ROW;
                @let width = (bar.value as f64 / max * (WIDTH - 70.0)).max(if bar.value > 0 { 2.0 } else { 0.0 });
                text.label x="0" y=(format!("{:.1}", y + 14.0)) { (bar.label) }
                rect class=(bar.class) x="0" y=(format!("{:.1}", y + LABEL_ROW)) width=(format!("{width:.1}")) height="18" rx="3" {}
                text.value x=(format!("{:.1}", width + 6.0)) y=(format!("{:.1}", y + LABEL_ROW + 14.0)) { (bar.value) }
            }
        }
    }
}

//! The operator's dashboard: per guide and period, sessions, self-service
//! resolution, the funnel, answers, changes, helpfulness and comments; and
//! the Advice view (expected times, the time people take per step, the
//! cheaper order of fix attempts: `unstuck advise` in the browser).
//! Charts are SVG drawn here; every number is also in a table.

use super::charts::{self, Bar};
use super::layout::Page;
use super::words::Words;
use maud::{Markup, html};
use unstuck_core::Guide;
use unstuck_core::advise::{Advice, TimeSource, readable_minutes};
use unstuck_store::{GuideStats, LanguageFigures};

/// The periods offered, in days.
pub(crate) const PERIODS: [i64; 4] = [1, 7, 30, 90];

/// `/admin`: every guide with its headline figures.
pub(crate) fn overview(rows: &[(&Guide, Option<GuideStats>)], days: i64, refused: u64) -> String {
    let main = html! {
        h1 { "Guides at a glance" }
        (period_form("/admin", days))
        table {
            caption { "Last " (days) " days" }
            thead { tr { th scope="col" { "Guide" } th scope="col" { "Sessions" } th scope="col" { "Resolved" } th scope="col" { "Helpful" } } }
            tbody {
                @for (guide, stats) in rows {
                    tr {
                        th scope="row" { a href=(format!("/admin/guides/{}?days={days}", guide.id)) { (guide.title.plain()) } }
                        @match stats {
                            Some(stats) => {
                                td { (stats.sessions) }
                                td { (percent(stats.resolution_rate)) }
                                td { (percent(stats.helpful_rate)) }
                            }
                            None => { td colspan="3" { "The database is unavailable." } }
                        }
                    }
                }
            }
        }
        p {
            "Events refused since this server started: " (refused)
            " (visits from clients over the limit per minute or sessions per day; not in the figures above)."
        }
        p { a href="/admin/handoffs" { "Hand-offs to support" } " · " a href="/metrics" { "Metrics (Prometheus)" } }
    };
    Page::new(Words::english(), "Admin · Unstuck", main).render()
}

/// `/admin/guides/{id}`: one guide's figures, in the guide's order
/// ([`crate::figures::in_guide_order`]).
pub(crate) fn guide(guide: &Guide, stats: &GuideStats, days: i64) -> String {
    let prompt = |id: &str| {
        guide
            .question_index(id)
            .map_or_else(|| id.to_owned(), |q| guide.questions[q].prompt.plain())
    };
    let outcome_title = |id: &str| {
        guide
            .outcomes
            .iter()
            .find(|o| o.id.as_str() == id)
            .map_or_else(|| id.to_owned(), |o| o.title.plain())
    };
    let (funnel, answers) = (&stats.funnel, &stats.answers);
    let main = html! {
        h1 { (guide.title.plain()) ": figures" }
        (period_form(&format!("/admin/guides/{}", guide.id), days))
        dl.results {
            dt { "Sessions" } dd { (stats.sessions) }
            dt { "Self-service resolution" }
            dd { (percent(stats.resolution_rate)) " (" (stats.resolved) " resolved, " (stats.escalated) " escalated)" }
            dt { "Median answers to an outcome" } dd { (stats.median_answers_to_outcome.map_or("—".to_owned(), |m| format!("{m}"))) }
            dt { "Helpful" } dd { (percent(stats.helpful_rate)) " (" (stats.helpful) " yes, " (stats.not_helpful) " no)" }
            dt { "Full guide opened" } dd { (stats.full_guide_opened) }
            dt { "Support summary downloaded / copied" } dd { (stats.summary_downloaded) " / " (stats.summary_copied) }
        }
        @if stats.languages.len() > 1 { (languages(guide, &stats.languages)) }
        h2 { "Funnel: where people get stuck" }
        (charts::bars(
            "funnel",
            "Sessions that reached each question",
            "One bar per question, in the guide's order; the table below has the numbers and where people left.",
            &funnel.iter().map(|f| Bar { label: prompt(&f.question), value: f.reached, class: "bar" }).collect::<Vec<_>>(),
        ))
        table {
            thead { tr { th scope="col" { "Question" } th scope="col" { "Reached" } th scope="col" { "Answered" } th scope="col" { "Left here" } } }
            tbody {
                @for f in funnel {
                    tr { th scope="row" { (prompt(&f.question)) } td { (f.reached) } td { (f.answered) } td { (f.left) } }
                }
            }
        }
        h2 { "Outcomes" }
        (charts::bars(
            "outcomes",
            "Sessions per outcome",
            "Resolved outcomes in green, escalations in orange.",
            &stats.outcomes.iter().map(|o| Bar {
                label: outcome_title(&o.outcome),
                value: o.sessions,
                class: if o.kind == "resolved" { "bar ok" } else { "bar warn" },
            }).collect::<Vec<_>>(),
        ))
        table {
            thead { tr { th scope="col" { "Outcome" } th scope="col" { "Kind" } th scope="col" { "Sessions" } } }
            tbody { @for o in &stats.outcomes { tr { th scope="row" { (outcome_title(&o.outcome)) } td { (o.kind) } td { (o.sessions) } } } }
        }
        h2 { "Answers" }
        table {
            thead { tr { th scope="col" { "Question" } th scope="col" { "Answer" } th scope="col" { "Sessions" } } }
            tbody {
                @for a in answers {
                    tr { th scope="row" { (prompt(&a.question)) } td { (answer_label(guide, &a.question, &a.answer)) } td { (a.sessions) } }
                }
            }
        }
        h2 { "Answers changed most" }
        @if stats.changes.is_empty() { p { "No answer was changed in this period." } } @else {
            table {
                thead { tr { th scope="col" { "Question" } th scope="col" { "Changes" } } }
                tbody { @for c in &stats.changes { tr { th scope="row" { (prompt(&c.name)) } td { (c.count) } } } }
            }
        }
        h2 { "Triage entries used" }
        @if stats.triage.is_empty() { p { "No triage entry was used in this period." } } @else {
            table {
                thead { tr { th scope="col" { "Jumped to" } th scope="col" { "Sessions" } } }
                tbody { @for t in &stats.triage { tr { th scope="row" { (prompt(&t.name)) } td { (t.count) } } } }
            }
        }
        h2 { "Comments" }
        @if stats.comments.is_empty() { p { "No comments in this period." } } @else {
            ul {
                @for c in &stats.comments {
                    li {
                        strong { @if c.helpful { "Helpful" } @else { "Not helpful" } }
                        @if let Some(outcome) = &c.outcome { " at “" (outcome_title(outcome)) "”" }
                        ": " (c.text)
                    }
                }
            }
        }
        p {
            a href=(format!("/admin/guides/{}/advice?days={days}", guide.id)) { "Advice: expected times and a cheaper order" } " · "
            a href=(format!("/admin/guides/{}/events.csv?days={days}", guide.id)) { "Download the events (CSV)" } " · " a href="/admin" { "All guides" }
        }
    };
    Page::new(
        Words::english(),
        format!("Figures · {} · Admin", guide.title.plain()),
        main,
    )
    .render()
}

/// `/admin/guides/{id}/advice`: the figures of `unstuck advise` for one guide.
pub(crate) fn advice(guide: &Guide, advice: &Advice, days: i64, authored: bool) -> String {
    let prompt = |id: &str| {
        guide
            .question_index(id)
            .map_or_else(|| id.to_owned(), |q| guide.questions[q].prompt.plain())
    };
    let share = |s: f64| format!("{:.0} %", s * 100.0);
    let main = html! {
        h1 { (guide.title.plain()) ": advice" }
        (period_form_keeping(
            &format!("/admin/guides/{}/advice", guide.id),
            days,
            authored.then_some(("times", "authored")),
        ))
        p {
            @if authored {
                "Times are the guide's own. " a href=(format!("/admin/guides/{}/advice?days={days}", guide.id)) { "Use the times people took" }
            } @else {
                "Times are the median people took, where at least 5 were timed. " a href=(format!("/admin/guides/{}/advice?days={days}&times=authored", guide.id)) { "Use the guide's times" }
            }
        }
        dl.results {
            dt { "Sessions" } dd { (advice.sessions) @if advice.sessions == 0 { " (the author's numbers alone)" } }
            dt { "From the start, on average" } dd { (readable_minutes(advice.expected_time)) }
            dt { "With the proposed order" } dd { (readable_minutes(advice.expected_time_proposed)) }
            dt { "Saving" } dd { (readable_minutes(advice.saving_per_session)) " per session, " (readable_minutes(advice.saving_per_1000)) " per 1,000 sessions" }
        }
        h2 { "Fix attempts in a row" }
        @if advice.chains.is_empty() {
            p { "No chain of fix attempts to reorder: a fix attempt is a question with one answer to a resolved outcome, whose other answer leads to the next attempt." }
        }
        @for chain in &advice.chains {
            table {
                caption { (chain.order.join(" → ")) " → " (chain.end) }
                thead { tr { th scope="col" { "Step" } th scope="col" { "Fixes (p, 95 %)" } th scope="col" { "Time" } th scope="col" { "p per minute" } } }
                tbody {
                    @for step in &chain.steps {
                        tr {
                            th scope="row" { (prompt(&step.question)) }
                            td { (share(step.p)) " (" (share(step.p_low)) "–" (share(step.p_high)) ")" }
                            td { (readable_minutes(step.time)) }
                            td { (step.ratio.map_or_else(|| "no time: first".to_owned(), |r| format!("{r:.4}"))) }
                        }
                    }
                }
            }
            @if chain.proposed_order == chain.order {
                p { "Today's order is already the cheapest on average." }
            } @else {
                p {
                    "Proposed order: " (chain.proposed_order.iter().map(|q| prompt(q)).collect::<Vec<_>>().join(" → "))
                    ". It saves " (readable_minutes(chain.saving_per_session)) " per session ("
                    (readable_minutes(chain.saving_per_1000)) " per 1,000 sessions)."
                    @if !chain.sure { " Not yet sure: the steps' intervals overlap." }
                }
            }
            @if chain.call_at_once {
                p { "Calling the professional before any of these steps is cheaper on average." }
            } @else if let Some(after) = &chain.service_call_after {
                p { "Calling the professional after “" (prompt(after)) "” is cheaper on average than going on." }
            }
        }
        h2 { "Time per step" }
        table {
            thead { tr { th scope="col" { "Question" } th scope="col" { "People took (median)" } th scope="col" { "Time used" } th scope="col" { "From here, on average" } th scope="col" { "Answered" } th scope="col" { "Left here" } } }
            tbody {
                @for q in &advice.questions {
                    tr {
                        th scope="row" { (prompt(&q.id)) }
                        td { @match q.measured_time { Some(t) => { (readable_minutes(t)) " (" (q.timed) " timed)" } None => "—" } }
                        td {
                            (readable_minutes(q.time))
                            @match q.time_source { TimeSource::Measured => " (measured)", TimeSource::Authored => " (from the guide)", TimeSource::None => " (no time given)" }
                        }
                        td { (readable_minutes(q.expected_time)) }
                        td { (q.answered) }
                        td { (q.left) }
                    }
                }
            }
        }
        h2 { "Answer shares" }
        table {
            thead { tr { th scope="col" { "Question" } th scope="col" { "Answer" } th scope="col" { "Share (95 %)" } th scope="col" { "Sessions" } th scope="col" { "Author's" } } }
            tbody {
                @for q in &advice.questions {
                    @for a in &q.answers {
                        tr {
                            th scope="row" { (prompt(&q.id)) }
                            td { (answer_label(guide, &q.id, &a.id)) }
                            td { (share(a.share)) " (" (share(a.low)) "–" (share(a.high)) ")" }
                            td { (a.count) }
                            td { (a.authored_share.map_or_else(|| "—".to_owned(), share)) }
                        }
                    }
                }
            }
        }
        p { a href=(format!("/admin/guides/{}?days={days}", guide.id)) { "Back to the figures" } " · " a href="/admin" { "All guides" } }
    };
    Page::new(
        Words::english(),
        format!("Advice · {} · Admin", guide.title.plain()),
        main,
    )
    .render()
}

fn answer_label(guide: &Guide, question: &str, answer: &str) -> String {
    guide
        .question_index(question)
        .and_then(|q| {
            guide.questions[q]
                .answers
                .iter()
                .find(|a| a.id.as_str() == answer)
        })
        .map_or_else(|| answer.to_owned(), |a| a.label.plain())
}

fn period_form(action: &str, days: i64) -> Markup {
    period_form_keeping(action, days, None)
}

/// The period form, keeping another query parameter (`name`, `value`).
fn period_form_keeping(action: &str, days: i64, keep: Option<(&str, &str)>) -> Markup {
    html! {
        form method="get" action=(action) {
            @if let Some((name, value)) = keep { input type="hidden" name=(name) value=(value); }
            label.field for="days" { "Period" }
            select #days name="days" {
                @for period in PERIODS {
                    option value=(period) selected[period == days] { "Last " (period) @if period == 1 { " day" } @else { " days" } }
                }
            }
            div.row { button type="submit" { "Show" } }
        }
    }
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{:.0} %", r * 100.0))
}

/// The guide's figures per language read, when it was read in several.
fn languages(guide: &Guide, languages: &[LanguageFigures]) -> Markup {
    html! {
        h2 { "By language" }
        table {
            thead {
                tr {
                    th scope="col" { "Language" } th scope="col" { "Sessions" }
                    th scope="col" { "Self-service resolution" } th scope="col" { "Helpful" }
                }
            }
            tbody {
                @for figures in languages {
                    @let tag = figures.lang.as_deref().unwrap_or(&guide.lang);
                    tr {
                        th scope="row" {
                            (unstuck_locale::language_name(tag))
                            @if figures.lang.is_none() { " (as written)" }
                        }
                        td { (figures.sessions) }
                        td {
                            (percent(ratio(figures.resolved, figures.resolved + figures.escalated)))
                            " (" (figures.resolved) " resolved, " (figures.escalated) " escalated)"
                        }
                        td {
                            (percent(ratio(figures.helpful, figures.helpful + figures.not_helpful)))
                            " (" (figures.helpful) " yes, " (figures.not_helpful) " no)"
                        }
                    }
                }
            }
        }
    }
}

/// `part` out of `whole`; none when `whole` is zero.
fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

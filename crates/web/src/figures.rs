//! A guide's figures in the guide's own order, as `/admin` shows them and
//! `unstuck stats` prints them.

use std::cmp::Reverse;
use unstuck_core::Guide;
use unstuck_store::GuideStats;

/// Puts the funnel of `stats` in `guide`'s question order, and its answers
/// by question in that order, the most given first. Questions the guide no
/// longer has (renamed or removed during the period) come last, by id.
pub fn in_guide_order(guide: &Guide, stats: &mut GuideStats) {
    let place = |question: &str| {
        let index = guide.question_index(question);
        (index.is_none(), index, question.to_owned())
    };
    stats
        .funnel
        .sort_by_cached_key(|step| place(&step.question));
    stats
        .answers
        .sort_by_cached_key(|answer| (place(&answer.question), Reverse(answer.sessions)));
}

#[cfg(test)]
mod tests {
    use super::in_guide_order;
    use unstuck_store::{AnswerCount, GuideStats, QuestionFunnel};

    fn step(question: &str) -> QuestionFunnel {
        QuestionFunnel {
            question: question.to_owned(),
            reached: 1,
            answered: 1,
            left: 0,
        }
    }

    fn answer(question: &str, answer: &str, sessions: i64) -> AnswerCount {
        AnswerCount {
            question: question.to_owned(),
            answer: answer.to_owned(),
            sessions,
        }
    }

    #[test]
    fn figures_follow_the_guide_and_questions_it_no_longer_has_come_last() {
        let text = include_str!("../../../guides/smart-lock.md");
        let guide = unstuck_core::compile(text)
            .guide
            .expect("the shipped guide");
        // As the store gives them: by id.
        let mut stats = GuideStats {
            guide: "smart-lock".to_owned(),
            since: 0,
            sessions: 3,
            outcomes: Vec::new(),
            resolved: 0,
            escalated: 0,
            resolution_rate: None,
            funnel: ["battery-fixed", "gone", "keypad-lights", "old"]
                .map(step)
                .to_vec(),
            answers: vec![
                answer("battery-fixed", "no", 1),
                answer("battery-fixed", "yes", 2),
                answer("gone", "a", 1),
                answer("keypad-lights", "no", 3),
                answer("old", "b", 5),
            ],
            changes: Vec::new(),
            triage: Vec::new(),
            median_answers_to_outcome: None,
            full_guide_opened: 0,
            summary_downloaded: 0,
            summary_copied: 0,
            helpful: 0,
            not_helpful: 0,
            helpful_rate: None,
            comments: Vec::new(),
            languages: Vec::new(),
        };
        in_guide_order(&guide, &mut stats);
        let funnel: Vec<&str> = stats.funnel.iter().map(|s| s.question.as_str()).collect();
        assert_eq!(funnel, ["keypad-lights", "battery-fixed", "gone", "old"]);
        let answers: Vec<(&str, &str)> = (stats.answers.iter())
            .map(|a| (a.question.as_str(), a.answer.as_str()))
            .collect();
        assert_eq!(
            answers,
            [
                ("keypad-lights", "no"),
                ("battery-fixed", "yes"),
                ("battery-fixed", "no"),
                ("gone", "a"),
                ("old", "b"),
            ]
        );
    }
}

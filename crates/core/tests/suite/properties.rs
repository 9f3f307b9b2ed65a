//! Property tests on generated guides: walking never panics and always
//! stops at a question or outcome of the guide; changing an answer and
//! changing it back restores the walk; tokens round-trip; the parser never
//! panics on arbitrary input.

use proptest::prelude::*;
use unstuck_core::engine::{self, Position, Session, token};
use unstuck_core::{compile, compile_bytes};
use unstuck_testkit::{Shape, Target};

/// A random acyclic shape: answers of question `i` lead to a later question
/// or an outcome, so every generated guide is valid.
pub(crate) fn shapes() -> impl Strategy<Value = Shape> {
    (1usize..12, 1usize..4).prop_flat_map(|(questions, outcomes)| {
        let answers = (0..questions)
            .map(move |i| {
                let target = prop_oneof![
                    (0..outcomes).prop_map(Target::Outcome),
                    (i + 1..questions.max(i + 2)).prop_map(move |q| if q < questions {
                        Target::Question(q)
                    } else {
                        Target::Outcome(0)
                    }),
                ];
                prop::collection::vec(target, 2..4)
            })
            .collect::<Vec<_>>();
        (
            answers,
            Just(outcomes),
            prop::collection::vec(0..questions, 0..3),
        )
            .prop_map(|(questions, outcomes, triage)| Shape {
                questions,
                outcomes,
                triage,
            })
    })
}

/// Makes every question and outcome reachable by adding triage entries.
pub(crate) fn reachable(mut shape: Shape) -> Shape {
    shape.triage = (0..shape.questions.len()).collect();
    let mut used = vec![false; shape.outcomes];
    for target in shape.questions.iter().flatten() {
        if let Target::Outcome(o) = target {
            used[*o] = true;
        }
    }
    // Point the last answer of the last question at each unused outcome.
    let unused: Vec<usize> = (0..shape.outcomes).filter(|&o| !used[o]).collect();
    if let Some(last) = shape.questions.last_mut() {
        last.extend(unused.into_iter().map(Target::Outcome));
    }
    shape
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(128)
    ))]

    #[test]
    fn walks_stop_at_a_question_or_outcome_of_the_guide(
        shape in shapes().prop_map(reachable),
        answers in prop::collection::vec((0usize..16, 0usize..4), 0..24),
        entry in prop::option::of(0usize..16),
    ) {
        let compiled = compile(&shape.source());
        prop_assert!(!compiled.has_errors(), "{:#?}", compiled.diagnostics);
        let guide = compiled.guide.expect("a valid guide");
        let mut session = Session::new();
        if let Some(entry) = entry.filter(|&e| e < guide.questions.len()) {
            session.set_entry(Some(unstuck_core::model::Node::Question(entry)));
        }
        for (question, answer) in answers {
            let question = question % guide.questions.len();
            let answer = answer % guide.questions[question].answers.len();
            let before = engine::walk(&guide, &session);
            let old = session.answer(question);
            engine::answer(&guide, &mut session, question, answer);
            let walk = engine::walk(&guide, &session);
            match walk.position {
                Position::Question { question, .. } => prop_assert!(question < guide.questions.len()),
                Position::Outcome(outcome) => prop_assert!(outcome < guide.outcomes.len()),
            }
            prop_assert!(walk.path.len() <= guide.questions.len());
            // Change it back: the same walk as before.
            let mut undone = session.clone();
            match old {
                Some(old) => { engine::answer(&guide, &mut undone, question, old); }
                None => undone.clear_answer(question),
            }
            prop_assert_eq!(engine::walk(&guide, &undone), before);
            prop_assert_eq!(token::decode(&guide, &token::encode(&guide, &session)), Ok(session.clone()));
        }
    }

    #[test]
    fn the_parser_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = compile_bytes(&bytes);
    }

    #[test]
    fn the_parser_never_panics_on_mangled_guides(
        cut in 0usize..6000,
        insert in "[-#{}\\[\\]()+:→ \n.a-z=\"*`>|]{0,40}",
    ) {
        let text = crate::support::SMART_LOCK;
        let mut at = cut.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mangled = format!("{}{insert}{}", &text[..at], &text[at..]);
        let _ = compile(&mangled);
    }
}

#[test]
fn a_100000_question_chain_compiles_and_walks_without_overflowing_the_stack() {
    let source = Shape::chain(100_000).source();
    let compiled = compile(&source);
    assert!(
        !compiled.has_errors(),
        "{:?}",
        &compiled.diagnostics[..3.min(compiled.diagnostics.len())]
    );
    let guide = compiled.guide.expect("a valid guide");
    let mut session = Session::new();
    for question in 0..guide.questions.len() {
        session.set_answer(question, 0);
    }
    let walk = engine::walk(&guide, &session);
    assert_eq!(walk.path.len(), 100_000);
    assert_eq!(walk.position, Position::Outcome(0));
}

#[test]
fn a_100000_question_cycle_is_reported_without_overflowing_the_stack() {
    let mut shape = Shape::chain(100_000);
    shape.questions[99_999][0] = Target::Question(0);
    let compiled = compile(&shape.source());
    assert!(
        compiled
            .diagnostics
            .iter()
            .any(|d| d.code == unstuck_core::Code::Cycle)
    );
}

#[test]
fn deeply_nested_markdown_is_read_without_overflowing_the_stack() {
    let deep = format!(
        "+++\nid = \"deep\"\n+++\n\n# T\n\nS.\n\n{}x\n",
        "> ".repeat(50_000)
    );
    let compiled = compile(&deep);
    assert!(compiled.has_errors());
    let lists = format!(
        "+++\nid = \"deep\"\n+++\n\n# T\n\nS.\n\n{}",
        (0..5_000)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect::<String>()
    );
    assert!(compile(&lists).has_errors());
}

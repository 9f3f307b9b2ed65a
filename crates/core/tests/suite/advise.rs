//! `advise` on a small guide whose figures are worked out by hand.

use unstuck_core::advise::{self, Observations, ObservedQuestion, TimeSource};
use unstuck_core::compile;

const REMOTE: &str = include_str!("../fixtures/advise/remote.md");

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn remote() -> unstuck_core::Guide {
    let compiled = compile(REMOTE);
    assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);
    compiled.guide.expect("the remote guide compiles")
}

#[test]
fn times_and_shares_are_read_from_the_guide() {
    let guide = remote();
    let batteries = &guide.questions[0];
    assert_eq!(
        guide.question_time(batteries),
        Some(10.0),
        "the section's time"
    );
    assert_eq!(
        guide.question_time(&guide.questions[1]),
        Some(2.0),
        "its own"
    );
    assert_eq!(batteries.answers[0].share, Some(20.0));
    assert_eq!(
        batteries.answers[0].label.markdown(),
        "Yes",
        "the share is not in the label"
    );
    assert_eq!(batteries.answers[0].id.as_str(), "yes");
    assert_eq!(guide.outcomes[1].time, Some(60.0));
    let body = guide.outcomes[1].body.as_ref().map(|b| b.markdown());
    assert_eq!(body, Some("The shop replaces the remote."));
}

#[test]
fn authored_numbers_give_the_expected_time_and_the_cheaper_order() {
    let advice = advise::advise(&remote(), &Observations::default());
    // reset: 2 + 0.5·60 = 32; batteries: 10 + 0.8·32 = 35.6.
    assert!(
        close(advice.expected_time, 35.6),
        "{}",
        advice.expected_time
    );
    assert!(close(advice.questions[1].expected_time, 32.0));
    assert_eq!(advice.questions[0].time_source, TimeSource::Authored);
    let [chain] = advice.chains.as_slice() else {
        panic!("one chain: {:?}", advice.chains)
    };
    // p: batteries 0.2, reset 0.8·0.5 = 0.4; p/C 0.02 against 0.2.
    assert!(close(chain.steps[1].p, 0.4) && close(chain.steps[1].ratio.unwrap_or(0.0), 0.2));
    assert_eq!(chain.order, ["batteries-fixed", "reset-fixed"]);
    assert_eq!(chain.proposed_order, ["reset-fixed", "batteries-fixed"]);
    // Reset first: 2 + 0.6·10 + 0.4·60 = 32.
    assert!(
        close(advice.expected_time_proposed, 32.0),
        "{}",
        advice.expected_time_proposed
    );
    assert!(close(chain.saving_per_session, 3.6) && close(chain.saving_per_1000, 3600.0));
    assert_eq!(
        chain.service_call_after, None,
        "both steps are worth trying"
    );
    assert!(!chain.sure, "the author's guess alone settles nothing");
    assert!(advice.untimed.is_empty());
}

#[test]
fn sessions_outweigh_the_author_and_an_expensive_step_is_skipped() {
    let mut observed = Observations {
        sessions: 2000,
        ..Observations::default()
    };
    let question = |yes: u64, no: u64, minutes: f64| ObservedQuestion {
        answers: [("yes".to_owned(), yes), ("no".to_owned(), no)].into(),
        left: 7,
        median_minutes: Some(minutes),
        timed: yes + no,
    };
    // Batteries fix 50 % in 10 min; the reset fixes 1 % of the rest but now
    // takes 50 min: cheaper to call the shop (60) right after the batteries.
    observed
        .questions
        .insert("batteries-fixed".into(), question(1000, 1000, 10.0));
    observed
        .questions
        .insert("reset-fixed".into(), question(10, 990, 50.0));
    let advice = advise::advise(&remote(), &observed);
    let batteries = &advice.questions[0];
    assert_eq!((batteries.answered, batteries.left), (2000, 7));
    assert_eq!(batteries.time_source, TimeSource::Measured);
    let yes = &batteries.answers[0];
    assert!(yes.low < 0.5 && 0.5 < yes.high && (yes.share - 0.5).abs() < 0.01);
    let chain = &advice.chains[0];
    assert_eq!(chain.proposed_order, ["batteries-fixed", "reset-fixed"]);
    assert!(chain.sure || chain.order == chain.proposed_order);
    assert_eq!(chain.service_call_after.as_deref(), Some("batteries-fixed"));
    assert!(chain.service_call_saving_per_session > 0.0);
}

#[test]
fn a_guide_without_fix_attempts_has_no_chains() {
    let text = REMOTE
        .replace("- Yes (20%) → fixed", "- Yes (20%) → shop")
        .replace(
            "- Yes (50%) → fixed\n- No → shop",
            "- Yes (50%) → fixed\n- No → fixed",
        );
    let compiled = compile(&text);
    let guide = compiled.guide.expect("still a guide");
    let advice = advise::advise(&guide, &Observations::default());
    assert!(advice.chains.is_empty());
    assert!(close(advice.expected_time, advice.expected_time_proposed));
}

#[test]
fn the_documented_schema_is_the_advice_schema() {
    let documented = include_str!("../../../../docs/advise.schema.json");
    let current = serde_json::to_string_pretty(&advise::schema()).expect("schema as JSON");
    assert_eq!(
        documented.trim_end(),
        current,
        "docs/advise.schema.json is out of date: run `unstuck advise --schema x > docs/advise.schema.json`"
    );
}

#[test]
fn the_proposed_order_rewrites_only_the_targets_and_still_compiles() {
    let guide = remote();
    let advice = advise::advise(&guide, &Observations::default());
    let edits = advise::reorder_edits(&guide, REMOTE, &advice);
    let patched = advise::apply(REMOTE, &edits);
    let changed: Vec<(&str, &str)> = REMOTE
        .lines()
        .zip(patched.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        changed,
        [
            ("start = \"batteries-fixed\"", "start = \"reset-fixed\""),
            ("- No (80%) → reset-fixed", "- No (80%) → shop"),
            ("- No → shop", "- No → batteries-fixed"),
        ]
    );
    let compiled = compile(&patched);
    assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);
    let again = advise::advise(&compiled.guide.expect("compiles"), &Observations::default());
    assert_eq!(again.chains[0].order, ["reset-fixed", "batteries-fixed"]);
    // An implicit start gets a `start` line.
    let implicit = REMOTE.replace("start = \"batteries-fixed\"\n", "");
    let guide = compile(&implicit).guide.expect("compiles");
    let patched = advise::apply(
        &implicit,
        &advise::reorder_edits(&guide, &implicit, &advice),
    );
    assert!(
        patched.contains("+++\nid = \"remote\"\nstart = \"reset-fixed\"\n+++"),
        "{patched}"
    );
    assert!(!compile(&patched).has_errors());
}

#[test]
fn a_single_slow_attempt_is_worth_skipping_for_the_professional() {
    // Batteries no longer fix anything; the reset takes 90 min and fixes
    // half: trying costs 90 + 0.5·60 = 120, calling the shop at once 60.
    let text = REMOTE
        .replace("- Yes (20%) → fixed", "- Yes (20%) → shop")
        .replace("Time: 2 min", "Time: 90 min");
    let guide = compile(&text).guide.expect("still a guide");
    let advice = advise::advise(&guide, &Observations::default());
    let [chain] = advice.chains.as_slice() else {
        panic!("one chain of one step: {:?}", advice.chains)
    };
    assert_eq!(chain.order, ["reset-fixed"]);
    assert!(chain.call_at_once && chain.service_call_after.is_none());
    // Reached by the 80 % the batteries sent on: 0.8 · (120 − 60) = 48.
    assert!(
        close(chain.service_call_saving_per_session, 48.0),
        "{chain:?}"
    );
}

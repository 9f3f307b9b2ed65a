//! The engine on the smart-lock guide: every path, changing answers,
//! cautions, the support summary, the state token, and invalid input.

use crate::support::smart_lock;
use unstuck_core::Guide;
use unstuck_core::engine::{self, Position, Session, SessionError, Summary, WalkReport, token};
use unstuck_core::model::Node;

/// No keypad light, no luck with the battery, the key or the alignment.
const TO_LOCKSMITH: [(&str, &str); 4] = [
    ("keypad-lights", "no"),
    ("battery-fixed", "no"),
    ("key-works", "no"),
    ("alignment-fixed", "no"),
];

fn session(guide: &Guide, answers: &[(&str, &str)]) -> Session {
    Session::from_ids(guide, None, answers.iter().copied(), []).expect("valid answers")
}

fn report(guide: &Guide, answers: &[(&str, &str)]) -> WalkReport {
    WalkReport::new(guide, &session(guide, answers))
}

#[test]
fn every_path_of_the_tree_reaches_its_outcome() {
    let guide = smart_lock();
    let paths: [(&[(&str, &str)], &str); 12] = [
        (
            &[("keypad-lights", "no"), ("battery-fixed", "yes")],
            "unlocked",
        ),
        (
            &[
                ("keypad-lights", "no"),
                ("battery-fixed", "no"),
                ("key-works", "yes"),
                ("repair-worked", "yes"),
            ],
            "unlocked",
        ),
        (
            &[
                ("keypad-lights", "no"),
                ("battery-fixed", "no"),
                ("key-works", "yes"),
                ("repair-worked", "no"),
                ("reset-worked", "yes"),
            ],
            "unlocked",
        ),
        (
            &[
                ("keypad-lights", "no"),
                ("battery-fixed", "no"),
                ("key-works", "yes"),
                ("repair-worked", "no"),
                ("reset-worked", "no"),
            ],
            "locksmith",
        ),
        (
            &[
                ("keypad-lights", "no"),
                ("battery-fixed", "no"),
                ("key-works", "no"),
                ("alignment-fixed", "yes"),
            ],
            "unlocked",
        ),
        (
            &[
                ("keypad-lights", "no"),
                ("battery-fixed", "no"),
                ("key-works", "no"),
                ("alignment-fixed", "no"),
            ],
            "locksmith",
        ),
        (
            &[
                ("keypad-lights", "yes"),
                ("bolt-stuck", "yes"),
                ("alignment-fixed", "yes"),
            ],
            "unlocked",
        ),
        (
            &[
                ("keypad-lights", "yes"),
                ("bolt-stuck", "yes"),
                ("alignment-fixed", "no"),
            ],
            "locksmith",
        ),
        (
            &[
                ("keypad-lights", "yes"),
                ("bolt-stuck", "no"),
                ("repair-worked", "yes"),
            ],
            "unlocked",
        ),
        (
            &[
                ("keypad-lights", "yes"),
                ("bolt-stuck", "no"),
                ("repair-worked", "no"),
                ("reset-worked", "yes"),
            ],
            "unlocked",
        ),
        (
            &[
                ("keypad-lights", "yes"),
                ("bolt-stuck", "no"),
                ("repair-worked", "no"),
                ("reset-worked", "no"),
            ],
            "locksmith",
        ),
        // The same answers in another order walk the same way.
        (
            &[("battery-fixed", "yes"), ("keypad-lights", "no")],
            "unlocked",
        ),
    ];
    for (answers, outcome) in paths {
        let report = report(&guide, answers);
        assert_eq!(report.outcome.as_deref(), Some(outcome), "{answers:?}");
        assert_eq!(report.path.len(), answers.len(), "{answers:?}");
        assert!(report.ignored.is_empty());
        assert_eq!(report.next_question, None);
    }
}

#[test]
fn every_path_from_every_entry_ends_in_an_outcome() {
    let guide = smart_lock();
    let mut entries: Vec<&str> = vec![guide.start.as_str()];
    entries.extend(
        guide
            .triage
            .iter()
            .flat_map(|t| &t.entries)
            .map(|e| e.target.as_str()),
    );
    for entry in entries {
        // Explore every combination of answers from this entry, breadth first.
        let mut pending =
            vec![Session::from_ids(&guide, Some(entry), [], []).expect("a valid entry")];
        let mut ended = 0;
        while let Some(mut session) = pending.pop() {
            match engine::walk(&guide, &session).position {
                Position::Outcome(_) => ended += 1,
                Position::Question { question, .. } => {
                    for answer in 0..guide.questions[question].answers.len() {
                        let mut next = session.clone();
                        next.set_answer(question, answer);
                        pending.push(next);
                    }
                    session.clear_answer(question);
                }
            }
        }
        assert!(ended > 0, "no path from {entry} ends");
    }
}

#[test]
fn a_triage_entry_starts_the_walk_at_its_question() {
    let guide = smart_lock();
    let session = Session::from_ids(
        &guide,
        Some("alignment-fixed"),
        [("alignment-fixed", "no")],
        [],
    )
    .expect("valid");
    let report = WalkReport::new(&guide, &session);
    assert_eq!(report.entry.as_deref(), Some("alignment-fixed"));
    assert_eq!(report.outcome.as_deref(), Some("locksmith"));
    let pro = Session::from_ids(&guide, Some("locksmith"), [], []).expect("valid");
    assert_eq!(
        WalkReport::new(&guide, &pro).outcome.as_deref(),
        Some("locksmith")
    );
}

#[test]
fn changing_an_early_answer_recomputes_the_path_and_changing_back_restores_it() {
    let guide = smart_lock();
    let answers = TO_LOCKSMITH;
    let mut session = session(&guide, &answers);
    let before = engine::walk(&guide, &session);
    assert_eq!(before.position, Position::Outcome(1));

    let q = |id: &str| guide.question_index(id).expect(id);
    let change = engine::answer(&guide, &mut session, q("keypad-lights"), 0);
    assert_eq!(
        change.left,
        [q("battery-fixed"), q("key-works"), q("alignment-fixed")]
    );
    assert_eq!(change.joined, [q("bolt-stuck")]);
    let changed = WalkReport::new(&guide, &session);
    assert_eq!(changed.next_question.as_deref(), Some("bolt-stuck"));
    let ignored: Vec<&str> = changed
        .ignored
        .iter()
        .map(|e| e.question.as_str())
        .collect();
    assert_eq!(ignored, ["battery-fixed", "key-works", "alignment-fixed"]);

    // An answer that lies on the new path again counts again.
    let change = engine::answer(&guide, &mut session, q("bolt-stuck"), 0);
    assert_eq!(change.joined, [q("alignment-fixed")]);
    assert_eq!(
        engine::walk(&guide, &session).position,
        Position::Outcome(1)
    );

    // Back to the first answers: exactly the old walk.
    engine::answer(&guide, &mut session, q("keypad-lights"), 1);
    let restored = engine::walk(&guide, &session);
    assert_eq!(restored.path, before.path);
    assert_eq!(restored.position, before.position);
    let ignored: Vec<usize> = restored.ignored.iter().map(|s| s.question).collect();
    assert_eq!(ignored, [q("bolt-stuck")]);
}

#[test]
fn the_factory_reset_step_asks_for_acknowledgement_first() {
    let guide = smart_lock();
    let answers = [
        ("keypad-lights", "yes"),
        ("bolt-stuck", "no"),
        ("repair-worked", "no"),
    ];
    let report = report(&guide, &answers);
    assert_eq!(report.next_question.as_deref(), Some("reset-worked"));
    assert_eq!(report.caution.as_deref(), Some("factory-reset"));
    let acknowledged = Session::from_ids(&guide, None, answers, ["factory-reset"]).expect("valid");
    let report = WalkReport::new(&guide, &acknowledged);
    assert_eq!(report.next_question.as_deref(), Some("reset-worked"));
    assert_eq!(report.caution, None);
}

#[test]
fn the_support_summary_is_built_from_the_answers() {
    let guide = smart_lock();
    let answers = TO_LOCKSMITH;
    let walk = engine::walk(&guide, &session(&guide, &answers));
    insta::assert_snapshot!(Summary::new(&guide, &walk).to_text());
}

#[test]
fn the_walk_report_has_the_documented_fields() {
    let guide = smart_lock();
    let json = serde_json::to_value(report(
        &guide,
        &[("keypad-lights", "no"), ("battery-fixed", "yes")],
    ))
    .expect("json");
    assert_eq!(json["outcome"], "unlocked");
    assert_eq!(json["next_question"], serde_json::Value::Null);
    assert_eq!(json["path"][0]["question"], "keypad-lights");
    assert_eq!(json["path"][0]["answer"], "no");
    assert!(json["ignored"].as_array().expect("a list").is_empty());
    assert!(json["summary"]["facts"].is_array());
}

#[test]
fn unknown_questions_and_answers_are_refused_with_the_valid_ones() {
    let guide = smart_lock();
    let error =
        Session::from_ids(&guide, None, [("keypad", "no")], []).expect_err("unknown question");
    assert!(
        matches!(&error, SessionError::UnknownQuestion { question, .. } if question == "keypad")
    );
    assert!(
        error
            .to_string()
            .contains("keypad-lights, battery-fixed, key-works"),
        "{error}"
    );
    let error = Session::from_ids(&guide, None, [("keypad-lights", "maybe")], [])
        .expect_err("unknown answer");
    assert_eq!(
        error.to_string(),
        "`maybe` is not an answer to `keypad-lights`; answers: yes, no"
    );
    let error = Session::from_ids(&guide, Some("check-battery"), [], [])
        .expect_err("a section is no entry");
    assert!(matches!(error, SessionError::UnknownEntry { .. }));
    let error = Session::from_ids(&guide, None, [], ["check-batery"]).expect_err("unknown section");
    assert!(error.to_string().contains("factory-reset"), "{error}");
}

#[test]
fn the_state_token_is_compact_and_exact() {
    let guide = smart_lock();
    let mut session = Session::from_ids(
        &guide,
        Some("key-works"),
        [
            ("key-works", "no"),
            ("alignment-fixed", "no"),
            ("keypad-lights", "yes"),
        ],
        ["factory-reset"],
    )
    .expect("valid");
    session.set_entry(Some(Node::Question(
        guide.question_index("key-works").expect("a question"),
    )));
    let token = token::encode(&guide, &session);
    assert!(token.len() <= 24, "{token} is {} characters", token.len());
    assert!(
        token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    assert_eq!(token::decode(&guide, &token), Ok(session));
}

#[test]
fn a_damaged_or_foreign_token_is_refused() {
    let guide = smart_lock();
    assert_eq!(
        token::decode(&guide, "!!!"),
        Err(token::TokenError::Malformed)
    );
    assert_eq!(token::decode(&guide, ""), Err(token::TokenError::Malformed));
    let other = crate::support::guide(
        &crate::support::SMART_LOCK
            .replace("{#bolt-stuck", "{#bolt-jammed")
            .replace("→ bolt-stuck", "→ bolt-jammed"),
    );
    let foreign = token::encode(&other, &Session::new());
    assert_eq!(
        token::decode(&guide, &foreign),
        Err(token::TokenError::OtherVersion)
    );
    let mut forged = token::encode(&guide, &Session::new()).into_bytes();
    forged.truncate(3);
    assert!(token::decode(&guide, std::str::from_utf8(&forged).expect("ascii")).is_err());
}

#[test]
fn the_url_query_round_trips_and_is_canonical() {
    use unstuck_core::engine::query;
    let guide = smart_lock();
    let parsed = query::parse(
        &guide,
        "battery-fixed=no&keypad-lights=no&from=keypad-lights&ack=factory-reset",
    )
    .expect("a valid query");
    let canonical = query::to_query(&guide, &parsed.session);
    assert_eq!(
        canonical,
        "from=keypad-lights&keypad-lights=no&battery-fixed=no&ack=factory-reset"
    );
    assert_eq!(
        query::parse(&guide, &canonical).expect("valid").session,
        parsed.session
    );
    let extras = query::parse(&guide, "keypad-lights=yes&change=keypad-lights&was=keypad-lights.no&sent=1&fact-lock-model=Acme+X%C3%A9")
        .expect("valid");
    assert_eq!(extras.change, guide.question_index("keypad-lights"));
    assert_eq!(extras.was, Some((0, 1)));
    assert!(extras.sent);
    assert_eq!(
        extras.facts,
        [("lock-model".to_owned(), "Acme Xé".to_owned())]
    );
}

#[test]
fn parameters_that_link_tools_add_are_ignored() {
    use unstuck_core::engine::query;
    let guide = smart_lock();
    let plain = query::parse(&guide, "keypad-lights=no").expect("valid");
    for shared in [
        "keypad-lights=no&utm_source=sms&utm_campaign=support",
        "fbclid=IwAR0x&keypad-lights=no",
        "keypad-lights=no&gclid=Cj0K&_ga=2.1",
        "keypad-lights=no&msclkid=abc",
    ] {
        let parsed = query::parse(&guide, shared).expect(shared);
        assert_eq!(parsed, plain, "{shared}");
        assert_eq!(
            query::to_query(&guide, &parsed.session),
            "keypad-lights=no",
            "links from the page drop them: {shared}"
        );
    }
    // Anything else is still a question the guide does not have.
    assert!(query::parse(&guide, "keypad-lights=no&ref=mail").is_err());
}

#[test]
fn a_bad_query_says_what_is_wrong_and_keeps_the_good_part() {
    use unstuck_core::engine::query::{self, QueryError};
    let guide = smart_lock();
    let error = query::parse(
        &guide,
        "keypad-lights=no&battery-fixed=perhaps&key-works=no",
    )
    .expect_err("bad answer");
    assert_eq!(error.good_query(), "keypad-lights=no");
    assert!(error.to_string().contains("answers: yes, no"), "{error}");
    let error = query::parse(&guide, "keypad-lights=no&keypad-lights=yes").expect_err("twice");
    assert!(matches!(error, QueryError::Repeated { .. }));
    let error = query::parse(&guide, "keypad-lights=%FF").expect_err("not UTF-8");
    assert!(matches!(error, QueryError::Malformed { .. }));
    let error = query::parse(&guide, &"a".repeat(5000)).expect_err("too long");
    assert!(matches!(error, QueryError::TooLong { len: 5000, .. }));
}

#[test]
fn every_reachable_state_is_listed_once() {
    let guide = smart_lock();
    let states = engine::reachable(&guide, 10_000);
    let unique: std::collections::HashSet<_> = states.iter().collect();
    assert_eq!(unique.len(), states.len());
    // Both outcomes and the factory-reset caution, acknowledged, are among them.
    let positions: Vec<Position> = states
        .iter()
        .map(|s| engine::walk(&guide, s).position)
        .collect();
    assert!(positions.contains(&Position::Outcome(0)) && positions.contains(&Position::Outcome(1)));
    assert!(
        states
            .iter()
            .any(|s| s.is_acknowledged(guide.sections.len() - 1))
    );
    assert_eq!(engine::reachable(&guide, 5).len(), 5);
}

#[test]
fn a_chosen_model_travels_in_the_address_and_the_token_and_changes_no_path() {
    use unstuck_core::engine::query;
    let guide = crate::support::guide(include_str!("../../../../guides/garage-door.md"));
    let parsed = query::parse(&guide, "door-behaviour=nothing&variant=wall").expect("valid");
    let (wall, _) = guide.variant("wall").expect("a model");
    assert_eq!(parsed.session.variant(), Some(wall));
    assert_eq!(
        query::to_query(&guide, &parsed.session),
        "variant=wall&door-behaviour=nothing"
    );
    let token = token::encode(&guide, &parsed.session);
    assert_eq!(token::decode(&guide, &token), Ok(parsed.session.clone()));
    let mut none = parsed.session.clone();
    none.set_variant(None);
    assert_eq!(
        engine::walk(&guide, &none),
        engine::walk(&guide, &parsed.session)
    );
    // Items marked for the other model do not apply to it.
    let power = guide.section("power").expect("a section");
    let shown: Vec<String> = (power.actions.iter())
        .filter(|a| {
            a.applies_to(Some(
                &guide.variants.as_ref().expect("models").entries[wall].id,
            ))
        })
        .map(|a| a.plain())
        .collect();
    assert_eq!(shown.len(), 3);
    assert!(shown[0].contains("status light"), "{shown:?}");
}

/// Every reachable state of `guide`, and each of them with its first
/// answer changed (so that answers off the path are kept), in each model.
fn states_with_kept_answers_and_models(guide: &Guide) -> Vec<Session> {
    let models = guide.variants.as_ref().map_or(0, |v| v.entries.len());
    let mut states = Vec::new();
    for session in engine::reachable(guide, 10_000) {
        if let Some(first) = engine::walk(guide, &session).path.first() {
            for answer in 0..guide.questions[first.question].answers.len() {
                let mut changed = session.clone();
                changed.set_answer(first.question, answer);
                states.push(changed);
            }
        }
        states.push(session);
    }
    let in_every_model = states.iter().flat_map(|session| {
        (0..models).map(|model| {
            let mut chosen = session.clone();
            chosen.set_variant(Some(model));
            chosen
        })
    });
    let mut all: Vec<Session> = in_every_model.collect();
    all.extend(states);
    all
}

#[test]
fn the_links_of_a_walked_state_lead_where_their_sessions_walk_to() {
    use unstuck_core::engine::query::{self, Walked};
    let garage = crate::support::guide(include_str!("../../../../guides/garage-door.md"));
    for guide in [smart_lock(), garage] {
        let models = guide.variants.as_ref().map_or(0, |v| v.entries.len());
        let states = states_with_kept_answers_and_models(&guide);
        assert!(
            states
                .iter()
                .any(|s| !engine::walk(&guide, s).ignored.is_empty())
        );
        for session in states {
            let walked = Walked::new(&guide, &session);
            assert_eq!(walked.walk, engine::walk(&guide, &session));
            let reparsed = query::parse(&guide, &walked.query).expect("a valid query");
            assert_eq!(reparsed.session, session, "{}", walked.query);
            for model in std::iter::once(None).chain((0..models).map(Some)) {
                let mut other = session.clone();
                other.set_variant(model);
                assert_eq!(
                    walked.query_with_variant(&guide, model),
                    Walked::new(&guide, &other).query,
                    "{} in model {model:?}",
                    walked.query
                );
            }
            let before = walked.walk.path.last().map(|last| {
                let mut before = session.clone();
                before.clear_answer(last.question);
                Walked::new(&guide, &before).query
            });
            assert_eq!(walked.query_before_last_answer(&guide), before);
        }
    }
}

#[test]
fn a_fresh_entry_has_the_query_of_its_session() {
    use unstuck_core::engine::query;
    let guide = smart_lock();
    let entries = (guide.triage.iter().flat_map(|t| &t.entries))
        .map(|entry| guide.node(entry.target.as_str()));
    for entry in std::iter::once(None).chain(entries) {
        let mut session = Session::new();
        session.set_entry(entry);
        assert_eq!(
            query::entry_query(&guide, entry),
            query::to_query(&guide, &session)
        );
    }
}

//! Every language ships complete: the same messages as English, each
//! using the same variables, every file free of syntax errors, and the
//! plural forms the language needs.

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use std::collections::{BTreeMap, BTreeSet};
use unstuck_locale::{Arg, Direction, SOURCES, all, english, locale, negotiate};

/// Each message's id with the variables it uses.
fn messages(lang: &str, source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{lang}.ftl does not parse: {errors:?}"));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    collect(pattern, &mut variables);
                }
                Some((message.id.name.to_owned(), variables))
            }
            Entry::Junk { content } => panic!("{lang}.ftl has junk: {content}"),
            _ => None,
        })
        .collect()
}

fn collect(pattern: &Pattern<&str>, variables: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            match expression {
                Expression::Inline(inline) => inline_variables(inline, variables),
                Expression::Select { selector, variants } => {
                    inline_variables(selector, variables);
                    for variant in variants {
                        collect(&variant.value, variables);
                    }
                }
            }
        }
    }
}

fn inline_variables(expression: &InlineExpression<&str>, variables: &mut BTreeSet<String>) {
    if let InlineExpression::VariableReference { id } = expression {
        variables.insert(id.name.to_owned());
    }
}

#[test]
fn every_language_has_every_english_message_with_the_same_variables() {
    let english = messages("en", SOURCES[0].2);
    assert!(english.len() > 100, "{} messages", english.len());
    for (lang, _, source) in &SOURCES[1..] {
        let translated = messages(lang, source);
        let missing: Vec<&String> = english
            .keys()
            .filter(|id| !translated.contains_key(*id))
            .collect();
        let extra: Vec<&String> = translated
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}: missing {missing:?}, extra {extra:?}"
        );
        for (id, variables) in &english {
            assert_eq!(
                &translated[id], variables,
                "{lang}: the variables of `{id}`"
            );
        }
    }
}

#[test]
fn plurals_follow_each_languages_rules() {
    let matches = |lang: &str, count: u64| {
        locale(lang).format(
            "catalog-matches",
            &[("count", Arg::Number(count)), ("query", Arg::Text("x"))],
        )
    };
    assert_eq!(matches("en", 1), "One guide matches “x”");
    assert_eq!(matches("en", 2), "2 guides match “x”");
    assert_eq!(matches("de", 2), "2 Anleitungen passen zu „x“");
    assert_eq!(matches("ar", 2), "دليلان يطابقان «x»");
    assert_eq!(matches("ar", 3), "3 أدلة تطابق «x»");
    assert_eq!(matches("ar", 11), "11 دليلًا يطابق «x»");
}

#[test]
fn a_tag_finds_its_language_and_anything_else_finds_english() {
    assert_eq!(locale("de-CH").tag(), "de");
    assert_eq!(locale("AR").tag(), "ar");
    assert_eq!(locale("zz").tag(), "en");
    assert_eq!(locale("").tag(), "en");
    assert_eq!(english().text("change"), "Change");
    assert_eq!(locale("ar").direction(), Direction::Rtl);
    assert_eq!(locale("fr").direction(), Direction::Ltr);
    assert_eq!(unstuck_locale::direction_of("he-IL"), Direction::Rtl);
    assert_eq!(unstuck_locale::language_name("de-AT"), "Deutsch");
    assert_eq!(unstuck_locale::language_name("it"), "it");
    assert_eq!(all().len(), SOURCES.len());
}

#[test]
fn accept_language_picks_the_best_available_language() {
    let available = ["en", "de", "ar"];
    assert_eq!(negotiate("de-DE,de;q=0.9,en;q=0.8", &available), Some("de"));
    assert_eq!(negotiate("fr-FR,fr;q=0.9,ar;q=0.5", &available), Some("ar"));
    assert_eq!(negotiate("fr", &available), None);
    assert_eq!(negotiate("", &available), None);
    assert_eq!(negotiate("en-GB;q=0.3,de;q=0.1", &available), Some("en"));
}

#[test]
fn an_unknown_message_is_its_id_never_a_panic() {
    assert_eq!(english().text("no-such-message"), "no-such-message");
}

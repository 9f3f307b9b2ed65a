//! Translations: extraction is stable and names every text, a translated
//! guide has exactly its source's graph (property test over generated
//! guides), fuzzy and missing texts fall back to the source, and every
//! translation fixture produces its diagnostic (snapshot).

use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;
use unstuck_core::translate::{Catalog, Message, Translated, merge, start, templates, translate};
use unstuck_core::{Code, Guide, Source, compile};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/translations");

/// The fixtures' source guide.
fn kettle() -> Guide {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("guide.md")).expect("the guide");
    crate::support::guide(&text)
}

/// A guide's one template, as a POT file's catalog.
fn template(guide: &Guide, text: &str) -> Catalog {
    let [template] = templates(guide, &Source::new("guide.md", text))
        .try_into()
        .expect("one file");
    template.catalog
}

/// Every message translated by `translate` (the template's context and text).
fn filled(catalog: &Catalog, translate: impl Fn(&str) -> String) -> Catalog {
    let mut catalog = start(catalog, "de", "2026-11-30 10:00+0000");
    for message in &mut catalog.messages {
        message.translation = translate(&message.id);
    }
    catalog
}

#[test]
fn each_translation_fixture_reports_its_diagnostic() {
    let guide = kettle();
    insta::glob!(FIXTURES, "*.po", |path| {
        let text = std::fs::read_to_string(path).expect("a fixture");
        let name = path.file_name().expect("a name").to_string_lossy();
        let source = Source::new(&name, &text);
        let (codes, rendered) = match Catalog::parse(&text) {
            Ok(catalog) => {
                let Translated {
                    diagnostics,
                    coverage,
                    ..
                } = translate(&guide, &catalog, "de");
                let rendered: Vec<String> = diagnostics
                    .iter()
                    .map(|d| d.render(&source, false))
                    .collect();
                let codes: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
                (codes, format!("{}\n\n{coverage}", rendered.join("\n\n")))
            }
            Err(diagnostic) => (vec![diagnostic.code], diagnostic.render(&source, false)),
        };
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("a name");
        let expected = stem.split("--").next().unwrap_or(stem);
        assert!(
            codes.iter().any(|c| c.as_str() == expected),
            "{name} should report `{expected}`, got {codes:?}:\n{rendered}"
        );
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn the_complete_fixture_translation_is_clean() {
    let guide = kettle();
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("good/kettle.po"))
        .expect("the complete translation");
    let catalog = Catalog::parse(&text).expect("a valid file");
    let translated = translate(&guide, &catalog, "de");
    assert!(
        translated.diagnostics.is_empty(),
        "{:#?}",
        translated.diagnostics
    );
    assert_eq!(translated.coverage.to_string(), "de: 100 % translated");
    let guide = translated.guide;
    assert_eq!(guide.lang, "de");
    assert_eq!(
        guide.title.markdown(),
        "Einen Wasserkocher reparieren, der nicht kocht"
    );
    // Marks stay the source's; the text loses them.
    let needs = &guide.needs.as_ref().expect("needs").items[0];
    assert_eq!(needs.markdown(), "Den Sockel des Wasserkochers");
    assert_eq!(needs.only()[0].as_str(), "cordless");
}

#[test]
fn extraction_is_stable_and_names_every_text() {
    let text = crate::support::SMART_LOCK;
    let guide = crate::support::smart_lock();
    let source = Source::new("smart-lock.md", text);
    let first = templates(&guide, &source);
    let again = templates(&crate::support::smart_lock(), &source);
    assert_eq!(first, again);
    let [template] = first.as_slice() else {
        panic!("one file: {first:#?}")
    };
    let pot = template.catalog.write();
    assert_eq!(pot, again[0].catalog.write());
    // No context names a target; every text is there.
    for message in &template.catalog.messages {
        assert!(!message.id.is_empty(), "{message:?}");
        let context = message.context.as_deref().expect("a context");
        assert!(!context.contains("→"), "{context}");
    }
    assert!(pot.contains("msgid \"Call a locksmith\""));
    assert!(pot.contains("msgctxt \"#keypad-lights/answers/yes\""));
    insta::assert_snapshot!(pot);
}

#[test]
fn fuzzy_outdated_and_missing_texts_show_the_source() {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("guide.md")).expect("the guide");
    let guide = kettle();
    let mut catalog = filled(&template(&guide, &text), |id| format!("{id} DE"));
    let by_context = |catalog: &mut Catalog, context: &str| {
        (catalog.messages.iter())
            .position(|m| m.context.as_deref() == Some(context))
            .expect("the message")
    };
    let title = by_context(&mut catalog, "kettle/title");
    catalog.messages[title].set_fuzzy(true);
    let summary = by_context(&mut catalog, "kettle/summary");
    catalog.messages[summary].translation.clear();
    let goal = by_context(&mut catalog, "#check-power/goal");
    catalog.messages[goal].id = "An older goal.".to_owned();
    let fixed = by_context(&mut catalog, "#fixed/title");
    catalog.messages.remove(fixed);
    let translated = translate(&guide, &catalog, "de");
    let de = &translated.guide;
    assert_eq!(de.title.markdown(), guide.title.markdown());
    assert_eq!(de.summary.markdown(), guide.summary.markdown());
    let goal = |g: &Guide| {
        g.sections[0]
            .goal
            .as_ref()
            .expect("a goal")
            .markdown()
            .to_owned()
    };
    assert_eq!(goal(de), goal(&guide));
    assert_eq!(de.outcomes[0].title.markdown(), "Kettle boils");
    assert_eq!(de.outcomes[1].title.markdown(), "Call the maker DE");
    let codes: Vec<&str> = translated
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(
        codes,
        // A catalog made in memory has no positions: in the order found,
        // empty translations after the others.
        [
            "fuzzy-translation",
            "outdated-translation",
            "missing-translation",
            "missing-translation"
        ]
    );
    let coverage = &translated.coverage;
    assert_eq!((coverage.fuzzy, coverage.untranslated()), (2, 2));
    assert_eq!(
        coverage.to_string(),
        format!(
            "de: {} % translated, 2 fuzzy, 2 untranslated",
            (coverage.total - 4) * 100 / coverage.total
        )
    );
    // Its version differs from the source's, and from a fuller translation's.
    assert_ne!(de.version, guide.version);
    let full = filled(&template(&guide, &text), |id| format!("{id} DE"));
    assert_ne!(translate(&guide, &full, "de").guide.version, de.version);
}

#[test]
fn an_update_keeps_translations_and_marks_changed_texts_fuzzy() {
    let text = std::fs::read_to_string(Path::new(FIXTURES).join("guide.md")).expect("the guide");
    let guide = kettle();
    let translation = filled(&template(&guide, &text), |id| format!("{id} DE"));
    let changed = text
        .replace(
            "Make sure the kettle gets power.",
            "Make sure the kettle has power.",
        )
        .replace(
            "- The water boils.",
            "- The water boils.\n- The light goes off.",
        );
    let changed_guide = crate::support::guide(&changed);
    let merged = merge(&template(&changed_guide, &changed), &translation);
    let translated = translate(&changed_guide, &merged, "de");
    let codes: Vec<&str> = translated
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["fuzzy-translation", "missing-translation"]);
    let goal = (merged.messages.iter())
        .find(|m| m.context.as_deref() == Some("#check-power/goal"))
        .expect("the goal");
    assert_eq!(
        goal.previous.as_deref(),
        Some("Make sure the kettle gets power.")
    );
    assert_eq!(goal.translation, "Make sure the kettle gets power. DE");
}

/// The strings where two serialised guides differ, as (source, translated).
fn differences(source: &Value, translated: &Value, found: &mut Vec<(String, String)>) {
    match (source, translated) {
        (Value::Object(a), Value::Object(b)) => {
            // A translation says which language it translates; nothing else is added.
            let keys = |o: &serde_json::Map<String, Value>| {
                (o.keys().filter(|k| *k != "translated_from").cloned()).collect::<Vec<_>>()
            };
            assert_eq!(keys(a), keys(b));
            for (key, value) in a {
                if key != "lang" && key != "version" {
                    differences(value, &b[key], found);
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len());
            for (a, b) in a.iter().zip(b) {
                differences(a, b, found);
            }
        }
        (Value::String(a), Value::String(b)) if a != b => found.push((a.clone(), b.clone())),
        (a, b) => assert_eq!(a, b),
    }
}

/// A message as plain data, for comparing catalogs whatever their spans.
fn essence(message: &Message) -> impl PartialEq + std::fmt::Debug + '_ {
    (
        &message.comments,
        &message.flags,
        &message.previous,
        &message.context,
        &message.id,
        &message.translation,
        message.obsolete,
    )
}

/// Messages with any text: quotes, backslashes, line breaks, control
/// characters, any script.
fn messages() -> impl Strategy<Value = Vec<Message>> {
    let text = "(\\PC|[\"\\\n\r\t\u{1}\u{7f} #~|])*";
    let message = (
        prop::collection::vec("[^\n\r]*", 0..2),
        text,
        text,
        any::<bool>(),
        prop::option::of(text),
        any::<bool>(),
    );
    prop::collection::vec(message, 0..6).prop_map(|messages| {
        (messages.into_iter().enumerate())
            .map(
                |(n, (comments, id, translation, fuzzy, previous, obsolete))| {
                    let mut message = Message::new(format!("#part-{n}/title"), id);
                    message.comments = comments;
                    message.translation = translation;
                    message.set_fuzzy(fuzzy);
                    message.previous = previous.filter(|_| fuzzy);
                    message.obsolete = obsolete;
                    message
                },
            )
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64)
    ))]

    #[test]
    fn written_catalogs_read_back_the_same(messages in messages()) {
        let catalog = Catalog { messages, ..start(&Catalog::default(), "ar", "2026-11-30 10:00+0000") };
        let written = catalog.write();
        let read = Catalog::parse(&written).map_err(|d| TestCaseError::fail(format!("{d:?}\n{written}")))?;
        prop_assert_eq!(&read.header, &catalog.header);
        prop_assert_eq!(read.messages.len(), catalog.messages.len());
        for (read, written) in read.messages.iter().zip(&catalog.messages) {
            prop_assert_eq!(essence(read), essence(written));
        }
        prop_assert_eq!(read.write(), written);
    }

    #[test]
    fn the_po_reader_never_panics(text in "(msgctxt |msgid |msgstr |#~ |#\\| |#, |\"|\\\\|\\|\n|[a-z ]|\\PC)*") {
        if let Ok(catalog) = Catalog::parse(&text) {
            let _ = translate(&kettle(), &catalog, "de");
        }
    }

    #[test]
    fn a_translated_guide_has_exactly_the_source_graph(
        shape in crate::properties::shapes().prop_map(crate::properties::reachable),
    ) {
        let text = shape.source();
        let compiled = compile(&text);
        let guide = compiled.guide.expect("a valid guide");
        let catalog = filled(&template(&guide, &text), |id| format!("{id} (de)"));
        let translated = translate(&guide, &catalog, "de");
        prop_assert!(translated.diagnostics.is_empty(), "{:#?}", translated.diagnostics);
        prop_assert!(translated.coverage.is_complete());
        let source = serde_json::to_value(&guide).expect("json");
        let de = serde_json::to_value(&translated.guide).expect("json");
        let mut found = Vec::new();
        differences(&source, &de, &mut found);
        // Only texts differ, each exactly as translated, and every text does.
        prop_assert_eq!(found.len(), translated.coverage.total);
        for (source, translated) in found {
            prop_assert_eq!(translated, format!("{source} (de)"));
        }
        prop_assert_eq!(translated.guide.lang.as_str(), "de");
        prop_assert_eq!(translated.guide.translated_from.as_deref(), Some(guide.lang.as_str()));
        prop_assert_eq!(translated.guide.questions.len(), guide.questions.len());
    }
}

#[test]
fn the_shipped_translations_are_complete_and_clean() {
    let guides = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guides");
    for (id, lang) in [
        ("smart-lock", "de"),
        ("smart-lock", "ar"),
        ("garage-door", "de"),
    ] {
        let text = std::fs::read_to_string(guides.join(format!("{id}.md"))).expect("the guide");
        let guide = crate::support::guide(&text);
        let po = guides.join(format!("po/{lang}/{id}.po"));
        let po = std::fs::read_to_string(&po).expect("the translation");
        let catalog = Catalog::parse(&po).expect("a valid PO file");
        assert_eq!(catalog.header_field("Language"), Some(lang));
        let translated = translate(&guide, &catalog, lang);
        assert!(
            translated.diagnostics.is_empty(),
            "{id} {lang}: {:#?}",
            translated.diagnostics
        );
        assert!(translated.coverage.is_complete(), "{}", translated.coverage);
        assert_ne!(translated.guide.title.markdown(), guide.title.markdown());
    }
}

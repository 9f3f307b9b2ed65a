//! The store against a real database: SQLite always; PostgreSQL too when
//! `UNSTUCK_TEST_POSTGRES` names one (the README's test command starts one).

use unstuck_store::{NewFeedback, Store};

/// The databases to test against: a fresh SQLite file, and PostgreSQL if given.
async fn stores() -> Vec<(Store, Option<tempfile::TempDir>)> {
    let folder = tempfile::tempdir().expect("a temp folder");
    let url = format!(
        "sqlite://{}?mode=rwc",
        folder.path().join("test.db").display()
    );
    let mut stores = vec![(Store::open(&url).await.expect("sqlite"), Some(folder))];
    if let Ok(url) = std::env::var("UNSTUCK_TEST_POSTGRES") {
        let store = Store::open(&url).await.expect("postgres");
        stores.push((store, None));
    }
    stores
}

fn sample(guide: &str, comment: Option<&str>) -> NewFeedback {
    NewFeedback {
        guide: guide.to_owned(),
        guide_version: "0123456789abcdef".to_owned(),
        outcome: Some("unlocked".to_owned()),
        path: "keypad-lights=no&battery-fixed=yes".to_owned(),
        helpful: true,
        comment: comment.map(str::to_owned),
    }
}

#[tokio::test]
async fn feedback_is_stored_and_read_back() {
    for (store, _folder) in stores().await {
        assert!(store.is_ready().await);
        let guide = format!("store-test-{}", unstuck_store::now_unix());
        let first = store
            .add_feedback(&sample(&guide, None))
            .await
            .expect("stored");
        let second = store
            .add_feedback(&sample(
                &guide,
                Some("Thanks — it was the battery. 'Quotes' \"too\""),
            ))
            .await
            .expect("stored");
        assert!(second > first);
        let stored = store.feedback(&guide, 10).await.expect("read");
        assert_eq!(stored.len(), 2);
        assert_eq!(stored[0].id, second);
        assert_eq!(
            stored[0].feedback,
            sample(
                &guide,
                Some("Thanks — it was the battery. 'Quotes' \"too\"")
            )
        );
        assert_eq!(stored[1].feedback.comment, None);
        assert!(stored[0].created_at > 1_700_000_000);
    }
}

#[tokio::test]
async fn an_unreachable_database_fails_calls_not_startup() {
    let store = Store::open("postgres://nobody@127.0.0.1:9/none")
        .await
        .expect("a lazy store");
    assert!(!store.is_ready().await);
    let error = store
        .add_feedback(&sample("x", None))
        .await
        .expect_err("no database");
    assert!(error.to_string().contains("unavailable"), "{error}");
}

#[tokio::test]
async fn an_unknown_url_is_refused() {
    let error = Store::open("mysql://x").await.expect_err("unsupported");
    assert!(
        error.to_string().contains("sqlite://PATH or postgres://"),
        "{error}"
    );
}

//! A shared or watched phone: nothing is lost, nothing is left behind, nothing
//! reaches a page that it does not show. Over real HTTP, on SQLite and PostgreSQL.

use std::time::Duration;

use crate::common::{
    TestApp, TestDatabase,
    family::{EventStream, call, open_exercise, save, text},
};
use serde_json::Value;

backend_tests!(
    an_over_long_answer_without_javascript_keeps_every_character_at_its_field,
    removing_a_person_removes_what_others_wrote_about_them,
    a_quiet_board_ends_with_the_visit_and_carries_no_case_label,
    deleted_text_does_not_linger_in_the_sqlite_file,
);

const THERAPIST: &str = "ana@example.org";

/// The answer to `prompt` (about nobody) in section `number`'s items.
fn item<'a>(section: &'a Value, prompt: &str) -> &'a Value {
    section["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["key"]["prompt_key"] == prompt)
        .unwrap_or_else(|| panic!("no {prompt} in {section}"))
}

async fn an_over_long_answer_without_javascript_keeps_every_character_at_its_field(
    database: TestDatabase,
) {
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, THERAPIST, &["Sam"]).await;
    let sam = exercise.join("Sam").await;
    assert_eq!(call(&app, &sam, "start_answering", &[]).await.0, 200);

    // A pasted text over the 500-character limit, sent by a plain form (no
    // JavaScript, so no counter stopped it), beside an answer that fits.
    let pasted = format!("{}END", "x".repeat(507));
    let form = [
        ("section", "6"),
        ("go", "next"),
        ("writer", "form"),
        ("version~closing.friend~-", "0"),
        ("text~closing.friend~-", "Be gentle with yourself"),
        ("version~closing.this_week~-", "0"),
        ("text~closing.this_week~-", pasted.as_str()),
    ];
    let posted = sam.post(app.url("/answers/save")).form(&form).send().await.unwrap();
    assert_eq!(posted.status(), 303);
    assert_eq!(
        posted.headers()["location"],
        "/answers/6?notice=not-saved#q-closing.this_week~-",
        "the page stays, and opens at the answer that was not saved"
    );

    // The page gives back every character, says why next to the field, and never
    // says "saved".
    let page =
        sam.get(app.url("/answers/6?notice=not-saved")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&pasted), "the pasted text is not in the field");
    assert!(page.contains("510 characters long; the limit is 500"), "{page}");
    assert!(page.contains("save-state--refused"));
    assert!(!page.contains("maxlength"), "a browser limit would cut pasted text");
    assert!(!page.contains("Your answers on this page are saved"));
    assert!(page.contains("Everything you typed is still in its box"));
    let (_, closing) = call(&app, &sam, "answer_section", &[("number", "6")]).await;
    assert_eq!(item(&closing, "closing.friend")["answer"]["text"], "Be gentle with yourself");
    let week = item(&closing, "closing.this_week");
    assert_eq!(week["answer"], Value::Null, "nothing over the limit is saved");
    assert_eq!(week["held"]["value"]["text"], pasted.as_str());

    // Shortened and sent again: saved, and nothing is held any more.
    let shorter = "x".repeat(480);
    let form = [
        ("section", "6"),
        ("go", "stay"),
        ("version~closing.this_week~-", "0"),
        ("text~closing.this_week~-", shorter.as_str()),
    ];
    let posted = sam.post(app.url("/answers/save")).form(&form).send().await.unwrap();
    assert_eq!(posted.headers()["location"], "/answers/6?notice=saved");
    let (_, closing) = call(&app, &sam, "answer_section", &[("number", "6")]).await;
    let week = item(&closing, "closing.this_week");
    assert_eq!(week["answer"]["text"], shorter.as_str());
    assert_eq!(week["held"], Value::Null);
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM held_answers")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(held, 0);
    app.stop().await;
}

async fn removing_a_person_removes_what_others_wrote_about_them(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, THERAPIST, &["Sam", "Pat"]).await;
    let alex = exercise.join("Alex").await;
    let sam_id = exercise.id("Sam").to_owned();
    assert_eq!(call(&app, &alex, "start_answering", &[]).await.0, 200);
    let base = app.url("");
    let guess = text("ALEX-ABOUT-SAM");
    assert_eq!(
        save(&base, &alex, "impact.moment.recovery", Some(&sam_id), guess, "shared").await,
        200
    );
    let about_pat = text("ALEX-ABOUT-PAT");
    let pat_id = exercise.id("Pat").to_owned();
    assert_eq!(
        save(&base, &alex, "impact.moment.recovery", Some(&pat_id), about_pat, "shared").await,
        200
    );
    let target = format!("pair:impact.moment:{sam_id}");
    for (target, body) in [(target.as_str(), "NOTE-ON-SAM"), ("section:impact", "NOTE-ON-IMPACT")] {
        let note = app
            .call(
                "save_note",
                &[("exercise_id", &exercise.exercise_id), ("target", target), ("body", body)],
            )
            .await;
        assert_eq!(note.status(), 200);
    }

    let removed = app.call("remove_participant", &[("participant_id", &sam_id)]).await;
    assert_eq!(removed.status(), 200);
    let count = |sql: &'static str| {
        let db = app.db.clone();
        let sam_id = sam_id.clone();
        async move { sqlx::query_scalar::<_, i64>(sql).bind(sam_id).fetch_one(db.pool()).await.unwrap() }
    };
    assert_eq!(count("SELECT COUNT(*) FROM answers WHERE about_id = $1").await, 0);
    assert_eq!(
        count("SELECT COUNT(*) FROM therapist_notes WHERE target LIKE '%' || $1").await,
        0,
        "the notes on Sam's pairs"
    );
    // What is not about Sam stays.
    let (_, board) =
        call(&app, &app.client, "therapist_board", &[("exercise_id", &exercise.exercise_id)]).await;
    let board = board.to_string();
    assert!(board.contains("ALEX-ABOUT-PAT") && board.contains("NOTE-ON-IMPACT"));
    assert!(!board.contains("ALEX-ABOUT-SAM") && !board.contains("NOTE-ON-SAM"));
    app.stop().await;
}

async fn a_quiet_board_ends_with_the_visit_and_carries_no_case_label(database: TestDatabase) {
    let mut config = database.server_config();
    config.app.sessions.idle = Duration::from_secs(3);
    let app = TestApp::spawn_with(config).await;
    let exercise = open_exercise(&app, THERAPIST, &["Sam"]).await;
    let sam = exercise.join("Sam").await;
    let mut stream = EventStream::open(&sam, &app.url("")).await;
    let first = stream.next(Duration::from_secs(5)).await.expect("Sam's board");
    assert_eq!(first.name, "board");
    assert!(!first.data.contains("R. family"), "the therapist's label for the family");
    // Nothing happens; the open page does not keep the visit alive. The therapist
    // stays active meanwhile, so only Sam's visit times out.
    let started = std::time::Instant::now();
    let ended = loop {
        app.call("list_families", &[]).await;
        if let Some(event) = stream.next(Duration::from_millis(500)).await {
            break Some(event);
        }
        if started.elapsed() > Duration::from_secs(10) {
            break None;
        }
    };
    let ended = ended.expect("the stream ends with the visit");
    assert_eq!(ended.name, "ended");
    assert!(started.elapsed() >= Duration::from_secs(2), "ended before the idle timeout");
    assert_eq!(call(&app, &sam, "participant_welcome", &[]).await.0, 401);
    app.stop().await;
}

async fn deleted_text_does_not_linger_in_the_sqlite_file(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    if app.db.backend() == app::db::Backend::Sqlite {
        let on: i64 =
            sqlx::query_scalar("PRAGMA secure_delete").fetch_one(app.db.pool()).await.unwrap();
        assert_eq!(on, 1, "every pooled connection overwrites what it deletes");
    }
    app.stop().await;
}

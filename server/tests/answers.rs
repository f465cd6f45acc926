//! The participant journey over real HTTP, on both backends: consent, saving with
//! versions, limits, check-in flags, done and reopen, the plain form post, the
//! quick exit, and that nothing of one participant reaches another.

use crate::common::{
    TestApp, TestDatabase,
    family::{self, call, text},
    spawn::new_client,
};
use serde_json::{Value, json};

backend_tests!(
    a_participant_answers_privately_from_consent_to_done,
    saves_from_an_older_version_win_but_keep_the_replaced_text,
    plain_form_posts_save_a_section_and_an_ended_visit_gives_the_text_back,
    the_quick_exit_ends_the_visit_and_leaves,
);

struct Family {
    exercise_id: String,
    alex: reqwest::Client,
    sam: reqwest::Client,
    sam_id: String,
    pat_id: String,
}

/// A therapist (signed in on `app.client`) with Alex (in recovery), Sam and Pat in
/// an exercise that is open for answers; Alex and Sam joined through their links.
async fn open_exercise(app: &TestApp) -> Family {
    let exercise = family::open_exercise(app, "ana@example.org", &["Sam", "Pat"]).await;
    Family {
        alex: exercise.join("Alex").await,
        sam: exercise.join("Sam").await,
        sam_id: exercise.id("Sam").to_owned(),
        pat_id: exercise.id("Pat").to_owned(),
        exercise_id: exercise.exercise_id,
    }
}

async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    prompt: &str,
    about: Option<&str>,
    value: Value,
    base: i64,
    writer: &str,
) -> (u16, Value) {
    let body = json!({ "answer": {
        "key": { "prompt_key": prompt, "about": about },
        "value": value,
        "visibility": "shared",
        "base_version": base,
        "writer": writer,
    }});
    let response = client
        .post(app.url("/api/save_answer"))
        .header("accept", "application/json")
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn a_participant_answers_privately_from_consent_to_done(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let family = open_exercise(&app).await;
    let sam = &family.sam;

    // Nothing is saved before the participant has read who sees what.
    let (_, welcome) = call(&app, sam, "participant_welcome", &[]).await;
    assert_eq!(welcome["access"], "NeedsConsent");
    let (status, refused) = save(&app, sam, "closing.friend", None, text("early"), 0, "w").await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(call(&app, sam, "start_answering", &[]).await.0, 200);

    // The check-in comes first and is for the therapist only.
    let (_, first) = call(&app, sam, "answer_section", &[("number", "1")]).await;
    assert_eq!(first["title"], "Check-in");
    assert!(first["items"].as_array().unwrap().iter().all(|i| i["can_share"] == false));
    let (_, past_the_end) = call(&app, sam, "answer_section", &[("number", "99")]).await;
    assert_eq!(past_the_end, "NotFound");

    // Saving: versions go up; a question Sam is not asked is refused.
    let secret = "Sam's words that only Sam and the therapist may read";
    let (status, saved) = save(&app, sam, "hurt.most.family", None, text(secret), 0, "w").await;
    assert_eq!((status, saved["version"].as_i64()), (200, Some(1)), "{saved}");
    let (status, _) =
        save(&app, sam, "hurt.most.recovery", Some(&family.pat_id), text("x"), 0, "w").await;
    assert_eq!(status, 400, "a family member is not asked the person in recovery's questions");

    // Over the limit: a plain message, and the stored answer is untouched.
    let (status, too_long) =
        save(&app, sam, "hurt.most.family", None, text(&"a".repeat(4001)), 1, "w").await;
    assert_eq!(status, 422);
    assert!(too_long.to_string().contains("4001 characters"), "{too_long}");
    let (_, hurt) = call(&app, sam, "answer_section", &[("number", "4")]).await;
    assert_eq!(hurt["items"][0]["answer"]["text"], secret);

    // Check-in answers raise flags for the therapist, not shown to anyone else.
    let (status, _) =
        save(&app, sam, "checkin.safe", None, json!({"kind": "choice", "choice": "no"}), 0, "w")
            .await;
    assert_eq!(status, 200);
    let (status, _) =
        save(&app, sam, "checkin.settled", None, json!({"kind": "scale", "score": 7}), 0, "w")
            .await;
    assert_eq!(status, 200);
    let flags = app::answer::store::flags_of_exercise(&app.db, &family.exercise_id.as_str().into())
        .await
        .unwrap();
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!((flags[0].rule.as_str(), flags[0].summary.as_str()), ("unless", "No"));
    assert_eq!(flags[0].participant_id, family.sam_id);

    // Alex is asked about Sam and Pat by name, and sees nothing Sam wrote.
    assert_eq!(call(&app, &family.alex, "start_answering", &[]).await.0, 200);
    let (_, impact) = call(&app, &family.alex, "answer_section", &[("number", "3")]).await;
    let texts: Vec<&str> =
        impact["items"].as_array().unwrap().iter().map(|i| i["text"].as_str().unwrap()).collect();
    assert!(
        texts.contains(&"What do you imagine Sam felt?")
            && texts.contains(&"What do you imagine Pat felt?"),
        "{texts:?}"
    );
    let mut everything_alex_can_read = String::new();
    for number in 1..=6 {
        let number = number.to_string();
        everything_alex_can_read +=
            &call(&app, &family.alex, "answer_section", &[("number", &number)]).await.1.to_string();
    }
    everything_alex_can_read +=
        &call(&app, &family.alex, "answers_review", &[]).await.1.to_string();
    everything_alex_can_read +=
        &call(&app, &family.alex, "participant_welcome", &[]).await.1.to_string();
    assert!(!everything_alex_can_read.contains(secret));

    // Done: answers are kept as they are until reopened.
    assert_eq!(call(&app, sam, "set_answers_done", &[("done", "true")]).await.0, 200);
    let (_, review) = call(&app, sam, "answers_review", &[]).await;
    assert_eq!(review["access"], "Done");
    let (status, _) = save(&app, sam, "closing.friend", None, text("later"), 0, "w").await;
    assert_eq!(status, 422);
    assert_eq!(call(&app, sam, "set_answers_done", &[("done", "false")]).await.0, 200);
    let (status, _) = save(&app, sam, "closing.friend", None, text("later"), 0, "w").await;
    assert_eq!(status, 200);

    // Once the session starts, nothing changes and reopening is over.
    let started = app
        .call("advance_exercise", &[("exercise_id", &family.exercise_id), ("to", "in_session")])
        .await;
    assert_eq!(started.status(), 200);
    let (status, _) = save(&app, sam, "closing.friend", None, text("too late"), 1, "w").await;
    assert_eq!(status, 422);
    let (_, review) = call(&app, sam, "answers_review", &[]).await;
    assert_eq!(review["access"], "SessionStarted");

    // Closed: its own plain words, and the way to what was shown.
    let closed = app
        .call("advance_exercise", &[("exercise_id", &family.exercise_id), ("to", "closed")])
        .await;
    assert_eq!(closed.status(), 200);
    let (_, review) = call(&app, sam, "answers_review", &[]).await;
    assert_eq!(review["access"], "Closed");
    let welcome = sam.get(app.url("/welcome")).send().await.unwrap().text().await.unwrap();
    assert!(welcome.contains("This exercise is finished"), "{welcome}");
    assert!(!welcome.contains("Your session has started"));
    app.stop().await;
}

async fn saves_from_an_older_version_win_but_keep_the_replaced_text(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let family = open_exercise(&app).await;
    let sam = &family.sam;
    call(&app, sam, "start_answering", &[]).await;

    // The phone saves twice; its own second save is no conflict.
    let (_, first) =
        save(&app, sam, "closing.friend", None, text("from the phone"), 0, "phone").await;
    assert_eq!(first["replaced"], Value::Null);
    let (_, again) =
        save(&app, sam, "closing.friend", None, text("from the phone, more"), 0, "phone").await;
    assert_eq!((again["version"].as_i64(), &again["replaced"]), (Some(2), &Value::Null));

    // The laptop still had version 0: its save wins, and the phone's text comes back.
    let (status, laptop) =
        save(&app, sam, "closing.friend", None, text("from the laptop"), 0, "laptop").await;
    assert_eq!(status, 200);
    assert_eq!(laptop["version"], 3);
    assert_eq!(laptop["replaced"]["text"], "from the phone, more");

    // The page shows the newer text and the replaced one until dismissed.
    let (_, closing) = call(&app, sam, "answer_section", &[("number", "6")]).await;
    let item = &closing["items"][0];
    assert_eq!(
        (item["answer"]["text"].as_str(), item["replaced"]["text"].as_str()),
        (Some("from the laptop"), Some("from the phone, more"))
    );
    assert_eq!(call(&app, sam, "dismiss_replaced", &[("field", "closing.friend~-")]).await.0, 200);
    let (_, closing) = call(&app, sam, "answer_section", &[("number", "6")]).await;
    assert_eq!(closing["items"][0]["replaced"], Value::Null);
    app.stop().await;
}

async fn plain_form_posts_save_a_section_and_an_ended_visit_gives_the_text_back(
    database: TestDatabase,
) {
    let app = TestApp::spawn(&database).await;
    let family = open_exercise(&app).await;
    let sam = &family.sam;
    call(&app, sam, "start_answering", &[]).await;

    let form = [
        ("section", "6"),
        ("writer", "form-page"),
        ("go", "next"),
        ("version~closing.friend~-", "0"),
        ("text~closing.friend~-", "Line one\r\nline two"),
        ("visibility~closing.friend~-", "therapist_only"),
        ("version~closing.this_week~-", "0"),
        ("text~closing.this_week~-", ""),
    ];
    let posted = sam.post(app.url("/answers/save")).form(&form).send().await.unwrap();
    assert_eq!(posted.status(), 303);
    assert_eq!(posted.headers()["location"], "/answers/review");
    let (_, closing) = call(&app, sam, "answer_section", &[("number", "6")]).await;
    let friend = &closing["items"][0];
    assert_eq!(friend["answer"]["text"], "Line one\nline two");
    assert_eq!(friend["visibility"], "therapist_only");
    assert_eq!(
        closing["items"][1]["answer"],
        Value::Null,
        "an untouched empty answer is not stored"
    );

    // Feelings from checkboxes; a feeling that is not in the list is refused.
    let feelings = [
        ("section", "3"),
        ("go", "stay"),
        ("version~impact.feelings.family~-", "0"),
        ("feeling~impact.feelings.family~-", "hurt"),
        ("feeling~impact.feelings.family~-", "let down"),
        ("words~impact.feelings.family~-", "tired of it"),
    ];
    let posted = sam.post(app.url("/answers/save")).form(&feelings).send().await.unwrap();
    assert_eq!(posted.headers()["location"], "/answers/3?notice=saved");
    let (_, impact) = call(&app, sam, "answer_section", &[("number", "3")]).await;
    let chosen = &impact["items"][1]["answer"];
    assert_eq!(
        chosen,
        &json!({"kind": "feelings", "feelings": ["hurt", "let down"], "words": "tired of it"})
    );
    let unknown = [
        ("section", "3"),
        ("version~impact.feelings.family~-", "1"),
        ("feeling~impact.feelings.family~-", "fine"),
    ];
    let posted = sam.post(app.url("/answers/save")).form(&unknown).send().await.unwrap();
    // The page opens at the refused answer, which is held (with what was sent) for Sam.
    assert_eq!(
        posted.headers()["location"],
        "/answers/3?notice=not-saved#q-impact.feelings.family~-"
    );
    let (_, impact) = call(&app, sam, "answer_section", &[("number", "3")]).await;
    assert_eq!(impact["items"][1]["held"]["value"]["feelings"], json!(["fine"]));
    assert!(impact["items"][1]["held"]["message"].as_str().unwrap().contains("\"fine\""));
    assert_eq!(impact["items"][1]["answer"]["words"], "tired of it", "the saved answer stays");

    // A visit that has ended: the page gives the person their own text back.
    let stranger = new_client();
    let lost = [
        ("section", "6"),
        ("version~closing.friend~-", "1"),
        ("text~closing.friend~-", "keep <this> safe"),
    ];
    let ended = stranger.post(app.url("/answers/save")).form(&lost).send().await.unwrap();
    assert_eq!(ended.status(), 401);
    let page = ended.text().await.unwrap();
    assert!(page.contains("keep &lt;this&gt; safe") && page.contains("open the link"), "{page}");
    app.stop().await;
}

async fn the_quick_exit_ends_the_visit_and_leaves(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let family = open_exercise(&app).await;
    let left = family.sam.get(app.url("/exit")).send().await.unwrap();
    assert_eq!(left.status(), 303);
    // Whatever the page kept in the browser goes too.
    assert_eq!(left.headers()["clear-site-data"], "\"storage\"");
    assert_eq!(left.headers()["location"], server::config::DEFAULT_QUICK_EXIT_URL);
    let (status, _) = call(&app, &family.sam, "participant_welcome", &[]).await;
    assert_eq!(status, 401, "after a quick exit the back button shows nothing");
    // Anyone can use it, signed in or not.
    assert_eq!(new_client().get(app.url("/exit")).send().await.unwrap().status(), 303);
    app.stop().await;
}

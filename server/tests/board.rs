//! The session over real HTTP, on both backends: what each kind of viewer gets
//! from the boards and the live stream, reveals (and the safety flag that blocks
//! them), ratings, marks, next steps, the summary, the JSON export and the
//! dashboard. The privacy rule is checked on every path: a participant's stream
//! and board carry exactly the revealed, shared text, nothing else.

use crate::common;
use std::time::{Duration, Instant};

use crate::common::{
    TestApp, TestDatabase,
    family::{EventStream, OpenExercise, call, open_exercise, save, text},
    spawn::new_client,
};
use serde_json::{Value, json};

backend_tests!(
    a_participants_live_stream_carries_exactly_the_revealed_shared_text,
    boards_ratings_next_steps_and_exports_follow_the_privacy_rule,
);

/// Text that may reach the family once Impact is revealed.
const SHARED_IMPACT: &[&str] =
    &["SAM-IMPACT-SHARED", "SAM-FEELING-WORDS", "ALEX-GUESS-SAM", "PAT-IMPACT-SHARED"];
/// Text that must never reach a participant from the board: therapist-only
/// answers, a hidden section, the check-in, the therapist's note.
const NEVER_WHILE_HURT_HIDDEN: &[&str] = &[
    "SAM-IMPACT-PRIVATE",
    "SAM-HURT-SHARED",
    "ALEX-HURT-GUESS",
    "SAM-CHECKIN-NOTE",
    "NOTE-ON-IMPACT",
];

struct Answered {
    exercise: OpenExercise,
    alex: reqwest::Client,
    sam: reqwest::Client,
    pat: reqwest::Client,
}

/// Alex (in recovery), Sam and Pat have answered; Sam said they do not feel safe at
/// home; the therapist wrote a note on Impact. The exercise is still open.
async fn answered(app: &TestApp) -> Answered {
    let exercise = open_exercise(app, "ana@example.org", &["Sam", "Pat"]).await;
    let (alex, sam, pat) =
        (exercise.join("Alex").await, exercise.join("Sam").await, exercise.join("Pat").await);
    for client in [&alex, &sam, &pat] {
        assert_eq!(app.call_as(client, "start_answering", &[]).await.status(), 200);
    }
    let sam_id = exercise.id("Sam").to_owned();
    let feelings =
        json!({"kind": "feelings", "feelings": ["hurt", "afraid"], "words": "SAM-FEELING-WORDS"});
    let guessed = json!({"kind": "feelings", "feelings": ["hurt", "angry"], "words": ""});
    let saves = [
        (&sam, "impact.moment.family", None, text("SAM-IMPACT-SHARED"), "shared"),
        (&sam, "impact.feelings.family", None, feelings, "shared"),
        (&sam, "impact.effects.family", None, text("SAM-IMPACT-PRIVATE"), "therapist_only"),
        (&sam, "hurt.most.family", None, text("SAM-HURT-SHARED"), "shared"),
        (&sam, "checkin.note", None, text("SAM-CHECKIN-NOTE"), "shared"),
        (&sam, "checkin.safe", None, json!({"kind": "choice", "choice": "no"}), "shared"),
        (&alex, "impact.moment.recovery", Some(sam_id.as_str()), text("ALEX-GUESS-SAM"), "shared"),
        (&alex, "impact.feelings.recovery", Some(sam_id.as_str()), guessed, "shared"),
        (
            &alex,
            "impact.sure.recovery",
            Some(sam_id.as_str()),
            json!({"kind": "scale", "score": 6}),
            "shared",
        ),
        (&alex, "hurt.most.recovery", Some(sam_id.as_str()), text("ALEX-HURT-GUESS"), "shared"),
        (&pat, "impact.moment.family", None, text("PAT-IMPACT-SHARED"), "shared"),
    ];
    for (client, prompt, about, value, visibility) in saves {
        assert_eq!(
            save(&app.url(""), client, prompt, about, value, visibility).await,
            200,
            "{prompt}"
        );
    }
    let note = app
        .call(
            "save_note",
            &[
                ("exercise_id", &exercise.exercise_id),
                ("target", "section:impact"),
                ("body", "NOTE-ON-IMPACT"),
            ],
        )
        .await;
    assert_eq!(note.status(), 200);
    Answered { exercise, alex, sam, pat }
}

async fn reveal(app: &TestApp, exercise_id: &str, section: &str, revealed: bool) -> (u16, Value) {
    let revealed = revealed.to_string();
    call(
        app,
        &app.client,
        "set_section_revealed",
        &[("exercise_id", exercise_id), ("section_key", section), ("revealed", &revealed)],
    )
    .await
}

async fn start_session(app: &TestApp, exercise_id: &str) {
    let (status, body) = call(
        app,
        &app.client,
        "advance_exercise",
        &[("exercise_id", exercise_id), ("to", "in_session")],
    )
    .await;
    assert_eq!(status, 200, "{body}");
}

/// Acknowledges every open flag of the exercise (from the therapist's board).
async fn acknowledge_flags(app: &TestApp, exercise_id: &str) {
    let (_, board) =
        call(app, &app.client, "therapist_board", &[("exercise_id", exercise_id)]).await;
    for flag in board["flags"].as_array().unwrap() {
        let (status, _) = call(
            app,
            &app.client,
            "acknowledge_flag",
            &[("flag_id", flag["id"].as_str().unwrap())],
        )
        .await;
        assert_eq!(status, 200);
    }
}

fn assert_has(haystack: &str, needles: &[&str], what: &str) {
    for needle in needles {
        assert!(haystack.contains(needle), "{what} should contain {needle}: {haystack}");
    }
}

fn assert_lacks(haystack: &str, needles: &[&str], what: &str) {
    for needle in needles {
        assert!(!haystack.contains(needle), "{what} must not contain {needle}");
    }
}

async fn a_participants_live_stream_carries_exactly_the_revealed_shared_text(
    database: TestDatabase,
) {
    let app = TestApp::spawn(&database).await;
    let Answered { exercise, sam, pat, .. } = answered(&app).await;
    let id = exercise.exercise_id.clone();
    let base = app.url("");
    let all_markers: Vec<&str> =
        SHARED_IMPACT.iter().chain(NEVER_WHILE_HURT_HIDDEN).copied().collect();

    // Pat's stream opens with Pat's board: nothing revealed, nobody's words.
    let mut pat_stream = EventStream::open(&pat, &base).await;
    let first = pat_stream.next(Duration::from_secs(5)).await.expect("a first event");
    assert_eq!(first.name, "board");
    assert_lacks(&first.data, &all_markers, "Pat's first board");
    let mut therapist_stream = EventStream::open(&app.client, &base).await;
    assert_eq!(therapist_stream.next(Duration::from_secs(5)).await.unwrap().name, "change");
    // Another therapist on the same server hears nothing of this family.
    let other = new_client();
    app.therapist("other@example.org", common::family::PASSWORD).await;
    assert_eq!(app.sign_in_as(&other, "other@example.org", common::family::PASSWORD).await, 200);
    let mut other_stream = EventStream::open(&other, &base).await;
    assert_eq!(other_stream.next(Duration::from_secs(5)).await.unwrap().name, "change");

    // Before the session: no reveal. Sam finishing reaches the therapist only.
    let (status, body) = reveal(&app, &id, "impact", true).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.to_string().contains("Start the session first"), "{body}");
    assert_eq!(app.call_as(&sam, "set_answers_done", &[("done", "true")]).await.status(), 200);
    let progress = therapist_stream
        .next(Duration::from_secs(5))
        .await
        .expect("the therapist hears of progress");
    assert_eq!(
        serde_json::from_str::<Value>(&progress.data).unwrap(),
        json!({"exercise_id": id, "kind": "progress"})
    );
    // Saying "done" or "Start" again changes nothing, and nothing is published.
    assert_eq!(app.call_as(&sam, "set_answers_done", &[("done", "true")]).await.status(), 200);
    assert_eq!(app.call_as(&sam, "start_answering", &[]).await.status(), 200);
    let needless = therapist_stream.next(Duration::from_millis(800)).await;
    assert!(needless.is_none(), "a change that changed nothing was published: {needless:?}");

    // The session starts: Pat's board says so (still nothing revealed).
    start_session(&app, &id).await;
    let started =
        pat_stream.next(Duration::from_secs(5)).await.expect("the session start reaches Pat");
    assert!(started.data.contains("\"in_session\""), "{}", started.data);
    assert_lacks(&started.data, &all_markers, "Pat's board at the start");

    // Sam's "not safe at home" blocks every reveal until acknowledged.
    let (status, body) = reveal(&app, &id, "impact", true).await;
    assert_eq!(status, 422);
    assert!(body.to_string().contains("may not feel safe at home"), "{body}");
    acknowledge_flags(&app, &id).await;

    // Impact is revealed: within 2 s Pat's stream carries exactly its shared text.
    let revealed_at = Instant::now();
    assert_eq!(reveal(&app, &id, "impact", true).await.0, 200);
    let board = pat_stream.next(Duration::from_secs(5)).await.expect("the reveal reaches Pat");
    let took = revealed_at.elapsed();
    assert!(took < Duration::from_secs(2), "the reveal took {took:?} to arrive");
    assert_eq!(board.name, "board");
    assert_has(&board.data, SHARED_IMPACT, "Pat's board after revealing Impact");
    assert_lacks(&board.data, NEVER_WHILE_HURT_HIDDEN, "Pat's board after revealing Impact");

    // Hiding it takes it away again.
    assert_eq!(reveal(&app, &id, "impact", false).await.0, 200);
    let hidden = pat_stream.next(Duration::from_secs(5)).await.expect("the hide reaches Pat");
    assert_lacks(&hidden.data, &all_markers, "Pat's board after hiding Impact");

    // Nothing else ever came: Sam finishing and the flag produced no event for Pat.
    assert!(
        pat_stream.next(Duration::from_millis(800)).await.is_none(),
        "Pat got an event nobody sent Pat"
    );

    // The therapist's stream says what changed, never anyone's words.
    let mut kinds = vec!["progress".to_owned()];
    while let Some(event) = therapist_stream.next(Duration::from_millis(800)).await {
        assert_eq!(event.name, "change");
        assert_lacks(&event.data, &all_markers, "the therapist's stream");
        kinds.push(
            serde_json::from_str::<Value>(&event.data).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    for kind in ["progress", "board", "flags"] {
        assert!(kinds.iter().any(|k| k == kind), "the therapist should hear of {kind}: {kinds:?}");
    }
    assert!(
        other_stream.next(Duration::from_millis(300)).await.is_none(),
        "another therapist heard of this family"
    );

    // A revoked invitation ends the participant's stream at the next change.
    let (_, detail) = call(&app, &app.client, "get_exercise", &[("exercise_id", &id)]).await;
    let pat_invitation = detail["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["participant_name"] == "Pat")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        call(&app, &app.client, "revoke_invitation", &[("invitation_id", &pat_invitation)]).await.0,
        200
    );
    assert_eq!(reveal(&app, &id, "impact", true).await.0, 200);
    let last = pat_stream.next(Duration::from_secs(5)).await.expect("the stream says it ended");
    assert_eq!(last.name, "ended");
    assert!(pat_stream.next(Duration::from_secs(2)).await.is_none());
    app.stop().await;
}

async fn boards_ratings_next_steps_and_exports_follow_the_privacy_rule(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let Answered { exercise, sam, pat, alex } = answered(&app).await;
    let id = exercise.exercise_id.clone();
    let sam_id = exercise.id("Sam").to_owned();
    let pat_id = exercise.id("Pat").to_owned();

    // The dashboard: everyone has started, nobody is done, one safety flag.
    assert_eq!(app.call_as(&pat, "set_answers_done", &[("done", "true")]).await.status(), 200);
    let (_, dashboard) = call(&app, &app.client, "dashboard", &[]).await;
    let shown = &dashboard[0]["exercises"][0];
    let progress: Vec<(String, String)> = shown["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (p["name"].as_str().unwrap().to_owned(), p["progress"].as_str().unwrap().to_owned())
        })
        .collect();
    assert_eq!(
        progress,
        [
            ("Alex".into(), "in_progress".into()),
            ("Sam".into(), "in_progress".into()),
            ("Pat".into(), "done".into())
        ]
    );
    assert_eq!(
        shown["flags"].as_array().unwrap().len(),
        2,
        "Sam's note and Sam's safety answer: {shown}"
    );
    assert!(
        shown["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["safety"] == true && f["summary"] == "No")
    );

    // The therapist reads everything; each read is audited.
    let (status, full) = call(&app, &app.client, "therapist_board", &[("exercise_id", &id)]).await;
    assert_eq!(status, 200);
    assert_has(&full.to_string(), SHARED_IMPACT, "the therapist's board");
    assert_has(&full.to_string(), NEVER_WHILE_HURT_HIDDEN, "the therapist's board");
    assert_eq!(audit_count(&app, "answers_read").await, 1);

    // Before anything is revealed, participants' boards and the presenter carry no words.
    start_session(&app, &id).await;
    let all_markers: Vec<&str> =
        SHARED_IMPACT.iter().chain(NEVER_WHILE_HURT_HIDDEN).copied().collect();
    for client in [&sam, &pat, &alex] {
        let (status, board) = call(&app, client, "participant_board", &[]).await;
        assert_eq!(status, 200);
        assert_lacks(&board.to_string(), &all_markers, "a participant's board before any reveal");
    }
    acknowledge_flags(&app, &id).await;
    assert_eq!(reveal(&app, &id, "impact", true).await.0, 200);

    // Presenter mode: revealed and shared only; no notes, no flags.
    let (_, presenter) = call(&app, &app.client, "presenter_board", &[("exercise_id", &id)]).await;
    assert_has(&presenter.to_string(), SHARED_IMPACT, "presenter mode");
    assert_lacks(&presenter.to_string(), NEVER_WHILE_HURT_HIDDEN, "presenter mode");
    assert_eq!(presenter["flags"], json!([]));

    // Side by side: Sam's own words next to Alex's guess about Sam, with the feelings
    // both named and how sure Alex was.
    let (_, sams_board) = call(&app, &sam, "participant_board", &[]).await;
    let impact =
        sams_board["sections"].as_array().unwrap().iter().find(|s| s["key"] == "impact").unwrap();
    let sams_view = impact["perspectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["subject"]["name"] == "Sam")
        .unwrap();
    let feelings_row = sams_view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["pair_key"] == "impact.feelings")
        .unwrap();
    assert_eq!(feelings_row["own"][0]["author_name"], "Sam");
    assert_eq!(feelings_row["imagined"][0]["author_name"], "Alex");
    assert_eq!(feelings_row["may_rate"], true, "Sam rates the guesses about Sam");
    assert_eq!(sams_view["also"][0]["value"]["score"], 6);
    let pats_view = impact["perspectives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["subject"]["name"] == "Pat")
        .unwrap();
    assert!(pats_view["rows"].as_array().unwrap().iter().all(|r| r["may_rate"] == false));

    // Ratings: Sam rates guesses about Sam, not about Pat, and only 0–4, and only
    // in a revealed section; Pat never sees Sam's rating.
    let rate = |client: &reqwest::Client, pair: &str, subject: &str, rating: &str| {
        let form = [
            ("exercise_id", id.clone()),
            ("pair_key", pair.to_owned()),
            ("subject_id", subject.to_owned()),
            ("rating", rating.to_owned()),
        ];
        let client = client.clone();
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(app, &client, "rate_guess", &form).await.0
        }
    };
    assert_eq!(rate(&sam, "impact.feelings", &sam_id, "3").await, 200);
    assert_eq!(rate(&sam, "impact.feelings", &pat_id, "3").await, 422);
    assert_eq!(rate(&sam, "impact.feelings", &sam_id, "7").await, 400);
    assert_eq!(rate(&sam, "hurt.most", &sam_id, "2").await, 422, "Hurt is not revealed");
    assert_eq!(rate(&pat, "impact.feelings", &sam_id, "0").await, 422);
    let (_, pats_board) = call(&app, &pat, "participant_board", &[]).await;
    assert!(
        !pats_board.to_string().contains("\"rating\":3"),
        "Pat sees Sam's rating: {pats_board}"
    );
    let (_, sams_board) = call(&app, &sam, "participant_board", &[]).await;
    assert!(sams_board.to_string().contains("\"rating\":3"), "Sam sees Sam's own rating");

    // Discussed marks and next steps (next steps reach the family's boards).
    let (status, _) = call(
        &app,
        &app.client,
        "set_pair_discussed",
        &[
            ("exercise_id", &id),
            ("pair_key", "impact.feelings"),
            ("subject_id", &sam_id),
            ("discussed", "true"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = call(
        &app,
        &app.client,
        "set_pair_discussed",
        &[
            ("exercise_id", &id),
            ("pair_key", "no.such.pair"),
            ("subject_id", &sam_id),
            ("discussed", "true"),
        ],
    )
    .await;
    assert_eq!(status, 400);
    let step = |who: &str, what: &str, by: &str| {
        let form = [
            ("exercise_id", id.clone()),
            ("who_id", who.to_owned()),
            ("what", what.to_owned()),
            ("by_when", by.to_owned()),
        ];
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            call(app, &app.client, "add_next_step", &form).await
        }
    };
    assert_eq!(step(&exercise.ids["Alex"], "Call Sam every Sunday", "2027-01-10").await.0, 200);
    let (status, body) = step("someone-else", "x", "").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(step(&sam_id, "   ", "").await.0, 422);
    assert_eq!(step(&sam_id, "ok", "2027-02-30").await.0, 422);
    let (_, pats_board) = call(&app, &pat, "participant_board", &[]).await;
    assert_eq!(pats_board["next_steps"][0]["what"], "Call Sam every Sunday");
    assert_eq!(pats_board["next_steps"][0]["by_when"], "2027-01-10");

    // The summary and the export are the therapist's, audited; nobody else's.
    let (status, summary) =
        call(&app, &app.client, "exercise_summary", &[("exercise_id", &id)]).await;
    assert_eq!(status, 200);
    assert_has(&summary.to_string(), NEVER_WHILE_HURT_HIDDEN, "the summary");
    assert_eq!(audit_count(&app, "summary_viewed").await, 1);

    // Opening a page reads its data once, and the audit trail says so once. (The
    // server rebuilds a signed-in page's content while it waits for data; data
    // fetched inside that content was read, and audited, three times per view.)
    let answers_read = audit_count(&app, "answers_read").await;
    for (page, event, before) in
        [("board", "answers_read", answers_read), ("summary", "summary_viewed", 1)]
    {
        let response =
            app.client.get(app.url(&format!("/exercises/{id}/{page}"))).send().await.unwrap();
        assert_eq!(response.status(), 200, "{page}");
        let html = response.text().await.unwrap();
        assert!(html.contains("SAM-IMPACT-SHARED"), "the {page} page shows the answers");
        assert_eq!(audit_count(&app, event).await, before + 1, "{page}: one read per page view");
    }
    let export_url = app.url(&format!("/exercises/{id}/export.json"));
    let export = app.client.get(&export_url).send().await.unwrap();
    assert_eq!(export.status(), 200);
    assert!(export.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    let export: Value = export.json().await.unwrap();
    assert_eq!(export["format"], "parallel-exercise-export");
    assert_has(&export.to_string(), SHARED_IMPACT, "the export");
    assert_has(&export.to_string(), NEVER_WHILE_HURT_HIDDEN, "the export");
    assert_eq!(audit_count(&app, "exercise_exported").await, 1);
    assert_eq!(sam.get(&export_url).send().await.unwrap().status(), 403);
    assert_eq!(new_client().get(&export_url).send().await.unwrap().status(), 401);
    let other = new_client();
    app.therapist("other@example.org", common::family::PASSWORD).await;
    assert_eq!(app.sign_in_as(&other, "other@example.org", common::family::PASSWORD).await, 200);
    assert_eq!(other.get(&export_url).send().await.unwrap().status(), 403);
    let (status, _) = call(&app, &other, "therapist_board", &[("exercise_id", &id)]).await;
    assert_eq!(status, 403);
    assert_eq!(audit_count(&app, "exercise_exported").await, 1, "refused exports are not exports");
    app.stop().await;
}

async fn audit_count(app: &TestApp, event: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE event = $1")
        .bind(event)
        .fetch_one(app.db.pool())
        .await
        .unwrap()
}

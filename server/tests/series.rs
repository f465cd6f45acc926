//! A family's exercises as a series: *Start the next exercise* with the same
//! people, everyone's way in carried on (or new links that stop the old ones), and
//! the template's same or newest version. Over real HTTP, on SQLite and PostgreSQL.

use crate::common::{
    TestApp, TestDatabase,
    family::{OpenExercise, call, open_exercise, open_link, save, text},
    spawn::new_client,
};
use app::{
    exercise::api::GetExercise,
    family::api::GetFamily,
    invitation::link_api::InvitationLink,
    series::{
        OverTime, PairPoint,
        api::{ExerciseOverTime, FamilyOverTime, StartNextExercise},
    },
};
use serde_json::{Value, json};

backend_tests!(
    the_next_exercise_keeps_everyones_link_passcode_and_phone,
    new_links_for_the_next_exercise_stop_the_old_ones,
    the_next_exercise_uses_the_same_version_or_the_newest,
    over_time_numbers_are_the_hand_computed_ones,
    next_steps_come_back_as_paired_follow_ups_for_exactly_the_people_named,
    an_exercise_deleted_from_the_series_leaves_the_rest_standing,
);

const THERAPIST: &str = "ana@example.org";

/// Moves an exercise on, a step at a time, until it is closed.
async fn close(app: &TestApp, exercise_id: &str) {
    let detail = app.run(GetExercise { exercise_id: exercise_id.to_owned() }).await.unwrap();
    let mut status = detail.exercise.status;
    while let Some(next) = status.next() {
        let to = next.as_str();
        let moved = app.call("advance_exercise", &[("exercise_id", exercise_id), ("to", to)]).await;
        assert_eq!(moved.status(), 200, "to {to}");
        status = next;
    }
}

fn next(family_id: &str, template: &str, links: &str) -> StartNextExercise {
    StartNextExercise {
        family_id: family_id.to_owned(),
        template: template.to_owned(),
        links: links.to_owned(),
        focus: "after the holidays".to_owned(),
        due_date: String::new(),
    }
}

/// Starts the next exercise over HTTP; its id (from the redirect).
async fn start_next(app: &TestApp, family_id: &str, template: &str, links: &str) -> String {
    let response = app
        .call(
            "start_next_exercise",
            &[
                ("family_id", family_id),
                ("template", template),
                ("links", links),
                ("focus", ""),
                ("due_date", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    response.headers()["location"].to_str().unwrap().trim_start_matches("/exercises/").to_owned()
}

async fn opens(client: &reqwest::Client, link: &str) -> String {
    let response = client.get(link).send().await.unwrap();
    assert_eq!(response.status(), 303);
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn the_next_exercise_keeps_everyones_link_passcode_and_phone(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let first: OpenExercise = open_exercise(&app, THERAPIST, &["Sam", "Pat"]).await;
    let base = app.url("");
    // Sam answers the first exercise on their phone; Pat never opens the link.
    let sam_phone = first.join("Sam").await;
    assert_eq!(app.call_as(&sam_phone, "start_answering", &[]).await.status(), 200);
    let said = text("The night of the party.");
    assert_eq!(save(&base, &sam_phone, "impact.moment.family", None, said, "shared").await, 200);

    // Not while the first one is still going: its links would move from under it.
    let refused = app.run(next(&first.family_id, "same", "keep")).await.unwrap_err();
    assert!(refused.to_string().contains("close the last exercise first"), "{refused}");
    close(&app, &first.exercise_id).await;
    // Two tabs at once: one starts it, the other is told so; nothing is made twice.
    let (one, two) = tokio::join!(
        app.run(next(&first.family_id, "same", "keep")),
        app.run(next(&first.family_id, "same", "keep")),
    );
    let refused = [&one, &two].into_iter().filter_map(|r| r.as_ref().err()).collect::<Vec<_>>();
    assert_eq!(refused.len(), 1, "{one:?} {two:?}");
    assert!(refused[0].to_string().contains("already been started"), "{}", refused[0]);
    // And a second click afterwards.
    let again = app.run(next(&first.family_id, "same", "keep")).await.unwrap_err();
    assert!(again.to_string().contains("already been started"), "{again}");
    let family = app.run(GetFamily { family_id: first.family_id.clone() }).await.unwrap();
    let second = family.exercises[1].id.clone();
    assert_eq!(family.exercises.len(), 2);
    let order: Vec<&str> = family.exercises.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(order, [first.exercise_id.as_str(), second.as_str()]);
    let opened = app.call("advance_exercise", &[("exercise_id", &second), ("to", "open")]).await;
    assert_eq!(opened.status(), 200);

    // Sam's old link, on the phone that holds it (its device cookie), goes straight into the new exercise,
    // with nothing of the first exercise's answers in it.
    assert_eq!(opens(&sam_phone, &first.links["Sam"]).await, "/welcome");
    let (status, review) = call(&app, &sam_phone, "answers_review", &[]).await;
    assert_eq!(status, 200);
    assert_eq!(review["answered"], json!(0), "{review}");
    // Another device needs Sam's passcode, the one chosen in the first exercise.
    let laptop = new_client();
    assert_eq!(opens(&laptop, &first.links["Sam"]).await, "/passcode");
    assert_eq!(
        call(&app, &laptop, "passcode_step", &[]).await.1,
        json!({ "Enter": { "tries_left": 5 } })
    );
    open_link(&laptop, &first.links["Sam"]).await;
    // Pat, who never chose one, still chooses it on their first device.
    let pat_phone = new_client();
    assert_eq!(opens(&pat_phone, &first.links["Pat"]).await, "/passcode");
    assert_eq!(call(&app, &pat_phone, "passcode_step", &[]).await.1, json!("Choose"));

    // The therapist sees where each link is: moved on from the first exercise, the
    // same link in the second, where it is shown again.
    let old = app.run(GetExercise { exercise_id: first.exercise_id.clone() }).await.unwrap();
    let new = app.run(GetExercise { exercise_id: second.clone() }).await.unwrap();
    let sam_old = old.invitations.iter().find(|i| i.participant_name == "Sam").unwrap();
    let sam_new = new.invitations.iter().find(|i| i.participant_name == "Sam").unwrap();
    assert!(sam_old.moved_on && !sam_old.carried_on);
    assert!(sam_new.carried_on && sam_new.passcode_chosen && sam_new.devices == 2, "{sam_new:?}");
    let moved = app.run(InvitationLink { invitation_id: sam_old.id.clone() }).await.unwrap_err();
    assert!(moved.to_string().contains("moved on"), "{moved}");
    let shown = app.run(InvitationLink { invitation_id: sam_new.id.clone() }).await.unwrap();
    assert_eq!(shown.link, first.links["Sam"]);
    app.stop().await;
}

async fn new_links_for_the_next_exercise_stop_the_old_ones(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let first = open_exercise(&app, THERAPIST, &["Sam"]).await;
    let sam_phone = first.join("Sam").await;
    close(&app, &first.exercise_id).await;
    let second = start_next(&app, &first.family_id, "same", "new").await;

    // The old link opens nothing, and the visit it started has ended.
    assert_eq!(opens(&new_client(), &first.links["Sam"]).await, "/link-not-valid");
    assert_eq!(call(&app, &sam_phone, "participant_welcome", &[]).await.0, 401);
    let new = app.run(GetExercise { exercise_id: second }).await.unwrap();
    let sam = new.invitations.iter().find(|i| i.participant_name == "Sam").unwrap();
    assert!(!sam.carried_on && !sam.passcode_chosen && sam.devices == 0, "{sam:?}");
    let link = app.run(InvitationLink { invitation_id: sam.id.clone() }).await.unwrap().link;
    assert_ne!(link, first.links["Sam"]);
    // The new link starts afresh, even on the phone that had the old one.
    assert_eq!(opens(&sam_phone, &link).await, "/passcode");
    assert_eq!(call(&app, &sam_phone, "passcode_step", &[]).await.1, json!("Choose"));
    app.stop().await;
}

async fn the_next_exercise_uses_the_same_version_or_the_newest(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let first = open_exercise(&app, THERAPIST, &["Sam"]).await;
    close(&app, &first.exercise_id).await;
    let offer = app.run(GetFamily { family_id: first.family_id.clone() }).await.unwrap().next;
    let offer = offer.expect("an offer once there is an exercise");
    assert_eq!((offer.same_version, offer.newer_version, offer.last_closed), (3, None, true));

    // A release ships version 4 of the built-in template.
    let source =
        app::template::builtin::IMPACT_HURT_AMENDS.replacen("version = 3", "version = 4", 1);
    sqlx::query(
        "INSERT INTO templates (id, template_key, version, title, source, owner_id, created_at) \
         VALUES ('builtin-v4', 'impact-hurt-amends', 4, 'Impact, hurt and amends', $1, NULL, 0)",
    )
    .bind(&source)
    .execute(app.db.pool())
    .await
    .unwrap();
    let offer = app.run(GetFamily { family_id: first.family_id.clone() }).await.unwrap().next;
    assert_eq!(offer.unwrap().newer_version, Some(4));

    for bad in [("template", "oldest"), ("links", "some")] {
        let mut form = vec![
            ("family_id", first.family_id.as_str()),
            ("template", "same"),
            ("links", "keep"),
            ("focus", ""),
            ("due_date", ""),
        ];
        form.iter_mut().filter(|(name, _)| *name == bad.0).for_each(|field| field.1 = bad.1);
        assert_eq!(app.call("start_next_exercise", &form).await.status(), 400, "{bad:?}");
    }
    let second = start_next(&app, &first.family_id, "newest", "keep").await;
    let detail = app.run(GetExercise { exercise_id: second.clone() }).await.unwrap();
    assert_eq!(detail.template_version, 4);
    close(&app, &second).await;
    let third = start_next(&app, &first.family_id, "same", "keep").await;
    let detail = app.run(GetExercise { exercise_id: third }).await.unwrap();
    assert_eq!(detail.template_version, 4, "the same as the exercise before it");
    app.stop().await;
}

/// One exercise's answers and ratings for the Over time test: Sam's feelings, Alex's
/// guess at them and at Sam's moment, and the closeness the therapist gives each
/// row (`None`: not rated).
struct Round {
    sam_felt: &'static [&'static str],
    alex_guessed: &'static [&'static str],
    moment_rating: Option<u8>,
    feelings_rating: Option<u8>,
    /// Alex also guesses Pat's moment (never rated).
    about_pat: bool,
}

fn feelings(words: &[&str]) -> Value {
    json!({ "kind": "feelings", "feelings": words, "words": "" })
}

async fn play(
    app: &TestApp,
    exercise_id: &str,
    people: &[(&str, &reqwest::Client)],
    ids: &OpenExercise,
    round: &Round,
) {
    let base = app.url("");
    let (alex, sam) = (people[0].1, people[1].1);
    for (_, client) in people {
        assert_eq!(app.call_as(client, "start_answering", &[]).await.status(), 200);
    }
    let (sam_id, pat_id) = (ids.id("Sam"), ids.id("Pat"));
    let mut saves = vec![
        (sam, "impact.moment.family", None, text("The night of the party.")),
        (sam, "impact.feelings.family", None, feelings(round.sam_felt)),
        (alex, "impact.moment.recovery", Some(sam_id), text("The party, I think.")),
        (alex, "impact.feelings.recovery", Some(sam_id), feelings(round.alex_guessed)),
    ];
    if round.about_pat {
        saves.push((alex, "impact.moment.recovery", Some(pat_id), text("The phone call.")));
    }
    for (client, prompt, about, value) in saves {
        assert_eq!(save(&base, client, prompt, about, value, "shared").await, 200, "{prompt}");
    }
    let moved =
        app.call("advance_exercise", &[("exercise_id", exercise_id), ("to", "in_session")]).await;
    assert_eq!(moved.status(), 200);
    let shown = app
        .call(
            "set_section_revealed",
            &[("exercise_id", exercise_id), ("section_key", "impact"), ("revealed", "true")],
        )
        .await;
    assert_eq!(shown.status(), 200);
    for (pair, rating) in
        [("impact.moment", round.moment_rating), ("impact.feelings", round.feelings_rating)]
    {
        let Some(rating) = rating else { continue };
        let rating = rating.to_string();
        let rated = app
            .call(
                "rate_guess",
                &[
                    ("exercise_id", exercise_id),
                    ("pair_key", pair),
                    ("subject_id", sam_id),
                    ("rating", &rating),
                ],
            )
            .await;
        assert_eq!(rated.status(), 200, "{pair}");
    }
    let closed =
        app.call("advance_exercise", &[("exercise_id", exercise_id), ("to", "closed")]).await;
    assert_eq!(closed.status(), 200);
}

fn point(guesses: u32, ratings: &[u8], named: u32, matched: u32) -> PairPoint {
    PairPoint {
        guesses,
        ratings: ratings.to_vec(),
        feelings_named: named,
        feelings_matched: matched,
        ..PairPoint::default()
    }
}

async fn over_time_numbers_are_the_hand_computed_ones(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let first = open_exercise(&app, THERAPIST, &["Sam", "Pat"]).await;
    let (alex, sam) = (first.join("Alex").await, first.join("Sam").await);
    let rounds = [
        Round {
            sam_felt: &["hurt", "afraid", "sad"],
            alex_guessed: &["hurt", "angry"],
            moment_rating: Some(1),
            feelings_rating: Some(2),
            about_pat: true,
        },
        Round {
            sam_felt: &["hurt", "afraid", "sad"],
            alex_guessed: &["hurt", "afraid"],
            moment_rating: Some(2),
            feelings_rating: Some(3),
            about_pat: false,
        },
        Round {
            sam_felt: &["hurt", "afraid"],
            alex_guessed: &["hurt", "afraid", "lonely"],
            moment_rating: Some(3),
            feelings_rating: None,
            about_pat: false,
        },
    ];
    let mut exercise_id = first.exercise_id.clone();
    let mut ids = vec![exercise_id.clone()];
    for (index, round) in rounds.iter().enumerate() {
        if index > 0 {
            exercise_id = start_next(&app, &first.family_id, "same", "keep").await;
            ids.push(exercise_id.clone());
            let opened = app
                .call("advance_exercise", &[("exercise_id", &exercise_id), ("to", "open")])
                .await;
            assert_eq!(opened.status(), 200);
            // The same phones, the same links: straight in.
            for (name, client) in [("Alex", &alex), ("Sam", &sam)] {
                assert_eq!(opens(client, &first.links[name]).await, "/welcome");
            }
        }
        play(&app, &exercise_id, &[("Alex", &alex), ("Sam", &sam)], &first, round).await;
    }

    let over_time: OverTime =
        app.run(FamilyOverTime { family_id: first.family_id.clone() }).await.unwrap();
    let numbers: Vec<u32> = over_time.exercises.iter().map(|e| e.number as u32).collect();
    assert_eq!(numbers, [1, 2, 3]);
    let pairs: Vec<(&str, &str)> = over_time
        .pairs
        .iter()
        .map(|p| (p.guesser_name.as_str(), p.subject_name.as_str()))
        .collect();
    assert_eq!(pairs, [("Alex", "Sam"), ("Alex", "Pat")]);
    // By hand: each exercise has two rows of Alex's guesses about Sam (the moment
    // and the feelings), rated as played; feelings named are Sam's feelings that
    // Alex's guess also named.
    let alex_sam = &over_time.pairs[0];
    assert_eq!(
        alex_sam.points,
        [point(2, &[1, 2], 3, 1), point(2, &[2, 3], 3, 2), point(2, &[3], 2, 2)]
    );
    let means: Vec<String> = alex_sam.points.iter().map(PairPoint::mean_text).collect();
    assert_eq!(means, ["1.5", "2.5", "3.0"]);
    assert_eq!(alex_sam.points[0].feelings_text(), "1 of 3 feelings named");
    assert_eq!(
        alex_sam.words,
        "Alex's guesses about Sam: closer in each of the last two exercises."
    );
    // Never rated is "not rated", not 0; no guess at all is no guess.
    let alex_pat = &over_time.pairs[1];
    assert_eq!(alex_pat.points, [point(1, &[], 0, 0), point(0, &[], 0, 0), point(0, &[], 0, 0)]);
    assert_eq!(alex_pat.points[0].mean_text(), "not rated");
    assert_eq!(alex_pat.words, "Alex's guesses about Pat: not rated yet.");

    // The summary of the second exercise shows the series as it stood then.
    let then = app.run(ExerciseOverTime { exercise_id: ids[1].clone() }).await.unwrap();
    assert_eq!(then.exercises.len(), 2);
    assert_eq!(then.pairs[0].points, alex_sam.points[..2]);
    // So does the export.
    let export: Value = app
        .client
        .get(app.url(&format!("/exercises/{}/export.json", ids[2])))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(export["over_time"]["pairs"][0]["points"][1]["ratings"], json!([2, 3]));

    // Removing Pat leaves the chart of the others as it was.
    let removed = app.call("remove_participant", &[("participant_id", first.id("Pat"))]).await;
    assert_eq!(removed.status(), 200);
    let after = app.run(FamilyOverTime { family_id: first.family_id.clone() }).await.unwrap();
    assert_eq!(after.pairs.len(), 1);
    assert_eq!(after.pairs[0], *alex_sam);
    // No participant reaches any of it.
    for client in [&alex, &sam] {
        let refused =
            call(&app, client, "family_over_time", &[("family_id", &first.family_id)]).await;
        assert_eq!(refused.0, 403);
    }
    app.stop().await;
}

/// Adds a next step as the therapist does on the board.
async fn add_step(app: &TestApp, exercise_id: &str, who: &str, for_whom: &str, what: &str) {
    let added = app
        .call(
            "add_next_step",
            &[
                ("exercise_id", exercise_id),
                ("who_id", who),
                ("for_id", for_whom),
                ("what", what),
                ("by_when", ""),
            ],
        )
        .await;
    assert_eq!(added.status(), 200, "{}", added.text().await.unwrap());
}

/// The follow-up questions `client` is asked in the "Since last time" part: (prompt,
/// step id, question), or none when the part is not theirs.
async fn follow_ups_of(app: &TestApp, client: &reqwest::Client) -> Vec<(String, String, String)> {
    for number in 1..=3 {
        let (status, page) =
            call(app, client, "answer_section", &[("number", &number.to_string())]).await;
        assert_eq!(status, 200);
        if page["title"] != "Since last time" {
            continue;
        }
        return page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| {
                (
                    item["key"]["prompt_key"].as_str().unwrap().to_owned(),
                    item["key"]["about"].as_str().unwrap().to_owned(),
                    item["text"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
    }
    Vec::new()
}

async fn next_steps_come_back_as_paired_follow_ups_for_exactly_the_people_named(
    database: TestDatabase,
) {
    let app = TestApp::spawn(&database).await;
    let base = app.url("");
    let first = open_exercise(&app, THERAPIST, &["Sam", "Pat", "Jo"]).await;
    let (alex_id, sam_id, pat_id) = (first.id("Alex"), first.id("Sam"), first.id("Pat"));
    let steps = [(alex_id, sam_id, "Call Sam on Sundays"), (pat_id, "", "Walk together {name}")];
    for (who, for_whom, what) in steps {
        add_step(&app, &first.exercise_id, who, for_whom, what).await;
    }
    // A step cannot be for the one who agreed it, nor for someone not in the family.
    let own = app
        .call(
            "add_next_step",
            &[
                ("exercise_id", &first.exercise_id),
                ("who_id", sam_id),
                ("for_id", sam_id),
                ("what", "x"),
                ("by_when", ""),
            ],
        )
        .await;
    assert_eq!(own.status(), 422);
    let stranger = app
        .call(
            "add_next_step",
            &[
                ("exercise_id", &first.exercise_id),
                ("who_id", sam_id),
                ("for_id", "nobody"),
                ("what", "x"),
                ("by_when", ""),
            ],
        )
        .await;
    assert_eq!(stranger.status(), 400);
    close(&app, &first.exercise_id).await;
    let second = start_next(&app, &first.family_id, "same", "keep").await;
    let opened = app.call("advance_exercise", &[("exercise_id", &second), ("to", "open")]).await;
    assert_eq!(opened.status(), 200);
    let board = app
        .run(app::board::api::TherapistBoard { exercise_id: first.exercise_id.clone() })
        .await
        .unwrap();
    let step_id = |what: &str| board.next_steps.iter().find(|s| s.what == what).unwrap().id.clone();
    let (call_sam, walk) = (step_id("Call Sam on Sundays"), step_id("Walk together {name}"));

    let mut clients = std::collections::HashMap::new();
    for name in ["Alex", "Sam", "Pat", "Jo"] {
        let client = new_client();
        open_link(&client, &first.links[name]).await;
        assert_eq!(app.call_as(&client, "start_answering", &[]).await.status(), 200);
        clients.insert(name, client);
    }
    // Exactly the people named: Alex agreed, Sam it was for, Pat agreed a step for
    // nobody in particular; Jo is named in none.
    let alex = follow_ups_of(&app, &clients["Alex"]).await;
    let keys: Vec<(&str, &str)> =
        alex.iter().map(|(k, about, _)| (k.as_str(), about.as_str())).collect();
    assert_eq!(
        keys,
        [("followup.how", call_sam.as_str()), ("followup.how_words", call_sam.as_str())]
    );
    assert_eq!(
        alex[0].2,
        "Last time you agreed: \u{201c}Call Sam on Sundays\u{201d}. How has it gone?"
    );
    let sam = follow_ups_of(&app, &clients["Sam"]).await;
    let keys: Vec<&str> = sam.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(keys, ["followup.noticed", "followup.noticed_words"]);
    assert_eq!(
        sam[0].2,
        "Last time Alex agreed: \u{201c}Call Sam on Sundays\u{201d}. Have you noticed a change?"
    );
    let pat = follow_ups_of(&app, &clients["Pat"]).await;
    assert_eq!(pat.len(), 2);
    assert_eq!(pat[0].1, walk);
    assert!(
        pat[0].2.contains("Walk together {name}"),
        "the family's words as written: {}",
        pat[0].2
    );
    assert!(follow_ups_of(&app, &clients["Jo"]).await.is_empty());

    let choice = |choice: &str| json!({ "kind": "choice", "choice": choice });
    let saves = [
        (&clients["Alex"], "followup.how", call_sam.as_str(), choice("done"), "shared", 200),
        (
            &clients["Alex"],
            "followup.how_words",
            call_sam.as_str(),
            text("ALEX-HOW-WORDS"),
            "shared",
            200,
        ),
        (&clients["Sam"], "followup.noticed", call_sam.as_str(), choice("yes"), "shared", 200),
        (
            &clients["Sam"],
            "followup.noticed_words",
            call_sam.as_str(),
            text("SAM-PRIVATE-NOTICED"),
            "therapist_only",
            200,
        ),
        // Nobody answers for a step that is not theirs, or one that does not exist.
        (&clients["Sam"], "followup.how", call_sam.as_str(), choice("done"), "shared", 400),
        (&clients["Jo"], "followup.noticed", call_sam.as_str(), choice("yes"), "shared", 400),
        (&clients["Alex"], "followup.how", "no-such-step", choice("done"), "shared", 400),
    ];
    for (client, prompt, about, value, visibility, expected) in saves {
        let status = save(&base, client, prompt, Some(about), value, visibility).await;
        assert_eq!(status, expected, "{prompt} about {about}");
    }

    // The therapist sees both sides paired on the board, therapist-only marked.
    let board =
        app.run(app::board::api::TherapistBoard { exercise_id: second.clone() }).await.unwrap();
    let part = board.sections.iter().find(|s| s.key == "since_last_time").unwrap();
    let follow_up = part.follow_ups.iter().find(|f| f.step.id == call_sam).unwrap();
    assert_eq!(follow_up.step.for_name.as_deref(), Some("Sam"));
    assert_eq!(follow_up.how.len(), 2);
    assert_eq!(follow_up.noticed.len(), 2);
    assert!(follow_up.noticed.iter().any(|shown| shown.therapist_only));

    // Other participants: nothing before the part is revealed; then the shared side
    // only, never the therapist-only words.
    let words_on_board = |board: Value| board.to_string();
    let (status, pat_board) = call(&app, &clients["Pat"], "participant_board", &[]).await;
    assert_eq!(status, 200);
    assert!(!words_on_board(pat_board).contains("ALEX-HOW-WORDS"));
    let moved =
        app.call("advance_exercise", &[("exercise_id", &second), ("to", "in_session")]).await;
    assert_eq!(moved.status(), 200);
    let shown = app
        .call(
            "set_section_revealed",
            &[("exercise_id", &second), ("section_key", "since_last_time"), ("revealed", "true")],
        )
        .await;
    assert_eq!(shown.status(), 200);
    for name in ["Pat", "Jo", "Alex"] {
        let (status, board) = call(&app, &clients[name], "participant_board", &[]).await;
        assert_eq!(status, 200);
        let board = words_on_board(board);
        assert!(board.contains("ALEX-HOW-WORDS"), "{name}");
        assert!(!board.contains("SAM-PRIVATE-NOTICED"), "{name} must not see therapist-only words");
    }

    // Over time counts the step Alex agreed for Sam as kept.
    let over_time = app.run(FamilyOverTime { family_id: first.family_id.clone() }).await.unwrap();
    let alex_sam = over_time
        .pairs
        .iter()
        .find(|p| p.guesser_name == "Alex" && p.subject_name == "Sam")
        .expect("a pair with a next step");
    assert_eq!((alex_sam.points[1].steps, alex_sam.points[1].steps_kept), (1, 1));
    assert_eq!(alex_sam.points[1].steps_text(), "1 of 1 next step kept");
    assert_eq!(alex_sam.points[0].steps_text(), "no next steps");

    // A person removed since: their step does not come back, the others' stand.
    let removed = app.call("remove_participant", &[("participant_id", pat_id)]).await;
    assert_eq!(removed.status(), 200);
    let board = app.run(app::board::api::TherapistBoard { exercise_id: second }).await.unwrap();
    let part = board.sections.iter().find(|s| s.key == "since_last_time").unwrap();
    let left: Vec<&str> = part.follow_ups.iter().map(|f| f.step.what.as_str()).collect();
    assert_eq!(left, ["Call Sam on Sundays"]);
    app.stop().await;
}

/// Exercises are not deleted one by one from the pages today, but an operator's
/// retention rule or a database clean-up may remove an old one: the next one then
/// has no follow-ups, keeps its links, and Over time shows what is left.
async fn an_exercise_deleted_from_the_series_leaves_the_rest_standing(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let first = open_exercise(&app, THERAPIST, &["Sam"]).await;
    let phone = first.join("Sam").await;
    add_step(&app, &first.exercise_id, first.id("Alex"), first.id("Sam"), "Call Sam on Sundays")
        .await;
    close(&app, &first.exercise_id).await;
    let second = start_next(&app, &first.family_id, "same", "keep").await;
    let opened = app.call("advance_exercise", &[("exercise_id", &second), ("to", "open")]).await;
    assert_eq!(opened.status(), 200);

    sqlx::query("DELETE FROM exercises WHERE id = $1")
        .bind(&first.exercise_id)
        .execute(app.db.pool())
        .await
        .unwrap();
    let board =
        app.run(app::board::api::TherapistBoard { exercise_id: second.clone() }).await.unwrap();
    assert!(board.sections.iter().all(|s| s.key != "since_last_time"), "no follow-ups left");
    // Sam's link and phone still open the exercise that is left.
    assert_eq!(opens(&phone, &first.links["Sam"]).await, "/welcome");
    assert_eq!(app.call_as(&phone, "start_answering", &[]).await.status(), 200);
    assert!(follow_ups_of(&app, &phone).await.is_empty());
    let detail = app.run(GetExercise { exercise_id: second }).await.unwrap();
    let sam = detail.invitations.iter().find(|i| i.participant_name == "Sam").unwrap();
    let shown = app.run(InvitationLink { invitation_id: sam.id.clone() }).await.unwrap();
    assert_eq!(shown.link, first.links["Sam"]);
    let over_time = app.run(FamilyOverTime { family_id: first.family_id.clone() }).await.unwrap();
    assert_eq!(over_time.exercises.len(), 1);
    assert!(over_time.pairs.is_empty());
    app.stop().await;
}

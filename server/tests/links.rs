//! A link belongs to one person's devices: the first device chooses a passcode, any
//! other must give it, five wrong tries lock the link, and the therapist sees and
//! signs out devices. Over real HTTP, on SQLite and PostgreSQL.

use crate::common::{
    TestApp, TestDatabase,
    family::{OpenExercise, PASSCODE, call, open_exercise, open_link, save, text},
    spawn::new_client,
};
use serde_json::{Value, json};

backend_tests!(
    the_first_device_chooses_a_passcode_and_any_other_must_give_it,
    five_wrong_passcodes_lock_the_link_until_a_new_one_is_made,
    two_devices_racing_for_a_new_link_cannot_both_choose,
    a_childs_link_needs_no_passcode,
    the_exercise_page_carries_no_link_until_one_is_asked_for,
);

const THERAPIST: &str = "ana@example.org";

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

/// Opens `link` in `client` and says where it led.
async fn open(client: &reqwest::Client, link: &str) -> String {
    let response = client.get(link).send().await.unwrap();
    assert_eq!(response.status(), 303);
    location(&response)
}

/// The therapist's view of one person's invitation.
async fn invitation_of(app: &TestApp, exercise: &OpenExercise, name: &str) -> Value {
    let detail: Value = app
        .call("get_exercise", &[("exercise_id", &exercise.exercise_id)])
        .await
        .json()
        .await
        .unwrap();
    detail["invitations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["participant_name"] == name)
        .unwrap()
        .clone()
}

async fn the_first_device_chooses_a_passcode_and_any_other_must_give_it(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, THERAPIST, &["Sam", "Pat"]).await;
    let sam_link = &exercise.links["Sam"];

    // Sam's phone opens the link first: it gets a device cookie, and must choose a
    // passcode before anything else.
    let phone = new_client();
    let first = phone.get(sam_link).send().await.unwrap();
    assert_eq!(location(&first), "/passcode");
    let cookies: Vec<&str> =
        first.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    let device = cookies.iter().find(|c| c.starts_with("parallel_device=")).expect("a device");
    assert!(device.contains("HttpOnly") && device.contains("Max-Age=34560000"), "{device}");
    assert_eq!(call(&app, &phone, "passcode_step", &[]).await.1, json!("Choose"));
    assert_eq!(call(&app, &phone, "participant_welcome", &[]).await.0, 401);
    assert_eq!(call(&app, &phone, "answer_section", &[("number", "1")]).await.0, 401);
    for (passcode, again, says) in [
        ("12", "12", "This one has 2"),
        ("12ab", "12ab", "numbers only"),
        ("2468", "2469", "not the same"),
    ] {
        let (status, message) =
            call(&app, &phone, "choose_passcode", &[("passcode", passcode), ("again", again)])
                .await;
        assert_eq!(status, 422);
        assert!(message.to_string().contains(says), "{message}");
    }
    let (status, _) =
        call(&app, &phone, "choose_passcode", &[("passcode", PASSCODE), ("again", PASSCODE)]).await;
    assert_eq!(status, 200);
    assert_eq!(call(&app, &phone, "participant_welcome", &[]).await.0, 200);
    assert_eq!(call(&app, &phone, "start_answering", &[]).await.0, 200);
    let base = app.url("");
    let words = "No, not safe: SAM-PRIVATE";
    assert_eq!(save(&base, &phone, "checkin.note", None, text(words), "shared").await, 200);
    // The phone is the link's device now: it opens straight in.
    assert_eq!(open(&phone, sam_link).await, "/welcome");

    // A laptop with the same link: the passcode is asked, and nothing shows before.
    let laptop = new_client();
    assert_eq!(open(&laptop, sam_link).await, "/passcode");
    assert_eq!(
        call(&app, &laptop, "passcode_step", &[]).await.1,
        json!({"Enter": {"tries_left": 5}})
    );
    assert_eq!(call(&app, &laptop, "answer_section", &[("number", "1")]).await.0, 401);
    for path in ["/passcode", "/welcome", "/answers/1", "/board"] {
        let page = laptop.get(app.url(path)).send().await.unwrap().text().await.unwrap();
        assert!(!page.contains("SAM-PRIVATE"), "{path} showed an answer before the passcode");
    }
    let (status, message) = call(&app, &laptop, "enter_passcode", &[("passcode", "1111")]).await;
    assert_eq!(status, 422);
    assert!(message.to_string().contains("4 more times"), "{message}");
    // Not a passcode at all: said so, and not counted as a try.
    assert_eq!(call(&app, &laptop, "enter_passcode", &[("passcode", "letters")]).await.0, 422);
    assert_eq!(
        call(&app, &laptop, "passcode_step", &[]).await.1,
        json!({"Enter": {"tries_left": 4}})
    );
    assert_eq!(call(&app, &laptop, "enter_passcode", &[("passcode", PASSCODE)]).await.0, 200);
    let (_, checkin) = call(&app, &laptop, "answer_section", &[("number", "1")]).await;
    assert!(checkin.to_string().contains("SAM-PRIVATE"), "Sam's own answers on Sam's laptop");
    // The right passcode starts the count of wrong ones again.
    let failures: i64 =
        sqlx::query_scalar("SELECT passcode_failures FROM invitations WHERE id = $1")
            .bind(invitation_of(&app, &exercise, "Sam").await["id"].as_str().unwrap())
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(failures, 0);

    // Sam's phone holds a device cookie, but not for Pat's link: that asks Pat's
    // passcode once Pat has chosen one on Pat's own phone.
    open_link(&new_client(), &exercise.links["Pat"]).await;
    assert_eq!(open(&phone, &exercise.links["Pat"]).await, "/passcode");
    assert_eq!(
        call(&app, &phone, "passcode_step", &[]).await.1,
        json!({"Enter": {"tries_left": 5}})
    );

    // The therapist sees each link's devices and signs Sam's out: both visits end,
    // and each device needs the passcode again.
    let sam = invitation_of(&app, &exercise, "Sam").await;
    assert_eq!(sam["devices"], 2);
    assert_eq!(sam["passcode_chosen"], true);
    assert!(sam["last_opened_ms"].as_i64().unwrap() > 0);
    assert_eq!(invitation_of(&app, &exercise, "Pat").await["devices"], 1);
    let signed_out =
        app.call("sign_out_devices", &[("invitation_id", sam["id"].as_str().unwrap())]).await;
    assert_eq!(signed_out.status(), 200);
    assert_eq!(call(&app, &laptop, "participant_welcome", &[]).await.0, 401);
    assert_eq!(invitation_of(&app, &exercise, "Sam").await["devices"], 0);
    let phone = new_client();
    assert_eq!(open(&phone, sam_link).await, "/passcode");
    assert_eq!(
        call(&app, &phone, "passcode_step", &[]).await.1,
        json!({"Enter": {"tries_left": 5}})
    );
    let events: Vec<String> = sqlx::query_scalar("SELECT event FROM audit_events")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert!(events.iter().any(|e| e == "invitation_shown"), "{events:?}");
    assert!(events.iter().any(|e| e == "devices_signed_out"), "{events:?}");
    // Only an Argon2id hash of the passcode is stored.
    let stored: Option<String> =
        sqlx::query_scalar("SELECT passcode_hash FROM invitations WHERE id = $1")
            .bind(sam["id"].as_str().unwrap())
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert!(stored.unwrap().starts_with("$argon2id$"));
    app.stop().await;
}

async fn five_wrong_passcodes_lock_the_link_until_a_new_one_is_made(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, THERAPIST, &["Sam"]).await;
    let sam_link = &exercise.links["Sam"];
    let phone = exercise.join("Sam").await;

    let thief = new_client();
    assert_eq!(open(&thief, sam_link).await, "/passcode");
    for tries_left in (2..=4).rev() {
        let (status, message) = call(&app, &thief, "enter_passcode", &[("passcode", "0000")]).await;
        assert_eq!(status, 422);
        assert!(message.to_string().contains(&format!("{tries_left} more times")), "{message}");
    }
    let (_, last) = call(&app, &thief, "enter_passcode", &[("passcode", "0000")]).await;
    assert!(last.to_string().contains("once more"), "{last}");
    let locking = app.call_as(&thief, "enter_passcode", &[("passcode", "0000")]).await;
    assert!(locking.status().as_u16() < 500, "{}", locking.status());
    assert_eq!(locking.headers()["clear-site-data"], "\"storage\"");

    // Locked: the link opens nowhere, not even on Sam's own phone, whose visit ended.
    assert_eq!(call(&app, &phone, "participant_welcome", &[]).await.0, 401);
    for browser in [&thief, &phone, &new_client()] {
        let response = browser.get(sam_link).send().await.unwrap();
        assert_eq!(location(&response), "/link-locked");
        assert_eq!(response.headers()["clear-site-data"], "\"storage\"");
    }
    let page = new_client().get(app.url("/link-locked")).send().await.unwrap();
    assert_eq!(page.status(), 403);
    assert!(page.text().await.unwrap().contains("ask your therapist for a new link"));
    let sam = invitation_of(&app, &exercise, "Sam").await;
    assert_eq!(sam["locked"], true);
    assert_eq!(sam["devices"], 0);

    // A new link starts afresh: the first device chooses a passcode again.
    app.call("reissue_invitation", &[("invitation_id", sam["id"].as_str().unwrap())]).await;
    let shown: Value = app
        .call("invitation_link", &[("invitation_id", sam["id"].as_str().unwrap())])
        .await
        .json()
        .await
        .unwrap();
    let new_link = shown["link"].as_str().unwrap();
    assert_eq!(open(&phone, new_link).await, "/passcode");
    assert_eq!(call(&app, &phone, "passcode_step", &[]).await.1, json!("Choose"));
    assert_eq!(invitation_of(&app, &exercise, "Sam").await["locked"], false);
    app.stop().await;
}

async fn two_devices_racing_for_a_new_link_cannot_both_choose(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, THERAPIST, &["Sam"]).await;
    let (a, b) = (new_client(), new_client());
    assert_eq!(open(&a, &exercise.links["Sam"]).await, "/passcode");
    assert_eq!(open(&b, &exercise.links["Sam"]).await, "/passcode");
    let (first, second) = tokio::join!(
        call(&app, &a, "choose_passcode", &[("passcode", "2468"), ("again", "2468")]),
        call(&app, &b, "choose_passcode", &[("passcode", "1357"), ("again", "1357")]),
    );
    let statuses = [first.0, second.0];
    assert!(statuses.contains(&200) && statuses.contains(&422), "{statuses:?}");
    let (winner, loser, winning_code) =
        if first.0 == 200 { (&a, &b, "2468") } else { (&b, &a, "1357") };
    let refused = if first.0 == 200 { &second.1 } else { &first.1 };
    assert!(refused.to_string().contains("on another device"), "{refused}");
    assert_eq!(call(&app, winner, "participant_welcome", &[]).await.0, 200);
    // The other device is now asked for the passcode that won.
    assert_eq!(
        call(&app, loser, "passcode_step", &[]).await.1,
        json!({"Enter": {"tries_left": 5}})
    );
    assert_eq!(call(&app, loser, "enter_passcode", &[("passcode", winning_code)]).await.0, 200);
    assert_eq!(call(&app, loser, "participant_welcome", &[]).await.0, 200);
    app.stop().await;
}

async fn a_childs_link_needs_no_passcode(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, THERAPIST, &["Sam", "Jo"]).await;
    let updated = app
        .call(
            "update_participant",
            &[
                ("participant_id", exercise.id("Jo")),
                ("display_name", "Jo"),
                ("role", "family_member"),
                ("relationship", "child"),
                ("age_band", "child"),
            ],
        )
        .await;
    assert_eq!(updated.status(), 200);
    // Used with the therapist, on the therapist's tablet or a parent's phone.
    for device in [new_client(), new_client()] {
        assert_eq!(open(&device, &exercise.links["Jo"]).await, "/welcome");
        assert_eq!(call(&app, &device, "participant_welcome", &[]).await.0, 200);
    }
    let jo = invitation_of(&app, &exercise, "Jo").await;
    assert_eq!(jo["devices"], 2);
    assert_eq!(jo["passcode_chosen"], false);
    app.stop().await;
}

async fn the_exercise_page_carries_no_link_until_one_is_asked_for(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, THERAPIST, &["Sam", "Pat"]).await;
    let page_url = app.url(&format!("/exercises/{}", exercise.exercise_id));
    let token_of = |name: &str| exercise.links[name].rsplit('/').next().unwrap().to_owned();

    let page = app.client.get(&page_url).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Show Sam&#x27;s link") || page.contains("Show Sam's link"), "{page}");
    assert!(!page.contains("/j/"), "the exercise page shows a link nobody asked for");
    for name in ["Alex", "Sam", "Pat"] {
        assert!(!page.contains(&token_of(name)), "{name}'s token is on the page");
    }

    // Asked for: that one link, and no other.
    let sam = invitation_of(&app, &exercise, "Sam").await;
    let sam_id = sam["id"].as_str().unwrap();
    let shown = app
        .client
        .get(format!("{page_url}?show={sam_id}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(shown.contains(&token_of("Sam")), "Sam's link is shown when asked for");
    assert!(!shown.contains(&token_of("Pat")) && !shown.contains(&token_of("Alex")));

    // The QR code view: the code, Sam's name, and nobody else's.
    let qr = app
        .client
        .get(app.url(&format!("/exercises/{}/qr/{sam_id}", exercise.exercise_id)))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(qr.contains("<svg") && qr.contains("Sam, scan this"), "{qr}");
    assert!(!qr.contains("Pat") && !qr.contains(&token_of("Pat")));

    // A participant asking for a link gets nothing.
    let sam_phone = exercise.join("Sam").await;
    let (status, _) = call(&app, &sam_phone, "invitation_link", &[("invitation_id", sam_id)]).await;
    assert_eq!(status, 403);
    let theirs = sam_phone.get(format!("{page_url}?show={sam_id}")).send().await.unwrap();
    assert!(!theirs.text().await.unwrap().contains(&token_of("Sam")));
    app.stop().await;
}

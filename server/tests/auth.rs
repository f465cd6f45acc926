//! Therapist sign-in and sessions over real HTTP, on SQLite and PostgreSQL.

use std::time::{Duration, Instant};

use crate::common::{
    TestApp, TestDatabase,
    spawn::{new_client, session_cookie},
};

backend_tests!(
    signing_in_sets_a_protected_cookie_and_a_server_session,
    wrong_password_and_unknown_email_look_the_same,
    failed_sign_ins_are_rate_limited_with_back_off,
    parallel_guesses_get_no_more_checks_than_the_limit,
    a_planted_session_id_never_becomes_a_signed_in_session,
    signing_out_ends_the_session_on_the_server,
    signing_out_everywhere_ends_every_session,
    sessions_end_after_the_idle_timeout,
    sessions_end_after_the_absolute_timeout,
    changing_the_password_checks_it_and_ends_other_sessions,
    the_set_up_link_creates_the_first_account_once,
    a_colleague_joins_through_an_invitation_link,
    the_audit_trail_lists_a_therapists_own_events_newest_first,
);

const PASSWORD: &str = "lantern orbit kettle marble";

async fn signing_in_sets_a_protected_cookie_and_a_server_session(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    let response =
        app.call("sign_in", &[("email", "Ana@Example.org "), ("password", PASSWORD)]).await;
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("parallel_session="), "{cookie}");
    for attribute in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} missing: {cookie}");
    }
    // 256 bits of randomness, hex-encoded.
    assert_eq!(session_cookie(&response).unwrap().len(), 64);
    assert_eq!(response.headers()["location"], "/families");

    let viewer = app.viewer_of(&app.client).await;
    assert_eq!(viewer["Therapist"]["email"], "ana@example.org", "{viewer}");
    let stored: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(app.db.pool()).await.unwrap();
    assert_eq!(stored, 1);
    app.stop().await;
}

async fn wrong_password_and_unknown_email_look_the_same(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    let mut wrong_password_times = Vec::new();
    let mut unknown_email_times = Vec::new();
    let mut bodies = Vec::new();
    for round in 0..4 {
        for (email, times) in [
            ("ana@example.org".to_owned(), &mut wrong_password_times),
            (format!("nobody{round}@example.org"), &mut unknown_email_times),
        ] {
            let started = Instant::now();
            let response =
                app.call("sign_in", &[("email", &email), ("password", "not the password")]).await;
            times.push(started.elapsed());
            assert_eq!(response.status(), 401);
            bodies.push(response.text().await.unwrap());
        }
    }
    bodies.dedup();
    assert_eq!(bodies.len(), 1, "different answers: {bodies:?}");
    assert!(bodies[0].contains("SignInFailed"));

    // Both paths run one Argon2id verification, so their times are alike. A loose
    // bound, as the machine is shared: an unknown email that skipped the hash would
    // answer many times faster.
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2].as_secs_f64()
    };
    let ratio = median(&mut wrong_password_times) / median(&mut unknown_email_times);
    println!("sign-in timing, wrong password / unknown email (median): {ratio:.2}");
    assert!((0.33..3.0).contains(&ratio), "timing tells the two apart: ratio {ratio:.2}");
    // …and the same writes: a throttle count and an audit entry each, known or not.
    let count = |sql: &'static str| async {
        sqlx::query_scalar::<_, i64>(sql).fetch_one(app.db.pool()).await.unwrap()
    };
    let failed = "SELECT COUNT(*) FROM audit_events WHERE event = 'sign_in_failed'";
    let unnamed = "SELECT COUNT(*) FROM audit_events WHERE event = 'sign_in_failed' \
                   AND therapist_id IS NULL";
    assert_eq!((count(failed).await, count(unnamed).await), (8, 4));
    let accounts = "SELECT COUNT(*) FROM sign_in_throttle WHERE scope = 'email'";
    assert_eq!(count(accounts).await, 5, "ana and four unknown emails, each counted");
    app.stop().await;
}

async fn failed_sign_ins_are_rate_limited_with_back_off(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    for _ in 0..5 {
        let status = app.sign_in_as(&app.client, "ana@example.org", "wrong password!!").await;
        assert_eq!(status, 401);
    }
    // Now even the right password waits: the account is in back-off.
    let response =
        app.call("sign_in", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(response.status(), 429);
    assert!(response.text().await.unwrap().contains("TooManyAttempts"));

    // The same holds for an email with no account (so a block reveals nothing).
    for _ in 0..5 {
        app.sign_in_as(&app.client, "ghost@example.org", "wrong password!!").await;
    }
    assert_eq!(app.sign_in_as(&app.client, "ghost@example.org", "anything at all").await, 429);

    // Many accounts tried from one address: the address is blocked too.
    for n in 0..20 {
        app.sign_in_as(&app.client, &format!("guess{n}@example.org"), "wrong password!!").await;
    }
    app.therapist("ben@example.org", PASSWORD).await;
    assert_eq!(app.sign_in_as(&app.client, "ben@example.org", PASSWORD).await, 429);
    app.stop().await;
}

/// Fifty wrong passwords sent at once: the count is taken before each check in one
/// locked step, so exactly the five free tries are checked and the rest wait. (When
/// "blocked?" and "count it" were two steps, a burst all passed the question.)
async fn parallel_guesses_get_no_more_checks_than_the_limit(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let ana = app.therapist("ana@example.org", PASSWORD).await;
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..50 {
        let client = app.client.clone();
        let url = app.url("/api/sign_in");
        guesses.spawn(async move {
            client
                .post(url)
                .header("accept", "application/json")
                .form(&[("email", "ana@example.org"), ("password", &format!("wrong guess {n}"))])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    let mut statuses = guesses.join_all().await;
    statuses.sort_unstable();
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let waited = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, waited), (5, 45), "{statuses:?}");
    let failures_audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE therapist_id = $1 AND event = 'sign_in_failed'",
    )
    .bind(&ana.id)
    .fetch_one(app.db.pool())
    .await
    .unwrap();
    assert_eq!(failures_audited, 5, "only the checked tries are failures");
    app.stop().await;
}

async fn a_planted_session_id_never_becomes_a_signed_in_session(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    app.therapist("mallory@example.org", PASSWORD).await;

    // Mallory signs in and plants her own session id in Ana's browser.
    let mallory = new_client();
    let response = app
        .call_as(&mallory, "sign_in", &[("email", "mallory@example.org"), ("password", PASSWORD)])
        .await;
    let planted = session_cookie(&response).unwrap();

    let response = app
        .client
        .post(app.url("/api/sign_in"))
        .header("accept", "application/json")
        .header("cookie", format!("parallel_session={planted}"))
        .form(&[("email", "ana@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let issued = session_cookie(&response).unwrap();
    assert_ne!(issued, planted, "the planted id was kept");

    // The planted id is dead: it opens neither Ana's account nor Mallory's.
    let viewer = app
        .client
        .post(app.url("/api/current_viewer"))
        .header("cookie", format!("parallel_session={planted}"))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(viewer, "Anonymous");
    app.stop().await;
}

async fn signing_out_ends_the_session_on_the_server(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    let response =
        app.call("sign_in", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
    let token = session_cookie(&response).unwrap();

    let response = app.call("sign_out", &[]).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["set-cookie"].to_str().unwrap().contains("Max-Age=0"));

    // Replaying the old cookie (as a copy kept elsewhere would) gets nothing.
    let replay = new_client()
        .post(app.url("/api/current_viewer"))
        .header("cookie", format!("parallel_session={token}"))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(replay, "Anonymous");
    app.stop().await;
}

async fn signing_out_everywhere_ends_every_session(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    let laptop = new_client();
    let phone = new_client();
    assert_eq!(app.sign_in_as(&laptop, "ana@example.org", PASSWORD).await, 200);
    assert_eq!(app.sign_in_as(&phone, "ana@example.org", PASSWORD).await, 200);

    let response = app.call_as(&laptop, "sign_out_everywhere", &[]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(app.viewer_of(&phone).await, "Anonymous");
    assert_eq!(app.viewer_of(&laptop).await, "Anonymous");
    app.stop().await;
}

async fn sessions_end_after_the_idle_timeout(database: TestDatabase) {
    // Margins of seconds, not of a few hundred milliseconds: on a fresh 2-core machine
    // with a browser and a build beside it, one request can take a second.
    let mut config = database.server_config();
    config.app.sessions.idle = Duration::from_secs(3);
    let app = TestApp::spawn_with(config).await;
    app.therapist("ana@example.org", PASSWORD).await;
    assert_eq!(app.sign_in_as(&app.client, "ana@example.org", PASSWORD).await, 200);

    // Activity keeps it alive past the idle time…
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(4) {
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_ne!(app.viewer_of(&app.client).await, "Anonymous");
    }
    // …and a pause longer than it ends it.
    tokio::time::sleep(Duration::from_millis(3500)).await;
    assert_eq!(app.viewer_of(&app.client).await, "Anonymous");
    let response = app.call("list_my_activity", &[("page", "1")]).await;
    assert_eq!(response.status(), 401);
    assert!(response.text().await.unwrap().contains("Unauthenticated"));
    app.stop().await;
}

async fn sessions_end_after_the_absolute_timeout(database: TestDatabase) {
    let mut config = database.server_config();
    config.app.sessions.idle = Duration::from_secs(4);
    config.app.sessions.absolute = Duration::from_secs(6);
    let app = TestApp::spawn_with(config).await;
    app.therapist("ana@example.org", PASSWORD).await;
    assert_eq!(app.sign_in_as(&app.client, "ana@example.org", PASSWORD).await, 200);
    // The session's lifetime began before this instant, so it ends before started + 6 s.
    let started = Instant::now();
    // Kept busy well inside its lifetime (the last check starts 2 s before the end)…
    while started.elapsed() < Duration::from_secs(4) {
        assert_ne!(app.viewer_of(&app.client).await, "Anonymous");
        tokio::time::sleep(Duration::from_millis(400)).await;
    }
    // …and ended once the lifetime has passed, however busy.
    let past_lifetime = Duration::from_millis(6500);
    tokio::time::sleep(past_lifetime.saturating_sub(started.elapsed())).await;
    assert_eq!(app.viewer_of(&app.client).await, "Anonymous", "outlived its lifetime");
    app.stop().await;
}

async fn changing_the_password_checks_it_and_ends_other_sessions(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    let other_device = new_client();
    app.sign_in_as(&app.client, "ana@example.org", PASSWORD).await;
    app.sign_in_as(&other_device, "ana@example.org", PASSWORD).await;

    let server = &app;
    let change = |current: &'static str, new: &'static str, confirm: &'static str| {
        let form =
            [("current_password", current), ("new_password", new), ("confirm_password", confirm)];
        async move { server.call("change_password", &form).await }
    };
    let wrong_current =
        change("not my password", "quiet harbour violet spoon", "quiet harbour violet spoon").await;
    assert_eq!(wrong_current.status(), 422);
    let common = change(PASSWORD, "password1234", "password1234").await;
    assert_eq!(common.status(), 422);
    assert!(common.text().await.unwrap().contains("too common"));
    let mismatch =
        change(PASSWORD, "quiet harbour violet spoon", "quiet harbour violet spoons").await;
    assert_eq!(mismatch.status(), 422);

    let done = change(PASSWORD, "quiet harbour violet spoon", "quiet harbour violet spoon").await;
    assert_eq!(done.status(), 200);
    assert_ne!(app.viewer_of(&app.client).await, "Anonymous", "this session was ended");
    assert_eq!(app.viewer_of(&other_device).await, "Anonymous", "other sessions survived");
    assert_eq!(app.sign_in_as(&new_client(), "ana@example.org", PASSWORD).await, 401);
    let new_password = "quiet harbour violet spoon";
    assert_eq!(app.sign_in_as(&new_client(), "ana@example.org", new_password).await, 200);
    app.stop().await;
}

async fn the_set_up_link_creates_the_first_account_once(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let link = app.setup_link.clone().expect("an empty database gets a set-up link");
    let token = link.rsplit('/').next().unwrap().to_owned();
    assert_eq!(token.len(), 64);

    let page = app.client.get(&link).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Create account"), "{page}");

    let form = [
        ("purpose", "setup"),
        ("token", token.as_str()),
        ("display_name", "Ana Rivera"),
        ("email", "ana@example.org"),
        ("password", PASSWORD),
        ("confirm_password", PASSWORD),
    ];
    let created = app.call("create_account", &form).await;
    assert_eq!(created.status(), 200, "{}", created.text().await.unwrap());
    assert_eq!(app.viewer_of(&app.client).await["Therapist"]["display_name"], "Ana Rivera");

    let again = app.call_as(&new_client(), "create_account", &form).await;
    assert_eq!(again.status(), 404, "the link worked twice");
    let page = new_client().get(&link).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("no longer valid"));
    app.stop().await;

    // A restart on a database that has an account makes no new link.
    let restarted = TestApp::spawn(&database).await;
    assert_eq!(restarted.setup_link, None);
    restarted.stop().await;
}

async fn a_colleague_joins_through_an_invitation_link(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    app.sign_in_as(&app.client, "ana@example.org", PASSWORD).await;
    let link: String = app.call("invite_colleague", &[]).await.json().await.unwrap();
    assert!(link.starts_with(&format!("http://{}/invite/", app.addr)), "{link}");
    let token = link.rsplit('/').next().unwrap();

    let colleague = new_client();
    let weak = app
        .call_as(
            &colleague,
            "create_account",
            &[
                ("purpose", "invite"),
                ("token", token),
                ("display_name", "Ben"),
                ("email", "ben@example.org"),
                ("password", "ben@example.org"),
                ("confirm_password", "ben@example.org"),
            ],
        )
        .await;
    assert_eq!(weak.status(), 422, "a password that is the email was accepted");
    let form = [
        ("purpose", "invite"),
        ("token", token),
        ("display_name", "Ben"),
        ("email", "ben@example.org"),
        ("password", "copper meadow signal drift"),
        ("confirm_password", "copper meadow signal drift"),
    ];
    assert_eq!(app.call_as(&colleague, "create_account", &form).await.status(), 200);
    assert_eq!(app.viewer_of(&colleague).await["Therapist"]["email"], "ben@example.org");
    // An invitation link is not a set-up link, and is used up.
    let mut reused = form;
    reused[0] = ("purpose", "setup");
    assert_eq!(app.call_as(&new_client(), "create_account", &reused).await.status(), 404);
    app.stop().await;
}

async fn the_audit_trail_lists_a_therapists_own_events_newest_first(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    app.therapist("ben@example.org", PASSWORD).await;
    app.sign_in_as(&new_client(), "ana@example.org", "wrong password!!").await;
    app.sign_in_as(&new_client(), "ben@example.org", PASSWORD).await;
    for _ in 0..26 {
        app.sign_in_as(&app.client, "ana@example.org", PASSWORD).await;
    }

    let first: serde_json::Value =
        app.call("list_my_activity", &[("page", "1")]).await.json().await.unwrap();
    let entries = first["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 25);
    assert_eq!(first["has_more"], true);
    assert!(entries.iter().all(|e| e["event"] == "sign_in"));
    let times: Vec<i64> = entries.iter().map(|e| e["at_ms"].as_i64().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "not newest first: {times:?}");

    let second: serde_json::Value =
        app.call("list_my_activity", &[("page", "2")]).await.json().await.unwrap();
    let events: Vec<&str> = second["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    // Ana's own: one more sign-in and the failure; never Ben's sign-in.
    assert_eq!(events, ["sign_in", "sign_in_failed"]);
    assert_eq!(second["has_more"], false);
    app.stop().await;
}

//! Families, exercises, invitation links and templates over real HTTP, on SQLite and
//! PostgreSQL.

use app::{
    error::AppError,
    exercise::api::GetExercise,
    family::api::{GetFamily, ListFamilies},
    invitation::link_api::InvitationLink,
    template::api::{ExportTemplate, ListTemplates},
};

use crate::common;
use crate::common::{
    TestApp, TestDatabase,
    family::{PASSCODE, open_link},
    spawn::{new_client, session_cookie},
};

backend_tests!(
    a_family_is_set_up_and_its_exercise_started,
    deleting_a_family_leaves_no_row_of_it_behind,
    an_invitation_link_opens_only_its_own_participants_page,
    pages_answer_refused_and_unknown_the_same_way_every_time,
    stopped_and_replaced_links_no_longer_work,
    guessing_invitation_links_is_rate_limited,
    templates_export_and_import_round_trip,
);

const PASSWORD: &str = "lantern orbit kettle marble";

/// A therapist signed in on `app.client`, with a family of four in an exercise.
/// Returns (family id, exercise id).
async fn family_of_four(app: &TestApp) -> (String, String) {
    app.therapist("ana@example.org", PASSWORD).await;
    assert_eq!(app.sign_in_as(&app.client, "ana@example.org", PASSWORD).await, 200);
    let response = app.call("create_family", &[("name", "R. family")]).await;
    let family_id = location(&response).trim_start_matches("/families/").to_owned();
    for (name, role, relationship, age_band) in [
        ("Alex", "person_in_recovery", "self", "adult"),
        ("Sam", "family_member", "partner", "adult"),
        ("Jo", "family_member", "child", "teen"),
        ("Pat", "family_member", "parent", "adult"),
    ] {
        let response = app
            .call(
                "add_participant",
                &[
                    ("family_id", &family_id),
                    ("display_name", name),
                    ("role", role),
                    ("relationship", relationship),
                    ("age_band", age_band),
                ],
            )
            .await;
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    }
    let template_id = app.run(ListTemplates {}).await.unwrap().remove(0).id;
    let response = app
        .call(
            "create_exercise",
            &[
                ("family_id", &family_id),
                ("template_id", &template_id),
                ("focus", "the weekend of the relapse"),
                ("due_date", "2027-01-15"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    let exercise_id = location(&response).trim_start_matches("/exercises/").to_owned();
    (family_id, exercise_id)
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_owned()
}

async fn exercise(app: &TestApp, exercise_id: &str) -> serde_json::Value {
    app.call("get_exercise", &[("exercise_id", exercise_id)]).await.json().await.unwrap()
}

/// The link of the named participant, as the therapist's *Show … link* gives it.
async fn link_of(app: &TestApp, exercise_id: &str, name: &str) -> String {
    let detail = app.run(GetExercise { exercise_id: exercise_id.to_owned() }).await.unwrap();
    let invitation = detail.invitations.into_iter().find(|i| i.participant_name == name).unwrap();
    app.run(InvitationLink { invitation_id: invitation.id }).await.unwrap().link
}

async fn a_family_is_set_up_and_its_exercise_started(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let (family_id, exercise_id) = family_of_four(&app).await;

    // Validation speaks plainly.
    let wrong = app
        .call(
            "add_participant",
            &[
                ("family_id", &family_id),
                ("display_name", "Lee"),
                ("role", "person_in_recovery"),
                ("relationship", "sibling"),
                ("age_band", "adult"),
            ],
        )
        .await;
    assert_eq!(wrong.status(), 422);
    let empty = app.call("create_family", &[("name", "  ")]).await;
    assert_eq!(empty.status(), 422);
    assert!(empty.text().await.unwrap().contains("Please enter a name"));

    let lonely = location(&app.call("create_family", &[("name", "K. family")]).await);
    let lonely_id = lonely.trim_start_matches("/families/");
    let refused = app
        .call(
            "create_exercise",
            &[("family_id", lonely_id), ("template_id", "x"), ("focus", ""), ("due_date", "")],
        )
        .await;
    assert_eq!(refused.status(), 422);

    let detail = exercise(&app, &exercise_id).await;
    assert_eq!(detail["exercise"]["status"], "draft");
    assert_eq!(detail["template_title"], "Impact, hurt and amends");
    let invitations = detail["invitations"].as_array().unwrap();
    assert_eq!(invitations.len(), 4);
    // The exercise's data carries no link; each is shown only when asked for.
    assert!(!detail.to_string().contains("/j/"), "{detail}");
    let mut links = Vec::new();
    for invitation in invitations {
        let id = invitation["id"].as_str().unwrap();
        let shown: serde_json::Value =
            app.call("invitation_link", &[("invitation_id", id)]).await.json().await.unwrap();
        let link = shown["link"].as_str().unwrap().to_owned();
        let token = link.rsplit('/').next().unwrap();
        assert!(link.starts_with(&format!("http://{}/j/", app.addr)), "{link}");
        assert_eq!(token.len(), 64);
        assert!(shown["qr_svg"].as_str().unwrap().contains("<svg"));
        links.push(link);
    }
    // Only the hash of a link's token is stored.
    let token = links[0].rsplit('/').next().unwrap().to_owned();
    let stored: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invitations WHERE token_hash = $1")
        .bind(&token)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(stored, 0);

    // Statuses move forward one step at a time.
    let skip =
        app.call("advance_exercise", &[("exercise_id", &exercise_id), ("to", "closed")]).await;
    assert_eq!(skip.status(), 422);
    for to in ["open", "in_session", "closed"] {
        let step = app.call("advance_exercise", &[("exercise_id", &exercise_id), ("to", to)]).await;
        assert_eq!(step.status(), 200, "to {to}");
    }
    assert_eq!(exercise(&app, &exercise_id).await["exercise"]["status"], "closed");

    // Rename, archive.
    app.call("rename_family", &[("family_id", &family_id), ("name", "Rivera family")]).await;
    app.call("set_family_archived", &[("family_id", &family_id), ("archived", "true")]).await;
    let families = app.run(ListFamilies {}).await.unwrap();
    let rivera = families.iter().find(|f| f.id == family_id).unwrap();
    assert_eq!(
        (rivera.name.as_str(), rivera.archived, rivera.participants),
        ("Rivera family", true, 4)
    );
    app.stop().await;
}

async fn deleting_a_family_leaves_no_row_of_it_behind(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let (family_id, exercise_id) = family_of_four(&app).await;
    // A participant session exists too.
    let sam_link = link_of(&app, &exercise_id, "Sam").await;
    open_link(&new_client(), &sam_link).await;

    let mut ids: Vec<String> = vec![family_id.clone(), exercise_id.clone()];
    let detail = app.run(GetFamily { family_id: family_id.clone() }).await.unwrap();
    ids.extend(detail.participants.iter().map(|p| p.id.to_string()));
    ids.extend(
        exercise(&app, &exercise_id).await["invitations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_owned()),
    );
    assert!(rows_mentioning(&app, &ids).await.iter().any(|(table, _)| table == "sessions"));

    let unconfirmed =
        app.call("delete_family", &[("family_id", &family_id), ("confirm_name", "R family")]).await;
    assert_eq!(unconfirmed.status(), 422);
    let deleted = app
        .call("delete_family", &[("family_id", &family_id), ("confirm_name", "R. family")])
        .await;
    assert_eq!(deleted.status(), 200);

    let left = rows_mentioning(&app, &ids).await;
    // The audit trail keeps only events, by id: that Sam's link was shown, and that
    // the family was deleted.
    let unexpected: Vec<_> = left.iter().filter(|(table, _)| table != "audit_events").collect();
    assert!(unexpected.is_empty(), "rows of the deleted family remain: {unexpected:?}");
    let audit: Vec<_> = left.iter().filter(|(table, _)| table == "audit_events").collect();
    assert_eq!(audit.len(), 2, "{audit:?}");
    let mut events: Vec<String> =
        sqlx::query_scalar("SELECT event FROM audit_events WHERE subject_id IS NOT NULL")
            .fetch_all(app.db.pool())
            .await
            .unwrap();
    events.sort();
    assert_eq!(events, ["family_deleted", "invitation_shown"]);
    app.stop().await;
}

/// Every (table, column) of every table with a text value equal to one of `ids`:
/// read from the database's own catalogue, so a table added later is checked too.
async fn rows_mentioning(app: &TestApp, ids: &[String]) -> Vec<(String, String)> {
    let columns: Vec<(String, String)> = match app.db.backend() {
        app::db::Backend::Sqlite => {
            let tables: Vec<String> = sqlx::query_scalar(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                 AND name <> '_sqlx_migrations'",
            )
            .fetch_all(app.db.pool())
            .await
            .unwrap();
            let mut columns = Vec::new();
            for table in tables {
                let names: Vec<String> = sqlx::query_scalar(&format!(
                    "SELECT name FROM pragma_table_info('{table}') WHERE type = 'TEXT'"
                ))
                .fetch_all(app.db.pool())
                .await
                .unwrap();
                columns.extend(names.into_iter().map(|c| (table.clone(), c)));
            }
            columns
        }
        app::db::Backend::Postgres => {
            let rows: Vec<(String, String)> = sqlx::query_as(
                "SELECT table_name::TEXT, column_name::TEXT FROM information_schema.columns \
                 WHERE table_schema = 'public' AND data_type = 'text' AND table_name <> '_sqlx_migrations'",
            )
            .fetch_all(app.db.pool())
            .await
            .unwrap();
            rows
        }
    };
    assert!(columns.len() > 20, "the catalogue query found too little: {columns:?}");
    let mut found = Vec::new();
    for (table, column) in columns {
        for id in ids {
            let count: i64 =
                sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1"))
                    .bind(id)
                    .fetch_one(app.db.pool())
                    .await
                    .unwrap();
            if count > 0 {
                found.push((table.clone(), column.clone()));
            }
        }
    }
    found
}

async fn an_invitation_link_opens_only_its_own_participants_page(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let (family_id, exercise_id) = family_of_four(&app).await;
    let link = link_of(&app, &exercise_id, "Jo").await;

    let jo = new_client();
    let response = jo.get(&link).send().await.unwrap();
    assert_eq!(response.status(), 303);
    // Jo is a teen: the link's first device chooses a passcode first.
    assert_eq!(location(&response), "/passcode", "the token must not survive the redirect");
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    assert!(session_cookie(&response).is_some());
    let chosen =
        app.call_as(&jo, "choose_passcode", &[("passcode", PASSCODE), ("again", PASSCODE)]).await;
    assert_eq!(chosen.status(), 200);

    let welcome: serde_json::Value =
        app.call_as(&jo, "participant_welcome", &[]).await.json().await.unwrap();
    assert_eq!(welcome["participant_name"], "Jo");
    assert_eq!(welcome["therapist_name"], "ana");
    assert_eq!(welcome["focus"], "the weekend of the relapse");
    let page = jo.get(app.url("/welcome")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Welcome, Jo"), "{page}");
    for other in ["Alex", "Sam", "Pat"] {
        assert!(!page.contains(other), "{other} appears on Jo's page");
    }

    // A teen's shareable answers start as "Only my therapist", and the page says so.
    app.call("advance_exercise", &[("exercise_id", &exercise_id), ("to", "open")]).await;
    assert_eq!(app.call_as(&jo, "start_answering", &[]).await.status(), 200);
    let section: serde_json::Value =
        app.call_as(&jo, "answer_section", &[("number", "2")]).await.json().await.unwrap();
    assert_eq!(section["teen_starts_private"], true, "{section}");
    let page = jo.get(app.url("/answers/2")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("data-testid=\"teen-private\"") && page.contains("because you are a"));

    // Nowhere else: not the family, not the exercise, not the therapist's pages.
    assert_eq!(app.call_as(&jo, "get_family", &[("family_id", &family_id)]).await.status(), 403);
    assert_eq!(
        app.call_as(&jo, "get_exercise", &[("exercise_id", &exercise_id)]).await.status(),
        403
    );
    assert_eq!(app.call_as(&jo, "list_families", &[]).await.status(), 403);
    let families_page = jo.get(app.url("/families")).send().await.unwrap().text().await.unwrap();
    assert!(families_page.contains("This page is for therapists"));
    assert!(!families_page.contains("R. family"));
    app.stop().await;
}

/// A page's status is decided where the page decides what to show, not by whichever
/// of its fetches finished first: a participant on a therapist page once got 200 on
/// some requests and 403 on others. Refused is 403 every time, not signed in 401,
/// an unknown id 404 with a page that says so.
async fn pages_answer_refused_and_unknown_the_same_way_every_time(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let (family_id, exercise_id) = family_of_four(&app).await;
    let sam = new_client();
    common::family::open_link(&sam, &link_of(&app, &exercise_id, "Sam").await).await;
    let anonymous = new_client();
    let statuses = |client: reqwest::Client, path: String| {
        let url = app.url(&path);
        async move {
            let mut seen = std::collections::BTreeMap::new();
            for _ in 0..20 {
                let status = client.get(&url).send().await.unwrap().status().as_u16();
                *seen.entry(status).or_insert(0) += 1;
            }
            seen.into_iter().collect::<Vec<_>>()
        }
    };
    for path in [
        "/families".to_owned(),
        format!("/families/{family_id}"),
        format!("/exercises/{exercise_id}"),
        format!("/exercises/{exercise_id}/board"),
        format!("/exercises/{exercise_id}/summary"),
    ] {
        assert_eq!(statuses(sam.clone(), path.clone()).await, [(403, 20)], "Sam on {path}");
        assert_eq!(
            statuses(anonymous.clone(), path.clone()).await,
            [(401, 20)],
            "nobody on {path}"
        );
    }
    for path in
        ["/families/nope", "/exercises/0000", "/exercises/0000/board", "/exercises/0000/summary"]
    {
        assert_eq!(statuses(app.client.clone(), path.to_owned()).await, [(404, 20)], "{path}");
        let page = app.client.get(app.url(path)).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("We could not find that"), "{path}: {page}");
    }
    assert_eq!(statuses(sam.clone(), "/answers/abc".to_owned()).await, [(404, 20)]);
    let page = sam.get(app.url("/answers/abc")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("We could not find that page"), "{page}");
    app.stop().await;
}

async fn stopped_and_replaced_links_no_longer_work(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let (_, exercise_id) = family_of_four(&app).await;
    let detail = exercise(&app, &exercise_id).await;
    let invitation_of = |name: &str| {
        detail["invitations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["participant_name"] == name)
            .unwrap()
            .clone()
    };
    let sam = invitation_of("Sam");
    let pat = invitation_of("Pat");
    let sam_link = link_of(&app, &exercise_id, "Sam").await;

    // Sam is in; then the therapist stops Sam's link.
    let sam_browser = new_client();
    open_link(&sam_browser, &sam_link).await;
    let revoked =
        app.call("revoke_invitation", &[("invitation_id", sam["id"].as_str().unwrap())]).await;
    assert_eq!(revoked.status(), 200);
    let again = new_client().get(&sam_link).send().await.unwrap();
    assert_eq!(location(&again), "/link-not-valid");
    // Not even from the device that had opened it.
    assert_eq!(location(&sam_browser.get(&sam_link).send().await.unwrap()), "/link-not-valid");
    assert_eq!(
        app.call_as(&sam_browser, "participant_welcome", &[]).await.status(),
        401,
        "session outlived revoke"
    );

    // Unknown and malformed links land on the very same page.
    for bad in ["0".repeat(64), "not-a-token".to_owned()] {
        let response = new_client().get(app.url(&format!("/j/{bad}"))).send().await.unwrap();
        assert_eq!(location(&response), "/link-not-valid");
    }
    let page = new_client().get(app.url("/link-not-valid")).send().await.unwrap();
    assert_eq!(page.status(), 404);
    assert!(page.text().await.unwrap().contains("This link does not work any more"));

    // A new link for Pat: the old one stops, the new one works.
    let old_link = link_of(&app, &exercise_id, "Pat").await;
    app.call("reissue_invitation", &[("invitation_id", pat["id"].as_str().unwrap())]).await;
    let new_link = link_of(&app, &exercise_id, "Pat").await;
    assert_ne!(old_link, new_link);
    assert_eq!(location(&new_client().get(&old_link).send().await.unwrap()), "/link-not-valid");
    assert_eq!(location(&new_client().get(&new_link).send().await.unwrap()), "/passcode");
    app.stop().await;
}

/// Links that do not work are counted per client address. Past the limit such a
/// link hears the truth (wait, then try again), while working links from the same
/// address (a family on a clinic's shared Wi-Fi) still open, the first time and
/// after the therapist makes a new one. Behind a proxy the address the proxy saw
/// counts, not one the client wrote into `X-Forwarded-For`.
async fn guessing_invitation_links_is_rate_limited(database: TestDatabase) {
    let mut config = database.server_config();
    config.app.trusted_proxies = 1;
    let app = TestApp::spawn_with(config).await;
    let (_, exercise_id) = family_of_four(&app).await;
    let real = link_of(&app, &exercise_id, "Sam").await;
    let from = |client_wrote: &str, proxy_saw: &str| format!("{client_wrote}, {proxy_saw}");
    let open = |url: String, forwarded: String| async move {
        new_client().get(url).header("x-forwarded-for", forwarded).send().await.unwrap()
    };
    for guess in 0..20 {
        // The guesser writes a new address each time; our proxy adds the real one.
        let spoofed = from(&format!("198.51.100.{guess}"), "203.0.113.9");
        let response = open(app.url(&format!("/j/{guess:064x}")), spoofed).await;
        let expected = if guess < 19 { "/link-not-valid" } else { "/link-wait?minutes=1" };
        assert_eq!(location(&response), expected, "guess {guess}");
    }
    let response = open(app.url(&format!("/j/{:064x}", 99)), from("1.2.3.4", "203.0.113.9")).await;
    assert!(location(&response).starts_with("/link-wait?minutes="), "{}", location(&response));
    let wait = new_client().get(app.url("/link-wait?minutes=2")).send().await.unwrap();
    assert_eq!(wait.status(), 429);
    assert!(
        wait.text().await.unwrap().contains("Please wait 2 minutes, then open your link again")
    );

    // The real link from the same network still opens.
    let response = open(real.clone(), from("6.6.6.6", "203.0.113.9")).await;
    assert_eq!(location(&response), "/passcode", "a working link is never held back");
    // Opened again and again, a link keeps only its newest sessions.
    for _ in 0..11 {
        open(real.clone(), from("", "203.0.113.9")).await;
    }
    let sessions: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE participant_id IS NOT NULL")
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(sessions, app::invitation::join::MAX_SESSIONS_PER_INVITATION);
    // Another address behind the same proxy is not blocked at all.
    let response = open(app.url(&format!("/j/{:064x}", 7)), from("", "203.0.113.50")).await;
    assert_eq!(location(&response), "/link-not-valid");
    app.stop().await;
}

async fn templates_export_and_import_round_trip(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    app.sign_in_as(&app.client, "ana@example.org", PASSWORD).await;
    let listed = app.run(ListTemplates {}).await.unwrap();
    let builtin = listed.into_iter().find(|t| t.builtin).unwrap();
    let source = app.run(ExportTemplate { template_id: builtin.id }).await.unwrap().source;
    assert_eq!(source, app::template::builtin::IMPACT_HURT_AMENDS);

    // Import it as the therapist's own version 4 with a changed title.
    let mine = source.replacen("version = 3", "version = 4", 1).replacen(
        "title.en = \"Impact, hurt and amends\"",
        "title.en = \"Impact, hurt and amends (our clinic)\"",
        1,
    );
    let imported = app.call("import_template", &[("source", &mine)]).await;
    assert_eq!(imported.status(), 200);
    let id = location(&imported).trim_start_matches("/templates/").to_owned();
    let back = app.run(ExportTemplate { template_id: id.clone() }).await.unwrap();
    assert_eq!(back.source, mine, "export does not give back what was imported");
    assert_eq!(back.version, 4);

    let twice = app.call("import_template", &[("source", &mine)]).await;
    assert_eq!(twice.status(), 422);
    assert!(twice.text().await.unwrap().contains("already have version 4"));

    let broken = mine.replacen("pair = \"impact.moment\"", "pair = \"impact.momnet\"", 1);
    let refused = app.call("import_template", &[("source", &broken)]).await;
    assert_eq!(refused.status(), 422);
    let message = refused.text().await.unwrap();
    assert!(message.contains("unknown pair key") && message.contains("line "), "{message}");

    // Another therapist sees the built-in template but not Ana's.
    app.therapist("ben@example.org", PASSWORD).await;
    let ben = new_client();
    app.sign_in_as(&ben, "ben@example.org", PASSWORD).await;
    let refused = app.run_as(&ben, ExportTemplate { template_id: id }).await;
    assert_eq!(refused.unwrap_err(), AppError::Forbidden);
    assert_eq!(app.run_as(&ben, ListTemplates {}).await.unwrap().len(), 1);
    app.stop().await;
}

//! Two-step verification over real HTTP: enrolment, sign-in with a code, replay
//! refusal, recovery codes, and the operator's requirement.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::common::{TestApp, TestDatabase, spawn::new_client};
use app::auth::totp;

backend_tests!(
    enrolment_then_sign_in_needs_a_fresh_code,
    a_recovery_code_signs_in_once,
    the_operator_can_require_two_step_for_everyone,
    two_step_set_up_does_not_start_from_another_site,
    turning_two_step_off_needs_the_password_and_a_code,
);

const PASSWORD: &str = "lantern orbit kettle marble";

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

/// Signs in and turns two-step on; returns the secret, the recovery codes and the
/// time whose code confirmed it.
async fn enrol(app: &TestApp) -> (String, Vec<String>, u64) {
    app.therapist("ana@example.org", PASSWORD).await;
    assert_eq!(app.sign_in_as(&app.client, "ana@example.org", PASSWORD).await, 200);
    let enrolment: serde_json::Value =
        app.call("begin_two_factor", &[]).await.json().await.unwrap();
    assert_eq!(enrolment["already_enabled"], false);
    assert!(enrolment["qr_svg"].as_str().unwrap().contains("<svg"));
    let secret = enrolment["secret"].as_str().unwrap().to_owned();
    // Asking again keeps the same secret until it is confirmed.
    let again: serde_json::Value = app.call("begin_two_factor", &[]).await.json().await.unwrap();
    assert_eq!(again["secret"], secret);

    let wrong = app.call("confirm_two_factor", &[("code", "000000")]).await;
    assert_eq!(wrong.status(), 401);
    let confirmed_at = now();
    let code = totp::code_at(&secret, confirmed_at).unwrap();
    let response = app.call("confirm_two_factor", &[("code", &code)]).await;
    assert_eq!(response.status(), 200);
    let codes: Vec<String> = response.json().await.unwrap();
    assert_eq!(codes.len(), 10);
    assert_eq!(app.viewer_of(&app.client).await["Therapist"]["two_factor_enabled"], true);
    (secret, codes, confirmed_at)
}

async fn enrolment_then_sign_in_needs_a_fresh_code(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let (secret, _, confirmed_at) = enrol(&app).await;

    let phone = new_client();
    let response = app
        .call_as(&phone, "sign_in", &[("email", "ana@example.org"), ("password", PASSWORD)])
        .await;
    assert_eq!(response.headers()["location"], "/sign-in/code");
    assert_eq!(app.viewer_of(&phone).await, "AwaitingSecondFactor");
    // Half signed in is not signed in.
    assert_eq!(app.call_as(&phone, "list_my_activity", &[("page", "1")]).await.status(), 401);

    let wrong = app.call_as(&phone, "verify_second_factor", &[("code", "123456")]).await;
    assert_eq!(wrong.status(), 401);
    // The code that confirmed enrolment has been used: it cannot be replayed. (Its
    // own time step, not the current one: a 30-second boundary may have passed since,
    // which made this test fail now and then.)
    let used = totp::code_at(&secret, confirmed_at).unwrap();
    let replay = app.call_as(&phone, "verify_second_factor", &[("code", &used)]).await;
    assert_eq!(replay.status(), 401, "a used code was accepted again");
    // The next step's code (within the allowed drift) works, once.
    let next = totp::code_at(&secret, confirmed_at + 30).unwrap();
    let response = app.call_as(&phone, "verify_second_factor", &[("code", &next)]).await;
    assert_eq!(response.status(), 200);
    assert_eq!(app.viewer_of(&phone).await["Therapist"]["email"], "ana@example.org");

    let events: serde_json::Value =
        app.call_as(&phone, "list_my_activity", &[("page", "1")]).await.json().await.unwrap();
    let names: Vec<&str> = events["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"two_factor_enabled") && names.contains(&"second_factor_failed"));
    app.stop().await;
}

async fn a_recovery_code_signs_in_once(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let (_, codes, _) = enrol(&app).await;
    let code = codes[3].to_uppercase().replace('-', " ");

    let lost_phone = new_client();
    app.sign_in_as(&lost_phone, "ana@example.org", PASSWORD).await;
    let response = app.call_as(&lost_phone, "verify_second_factor", &[("code", &code)]).await;
    assert_eq!(response.status(), 200);

    let again = new_client();
    app.sign_in_as(&again, "ana@example.org", PASSWORD).await;
    let reused = app.call_as(&again, "verify_second_factor", &[("code", &code)]).await;
    assert_eq!(reused.status(), 401, "a recovery code worked twice");
    app.stop().await;
}

async fn the_operator_can_require_two_step_for_everyone(database: TestDatabase) {
    let mut config = database.server_config();
    config.app.require_two_factor = true;
    let app = TestApp::spawn_with(config).await;
    app.therapist("ana@example.org", PASSWORD).await;
    let response =
        app.call("sign_in", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
    assert_eq!(response.headers()["location"], "/account/two-step");
    assert!(app.viewer_of(&app.client).await.get("MustEnrolSecondFactor").is_some());
    // Nothing else until two-step is set up.
    assert_eq!(app.call("list_my_activity", &[("page", "1")]).await.status(), 401);
    assert_eq!(app.call("invite_colleague", &[]).await.status(), 401);

    let enrolment: serde_json::Value =
        app.call("begin_two_factor", &[]).await.json().await.unwrap();
    let code = totp::code_at(enrolment["secret"].as_str().unwrap(), now()).unwrap();
    assert_eq!(app.call("confirm_two_factor", &[("code", &code)]).await.status(), 200);
    assert_eq!(app.call("list_my_activity", &[("page", "1")]).await.status(), 200);
    // And it cannot be turned off.
    let off = app.call("disable_two_factor", &[("password", PASSWORD), ("code", "000000")]).await;
    assert_eq!(off.status(), 422);
    app.stop().await;
}

/// Opening the set-up page makes a secret; a link on another site must not start it.
async fn two_step_set_up_does_not_start_from_another_site(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    app.therapist("ana@example.org", PASSWORD).await;
    assert_eq!(app.sign_in_as(&app.client, "ana@example.org", PASSWORD).await, 200);
    let page = |site: &'static str| {
        app.client.get(app.url("/account/two-step")).header("sec-fetch-site", site).send()
    };
    let from_elsewhere = page("cross-site").await.unwrap().text().await.unwrap();
    assert!(from_elsewhere.contains("opens only from within Parallel"), "{from_elsewhere}");
    assert!(!from_elsewhere.contains("<svg"), "no secret is shown to another site's link");
    let therapist = app::therapist::store::find_therapist_by_email(&app.db, "ana@example.org")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(therapist.totp_pending_secret, None, "no secret was made");

    let from_here = page("same-origin").await.unwrap().text().await.unwrap();
    assert!(from_here.contains("<svg"), "{from_here}");
    app.stop().await;
}

/// A session left open, or a password seen over a shoulder, is not enough to take
/// the second step away (and turning it off is the only way to replace it).
async fn turning_two_step_off_needs_the_password_and_a_code(database: TestDatabase) {
    async fn off(app: &TestApp, password: &str, code: &str) -> u16 {
        let form = [("password", password), ("code", code)];
        app.call("disable_two_factor", &form).await.status().as_u16()
    }
    async fn enabled(app: &TestApp) -> serde_json::Value {
        app.viewer_of(&app.client).await["Therapist"]["two_factor_enabled"].clone()
    }

    let app = TestApp::spawn(&database).await;
    let (_, codes, _) = enrol(&app).await;
    assert_eq!(app.call("disable_two_factor", &[("password", PASSWORD)]).await.status(), 400);
    assert_eq!(off(&app, PASSWORD, "000000").await, 401, "a wrong code");
    assert_eq!(off(&app, "not my password", &codes[0]).await, 422, "a wrong password");
    assert_eq!(enabled(&app).await, true);

    assert_eq!(off(&app, PASSWORD, &codes[0]).await, 200);
    assert_eq!(enabled(&app).await, false);
    app.stop().await;
}

//! The security baseline over real HTTP: cross-site refusal, headers on every
//! route, the page CSP's nonce, body limits and generic errors with a reference.

use app::error::AppError;
use leptos::server_fn::error::ServerFnUrlError;

use crate::common;
use crate::common::{TestApp, TestDatabase};

backend_tests!(
    cross_site_posts_are_refused,
    get_routes_that_change_something_refuse_other_sites,
    only_get_head_and_post_are_accepted,
    security_headers_are_on_every_route,
    pages_allow_only_their_own_nonced_scripts,
    oversized_bodies_get_413_with_headers,
    internal_errors_are_generic_and_carry_the_request_id,
    plain_form_posts_return_to_their_page_with_the_error,
    an_error_in_the_address_shows_only_when_the_server_put_it_there,
    behind_https_cookies_are_secure_and_hsts_is_sent,
);

async fn cross_site_posts_are_refused(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let post = |headers: &'static [(&'static str, &'static str)]| {
        let mut request = app.client.post(app.url("/api/check_service_status")).body("");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send()
    };
    let refused = [
        &[("sec-fetch-site", "cross-site")][..],
        &[("sec-fetch-site", "same-site")],
        &[("origin", "https://evil.example")],
        &[("origin", "null")],
    ];
    for headers in refused {
        assert_eq!(post(headers).await.unwrap().status(), 403, "{headers:?}");
    }
    let same_origin = format!("http://{}", app.addr);
    let allowed = app
        .client
        .post(app.url("/api/check_service_status"))
        .header("origin", &same_origin)
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(allowed.status(), 200);
    assert_eq!(post(&[("sec-fetch-site", "same-origin")]).await.unwrap().status(), 200);
    app.stop().await;
}

/// `/exit` ends a visit and an export is audited: a link or image on another site
/// must not do either. Typed, bookmarked and same-origin requests work as before.
async fn get_routes_that_change_something_refuse_other_sites(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let family = common::family::open_exercise(&app, "ana@example.org", &["Sam"]).await;
    let export = format!("/exercises/{}/export.json", family.exercise_id);
    for path in ["/exit", export.as_str()] {
        for site in ["cross-site", "same-site"] {
            let response =
                app.client.get(app.url(path)).header("sec-fetch-site", site).send().await.unwrap();
            assert_eq!(response.status(), 403, "{path} from {site}");
        }
    }
    let exported =
        app.client.get(app.url(&export)).header("sec-fetch-site", "same-origin").send().await;
    assert_eq!(exported.unwrap().status(), 200, "the therapist's own export still works");
    // Still signed in: the refused /exit ended nothing.
    assert_eq!(app.viewer_of(&app.client).await["Therapist"]["email"], "ana@example.org");
    let left = app.client.get(app.url("/exit")).header("sec-fetch-site", "none").send().await;
    assert_eq!(left.unwrap().status(), 303);
    app.stop().await;
}

async fn only_get_head_and_post_are_accepted(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    for method in ["PUT", "DELETE", "PATCH", "OPTIONS"] {
        let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
        let response =
            app.client.request(method.clone(), app.url("/api/sign_out")).send().await.unwrap();
        assert_eq!(response.status(), 405, "{method}");
    }
    app.stop().await;
}

async fn security_headers_are_on_every_route(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let mut responses = Vec::new();
    for path in ["/", "/sign-in", "/crisis", "/account", "/healthz", "/missing", "/pkg/missing.js"]
    {
        responses.push((path, app.client.get(app.url(path)).send().await.unwrap()));
    }
    responses.push(("POST /api/current_viewer", app.call("current_viewer", &[]).await));
    responses
        .push(("POST /api/list_my_activity", app.call("list_my_activity", &[("page", "1")]).await));
    for (path, response) in &responses {
        let header = |name: &str| {
            response.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
        };
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{path}");
        assert_eq!(header("x-frame-options"), "DENY", "{path}");
        let csp = header("content-security-policy");
        for directive in ["frame-ancestors 'none'", "base-uri 'none'"] {
            assert!(csp.contains(directive), "{path}: {csp}");
        }
        if !path.starts_with("/pkg/") {
            assert_eq!(header("cache-control"), "no-store", "{path}");
        }
        // Not served over https here: no HSTS.
        assert_eq!(header("strict-transport-security"), "", "{path}");
    }
    app.stop().await;
}

async fn pages_allow_only_their_own_nonced_scripts(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let response = app.client.get(app.url("/sign-in")).send().await.unwrap();
        let csp = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
        assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
        assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("object-src 'none'"), "{csp}");
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_owned();
        let html = response.text().await.unwrap();
        // Every inline script carries this response's nonce.
        let scripts = html.matches("<script").count();
        assert!(scripts > 0);
        assert_eq!(html.matches(&format!("nonce=\"{nonce}\"")).count(), scripts, "{html}");
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "the nonce repeats across responses");
    app.stop().await;
}

async fn oversized_bodies_get_413_with_headers(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let too_big = "x".repeat(server::http::limits::MAX_REQUEST_BODY_BYTES + 1);
    let response = app
        .client
        .post(app.url("/api/sign_in"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("email=a&password={too_big}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    app.stop().await;
}

async fn internal_errors_are_generic_and_carry_the_request_id(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    // A database that has gone away makes every query fail.
    app.db.close().await;
    let response = app
        .call("sign_in", &[("email", "ana@example.org"), ("password", "lantern orbit kettle")])
        .await;
    assert_eq!(response.status(), 500);
    let request_id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    let body = response.text().await.unwrap();
    assert!(body.contains(&format!("\"reference\":\"{request_id}\"")), "{body}");
    assert!(!body.to_lowercase().contains("pool"), "internal detail leaked: {body}");
    app.stop().await;
}

async fn plain_form_posts_return_to_their_page_with_the_error(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let response = app
        .client
        .post(app.url("/api/sign_in"))
        .header("accept", "text/html")
        .form(&[
            ("__return_to", "/sign-in"),
            ("email", "ana@example.org"),
            ("password", "not the password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap();
    let expected = format!("http://{}/sign-in?", app.addr);
    assert!(location.starts_with(&expected), "{location}");
    assert!(location.contains("__err="), "{location}");

    // Following it shows the error on the page, without JavaScript.
    let page = app.client.get(location).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("That email and password do not match"), "{page}");

    // A return path to another site is ignored.
    let response = app
        .client
        .post(app.url("/api/check_service_status"))
        .header("accept", "text/html")
        .form(&[("__return_to", "//evil.example/")])
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap();
    assert!(!location.contains("evil"), "{location}");
    app.stop().await;
}

/// Without JavaScript a form's error comes back in the address, and the page shows
/// it as its own words; a link made by anyone else must not put words there.
async fn an_error_in_the_address_shows_only_when_the_server_put_it_there(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let words = "Your account is locked. Call 555-0100 to open it.";
    let forged = ServerFnUrlError::new("/api/sign_in", AppError::Invalid(words.into()))
        .to_url(&app.url("/sign-in?next=%2Ffamilies"))
        .unwrap();
    let response = app.client.get(forged.as_str()).send().await.unwrap();
    assert_eq!(response.status(), 303, "a forged error is not shown");
    assert_eq!(response.headers()["location"], "/sign-in?next=%2Ffamilies", "the rest is kept");
    assert!(!response.text().await.unwrap().contains("555-0100"));

    // The server's own error, from a real post, is shown.
    let response = app
        .client
        .post(app.url("/api/sign_in"))
        .header("accept", "text/html")
        .form(&[("__return_to", "/sign-in"), ("email", "a@example.org"), ("password", "nope")])
        .send()
        .await
        .unwrap();
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.contains("__sig="), "{location}");
    let page = app.client.get(&location).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("That email and password do not match"));

    // Without its signature, or carried to another form, the same error is refused.
    let unsigned = location.split("&__sig=").next().unwrap().to_owned();
    let moved = location.replace("__path=%2Fapi%2Fsign_in", "__path=%2Fapi%2Fchange_password");
    assert_ne!(moved, location);
    for address in [unsigned, moved] {
        let response = app.client.get(&address).send().await.unwrap();
        assert_eq!(response.status(), 303, "{address}");
        assert_eq!(response.headers()["location"], "/sign-in");
    }
    app.stop().await;
}

async fn behind_https_cookies_are_secure_and_hsts_is_sent(database: TestDatabase) {
    let mut config = database.server_config();
    config.app.public_url = "https://parallel.example.org".into();
    let app = TestApp::spawn_with(config).await;
    app.therapist("ana@example.org", "lantern orbit kettle marble").await;
    let response = app
        .call(
            "sign_in",
            &[("email", "ana@example.org"), ("password", "lantern orbit kettle marble")],
        )
        .await;
    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-parallel_session="), "{cookie}");
    assert!(cookie.contains("; Secure") && cookie.contains("Path=/"), "{cookie}");
    assert!(!cookie.contains("Domain="), "{cookie}");
    let hsts = response.headers()["strict-transport-security"].to_str().unwrap();
    assert!(hsts.starts_with("max-age="), "{hsts}");
    // A form from the public origin is same-site; from elsewhere it is not.
    let post = |origin: &'static str| {
        app.client
            .post(app.url("/api/check_service_status"))
            .header("origin", origin)
            .body("")
            .send()
    };
    assert_eq!(post("https://parallel.example.org").await.unwrap().status(), 200);
    assert_eq!(post("http://parallel.example.org").await.unwrap().status(), 403);
    app.stop().await;
}

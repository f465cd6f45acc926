//! The real router over real HTTP: health, pages, the status server function.

use crate::common::{TestApp, TestDatabase};

backend_tests!(
    healthz_answers_ok_when_the_database_does,
    home_page_is_rendered_with_the_service_status,
    status_server_function_answers_over_http,
    plain_form_post_to_a_server_function_returns_to_the_page,
    crisis_page_lists_the_default_resources,
    unknown_pages_get_a_friendly_404,
    every_response_carries_a_request_id,
    oversized_request_bodies_are_refused,
    the_bundle_is_sent_precompressed_to_browsers_that_accept_it,
);

async fn healthz_answers_ok_when_the_database_does(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");

    // Once the pool is closed the same check must report the outage, not "ok".
    app.db.close().await;
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 503);
    app.stop().await;
}

async fn home_page_is_rendered_with_the_service_status(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let response = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("<main"), "no main landmark");
    assert!(html.contains("Everything is working."), "status missing: {html}");
    assert!(html.contains(r#"href="/crisis""#), "no crisis link");
    app.stop().await;
}

async fn status_server_function_answers_over_http(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let response = app
        .client
        .post(app.url("/api/check_service_status"))
        .header("accept", "application/json")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let status: serde_json::Value = response.json().await.unwrap();
    assert_eq!(status["database_ok"], true);
    assert!(status["checked_at_ms"].as_i64().unwrap() > 0);
    app.stop().await;
}

async fn plain_form_post_to_a_server_function_returns_to_the_page(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let home = app.url("/");
    let response = app
        .client
        .post(app.url("/api/check_service_status"))
        .header("accept", "text/html")
        .header("referer", &home)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap();
    // Leptos may append an empty query (where it would encode an error).
    assert_eq!(location.trim_end_matches('?'), home);
    app.stop().await;
}

async fn crisis_page_lists_the_default_resources(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let html = app.client.get(app.url("/crisis")).send().await.unwrap().text().await.unwrap();
    for expected in ["988", "1-800-799-7233", "88788", "1-800-662-4357", "911"] {
        assert!(html.contains(expected), "{expected} missing from the crisis page");
    }
    app.stop().await;
}

async fn unknown_pages_get_a_friendly_404(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let response = app.client.get(app.url("/no/such/page")).send().await.unwrap();
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("We could not find that page"));
    app.stop().await;
}

async fn every_response_carries_a_request_id(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let mut seen = Vec::new();
    for path in ["/", "/healthz", "/crisis", "/missing"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        let id = response.headers().get("x-request-id").expect("x-request-id");
        seen.push(id.to_str().unwrap().to_owned());
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 4, "request ids repeat: {seen:?}");
    // An id the client sends is never taken: the server's own is in logs and errors.
    let response = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "planted-by-client")
        .send()
        .await
        .unwrap();
    let id = response.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(id.len() == 16 && id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
    app.stop().await;
}

async fn oversized_request_bodies_are_refused(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let too_big = "a=".to_owned() + &"x".repeat(server::http::limits::MAX_REQUEST_BODY_BYTES);
    let response = app
        .client
        .post(app.url("/api/check_service_status"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(too_big)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    app.stop().await;
}

/// `make run` builds with `--precompress`, leaving `.br` and `.gz` beside each file
/// of the bundle: a phone that accepts brotli gets those bytes (the WASM: 0.6 MB
/// instead of 2.6), one that accepts nothing gets the file itself, and neither
/// keeps a copy it does not check again (the names do not change per release).
async fn the_bundle_is_sent_precompressed_to_browsers_that_accept_it(database: TestDatabase) {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    let files = [("app.wasm", "RAW"), ("app.wasm.br", "BROTLI"), ("app.wasm.gz", "GZIP")];
    for (name, content) in files {
        std::fs::write(pkg.join(name), content).unwrap();
    }
    let mut config = database.server_config();
    config.site_root = site.path().to_owned();
    let app = TestApp::spawn_with(config).await;

    for (accepts, encoding, body) in [
        ("br, gzip, deflate", "br", "BROTLI"),
        ("gzip, deflate", "gzip", "GZIP"),
        ("identity", "", "RAW"),
    ] {
        let response = app
            .client
            .get(app.url("/pkg/app.wasm"))
            .header("accept-encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{accepts}");
        let header = |name: &str| {
            response.headers().get(name).map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
        };
        assert_eq!(header("content-encoding"), encoding, "{accepts}");
        assert_eq!(header("content-type"), "application/wasm", "{accepts}");
        assert_eq!(header("cache-control"), "no-cache", "{accepts}");
        assert!(header("vary").to_lowercase().contains("accept-encoding"), "{accepts}");
        let modified = header("last-modified");
        assert_eq!(response.text().await.unwrap(), body, "{accepts}");

        // Asking whether a kept copy is current costs no body.
        let again = app
            .client
            .get(app.url("/pkg/app.wasm"))
            .header("accept-encoding", accepts)
            .header("if-modified-since", modified)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 304, "{accepts}");
    }
    app.stop().await;
}

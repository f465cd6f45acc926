//! Bad input to every server function, as every kind of caller: random bytes,
//! broken encodings, oversized and unknown fields, hostile numbers and ids, broken
//! JSON. Never a 5xx, never a panic (which would be a 500 or a dropped
//! connection); what is refused is refused with a 4xx and a plain message.
//!
//! `BAD_INPUT_ROUNDS` (default 1) repeats the random cases with new seeds;
//! `make soak` runs more.

use crate::common::{TestApp, TestDatabase, family::open_exercise, spawn::new_client};

backend_tests!(no_input_makes_any_server_function_fail_on_the_server_side);

/// Argument names the server functions use, each sent with hostile values.
const NAMES: &[&str] = &[
    "exercise_id",
    "family_id",
    "participant_id",
    "invitation_id",
    "template_id",
    "flag_id",
    "step_id",
    "section_key",
    "pair_key",
    "subject_id",
    "rating",
    "number",
    "done",
    "revealed",
    "discussed",
    "page",
    "code",
    "email",
    "password",
    "name",
    "display_name",
    "role",
    "relationship",
    "age_band",
    "focus",
    "due_date",
    "to",
    "target",
    "body",
    "what",
    "who_id",
    "by_when",
    "source",
    "purpose",
    "token",
    "field",
    "kind",
    "archived",
    "confirm_name",
    "current_password",
    "new_password",
    "confirm_password",
    "template",
    "links",
    "for_id",
];

const HOSTILE: &[&str] = &[
    "-1",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    "",
    "../../etc/passwd",
    "' OR 1=1 --",
    "\u{0}",
    "\u{202e}evil\u{202d}",
    "😀😀😀",
    "true",
    "[object Object]",
];

/// A small deterministic generator: failures reproduce from the seed printed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// One bad request body: its content type and bytes.
struct Case {
    what: String,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Case {
    /// The server refuses an oversized body before reading it all and closes the
    /// connection; the client must not reuse it for the next case.
    fn closes_connection(&self) -> bool {
        self.body.len() > 256 * 1024
    }
}

fn cases(seed: u64) -> Vec<Case> {
    let mut random = XorShift(seed | 1);
    let form = "application/x-www-form-urlencoded";
    let json = "application/json";
    let mut cases = vec![
        Case { what: "empty form".into(), content_type: form, body: Vec::new() },
        Case { what: "invalid UTF-8".into(), content_type: form, body: b"x=%FF%FE%00&y=\xff\xfe".to_vec() },
        Case { what: "unknown fields".into(), content_type: form, body: b"nonsense=1&__proto__=x&a[b]=c".to_vec() },
        Case {
            what: "one 300 KB field".into(),
            content_type: form,
            body: format!("body={}", "a".repeat(300 * 1024)).into_bytes(),
        },
        Case { what: "broken JSON".into(), content_type: json, body: b"{\"answer\": ".to_vec() },
        Case { what: "JSON of the wrong shape".into(), content_type: json, body: b"[1, 2, {\"answer\": 5}]".to_vec() },
        Case {
            what: "deeply nested JSON".into(),
            content_type: json,
            body: format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
        },
        Case {
            what: "a JSON answer with hostile values".into(),
            content_type: json,
            body: br#"{"answer":{"key":{"prompt_key":"closing.friend","about":"x"},"value":{"kind":"scale","score":-5},"visibility":"everyone","base_version":-99999999999,"writer":""}}"#.to_vec(),
        },
    ];
    for len in [16, 1000, 100_000] {
        cases.push(Case {
            what: format!("{len} random bytes (seed {seed})"),
            content_type: form,
            body: random.bytes(len),
        });
    }
    for value in HOSTILE {
        let body = NAMES
            .iter()
            .map(|name| format!("{name}={}", urlencode(value)))
            .collect::<Vec<_>>()
            .join("&");
        cases.push(Case {
            what: format!("every argument = {value:?}"),
            content_type: form,
            body: body.into_bytes(),
        });
    }
    let long = "x".repeat(10_000);
    let body = NAMES.iter().map(|name| format!("{name}={long}")).collect::<Vec<_>>().join("&");
    cases.push(Case {
        what: "every argument 10,000 characters".into(),
        content_type: form,
        body: body.into_bytes(),
    });
    cases
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

async fn no_input_makes_any_server_function_fail_on_the_server_side(database: TestDatabase) {
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, "ana@example.org", &["Sam"]).await;
    let sam = exercise.join("Sam").await;
    let callers =
        [("anonymous", new_client()), ("therapist", app.client.clone()), ("participant", sam)];
    let mut endpoints: Vec<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned()).collect();
    endpoints.sort();
    // Signing out ends the caller's session: last, so everything else is tried signed in.
    endpoints.sort_by_key(|path| path.contains("sign_out"));
    let rounds: u64 =
        std::env::var("BAD_INPUT_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(1);
    let (mut sent, mut refused) = (0usize, 0usize);
    let mut problems = Vec::new();
    for round in 0..rounds {
        let cases = cases(0x9e37_79b9_7f4a_7c15 ^ round);
        for endpoint in &endpoints {
            for (who, client) in &callers {
                for case in &cases {
                    let connection = if case.closes_connection() { "close" } else { "keep-alive" };
                    let response = client
                        .post(app.url(endpoint))
                        .header("connection", connection)
                        .header("content-type", case.content_type)
                        .header("accept", "application/json")
                        .body(case.body.clone())
                        .send()
                        .await;
                    sent += 1;
                    let status = match response {
                        Ok(response) => response.status().as_u16(),
                        Err(error) => {
                            problems.push(format!(
                                "{endpoint} as {who}, {}: no answer ({error})",
                                case.what
                            ));
                            continue;
                        }
                    };
                    if status >= 500 {
                        problems.push(format!("{endpoint} as {who}, {}: {status}", case.what));
                    }
                    if (400..500).contains(&status) {
                        refused += 1;
                    }
                }
            }
        }
    }
    println!(
        "{} backend: {sent} bad requests to {} server functions as 3 kinds of caller; {refused} refused with a 4xx, the rest harmless (no arguments needed); 0 server errors allowed",
        database.backend.name(),
        endpoints.len()
    );
    assert!(problems.is_empty(), "{} failures:\n{}", problems.len(), problems.join("\n"));
    // The server is still well.
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 200);
    app.stop().await;
}

//! A crash during autosave loses nothing that was acknowledged: participants save
//! as fast as they can, the server is killed with SIGKILL mid-load, started again,
//! and every save it had answered 200 to is there (both backends).
//!
//! `CRASH_LOAD_MS` (default 1500) sets how long the load runs before the kill;
//! `make soak` runs it longer.

use std::{
    process::{Child, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use crate::common::{
    TestApp, TestDatabase,
    family::open_exercise,
    process::{collect_lines, server_command, wait_for_line},
};
use serde_json::{Value, json};
use tokio::sync::Mutex;

backend_tests!(acknowledged_saves_survive_a_kill_9_mid_load);

const PROMPTS: &[&str] = &["closing.friend", "closing.this_week", "closing.asking"];

fn start(database: &TestDatabase) -> (Child, String) {
    let mut child = server_command(database)
        .env("PARALLEL_BIND", "127.0.0.1:0")
        .env("PARALLEL_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let lines = collect_lines(child.stdout.take().unwrap());
    let base = wait_for_line(&lines, "Parallel is ready at ");
    (child, base)
}

async fn acknowledged_saves_survive_a_kill_9_mid_load(database: TestDatabase) {
    // Set-up through the real app, then the real binary on the same database.
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, "ana@example.org", &["Sam", "Pat", "Jo", "Kim"]).await;
    let mut people = Vec::new();
    for name in ["Alex", "Sam", "Pat", "Jo", "Kim"] {
        let client = exercise.join(name).await;
        assert_eq!(app.call_as(&client, "start_answering", &[]).await.status(), 200);
        people.push((name, client));
    }
    app.stop().await;
    let (mut server, base) = start(&database);

    // Each (person, question) saves "<slot> #<n>" back to back; the last n the
    // server acknowledged is kept.
    let load_for = Duration::from_millis(
        std::env::var("CRASH_LOAD_MS").ok().and_then(|ms| ms.parse().ok()).unwrap_or(1500),
    );
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for (name, client) in &people {
        for prompt in PROMPTS {
            let (client, base, acknowledged) = (client.clone(), base.clone(), acknowledged.clone());
            let slot = format!("{name} {prompt}");
            let prompt = prompt.to_string();
            tasks.push(tokio::spawn(async move {
                let (mut version, mut last) = (0i64, None);
                for n in 1.. {
                    let body = json!({ "answer": {
                        "key": { "prompt_key": prompt, "about": null },
                        "value": { "kind": "text", "text": format!("{slot} #{n}") },
                        "visibility": "shared", "base_version": version, "writer": "crash",
                    }});
                    let sent = client
                        .post(format!("{base}/api/save_answer"))
                        .header("accept", "application/json")
                        .timeout(Duration::from_secs(5))
                        .json(&body)
                        .send()
                        .await;
                    let Ok(response) = sent else { break };
                    if response.status() != 200 {
                        break;
                    }
                    let Ok(saved) = response.json::<Value>().await else { break };
                    version = saved["version"].as_i64().unwrap_or(version);
                    last = Some(n);
                }
                acknowledged.lock().await.push((slot, prompt, last));
            }));
        }
    }
    tokio::time::sleep(load_for).await;
    let killed_at = Instant::now();
    server.kill().unwrap(); // SIGKILL: no graceful anything
    server.wait().unwrap();
    for task in tasks {
        task.await.unwrap();
    }
    assert!(killed_at.elapsed() < Duration::from_secs(10), "clients hung after the kill");

    // Started again on the same data: every acknowledged save is there.
    let (mut server, base) = start(&database);
    let acknowledged = acknowledged.lock().await.clone();
    let total: usize = acknowledged.iter().map(|(_, _, last)| last.unwrap_or(0)).sum();
    let mut found = 0;
    for (name, client) in &people {
        let closing = client
            .post(format!("{base}/api/answer_section"))
            .header("accept", "application/json")
            .form(&[("number", "6")])
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap();
        for (slot, prompt, last) in
            acknowledged.iter().filter(|(slot, _, _)| slot.starts_with(name))
        {
            let item = closing["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["key"]["prompt_key"] == *prompt);
            let stored = item.and_then(|i| i["answer"]["text"].as_str()).unwrap_or("");
            let stored_n: usize =
                stored.rsplit('#').next().and_then(|n| n.parse().ok()).unwrap_or(0);
            // A save sent just before the kill may have landed unacknowledged (n + 1).
            assert!(
                stored_n >= last.unwrap_or(0),
                "{slot}: acknowledged #{last:?}, found {stored:?} after the restart"
            );
            found += stored_n.min(last.unwrap_or(0));
        }
    }
    println!(
        "{}: {total} saves acknowledged before SIGKILL, {found} found after the restart ({} slots)",
        database.backend.name(),
        acknowledged.len()
    );
    assert!(total > 0, "the load made no saves before the kill");
    server.kill().unwrap();
    server.wait().unwrap();
}

//! Participants saving every 2 s, as autosave does while they type: saves per
//! second, latency and errors at 200 and 1,000 participants on each backend,
//! against raw inserts of the same rows; the server's memory idle and under load.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use app::{db::Db, exercise::ExerciseStatus};
use serde_json::json;

use crate::{
    client,
    database::BenchDatabase,
    phase,
    seed::seed,
    server::ServerProcess,
    stats::{Latencies, ms},
};

const EVERY: Duration = Duration::from_secs(2);
/// Tasks writing raw rows at once for the baseline.
const RAW_CONCURRENCY: usize = 16;
const PROMPT: &str = "closing.friend";

pub async fn run() {
    println!("## Autosave under load (each participant saves every 2 s)");
    for participants in [200, 1000] {
        measure(BenchDatabase::sqlite(), participants).await;
    }
    for participants in [200, 1000] {
        match BenchDatabase::postgres().await {
            Some(database) => {
                measure_and_drop(database, participants).await;
            }
            None => println!("PostgreSQL: skipped (set TEST_DATABASE_URL_POSTGRES)\n"),
        }
    }
}

async fn measure_and_drop(database: BenchDatabase, participants: usize) {
    let database = measure(database, participants).await;
    database.drop_database().await;
}

async fn measure(database: BenchDatabase, participants: usize) -> BenchDatabase {
    let backend = database.backend.name();
    let db = database.connect(4).await;
    let seeded = seed(&db, participants / 5, 4, false, ExerciseStatus::Open).await;
    db.close().await;
    let people: Vec<(String, String, String)> = seeded
        .exercises
        .iter()
        .flat_map(|e| e.people.iter().map(|p| (e.id.clone(), p.id.clone(), p.cookie.clone())))
        .collect();

    let server = Arc::new(ServerProcess::start(&database.url, database.dir.path(), &[]));
    tokio::time::sleep(Duration::from_millis(500)).await;
    let idle_rss = server.rss_mib();
    let peak_rss = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (server, peak) = (server.clone(), peak_rss.clone());
        tokio::spawn(async move {
            loop {
                peak.fetch_max(server.rss_mib() as u64, Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
        })
    };

    let client = client();
    let start = Instant::now() + Duration::from_millis(500);
    let end = start + phase();
    let url = Arc::new(format!("{}/api/save_answer", server.base));
    let mut tasks = Vec::new();
    for (i, (_, _, cookie)) in people.iter().enumerate() {
        let (client, url, cookie) = (client.clone(), url.clone(), cookie.clone());
        // Spread evenly over the 2 s, as people typing are.
        let offset = EVERY.mul_f64(i as f64 / people.len() as f64);
        tasks.push(tokio::spawn(async move {
            let mut latencies = Latencies::default();
            let (mut errors, mut version) = (0usize, 0i64);
            let mut due = start + offset;
            while due < end {
                tokio::time::sleep_until(due.into()).await;
                let body = json!({ "answer": {
                    "key": { "prompt_key": PROMPT, "about": null },
                    "value": { "kind": "text", "text": format!("Be kind to yourself. Saved at version {version}.") },
                    "visibility": "shared",
                    "base_version": version,
                    "writer": "bench",
                }});
                let sent = Instant::now();
                let response = client
                    .post(url.as_str())
                    .header("cookie", &cookie)
                    .header("accept", "application/json")
                    .json(&body)
                    .send()
                    .await;
                match response {
                    Ok(response) if response.status() == 200 => {
                        let saved: serde_json::Value = response.json().await.unwrap_or_default();
                        version = saved["version"].as_i64().unwrap_or(version);
                        latencies.push(sent.elapsed());
                    }
                    _ => errors += 1,
                }
                due += EVERY;
            }
            (latencies, errors)
        }));
    }
    let mut latencies = Latencies::default();
    let mut errors = 0;
    for task in tasks {
        let (measured, failed) = task.await.expect("a participant task");
        latencies.extend(measured);
        errors += failed;
    }
    sampler.abort();
    let _ = sampler.await;
    let saves = latencies.len();
    println!(
        "{backend}, {participants} participants: {saves} saves in {}s = {:.0} saves/s, p50 {}, p99 {}, max {}, errors {errors}; server RSS idle {idle_rss:.0} MiB, peak {} MiB",
        phase().as_secs(),
        saves as f64 / phase().as_secs_f64(),
        ms(latencies.percentile(50.0)),
        ms(latencies.percentile(99.0)),
        ms(latencies.max()),
        peak_rss.load(Ordering::Relaxed),
    );
    drop(server);

    // The baseline: the same rows written straight with SQL, each in its own
    // write transaction, as fast as the database takes them.
    let db = database.connect(RAW_CONCURRENCY as u32).await;
    let (raw, elapsed) = raw_inserts(&db, &people, saves.max(1)).await;
    let mut raw = raw;
    println!(
        "{backend}, raw inserts of {saves} rows: {:.0} rows/s, p50 {}, p99 {}; save p50 / raw p50 = {:.1}\n",
        saves as f64 / elapsed.as_secs_f64(),
        ms(raw.percentile(50.0)),
        ms(raw.percentile(99.0)),
        latencies.percentile(50.0).as_secs_f64() / raw.percentile(50.0).as_secs_f64().max(1e-9),
    );
    db.close().await;
    database
}

async fn raw_inserts(
    db: &Db,
    people: &[(String, String, String)],
    rows: usize,
) -> (Latencies, Duration) {
    let next = Arc::new(AtomicU64::new(0));
    let people = Arc::new(people.to_vec());
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..RAW_CONCURRENCY {
        let (db, next, people) = (db.clone(), next.clone(), people.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Latencies::default();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed) as usize;
                if n >= rows {
                    break;
                }
                let (exercise, participant, _) = &people[n % people.len()];
                let value = json!({"kind": "text", "text": format!("Be kind to yourself. Row {n}.")}).to_string();
                let sent = Instant::now();
                db.write(
                    sqlx::query(
                        "INSERT INTO answers (exercise_id, participant_id, prompt_key, about_id, value, \
                         visibility, version, saved_at, writer) VALUES ($1, $2, $3, '', $4, 'shared', 1, $5, 'raw') \
                         ON CONFLICT (exercise_id, participant_id, prompt_key, about_id) DO UPDATE SET \
                         value = excluded.value, version = answers.version + 1, saved_at = excluded.saved_at",
                    )
                    .bind(exercise)
                    .bind(participant)
                    .bind(PROMPT)
                    .bind(value)
                    .bind(n as i64),
                )
                .await
                .expect("a raw insert");
                latencies.push(sent.elapsed());
            }
            latencies
        }));
    }
    let mut all = Latencies::default();
    for task in tasks {
        all.extend(task.await.expect("a raw task"));
    }
    (all, started.elapsed())
}

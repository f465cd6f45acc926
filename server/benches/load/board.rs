//! The session board's page, rendered on the server, for a family of six with the
//! whole template answered and every section revealed: requests per second and
//! latency, against the same bytes served from memory by the same HTTP stack.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use app::exercise::ExerciseStatus;

use crate::{
    client,
    database::BenchDatabase,
    phase,
    seed::seed,
    server::{ServerProcess, StaticServer},
    stats::{Latencies, median, ms},
};

/// Connections kept busy at once: enough to fill two cores.
const CONCURRENCY: usize = 8;
const RUNS: usize = 3;

pub async fn run() {
    println!("## Session board SSR (family of six, whole template answered, all revealed)");
    let database = BenchDatabase::sqlite();
    let db = database.connect(2).await;
    let seeded = seed(&db, 1, 5, true, ExerciseStatus::InSession).await;
    db.close().await;
    let server = ServerProcess::start(&database.url, database.dir.path(), &[]);
    let url = format!("{}/exercises/{}/board", server.base, seeded.exercises[0].id);
    let cookie = seeded.therapist_cookie.clone();

    let body = client().get(&url).header("cookie", &cookie).send().await.expect("the board");
    assert_eq!(body.status(), 200, "the board page should render");
    let body = body.bytes().await.expect("a body");
    assert!(body.len() > 50_000, "the board should carry the answers ({} bytes)", body.len());
    let body_file = database.dir.path().join("board.html");
    std::fs::write(&body_file, &body).expect("write the page");
    let baseline = StaticServer::start(&body_file);
    println!("page: {} KiB of HTML", body.len() / 1024);

    let (mut board_rps, mut static_rps) = (Vec::new(), Vec::new());
    let mut board_latencies = Latencies::default();
    let mut static_latencies = Latencies::default();
    for run in 1..=RUNS {
        let (rps, latencies) = closed_loop(&url, Some(&cookie)).await;
        board_rps.push(rps);
        board_latencies.extend(latencies);
        let (rps, latencies) = closed_loop(&format!("{}/", baseline.base), None).await;
        static_rps.push(rps);
        static_latencies.extend(latencies);
        println!(
            "run {run}: board {:.0} req/s, from memory {:.0} req/s",
            board_rps[run - 1],
            static_rps[run - 1]
        );
    }
    let (board, memory) = (median(board_rps), median(static_rps));
    println!(
        "board: {board:.0} req/s (median of {RUNS}), p50 {}, p99 {}; from memory: {memory:.0} req/s, p50 {}, p99 {}; ratio {:.2}",
        ms(board_latencies.percentile(50.0)),
        ms(board_latencies.percentile(99.0)),
        ms(static_latencies.percentile(50.0)),
        ms(static_latencies.percentile(99.0)),
        board / memory,
    );
    println!("server RSS after the board runs: {:.0} MiB\n", server.rss_mib());
    drop(baseline);
    drop(server);
}

/// `CONCURRENCY` connections asking for `url` back to back for one phase (after a
/// one-second warm-up). Returns requests per second and each request's latency.
async fn closed_loop(url: &str, cookie: Option<&str>) -> (f64, Latencies) {
    let client = client();
    let warm_up = Instant::now() + Duration::from_secs(1);
    let end = warm_up + phase();
    let url = Arc::new(url.to_owned());
    let cookie = Arc::new(cookie.map(str::to_owned));
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let (client, url, cookie) = (client.clone(), url.clone(), cookie.clone());
        tasks.push(tokio::spawn(async move {
            let mut latencies = Latencies::default();
            let mut errors = 0usize;
            loop {
                let started = Instant::now();
                if started >= end {
                    break;
                }
                let mut request = client.get(url.as_str());
                if let Some(cookie) = cookie.as_deref() {
                    request = request.header("cookie", cookie);
                }
                let ok = match request.send().await {
                    Ok(response) => response.status() == 200 && response.bytes().await.is_ok(),
                    Err(_) => false,
                };
                if started >= warm_up {
                    if ok {
                        latencies.push(started.elapsed());
                    } else {
                        errors += 1;
                    }
                }
            }
            (latencies, errors)
        }));
    }
    let mut all = Latencies::default();
    let mut errors = 0;
    for task in tasks {
        let (latencies, failed) = task.await.expect("a load task");
        all.extend(latencies);
        errors += failed;
    }
    assert_eq!(errors, 0, "requests failed under load");
    (all.len() as f64 / phase().as_secs_f64(), all)
}

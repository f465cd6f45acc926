//! The database goes away mid-load and comes back (PostgreSQL): while it is away
//! the server answers with errors within seconds (never hangs) and its health
//! check says so; afterwards it recovers by itself, saves succeed again, and the
//! live-update listener reconnects and tells open pages to fetch their state.
//!
//! Two kinds of "away". In `make test`, to this test's own database only, so other
//! tests sharing the PostgreSQL server are not disturbed: new connections are
//! refused (`ALLOW_CONNECTIONS false`) and every open one is terminated. In
//! `make soak`, the whole PostgreSQL server is stopped (`pg_ctlcluster … stop`) and
//! started again, which needs root and nothing else using that server meanwhile;
//! that test is marked ignored, and `make soak` runs it on its own.

use std::time::{Duration, Instant};

use crate::common::{
    TestApp, TestDatabase,
    family::{EventStream, open_exercise, save, text},
};
use sqlx::{Connection, Executor};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saves_fail_fast_while_postgres_is_away_and_recover_by_themselves() {
    outage_and_recovery(Outage::RefuseConnections).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "stops the whole PostgreSQL server (needs root): `make soak` runs it alone"]
async fn saves_fail_fast_while_postgres_is_stopped_and_recover_once_it_starts() {
    outage_and_recovery(Outage::StopServer).await;
}

#[derive(Clone, Copy, Debug)]
enum Outage {
    /// This test's database refuses connections; open ones are terminated.
    RefuseConnections,
    /// The PostgreSQL server itself is stopped, then started.
    StopServer,
}

impl Outage {
    async fn begin(self, database: &TestDatabase) {
        match self {
            Outage::RefuseConnections => {
                let name = database_name(database);
                let mut admin = admin().await;
                admin
                    .execute(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false").as_str())
                    .await
                    .unwrap();
                admin
                    .execute(
                        format!(
                            "SELECT CAST(pg_terminate_backend(pid) AS TEXT) FROM pg_stat_activity \
                             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
                        )
                        .as_str(),
                    )
                    .await
                    .unwrap();
                admin.close().await.ok();
            }
            Outage::StopServer => pg_ctlcluster("stop"),
        }
    }

    async fn end(self, database: &TestDatabase) {
        match self {
            Outage::RefuseConnections => {
                let name = database_name(database);
                let mut admin = admin().await;
                admin
                    .execute(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true").as_str())
                    .await
                    .unwrap();
                admin.close().await.ok();
            }
            Outage::StopServer => pg_ctlcluster("start"),
        }
    }
}

async fn admin() -> sqlx::AnyConnection {
    let admin_url = std::env::var("TEST_DATABASE_URL_POSTGRES").unwrap();
    sqlx::AnyConnection::connect(&admin_url).await.unwrap()
}

fn database_name(database: &TestDatabase) -> String {
    database.url.rsplit('/').next().unwrap().split('?').next().unwrap().to_owned()
}

/// Stops or starts the machine's (first) Debian PostgreSQL cluster, as
/// `.ci/postgres-url` found it.
fn pg_ctlcluster(action: &str) {
    let clusters = std::process::Command::new("pg_lsclusters").arg("--no-header").output();
    let clusters = String::from_utf8(clusters.expect("pg_lsclusters runs").stdout).unwrap();
    let mut fields = clusters.lines().next().expect("a PostgreSQL cluster").split_whitespace();
    let (version, name) = (fields.next().unwrap(), fields.next().unwrap());
    let mut command = std::process::Command::new("pg_ctlcluster");
    command.args([version, name, action]);
    if action == "stop" {
        // Fast: open connections are cut off at once, as in a crash or failover.
        command.args(["--", "-m", "fast"]);
    }
    let status = command.status().expect("pg_ctlcluster runs");
    assert!(status.success(), "pg_ctlcluster {action} failed");
}

async fn outage_and_recovery(outage: Outage) {
    let Some(database) = TestDatabase::postgres().await else { return };
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, "ana@example.org", &["Sam"]).await;
    let sam = exercise.join("Sam").await;
    assert_eq!(app.call_as(&sam, "start_answering", &[]).await.status(), 200);
    let base = app.url("");
    assert_eq!(save(&base, &sam, "closing.friend", None, text("before"), "shared").await, 200);
    let mut therapist_stream = EventStream::open(&app.client, &base).await;
    assert_eq!(therapist_stream.next(Duration::from_secs(5)).await.unwrap().name, "change");

    outage.begin(&database).await;
    println!("{outage:?}: the database is away");

    // Away: errors, quickly, and an honest health check.
    let asked = Instant::now();
    let status = save(&base, &sam, "closing.friend", None, text("while away"), "shared").await;
    let took = asked.elapsed();
    assert!(status >= 500, "a save with no database answered {status}");
    assert!(took < Duration::from_secs(15), "a save with no database took {took:?}");
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status(), 503);
    println!("with the database away: save answered {status} after {took:?}; /healthz 503");

    // Back: the next saves succeed without restarting anything.
    outage.end(&database).await;
    let back = Instant::now();
    let mut status = 0;
    while back.elapsed() < Duration::from_secs(30) {
        status = save(&base, &sam, "closing.friend", None, text("after"), "shared").await;
        if status == 200 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(status, 200, "saves did not recover within 30 s");
    println!("saves recovered {:?} after the database came back", back.elapsed());
    let closing: serde_json::Value =
        app.call_as(&sam, "answer_section", &[("number", "6")]).await.json().await.unwrap();
    let stored = closing["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["key"]["prompt_key"] == "closing.friend")
        .map(|item| item["answer"]["text"].clone())
        .unwrap();
    assert_eq!(stored, "after");

    // The live listener lost its connection too: once back it tells pages to resync.
    let deadline = Instant::now() + Duration::from_secs(40);
    let mut resynced = false;
    while Instant::now() < deadline {
        match therapist_stream.next(Duration::from_secs(5)).await {
            Some(event) if event.data.contains("\"resync\"") => {
                resynced = true;
                break;
            }
            Some(_) | None => continue,
        }
    }
    assert!(resynced, "the therapist's page was not told to resync after the database came back");
    app.stop().await;
}

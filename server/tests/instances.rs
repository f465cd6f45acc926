//! Two instances behind one load balancer behave as one: with PostgreSQL, a reveal
//! made on instance A reaches a participant whose live stream is on instance B
//! (a separate server process) within 2 s, through `LISTEN/NOTIFY`.

use std::{
    process::Stdio,
    time::{Duration, Instant},
};

use crate::common::{
    TestApp, TestDatabase,
    family::{EventStream, open_exercise, open_link, save, text},
    process::{collect_lines, server_command, wait_for_line},
    spawn::new_client,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reveal_on_one_instance_reaches_a_participant_on_another() {
    let Some(database) = TestDatabase::postgres().await else { return };
    // Instance A serves the therapist; B, a separate process on the same database
    // and data directory (so the same secret key), serves Sam.
    let a = TestApp::spawn(&database).await;
    let mut b = server_command(&database)
        .env("PARALLEL_BIND", "127.0.0.1:0")
        .env("PARALLEL_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop_guard();
    let lines = collect_lines(b.0.stdout.take().unwrap());
    let b_base = wait_for_line(&lines, "Parallel is ready at ");

    let exercise = open_exercise(&a, "ana@example.org", &["Sam"]).await;
    let id = exercise.exercise_id.clone();
    let on_b = |link: &str| format!("{b_base}{}", &link[link.find("/j/").unwrap()..]);
    let sam = new_client();
    // Through B: the passcode chosen there is the one any instance asks for.
    open_link(&sam, &on_b(&exercise.links["Sam"])).await;
    assert_eq!(
        sam.post(format!("{b_base}/api/start_answering"))
            .header("accept", "application/json")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    // Saved through B, so through the same database A reads.
    assert_eq!(
        save(&b_base, &sam, "impact.moment.family", None, text("SAM-ON-B"), "shared").await,
        200
    );

    let mut stream = EventStream::open(&sam, &b_base).await;
    assert_eq!(stream.next(Duration::from_secs(5)).await.unwrap().name, "board");
    let started = a.call("advance_exercise", &[("exercise_id", &id), ("to", "in_session")]).await;
    assert_eq!(started.status(), 200);
    let session =
        stream.next(Duration::from_secs(5)).await.expect("the session start crosses instances");
    assert!(!session.data.contains("SAM-ON-B"));

    let revealed_at = Instant::now();
    let revealed = a
        .call(
            "set_section_revealed",
            &[("exercise_id", &id), ("section_key", "impact"), ("revealed", "true")],
        )
        .await;
    assert_eq!(revealed.status(), 200);
    let board = stream.next(Duration::from_secs(5)).await.expect("the reveal crosses instances");
    let took = revealed_at.elapsed();
    assert!(board.data.contains("SAM-ON-B"), "{}", board.data);
    assert!(took < Duration::from_secs(2), "the reveal took {took:?} to reach instance B");
    println!("reveal on A reached a stream on B after {took:?}");
    drop(b);
    a.stop().await;
}

/// A child process killed when the test ends, however it ends.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

trait SpawnGuarded {
    fn kill_on_drop_guard(&mut self) -> KillOnDrop;
}

impl SpawnGuarded for std::process::Command {
    fn kill_on_drop_guard(&mut self) -> KillOnDrop {
        KillOnDrop(self.spawn().expect("the server binary starts"))
    }
}

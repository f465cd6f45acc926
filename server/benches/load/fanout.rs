//! Live fan-out: 500 participants' streams on one exercise; the therapist reveals
//! and hides a section; the time from sending the reveal until each stream has
//! the new board, and until the last one has it.

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use app::exercise::ExerciseStatus;
use tokio::sync::mpsc;

use crate::{
    client,
    database::BenchDatabase,
    seed::{seed, session_cookie},
    server::ServerProcess,
    stats::{Latencies, ms},
};

const STREAMS: usize = 500;
const ROUNDS: usize = 10;

pub async fn run() {
    println!("## Live fan-out ({STREAMS} streams on one exercise, {ROUNDS} reveals)");
    let database = BenchDatabase::sqlite();
    let db = database.connect(2).await;
    let seeded = seed(&db, 1, 5, true, ExerciseStatus::InSession).await;
    let exercise = &seeded.exercises[0];
    // 500 devices: every participant signed in on many.
    let mut cookies = Vec::new();
    let invitations =
        app::invitation::store::of_exercise(&db, &exercise.id).await.expect("invitations");
    for n in 0..STREAMS {
        let person = &exercise.people[n % exercise.people.len()];
        let invitation =
            invitations.iter().find(|i| i.participant_id == person.id).expect("invited");
        let holder = app::auth::session::Holder::Participant {
            participant_id: person.id.as_str().into(),
            invitation_id: invitation.id.clone(),
        };
        cookies.push(session_cookie(&db, &holder).await);
    }
    db.close().await;
    let server = ServerProcess::start(&database.url, database.dir.path(), &[]);
    let idle_rss = server.rss_mib();

    let (arrived, mut arrivals) = mpsc::unbounded_channel::<(usize, Instant)>();
    let (ready, mut readiness) = mpsc::unbounded_channel::<()>();
    let client = client();
    let mut readers = Vec::new();
    for (n, cookie) in cookies.into_iter().enumerate() {
        let (client, base, arrived, ready) =
            (client.clone(), server.base.clone(), arrived.clone(), ready.clone());
        readers.push(tokio::spawn(async move {
            let response = client
                .get(format!("{base}/live"))
                .header("cookie", cookie)
                .timeout(Duration::from_secs(600))
                .send()
                .await
                .expect("a stream");
            assert_eq!(response.status(), 200);
            let mut response = response;
            let mut buffer = String::new();
            let mut greeted = false;
            while let Ok(Some(chunk)) = response.chunk().await {
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let event: String = buffer.drain(..end + 2).collect();
                    if !event.starts_with("event: board") && !event.contains("\nevent: board") {
                        continue;
                    }
                    if greeted {
                        let _ = arrived.send((n, Instant::now()));
                    } else {
                        greeted = true;
                        let _ = ready.send(());
                    }
                }
            }
        }));
    }
    for _ in 0..STREAMS {
        tokio::time::timeout(Duration::from_secs(60), readiness.recv())
            .await
            .expect("every stream opened");
    }
    println!(
        "{STREAMS} streams open; server RSS {:.0} MiB (before the streams: {idle_rss:.0} MiB)",
        server.rss_mib()
    );

    let therapist = Arc::new(seeded.therapist_cookie.clone());
    let mut each = Latencies::default();
    let mut last = Latencies::default();
    for round in 0..ROUNDS {
        let revealed = round % 2 == 1; // hurt starts revealed: hide, reveal, …
        let sent = Instant::now();
        let response = client
            .post(format!("{}/api/set_section_revealed", server.base))
            .header("cookie", therapist.as_str())
            .header("accept", "application/json")
            .form(&[
                ("exercise_id", exercise.id.as_str()),
                ("section_key", "hurt"),
                ("revealed", &revealed.to_string()),
            ])
            .send()
            .await
            .expect("the reveal");
        assert_eq!(response.status(), 200, "the reveal should be accepted");
        let mut latest = Duration::ZERO;
        for _ in 0..STREAMS {
            let (_, at) = tokio::time::timeout(Duration::from_secs(60), arrivals.recv())
                .await
                .expect("every stream got the change")
                .expect("a stream");
            let took = at.duration_since(sent);
            each.push(took);
            latest = latest.max(took);
        }
        last.push(latest);
    }
    println!(
        "reveal → stream: p50 {}, p99 {}; reveal → last of {STREAMS} streams: median {}, worst {}; server RSS {:.0} MiB\n",
        ms(each.percentile(50.0)),
        ms(each.percentile(99.0)),
        ms(last.percentile(50.0)),
        ms(last.max()),
        server.rss_mib(),
    );
    for reader in readers {
        reader.abort();
    }
    drop(server);
}

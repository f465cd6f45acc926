//! Clients that hold connections without using them fairly. Those that never
//! finish a request (slow-loris) are cut off once the header-read timeout passes,
//! whether they send nothing or trickle bytes, and everyone else is served
//! meanwhile; one session cannot hold more than its share of live streams.

use std::time::{Duration, Instant};

use crate::common::{
    TestApp, TestDatabase,
    family::{EventStream, open_exercise},
};
use app::live::admission::MAX_STREAMS_PER_SESSION;
use server::http::serve::HEADER_READ_TIMEOUT;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

/// Long enough for the timeout to fire on a busy two-core machine; short enough
/// that a server without the timeout fails the test rather than passing it late.
const MARGIN: Duration = Duration::from_secs(5);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_and_trickling_clients_are_cut_off_while_others_are_served() {
    let database = TestDatabase::sqlite().await;
    let app = TestApp::spawn(&database).await;
    let started = Instant::now();

    // Many connections that send half a request line and stop…
    let mut stalled = Vec::new();
    for _ in 0..200 {
        let mut tcp = TcpStream::connect(app.addr).await.unwrap();
        tcp.write_all(b"GET /healthz HTTP/1.1\r\nHost: parallel\r\n").await.unwrap();
        stalled.push(tcp);
    }
    // …one that connects and sends nothing at all…
    let silent = TcpStream::connect(app.addr).await.unwrap();
    // …and one that keeps sending a header a byte at a time, never finishing.
    let trickling = tokio::spawn(trickle(app.addr));

    // Meanwhile an ordinary visitor is served at once.
    let answered = Instant::now();
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(answered.elapsed() < Duration::from_secs(2), "healthz took {:?}", answered.elapsed());

    let deadline = started + HEADER_READ_TIMEOUT + MARGIN;
    for (index, tcp) in stalled.into_iter().enumerate() {
        let closed_after = wait_until_closed(tcp, deadline).await;
        assert!(closed_after.is_some(), "stalled connection {index} still open after {deadline:?}");
    }
    assert!(wait_until_closed(silent, deadline).await.is_some(), "a silent connection stayed open");
    let trickled_for = trickling.await.unwrap();
    assert!(
        trickled_for < HEADER_READ_TIMEOUT + MARGIN,
        "a trickling client was served for {trickled_for:?}"
    );
    // Cut off at the timeout, not at once: browsers get the whole allowance.
    assert!(
        trickled_for >= HEADER_READ_TIMEOUT - Duration::from_secs(1),
        "cut off after only {trickled_for:?}"
    );

    // And the server is still fine afterwards. A fresh connection: the
    // visitor's kept-alive one from above sat idle past the same header-read
    // timeout, so the server rightly closed it, and reusing it would race that
    // close (CI saw `IncompleteMessage`). Browsers retry such a request on a
    // new connection by themselves.
    let fresh = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    let response = fresh.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_session_cannot_hold_more_than_its_share_of_live_streams() {
    let database = TestDatabase::sqlite().await;
    let app = TestApp::spawn(&database).await;
    let exercise = open_exercise(&app, "ana@example.org", &["Sam"]).await;
    let base = app.url("");
    let mut streams = Vec::new();
    for _ in 0..MAX_STREAMS_PER_SESSION {
        streams.push(EventStream::open(&app.client, &base).await);
    }
    let refused = app.client.get(app.url("/live")).send().await.unwrap();
    assert_eq!(refused.status(), 429, "one stream too many for the therapist's session");

    // Someone else's session is unaffected…
    let sam = exercise.join("Sam").await;
    let _sam_stream = EventStream::open(&sam, &base).await;
    // …and a closed stream gives its place back.
    drop(streams.pop());
    let reopened = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            let response = app.client.get(app.url("/live")).send().await.unwrap();
            if response.status() == 200 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
    assert!(reopened.is_ok(), "the session did not get its place back");
    app.stop().await;
}

/// Sends one header byte every 200 ms until the server closes the connection;
/// returns how long that took (bounded: gives up at twice the timeout).
async fn trickle(addr: std::net::SocketAddr) -> Duration {
    let started = Instant::now();
    let mut tcp = TcpStream::connect(addr).await.unwrap();
    tcp.write_all(b"GET /healthz HTTP/1.1\r\nX-Slow: ").await.unwrap();
    let mut buffer = [0u8; 1024];
    while started.elapsed() < HEADER_READ_TIMEOUT * 2 {
        if tcp.write_all(b"a").await.is_err() {
            break;
        }
        // Closed (or reset) ends it; hyper may answer the timeout before closing.
        let read = tokio::time::timeout(Duration::from_millis(200), tcp.read(&mut buffer)).await;
        if let Ok(Ok(0) | Err(_)) = read {
            break;
        }
    }
    started.elapsed()
}

/// Reads (and discards) until the server closes the connection or `deadline`
/// passes; `Some(elapsed)` if it closed.
async fn wait_until_closed(mut tcp: TcpStream, deadline: Instant) -> Option<Duration> {
    let started = Instant::now();
    let mut buffer = [0u8; 1024];
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        match tokio::time::timeout(left, tcp.read(&mut buffer)).await {
            Ok(Ok(0) | Err(_)) => return Some(started.elapsed()),
            Ok(Ok(_)) => {}
            Err(_) => return None,
        }
    }
}

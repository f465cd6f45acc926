//! `make bench`: Parallel under load on this machine, with figures printed for
//! docs/PERFORMANCE.md. Scenarios (all on loopback, every loop bounded in count
//! and time):
//!
//! - `board`: the session board's server-rendered page for a family of six with
//!   the whole template answered, against the same bytes served from memory.
//! - `autosave`: participants saving every 2 s (200 and 1,000) on SQLite and
//!   PostgreSQL, against raw inserts of the same rows; the server's memory.
//! - `fanout`: 500 live streams; time from a reveal to the last stream having it.
//!
//! `cargo bench -p server --bench load -- [board|autosave|fanout]...` (all when
//! none is named). PostgreSQL runs need `TEST_DATABASE_URL_POSTGRES` (as the
//! tests); without it they are reported as skipped. `BENCH_SECONDS` shortens or
//! lengthens each measured phase (default 10).

mod autosave;
mod board;
mod database;
mod fanout;
mod seed;
mod server;
mod stats;

use std::time::Duration;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if let [mode, file] = args.as_slice()
        && mode == server::STATIC_MODE
    {
        server::serve_bytes(file);
        return;
    }
    let wanted = |name: &str| args.is_empty() || args.iter().any(|a| a == name);
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    sqlx::any::install_default_drivers();
    println!("Parallel load bench — {} CPUs, {}s per measured phase\n", cpus(), phase().as_secs());
    runtime.block_on(async {
        if wanted("board") {
            board::run().await;
        }
        if wanted("autosave") {
            autosave::run().await;
        }
        if wanted("fanout") {
            fanout::run().await;
        }
    });
}

/// How long each measured phase lasts.
pub fn phase() -> Duration {
    let seconds = std::env::var("BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(10u64);
    Duration::from_secs(seconds.clamp(1, 300))
}

fn cpus() -> usize {
    std::thread::available_parallelism().map(usize::from).unwrap_or(1)
}

/// An HTTP client for load: keep-alive, no cookie jar (each request names its
/// session), bounded waits.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(2048)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("a client")
}

//! Running the real `server` binary as an operator would.

use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
    time::Duration,
};

use super::TestDatabase;

/// The server binary with a clean environment, on `database`.
pub fn server_command(database: &TestDatabase) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("DATABASE_URL", &database.url)
        .env("PARALLEL_DATA_DIR", &database.data_dir)
        .env("PARALLEL_LOG", "info")
        .stdin(Stdio::null());
    command
}

pub type Lines = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

/// Reads a child's output on a thread, line by line, into a shared list.
pub fn collect_lines(stream: impl std::io::Read + Send + 'static) -> Lines {
    let lines = Lines::default();
    let sink = lines.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    lines
}

/// Waits (up to 30 s) for a line starting with `prefix`; returns the rest of it.
pub fn wait_for_line(lines: &Lines, prefix: &str) -> String {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        if let Some(rest) = lines.lock().unwrap().iter().find_map(|line| line.strip_prefix(prefix))
        {
            return rest.trim().to_owned();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("no line starting with {prefix:?}");
}

//! The `server` binary as an operator runs it: configuration errors, `migrate`,
//! and a graceful stop on SIGTERM.

mod common;

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
    time::Duration,
};

use common::TestDatabase;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

backend_tests!(migrate_applies_the_schema_and_exits, sigterm_lets_an_open_request_finish);

fn server_command(database: &TestDatabase) -> Command {
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

#[test]
fn invalid_configuration_is_explained_and_refused() {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .env_clear()
        .env("PARALLEL_BIND", "not-an-address")
        .env("DATABASE_URL", "mysql://root:hunter2@localhost/parallel")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("PARALLEL_BIND"), "{stderr}");
    assert!(stderr.contains("DATABASE_URL must start with sqlite:// or postgres://"), "{stderr}");
    assert!(!stderr.contains("hunter2"), "a password was printed: {stderr}");
}

async fn migrate_applies_the_schema_and_exits(database: TestDatabase) {
    let output = server_command(&database).arg("migrate").output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("schema version"), "{stdout}");

    let db = database.connect().await;
    let version = server::database::MIGRATOR.iter().map(|m| m.version).max().unwrap();
    assert_eq!(db.schema_version().await.unwrap(), version);
}

/// A request whose body is still arriving when SIGTERM comes is answered in full,
/// and then the process exits with success.
async fn sigterm_lets_an_open_request_finish(database: TestDatabase) {
    let mut child = server_command(&database)
        .env("PARALLEL_BIND", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let addr = wait_until_ready(&mut child);

    let mut stream = TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/check_service_status HTTP/1.1\r\nHost: {addr}\r\nAccept: application/json\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    send_sigterm(&child);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(child.try_wait().unwrap().is_none(), "the server quit with a request open");

    stream.write_all(b"&").await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("\"database_ok\":true"), "{response}");

    let status = wait_for_exit(&mut child, Duration::from_secs(10));
    assert!(status.success(), "exit status {status}");
}

/// Reads the server's stdout until it says where it is listening.
fn wait_until_ready(child: &mut Child) -> String {
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    for line in lines.by_ref() {
        let line = line.unwrap();
        if let Some(url) = line.strip_prefix("Parallel is ready at http://") {
            return url.trim().to_owned();
        }
    }
    panic!("the server exited before it was ready");
}

fn send_sigterm(child: &Child) {
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
}

fn wait_for_exit(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let deadline = std::time::Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("the server did not stop within {limit:?} of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

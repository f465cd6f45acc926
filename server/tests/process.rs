//! The `server` binary as an operator runs it: configuration errors, `migrate`,
//! and a graceful stop on SIGTERM.

use crate::common;
use std::{
    io::Write,
    process::{Child, Command, Stdio},
    time::Duration,
};

use crate::common::{
    TestDatabase,
    process::{collect_lines, server_command, wait_for_line},
};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

backend_tests!(
    migrate_applies_the_schema_and_exits,
    sigterm_lets_an_open_request_finish,
    operators_add_therapists_and_logs_never_carry_secrets,
);

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
    let stdout = collect_lines(child.stdout.take().unwrap());
    let addr = wait_for_line(&stdout, "Parallel is ready at http://");

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

/// `server therapist add` reads the password from standard input; the server's
/// debug log then never shows that password, a wrong one, or a session token.
async fn operators_add_therapists_and_logs_never_carry_secrets(database: TestDatabase) {
    const PASSWORD: &str = "quill harbour cinder maple";
    const WRONG: &str = "wrong-guess-that-must-not-be-logged";
    let mut add = server_command(&database)
        .args(["therapist", "add", "--email", "ana@example.org", "--name", "Ana Rivera"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    add.stdin.take().unwrap().write_all(format!("{PASSWORD}\n").as_bytes()).unwrap();
    let output = add.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("Created the account for ana@example.org"), "{stdout}");

    let mut child = server_command(&database)
        .env("PARALLEL_BIND", "127.0.0.1:0")
        .env("PARALLEL_LOG", "debug")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = collect_lines(child.stdout.take().unwrap());
    let stderr = collect_lines(child.stderr.take().unwrap());
    let addr = wait_for_line(&stdout, "Parallel is ready at http://");

    let client = common::spawn::new_client();
    let sign_in = |password: &'static str| {
        client
            .post(format!("http://{addr}/api/sign_in"))
            .header("accept", "application/json")
            .form(&[("email", "ana@example.org"), ("password", password)])
            .send()
    };
    assert_eq!(sign_in(WRONG).await.unwrap().status(), 401);
    let response = sign_in(PASSWORD).await.unwrap();
    assert_eq!(response.status(), 200);
    let token = common::spawn::session_cookie(&response).unwrap();
    let viewer = client.post(format!("http://{addr}/api/current_viewer")).send().await.unwrap();
    assert_eq!(viewer.status(), 200);

    send_sigterm(&child);
    assert!(wait_for_exit(&mut child, Duration::from_secs(10)).success());
    let everything =
        format!("{}{}", stdout.lock().unwrap().join("\n"), stderr.lock().unwrap().join("\n"));
    assert!(everything.contains("sign_in"), "the log did not see the requests: {everything}");
    for secret in [PASSWORD, WRONG, token.as_str()] {
        assert!(!everything.contains(secret), "a secret reached the log: {secret}");
    }
}

//! The server under test: the release binary in a process of its own, as an
//! operator runs it, and the in-memory baseline server (this bench binary again).

use std::{
    io::{BufRead, BufReader},
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

pub struct ServerProcess {
    child: Child,
    pub base: String,
}

impl ServerProcess {
    /// Starts `server serve` on `database_url`, on a free port; waits until ready.
    pub fn start(database_url: &str, data_dir: &Path, extra_env: &[(&str, &str)]) -> Self {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .arg("serve")
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("DATABASE_URL", database_url)
            .env("PARALLEL_DATA_DIR", data_dir)
            .env("PARALLEL_BIND", "127.0.0.1:0")
            .env("PARALLEL_LOG", "warn")
            .env("LEPTOS_SITE_ROOT", site_root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        for (name, value) in extra_env {
            command.env(name, value);
        }
        let mut child = command.spawn().expect("the server binary starts");
        let stdout = child.stdout.take().expect("stdout");
        let (ready, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("Parallel is ready at ") {
                    let _ = ready.send(url.trim().to_owned());
                }
            }
        });
        let base = wait.recv_timeout(Duration::from_secs(60)).expect("the server became ready");
        ServerProcess { child, base }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Resident memory of the server process, in MiB.
    pub fn rss_mib(&self) -> f64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).unwrap_or_default();
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map(|kib| kib / 1024.0)
            .unwrap_or(0.0)
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn site_root() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace");
    workspace.join("target").join("site")
}

/// The baseline: this bench binary, started again as a plain axum server that
/// answers every request with the same bytes from memory.
pub struct StaticServer {
    child: Child,
    pub base: String,
}

pub const STATIC_MODE: &str = "--serve-bytes-from";

impl StaticServer {
    pub fn start(body_file: &Path) -> Self {
        let mut child = Command::new(std::env::current_exe().expect("this bench"))
            .args([STATIC_MODE, &body_file.display().to_string()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the static server starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("address");
        StaticServer { child, base: format!("http://{}", line.trim()) }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs as the static server (see `StaticServer`), until killed.
pub fn serve_bytes(body_file: &str) {
    let body = axum::body::Bytes::from(std::fs::read(body_file).expect("the body file"));
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
        println!("{}", listener.local_addr().expect("an address"));
        let router = axum::Router::new().fallback(move || {
            let body = body.clone();
            async move { ([("content-type", "text/html; charset=utf-8")], body) }
        });
        axum::serve(listener, router).await.expect("serves");
    });
}

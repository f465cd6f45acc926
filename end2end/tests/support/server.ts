import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// Tests about accounts need a server of their own: a fresh database (so the first-
// account link exists), settings of their own (a short idle timeout), and no
// interference between tests running in parallel. This starts the same release
// binary that `cargo leptos end-to-end` built, on a free port.

const workspace = path.resolve(__dirname, "../../..");
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(workspace, "target");
const binary = path.join(targetDir, "release", "server");

export type TestServer = {
  url: string;
  /** The one-time link to create the first account. */
  setupLink: string;
  /** Creates a therapist account through the operator's CLI. */
  addTherapist: (email: string, name: string, password: string) => void;
  /** Stops the process (as SIGTERM) but keeps its data, to `resume` it later. */
  pause: () => Promise<void>;
  /** Starts the process again on the same address and data. */
  resume: () => Promise<void>;
  stop: () => Promise<void>;
};

export async function startServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "parallel-e2e-"));
  const serverEnv = {
    PATH: process.env.PATH ?? "",
    PARALLEL_DATA_DIR: dataDir,
    PARALLEL_BIND: "127.0.0.1:0",
    PARALLEL_LOG: process.env.PARALLEL_E2E_SERVER_LOG ?? "warn",
    LEPTOS_SITE_ROOT: path.join(workspace, "target", "site"),
    ...env,
  };
  let running = await launch(serverEnv, true);
  const { url, setupLink } = running;
  const terminate = async (process: Running) => {
    // A graceful stop lets open requests finish (up to the server's 10 s grace).
    const exited = new Promise((resolve) => process.child.once("exit", resolve));
    process.child.kill("SIGTERM");
    const timer = setTimeout(() => {
      console.log(`server did not stop in 15 s; output:\n${process.output().slice(-3000)}`);
      process.child.kill("SIGKILL");
    }, 15_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    url,
    setupLink,
    addTherapist(email, name, password) {
      const result = spawnSync(binary, ["therapist", "add", "--email", email, "--name", name], {
        env: serverEnv,
        input: `${password}\n`,
      });
      if (result.status !== 0) {
        throw new Error(`therapist add failed: ${result.stdout}${result.stderr}`);
      }
    },
    async pause() {
      await terminate(running);
    },
    async resume() {
      running = await launch({ ...serverEnv, PARALLEL_BIND: new URL(url).host }, false);
    },
    async stop() {
      await terminate(running);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

type Running = { child: ChildProcess; url: string; setupLink: string; output: () => string };

/** Starts the binary and waits for its "ready" line (and the set-up link if asked). */
async function launch(serverEnv: Record<string, string>, expectSetupLink: boolean): Promise<Running> {
  const child: ChildProcess = spawn(binary, ["serve"], { env: serverEnv });
  let output = "";
  child.stderr?.on("data", (chunk) => (output += chunk));
  const { url, setupLink } = await new Promise<{ url: string; setupLink: string }>(
    (resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
      child.stdout?.on("data", (chunk) => {
        output += chunk;
        const url = output.match(/Parallel is ready at (http:\/\/\S+)/)?.[1];
        const setupLink = output.match(/(http:\/\/\S+\/setup\/[0-9a-f]{64})/)?.[1] ?? "";
        if (url && (setupLink || !expectSetupLink)) {
          clearTimeout(timer);
          resolve({ url, setupLink });
        }
      });
      child.on("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
    },
  );
  return { child, url, setupLink, output: () => output };
}

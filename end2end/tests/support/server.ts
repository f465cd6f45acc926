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
  const child: ChildProcess = spawn(binary, ["serve"], { env: serverEnv });
  let output = "";
  child.stderr?.on("data", (chunk) => (output += chunk));
  const { url, setupLink } = await new Promise<{ url: string; setupLink: string }>(
    (resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 30_000);
      child.stdout?.on("data", (chunk) => {
        output += chunk;
        const url = output.match(/Parallel is ready at (http:\/\/\S+)/)?.[1];
        const setupLink = output.match(/(http:\/\/\S+\/setup\/[0-9a-f]{64})/)?.[1];
        if (url && setupLink) {
          clearTimeout(timer);
          resolve({ url, setupLink });
        }
      });
      child.on("exit", (code) => reject(new Error(`server exited (${code}): ${output}`)));
    },
  );
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
    async stop() {
      // A graceful stop lets open requests finish (up to the server's 10 s grace).
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        console.log(`server did not stop in 5 s; output:\n${output.slice(-3000)}`);
        child.kill("SIGKILL");
      }, 15_000);
      await exited;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

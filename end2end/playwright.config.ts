import { defineConfig } from "@playwright/test";

// Browser tests run in Debian's Chromium (never a downloaded browser), against the
// server that `cargo leptos end-to-end` starts on PARALLEL_E2E_BASE_URL.
const baseURL = process.env.PARALLEL_E2E_BASE_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  testDir: "./tests",
  globalSetup: "./global-setup.ts",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  forbidOnly: true,
  // In CI a failed test runs once more and is reported as "flaky", not hidden: a rare
  // server-side render that never completes (a Leptos context going missing; see
  // the README) must not block every landing while it is being tracked down.
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    headless: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--no-sandbox",
      ],
    },
  },
  projects: [
    // Every spec runs in both projects unless it is about interactivity.
    { name: "hydrated", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false } },
  ],
});

import { defineConfig } from "@playwright/test";

import base from "./playwright.config";

// `make bench`: the browser measurements (bench/), one at a time so they do not
// share the two cores, against servers the tests start themselves.
export default defineConfig({
  ...base,
  testDir: "./bench",
  globalSetup: undefined,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 300_000,
  projects: [{ name: "hydrated", use: { javaScriptEnabled: true } }],
});

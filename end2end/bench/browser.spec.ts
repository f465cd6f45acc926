import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { expect, test } from "../tests/fixtures";
import { PASSWORD, openExercise, openLinkByApi } from "../tests/support/family";

// Figures for docs/PERFORMANCE.md: the browser bundle's size, and how long a
// participant's page takes to become interactive on a slow phone (Chromium's CPU
// throttled 4x; loopback network). Printed, not asserted: a benchmark, not a test.

const RUNS = 5;
const PEOPLE = [
  { name: "Alex", role: "person_in_recovery", relationship: "self", age: "adult" },
  { name: "Sam", role: "family_member", relationship: "partner", age: "adult" },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

test("the hydrate bundle: raw, gzip and brotli sizes", async () => {
  const pkg = path.resolve(__dirname, "../../target/site/pkg");
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  const sizes = (file: string) => {
    const bytes = readFileSync(path.join(pkg, file));
    const gzip = gzipSync(bytes, { level: 9 }).length;
    const brotli = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length;
    return { raw: bytes.length, gzip, brotli };
  };
  const files = readdirSync(pkg);
  // What every page loads; the therapist's pages are split off (`--split`) into
  // split_*/chunk_* files that only their routes fetch.
  const loader = files.filter((file) => file.startsWith("__wasm_split") && file.endsWith(".js"));
  const everyPage = ["parallel.wasm", "parallel.js", "parallel.css", ...loader];
  const lines = ["| file | raw | gzip -9 | brotli -11 |", "|---|---|---|---|"];
  let totalBrotli = 0;
  for (const file of everyPage) {
    const { raw, gzip, brotli } = sizes(file);
    totalBrotli += brotli;
    lines.push(`| ${file} | ${kib(raw)} | ${kib(gzip)} | ${kib(brotli)} |`);
  }
  lines.push(`| every page loads (brotli) | | | ${kib(totalBrotli)} |`);
  const therapistOnly = files.filter((file) => /^(split_|chunk_).*\.wasm$/.test(file));
  const split = therapistOnly.map(sizes).reduce(
    (sum, size) => ({ raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip, brotli: sum.brotli + size.brotli }),
    { raw: 0, gzip: 0, brotli: 0 },
  );
  lines.push(
    `| therapist pages only (${therapistOnly.length} split files, all of them) | ${kib(split.raw)} | ${kib(split.gzip)} | ${kib(split.brotli)} |`,
  );
  console.log(`\nBrowser bundle (target/site/pkg):\n${lines.join("\n")}\n`);
  expect(totalBrotli).toBeGreaterThan(0);
});

test("a participant's page becomes interactive on a 4x slower CPU", async ({ browser, server }) => {
  const { links } = await openExercise(server, PEOPLE);
  const times: Record<string, number[]> = { welcome: [], "a part of the questions": [] };
  const transferred: Record<string, number[]> = { welcome: [], "a part of the questions": [] };
  let wasmEncoding = "";
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 360, height: 740 },
      hasTouch: true,
    });
    // The phone is the link's own device (it chose the passcode, or gave it), so
    // the link opens straight onto the welcome page, as it does for a family.
    await openLinkByApi(context.request, links.Sam);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(process.env.CPU_SLOWDOWN ?? 4) });
    // Bytes that actually crossed the network (compressed, headers included).
    await cdp.send("Network.enable");
    let bytes = 0;
    cdp.on("Network.loadingFinished", (event) => (bytes += event.encodedDataLength));
    cdp.on("Network.responseReceived", (event) => {
      if (event.response.url.endsWith(".wasm")) {
        const headers = Object.fromEntries(
          Object.entries(event.response.headers).map(([name, value]) => [name.toLowerCase(), value]),
        );
        wasmEncoding = String(headers["content-encoding"] ?? "none");
      }
    });
    // The link lands on the welcome page: from the click on the link until the page
    // answers to input (hydrated).
    let started = Date.now();
    await page.goto(links.Sam, { waitUntil: "commit" });
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
    times.welcome.push(Date.now() - started);
    await page.waitForLoadState("networkidle");
    transferred.welcome.push(bytes);
    if (run === 0) {
      await page.getByRole("button", { name: "I understand, start" }).click();
      await expect(page).toHaveURL(/\/answers\/1$/);
    }
    started = Date.now();
    bytes = 0;
    await page.goto(`${server.url}/answers/3`, { waitUntil: "commit" });
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
    times["a part of the questions"].push(Date.now() - started);
    await page.waitForLoadState("networkidle");
    transferred["a part of the questions"].push(bytes);
    await context.close();
  }
  const lines = Object.entries(times).map(
    ([what, values]) => `${what}: median ${median(values)} ms (runs: ${values.join(", ")} ms)`,
  );
  console.log(`\nTime until interactive, CPU throttled 4x, ${RUNS} runs (fresh browser cache each):\n${lines.join("\n")}\n`);
  const kib = (value: number) => `${(value / 1024).toFixed(0)} KiB`;
  const sent = Object.entries(transferred).map(
    ([what, values]) => `${what}: median ${kib(median(values))} (runs: ${values.map(kib).join(", ")})`,
  );
  console.log(
    `Transferred over the network (the second page with the bundle already cached; WASM sent as: ${wasmEncoding}):\n${sent.join("\n")}\n`,
  );
});

// Lighthouse's throttling profiles (lighthouse-core/config/constants.js): "mobile" is
// slow 4G (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up) on a CPU 4x slower;
// "desktop" is 40 ms, 10 Mbit/s, CPU as it is.
const PROFILES = {
  mobile: { latency: 150, down: 1.6 * 1024 * 1024, up: 750 * 1024, cpu: 4 },
  laptop: { latency: 40, down: 10 * 1024 * 1024, up: 10 * 1024 * 1024, cpu: 1 },
};

/** Records when `<body data-hydrated>` appears: the page's code has taken over
 * (for an answer page: autosave is wired, kept drafts restored). */
function recordHydration() {
  new MutationObserver((_, observer) => {
    if (document.body?.getAttribute("data-hydrated") === "true") {
      (window as unknown as { hydratedAt: number }).hydratedAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-hydrated"] });
}

/** Opens `url` in a fresh page of `context` (cold cache) under `profile`; returns
 * the milliseconds from the document's first byte until the page is interactive,
 * and the bytes that crossed the network. */
async function timeToInteractive(
  context: import("@playwright/test").BrowserContext,
  url: string,
  profile: (typeof PROFILES)[keyof typeof PROFILES],
): Promise<{ afterFirstByte: number; bytes: number }> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: profile.latency,
    downloadThroughput: profile.down / 8,
    uploadThroughput: profile.up / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: profile.cpu });
  let bytes = 0;
  cdp.on("Network.loadingFinished", (event) => (bytes += event.encodedDataLength));
  await page.addInitScript(recordHydration);
  await page.goto(url, { waitUntil: "commit" });
  await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 120_000 });
  const afterFirstByte = await page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    return (window as unknown as { hydratedAt: number }).hydratedAt - navigation.responseStart;
  });
  await page.waitForLoadState("networkidle");
  await page.close();
  return { afterFirstByte: Math.round(afterFirstByte), bytes };
}

test("interactive after the first byte, on Lighthouse's mobile and laptop profiles", async ({
  browser,
  server,
}) => {
  const { links, exerciseId } = await openExercise(server, PEOPLE);
  const participant: number[] = [];
  const participantBytes: number[] = [];
  const board: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    // A family member's phone, the link's own device, cold cache: a part of the questions.
    const phone = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 360, height: 740 },
      hasTouch: true,
    });
    await openLinkByApi(phone.request, links.Sam);
    const answers = await timeToInteractive(phone, `${server.url}/answers/3`, PROFILES.mobile);
    participant.push(answers.afterFirstByte);
    participantBytes.push(answers.bytes);
    await phone.close();
    // The therapist's laptop, signed in without loading a page (so the cache is cold).
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const signedIn = await laptop.request.post(`${server.url}/api/sign_in`, {
      form: { email: "ana@example.org", password: PASSWORD },
      headers: { accept: "application/json" },
      maxRedirects: 0,
    });
    expect(signedIn.status()).toBeLessThan(400);
    const boardPage = await timeToInteractive(
      laptop,
      `${server.url}/exercises/${exerciseId}/board`,
      PROFILES.laptop,
    );
    board.push(boardPage.afterFirstByte);
    await laptop.close();
  }
  const kib = (value: number) => `${(value / 1024).toFixed(0)} KiB`;
  console.log(
    [
      "",
      `Interactive after the first byte, cold cache, median of ${RUNS}:`,
      `participant's part of the questions (mobile: 150 ms, 1.6 Mbit/s, CPU 4x): median ${median(participant)} ms (runs: ${participant.join(", ")} ms); ${kib(median(participantBytes))} on the wire`,
      `therapist's session board (laptop: 40 ms, 10 Mbit/s, CPU 1x): median ${median(board)} ms (runs: ${board.join(", ")} ms)`,
      "",
    ].join("\n"),
  );
});

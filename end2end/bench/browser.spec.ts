import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

import { expect, test } from "../tests/fixtures";
import { PASSWORD, openExercise, openLinkByApi, startAnswering } from "../tests/support/family";

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

test("the browser bundle: raw, gzip and brotli sizes, per island", async () => {
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
  const sum = (files: string[]) =>
    files.map(sizes).reduce(
      (total, size) => ({
        raw: total.raw + size.raw,
        gzip: total.gzip + size.gzip,
        brotli: total.brotli + size.brotli,
      }),
      { raw: 0, gzip: 0, brotli: 0 },
    );
  const row = (what: string, files: string[]) => {
    const { raw, gzip, brotli } = sum(files);
    return `| ${what} | ${kib(raw)} | ${kib(gzip)} | ${kib(brotli)} |`;
  };
  const files = readdirSync(pkg);
  // What every page with JavaScript loads: the eager islands (quick exit, the draft
  // clean-up) and the framework; each lazy island's code is fetched by the pages
  // that show it (docs/islands.md).
  const loader = files.filter((file) => file.startsWith("__wasm_split") && file.endsWith(".js"));
  const everyPage = ["parallel.wasm", "parallel.js", "parallel.css", ...loader];
  const lines = ["| file | raw | gzip -9 | brotli -11 |", "|---|---|---|---|"];
  for (const file of everyPage) lines.push(row(file, [file]));
  lines.push(row("every page loads", everyPage));
  const manifestFile = files.find((file) => /^__wasm_split_manifest.*\.json$/.test(file));
  const manifest = manifestFile
    ? (JSON.parse(readFileSync(path.join(pkg, manifestFile), "utf8")) as Record<string, string[]>)
    : {};
  for (const [loader, parts] of Object.entries(manifest).sort()) {
    const island = loader.replace(/_loader_\d+$/, "");
    lines.push(row(`lazy island \`${island}\` (its ${parts.length} files, some shared)`, parts.map((part) => `${part}.wasm`)));
  }
  console.log(`\nBrowser bundle (target/site/pkg):\n${lines.join("\n")}\n`);
  expect(sum(everyPage).brotli).toBeGreaterThan(0);
});

test("a participant's page becomes interactive on a 4x slower CPU", async ({ browser, server }) => {
  const { links } = await openExercise(server, PEOPLE);
  // Sam agrees to start once, on a device of its own, so every run below finds the
  // same state: the link lands on the welcome page, the questions open directly.
  const first = await browser.newContext({ baseURL: server.url });
  await openLinkByApi(first.request, links.Sam);
  const firstPage = await first.newPage();
  await firstPage.goto(links.Sam);
  await firstPage.getByRole("button", { name: "I understand, start" }).click();
  await expect(firstPage).toHaveURL(/\/answers\/1$/);
  await first.close();
  // Opening the link (cold cache); the first part of the questions (the main bundle
  // cached, the answer form's lazy island fetched); a later part (all code cached).
  const pages = ["welcome", "first part of the questions", "a later part"];
  const times: Record<string, number[]> = Object.fromEntries(pages.map((what) => [what, []]));
  const transferred: Record<string, number[]> = Object.fromEntries(pages.map((what) => [what, []]));
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
    // From the click on the link (or the address) until the page answers to input
    // (every island hydrated).
    const urls = [links.Sam, `${server.url}/answers/3`, `${server.url}/answers/4`];
    for (const [index, what] of pages.entries()) {
      bytes = 0;
      const started = Date.now();
      await page.goto(urls[index], { waitUntil: "commit" });
      await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
      times[what].push(Date.now() - started);
      await page.waitForLoadState("networkidle");
      transferred[what].push(bytes);
    }
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
    `Transferred over the network, headers included (WASM sent as: ${wasmEncoding}):\n${sent.join("\n")}\n`,
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
    // Past the welcome page's Start, so the part is open for answering (its
    // autosave island is on the page).
    await startAnswering(phone.request);
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

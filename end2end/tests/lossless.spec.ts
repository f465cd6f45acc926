import { request, type Page } from "@playwright/test";

import { expect, test } from "./fixtures";
import { PASSWORD, openExercise, openLink, openLinkByApi } from "./support/family";

// Safe and lossless on a slow, shared or watched phone: nothing typed is lost (not
// while the page is still loading, not when it is too long), nothing is left in
// the browser after Quick exit, and Quick exit is always in reach. At 320 px.
test.use({
  viewport: { width: 320, height: 640 },
  hasTouch: true,
  serverEnv: { PARALLEL_QUICK_EXIT_URL: "/crisis" },
});

const PEOPLE = [
  { name: "Alex", role: "person_in_recovery", relationship: "self", age: "adult" },
  { name: "Sam", role: "family_member", relationship: "partner", age: "adult" },
  { name: "Pat", role: "family_member", relationship: "parent", age: "adult" },
];

async function settle(page: Page, hydrated: boolean) {
  if (hydrated) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** Opens the link, agrees to start, and waits on the first part of the questions. */
async function startAnswering(page: Page, link: string, hydrated: boolean) {
  await openLink(page, link);
  await settle(page, hydrated);
  await page.getByRole("button", { name: "I understand, start" }).click();
  await expect(page).toHaveURL(/\/answers\/1$/);
}

/**
 * Opens `url` on a slow phone (Lighthouse's mobile profile: 1.6 Mbit/s, 150 ms,
 * CPU 4x slower) with the page's code held back, so what the test does next
 * surely happens before hydration. The returned function lets the code load and
 * waits until the page has taken over.
 */
async function openBeforeItsCodeLoads(page: Page, url: string) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const wasm = /\.wasm$/;
  await page.route(wasm, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await expect(page.locator("body")).not.toHaveAttribute("data-hydrated", "true");
  return async () => {
    release();
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
    await page.unroute(wasm);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    await cdp.detach();
  };
}

test.describe("before the page takes over", () => {
  // The over-long answer's refusal is a 422, which the browser logs.
  test.use({ expectedConsoleErrors: [/status of 422/] });

  test("text, choices, scales and feelings set before the page takes over survive it and are saved", async ({
    page,
    server,
    hydrated,
  }) => {
    test.skip(!hydrated, "about the moment the page's code takes over");
    test.setTimeout(180_000);
    const { links } = await openExercise(server, PEOPLE);
    await startAnswering(page, links.Sam, true);

    // Check-in: a scale, a text and a choice, all before hydration.
    let takeOver = await openBeforeItsCodeLoads(page, `${server.url}/answers/1`);
    const settled = page.locator("fieldset.scale").first();
    await settled.locator("label", { hasText: /^2$/ }).click();
    const note = page.getByLabel("Is there anything your therapist should know first?");
    await note.fill("Typed before it loaded");
    const safe = page.locator("fieldset.choices").first();
    await safe.locator("label.choice").first().click();
    await takeOver();
    await expect(note).toHaveValue("Typed before it loaded");
    await expect(settled.locator('input[value="2"]')).toBeChecked();
    await expect(safe.locator("input").first()).toBeChecked();
    await expect(page.locator(".save-state", { hasText: /^Saved$/ })).toHaveCount(3, { timeout: 30_000 });

    // Impact: a feeling ticked and words typed before hydration.
    takeOver = await openBeforeItsCodeLoads(page, `${server.url}/answers/3`);
    const feelings = page.locator("fieldset.feelings").first();
    await feelings.locator(".chip label", { hasText: /^hurt$/ }).first().click();
    await feelings.getByLabel("In your own words (you can leave this empty)").fill("worn out");
    await takeOver();
    await expect(feelings.locator(".chip input[value='hurt']").first()).toBeChecked();
    await expect(feelings.getByLabel("In your own words (you can leave this empty)")).toHaveValue("worn out");
    await expect(page.locator(".answer", { has: feelings }).locator(".save-state")).toHaveText("Saved", {
      timeout: 30_000,
    });

    // Closing: a text over its limit, pasted before hydration: kept, and refused
    // with the count and the limit beside it.
    takeOver = await openBeforeItsCodeLoads(page, `${server.url}/answers/6`);
    const week = page.getByLabel("One thing I will do this week");
    const pasted = `${"x".repeat(505)}END`;
    await week.fill(pasted);
    await takeOver();
    await expect(week).toHaveValue(pasted);
    const weekAnswer = page.locator(".answer", { has: week });
    await expect(weekAnswer.locator(".save-state")).toContainText("508 characters long; the limit is 500");
    await expect(weekAnswer.locator(".counter")).toHaveText("508 of 500 characters");
    // Next does not leave a page with an unsaved answer: it brings that answer into view.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole("button", { name: "Next: finish" }).click();
    await expect(page.getByText("Some answers are not saved yet")).toBeVisible();
    await expect(week).toBeFocused();
    await expect(week).toBeInViewport();
    await expect(page).toHaveURL(/\/answers\/6$/);

    // Read back from another device: the server has what was set before hydration.
    const laptop = await request.newContext({ baseURL: server.url });
    await openLinkByApi(laptop, links.Sam);
    const section = async (number: number) =>
      (await laptop.post("/api/answer_section", { form: { number: String(number) }, headers: { accept: "application/json" } })).json();
    const answer = (page: { items: { key: { prompt_key: string }; answer: unknown }[] }, key: string) =>
      page.items.find((item) => item.key.prompt_key === key)?.answer;
    const checkin = await section(1);
    expect(answer(checkin, "checkin.settled")).toEqual({ kind: "scale", score: 2 });
    expect(answer(checkin, "checkin.note")).toEqual({ kind: "text", text: "Typed before it loaded" });
    expect(answer(checkin, "checkin.safe")).toEqual({ kind: "choice", choice: "yes" });
    expect(answer(await section(3), "impact.feelings.family")).toEqual({
      kind: "feelings",
      feelings: ["hurt"],
      words: "worn out",
    });
    expect(answer(await section(6), "closing.this_week")).toBeNull();
    await laptop.dispose();
  });
});

test("a therapist's note typed before the page takes over is kept and saved", async ({
  page,
  server,
  hydrated,
}) => {
  test.skip(!hydrated, "about the moment the page's code takes over");
  test.setTimeout(120_000);
  const { exerciseId } = await openExercise(server, PEOPLE);
  await page.goto(`${server.url}/sign-in`);
  await settle(page, true);
  await page.getByLabel("Email").fill("ana@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/families$/);
  const prepare = `${server.url}/exercises/${exerciseId}/prepare`;
  const takeOver = await openBeforeItsCodeLoads(page, prepare);
  const note = page.getByLabel("Your notes on Impact");
  await note.fill("Ask Sam about the weekend first");
  await takeOver();
  await expect(note).toHaveValue("Ask Sam about the weekend first");
  const saved = page.waitForResponse((response) => response.url().endsWith("/api/save_note"));
  await page.locator("form", { has: note }).getByRole("button", { name: "Save note" }).click();
  expect((await saved).status()).toBe(200);
  await page.reload();
  await expect(note).toHaveValue("Ask Sam about the weekend first");
});

test.describe("what the browser keeps", () => {
  test.use({ expectedFailedRequests: [/ERR_INTERNET_DISCONNECTED/], expectedConsoleErrors: [/ERR_INTERNET_DISCONNECTED/] });

  test("Quick exit leaves nothing typed in the browser, and kept copies expire after a day", async ({
    page,
    server,
    hydrated,
  }) => {
    test.skip(!hydrated, "only the page's code keeps copies in the browser");
    test.setTimeout(90_000);
    const { links } = await openExercise(server, PEOPLE);
    await startAnswering(page, links.Sam, true);
    const ours = () =>
      page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("parallel")));

    // Copies older than a day are gone when a page loads; newer ones stay.
    await page.evaluate(() => {
      const draft = (keptAt: number) =>
        JSON.stringify({ value: null, visibility: "shared", base_version: 0, kept_at: keptAt });
      localStorage.setItem("parallel.draft.old.x~-", draft(Date.now() - 25 * 60 * 60 * 1000));
      localStorage.setItem("parallel.draft.recent.x~-", draft(Date.now() - 60 * 1000));
    });
    await page.reload();
    await settle(page, true);
    expect(await ours()).toEqual(["parallel.draft.recent.x~-"]);

    // The connection drops while typing: the text is kept here until it is saved…
    await page.goto(`${server.url}/answers/6`);
    await settle(page, true);
    await page.route(/\/api\/save_answer/, (route) => route.abort("internetdisconnected"));
    const friend = page.getByLabel("What would you say to a friend who had been through what you have?");
    await friend.pressSequentially("Only until it is saved", { delay: 10 });
    await expect(page.locator(".answer", { has: friend }).locator(".save-state")).toContainText(
      "Not saved yet",
      { timeout: 15_000 },
    );
    expect((await ours()).some((key) => key.startsWith("parallel.draft."))).toBe(true);

    // …and Quick exit takes every copy with it, without a "leave this page?".
    await page.getByRole("link", { name: "Quick exit" }).click();
    await expect(page).toHaveURL(/\/crisis$/);
    expect(await ours()).toEqual([]);
  });
});

test("without JavaScript, pasting more than the limit keeps every character and says so at the field", async ({
  page,
  server,
  hydrated,
  checkAccessibility,
}) => {
  test.skip(hydrated, "the hydrated page is checked above and in participant.spec.ts");
  const { links } = await openExercise(server, PEOPLE);
  await startAnswering(page, links.Sam, false);
  await page.goto(`${server.url}/answers/6`);
  const week = page.getByLabel("One thing I will do this week");
  const friend = page.getByLabel("What would you say to a friend who had been through what you have?");
  const pasted = `${"x".repeat(505)}END`;
  await week.fill(pasted);
  await friend.fill("Be gentle with yourself");
  await page.getByRole("button", { name: "Next: finish" }).click();

  // The page stays, opens at the answer, and keeps every character in it.
  await expect(page).toHaveURL(/\/answers\/6\?notice=not-saved#q-closing\.this_week~-$/);
  await expect(week).toHaveValue(pasted);
  await expect(week).toBeInViewport();
  const weekAnswer = page.locator(".answer", { has: week });
  await expect(weekAnswer.locator(".save-state")).toContainText("508 characters long; the limit is 500");
  await expect(page.getByText("Your answers on this page are saved")).toHaveCount(0);
  await expect(friend).toHaveValue("Be gentle with yourself");
  await checkAccessibility();

  // Shortened, it saves.
  await week.fill("Walk every morning");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Your answers on this page are saved")).toBeVisible();
  await page.reload();
  await expect(week).toHaveValue("Walk every morning");
});

test("Quick exit stays on screen at the bottom of the longest part, at 320 px", async ({ page, server, hydrated }) => {
  const { links } = await openExercise(server, PEOPLE);
  // The person in recovery's Impact part asks about each family member: the longest.
  await startAnswering(page, links.Alex, hydrated);
  await page.goto(`${server.url}/answers/3`);
  await settle(page, hydrated);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height, "the part is several screens long").toBeGreaterThan(4 * 640);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const exit = page.getByRole("link", { name: "Quick exit" });
  await expect(exit).toBeInViewport({ ratio: 1 });
  const box = await exit.boundingBox();
  expect(box && box.y >= 0 && box.y + box.height <= 640).toBe(true);
  // It does not cover the page: the last control is fully visible beside it.
  await expect(page.getByRole("button", { name: "Next" }).last()).toBeInViewport();
  await exit.click();
  await expect(page).toHaveURL(/\/crisis$/);
});

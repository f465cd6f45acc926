import type { Browser, Page } from "@playwright/test";

import { expect, test } from "./fixtures";
import { openExercise, openLink } from "./support/family";

// Families answer at home on phones: every test here runs at 320 px wide.
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

/** Answers every question on the current section page, each text marked with `marker`. */
async function answerSection(page: Page, marker: string) {
  const texts = page.locator('textarea[name^="text~"]');
  for (let i = 0; i < (await texts.count()); i++) {
    await texts.nth(i).fill(`${marker} answer ${i + 1}`);
  }
  const scales = page.locator("fieldset.scale");
  for (let i = 0; i < (await scales.count()); i++) {
    await scales.nth(i).locator("label", { hasText: /^6$/ }).click();
  }
  const choices = page.locator("fieldset.choices");
  for (let i = 0; i < (await choices.count()); i++) {
    await choices.nth(i).locator("label.choice").first().click();
  }
  const feelings = page.locator("fieldset.feelings");
  for (let i = 0; i < (await feelings.count()); i++) {
    await feelings.nth(i).locator(".chip label", { hasText: /^hurt$/ }).first().click();
  }
}

/** Welcome → every section → "I'm done", reopen, done again. Returns the bodies of
 * every response the participant's browser received. */
async function completeJourney(
  browser: Browser,
  link: string,
  name: string,
  marker: string,
  hydrated: boolean,
  checkEachPage: (page: Page) => Promise<void>,
): Promise<string[]> {
  const context = await browser.newContext({
    javaScriptEnabled: hydrated,
    viewport: { width: 320, height: 640 },
    hasTouch: true,
  });
  const received: string[] = [];
  context.on("response", async (response) => {
    try {
      received.push(await response.text());
    } catch {
      // Redirects have no body.
    }
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  await openLink(page, link);
  await expect(page.getByTestId("welcome")).toHaveText(`Welcome, ${name}`);
  await expect(page.getByText("This is not a crisis service")).toBeVisible();
  await expect(page.getByRole("link", { name: "Call 988" })).toHaveAttribute("href", "tel:988");
  await expect(page.getByRole("link", { name: "Quick exit" })).toBeVisible();
  await checkEachPage(page);
  await settle(page, hydrated);
  await page.getByRole("button", { name: "I understand, start" }).click();

  for (let part = 1; part <= 6; part++) {
    await expect(page).toHaveURL(new RegExp(`/answers/${part}$`));
    await expect(page.getByRole("navigation", { name: "Progress" })).toContainText(`Part ${part} of 6`);
    await settle(page, hydrated);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(wide, "nothing scrolls sideways at 320 px").toBeLessThanOrEqual(320);
    await answerSection(page, marker);
    await checkEachPage(page);
    await page.getByRole("button", { name: /^Next/ }).click();
  }
  await expect(page).toHaveURL(/\/answers\/review$/);
  await expect(page.getByTestId("answered-count")).toContainText("You have answered");
  await checkEachPage(page);
  await page.getByRole("button", { name: "I'm done" }).click();
  await expect(page.getByTestId("done")).toBeVisible();
  await page.getByRole("button", { name: "Reopen my answers" }).click();
  await expect(page.getByRole("button", { name: "I'm done" })).toBeVisible();
  await page.getByRole("button", { name: "I'm done" }).click();
  await expect(page.getByTestId("done")).toBeVisible();
  await context.close();
  expect(problems, `${name}'s browser reported problems`).toEqual([]);
  return received;
}

test("a family member and the person in recovery each answer everything, privately", async ({
  browser,
  server,
  hydrated,
  page,
  checkAccessibility,
}) => {
  test.setTimeout(240_000);
  const { links } = await openExercise(server, PEOPLE);
  const axeOn = async (visitor: Page) => {
    // axe runs on the fixture's page: show it the very HTML this visitor has
    // (without scripts: a copy of an already hydrated page cannot hydrate again).
    const html = (await visitor.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
    await page.route(visitor.url(), (route) =>
      route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }),
    );
    await page.goto(visitor.url());
    await checkAccessibility();
    await page.unroute(visitor.url());
  };

  const samSaw = await completeJourney(browser, links.Sam, "Sam", "SAM-SECRET", hydrated, axeOn);
  const alexSaw = await completeJourney(browser, links.Alex, "Alex", "ALEX-WORDS", hydrated, async (p) => {
    if (p.url().endsWith("/answers/3")) {
      await expect(p.getByRole("heading", { name: "About Sam" })).toBeVisible();
      await expect(p.getByRole("heading", { name: "About Pat" })).toBeVisible();
      await expect(p.getByText("What do you imagine Sam felt?")).toBeVisible();
    }
  });

  // A second device of Alex's: the passcode step, then Alex's own pages and board.
  const second = await browser.newContext({ javaScriptEnabled: hydrated });
  second.on("response", async (response) => {
    try {
      alexSaw.push(await response.text());
    } catch {
      // Redirects have no body.
    }
  });
  const alexLaptop = await second.newPage();
  await openLink(alexLaptop, links.Alex);
  for (const path of ["/answers/3", "/answers/review", "/board"]) {
    await alexLaptop.goto(`${server.url}${path}`);
    await settle(alexLaptop, hydrated);
  }
  await expect(alexLaptop.locator("main")).not.toContainText("SAM-SECRET");
  await second.close();

  // Item 8: nothing Sam wrote reached Alex's browsers, and the reverse.
  expect(alexSaw.length).toBeGreaterThan(10);
  expect(alexSaw.filter((body) => body.includes("SAM-SECRET"))).toEqual([]);
  expect(samSaw.filter((body) => body.includes("ALEX-WORDS"))).toEqual([]);

  // Resume from the same link on another device: the welcome page leads on.
  const other = await browser.newContext({ javaScriptEnabled: hydrated });
  const phone = await other.newPage();
  await openLink(phone, links.Sam);
  await phone.getByRole("link", { name: "Continue" }).click();
  await expect(phone).toHaveURL(/\/answers\/review$/);
  await expect(phone.getByTestId("done")).toBeVisible();
  await phone.goto(`${server.url}/answers/4`);
  await expect(phone.locator('textarea[name^="text~"]').first()).toHaveValue("SAM-SECRET answer 1");

  // The quick exit leaves, and the visit is over.
  await settle(phone, hydrated);
  await phone.getByRole("link", { name: "Quick exit" }).click();
  await expect(phone).toHaveURL(/\/crisis$/);
  await phone.goto(`${server.url}/answers/1`);
  await expect(phone.getByRole("heading", { name: "Please use your invitation link" })).toBeVisible();
  await other.close();
});

test.describe("autosave", () => {
  // One pattern each: Playwright reads a two-element array option as [value, options].
  test.use({
    expectedFailedRequests: [/ERR_CONNECTION_REFUSED/],
    expectedConsoleErrors: [/ERR_CONNECTION_REFUSED|status of 422/],
  });

  test("typing is saved, survives a reload and a server restart, and two devices never lose text", async ({
    browser,
    page,
    server,
    hydrated,
  }) => {
    test.skip(!hydrated, "without JavaScript answers save on Next (see the journey test)");
    test.setTimeout(120_000);
    const { links } = await openExercise(server, PEOPLE);
    await openLink(page, links.Sam);
    await settle(page, true);
    await page.getByRole("button", { name: "I understand, start" }).click();
    // Wait for the start to land: a page opened while it is still on its way renders
    // read-only (not started yet), and typing there sends nothing. This race made
    // the test flaky in CI.
    await expect(page).toHaveURL(/\/answers\/1$/);
    await page.goto(`${server.url}/answers/6`);
    await settle(page, true);
    const friend = page.getByLabel("What would you say to a friend who had been through what you have?");
    const friendStatus = page.locator(".answer").first().locator(".save-state");

    // Typing, then a reload: the text is there.
    await friend.pressSequentially("Be gentle", { delay: 20 });
    await expect(friendStatus).toHaveText("Saved");
    await page.reload();
    await settle(page, true);
    await expect(friend).toHaveValue("Be gentle");

    // The server stops mid-typing: the page says so and keeps trying; once the
    // server is back, the text arrives.
    await server.pause();
    await friend.focus();
    await page.keyboard.press("ControlOrMeta+End");
    await friend.pressSequentially(" with yourself", { delay: 20 });
    await expect(friendStatus).toContainText("Not saved yet", { timeout: 15_000 });
    await server.resume();
    await expect(friendStatus).toHaveText("Saved", { timeout: 30_000 });
    const check = await browser.newContext();
    const checker = await check.newPage();
    await openLink(checker, links.Sam);
    await checker.goto(`${server.url}/answers/6`);
    await expect(checker.getByLabel("What would you say to a friend who had been through what you have?")).toHaveValue(
      "Be gentle with yourself",
    );

    // Two devices: the laptop (still on the old version) saves last and wins, and
    // the phone's text it replaced is shown to copy.
    await settle(checker, true);
    await friend.fill("From the phone");
    await expect(friendStatus).toHaveText("Saved");
    const laptopFriend = checker.getByLabel("What would you say to a friend who had been through what you have?");
    await laptopFriend.fill("From the laptop");
    await expect(checker.locator(".answer").first().locator(".save-state")).toHaveText("Saved");
    await expect(checker.getByTestId("replaced-text")).toHaveText("From the phone");
    await checker.getByRole("button", { name: "I have kept what I need" }).click();
    await expect(checker.getByTestId("replaced-text")).toHaveCount(0);
    await check.close();

    // Too long: a clear message, and the text stays (also through a reload).
    page.on("dialog", (dialog) => dialog.accept());
    const week = page.getByLabel("One thing I will do this week");
    await week.fill("x".repeat(501));
    const weekAnswer = page.locator(".answer").nth(1);
    await expect(weekAnswer.locator(".counter")).toHaveText("501 of 500 characters");
    await expect(weekAnswer.locator(".save-state")).toContainText("the limit is 500");
    await page.reload();
    await settle(page, true);
    await expect(week).toHaveValue("x".repeat(501));
    await expect(weekAnswer.locator(".save-state")).toContainText("the limit is 500");
  });
});

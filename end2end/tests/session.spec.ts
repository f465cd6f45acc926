import { request, type Browser, type BrowserContext, type Page } from "@playwright/test";

import { expect, open, test } from "./fixtures";
import { openExercise, openLink, openLinkByApi, PASSWORD } from "./support/family";
import { pdfText } from "./support/pdf";
import type { TestServer } from "./support/server";

// The session: a therapist leads Alex (in recovery), Sam and Pat through each
// other's perspectives. Participants' answers are saved through their own browser
// sessions' API (the answering pages have tests of their own).

const PEOPLE = [
  { name: "Alex", role: "person_in_recovery", relationship: "self", age: "adult" },
  { name: "Sam", role: "family_member", relationship: "partner", age: "adult" },
  { name: "Pat", role: "family_member", relationship: "parent", age: "adult" },
];

/** Words that may reach the family once Impact is revealed. */
const SHARED_IMPACT = ["SAM-IMPACT-SHARED", "ALEX-GUESS-SAM", "PAT-IMPACT-SHARED"];
/** Words no participant and no shared screen may get while Hurt is hidden. */
const NEVER_SHOWN = ["SAM-HURT-SHARED", "SAM-PRIVATE", "NOTE-SECRET"];

type Save = { prompt: string; about?: string; value: unknown; visibility?: string };

const text = (words: string) => ({ kind: "text", text: words });

function answersOf(ids: Record<string, string>): Record<string, Save[]> {
  return {
    Sam: [
      { prompt: "impact.moment.family", value: text("SAM-IMPACT-SHARED") },
      { prompt: "impact.feelings.family", value: { kind: "feelings", feelings: ["hurt", "afraid"], words: "" } },
      { prompt: "impact.effects.family", value: text("SAM-PRIVATE"), visibility: "therapist_only" },
      { prompt: "hurt.most.family", value: text("SAM-HURT-SHARED") },
    ],
    Alex: [
      { prompt: "impact.moment.recovery", about: ids.Sam, value: text("ALEX-GUESS-SAM") },
      {
        prompt: "impact.feelings.recovery",
        about: ids.Sam,
        value: { kind: "feelings", feelings: ["hurt", "angry"], words: "" },
      },
    ],
    Pat: [{ prompt: "impact.moment.family", value: text("PAT-IMPACT-SHARED") }],
  };
}

async function save(base: string, requests: { post: Page["request"]["post"] }, answer: Save) {
  const response = await requests.post(`${base}/api/save_answer`, {
    headers: { accept: "application/json" },
    data: {
      answer: {
        key: { prompt_key: answer.prompt, about: answer.about ?? null },
        value: answer.value,
        visibility: answer.visibility ?? "shared",
        base_version: 0,
        writer: "e2e",
      },
    },
  });
  expect(response.status(), `saving ${answer.prompt}`).toBe(200);
}

async function signIn(page: Page, server: TestServer, hydrated: boolean) {
  await open(page, `${server.url}/sign-in`, hydrated);
  await page.getByLabel("Email").fill("ana@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/families$/);
}

/** A participant's own browser (a phone), with console errors collected. */
async function participantBrowser(browser: Browser, hydrated: boolean) {
  const context = await browser.newContext({
    javaScriptEnabled: hydrated,
    viewport: { width: 390, height: 800 },
    hasTouch: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  return { context, page, problems };
}

test("the session: the dashboard, the board, presenter mode and each participant's screen follow along live", async ({
  page,
  browser,
  server,
  hydrated,
}) => {
  test.skip(!hydrated, "live updates need JavaScript; the next test covers pages without it");
  test.setTimeout(120_000);
  const { links, exerciseId, ids } = await openExercise(server, PEOPLE);
  await signIn(page, server, true);
  await open(page, `${server.url}/families`, true);
  const progress = (name: string) => page.locator(`tr[data-person="${name}"] [data-testid="progress"]`);
  await expect(progress("Sam")).toHaveText("Not started");

  // Three phones: each person starts, answers and says they are done. The
  // therapist's dashboard follows without a reload.
  const phones: Record<string, { context: BrowserContext; page: Page; problems: string[] }> = {};
  const answers = answersOf(ids);
  for (const person of PEOPLE) {
    const phone = await participantBrowser(browser, true);
    phones[person.name] = phone;
    await openLink(phone.page, links[person.name]);
    await expect(phone.page.locator("body")).toHaveAttribute("data-hydrated", "true");
    await phone.page.getByRole("button", { name: "I understand, start" }).click();
    await expect(phone.page).toHaveURL(/\/answers\/1$/);
    await expect(progress(person.name)).toHaveText("In progress");
    for (const answer of answers[person.name]) await save(server.url, phone.page.request, answer);
  }
  // Sam says they do not feel safe at home: the dashboard shows it at once.
  await save(server.url, phones.Sam.page.request, { prompt: "checkin.safe", value: { kind: "choice", choice: "no" } });
  await expect(page.getByText("Safety check-in: Sam")).toBeVisible();
  for (const person of PEOPLE) {
    const phone = phones[person.name].page;
    await open(phone, `${server.url}/answers/review`, true);
    await phone.getByRole("button", { name: "I'm done" }).click();
    await expect(phone.getByTestId("done")).toBeVisible();
    await expect(progress(person.name)).toHaveText("Done");
  }

  // Preparing: a private note on Impact.
  await open(page, `${server.url}/exercises/${exerciseId}/prepare`, true);
  await expect(page.getByText("SAM-PRIVATE")).toBeVisible();
  await page.getByLabel("Your notes on Impact").fill("NOTE-SECRET");
  const noteForm = page.locator("form", { has: page.locator("#note-section-impact") });
  await Promise.all([
    page.waitForResponse((response) => response.url().endsWith("/api/save_note") && response.ok()),
    noteForm.getByRole("button", { name: "Save note" }).click(),
  ]);

  // The session starts; each phone opens its board.
  await open(page, `${server.url}/exercises/${exerciseId}/board`, true);
  await page.getByRole("button", { name: "Start the session" }).click();
  await expect(page.getByTestId("board-status")).toContainText("In session");
  for (const person of PEOPLE) {
    const phone = phones[person.name].page;
    await open(phone, `${server.url}/board`, true);
    await expect(phone.getByTestId("board-intro")).toContainText("The session has started");
  }

  // Nothing can be revealed until Sam's safety check-in is acknowledged.
  await expect(page.getByRole("button", { name: "Reveal Impact" })).toBeDisabled();
  await page.getByRole("button", { name: "Acknowledge Sam's check-in" }).click();
  await expect(page.getByRole("button", { name: "Reveal Impact" })).toBeEnabled();

  // Reveal Impact: within 2 s every phone shows it; Hurt stays hidden.
  await page.getByRole("button", { name: "Reveal Impact" }).click();
  const revealedAt = Date.now();
  await Promise.all(
    PEOPLE.map((person) =>
      expect(phones[person.name].page.getByText("SAM-IMPACT-SHARED")).toBeVisible({ timeout: 2_000 }),
    ),
  );
  console.log(`Impact reached all three phones ${Date.now() - revealedAt} ms after the click`);
  await expect(page.getByRole("button", { name: "Hide Impact" })).toBeVisible();
  for (const person of PEOPLE) {
    const phone = phones[person.name].page;
    for (const words of SHARED_IMPACT) await expect(phone.getByText(words)).toBeVisible();
    const shown = await phone.locator("main").innerText();
    for (const words of NEVER_SHOWN) expect(shown, `${person.name}'s phone`).not.toContain(words);
  }

  // Sam rates how close Alex's guess was; the therapist's board follows.
  const sam = phones.Sam.page;
  const rating = sam.getByRole("group", { name: "How close was the guess about you?" }).first();
  await rating.getByRole("button", { name: /^3 / }).click();
  await expect(sam.getByText("How close the guess was, for Sam: Very close (3 of 4)")).toBeVisible();
  await expect(page.getByText("How close the guess was, for Sam: Very close (3 of 4)")).toBeVisible();
  await expect(phones.Pat.page.getByText("Very close (3 of 4)")).toHaveCount(0);

  // Presenter mode: large type, revealed and shared answers only.
  const presenter = await page.context().newPage();
  await open(presenter, `${server.url}/exercises/${exerciseId}/present`, true);
  for (const words of SHARED_IMPACT) await expect(presenter.getByText(words)).toBeVisible();
  const presented = await presenter.locator("main").innerText();
  for (const words of [...NEVER_SHOWN, "Safety check-in", "Your private note"]) {
    expect(presented, "presenter mode").not.toContain(words);
  }
  await presenter.close();

  // The summary prints: Chromium's print-to-PDF holds the record, not the site's
  // header or the page's links and buttons.
  await open(page, `${server.url}/exercises/${exerciseId}/summary`, true);
  await expect(page.getByText("NOTE-SECRET")).toBeVisible();
  const printed = await pdfText(await page.pdf({ format: "A4" }));
  for (const words of [...SHARED_IMPACT, ...NEVER_SHOWN, "Summary", "(acknowledged)"]) {
    expect(printed, "the printed summary").toContain(words);
  }
  // A record: the therapist, the family, the people with roles, the dates, numbered pages.
  for (const words of ["Ana Rivera", "R. family", "(in recovery)", "Opened for answers", "Session started", "Printed", "Page 1 of"]) {
    expect(printed, "the printed summary").toContain(words);
  }
  expect(printed).toMatch(/Session started\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  for (const words of ["Quick exit", "Sign out", "Save as PDF", "Session board", "Not shown yet", "Shown to the family"]) {
    expect(printed, "the printed summary").not.toContain(words);
  }
  if (process.env.UPDATE_SCREENSHOTS === "1") {
    // The printed page as print media draws it, at A4's width (for docs/session.md).
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: "../docs/screen-summary-printed.jpg", type: "jpeg", quality: 60 });
    await page.emulateMedia({ media: "screen" });
  }

  for (const person of PEOPLE) {
    expect(phones[person.name].problems, `${person.name}'s browser reported problems`).toEqual([]);
    await phones[person.name].context.close();
  }
});

test("without JavaScript too, the dashboard, the board and the summary show the current state", async ({
  page,
  browser,
  server,
  hydrated,
  checkAccessibility,
}) => {
  test.setTimeout(120_000);
  const { links, exerciseId, ids } = await openExercise(server, PEOPLE);
  // Everyone answers and finishes; the therapist starts the session and reveals
  // Impact (all through the API, as earlier tests do through the pages).
  const answers = answersOf(ids);
  for (const person of PEOPLE) {
    const api = await request.newContext({ baseURL: server.url });
    await openLinkByApi(api, links[person.name]);
    const post = (fn: string, form: Record<string, string>) =>
      api.post(`/api/${fn}`, { form, headers: { accept: "application/json" } });
    expect((await post("start_answering", {})).status()).toBe(200);
    for (const answer of answers[person.name]) await save(server.url, api, answer);
    expect((await post("set_answers_done", { done: "true" })).status()).toBe(200);
    await api.dispose();
  }
  await signIn(page, server, hydrated);
  await open(page, `${server.url}/families`, hydrated);
  for (const person of PEOPLE) {
    await expect(page.locator(`tr[data-person="${person.name}"] [data-testid="progress"]`)).toHaveText("Done");
  }
  await checkAccessibility();

  await open(page, `${server.url}/exercises/${exerciseId}/board`, hydrated);
  await page.getByRole("button", { name: "Start the session" }).click();
  await expect(page.getByTestId("board-status")).toContainText("In session");
  await page.getByRole("button", { name: "Reveal Impact" }).click();
  await expect(page.getByRole("button", { name: "Hide Impact" })).toBeVisible();
  await page.getByLabel("Who", { exact: true }).selectOption({ label: "Alex" });
  await page.getByLabel("What they will do").fill("Call Sam every Sunday");
  await page.getByLabel("By when (optional)").fill("2027-01-10");
  await page.getByRole("button", { name: "Add next step" }).click();
  await expect(page.getByTestId("next-steps")).toContainText("Alex: Call Sam every Sunday (by 2027-01-10)");
  // A reload shows the same state.
  await open(page, `${server.url}/exercises/${exerciseId}/board`, hydrated);
  await expect(page.locator('[data-section="impact"]')).toHaveAttribute("data-revealed", "true");
  await expect(page.locator('[data-section="hurt"]')).toHaveAttribute("data-revealed", "false");
  await expect(page.getByText("SAM-HURT-SHARED")).toBeVisible();
  await checkAccessibility();

  // Sam's phone: the revealed part, side by side, and the rating.
  const phone = await participantBrowser(browser, hydrated);
  await phone.page.setViewportSize({ width: 320, height: 640 });
  await openLink(phone.page, links.Sam);
  await open(phone.page, `${server.url}/board`, hydrated);
  for (const words of SHARED_IMPACT) await expect(phone.page.getByText(words)).toBeVisible();
  const shown = await phone.page.locator("main").innerText();
  for (const words of NEVER_SHOWN) expect(shown).not.toContain(words);
  await expect(phone.page.getByTestId("next-steps")).toContainText("Call Sam every Sunday");
  await phone.page
    .getByRole("group", { name: "How close was the guess about you?" })
    .first()
    .getByRole("button", { name: /^4 / })
    .click();
  await expect(phone.page.getByText("How close the guess was, for Sam: Spot on (4 of 4)")).toBeVisible();
  const scrolls = await phone.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(scrolls, "the board scrolls sideways at 320 px").toBe(false);
  await phone.context.close();

  await open(page, `${server.url}/exercises/${exerciseId}/summary`, hydrated);
  for (const words of [...SHARED_IMPACT, "SAM-HURT-SHARED", "SAM-PRIVATE"]) {
    await expect(page.getByText(words)).toBeVisible();
  }
  await expect(page.getByText("How close the guess was, for Sam: Spot on (4 of 4)").first()).toBeVisible();
  await checkAccessibility();
});

/** Something plausible for every question a participant is asked (the whole template). */
async function answerEverything(base: string, link: string, name: string) {
  const api = await request.newContext({ baseURL: base });
  await openLinkByApi(api, link);
  const post = (fn: string, form: Record<string, string>) =>
    api.post(`/api/${fn}`, { form, headers: { accept: "application/json" } });
  expect((await post("start_answering", {})).status()).toBe(200);
  const feelings = [["hurt", "afraid"], ["angry", "sad"], ["lonely", "hurt"], ["afraid", "hopeful"]];
  for (let number = 1; ; number++) {
    const response = await post("answer_section", { number: String(number) });
    if (response.status() !== 200) break;
    const section = await response.json();
    if (typeof section !== "object" || !section.items) break;
    for (const [i, item] of section.items.entries()) {
      const about = item.about_name ? ` about ${item.about_name}` : "";
      let value: unknown;
      if ("LongText" in item.kind) {
        value = text(`${name}'s answer${about}: ${SENTENCES[(number + i) % SENTENCES.length]}`);
      } else if ("Scale" in item.kind) {
        value = { kind: "scale", score: 3 + ((number + i) % 6) };
      } else if ("SingleChoice" in item.kind) {
        value = { kind: "choice", choice: item.kind.SingleChoice.choices[0].value };
      } else {
        value = { kind: "feelings", feelings: feelings[(name.length + i) % feelings.length], words: "" };
      }
      const saved = await api.post(`/api/save_answer`, {
        headers: { accept: "application/json" },
        data: {
          answer: {
            key: item.key,
            value,
            visibility: item.can_share ? "shared" : "therapist_only",
            base_version: item.version,
            writer: "e2e",
          },
        },
      });
      expect(saved.status(), `${name}: ${item.key.prompt_key}`).toBe(200);
    }
    if (number >= section.count) break;
  }
  expect((await post("set_answers_done", { done: "true" })).status()).toBe(200);
  await api.dispose();
}

const SENTENCES = [
  "The night of the party, when nobody knew where they were until morning.",
  "I stopped telling friends what was going on at home.",
  "Money went missing and I started checking the bank every day.",
  "I felt like I had to hold everything together on my own.",
  "I want to hear that it was not my fault.",
];

test("a family of five with the whole template: the board lays out side by side and fits a phone", async ({
  page,
  server,
  hydrated,
}) => {
  test.skip(!hydrated, "one layout check is enough; the no-JS board is checked above");
  test.setTimeout(120_000);
  const five = [
    ...PEOPLE,
    { name: "Jo", role: "family_member", relationship: "child", age: "adult" },
    { name: "Kim", role: "family_member", relationship: "sibling", age: "adult" },
  ];
  const { links, exerciseId } = await openExercise(server, five);
  for (const person of five) await answerEverything(server.url, links[person.name], person.name);
  await signIn(page, server, true);
  await page.setViewportSize({ width: 1280, height: 900 });
  await open(page, `${server.url}/exercises/${exerciseId}/board`, true);
  await page.getByRole("button", { name: "Start the session" }).click();
  await expect(page.getByTestId("board-status")).toContainText("In session");
  await page.getByRole("button", { name: "Reveal Impact" }).click();
  await expect(page.getByRole("button", { name: "Hide Impact" })).toBeVisible();
  // Impact: one perspective per family member, three pair rows each, two columns.
  const impact = page.locator('[data-section="impact"]');
  await expect(impact.locator(".perspective")).toHaveCount(4);
  await expect(impact.locator(".pair")).toHaveCount(12);
  const sides = await impact.locator(".pair").first().locator(".pair__side").all();
  const [left, right] = await Promise.all(sides.map((side) => side.boundingBox()));
  expect(left && right && Math.abs(left.y - right.y) < 2 && right.x > left.x, "own words and the guess side by side").toBe(true);
  if (process.env.UPDATE_SCREENSHOTS) {
    await impact.screenshot({ path: "../docs/board-family-of-five.jpg", type: "jpeg", quality: 40 });
  }
  // On a phone the two sides stack and nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 640 });
  const scrolls = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(scrolls, "the board scrolls sideways at 320 px").toBe(false);
});

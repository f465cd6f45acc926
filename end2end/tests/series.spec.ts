import { request, type APIRequestContext, type Page } from "@playwright/test";

import { expect, open, test } from "./fixtures";
import { openExercise, openLink, openLinkByApi, PASSWORD } from "./support/family";
import { pdfText } from "./support/pdf";
import type { TestServer } from "./support/server";

// A family comes back: the therapist starts the next exercise in one step, each
// person's link opens it on the phone they already use, and the Over time page and
// the printed summary show how close the guesses came. Answers and ratings are
// given through each person's own session (their pages have tests of their own).

const PEOPLE = [
  { name: "Alex", role: "person_in_recovery", relationship: "self", age: "adult" },
  { name: "Sam", role: "family_member", relationship: "partner", age: "adult" },
];

const feelings = (words: string[]) => ({ kind: "feelings", feelings: words, words: "" });
const text = (words: string) => ({ kind: "text", text: words });

async function post(api: APIRequestContext, base: string, fn: string, form: Record<string, string>) {
  const response = await api.post(`${base}/api/${fn}`, {
    form,
    headers: { accept: "application/json" },
    maxRedirects: 0,
  });
  expect(response.status(), fn).toBeLessThan(400);
}

async function save(api: APIRequestContext, base: string, prompt: string, value: unknown, about?: string) {
  const response = await api.post(`${base}/api/save_answer`, {
    headers: { accept: "application/json" },
    data: {
      answer: {
        key: { prompt_key: prompt, about: about ?? null },
        value,
        visibility: "shared",
        base_version: 0,
        writer: "e2e",
      },
    },
  });
  expect(response.status(), `saving ${prompt}`).toBe(200);
}

async function signIn(page: Page, server: TestServer, hydrated: boolean) {
  await open(page, `${server.url}/sign-in`, hydrated);
  await page.getByLabel("Email").fill("ana@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/families$/);
}

test("the next exercise keeps everyone's link, and Over time shows how close the guesses came", async ({
  page,
  browser,
  server,
  hydrated,
  checkAccessibility,
}) => {
  test.setTimeout(120_000);
  const base = server.url;
  const { links, exerciseId, familyId, ids } = await openExercise(server, PEOPLE);

  // Sam answers on their phone; Alex guesses at Sam's side.
  const phoneContext = await browser.newContext({
    javaScriptEnabled: hydrated,
    viewport: { width: 390, height: 800 },
  });
  const phone = await phoneContext.newPage();
  await openLink(phone, links.Sam);
  const alex = await request.newContext({ baseURL: base });
  await openLinkByApi(alex, links.Alex);
  await post(phoneContext.request, base, "start_answering", {});
  await post(alex, base, "start_answering", {});
  await save(phoneContext.request, base, "impact.moment.family", text("The night of the party."));
  await save(phoneContext.request, base, "impact.feelings.family", feelings(["hurt", "afraid"]));
  await save(alex, base, "impact.moment.recovery", text("The party, I think."), ids.Sam);
  await save(alex, base, "impact.feelings.recovery", feelings(["hurt", "angry"]), ids.Sam);

  // The session: Impact shown, both guesses rated, then closed.
  const therapist = await request.newContext({ baseURL: base });
  await post(therapist, base, "sign_in", { email: "ana@example.org", password: PASSWORD });
  await post(therapist, base, "advance_exercise", { exercise_id: exerciseId, to: "in_session" });
  await post(therapist, base, "set_section_revealed", { exercise_id: exerciseId, section_key: "impact", revealed: "true" });
  for (const [pair, rating] of [["impact.moment", "1"], ["impact.feelings", "3"]]) {
    await post(therapist, base, "rate_guess", { exercise_id: exerciseId, pair_key: pair, subject_id: ids.Sam, rating });
  }
  // What Alex agreed for Sam comes back in the next exercise.
  await post(therapist, base, "add_next_step", {
    exercise_id: exerciseId,
    who_id: ids.Alex,
    for_id: ids.Sam,
    what: "Call Sam every Sunday",
    by_when: "",
  });
  await post(therapist, base, "advance_exercise", { exercise_id: exerciseId, to: "closed" });

  // The therapist starts the next exercise from the family page, keeping the links.
  await signIn(page, server, hydrated);
  await open(page, `${base}/families/${familyId}`, hydrated);
  await expect(page.getByRole("heading", { name: "Start the next exercise" })).toBeVisible();
  await expect(page.getByLabel(/Keep everyone's link/)).toBeChecked();
  await checkAccessibility();
  await page.getByRole("button", { name: "Start the next exercise" }).click();
  await expect(page).toHaveURL(/\/exercises\/[0-9a-f]{32}$/);
  expect(page.url()).not.toContain(exerciseId);
  const sam = page.locator('[data-testid="invitation"][data-participant="Sam"]');
  await expect(sam.getByTestId("invitation-state")).toContainText("The same link as in the last exercise");
  await expect(sam.getByTestId("invitation-state")).toContainText("Passcode chosen");
  await page.getByRole("button", { name: "Open for answers" }).click();
  await expect(page.getByRole("button", { name: "Start the session" })).toBeVisible();

  // Sam's old link, on the same phone, opens the new exercise: no passcode asked.
  await phone.goto(links.Sam);
  await expect(phone).toHaveURL(/\/welcome$/);
  // Sam is asked, right after the check-in, whether they noticed Alex's step.
  if (hydrated) await expect(phone.locator("body")).toHaveAttribute("data-hydrated", "true");
  await phone.getByRole("button", { name: "I understand, start" }).click();
  await expect(phone).toHaveURL(/\/answers\/1$/);
  await phone.goto(`${base}/answers/2`);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("Since last time");
  await expect(
    phone.getByText("Last time Alex agreed: \u201cCall Sam every Sunday\u201d. Have you noticed a change?"),
  ).toBeVisible();
  await phoneContext.close();

  // Both exercises are listed in order; Over time shows the pair with its numbers.
  await open(page, `${base}/families/${familyId}`, hydrated);
  const series = page.getByTestId("exercises").getByRole("listitem");
  await expect(series).toHaveCount(2);
  await expect(series.nth(0)).toContainText("Closed");
  await expect(series.nth(1)).toContainText("Open for answers");
  await page.getByRole("link", { name: /^Over time/ }).click();
  await expect(page).toHaveURL(/\/over-time$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Over time");
  const trend = page.getByTestId("trend");
  await expect(trend.getByRole("heading", { name: "Alex's guesses about Sam" })).toBeVisible();
  await expect(trend).toContainText("rated once so far, in exercise 1 (2.0 of 4)");
  const rows = trend.getByRole("row");
  await expect(rows.nth(1)).toContainText("2 of 2");
  await expect(rows.nth(1)).toContainText("2.0");
  await expect(rows.nth(1)).toContainText("1 of 2 feelings named");
  await expect(rows.nth(2)).toContainText("no guesses");
  await expect(rows.nth(2)).toContainText("not rated");
  await expect(trend.locator("svg circle")).toHaveCount(1);
  await checkAccessibility();
  if (process.env.UPDATE_SCREENSHOTS === "1" && hydrated) {
    await trend.screenshot({ path: "../docs/screen-over-time.png" });
  }

  // The printed summary of the first exercise carries the series as it stood.
  await open(page, `${base}/exercises/${exerciseId}/summary`, hydrated);
  await expect(page.getByRole("heading", { name: "Over time" })).toBeVisible();
  const printed = await pdfText(await page.pdf({ format: "A4" }));
  for (const words of ["Over time", "Alex's guesses about Sam", "1 of 2 feelings named", "2.0"]) {
    expect(printed, "the printed summary").toContain(words);
  }
  await alex.dispose();
  await therapist.dispose();
});

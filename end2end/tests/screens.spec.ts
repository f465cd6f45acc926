import { request, type APIRequestContext, type Page } from "@playwright/test";

import { expect, open, test } from "./fixtures";
import { PASSWORD, openExercise, openLink, openLinkByApi } from "./support/family";
import type { TestServer } from "./support/server";

// What a therapist and a family trip over on the session screens, as they would
// use them: who kept what for the therapist never shows on a shared screen, Reveal
// is offered only where there is something to reveal, a blocked Reveal looks and
// says so, and the participant's way through has no dead ends.

const PEOPLE = [
  { name: "Alex", role: "person_in_recovery", relationship: "self", age: "adult" },
  { name: "Sam", role: "family_member", relationship: "partner", age: "adult" },
  { name: "Pat", role: "family_member", relationship: "parent", age: "adult" },
];

async function participant(server: TestServer, link: string) {
  const api = await request.newContext({ baseURL: server.url });
  await openLinkByApi(api, link);
  const started = await api.post("/api/start_answering", { headers: { accept: "application/json" } });
  expect(started.status()).toBe(200);
  return api;
}

async function save(api: APIRequestContext, prompt: string, value: unknown, visibility = "shared", about?: string) {
  const response = await api.post("/api/save_answer", {
    headers: { accept: "application/json" },
    data: { answer: { key: { prompt_key: prompt, about: about ?? null }, value, visibility, base_version: 0, writer: "e2e" } },
  });
  expect(response.status(), `saving ${prompt}`).toBe(200);
}

const text = (words: string) => ({ kind: "text", text: words });

// `UPDATE_SCREENSHOTS=1` (hydrated project) refreshes the pictures in docs/session.md.
const screenshots = process.env.UPDATE_SCREENSHOTS === "1";
const picture = (name: string) => ({ path: `../docs/${name}`, type: "jpeg" as const, quality: 60 });

async function signIn(page: Page, server: TestServer, hydrated: boolean) {
  await open(page, `${server.url}/sign-in`, hydrated);
  await page.getByLabel("Email").fill("ana@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // A therapist comes to work with families: that is where signing in leads.
  await expect(page).toHaveURL(/\/families$/);
}

test("the shared screen shows what was shared without announcing what was kept back", async ({
  page,
  browser,
  server,
  hydrated,
}) => {
  test.setTimeout(120_000);
  const { links, exerciseId, ids } = await openExercise(server, PEOPLE);
  const sam = await participant(server, links.Sam);
  await save(sam, "impact.moment.family", text("SAM-SHARED-MOMENT"));
  await save(sam, "impact.effects.family", text("SAM-KEPT-BACK"), "therapist_only");
  const alex = await participant(server, links.Alex);
  await save(alex, "impact.moment.recovery", text("ALEX-GUESS-SAM"), "shared", ids.Sam);
  await save(alex, "impact.effects.recovery", text("ALEX-EFFECTS-GUESS"), "shared", ids.Sam);
  // Pat says they do not feel safe at home: nothing may be revealed until the
  // therapist has read it.
  const pat = await participant(server, links.Pat);
  await save(pat, "checkin.safe", { kind: "choice", choice: "no" });

  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, server, hydrated);
  // The dashboard's flag leads to where the check-in can be read, and is
  // acknowledged there, next to what Pat answered.
  if (hydrated) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await page.getByRole("link", { name: "Read and acknowledge Pat's check-in" }).click();
  await expect(page).toHaveURL(new RegExp(`/exercises/${exerciseId}/board#flag-`));
  const flag = page.getByTestId("flags").locator(".flag").filter({ hasText: "Pat" });
  await expect(flag.getByTestId("flag-answer")).toHaveText("No");
  await expect(flag.getByRole("button", { name: "Acknowledge Pat's check-in" })).toBeVisible();
  await open(page, `${server.url}/exercises/${exerciseId}/board`, hydrated);
  await page.getByRole("button", { name: "Start the session" }).click();
  await expect(page.getByTestId("board-status")).toContainText("In session");

  // Only parts the family could see offer Reveal; the others say why not.
  await expect(page.getByRole("button", { name: "Reveal Check-in" })).toHaveCount(0);
  await expect(page.locator('[data-section="checkin"] [data-testid="never-shown"]')).toContainText(
    "for you only",
  );
  await expect(page.locator('[data-section="child"] [data-testid="never-shown"]')).toContainText(
    "nobody in this exercise",
  );

  // Blocked: the buttons look disabled, and the message names whose check-in, with a link.
  const reveal = page.getByRole("button", { name: "Reveal Impact" });
  await expect(reveal).toBeDisabled();
  const looks = (locator: typeof reveal) => locator.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await looks(reveal)).not.toBe(await looks(page.getByRole("button", { name: "Add next step" })));
  const blocked = page.getByTestId("reveal-blocked");
  await expect(blocked).toContainText("Pat's safety check-in");
  await blocked.getByRole("link", { name: "Pat's safety check-in" }).click();
  await expect(page.getByRole("button", { name: "Acknowledge Pat's check-in" })).toBeInViewport();
  await page.getByRole("button", { name: "Acknowledge Pat's check-in" }).click();
  await expect(reveal).toBeEnabled();
  await reveal.click();
  await expect(page.getByRole("button", { name: "Hide Impact" })).toBeVisible();

  // The therapist's board marks what Sam kept back, as a label beside the words.
  const kept = page.locator('[data-section="impact"] .pair[data-pair="impact.effects"]').first();
  await expect(kept).toContainText("SAM-KEPT-BACK");
  const badge = kept.getByText("Therapist only", { exact: true });
  await expect(badge).toBeVisible();
  if (screenshots && hydrated) {
    await page.locator("#section-impact").scrollIntoViewIfNeeded();
    await page.screenshot(picture("screen-board.jpg"));
  }

  // Presenter mode: Sam's shared moment and Alex's guesses; nothing says what Sam
  // kept, and the part's title is the largest text on the screen.
  const screen = await (await browser.newContext({ viewport: { width: 1366, height: 768 }, javaScriptEnabled: hydrated })).newPage();
  await screen.context().addCookies(await page.context().cookies());
  await open(screen, `${server.url}/exercises/${exerciseId}/present`, hydrated);
  const impact = screen.locator('[data-section="impact"]');
  await expect(impact).toContainText("SAM-SHARED-MOMENT");
  await expect(impact).toContainText("ALEX-EFFECTS-GUESS");
  await expect(screen.locator("main")).not.toContainText("SAM-KEPT-BACK");
  await expect(screen.locator("main")).not.toContainText(/not shared|no answer|therapist only/i);
  await expect(screen.locator('[data-section="checkin"]')).toHaveCount(0);
  if (screenshots && hydrated) await screen.screenshot(picture("screen-presenter.jpg"));
  const size = (selector: string) =>
    screen.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  const title = await size('[data-section="impact"] h2');
  expect(title).toBeGreaterThan(await size("h1"));
  expect(title).toBeGreaterThan(await size('[data-section="impact"] h3'));
  await screen.context().close();

  // Sam's phone shows the same, and nothing of what Pat or Sam kept back.
  const phone = await (await browser.newContext({ javaScriptEnabled: hydrated })).newPage();
  await openLink(phone, links.Sam);
  await phone.goto(`${server.url}/board`);
  await expect(phone.locator("main")).toContainText("SAM-SHARED-MOMENT");
  await expect(phone.locator("main")).not.toContainText(/not shared|no answer/i);
  await phone.context().close();
  for (const api of [sam, alex, pat]) await api.dispose();
});

test("a family member's way through: the start within the first screen, a scale on one row, no dead ends", async ({
  page,
  server,
  hydrated,
}) => {
  const { links } = await openExercise(server, PEOPLE);
  await page.setViewportSize({ width: 390, height: 844 });
  await openLink(page, links.Sam);
  // The promise and the way forward on the first screen; crisis help follows.
  await expect(page.getByTestId("promise")).toBeInViewport();
  const start = page.getByRole("button", { name: "I understand, start" });
  await expect(start).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole("link", { name: "Call 988" })).toHaveAttribute("href", "tel:988");
  await expect(page.getByRole("link", { name: /All crisis help/ })).toHaveAttribute("href", "/crisis");
  if (screenshots && hydrated) await page.screenshot(picture("screen-welcome-phone.jpg"));

  // Before the session the board has a way back to the answers.
  await page.goto(`${server.url}/board`);
  await page.getByRole("link", { name: "Back to your answers" }).click();
  await expect(page).toHaveURL(/\/welcome$/);
  if (hydrated) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await start.click();
  await expect(page).toHaveURL(/\/answers\/1$/);

  // 0 to 10 on one row, and the step forward on the right.
  const points = page.locator("fieldset.scale").first().locator(".scale-point label");
  await expect(points).toHaveCount(11);
  const tops = new Set<number>();
  for (const box of await Promise.all((await points.all()).map((p) => p.boundingBox()))) {
    expect(box && box.width >= 24 && box.height >= 44, "each number is a large enough target").toBe(true);
    tops.add(Math.round(box?.y ?? -1));
  }
  expect([...tops], "the scale is on one row").toHaveLength(1);
  const next = await page.getByRole("button", { name: "Next", exact: true }).boundingBox();
  const form = await page.locator("form.answers").boundingBox();
  expect(next && form && next.x + next.width > form.x + form.width - 4, "Next sits on the right").toBe(true);
});

test("a long board keeps the therapist's place: jump to a part, reveal it and stay there, fold what is discussed", async ({
  page,
  browser,
  server,
  hydrated,
}) => {
  test.setTimeout(120_000);
  const { links, exerciseId, ids } = await openExercise(server, PEOPLE);
  const sam = await participant(server, links.Sam);
  await save(sam, "impact.moment.family", text("SAM-MOMENT"));
  const alex = await participant(server, links.Alex);
  await save(alex, "impact.moment.recovery", text("ALEX-GUESS"), "shared", ids.Sam);
  for (const api of [sam, alex]) await api.dispose();

  await page.setViewportSize({ width: 1366, height: 768 });
  await signIn(page, server, hydrated);
  const board = `${server.url}/exercises/${exerciseId}/board`;
  await open(page, board, hydrated);
  await page.getByRole("button", { name: "Start the session" }).click();
  await expect(page.getByTestId("board-status")).toContainText("In session");

  // The navigator names every part and where it stands, and jumps there.
  const nav = page.getByRole("navigation", { name: "Parts of the exercise" });
  await expect(nav.getByRole("link")).toHaveCount(8);
  await expect(nav.getByRole("link", { name: /^Check-in/ })).toContainText("Never shown");
  const amendsLink = nav.getByRole("link", { name: /^Amends/ });
  await expect(amendsLink).toContainText("Not shown");
  await amendsLink.click();
  await expect(page).toHaveURL(/#section-amends$/);
  const heading = page.locator("#section-amends");
  await expect(heading).toBeInViewport();
  if (hydrated) await expect(amendsLink).toHaveAttribute("aria-current", "location");

  // Revealing it keeps the view on it; with JavaScript, focus stays on the button
  // and the heading does not move; without, the page comes back to the part.
  // (The whole heading row lands below the sticky header and navigator: a control
  // left inside that band is scrolled into view by the click itself, which a
  // browser does too for keyboard focus.)
  const before = await page.getByRole("button", { name: "Reveal Amends" }).boundingBox();
  await page.getByRole("button", { name: "Reveal Amends" }).click();
  const hide = page.getByRole("button", { name: "Hide Amends" });
  await expect(hide).toBeInViewport();
  await expect(heading).toBeInViewport();
  await expect(amendsLink).toContainText("Shown");
  if (hydrated) {
    await expect(hide).toBeFocused();
    const after = await hide.boundingBox();
    expect(Math.abs((after?.y ?? 0) - (before?.y ?? 0)), "the button stays where it was").toBeLessThan(4);
  } else {
    await expect(page).toHaveURL(/\/board\??#section-amends$/);
  }

  if (hydrated) {
    // A change from elsewhere (the therapist's second screen reveals Impact) redraws
    // this board live: focus stays on the control that had it, a folded part stays folded.
    const hurt = page.locator('[data-section="hurt"] details.board-section__body');
    await page.locator('[data-section="hurt"] summary').click();
    await expect(hurt).not.toHaveAttribute("open");
    await hide.focus();
    const second = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await second.context().addCookies(await page.context().cookies());
    await open(second, board, true);
    await second.getByRole("button", { name: "Reveal Impact" }).click();
    await expect(second.getByRole("button", { name: "Hide Impact" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Hide Impact" })).toBeVisible();
    await expect(hide).toBeFocused();
    await expect(hide).toBeInViewport();
    await expect(hurt).not.toHaveAttribute("open");
    await second.context().close();
  }

  // Every pair of a part marked discussed: it is folded away, here and on the next visit.
  const strengths = page.locator('[data-section="strengths"]');
  const mark = strengths.getByRole("button", { name: "Mark discussed" });
  const pairs = await mark.count();
  expect(pairs, "the part has pairs to discuss").toBeGreaterThan(0);
  for (let left = pairs; left > 0; left--) {
    await mark.first().click();
    await expect(mark).toHaveCount(left - 1);
  }
  await open(page, board, hydrated);
  await expect(strengths.locator("details.board-section__body")).not.toHaveAttribute("open");
  await expect(strengths.locator("summary")).toHaveText("Answers and notes (all discussed)");
  await expect(nav.getByRole("link", { name: /^What I value/ })).toContainText("discussed");
  await strengths.locator("summary").click();
  await expect(strengths.getByRole("button", { name: "Not discussed yet" }).first()).toBeVisible();
});

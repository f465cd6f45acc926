import type { Browser, Page } from "@playwright/test";

import { expect, open, test } from "./fixtures";
import { PASSCODE, PASSWORD, openExercise, openLink } from "./support/family";
import type { TestServer } from "./support/server";

// A link belongs to one person's devices: the exercise page shows none until the
// therapist asks, the first device chooses a passcode, any other must give it, and
// five wrong tries lock the link.

const PEOPLE = [
  { name: "Alex", role: "person_in_recovery", relationship: "self", age: "adult" },
  { name: "Sam", role: "family_member", relationship: "partner", age: "adult" },
  { name: "Pat", role: "family_member", relationship: "parent", age: "adult" },
];

const TOKEN = /\/j\/[0-9a-f]{64}/;

async function signIn(page: Page, server: TestServer, hydrated: boolean) {
  await open(page, `${server.url}/sign-in`, hydrated);
  await page.getByLabel("Email").fill("ana@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/families$/);
}

/** Another phone: a browser of its own (its own cookies, so its own device). */
async function phone(browser: Browser, hydrated: boolean) {
  const context = await browser.newContext({
    javaScriptEnabled: hydrated,
    viewport: { width: 390, height: 800 },
    hasTouch: true,
  });
  return { context, page: await context.newPage() };
}

function invitation(page: Page, name: string) {
  return page.getByTestId("invitation").filter({ has: page.getByText(name, { exact: true }) });
}

test("the exercise page shows one link only on request, and a second device needs the passcode", async ({
  page,
  browser,
  server,
  hydrated,
  checkAccessibility,
}) => {
  test.setTimeout(120_000);
  const { links, exerciseId } = await openExercise(server, PEOPLE);
  await signIn(page, server, hydrated);
  const exerciseUrl = `${server.url}/exercises/${exerciseId}`;
  await open(page, exerciseUrl, hydrated);

  // Nobody's link is on the page, not even in its data, until one is asked for.
  expect(await page.content()).not.toMatch(TOKEN);
  await page.getByRole("link", { name: "Show Sam's link" }).click();
  if (hydrated) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  await expect(page.getByLabel("Sam's link")).toHaveValue(links.Sam);
  const html = await page.content();
  expect(html).not.toContain(links.Pat);
  expect(html).not.toContain(links.Alex);
  await page.getByRole("link", { name: "Hide the link" }).click();
  await expect(page.getByLabel("Sam's link")).toHaveCount(0);

  // The QR code alone on the screen, for Sam to scan in the room.
  await page.getByRole("link", { name: "Show QR code to Sam" }).click();
  await expect(page.getByTestId("qr-screen")).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code of Sam's link" })).toBeVisible();
  await expect(page.locator("main")).not.toContainText("Pat");
  await expect(page.locator("main")).not.toContainText("/j/");
  await checkAccessibility();
  await page.getByRole("link", { name: "Done: hide the code" }).click();
  await expect(page).toHaveURL(new RegExp(`/exercises/${exerciseId}$`));

  // Sam's phone opens the link first and chooses the passcode.
  const samPhone = await phone(browser, hydrated);
  await samPhone.page.goto(links.Sam);
  await expect(samPhone.page.getByTestId("choose-passcode")).toBeVisible();
  await expect(samPhone.page.getByRole("link", { name: "Quick exit" })).toBeVisible();
  await openLink(samPhone.page, links.Sam);
  await expect(samPhone.page.getByTestId("welcome")).toHaveText("Welcome, Sam");

  // The same link on a laptop: the passcode first, and nothing of Sam's before it.
  const laptop = await phone(browser, hydrated);
  await laptop.page.goto(links.Sam);
  await expect(laptop.page.getByTestId("enter-passcode")).toBeVisible();
  await expect(laptop.page.locator("main")).not.toContainText("Welcome");
  await laptop.page.getByLabel("Passcode", { exact: true }).fill("1111");
  await laptop.page.getByRole("button", { name: "Open my answers" }).click();
  await expect(laptop.page.getByRole("alert")).toContainText("You can try 4 more times");
  // axe runs on the fixture's page: show it the very HTML the laptop has (scripts
  // removed: a copy of a hydrated page cannot hydrate again).
  const passcodeHtml = (await laptop.page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  await page.route(laptop.page.url(), (route) =>
    route.fulfill({ body: passcodeHtml, contentType: "text/html; charset=utf-8" }),
  );
  await page.goto(laptop.page.url());
  await checkAccessibility();
  await page.unroute(laptop.page.url());
  await laptop.page.getByLabel("Passcode", { exact: true }).fill(PASSCODE);
  await laptop.page.getByRole("button", { name: "Open my answers" }).click();
  await expect(laptop.page.getByTestId("welcome")).toHaveText("Welcome, Sam");

  // The therapist sees both devices, and signs them out.
  await open(page, exerciseUrl, hydrated);
  await expect(invitation(page, "Sam").getByTestId("invitation-state")).toContainText(
    "Opened on 2 devices",
  );
  await expect(invitation(page, "Pat").getByTestId("invitation-state")).toContainText("Not opened yet");
  await page.getByRole("button", { name: "Sign out Sam's devices" }).click();
  await expect(invitation(page, "Sam").getByTestId("invitation-state")).toContainText(
    "No device is signed in",
  );
  await laptop.page.goto(`${server.url}/welcome`);
  await expect(laptop.page.getByRole("heading", { name: "Please use your invitation link" })).toBeVisible();
  await samPhone.context.close();
  await laptop.context.close();
});

test("five wrong passcodes lock the link; the therapist sees it and makes a new one", async ({
  page,
  browser,
  server,
  hydrated,
}) => {
  test.setTimeout(120_000);
  const { links, exerciseId } = await openExercise(server, PEOPLE);
  const patPhone = await phone(browser, hydrated);
  await openLink(patPhone.page, links.Pat);

  const other = await phone(browser, hydrated);
  await other.page.goto(links.Pat);
  for (let attempt = 1; attempt <= 4; attempt++) {
    await other.page.getByLabel("Passcode", { exact: true }).fill("0000");
    await other.page.getByRole("button", { name: "Open my answers" }).click();
    await expect(other.page.getByRole("alert")).toContainText(attempt < 4 ? `${5 - attempt} more times` : "once more");
  }
  await other.page.getByLabel("Passcode", { exact: true }).fill("0000");
  await other.page.getByRole("button", { name: "Open my answers" }).click();
  await expect(other.page).toHaveURL(/\/link-locked$/);
  await expect(other.page.getByTestId("link-locked")).toBeVisible();

  // Pat's own phone is out too, and the link opens nowhere.
  await patPhone.page.goto(links.Pat);
  await expect(patPhone.page).toHaveURL(/\/link-locked$/);

  await signIn(page, server, hydrated);
  await open(page, `${server.url}/exercises/${exerciseId}`, hydrated);
  await expect(invitation(page, "Pat").getByTestId("invitation-state")).toContainText("Locked");
  await expect(invitation(page, "Pat").getByRole("link", { name: "Show Pat's link" })).toHaveCount(0);
  await page.getByRole("button", { name: "Make a new link for Pat" }).click();
  await expect(invitation(page, "Pat").getByTestId("invitation-state")).toContainText("Not opened yet");
  await invitation(page, "Pat").getByRole("link", { name: "Show Pat's link" }).click();
  const newLink = await page.getByLabel("Pat's link").inputValue();
  expect(newLink).not.toBe(links.Pat);
  await openLink(patPhone.page, newLink, "97531");
  await expect(patPhone.page.getByTestId("welcome")).toHaveText("Welcome, Pat");
  await patPhone.context.close();
  await other.context.close();
});

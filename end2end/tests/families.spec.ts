import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";
import { openLink } from "./support/family";

const PASSWORD = "lantern orbit kettle marble";

async function settle(page: Page, hydrated: boolean) {
  if (hydrated) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

const FAMILY = [
  { name: "Alex", role: "person_in_recovery", relationship: "self", age: "adult" },
  { name: "Sam", role: "family_member", relationship: "partner", age: "adult" },
  { name: "Jo", role: "family_member", relationship: "child", age: "teen" },
  { name: "Pat", role: "family_member", relationship: "parent", age: "adult" },
];

test("a family of four gets an exercise, and each link opens only its own person's page", async ({
  page,
  browser,
  server,
  hydrated,
  checkAccessibility,
}) => {
  // A whole set-up by hand, then six browsers: longer than the default.
  test.setTimeout(120_000);
  server.addTherapist("ana@example.org", "Ana Rivera", PASSWORD);
  await page.goto(`${server.url}/sign-in`);
  await settle(page, hydrated);
  await page.getByLabel("Email").fill("ana@example.org");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/families$/);

  await page.getByRole("banner").getByRole("link", { name: "Families" }).click();
  await expect(page).toHaveURL(/\/families$/);
  await settle(page, hydrated);
  await page.getByLabel("Family name").fill("R. family");
  await page.getByRole("button", { name: "Add family" }).click();
  await expect(page).toHaveURL(/\/families\/[0-9a-f]{32}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("R. family");

  for (const person of FAMILY) {
    await settle(page, hydrated);
    // The form stays open after an addition when the page is hydrated.
    if (!(await page.locator("#new-name").isVisible())) await page.getByText("Add a person").click();
    await page.locator("#new-name").fill(person.name);
    await page.locator("#new-role").selectOption(person.role);
    await page.locator("#new-relationship").selectOption(person.relationship);
    await page.locator("#new-age").selectOption(person.age);
    await page.getByRole("button", { name: "Add person" }).click();
    await expect(page.getByTestId("participants")).toContainText(person.name);
  }

  await checkAccessibility();
  // On a phone the family page fits its width: the template list's long names once
  // pushed the new-exercise form past the card and the screen.
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  if (viewport) await page.setViewportSize(viewport);
  await settle(page, hydrated);
  await page.getByLabel("Focus (optional)").fill("the weekend of the relapse");
  await page.getByRole("button", { name: "Start an exercise" }).click();
  await expect(page).toHaveURL(/\/exercises\/[0-9a-f]{32}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Impact, hurt and amends (version 3)");
  const exerciseUrl = page.url();

  // No link is on the page until the therapist asks for one (a shared screen).
  expect(await page.content()).not.toMatch(/\/j\/[0-9a-f]{64}/);
  const links: Record<string, string> = {};
  for (const person of FAMILY) {
    await settle(page, hydrated);
    await page.getByRole("link", { name: `Show ${person.name}'s link` }).click();
    const link = await page.getByLabel(`${person.name}'s link`).inputValue();
    expect(link).toMatch(/\/j\/[0-9a-f]{64}$/);
    links[person.name] = link;
  }
  await checkAccessibility();
  await page.getByRole("link", { name: "Show QR code to Jo" }).click();
  await expect(page.getByRole("img", { name: "QR code of Jo's link" })).toBeVisible();
  await page.getByRole("link", { name: "Done: hide the code" }).click();
  await settle(page, hydrated);

  for (const person of FAMILY) {
    const context = await browser.newContext();
    const visitor = await context.newPage();
    await openLink(visitor, links[person.name]);
    await expect(visitor.getByTestId("welcome")).toHaveText(`Welcome, ${person.name}`);
    for (const other of FAMILY.filter((p) => p.name !== person.name)) {
      await expect(visitor.locator("main")).not.toContainText(other.name);
    }
    // Nowhere else.
    await visitor.goto(`${server.url}/families`);
    await expect(visitor.getByTestId("therapists-only")).toBeVisible();
    await visitor.goto(exerciseUrl);
    await expect(visitor.getByTestId("therapists-only")).toBeVisible();
    await expect(visitor.locator("main")).not.toContainText("/j/");
    await context.close();
  }

  // Stop Sam's link: it no longer works.
  await settle(page, hydrated);
  await page.getByRole("button", { name: "Stop Sam's link" }).click();
  await expect(page.getByTestId("invitation").filter({ hasText: "Sam" })).toContainText(
    "this link no longer works",
  );
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(links.Sam);
  await expect(visitor).toHaveURL(/\/link-not-valid$/);
  await expect(visitor.getByTestId("link-not-valid")).toBeVisible();
  await context.close();
});

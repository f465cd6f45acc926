import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";
import type { TestServer } from "./support/server";
import { totpCode } from "./support/totp";

const PASSWORD = "lantern orbit kettle marble";

/** Waits for the app to take over (hydrated project), so clicks go through it. */
async function settle(page: Page, hydrated: boolean) {
  if (hydrated) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

async function signIn(page: Page, server: TestServer, hydrated: boolean, password = PASSWORD) {
  await page.goto(`${server.url}/sign-in`);
  await settle(page, hydrated);
  await page.getByLabel("Email").fill("ana@example.org");
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** After signing in a therapist lands on Families; the account is one click away. */
async function toAccount(page: Page, hydrated: boolean) {
  await expect(page).toHaveURL(/\/families$/);
  await settle(page, hydrated);
  await page.getByRole("banner").getByRole("link", { name: "Your account" }).click();
  await expect(page).toHaveURL(/\/account$/);
}

test("the set-up link creates the first account", async ({ page, server, hydrated }) => {
  await page.goto(server.setupLink);
  await settle(page, hydrated);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up Parallel");
  await page.getByLabel("Your name").fill("Ana Rivera");
  await page.getByLabel("Email").fill("ana@example.org");
  await page.getByLabel("Choose a password").fill(PASSWORD);
  await page.getByLabel("Type the password again").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Families");
  await toAccount(page, hydrated);
  await expect(page.getByTestId("signed-in-as")).toContainText("Ana Rivera");
  await expect(page.getByRole("banner").getByRole("link", { name: "Your account" })).toBeVisible();

  // The link worked once.
  await page.goto(server.setupLink);
  await expect(page.getByTestId("link-not-valid")).toBeVisible();
});

test.describe("signing in", () => {
  // A refused sign-in is an HTTP 401, which Chromium notes in the console.
  test.use({ expectedConsoleErrors: [/status of 401/] });

  test("a wrong password gets a calm message, then the right one signs in", async ({
    page,
    server,
    hydrated,
  }) => {
    server.addTherapist("ana@example.org", "Ana Rivera", PASSWORD);
    await signIn(page, server, hydrated, "not my password at all");
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("That email and password do not match");
    await expect(page).toHaveURL(/\/sign-in/);

    await page.getByLabel("Email").fill("ana@example.org");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await toAccount(page, hydrated);
    await expect(page.getByTestId("signed-in-as")).toContainText("Ana Rivera");
  });

  test("two-step verification: enrol, then sign in with a code", async ({
    page,
    server,
    hydrated,
  }) => {
    server.addTherapist("ana@example.org", "Ana Rivera", PASSWORD);
    await signIn(page, server, hydrated);
    await toAccount(page, hydrated);
    await page.getByRole("link", { name: "Set up two-step verification" }).click();
    await expect(page).toHaveURL(/\/account\/two-step$/);
    await settle(page, hydrated);
    await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
    const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
    await page.getByLabel("Enter the 6-digit code").fill(totpCode(secret));
    await page.getByRole("button", { name: "Turn on two-step verification" }).click();

    const codes = page.getByTestId("recovery-codes").getByRole("listitem");
    await expect(codes).toHaveCount(10);
    await page.getByRole("link", { name: /I have kept them/ }).click();
    await expect(page.getByTestId("two-step-status")).toContainText("On.");

    await settle(page, hydrated);
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL(/\/signed-out$/);

    await signIn(page, server, hydrated);
    await expect(page).toHaveURL(/\/sign-in\/code$/);
    await settle(page, hydrated);
    // The enrolment code was used; the app accepts the next one (clock drift).
    await page.getByLabel("Code from your authenticator app").fill(totpCode(secret, Date.now() / 1000 + 30));
    await page.getByRole("button", { name: "Continue" }).click();
    await toAccount(page, hydrated);
    await expect(page.getByTestId("signed-in-as")).toContainText("Ana Rivera");
  });
});

test("signing out everywhere ends the other browser's session", async ({
  page,
  browser,
  server,
  hydrated,
}) => {
  server.addTherapist("ana@example.org", "Ana Rivera", PASSWORD);
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, server, hydrated);
  await expect(otherPage).toHaveURL(/\/families$/);

  await signIn(page, server, hydrated);
  await toAccount(page, hydrated);
  await settle(page, hydrated);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signed-out$/);

  await otherPage.reload();
  await expect(otherPage.getByTestId("signed-out")).toBeVisible();
  await other.close();
});

test.describe("after a while without activity", () => {
  test.use({
    serverEnv: { PARALLEL_SESSION_IDLE_TIMEOUT: "3s" },
    expectedConsoleErrors: [/status of 401/],
  });

  test("the page says so calmly and keeps what was typed", async ({ page, server, hydrated }) => {
    server.addTherapist("ana@example.org", "Ana Rivera", PASSWORD);
    await signIn(page, server, hydrated);
    await toAccount(page, hydrated);
    await settle(page, hydrated);
    await page.getByLabel("Current password").fill("typed before the break");
    await page.getByLabel("New password").fill("copper meadow signal drift");
    await page.getByLabel("Type the password again").fill("copper meadow signal drift");
    await page.waitForTimeout(4_000);

    if (hydrated) {
      await page.getByRole("button", { name: "Change password" }).click();
      const alert = page.getByRole("alert");
      await expect(alert).toContainText("You are signed out");
      await expect(alert.getByRole("link", { name: /Sign in again/ })).toBeVisible();
      await expect(page.getByLabel("Current password")).toHaveValue("typed before the break");
      await expect(page.getByLabel("New password")).toHaveValue("copper meadow signal drift");
    } else {
      await page.reload();
      await expect(page.getByTestId("signed-out")).toBeVisible();
    }
  });
});

test("pages run under the strict content security policy", async ({ page, server, hydrated }) => {
  const response = await page.goto(`${server.url}/sign-in`);
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'self' 'nonce-");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline");
  // Hydration is the proof that the app's own scripts and WASM are allowed; the
  // fixture fails the test on any console error, CSP violations included.
  await settle(page, hydrated);
});

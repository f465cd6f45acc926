import { expect, open, test } from "./fixtures";

test("every page has landmarks and a way to crisis help", async ({ page, hydrated }) => {
  await open(page, "/", hydrated);
  await expect(page.getByRole("banner")).toContainText("Parallel");
  await expect(page.getByRole("main")).toBeVisible();
  const footer = page.getByRole("contentinfo");
  await expect(footer).toContainText("Parallel is not a crisis service");

  await footer.getByRole("link", { name: "find crisis help now" }).click();
  await expect(page).toHaveURL(/\/crisis$/);
  await expect(page.getByRole("heading", { level: 1, name: "Crisis help" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Call 988" })).toHaveAttribute("href", "tel:988");
  await expect(page).toHaveTitle("Crisis help · Parallel");
});

test("the skip link moves keyboard users to the main content", async ({ page, hydrated }) => {
  await open(page, "/", hydrated);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
});

test("the crisis page meets WCAG 2.2 AA checks", async ({ page, hydrated, checkAccessibility }) => {
  await open(page, "/crisis", hydrated);
  await checkAccessibility();
});

test.describe("a missing page", () => {
  // Chromium notes any 404 document in the console; here it is the point.
  test.use({ expectedConsoleErrors: [/status of 404/] });

  test("an unknown address gets a calm 404 page", async ({ page }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "We could not find that page",
    );
    await page.getByRole("link", { name: "Go to the start page" }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});

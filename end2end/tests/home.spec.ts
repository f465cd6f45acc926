import { expect, open, test } from "./fixtures";

test("the home page shows the service status from the server", async ({ page, hydrated }) => {
  await open(page, "/", hydrated);
  await expect(page).toHaveTitle("Parallel");
  await expect(page.getByRole("heading", { level: 1, name: "Parallel" })).toBeVisible();
  await expect(page.getByTestId("service-status")).toContainText("Everything is working.");
});

test("Check again asks the server once more", async ({ page, hydrated }) => {
  await open(page, "/", hydrated);
  const before = await page.getByTestId("checked-at").textContent();
  // The time shown has one-second resolution: wait so a fresh answer shows a new one.
  await page.waitForTimeout(1100);

  const serverCall = page.waitForResponse(
    (response) =>
      response.url().includes("/api/check_service_status") &&
      response.request().method() === "POST",
  );
  await page.getByRole("button", { name: "Check again" }).click();
  const response = await serverCall;
  // The home page has no island (docs/islands.md): with JavaScript or without, the
  // button posts the form and the server answers with a redirect back to the page.
  expect(response.status()).toBe(302);

  await expect(page).toHaveURL(/\/\??$/);
  await expect(page.getByTestId("service-status")).toContainText("Everything is working.");
  await expect(page.getByTestId("checked-at")).not.toHaveText(before ?? "");
});

test("the home page meets WCAG 2.2 AA checks", async ({ page, hydrated, checkAccessibility }) => {
  await open(page, "/", hydrated);
  await checkAccessibility();
});

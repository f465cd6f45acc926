import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

type Fixtures = {
  /** True in the `hydrated` project, false in `no-js`. */
  hydrated: boolean;
  /** Runs axe (WCAG 2.2 A/AA rules) on the current page and fails on any violation. */
  checkAccessibility: () => Promise<void>;
};

export const test = base.extend<Fixtures>({
  hydrated: async ({ javaScriptEnabled }, use) => {
    await use(javaScriptEnabled !== false);
  },

  // In the hydrated project any console error or failed request fails the test.
  page: async ({ page, javaScriptEnabled }, use) => {
    const problems: string[] = [];
    if (javaScriptEnabled !== false) {
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console error: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("requestfailed", (request) =>
        problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
      );
      page.on("response", (response) => {
        if (response.status() >= 500) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
    }
    await use(page);
    expect(problems, "the page reported problems").toEqual([]);
  },

  checkAccessibility: async ({ page }, use) => {
    await use(async () => {
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`,
      );
      expect(summary, "accessibility violations").toEqual([]);
    });
  },
});

/** Opens `path` and, in the hydrated project, waits until the app has taken over. */
export async function open(page: Page, path: string, hydrated: boolean) {
  const response = await page.goto(path);
  if (hydrated) {
    await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
  return response;
}

export { expect };

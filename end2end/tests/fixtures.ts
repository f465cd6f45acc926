import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";

import { startServer, type TestServer } from "./support/server";

type Options = {
  /** Console errors a test expects (for example the browser's note on a 404 page). */
  expectedConsoleErrors: RegExp[];
  /** Settings for the test's own server (see `server`). */
  serverEnv: Record<string, string>;
  /** Failed requests a test expects (for example while it has stopped the server). */
  expectedFailedRequests: RegExp[];
};

type Fixtures = {
  /** A server of the test's own, on a fresh database (started on first use). */
  server: TestServer;
  /** True in the `hydrated` project, false in `no-js`. */
  hydrated: boolean;
  /** Runs axe (WCAG 2.2 A and AA rules) on the current page; fails on any violation. */
  checkAccessibility: () => Promise<void>;
};

export const test = base.extend<Options & Fixtures>({
  expectedConsoleErrors: [[], { option: true }],
  serverEnv: [{}, { option: true }],
  expectedFailedRequests: [[], { option: true }],

  server: async ({ serverEnv, context }, use) => {
    const server = await startServer(serverEnv);
    await use(server);
    // Close the browser first: a no-JS page keeps its preloaded WASM download open,
    // which a graceful stop would wait for.
    await context.close();
    await server.stop();
  },

  hydrated: async ({ javaScriptEnabled }, use) => {
    await use(javaScriptEnabled !== false);
  },

  // In the hydrated project any console error or failed request fails the test.
  page: async ({ page, javaScriptEnabled, expectedConsoleErrors, expectedFailedRequests }, use) => {
    const problems: string[] = [];
    if (javaScriptEnabled !== false) {
      page.on("console", (message) => {
        const text = message.text();
        if (message.type() === "error" && !expectedConsoleErrors.some((re) => re.test(text))) {
          problems.push(`console error: ${text}`);
        }
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("requestfailed", (request) => {
        const reason = request.failure()?.errorText ?? "";
        // ERR_ABORTED is the browser cancelling a request it no longer needs (the
        // favicon of a page it is already leaving); not a failure of the app.
        const expected = expectedFailedRequests.some((re) => re.test(reason));
        if (reason !== "net::ERR_ABORTED" && !expected) {
          problems.push(`request failed: ${request.url()} (${reason})`);
        }
      });
      page.on("response", (response) => {
        if (response.status() >= 500) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
    }
    await use(page);
    expect(problems, "the page reported problems").toEqual([]);
  },

  checkAccessibility: async ({ page, browser, javaScriptEnabled }, use) => {
    await use(async () => {
      let target = page;
      let scratch: Page | undefined;
      if (javaScriptEnabled === false) {
        // axe runs inside the page, which JavaScript-off forbids. Check the very HTML
        // the no-JS browser received, scripts removed, in a page that allows axe.
        const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
        const url = page.url();
        scratch = await (await browser.newContext({ javaScriptEnabled: true })).newPage();
        await scratch.route(url, (route) =>
          route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }),
        );
        await scratch.goto(url);
        target = scratch;
      }
      const results = await new AxeBuilder({ page: target })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
        .analyze();
      await scratch?.context().close();
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

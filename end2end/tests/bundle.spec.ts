import { expect, open, test } from "./fixtures";
import { PASSWORD, openExercise, openLink } from "./support/family";

// The therapist's pages are split off the browser bundle (cargo-leptos --split,
// app/src/pages/therapist/routes.rs): a family member's phone must not download
// their code, and a therapist's page must still fetch it and come to life.

const PEOPLE = [
  { name: "Alex", role: "person_in_recovery", relationship: "self", age: "adult" },
  { name: "Sam", role: "family_member", relationship: "partner", age: "adult" },
];

const SPLIT_CODE = /\/pkg\/(split_|chunk_)[^/]*\.wasm$/;

test("a family member's phone loads only the family's pages; the therapist's pages fetch their own code", async ({
  browser,
  server,
  hydrated,
}) => {
  test.skip(!hydrated, "which code a browser fetches only matters with JavaScript");
  const { links } = await openExercise(server, PEOPLE);

  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true });
  const samPage = await phone.newPage();
  const samFetched: string[] = [];
  samPage.on("request", (request) => samFetched.push(request.url()));
  await openLink(samPage, links.Sam);
  await expect(samPage.locator("body")).toHaveAttribute("data-hydrated", "true");
  await samPage.getByRole("button", { name: "I understand, start" }).click();
  await expect(samPage).toHaveURL(/\/answers\/1$/);
  await open(samPage, `${server.url}/answers/1`, true);
  await samPage.locator('textarea[name^="text~"]').first().fill("typed on the phone");
  await open(samPage, `${server.url}/board`, true);
  expect(samFetched.some((url) => url.endsWith("/pkg/parallel.wasm"))).toBe(true);
  expect(samFetched.filter((url) => SPLIT_CODE.test(url))).toEqual([]);
  await phone.close();

  const desk = await browser.newContext();
  const therapist = await desk.newPage();
  const therapistFetched: string[] = [];
  therapist.on("request", (request) => therapistFetched.push(request.url()));
  await open(therapist, `${server.url}/sign-in`, true);
  expect(therapistFetched.filter((url) => SPLIT_CODE.test(url)).length).toBeGreaterThan(0);
  await therapist.getByLabel("Email").fill("ana@example.org");
  await therapist.getByLabel("Password").fill(PASSWORD);
  await therapist.getByRole("button", { name: "Sign in" }).click();
  // Signing in goes on to Families: another split-off page, whose code comes on
  // the way (the dashboard's live updates are tested in session.spec.ts).
  await expect(therapist.getByRole("heading", { level: 1 })).toHaveText("Families");
  await expect
    .poll(() => therapistFetched.some((url) => /split___families_route_view/.test(url)))
    .toBe(true);
  await desk.close();
});

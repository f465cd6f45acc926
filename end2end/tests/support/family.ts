import { expect, request, type APIRequestContext, type Page } from "@playwright/test";

import type { TestServer } from "./server";

export const PASSWORD = "lantern orbit kettle marble";

/** A family set up through the server functions, as the therapist's pages do. */
export async function openExercise(
  server: TestServer,
  people: { name: string; role: string; relationship: string; age: string; language?: string }[],
): Promise<{
  links: Record<string, string>;
  exerciseId: string;
  familyId: string;
  ids: Record<string, string>;
}> {
  server.addTherapist("ana@example.org", "Ana Rivera", PASSWORD);
  const api = await request.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { accept: "application/json" },
  });
  const call = async (fn: string, form: Record<string, string>) => {
    const response = await api.post(`/api/${fn}`, { form, maxRedirects: 0 });
    if (response.status() >= 400) throw new Error(`${fn}: ${response.status()} ${await response.text()}`);
    return response;
  };
  await call("sign_in", { email: "ana@example.org", password: PASSWORD });
  const created = await call("create_family", { name: "R. family" });
  const familyId = (created.headers().location ?? "").replace("/families/", "");
  for (const person of people) {
    await call("add_participant", {
      family_id: familyId,
      display_name: person.name,
      role: person.role,
      relationship: person.relationship,
      age_band: person.age,
      ...(person.language ? { language: person.language } : {}),
    });
  }
  const templates = await (await call("list_templates", {})).json();
  const exercise = await call("create_exercise", {
    family_id: familyId,
    template_id: templates[0].id,
    focus: "",
    due_date: "",
  });
  const exerciseId = (exercise.headers().location ?? "").replace("/exercises/", "");
  await call("advance_exercise", { exercise_id: exerciseId, to: "open" });
  const detail = await (await call("get_exercise", { exercise_id: exerciseId })).json();
  const links: Record<string, string> = {};
  for (const invitation of detail.invitations) {
    // The exercise page carries no link: each is asked for, as "Show … link" does.
    const shown = await (await call("invitation_link", { invitation_id: invitation.id })).json();
    links[invitation.participant_name] = shown.link;
  }
  const family = await (await call("get_family", { family_id: familyId })).json();
  const ids: Record<string, string> = {};
  for (const participant of family.participants) ids[participant.display_name] = participant.id;
  await api.dispose();
  return { links, exerciseId, familyId, ids };
}

/** Every adult test participant's passcode. */
export const PASSCODE = "2468";

/**
 * Opens an invitation link in `page` as a person would, through the passcode step:
 * on the link's first device they choose `PASSCODE`, on any other they give it.
 * Ends on the welcome page. Works with and without JavaScript.
 */
export async function openLink(page: Page, link: string, passcode = PASSCODE) {
  await page.goto(link);
  await expect(page).toHaveURL(/\/(welcome|passcode)$/);
  if (page.url().endsWith("/welcome")) return;
  const choose = page.getByTestId("choose-passcode");
  const enter = page.getByTestId("enter-passcode");
  await expect(choose.or(enter)).toBeVisible();
  // By the fields' names, not their labels: the page is in the person's language.
  await page.locator('input[name="passcode"]').fill(passcode);
  if (await choose.isVisible()) await page.locator('input[name="again"]').fill(passcode);
  await page.locator('main button[type="submit"]').click();
  await expect(page).toHaveURL(/\/welcome$/);
}

/** `openLink` for an API client (no pages): the link, then the passcode step. */
export async function openLinkByApi(api: APIRequestContext, link: string, passcode = PASSCODE) {
  const joined = await api.get(link, { maxRedirects: 0 });
  expect(joined.status()).toBe(303);
  if (joined.headers().location === "/welcome") return;
  expect(joined.headers().location).toBe("/passcode");
  const post = (fn: string, form: Record<string, string>) =>
    api.post(`/api/${fn}`, { form, headers: { accept: "application/json" } });
  const step = await (await post("passcode_step", {})).json();
  const done =
    step === "Choose"
      ? await post("choose_passcode", { passcode, again: passcode })
      : await post("enter_passcode", { passcode });
  expect(done.status()).toBe(200);
}

/** The welcome page's *Start*, for an API client: the parts open for answering. */
export async function startAnswering(api: APIRequestContext) {
  const started = await api.post("/api/start_answering", { headers: { accept: "application/json" } });
  expect(started.status()).toBe(200);
}

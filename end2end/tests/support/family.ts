import { request } from "@playwright/test";

import type { TestServer } from "./server";

export const PASSWORD = "lantern orbit kettle marble";

/** A family set up through the server functions, as the therapist's pages do. */
export async function openExercise(
  server: TestServer,
  people: { name: string; role: string; relationship: string; age: string }[],
): Promise<{ links: Record<string, string>; exerciseId: string; ids: Record<string, string> }> {
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
  for (const invitation of detail.invitations) links[invitation.participant_name] = invitation.link;
  const family = await (await call("get_family", { family_id: familyId })).json();
  const ids: Record<string, string> = {};
  for (const participant of family.participants) ids[participant.display_name] = participant.id;
  await api.dispose();
  return { links, exerciseId, ids };
}

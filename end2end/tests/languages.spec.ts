import type { Page } from "@playwright/test";

import { expect, test } from "./fixtures";
import { PASSWORD, openExercise, openLink } from "./support/family";

// English and Spanish, chosen per person, on a phone: 320 px wide, with and
// without JavaScript.
test.use({ viewport: { width: 320, height: 640 }, hasTouch: true });

const FAMILY = [
  { name: "Alex", role: "person_in_recovery", relationship: "self", age: "adult" },
  { name: "Abuela", role: "family_member", relationship: "grandparent", age: "adult", language: "es" },
  { name: "Teo", role: "family_member", relationship: "child", age: "adult" },
];

async function settle(page: Page, hydrated: boolean) {
  if (hydrated) await expect(page.locator("body")).toHaveAttribute("data-hydrated", "true");
}

/** Every text, scale, choice and feeling on a section page, answered in Spanish. */
async function answerInSpanish(page: Page, part: number) {
  const texts = page.locator('textarea[name^="text~"]');
  for (let i = 0; i < (await texts.count()); i++) await texts.nth(i).fill(`Respuesta ${part}.${i + 1}`);
  const scales = page.locator("fieldset.scale");
  for (let i = 0; i < (await scales.count()); i++) {
    await scales.nth(i).locator("label", { hasText: /^7$/ }).click();
  }
  const choices = page.locator("fieldset.choices");
  for (let i = 0; i < (await choices.count()); i++) await choices.nth(i).locator("label.choice").first().click();
  const feelings = page.locator("fieldset.feelings");
  for (let i = 0; i < (await feelings.count()); i++) {
    // The feelings picker in Spanish: "tristeza" is "sad".
    await feelings.nth(i).locator(".chip label", { hasText: /^tristeza$/ }).first().click();
  }
}

test("a Spanish-speaking grandmother answers the whole template in Spanish, and switching keeps every answer", async ({
  browser,
  server,
  hydrated,
  page,
  checkAccessibility,
}) => {
  test.setTimeout(240_000);
  const { links } = await openExercise(server, FAMILY);
  // Her phone asks for English; her own language wins.
  const context = await browser.newContext({
    javaScriptEnabled: hydrated,
    viewport: { width: 320, height: 640 },
    hasTouch: true,
    locale: "en-US",
  });
  const phone = await context.newPage();
  const axe = async () => {
    const html = (await phone.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
    await page.route(phone.url(), (route) => route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }));
    await page.goto(phone.url());
    await checkAccessibility();
    await page.unroute(phone.url());
  };

  await openLink(phone, links.Abuela);
  await expect(phone.locator("html")).toHaveAttribute("lang", "es");
  await expect(phone.getByTestId("welcome")).toHaveText("Le damos la bienvenida, Abuela");
  await expect(phone.getByRole("link", { name: "Salida rápida" })).toBeVisible();
  await expect(phone.getByRole("link", { name: "Llamar al 988" })).toHaveAttribute("href", "tel:988");
  await expect(phone.getByRole("button", { name: "English" }).first()).toHaveAttribute("lang", "en");
  await axe();
  await settle(phone, hydrated);
  await phone.getByRole("button", { name: "Entiendo, empezar" }).click();

  for (let part = 1; part <= 6; part++) {
    await expect(phone).toHaveURL(new RegExp(`/answers/${part}$`));
    await expect(phone.getByRole("navigation", { name: "Avance" })).toContainText(`Parte ${part} de 6`);
    await settle(phone, hydrated);
    const wide = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(wide, "nothing scrolls sideways at 320 px").toBeLessThanOrEqual(320);
    await answerInSpanish(phone, part);
    if (part === 3) {
      await expect(phone.getByText("Describa un momento en que la adicción le afectó. ¿Qué pasó?")).toBeVisible();
      await axe();
      // Mid-way, in English for a moment: what she just typed is saved first, with
      // or without JavaScript, and the page comes back in English with every answer.
      await phone.getByRole("banner").getByRole("button", { name: "English" }).click();
      await expect(phone.locator("html")).toHaveAttribute("lang", "en");
      await expect(phone.getByText("Describe one moment when the addiction affected you. What happened?")).toBeVisible();
      await expect(phone.locator('textarea[name^="text~"]').first()).toHaveValue("Respuesta 3.1");
      await settle(phone, hydrated);
      await phone.getByRole("banner").getByRole("button", { name: "Español" }).click();
      await expect(phone.locator("html")).toHaveAttribute("lang", "es");
      await expect(phone.locator('textarea[name^="text~"]').first()).toHaveValue("Respuesta 3.1");
      await expect(phone.locator(".chip input:checked + label").first()).toHaveText("tristeza");
      await settle(phone, hydrated);
    }
    await phone.getByRole("button", { name: /^Siguiente/ }).click();
  }
  await expect(phone).toHaveURL(/\/answers\/review$/);
  await expect(phone.getByTestId("answered-count")).toContainText("Usted respondió");
  await axe();
  await phone.getByRole("button", { name: "Terminé" }).click();
  await expect(phone.getByTestId("done")).toContainText("Gracias.");

  // Every answer was saved as she typed it, in Spanish.
  await phone.goto(`${server.url}/answers/4`);
  await expect(phone.locator('textarea[name^="text~"]').first()).toHaveValue("Respuesta 4.1");
  await context.close();
});

test("a mixed family appears side by side on the therapist's board, each answer as written", async ({
  browser,
  server,
  hydrated,
}) => {
  test.setTimeout(120_000);
  const { links, exerciseId } = await openExercise(server, FAMILY);
  for (const [name, words] of [
    ["Abuela", "Cuando no llegó a la boda."],
    ["Teo", "When he missed my game."],
  ]) {
    const context = await browser.newContext({ javaScriptEnabled: hydrated });
    const phone = await context.newPage();
    await openLink(phone, links[name]);
    await phone.locator('main form.form button[type="submit"]').click();
    await expect(phone).toHaveURL(/\/answers\/1$/);
    await phone.goto(`${server.url}/answers/3`);
    await phone.locator('textarea[name^="text~"]').first().fill(words);
    await settle(phone, hydrated);
    await phone.locator('button[name="go"][value="stay"]:not(.visually-hidden)').click();
    await expect(
      phone.getByText(/Your answers on this page are saved|Sus respuestas de esta página están guardadas/),
    ).toBeVisible();
    await context.close();
  }

  const laptop = await browser.newContext({ javaScriptEnabled: hydrated, viewport: { width: 1366, height: 768 } });
  const board = await laptop.newPage();
  await board.goto(`${server.url}/sign-in`);
  await board.getByLabel("Email").fill("ana@example.org");
  await board.getByLabel("Password").fill(PASSWORD);
  await board.getByRole("button", { name: "Sign in" }).click();
  await expect(board).toHaveURL(/\/families$/);
  await board.goto(`${server.url}/exercises/${exerciseId}/board`);
  const hers = board.locator('p.answer-text[lang="es"]', { hasText: "Cuando no llegó a la boda." });
  await expect(hers).toBeVisible();
  await expect(board.locator('p.answer-text[lang="en"]', { hasText: "When he missed my game." })).toBeVisible();
  await expect(board.getByTestId("written-in")).toHaveText(["Written in Spanish"]);
  await laptop.close();
});

test.describe("read aloud", () => {
  test("each question and part can be read aloud in the page's language, and only with a voice for it", async ({
    browser,
    server,
    hydrated,
  }) => {
    const { links } = await openExercise(server, FAMILY);
    const context = await browser.newContext({ javaScriptEnabled: hydrated, viewport: { width: 320, height: 640 } });
    // The browser's speech synthesis, recorded: a Mexican Spanish voice, and what it
    // is asked to say (nothing is spoken or sent anywhere).
    await context.addInitScript(() => {
      const spoken: { text: string; lang: string }[] = [];
      (window as unknown as { spoken: typeof spoken }).spoken = spoken;
      const synthesis = window.speechSynthesis;
      const voices = [{ lang: "es-MX", name: "Voz" }];
      Object.defineProperty(synthesis, "getVoices", { value: () => voices });
      Object.defineProperty(synthesis, "speak", {
        value: (utterance: SpeechSynthesisUtterance) => spoken.push({ text: utterance.text, lang: utterance.lang }),
      });
      Object.defineProperty(synthesis, "cancel", { value: () => {} });
    });
    const phone = await context.newPage();
    await openLink(phone, links.Abuela);
    await phone.locator('main form.form button[type="submit"]').click();
    await phone.goto(`${server.url}/answers/3`);
    const buttons = phone.getByRole("button", { name: "Leer en voz alta" });
    if (!hydrated) {
      // Without JavaScript there is nothing to press: the buttons stay hidden.
      await expect(phone.locator("[data-read-aloud]").first()).toBeHidden();
      await context.close();
      return;
    }
    await settle(phone, hydrated);
    // The part's "why we ask", then one per question.
    await expect(buttons.first()).toBeVisible();
    expect(await buttons.count()).toBeGreaterThan(3);
    await buttons.nth(1).click();
    const spoken = () => phone.evaluate(() => (window as unknown as { spoken: unknown[] }).spoken);
    await expect.poll(spoken).toEqual([
      { text: "Describa un momento en que la adicción le afectó. ¿Qué pasó?", lang: "es" },
    ]);
    await buttons.first().click();
    await expect.poll(async () => (await spoken()).length).toBe(2);
    expect(((await spoken()) as { text: string }[])[1].text).toContain("Ponerle nombre a lo que pasó");
    // Teo's English page finds no English voice here: no button shows.
    const teoContext = await browser.newContext({ viewport: { width: 320, height: 640 } });
    await teoContext.addInitScript(() => {
      Object.defineProperty(window.speechSynthesis, "getVoices", { value: () => [{ lang: "es-MX" }] });
    });
    const teo = await teoContext.newPage();
    await openLink(teo, links.Teo);
    await teo.locator('main form.form button[type="submit"]').click();
    await teo.goto(`${server.url}/answers/3`);
    await settle(teo, true);
    await expect(teo.locator("[data-read-aloud]").first()).toBeHidden();
    await teoContext.close();
    await context.close();
  });
});

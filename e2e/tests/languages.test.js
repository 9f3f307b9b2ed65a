// Guides in German and Arabic in a real browser set to those languages,
// served and static, with JavaScript on and off: the catalog picks the
// browser's language, every smart-lock path walks to its outcome in German,
// the language switcher keeps the answers, Arabic pages run right to left,
// and axe-core finds no violations on the translated pages.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { followPath, pathsOf, servedSite, serverAndBrowser, waitUntilKept } from "../support.js";

/** The caution's control in German. */
const UNDERSTOOD = "Verstanden – Schritt anzeigen";
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const running = serverAndBrowser();
const site = servedSite();

/** A page in a browser whose language is `locale`. */
async function open(url, { locale = "de-DE", javaScriptEnabled = true } = {}) {
  const context = await running.browser.newContext({ locale, javaScriptEnabled, viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Every path of the German smart-lock tree, from the model the API serves. */
async function germanPaths() {
  return pathsOf(await (await fetch(`${running.server.url}/api/guides/smart-lock?lang=de`)).json());
}

/** Follows a link and waits until the address changes. */
async function go(link) {
  const page = link.page();
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), link.click()]);
}

test("the catalog speaks the browser's language, and an explicit choice wins", async () => {
  const german = await open(running.server.url + "/");
  assert.equal(await german.locator("html").getAttribute("lang"), "de");
  assert.equal(await german.locator("h1").innerText(), "Was muss repariert werden?");
  await german.getByRole("navigation", { name: "Sprache" }).getByRole("link", { name: "English" }).click();
  assert.equal(new URL(german.url()).pathname, "/en/");
  assert.equal(await german.locator("h1").innerText(), "What needs fixing?");
  await german.context().close();

  const arabic = await open(running.server.url + "/", { locale: "ar-EG" });
  assert.equal(await arabic.locator("html").getAttribute("dir"), "rtl");
  await arabic.getByRole("link", { name: "إصلاح قفل ذكي لا ينفتح" }).click();
  assert.equal(new URL(arabic.url()).pathname, "/ar/guides/smart-lock");
  await arabic.context().close();
});

test("a guide offers the language the browser prefers, until the reader chooses one", async () => {
  const page = await open(running.server.url + "/guides/smart-lock?keypad-lights=no");
  const offer = page.getByRole("link", { name: "Diese Anleitung auf Deutsch lesen" });
  assert.equal(await offer.getAttribute("href"), "/de/guides/smart-lock?keypad-lights=no");
  assert.equal(await page.locator("main > p.notice").getAttribute("lang"), "de");
  // Choosing a language, even the one shown, ends the offer.
  const switcher = page.getByRole("navigation", { name: "Language" });
  await Promise.all([page.waitForLoadState(), switcher.getByRole("link", { name: "English" }).click()]);
  await page.reload();
  assert.equal(await offer.count(), 0);
  await page.context().close();

  const english = await open(running.server.url + "/guides/smart-lock", { locale: "en-GB" });
  assert.equal(await english.locator("main > p.notice").count(), 0, "nothing to offer");
  await english.context().close();
});

for (const javaScriptEnabled of [true, false]) {
  describe(`in German, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    const answer = async (page, label) => {
      const acknowledge = page.getByRole("button", { name: UNDERSTOOD });
      if (await acknowledge.count()) await acknowledge.click();
      await page.getByRole("button", { name: label, exact: true }).click();
    };

    test("every path of the served guide ends at its outcome", async () => {
      const paths = await germanPaths();
      assert.equal(paths.length, 11);
      for (const { answers, outcome } of paths) {
        const page = await open(running.server.url + "/de/guides/smart-lock", { javaScriptEnabled });
        await followPath(page, answers, "button", answer, undefined, UNDERSTOOD);
        assert.equal(await page.locator("#outcome").innerText(), outcome);
        await page.context().close();
      }
    });

    test("the language switcher keeps the answers", async () => {
      const page = await open(running.server.url + "/de/guides/smart-lock", { javaScriptEnabled });
      await answer(page, "Nein");
      await answer(page, "Nein");
      assert.equal(await page.locator(".step-label").innerText(), "SCHRITT 3");
      await page.getByRole("navigation", { name: "Sprache" }).getByRole("link", { name: "English" }).click();
      assert.equal(await page.locator("#question").innerText(), "Does the physical key work?");
      assert.match(await page.getByRole("region", { name: "Your answers" }).innerText(), /Did replacing the battery fix it\?/);
      await page.getByRole("navigation", { name: "Language" }).getByRole("link", { name: "العربية" }).click();
      assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
      assert.equal(await page.locator("#question").innerText(), "هل يعمل المفتاح اليدوي؟");
      await page.context().close();
    });

    test("every path of the static site walks by links", async () => {
      const paths = await germanPaths();
      for (const { answers, outcome } of paths) {
        const page = await open(site.server.url + "/de/guides/smart-lock.html", { javaScriptEnabled });
        const staticAnswer = async (page, label) => {
          const acknowledge = page.getByRole("link", { name: UNDERSTOOD });
          if (await acknowledge.count()) await go(acknowledge);
          await go(page.getByRole("navigation", { name: "Antworten" }).getByRole("link", { name: label, exact: true }));
        };
        const question = (page) => page.locator('.step-page:visible h2[tabindex="-1"]');
        await followPath(page, answers, "link", staticAnswer, question, UNDERSTOOD);
        assert.equal(await question(page).innerText(), outcome);
        if (javaScriptEnabled && answers.length) {
          assert.match(await page.locator(".step-page:visible").getByRole("region", { name: "Ihre Antworten" }).innerText(), /Ändern/);
        }
        await page.context().close();
      }
    });
  });
}

test("a German guide visited once works offline, in German", async () => {
  const page = await open(running.server.url + "/de/guides/smart-lock");
  await page.evaluate(() => navigator.serviceWorker.ready);
  await waitUntilKept(page, "de/smart-lock");
  await page.context().setOffline(true);
  await page.reload();
  assert.equal(await page.locator("html").getAttribute("lang"), "de");
  for (const label of ["Nein", "Nein", "Nein", "Nein"]) {
    await page.getByRole("button", { name: label, exact: true }).click();
  }
  assert.equal(await page.locator(".badge").textContent(), "! Zeit, Hilfe zu holen");
  await page.context().close();
});

test("Arabic pages run right to left: the answers' row and the text mirror", async () => {
  const page = await open(running.server.url + "/ar/guides/smart-lock?keypad-lights=no", { locale: "ar" });
  assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
  const direction = await page.locator("#question").evaluate((element) => getComputedStyle(element).direction);
  assert.equal(direction, "rtl");
  // Yes comes first, so it stands on the right.
  const [yes, no] = await Promise.all(["نعم", "لا"].map((label) => page.getByRole("button", { name: label, exact: true }).boundingBox()));
  assert.ok(yes.x > no.x, `yes at ${yes.x}, no at ${no.x}`);
  await page.context().close();
});

test("the translated pages have no accessibility violations", async () => {
  const pages = [
    [running.server.url, "/de/"],
    [running.server.url, "/de/guides/smart-lock?keypad-lights=no&battery-fixed=no"],
    [running.server.url, "/de/guides/smart-lock?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no"],
    [running.server.url, "/de/guides/smart-lock/summary?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no"],
    [running.server.url, "/de/guides/garage-door/full"],
    [running.server.url, "/ar/"],
    [running.server.url, "/ar/guides/smart-lock?keypad-lights=yes&bolt-stuck=no&repair-worked=no"],
    [running.server.url, "/ar/guides/smart-lock/full"],
    [running.server.url, "/ar/guides/nothing-here"],
    [null, "/de/index.html"],
    [null, "/ar/guides/smart-lock.html#o_locksmith"],
  ];
  for (const scheme of ["light", "dark"]) {
    const context = await running.browser.newContext({ colorScheme: scheme, viewport: { width: 360, height: 640 } });
    const page = await context.newPage();
    for (const [origin, path] of pages) {
      await page.goto((origin ?? site.server.url) + path);
      await page.evaluate(AXE);
      const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      assert.deepEqual(violations, [], `${path} (${scheme})`);
    }
    await context.close();
  }
});

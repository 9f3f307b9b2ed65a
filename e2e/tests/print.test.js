// Printing, as a person does from a phone in dark mode or not: the pages
// print dark text on white (never the dark palette's pale colours, nor
// black on a dark box), and without what cannot be used on paper.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAndBrowser } from "../support.js";

const ESCALATE = "keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";
const PAGES = {
  "a resolved outcome": "/guides/smart-lock?keypad-lights=no&battery-fixed=yes",
  "an escalation": `/guides/smart-lock?${ESCALATE}`,
  "the full guide": "/guides/smart-lock/full",
  "the support summary": `/guides/smart-lock/summary?${ESCALATE}`,
};

const running = serverAndBrowser();

/** `path` as printed, the browser's colour scheme being `scheme`. */
async function printed(path, scheme) {
  const context = await running.browser.newContext({ colorScheme: scheme, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(running.server.url + path);
  await page.emulateMedia({ media: "print" });
  return page;
}

/**
 * Every text that prints, with a contrast below 4.5:1 against what is
 * behind it, as "text: colour on background (ratio)".
 */
function faintTexts(page) {
  return page.$$eval("main *", (elements) => {
    const rgb = (colour) => colour.match(/[\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => {
      const linear = (c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
      return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const behind = (element) => {
      for (let at = element; at; at = at.parentElement) {
        const colour = rgb(getComputedStyle(at).backgroundColor);
        if (colour.length < 4 || colour[3] > 0) return colour.slice(0, 3);
      }
      return [255, 255, 255];
    };
    return elements
      .filter((element) => element.checkVisibility() && [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim()))
      .map((element) => {
        const [text, back] = [rgb(getComputedStyle(element).color).slice(0, 3), behind(element)];
        const [light, dark] = [luminance(text), luminance(back)].sort((x, y) => y - x);
        const ratio = (light + 0.05) / (dark + 0.05);
        return { text: element.textContent.trim().slice(0, 40), colours: `rgb(${text}) on rgb(${back})`, ratio };
      })
      .filter(({ ratio }) => ratio < 4.5)
      .map(({ text, colours, ratio }) => `${text}: ${colours} (${ratio.toFixed(1)})`);
  });
}

for (const scheme of ["light", "dark"]) {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`${name} prints dark on light, the browser being ${scheme}`, async () => {
      const page = await printed(path, scheme);
      assert.deepEqual(await faintTexts(page), []);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(255, 255, 255)");
      await page.context().close();
    });
  }
}

for (const name of ["a resolved outcome", "an escalation", "the full guide"]) {
  test(`${name} prints without the feedback form or its heading`, async () => {
    const page = await printed(PAGES[name], "light");
    assert.equal(await page.getByRole("heading", { name: "Rate this guide" }).isVisible(), false);
    const headings = await page.locator("main :is(h1, h2, h3)").filter({ visible: true }).allInnerTexts();
    assert.ok(headings.length > 0);
    assert.notEqual(headings.at(-1), "Rate this guide");
    await page.context().close();
  });
}

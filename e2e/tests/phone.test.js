// The pages on a phone (390 × 844, touch): every control a person taps is
// big enough to hit with a thumb, a collapsed section shows whether it is
// open, and after a change the page lands where it says what it changed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { servedSite, serverAndBrowser } from "../support.js";

const ESCALATE = "keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };
/** What a person taps: links, buttons, form fields, a collapsed section's summary. */
const CONTROLS = "header a, main a, main button, main input:not([type=hidden]), main textarea, main select, main summary";

const running = serverAndBrowser();
const site = servedSite();

/** A phone-sized page of `url`, with JavaScript on (`options` added). */
async function open(url, options = {}) {
  const context = await running.browser.newContext({ ...PHONE, ...options });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/**
 * The controls matching `selector` that show, with their tap target's size,
 * those smaller than 44 × 44 CSS px as "text (width × height)". A checkbox's
 * target is the label around it: tapping its words ticks it.
 */
async function smallTargets(page, selector = CONTROLS) {
  return page.$$eval(selector, (controls) => controls
    .filter((control) => control.getClientRects().length > 0)
    .map((control) => {
      const target = control.type === "checkbox" ? control.closest("label") ?? control : control;
      const box = target.getBoundingClientRect();
      const name = (control.textContent || control.getAttribute("aria-label") || control.name || control.type).trim().slice(0, 50);
      return { name: `${control.tagName.toLowerCase()} “${name}” (${Math.round(box.width)} × ${Math.round(box.height)})`, box };
    })
    .filter(({ box }) => box.width < 44 || box.height < 44)
    .map(({ name }) => name));
}

test("the phone emulation has a coarse pointer", async () => {
  const page = await open(`${running.server.url}/guides/smart-lock`);
  assert.ok(await page.evaluate(() => matchMedia("(pointer: coarse)").matches));
  await page.context().close();
});

const served = {
  "the catalog": "/",
  "the start (triage, what you'll need, FAQ)": "/guides/smart-lock",
  "an answered step": "/guides/smart-lock?keypad-lights=no&battery-fixed=no",
  "a step being changed": "/guides/smart-lock?keypad-lights=no&battery-fixed=no&change=keypad-lights",
  "a changed answer": "/guides/smart-lock?battery-fixed=no&key-works=no&was=keypad-lights.no&keypad-lights=yes",
  "a caution": "/guides/smart-lock?keypad-lights=yes&bolt-stuck=no&repair-worked=no",
  "a model to choose": "/guides/garage-door?door-behaviour=nothing&wall-button-works=no",
  "a resolved outcome (verification checks)": "/guides/smart-lock?keypad-lights=no&battery-fixed=yes",
  "an escalation": `/guides/smart-lock?${ESCALATE}`,
  "the support summary": `/guides/smart-lock/summary?${ESCALATE}`,
  "the contact form": `/guides/smart-lock/contact?${ESCALATE}`,
  "the contact form with problems": `/guides/smart-lock/contact?${ESCALATE}`,
  "a bad link": "/guides/smart-lock?keypad-lights=perhaps",
  "the start in Arabic": "/ar/guides/smart-lock",
  "an answered step in Arabic": "/ar/guides/smart-lock?keypad-lights=no&battery-fixed=no",
};
for (const [name, path] of Object.entries(served)) {
  test(`${name}: every control is at least 44 × 44 px`, async () => {
    const page = await open(running.server.url + path);
    if (name.endsWith("with problems")) {
      await page.getByLabel("Email address").fill("not an address");
      await page.getByRole("button", { name: "Send to support" }).click();
      await page.getByRole("alert").waitFor();
    }
    assert.deepEqual(await smallTargets(page), []);
    await page.context().close();
  });
}

test("the full guide: its controls are at least 44 × 44 px", async () => {
  const page = await open(`${running.server.url}/guides/smart-lock/full`);
  // Deliberate exceptions: the full guide is a reference to read, and its
  // other links sit inside lines of its text ("Proceed to Verification",
  // "Yes → Did replacing the battery fix it?", "How: Check battery"),
  // where a 44 px box around a few words would break the lines apart.
  const controls = "header a, main .btn, main .triage a, main .links a, main button, main input, main textarea, main summary";
  assert.deepEqual(await smallTargets(page, controls), []);
  await page.context().close();
});

const built = {
  "the start": "/guides/smart-lock.html",
  "an answered step": "/guides/smart-lock.html?keypad-lights=no&battery-fixed=no#q_key-works",
  "a caution": "/guides/smart-lock.html?keypad-lights=yes&bolt-stuck=no&repair-worked=no#c_reset-worked",
  "an escalation": `/guides/smart-lock.html?${ESCALATE}#o_locksmith`,
  "the support summary": `/guides/smart-lock.html?${ESCALATE}#s_locksmith`,
};
for (const [name, path] of Object.entries(built)) {
  test(`static site, ${name}: every control is at least 44 × 44 px`, async () => {
    // Loaded: the deferred script has shown the answers so far. Only the
    // step the address names shows; the others take no room.
    const page = await open(site.server.url + path);
    assert.deepEqual(await smallTargets(page), []);
    await page.context().close();
  });
}

/**
 * Where the chevron before each collapsed section's summary points: the
 * chevron is a box's corner (its two borders), turned; "right", "left",
 * "down" or "up" after the turn, or "none" when there is no chevron.
 */
async function chevrons(page) {
  return page.$$eval("main summary", (summaries) => summaries.map((summary) => {
    const mark = getComputedStyle(summary, "::before");
    const visible = mark.content !== "none" && parseFloat(mark.width) >= 6 && parseFloat(mark.borderRightWidth) > 0 && parseFloat(mark.borderBottomWidth) > 0;
    if (!visible) return "none";
    const [a, b, c, d] = new DOMMatrix(mark.transform).toFloat64Array().filter((_, n) => [0, 1, 4, 5].includes(n));
    // The corner between the right and bottom borders, (1, 1), turned.
    const [x, y] = [a + c, b + d];
    return Math.abs(x) > Math.abs(y) ? (x > 0 ? "right" : "left") : y > 0 ? "down" : "up";
  }));
}

for (const [language, path, closed] of [["English", "/guides/smart-lock", "right"], ["Arabic", "/ar/guides/smart-lock", "left"]]) {
  test(`collapsed sections show a chevron that turns down when open (${language})`, async () => {
    const page = await open(running.server.url + path);
    const before = await chevrons(page);
    assert.ok(before.length >= 2, "what you'll need and the FAQ");
    assert.deepEqual(before, before.map(() => closed), "closed: towards where the text runs");
    await page.locator("main summary").first().click();
    assert.deepEqual(await chevrons(page), [
      "down",
      ...before.slice(1),
    ]);
    await page.context().close();
  });
}

test("after a change, the page lands with the notice of what no longer applies in view", async () => {
  const page = await open(`${running.server.url}/guides/smart-lock?keypad-lights=no&battery-fixed=no&key-works=no`);
  await page.getByRole("link", { name: "Change your answer to: Does the keypad light or does the app connect?" }).click();
  await page.getByRole("button", { name: "Yes", exact: true }).click();
  await page.waitForURL(/was=keypad-lights\.no/);
  assert.match(page.url(), /#step$/);
  const notice = page.getByRole("status");
  assert.match(await notice.innerText(), /These answers no longer apply/);
  const box = await notice.boundingBox();
  assert.ok(box.y >= 0 && box.y + box.height <= 844, `the notice spans ${Math.round(box.y)}–${Math.round(box.y + box.height)} px of an 844 px screen`);
  // The question it led to follows it.
  assert.ok((await page.locator("#question").boundingBox()).y < 844);
  await page.context().close();
});

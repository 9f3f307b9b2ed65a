// The served support summary in a real browser: what Copy and Print take
// is what the person sees, typed values included.
import assert from "node:assert/strict";
import { test } from "node:test";
import { serverAndBrowser } from "../support.js";

const SUMMARY = "/guides/smart-lock/summary?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";

const running = serverAndBrowser();

/** A phone-sized page of `path`, with JavaScript on or off. */
async function open(path, javaScriptEnabled = true) {
  const context = await running.browser.newContext({ javaScriptEnabled, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: running.server.url });
  const page = await context.newPage();
  await page.goto(running.server.url + path);
  return page;
}

test("Copy and Print take the values as they are typed", async () => {
  const page = await open(SUMMARY);
  const text = page.locator("#summary-text");
  assert.match(await text.inputValue(), /^Lock model and manufacturer: ____$/m);
  await page.getByLabel("Lock model and manufacturer").pressSequentially("Acme K2");
  await page.getByLabel("Battery type and replacement date").fill("4 × AA, March");
  assert.match(await text.inputValue(), /^Lock model and manufacturer: Acme K2$/m);
  assert.match(await text.inputValue(), /^Battery type and replacement date: 4 × AA, March$/m);
  // The rest of the text is as the server wrote it.
  assert.match(await text.inputValue(), /^Whether the keypad lights: No\nWhether the physical key works: No\n/m);
  assert.match(await text.inputValue(), /^Answers given:\n- Does the keypad light or does the app connect\? No$/m);

  await page.getByRole("button", { name: "Copy" }).click();
  await page.getByRole("button", { name: "Copied" }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await text.inputValue());

  // Emptied again, the line is blank again.
  await page.getByLabel("Battery type and replacement date").fill("");
  assert.match(await text.inputValue(), /^Battery type and replacement date: ____$/m);

  await page.emulateMedia({ media: "print" });
  assert.equal(await text.isVisible(), false);
  const printed = page.locator("pre#summary-print");
  assert.ok(await printed.isVisible());
  assert.equal(await printed.textContent(), await text.inputValue());
  assert.match(await printed.innerText(), /Lock model and manufacturer: Acme K2/);
  await page.context().close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`the summary says how to take the text, and its buttons are on the first screen (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
    const page = await open(SUMMARY, javaScriptEnabled);
    const label = page.locator('label[for="summary-text"]');
    const buttons = [page.getByRole("button", { name: "Copy" }), page.getByRole("button", { name: "Print" })];
    if (javaScriptEnabled) {
      await buttons[0].waitFor();
      assert.equal(await label.innerText(), "Copy or print the text with these buttons, or select it.");
      for (const button of buttons) {
        const box = await button.boundingBox();
        assert.ok(box.y + box.height <= 844, `${await button.innerText()} ends at ${box.y + box.height} px, below the first screen`);
      }
    } else {
      assert.equal(await label.innerText(), "Select the text and copy it.");
      for (const button of buttons) assert.equal(await button.count(), 0, "no button that cannot work");
    }
    // The text, then the fields that complete it.
    assert.ok((await page.locator("#summary-text").boundingBox()).y < (await page.getByLabel("Lock model and manufacturer").boundingBox()).y);
    await page.context().close();
  });
}

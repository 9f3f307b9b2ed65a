// The hand-off to support in a real browser, with JavaScript on and off:
// from an escalation outcome to the contact form, a bad email kept with a
// clear message next to it, then a good one and the reference shown (and
// stored); axe-core on the form with its message and on the reference page.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, test } from "node:test";
import { serverAndBrowser } from "../support.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const ESCALATE = "/guides/smart-lock?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";

const running = serverAndBrowser();

/** The stored hand-offs (reference and payload), read with Python's sqlite3. */
function storedHandoffs() {
  const script = "import json,sqlite3,sys;c=sqlite3.connect(sys.argv[1]);print(json.dumps(c.execute('select reference,payload from handoffs').fetchall()))";
  return JSON.parse(execFileSync("python3", ["-c", script, running.server.database], { encoding: "utf8" }));
}

/** axe-core's violations on the page, one line each (a script: checked
 * with JavaScript on, on the same pages). */
async function violations(page) {
  // Injected by the test only: the page's CSP does not apply to evaluate().
  await page.evaluate(AXE);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

for (const javaScriptEnabled of [true, false]) {
  describe(`with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test("an escalation goes to support and the person gets a reference to quote", async () => {
      const context = await running.browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 640 } });
      const page = await context.newPage();
      await page.goto(running.server.url + ESCALATE);
      await page.getByRole("link", { name: "Send my answers to support" }).click();
      assert.equal(await page.locator("h1").innerText(), "Send this to support");
      const name = `Ana ${javaScriptEnabled ? "js" : "no js"}`;
      await page.getByLabel("Your name (optional)").fill(name);
      await page.getByLabel("Email address").fill("ana@example");
      await page.getByLabel("Anything to add? (optional)").fill("It is the back door.");
      await page.getByLabel("Lock model and manufacturer").fill("Acme K2");
      await page.getByRole("button", { name: "Send to support" }).click();

      const alert = page.getByRole("alert");
      await alert.waitFor();
      assert.match(await alert.innerText(), /“ana@example” is not an email address\. It should look like name@example\.com\./);
      const email = page.getByLabel("Email address");
      assert.equal(await email.inputValue(), "ana@example", "what was typed is kept");
      assert.equal(await email.getAttribute("aria-invalid"), "true");
      assert.equal(await page.locator("#email-error").innerText(), "“ana@example” is not an email address. It should look like name@example.com.");
      assert.equal(await page.getByLabel("Your name (optional)").inputValue(), name);
      assert.equal(await page.getByLabel("Anything to add? (optional)").inputValue(), "It is the back door.");
      assert.equal(await page.getByLabel("Lock model and manufacturer").inputValue(), "Acme K2");
      if (javaScriptEnabled) assert.deepEqual(await violations(page), []);

      await email.fill("ana@example.com");
      await page.getByRole("button", { name: "Send to support" }).click();
      await page.locator(".reference").waitFor();
      assert.equal(await page.locator("h1").innerText(), "Sent to support");
      const reference = await page.locator(".reference").innerText();
      assert.match(reference, /^[2-9A-Z]{3}-[2-9A-Z]{3}$/);
      const download = page.getByRole("link", { name: "Download the summary (.txt)" });
      const text = decodeURIComponent((await download.getAttribute("href")).replace(/^data:text\/plain;charset=utf-8,/, ""));
      assert.match(text, new RegExp(`^Reference: ${reference}\nSupport summary: `));
      assert.match(text, /Lock model and manufacturer: Acme K2/);
      if (javaScriptEnabled) assert.deepEqual(await violations(page), []);

      const stored = storedHandoffs().find(([ref]) => ref === reference);
      assert.ok(stored, `hand-off ${reference} stored`);
      const payload = JSON.parse(stored[1]);
      assert.equal(payload.contact.name, name);
      assert.equal(payload.contact.email, "ana@example.com");
      assert.equal(payload.outcome, "locksmith");
      await context.close();
    });
  });
}

test("the contact form shows a long value whole, and emails and phone numbers run left to right in Arabic", async () => {
  const context = await running.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const contact = `/guides/smart-lock/contact?${ESCALATE.split("?")[1]}`;
  await page.goto(running.server.url + contact);
  const tried = page.getByLabel("Steps already tried");
  assert.equal(await tried.evaluate((field) => field.tagName), "TEXTAREA");
  assert.match(await tried.inputValue(), /Check mechanical alignment$/);
  // Every line of it shows: nothing to scroll inside the box.
  assert.ok(await tried.evaluate((field) => field.scrollHeight <= field.clientHeight), "the whole value shows");
  // A short value stays on one line.
  assert.equal(await page.getByLabel("Whether the keypad lights").evaluate((field) => field.tagName), "INPUT");

  await page.goto(`${running.server.url}/ar${contact}`);
  assert.equal(await page.locator("html").getAttribute("dir"), "rtl");
  const [email, phone] = [page.locator("#email"), page.locator("#phone")];
  await email.fill("ana@example.com");
  await phone.fill("+44 20 7946 0958");
  const looks = (field) => field.evaluate((input) => {
    const style = getComputedStyle(input);
    return { direction: style.direction, textAlign: style.textAlign, left: Math.round(input.getBoundingClientRect().left) };
  });
  const [emailLooks, phoneLooks] = [await looks(email), await looks(phone)];
  assert.deepEqual(emailLooks, phoneLooks, "both fields the same way");
  assert.equal(emailLooks.direction, "ltr");
  await context.close();
});

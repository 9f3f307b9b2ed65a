// A static site built with `unstuck build --server`, on one port (a plain
// file server), posting "Was this helpful?" to `unstuck serve
// --allow-origin` on another: with JavaScript on the person lands back on
// the very step of the static page; with it off the feedback is kept and
// the server thanks; a site the server does not trust is refused; axe-core
// finds nothing wrong with the steps that carry the forms.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { BINARY, ROOT, launchBrowser, serveFolder, startServer } from "../support.js";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const running = {};
const PATH = "keypad-lights=yes&bolt-stuck=no&repair-worked=yes";

before(async () => {
  running.folder = mkdtempSync(join(tmpdir(), "unstuck-site-"));
  running.site = await serveFolder(running.folder);
  running.server = await startServer(["--allow-origin", running.site.url]);
  execFileSync(BINARY, ["build", "--out", running.folder, "--server", running.server.url], { cwd: ROOT, stdio: "pipe" });
  running.browser = await launchBrowser();
});
after(async () => {
  await running.browser?.close();
  await running.server?.stop();
  await running.site?.close();
  rmSync(running.folder, { recursive: true, force: true });
});

/** The guide's figures the server kept: `helpful` and `not_helpful` count feedback. */
function kept() {
  const json = execFileSync(BINARY, ["stats", "--json", "--database", `sqlite://${running.server.database}`, "--guide", "smart-lock"], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(json)[0];
}

test("with JavaScript, feedback goes to the server and back to the same step of the static page", async () => {
  const page = await running.browser.newPage();
  const address = `${running.site.url}/guides/smart-lock.html?${PATH}#o_unlocked`;
  await page.goto(address);
  const section = page.locator("#o_unlocked");
  await section.getByRole("heading", { name: "Lock unlocked" }).waitFor();
  const before = kept().helpful;
  await section.getByLabel("Anything to add? (optional)").fill("Re-pairing did it");
  await Promise.all([
    page.waitForURL((url) => url.origin === running.site.url && url.href !== "about:blank"),
    section.getByRole("button", { name: "Yes" }).click(),
  ]);
  assert.equal(page.url(), address, "back on the step it was sent from");
  await section.getByRole("heading", { name: "Lock unlocked" }).waitFor();
  assert.equal(kept().helpful, before + 1, "the server kept it");
  assert.match(JSON.stringify(kept().comments), /Re-pairing did it/);
  await page.close();
});

test("without JavaScript, the form posts all the same and the server thanks", async () => {
  const context = await running.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${running.site.url}/guides/smart-lock.html#o_locksmith`);
  const section = page.locator("#o_locksmith");
  await section.getByRole("heading", { name: "Call a locksmith" }).waitFor();
  const before = kept().not_helpful;
  await Promise.all([
    page.waitForURL((url) => url.origin === running.server.url),
    section.getByRole("button", { name: "No" }).click(),
  ]);
  await page.getByText("Thanks for your feedback.").waitFor();
  assert.match(page.url(), /\/guides\/smart-lock\?from=locksmith&sent=1#rate$/);
  assert.equal(kept().not_helpful, before + 1, "the server kept it");
  // The contact link opens the server's form for that outcome.
  await page.goto(`${running.site.url}/guides/smart-lock.html#o_locksmith`);
  await Promise.all([
    page.waitForURL((url) => url.origin === running.server.url),
    section.getByRole("link", { name: "Send my answers to support" }).click(),
  ]);
  await page.getByRole("heading", { name: "Send this to support" }).waitFor();
  await context.close();
});

test("a site the server was not told to trust cannot post to it", async () => {
  const other = await serveFolder(running.folder);
  const page = await running.browser.newPage();
  await page.goto(`${other.url}/guides/smart-lock.html#o_unlocked`);
  await Promise.all([
    page.waitForURL((url) => url.origin === running.server.url),
    page.locator("#o_unlocked").getByRole("button", { name: "Yes" }).click(),
  ]);
  await page.getByRole("heading", { name: "This form was sent from another site" }).waitFor();
  await page.close();
  await other.close();
});

for (const step of ["o_unlocked", "o_locksmith"]) {
  for (const scheme of ["light", "dark"]) {
    test(`the static ${step} step with its form (${scheme}) has no accessibility violations`, async () => {
      const page = await running.browser.newPage({ colorScheme: scheme, viewport: { width: 360, height: 640 } });
      await page.goto(`${running.site.url}/guides/smart-lock.html?${PATH}#${step}`);
      await page.locator(`#${step} form`).waitFor();
      // Injected by the test only: the page's CSP does not apply to evaluate().
      await page.evaluate(AXE);
      const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      assert.deepEqual(violations, []);
      await page.close();
    });
  }
}

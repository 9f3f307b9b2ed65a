// Watch mode, as an author sees it: the open page refreshes by itself when
// the guide file changes, and shows the diagnostics when it breaks.
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, serverAndBrowser } from "../support.js";

const folder = mkdtempSync(join(tmpdir(), "unstuck-watch-"));
const guide = join(folder, "smart-lock.md");
cpSync(join(ROOT, "guides", "smart-lock.md"), guide);
const running = serverAndBrowser(["--watch", "--guides", folder]);

test("the open page follows edits to the guide, and shows errors", async () => {
  const page = await running.browser.newPage();
  await page.goto(`${running.server.url}/guides/smart-lock`);
  assert.equal(await page.locator("#question").innerText(), "Does the keypad light or does the app connect?");
  const text = readFileSync(guide, "utf8");
  // Let the page's live-reload request reach the server before the edit.
  await new Promise((wait) => setTimeout(wait, 500));
  writeFileSync(guide, text.replace("Does the keypad light or does the app connect?", "Is the keypad lit?"));
  await page.waitForFunction(() => document.querySelector("#question")?.textContent === "Is the keypad lit?", null, { timeout: 15_000 });
  writeFileSync(guide, text.replace("## What you'll need {.needs}", "## What you'll need"));
  await page.waitForFunction(() => document.querySelector("h1")?.textContent === "A guide has errors", null, { timeout: 15_000 });
  assert.match(await page.locator("pre").innerText(), /error\[unknown-block-kind\]: this heading does not say what kind of block it starts/);
  writeFileSync(guide, text);
  await page.waitForFunction(() => document.querySelector("#question") !== null, null, { timeout: 15_000 });
  await page.close();
});

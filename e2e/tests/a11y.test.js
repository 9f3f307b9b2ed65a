// axe-core in headless Chromium: no violations on any kind of page.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { test } from "node:test";
import { serverAndBrowser } from "../support.js";

/** An admin token strong enough for `unstuck serve` to accept. */
const ADMIN_TOKEN = "a11y-3c8e1f5b9d2a7c4e6f0b8d1a3e5c7f9b";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PAGES = {
  catalog: "/",
  search: "/?q=battery",
  question: "/guides/smart-lock?keypad-lights=no",
  changing: "/guides/smart-lock?keypad-lights=no&battery-fixed=no&change=keypad-lights",
  changed: "/guides/smart-lock?battery-fixed=no&was=keypad-lights.no&keypad-lights=yes",
  caution: "/guides/smart-lock?keypad-lights=yes&bolt-stuck=no&repair-worked=no",
  "model choice": "/guides/garage-door?door-behaviour=nothing&wall-button-works=no",
  "model chosen": "/guides/garage-door?variant=wall&door-behaviour=nothing&wall-button-works=no",
  resolved: "/guides/smart-lock?keypad-lights=no&battery-fixed=yes",
  escalate: "/guides/smart-lock?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
  full: "/guides/smart-lock/full",
  "garage full": "/guides/garage-door/full",
  summary: "/guides/smart-lock/summary?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
  "contact form": "/guides/smart-lock/contact?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
  "not found": "/guides/nothing-here",
  "bad link": "/guides/smart-lock?keypad-lights=perhaps",
  "admin overview": "/admin",
  dashboard: "/admin/guides/smart-lock?days=7",
  "hand-offs": "/admin/handoffs",
};

const running = serverAndBrowser(["--admin-token", ADMIN_TOKEN], async (server) => {
  for (const query of ["", "keypad-lights=no", "keypad-lights=no&battery-fixed=yes"]) {
    await fetch(`${server.url}/guides/smart-lock?${query}`);
  }
});

for (const scheme of ["light", "dark"]) {
  for (const [name, path] of Object.entries(PAGES)) {
    test(`${name} (${scheme}) has no accessibility violations`, async () => {
      const page = await running.browser.newPage({
        colorScheme: scheme,
        viewport: { width: 360, height: 640 },
        extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      await page.goto(running.server.url + path);
      // Injected by the test only: the page's CSP does not apply to evaluate().
      await page.evaluate(AXE);
      const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      assert.deepEqual(violations, []);
      const headings = await page.$$eval("h1", (h) => h.length);
      assert.equal(headings, 1, "one h1");
      assert.equal(await page.getAttribute("html", "lang"), "en");
      await page.close();
    });
  }
}

// Takes the screenshots in docs/screenshots/: each kind of page at a phone
// width (360 px) and a desktop width (1280 px), light and dark.
// Usage: npm run screenshots (after `cargo build`), or with page names
// (`node screenshots.js summary contact`); SCREENSHOTS_OUT writes them to
// another folder (to look at a change without touching docs/screenshots/).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, ROOT, startServer } from "./support.js";

/** An admin token strong enough for `unstuck serve` to accept. */
const ADMIN_TOKEN = "9e1c4b7f2a6d8035e1b9c7f4a2d6e8b3";

const PAGES = {
  catalog: "/",
  question: "/guides/smart-lock",
  answered: "/guides/smart-lock?keypad-lights=no&battery-fixed=no",
  changed: "/guides/smart-lock?battery-fixed=no&key-works=no&was=keypad-lights.no&keypad-lights=yes",
  caution: "/guides/smart-lock?keypad-lights=yes&bolt-stuck=no&repair-worked=no",
  models: "/guides/garage-door?door-behaviour=nothing&wall-button-works=no",
  resolved: "/guides/smart-lock?keypad-lights=no&battery-fixed=yes",
  escalate: "/guides/smart-lock?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
  full: "/guides/smart-lock/full",
  summary: "/guides/smart-lock/summary?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
  error: "/guides/smart-lock?keypad-lights=no&battery-fixed=perhaps",
  dashboard: "/admin/guides/smart-lock?days=7",
  advice: "/admin/guides/smart-lock/advice?days=7",
  "german-answered": "/de/guides/smart-lock?keypad-lights=no&battery-fixed=no",
  "german-escalate": "/de/guides/smart-lock?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
  "arabic-catalog": "/ar/",
  "arabic-answered": "/ar/guides/smart-lock?keypad-lights=no&battery-fixed=no",
  "arabic-summary": "/ar/guides/smart-lock/summary?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
  contact: "/guides/smart-lock/contact?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
  "arabic-question": "/ar/guides/smart-lock",
  "arabic-contact": "/ar/guides/smart-lock/contact?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
};
const only = process.argv.slice(2);
const out = process.env.SCREENSHOTS_OUT ?? join(ROOT, "docs", "screenshots");
mkdirSync(out, { recursive: true });
const server = await startServer(["--admin-token", ADMIN_TOKEN]);
// Some traffic for the dashboard: a few people, different paths.
const walks = [
  "keypad-lights=no&battery-fixed=yes",
  "keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
  "keypad-lights=yes&bolt-stuck=no&repair-worked=yes",
  "keypad-lights=yes&bolt-stuck=yes&alignment-fixed=yes",
  "keypad-lights=no",
];
for (const [n, walk] of walks.entries()) {
  const pairs = walk.split("&");
  for (let i = 0; i <= pairs.length; i++) {
    await fetch(`${server.url}/guides/smart-lock?${pairs.slice(0, i).join("&")}`, { headers: { "user-agent": `person ${n}` } });
  }
}
await new Promise((wait) => setTimeout(wait, 500));
const browser = await launchBrowser();
try {
  for (const [name, path] of Object.entries(PAGES)) {
    if (only.length && !only.includes(name)) continue;
    for (const [size, viewport] of [["phone", { width: 360, height: 640 }], ["desktop", { width: 1280, height: 800 }]]) {
      for (const scheme of ["light", "dark"]) {
        if (size === "desktop" && scheme === "dark" && !["question", "escalate"].includes(name)) continue;
        const page = await browser.newPage({ viewport, colorScheme: scheme, extraHTTPHeaders: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        await page.goto(server.url + path);
        const file = join(out, `${name}-${size}-${scheme}.png`);
        await page.screenshot({ path: file, fullPage: size === "desktop" });
        await page.close();
        console.log(file);
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
}

// The static site of `unstuck build`, opened from disk (file://) and from a
// plain static file server, with JavaScript on and off: every smart-lock
// path walked to its outcome by following links, the back button to change
// answers (and, with the script, the answers so far and "Change"),
// cautions, the support summary, and offline use.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { BINARY, ROOT, buildSite, followPath, launchBrowser, pathsOf, serveFolder, waitUntilKept } from "../support.js";

const running = {};
/** The heading of the step the guide's page shows (a question, caution or outcome). */
const shown = (page) => page.locator('.step-page:visible h2[tabindex="-1"]').innerText();
const shownHeading = (page) => page.locator('.step-page:visible h2[tabindex="-1"]');
/** Follows a link and waits until its step shows (a new query loads the page again). */
async function go(link) {
  const page = link.page();
  const before = page.url();
  await Promise.all([page.waitForURL((url) => url.href !== before), link.click()]);
}

before(async () => {
  running.site = buildSite();
  running.server = await serveFolder(running.site);
  running.browser = await launchBrowser();
});
after(async () => {
  await running.browser?.close();
  await running.server?.close();
  rmSync(running.site, { recursive: true, force: true });
});

/** Every path of the smart-lock tree, from the model `unstuck export` prints. */
function allPaths() {
  return pathsOf(JSON.parse(execFileSync(BINARY, ["export", "smart-lock"], { cwd: ROOT, encoding: "utf8" })));
}

const origins = {
  "from disk (file://)": () => pathToFileURL(running.site).href,
  "from a static server": () => running.server.url,
};

for (const [where, origin] of Object.entries(origins)) {
  for (const javaScriptEnabled of [true, false]) {
    describe(`static site ${where}, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
      const open = async (path = "/guides/smart-lock.html") => {
        const context = await running.browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 640 } });
        const page = await context.newPage();
        await page.goto(origin() + path);
        return page;
      };
      const answer = async (page, label) => {
        const acknowledge = page.getByRole("link", { name: "I understand — show the step" });
        if (await acknowledge.count()) await go(acknowledge);
        await go(page.getByRole("navigation", { name: "Answers" }).getByRole("link", { name: label, exact: true }));
      };

      test("the catalog leads to the guide, and every path ends at its outcome by links", async () => {
        const paths = allPaths();
        assert.equal(paths.length, 11);
        const page = await open("/index.html");
        await go(page.getByRole("link", { name: "Fix a smart lock that will not open" }));
        assert.equal(await shown(page), "Does the keypad light or does the app connect?");
        for (const { answers, outcome } of paths) {
          await page.goto(origin() + "/guides/smart-lock.html");
          await followPath(page, answers, "link", answer, shownHeading);
          assert.equal(await shown(page), outcome);
        }
        await page.context().close();
      });

      test("the back button changes an answer; with JavaScript, the answers so far and Change too", async () => {
        const page = await open();
        await answer(page, "No");
        await answer(page, "No");
        assert.equal(await shown(page), "Does the physical key work?");
        await page.goBack();
        assert.equal(await shown(page), "Did replacing the battery fix it?");
        await answer(page, "Yes");
        assert.equal(await shown(page), "Lock unlocked");
        await page.goBack();
        await answer(page, "No");
        const answers = page.getByRole("region", { name: "Your answers" });
        if (!javaScriptEnabled) {
          // A page is the same whatever path led to it: without the script
          // it cannot list the answers, and says no step number.
          assert.equal(await answers.count(), 0);
          assert.equal(await page.locator(".step-page:visible .step-label").isVisible(), false);
          await go(page.getByRole("link", { name: "Start over" }));
          assert.equal(await shown(page), "Does the keypad light or does the app connect?");
          await page.context().close();
          return;
        }
        assert.equal(await page.locator(".step-page:visible .step-label").textContent(), "Step 3");
        assert.equal(await page.title(), "Step 3 — Does the physical key work? · Fix a smart lock that will not open");
        assert.deepEqual(await answers.locator(".q").allInnerTexts(), [
          "Does the keypad light or does the app connect?",
          "Did replacing the battery fix it?",
        ]);
        assert.deepEqual(await answers.locator(".a").allInnerTexts(), ["No", "No"]);
        await go(page.getByRole("link", { name: "Change your answer to: Did replacing the battery fix it?" }));
        assert.equal(await shown(page), "Did replacing the battery fix it?");
        assert.equal(await page.locator(".step-page:visible .step-label").textContent(), "Step 2");
        await go(page.getByRole("link", { name: "Change your answer to: Does the keypad light or does the app connect?" }));
        assert.equal(await shown(page), "Does the keypad light or does the app connect?");
        await answer(page, "Yes");
        assert.equal(await shown(page), "Does the motor run but the bolt not retract?");
        assert.equal(await answers.locator("li").count(), 1);
        // A path that does not lead to this page (typed, or from an older guide) is not shown.
        await page.goto(origin() + "/guides/smart-lock.html?keypad-lights=yes#q_key-works");
        assert.equal(await shown(page), "Does the physical key work?");
        assert.equal(await answers.count(), 0);
        await page.context().close();
      });

      test("a caution is acknowledged by a link, and covers the rest of its section", async () => {
        const page = await open();
        for (const label of ["Yes", "No", "No"]) await answer(page, label);
        assert.equal(await shown(page), "Before you continue: Factory reset");
        assert.match(await page.locator(".step-page:visible .caution").innerText(), /^Caution: A factory reset erases every PIN code/);
        if (javaScriptEnabled) {
          await go(page.getByRole("link", { name: "Go back to the previous question" }));
          assert.equal(await shown(page), "Did power-cycle and re-pair work?");
          await answer(page, "No");
        }
        await go(page.getByRole("link", { name: "I understand — show the step" }));
        assert.equal(await shown(page), "Did factory reset work?");
        await page.context().close();
      });

      test("every kind of page works under its own security policy", async () => {
        const page = await open("/index.html");
        const refused = [];
        page.on("console", (message) => {
          if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
        });
        for (const path of ["/index.html", "/guides/smart-lock.html", "/guides/smart-lock.html#_full"]) {
          await page.goto(origin() + path);
          // The stylesheet applied, though inline styles are refused.
          assert.equal(await page.locator("main").evaluate((main) => getComputedStyle(main).maxWidth), "672px");
        }
        assert.deepEqual(refused, []);
        await page.context().close();
      });

      test("a triage entry and the full guide's links work", async () => {
        const page = await open();
        await go(page.getByRole("link", { name: "Power-cycle and re-pair" }));
        assert.equal(await shown(page), "Did power-cycle and re-pair work?");
        await go(page.getByRole("link", { name: "Show full guide" }));
        assert.match(await page.locator("h1").innerText(), /Fix a smart lock/);
        await go(page.getByRole("link", { name: "Start the step-by-step guide" }));
        assert.equal(await shown(page), "Does the keypad light or does the app connect?");
        await page.context().close();
      });

      test("the support summary of a 'get help' outcome", async () => {
        const page = await open();
        for (const label of ["No", "No", "No", "No"]) await answer(page, label);
        assert.equal(await shown(page), "Call a locksmith");
        await go(page.getByRole("link", { name: "Fill in, copy, download or print the support summary" }));
        // The script may still be loading (the service worker is busy keeping the guide):
        // it has run once it shows the Copy button.
        if (javaScriptEnabled) await page.getByRole("button", { name: "Copy" }).waitFor();
        const text = page.locator(".step-page:visible textarea");
        assert.match(await text.inputValue(), /Call a locksmith/);
        // The page cannot know the answers; the script, carrying the path, adds them.
        if (javaScriptEnabled) {
          assert.match(await text.inputValue(), /Whether the keypad lights: No\n/);
          assert.match(await text.inputValue(), /Answers given:\n- Does the keypad light or does the app connect\? No\n/);
        } else {
          assert.match(await text.inputValue(), /Whether the keypad lights: ____\n/);
          assert.doesNotMatch(await text.inputValue(), /Answers given/);
        }
        await text.fill(`${await text.inputValue()}\nLock model: Acme 5`);
        const link = page.getByRole("link", { name: "Download .txt" });
        const download = page.waitForEvent("download");
        await link.click();
        const saved = await (await download).path();
        const { readFileSync } = await import("node:fs");
        const body = readFileSync(saved, "utf8");
        assert.match(body, /Call a locksmith/);
        // The script downloads what was typed; without it, the text as built.
        if (javaScriptEnabled) assert.match(body, /Lock model: Acme 5/);
        else assert.doesNotMatch(body, /Acme 5/);
        await page.context().close();
      });
    });
  }
}

test("a guide that smuggles a script link or an outside image gets neither on its static pages", async () => {
  const guides = mkdtempSync(join(tmpdir(), "unstuck-hostile-"));
  const source = readFileSync(join(ROOT, "guides", "smart-lock.md"), "utf8")
    .replace("- Use the physical key that came with the lock. It bypasses the electronics.", "- \\[click](javascript:window.hacked=1)")
    .replace("- Physical key for the lock", "- \\![t](http://127.0.0.1:9/pixel.png) Physical key for the lock");
  writeFileSync(join(guides, "smart-lock.md"), source);
  const site = buildSite(["--guides", guides]);
  const context = await running.browser.newContext();
  const page = await context.newPage();
  const loaded = [];
  page.on("request", (request) => loaded.push(request.url()));
  await page.goto(pathToFileURL(site).href + "/guides/smart-lock.html#_full");
  assert.match(await page.locator("main").innerText(), /\[click\]\(javascript:window.hacked=1\)/);
  assert.equal(await page.locator('[href^="javascript:" i], img').count(), 0);
  // Even a link slipped into the page by hand would meet the page's own policy.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.hacked = 1";
    document.body.append(script);
  });
  assert.equal(await page.evaluate(() => window.hacked), undefined);
  assert.deepEqual(loaded.filter((url) => url.includes("pixel")), []);
  await context.close();
  rmSync(site, { recursive: true, force: true });
  rmSync(guides, { recursive: true, force: true });
});

test("a static guide visited once works offline, to both outcomes", async () => {
  const context = await running.browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  const base = running.server.url;
  await page.goto(`${base}/guides/smart-lock.html`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await waitUntilKept(page, "smart-lock");
  await running.server.close();
  await context.setOffline(true);
  await page.reload();
  assert.equal(await shown(page), "Does the keypad light or does the app connect?");
  const answers = page.getByRole("navigation", { name: "Answers" });
  for (const label of ["No", "No", "No", "No"]) await go(answers.getByRole("link", { name: label, exact: true }));
  assert.equal(await shown(page), "Call a locksmith");
  await page.goto(`${base}/guides/smart-lock.html`);
  await go(answers.getByRole("link", { name: "Yes", exact: true }));
  await go(answers.getByRole("link", { name: "No", exact: true }));
  await go(answers.getByRole("link", { name: "No", exact: true }));
  await go(page.getByRole("link", { name: "I understand — show the step" }));
  await go(answers.getByRole("link", { name: "Yes", exact: true }));
  assert.equal(await shown(page), "Lock unlocked");
  await page.goto(`${base}/guides/smart-lock.html#_full`);
  assert.match(await page.locator("h1").innerText(), /Fix a smart lock/);
  await context.close();
  running.server = await serveFolder(running.site);
});

test("the static site's kinds of page have no accessibility violations", async () => {
  const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  const path = "keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";
  const chosen = [
    "index.html",
    "guides/smart-lock.html",
    "guides/smart-lock.html#c_reset-worked",
    "guides/smart-lock.html#o_locksmith",
    `guides/smart-lock.html?${path}#o_locksmith`,
    `guides/smart-lock.html?${path}#s_locksmith`,
    "guides/smart-lock.html?keypad-lights=no&battery-fixed=no#q_key-works",
    "guides/smart-lock.html#_full",
    "guides/smart-lock.html#_graph",
    "guides/garage-door.html#q_power-restored_wall",
  ];
  const page = await running.browser.newPage({ viewport: { width: 360, height: 640 } });
  for (const path of chosen) {
    await page.goto(`${pathToFileURL(running.site).href}/${path}`);
    await page.evaluate(AXE);
    const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const violations = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
    assert.deepEqual(violations, [], path);
  }
  await page.close();
});

test("a step that differs between models shows the chosen model's items, kept as you answer", async () => {
  const context = await running.browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${pathToFileURL(running.site).href}/guides/garage-door.html`);
  const answers = page.getByRole("navigation", { name: "Answers" });
  await go(answers.getByRole("link", { name: "Nothing happens" }));
  await go(answers.getByRole("link", { name: "No", exact: true }));
  assert.equal(await shown(page), "Did restoring power fix it?");
  const steps = page.locator(".step-page:visible .how ol");
  assert.match(await steps.innerText(), /\(On the ceiling, with a rail to the door\) Check that the opener is plugged in to the ceiling outlet/);
  await go(page.getByRole("link", { name: "On the wall beside the door (jackshaft)" }));
  assert.doesNotMatch(await steps.innerText(), /ceiling/);
  assert.match(await steps.innerText(), /its status light comes on/);
  await go(page.getByRole("link", { name: "Change model" }));
  assert.match(await steps.innerText(), /ceiling outlet/);
  await context.close();
});

test("the static catalog filters its guides as you type, with JavaScript on", async () => {
  const page = await running.browser.newPage({ viewport: { width: 360, height: 640 } });
  await page.goto(`${pathToFileURL(running.site).href}/index.html`);
  const guides = page.locator("#guides > li:visible");
  assert.equal(await guides.count(), 2);
  await page.getByLabel("Filter guides by problem or symptom").fill("garage close");
  assert.equal(await guides.count(), 1);
  assert.match(await guides.innerText(), /garage door/);
  await page.close();
});

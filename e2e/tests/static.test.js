// The static site of `unstuck build`, opened from disk (file://) and from a
// plain static file server, with JavaScript on and off: every smart-lock
// path walked to its outcome by following links, the back button to change
// answers (and, with the script, the answers so far and "Change"),
// cautions, the support summary, and offline use.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { pathToFileURL } from "node:url";
import { BINARY, ROOT, buildSite, followPath, launchBrowser, pathsOf, serveFolder, waitUntilKept } from "../support.js";

const running = {};

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
      const open = async (path = "/guides/smart-lock/index.html") => {
        const context = await running.browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 640 } });
        const page = await context.newPage();
        await page.goto(origin() + path);
        return page;
      };
      const answer = async (page, label) => {
        const acknowledge = page.getByRole("link", { name: "I understand — show the step" });
        if (await acknowledge.count()) await acknowledge.click();
        await page.getByRole("navigation", { name: "Answers" }).getByRole("link", { name: label, exact: true }).click();
      };

      test("the catalog leads to the guide, and every path ends at its outcome by links", async () => {
        const paths = allPaths();
        assert.equal(paths.length, 11);
        const page = await open("/index.html");
        await page.getByRole("link", { name: "Fix a smart lock that will not open" }).click();
        assert.equal(await page.locator("#question").innerText(), "Does the keypad light or does the app connect?");
        for (const { answers, outcome } of paths) {
          await page.goto(origin() + "/guides/smart-lock/index.html");
          await followPath(page, answers, "link", answer);
          assert.equal(await page.locator("#outcome").innerText(), outcome);
        }
        await page.context().close();
      });

      test("the back button changes an answer; with JavaScript, the answers so far and Change too", async () => {
        const page = await open();
        await answer(page, "No");
        await answer(page, "No");
        assert.equal(await page.locator("#question").innerText(), "Does the physical key work?");
        await page.goBack();
        assert.equal(await page.locator("#question").innerText(), "Did replacing the battery fix it?");
        await answer(page, "Yes");
        assert.equal(await page.locator("#outcome").innerText(), "Lock unlocked");
        await page.goBack();
        await answer(page, "No");
        const answers = page.getByRole("region", { name: "Your answers" });
        if (!javaScriptEnabled) {
          // A page is the same whatever path led to it: without the script
          // it cannot list the answers, and says no step number.
          assert.equal(await answers.count(), 0);
          assert.equal(await page.locator(".step-label").isVisible(), false);
          await page.getByRole("link", { name: "Start over" }).click();
          assert.equal(await page.locator("#question").innerText(), "Does the keypad light or does the app connect?");
          await page.context().close();
          return;
        }
        assert.equal(await page.locator(".step-label").textContent(), "Step 3");
        assert.match(await page.title(), /^Step 3 — Does the physical key work\?/);
        assert.deepEqual(await answers.locator(".q").allInnerTexts(), [
          "Does the keypad light or does the app connect?",
          "Did replacing the battery fix it?",
        ]);
        assert.deepEqual(await answers.locator(".a").allInnerTexts(), ["No", "No"]);
        await page.getByRole("link", { name: "Change your answer to: Did replacing the battery fix it?" }).click();
        assert.equal(await page.locator("#question").innerText(), "Did replacing the battery fix it?");
        assert.equal(await page.locator(".step-label").textContent(), "Step 2");
        await page.getByRole("link", { name: "Change your answer to: Does the keypad light or does the app connect?" }).click();
        assert.equal(await page.locator("#question").innerText(), "Does the keypad light or does the app connect?");
        await answer(page, "Yes");
        assert.equal(await page.locator("#question").innerText(), "Does the motor run but the bolt not retract?");
        assert.equal(await answers.locator("li").count(), 1);
        // A path that does not lead to this page (typed, or from an older guide) is not shown.
        await page.goto(origin() + "/guides/smart-lock/q-key-works.html?keypad-lights=yes");
        assert.equal(await answers.count(), 0);
        await page.context().close();
      });

      test("a caution is acknowledged by a link, and covers the rest of its section", async () => {
        const page = await open();
        for (const label of ["Yes", "No", "No"]) await answer(page, label);
        assert.equal(await page.locator("#question").innerText(), "Before you continue: Factory reset");
        assert.match(await page.locator(".caution").innerText(), /^Caution: A factory reset erases every PIN code/);
        if (javaScriptEnabled) {
          await page.getByRole("link", { name: "Go back to the previous question" }).click();
          assert.equal(await page.locator("#question").innerText(), "Did power-cycle and re-pair work?");
          await answer(page, "No");
        }
        await page.getByRole("link", { name: "I understand — show the step" }).click();
        assert.equal(await page.locator("#question").innerText(), "Did factory reset work?");
        await page.context().close();
      });

      test("every kind of page works under its own security policy", async () => {
        const page = await open("/index.html");
        const refused = [];
        page.on("console", (message) => {
          if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
        });
        for (const path of ["/index.html", "/guides/smart-lock/index.html", "/guides/smart-lock/full.html"]) {
          await page.goto(origin() + path);
          // The stylesheet applied, though inline styles are refused.
          assert.equal(await page.locator("main").evaluate((main) => getComputedStyle(main).maxWidth), "672px");
        }
        assert.deepEqual(refused, []);
        await page.context().close();
      });

      test("a triage entry and the full guide's links work", async () => {
        const page = await open();
        await page.getByRole("link", { name: "Power-cycle and re-pair" }).click();
        assert.equal(await page.locator("#question").innerText(), "Did power-cycle and re-pair work?");
        await page.getByRole("link", { name: "Show full guide" }).click();
        assert.match(await page.locator("h1").innerText(), /Fix a smart lock/);
        await page.getByRole("link", { name: "Start the step-by-step guide" }).click();
        assert.equal(await page.locator("#question").innerText(), "Does the keypad light or does the app connect?");
        await page.context().close();
      });

      test("the support summary of a 'get help' outcome", async () => {
        const page = await open();
        for (const label of ["No", "No", "No", "No"]) await answer(page, label);
        assert.equal(await page.locator("#outcome").innerText(), "Call a locksmith");
        await page.getByRole("link", { name: "Fill in, copy, download or print the support summary" }).click();
        // The script may still be loading (the service worker is busy keeping the guide):
        // it has run once it shows the Copy button.
        if (javaScriptEnabled) await page.getByRole("button", { name: "Copy" }).waitFor();
        const text = page.locator("#summary-text");
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
  await page.goto(pathToFileURL(site).href + "/guides/smart-lock/full.html");
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
  await page.goto(`${base}/guides/smart-lock/index.html`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await waitUntilKept(page, "smart-lock");
  await running.server.close();
  await context.setOffline(true);
  await page.reload();
  assert.equal(await page.locator("#question").innerText(), "Does the keypad light or does the app connect?");
  const answers = page.getByRole("navigation", { name: "Answers" });
  for (const label of ["No", "No", "No", "No"]) await answers.getByRole("link", { name: label, exact: true }).click();
  assert.equal(await page.locator("#outcome").innerText(), "Call a locksmith");
  await page.goto(`${base}/guides/smart-lock/index.html`);
  await answers.getByRole("link", { name: "Yes", exact: true }).click();
  await answers.getByRole("link", { name: "No", exact: true }).click();
  await answers.getByRole("link", { name: "No", exact: true }).click();
  await page.getByRole("link", { name: "I understand — show the step" }).click();
  await answers.getByRole("link", { name: "Yes", exact: true }).click();
  assert.equal(await page.locator("#outcome").innerText(), "Lock unlocked");
  await page.goto(`${base}/guides/smart-lock/full.html`);
  assert.match(await page.locator("h1").innerText(), /Fix a smart lock/);
  await context.close();
  running.server = await serveFolder(running.site);
});

test("the static site's kinds of page have no accessibility violations", async () => {
  const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  const folder = join(running.site, "guides", "smart-lock");
  const pages = readdirSync(folder).filter((name) => name.endsWith(".html"));
  const having = (text) => pages.find((name) => readFileSync(join(folder, name), "utf8").includes(text));
  const chosen = [
    "index.html",
    "guides/smart-lock/index.html",
    `guides/smart-lock/${having("Before you continue")}`,
    `guides/smart-lock/${having("Time to get help")}`,
    "guides/smart-lock/s-locksmith.html?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no",
    "guides/smart-lock/q-key-works.html?keypad-lights=no&battery-fixed=no",
    "guides/smart-lock/full.html",
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
  await page.goto(`${pathToFileURL(running.site).href}/guides/garage-door/index.html`);
  const answers = page.getByRole("navigation", { name: "Answers" });
  await answers.getByRole("link", { name: "Nothing happens" }).click();
  await answers.getByRole("link", { name: "No", exact: true }).click();
  assert.equal(await page.locator("#question").innerText(), "Did restoring power fix it?");
  const steps = page.locator(".how ol");
  assert.match(await steps.innerText(), /\(On the ceiling, with a rail to the door\) Check that the opener is plugged in to the ceiling outlet/);
  await page.getByRole("link", { name: "On the wall beside the door (jackshaft)" }).click();
  assert.doesNotMatch(await steps.innerText(), /ceiling/);
  assert.match(await steps.innerText(), /its status light comes on/);
  await page.getByRole("link", { name: "Change model" }).click();
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

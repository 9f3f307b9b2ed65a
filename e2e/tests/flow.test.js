// The interactive guide in a real browser, with JavaScript on and off:
// every smart-lock path by clicking, changing an answer and changing it
// back, the back button, triage, the full guide's links, and feedback.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, test } from "node:test";
import { followPath, pathsOf, serverAndBrowser } from "../support.js";

const running = serverAndBrowser();

/** Every path of the smart-lock tree, from the model the API serves. */
async function allPaths() {
  return pathsOf(await (await fetch(`${running.server.url}/api/guides/smart-lock`)).json());
}

/** The stored feedback rows, read with Python's sqlite3. */
function storedFeedback() {
  const script = "import json,sqlite3,sys;c=sqlite3.connect(sys.argv[1]);print(json.dumps(c.execute('select guide,outcome,path,helpful,comment from feedback').fetchall()))";
  return JSON.parse(execFileSync("python3", ["-c", script, running.server.database], { encoding: "utf8" }));
}

for (const javaScriptEnabled of [true, false]) {
  describe(`with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    const open = async (path = "/guides/smart-lock") => {
      const context = await running.browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 640 } });
      const page = await context.newPage();
      await page.goto(running.server.url + path);
      return page;
    };
    const answer = async (page, label) => {
      const acknowledge = page.getByRole("button", { name: "I understand — show the step" });
      if (await acknowledge.count()) await acknowledge.click();
      await page.getByRole("button", { name: label, exact: true }).click();
    };

    test("every path of the tree ends at its outcome, by clicking", async () => {
      const paths = await allPaths();
      assert.equal(paths.length, 11);
      for (const { answers, outcome } of paths) {
        const page = await open();
        await followPath(page, answers, "button", answer);
        assert.equal(await page.locator("#outcome").innerText(), outcome);
        await page.context().close();
      }
    });

    test("changing an early answer recomputes the path, and changing back restores it", async () => {
      const page = await open();
      for (const label of ["No", "No", "No"]) await answer(page, label);
      assert.equal(await page.locator("#question").innerText(), "Did adjusting alignment fix it?");
      await page.getByRole("link", { name: "Change your answer to: Does the keypad light or does the app connect?" }).click();
      await answer(page, "Yes");
      const notice = await page.getByRole("status").innerText();
      assert.match(notice, /You changed “Does the keypad light or does the app connect\?” from No to Yes/);
      assert.match(notice, /Did replacing the battery fix it\?/);
      assert.equal(await page.locator("#question").innerText(), "Does the motor run but the bolt not retract?");
      await page.getByRole("link", { name: "Change your answer to: Does the keypad light or does the app connect?" }).click();
      await answer(page, "No");
      assert.match(await page.getByRole("status").innerText(), /These earlier answers apply again/);
      assert.equal(await page.locator("#question").innerText(), "Did adjusting alignment fix it?");
      await page.context().close();
    });

    test("the back button undoes an answer", async () => {
      const page = await open();
      await answer(page, "No");
      await answer(page, "No");
      assert.equal(await page.locator("#question").innerText(), "Does the physical key work?");
      await page.goBack();
      assert.equal(await page.locator("#question").innerText(), "Did replacing the battery fix it?");
      await page.goBack();
      assert.equal(await page.locator("#question").innerText(), "Does the keypad light or does the app connect?");
      await page.context().close();
    });

    test("a triage entry jumps into the flow", async () => {
      const page = await open();
      await page.getByRole("link", { name: "Check mechanical alignment" }).click();
      assert.equal(await page.locator("#question").innerText(), "Did adjusting alignment fix it?");
      await answer(page, "No");
      assert.equal(await page.locator("#outcome").innerText(), "Call a locksmith");
      await page.context().close();
    });

    test("the full guide's links lead within the page", async () => {
      const page = await open();
      await page.getByRole("link", { name: "Show full guide" }).click();
      assert.match(page.url(), /\/guides\/smart-lock\/full$/);
      const section = (id) => page.locator(`section[aria-labelledby="${id}"]`);
      await section("confirm-symptom").getByRole("link", { name: "Check battery" }).click();
      assert.match(page.url(), /#check-battery$/);
      assert.ok(await page.locator("#check-battery").isVisible());
      await section("check-battery").getByRole("link", { name: "Try physical key override" }).click();
      assert.match(page.url(), /#key-override$/);
      const targets = await page.$$eval('a[href^="#"]', (links) => links.map((a) => a.getAttribute("href").slice(1)));
      for (const id of targets) assert.equal(await page.locator(`[id="${id}"]`).count(), 1, `#${id}`);
      await page.context().close();
    });

    test("feedback is sent and stored", async () => {
      const page = await open();
      await answer(page, "No");
      await answer(page, "Yes");
      const comment = `New batteries did it (${javaScriptEnabled ? "js" : "no js"})`;
      await page.getByLabel("Anything to add? (optional)").fill(comment);
      await page.getByRole("button", { name: "Yes", exact: true }).click();
      assert.equal(await page.getByRole("status").innerText(), "Thanks for your feedback.");
      const rows = storedFeedback().filter((row) => row[4] === comment);
      assert.deepEqual(rows, [["smart-lock", "unlocked", "keypad-lights=no&battery-fixed=yes", 1, comment]]);
      await page.context().close();
    });

    test("the keyboard alone answers a question", async () => {
      const page = await open();
      await page.locator("#question").focus();
      let focused = "";
      for (let tab = 0; tab < 10 && focused !== "Yes"; tab++) {
        await page.keyboard.press("Tab");
        focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "");
      }
      assert.equal(focused, "Yes");
      await page.keyboard.press("Enter");
      await page.waitForURL(/keypad-lights=yes/);
      assert.equal(await page.locator("#question").innerText(), "Does the motor run but the bolt not retract?");
      await page.context().close();
    });
  });
}

// Offline: a guide visited once opens again with no network, every step.
import assert from "node:assert/strict";
import { test } from "node:test";
import { keptAddresses, serverAndBrowser, waitUntilKept } from "../support.js";

const running = serverAndBrowser();

test("a guide visited once works offline, to both outcomes", async () => {
  const context = await running.browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${running.server.url}/guides/smart-lock`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The worker marks the guide as kept once every step is in its cache.
  await waitUntilKept(page, "smart-lock");

  await context.setOffline(true);
  await page.reload();
  assert.equal(await page.locator("#question").innerText(), "Does the keypad light or does the app connect?");
  for (const label of ["No", "No", "No", "No"]) {
    await page.getByRole("button", { name: label, exact: true }).click();
  }
  assert.equal(await page.locator("#outcome").innerText(), "Call a locksmith");
  await page.goto(`${running.server.url}/guides/smart-lock?from=repair-worked`);
  await page.getByRole("button", { name: "No", exact: true }).click();
  await page.getByRole("button", { name: "I understand — show the step" }).click();
  await page.getByRole("button", { name: "Yes", exact: true }).click();
  assert.equal(await page.locator("#outcome").innerText(), "Lock unlocked");
  await page.goto(`${running.server.url}/guides/smart-lock/full`);
  assert.match(await page.locator("h1").innerText(), /Fix a smart lock/);
  await context.close();
});

test("the worker never keeps a support summary or what a person typed", async () => {
  const context = await running.browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${running.server.url}/guides/smart-lock`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await waitUntilKept(page, "smart-lock");
  const escalation = "keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";
  await page.goto(`${running.server.url}/guides/smart-lock/summary?${escalation}&fact-lock-model=Acme+Secret+9000`);
  await page.getByLabel("Lock model and manufacturer").fill("Acme Private 1");
  await page.getByRole("button", { name: "Update summary" }).click();
  assert.match(await page.locator("#summary-text").inputValue(), /Acme Private 1/);

  const kept = await keptAddresses(page);
  assert.deepEqual(kept.filter((url) => /fact-|\/summary/.test(url)), []);
  await context.setOffline(true);
  await assert.rejects(page.reload(), /ERR_INTERNET_DISCONNECTED|ERR_FAILED/);
  await context.close();
});

test("the offline list names every step of the flow and the full guide", async () => {
  const reply = await fetch(`${running.server.url}/guides/smart-lock/offline.json`);
  const { urls } = await reply.json();
  assert.ok(urls.length > 40, `${urls.length} addresses`);
  assert.ok(urls.includes("/guides/smart-lock/full"));
});

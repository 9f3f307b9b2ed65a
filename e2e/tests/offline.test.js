// Offline: a guide visited once opens again with no network, every step.
import assert from "node:assert/strict";
import { test } from "node:test";
import { keptAddresses, serverAndBrowser, waitUntilKept } from "../support.js";

const running = serverAndBrowser();

/** A phone that visited the smart-lock guide once, its worker done keeping it. */
async function keptGuide() {
  const context = await running.browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${running.server.url}/guides/smart-lock`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The worker marks the guide as kept once every step is in its cache.
  await waitUntilKept(page, "smart-lock");
  return { context, page };
}

test("a guide visited once works offline, to both outcomes", async () => {
  const { context, page } = await keptGuide();
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
  const { context, page } = await keptGuide();
  const escalation = "keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";
  await page.goto(`${running.server.url}/guides/smart-lock/summary?${escalation}&fact-lock-model=Acme+Secret+9000`);
  await page.getByLabel("Lock model and manufacturer").fill("Acme Private 1");
  await page.getByRole("button", { name: "Update summary" }).click();
  assert.match(await page.locator("#summary-text").inputValue(), /Acme Private 1/);

  const kept = await keptAddresses(page);
  assert.deepEqual(kept.filter((url) => /fact-/.test(url)), []);
  // Offline, the same summary comes back without what was typed: the one
  // kept for that path, as the server made it for everyone.
  await context.setOffline(true);
  await page.reload();
  const text = await page.locator("#summary-text").inputValue();
  assert.doesNotMatch(text, /Acme/);
  assert.match(text, /Outcome: Call a locksmith/);
  await context.close();
});

test("offline, a page never kept falls back to the nearest one that was", async () => {
  const { context, page } = await keptGuide();
  await context.setOffline(true);
  const escalation = "keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";
  // The support summary of a path that ends in calling a professional.
  await page.goto(`${running.server.url}/guides/smart-lock/summary?${escalation}`);
  assert.match(await page.locator("#summary-text").inputValue(), /Outcome: Call a locksmith/);
  // Changing an answer: the step the answers lead to, as it was kept.
  await page.goto(`${running.server.url}/guides/smart-lock?keypad-lights=no&battery-fixed=no&change=keypad-lights`);
  assert.equal(await page.locator("#question").innerText(), "Does the physical key work?");
  // The contact form needs the network: the step it was asked from.
  await page.goto(`${running.server.url}/guides/smart-lock/contact?${escalation}`);
  assert.equal(await page.locator("#outcome").innerText(), "Call a locksmith");
  await context.close();
});

test("the offline list names every step of the flow and the full guide", async () => {
  const reply = await fetch(`${running.server.url}/guides/smart-lock/offline.json`);
  const { urls } = await reply.json();
  assert.ok(urls.length > 40, `${urls.length} addresses`);
  assert.equal(urls[0], "/guides/smart-lock/full", "the whole guide first: it alone walks every path");
  const summaries = urls.filter((url) => url.startsWith("/guides/smart-lock/summary?"));
  assert.ok(summaries.length > 0, "the summaries of paths to a professional");
  assert.ok(summaries.every((url) => !/fact-/.test(url)));
});

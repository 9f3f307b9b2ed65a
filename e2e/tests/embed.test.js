// A help center frames a guide (`serve --embed-origin`): the allowed site
// shows it and hears its height from the optional script; any other site
// is refused by the browser.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import { serverAndBrowser } from "../support.js";

/** A help center's page on its own origin, framing `src` as docs/web.md shows. */
async function helpCenter() {
  let src = "";
  const server = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html lang="en"><title>Help center</title>
<iframe id="unstuck" src="${src}" title="Smart lock troubleshooting" style="width:100%;border:0" height="400"></iframe>
<script>
window.heights = [];
addEventListener("message", (event) => {
  if (event.origin !== new URL(document.getElementById("unstuck").src).origin || event.data?.unstuck !== "height") return;
  document.getElementById("unstuck").height = event.data.height;
  window.heights.push(event.data.height);
});
</script>`);
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    frame: (url) => { src = url; },
    close: () => new Promise((done) => server.close(done)),
  };
}

const allowed = await helpCenter();
const other = await helpCenter();
const running = serverAndBrowser(["--embed-origin", allowed.url]);
const GUIDE = "/guides/smart-lock?keypad-lights=no&battery-fixed=no&key-works=no&alignment-fixed=no";

test("the allowed help center shows the guide and sizes the frame to it", async () => {
  allowed.frame(running.server.url + GUIDE);
  const page = await running.browser.newPage({ viewport: { width: 360, height: 640 } });
  await page.goto(allowed.url);
  const frame = page.frameLocator("#unstuck");
  await frame.getByRole("heading", { name: "Call a locksmith" }).waitFor();
  await page.waitForFunction(() => window.heights.length > 0);
  const height = await page.evaluate(() => Number(document.getElementById("unstuck").height));
  assert.ok(height > 640, `the frame grew to the page's height (${height})`);
  await page.close();
  await allowed.close();
});

test("another site cannot frame the guide", async () => {
  other.frame(running.server.url + GUIDE);
  const page = await running.browser.newPage();
  await page.goto(other.url, { waitUntil: "load" });
  const framed = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(framed, "a frame");
  const heading = await framed.locator("h2").count();
  assert.equal(heading, 0, "nothing of the guide is shown");
  assert.deepEqual(await page.evaluate(() => window.heights), []);
  await page.close();
  await other.close();
});

// Shared by the end-to-end tests and the screenshot script: start
// `unstuck serve` on a free port with a throwaway database, build a static
// site and serve it with a plain file server, and launch Debian's headless
// Chromium.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize, resolve } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "..");
/** The `unstuck` binary under test. */
export const BINARY = process.env.UNSTUCK_BIN ?? join(ROOT, "target", "debug", "unstuck");

/** A free TCP port on 127.0.0.1. */
async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Starts `unstuck serve`; resolves once it answers /healthz. */
export async function startServer(extraArgs = []) {
  const folder = mkdtempSync(join(tmpdir(), "unstuck-e2e-"));
  const database = join(folder, "e2e.db");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    BINARY,
    ["serve", "--addr", `127.0.0.1:${port}`, "--database", `sqlite://${database}?mode=rwc`, "--feedback-per-minute", "1000", "--events-per-minute", "100000", ...extraArgs],
    { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] },
  );
  let log = "";
  child.stderr.on("data", (chunk) => { log += chunk; });
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const reply = await fetch(`${url}/healthz`);
      if (reply.ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null) throw new Error(`unstuck serve exited:\n${log}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return {
    url,
    database,
    log: () => log,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((done) => child.once("exit", done));
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Runs `unstuck build` into a new temporary folder; returns the folder. */
export function buildSite(extraArgs = []) {
  const out = mkdtempSync(join(tmpdir(), "unstuck-site-"));
  execFileSync(BINARY, ["build", "--out", out, ...extraArgs], { cwd: ROOT, stdio: "pipe" });
  return out;
}

const TYPES = {
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * A plain static file server for `folder`, like any static host: files as
 * they are, `index.html` for a folder, 404 otherwise. Resolves to { url, close }.
 */
export async function serveFolder(folder) {
  const server = createHttpServer((request, response) => {
    let path = normalize(join(folder, decodeURIComponent(new URL(request.url, "http://x").pathname)));
    try {
      if (!path.startsWith(folder)) throw new Error("outside");
      if (statSync(path).isDirectory()) path = join(path, "index.html");
      const body = readFileSync(path);
      response.writeHead(200, { "content-type": TYPES[extname(path)] ?? "application/octet-stream" });
      response.end(body);
    } catch {
      response.writeHead(404, { "content-type": "text/plain" });
      response.end("not found");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/** Headless Chromium from Debian, with no background network traffic. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
}

/**
 * Starts a server (with `serverArgs`) and a browser before a test file's
 * tests, and stops both after them. Read `.server` and `.browser` inside tests.
 */
export function serverAndBrowser(serverArgs = [], setUp = async () => {}) {
  const running = {};
  before(async () => {
    running.server = await startServer(serverArgs);
    running.browser = await launchBrowser();
    await setUp(running.server);
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

/**
 * Builds a static site (with `buildArgs`) and serves it with a plain file
 * server before a test file's tests; removes both after them. Read
 * `.folder` and `.server` inside tests.
 */
export function servedSite(buildArgs = []) {
  const site = {};
  before(async () => {
    site.folder = buildSite(buildArgs);
    site.server = await serveFolder(site.folder);
  });
  after(async () => {
    await site.server?.close();
    if (site.folder) rmSync(site.folder, { recursive: true, force: true });
  });
  return site;
}

/** Every path of a guide's tree, from its compiled model: { answers: [[prompt, label]…], outcome }. */
export function pathsOf(guide) {
  const questions = new Map(guide.questions.map((q) => [q.id, q]));
  const outcomes = new Map(guide.outcomes.map((o) => [o.id, o]));
  const paths = [];
  const walk = (id, answers) => {
    if (outcomes.has(id)) return paths.push({ answers, outcome: outcomes.get(id).title });
    for (const answer of questions.get(id).answers) walk(answer.next, [...answers, [questions.get(id).prompt, answer.label]]);
  };
  walk(guide.start, []);
  return paths;
}

/** The name of the service worker's cache (see crates/web/assets/sw.js). */
export const OFFLINE_CACHE = "unstuck-pages-v3";

/** The addresses the service worker keeps in its cache, seen from `page`. */
export async function keptAddresses(page) {
  return page.evaluate(async (name) => {
    const cache = await caches.open(name);
    return (await cache.keys()).map((request) => request.url);
  }, OFFLINE_CACHE);
}

/** Waits until the service worker has kept every page of `guide` for offline use (a minute at most). */
export async function waitUntilKept(page, guide) {
  const kept = async () => (await keptAddresses(page)).some((url) => url.includes(`/offline-marker/${guide}/`));
  for (let attempt = 0; !(await kept()); attempt++) {
    if (attempt >= 240) throw new Error(`${guide} was not kept for offline use within a minute`);
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

/**
 * Follows a path of `pathsOf` on `page`: at each step acknowledges a
 * caution if asked (the control `kind` is "button" served, "link" static),
 * checks the prompt (`question(page)` locates it), then answers with
 * `answer(page, label)`. `understood` names the caution's control (it
 * differs by language).
 */
export async function followPath(page, answers, kind, answer, question = (page) => page.locator("#question"), understood = "I understand — show the step") {
  for (const [prompt, label] of answers) {
    const acknowledge = page.getByRole(kind, { name: understood });
    if (await acknowledge.count()) await acknowledge.click();
    const shown = await question(page).innerText();
    if (shown !== prompt) throw new Error(`expected the question “${prompt}”, the page asks “${shown}”`);
    await answer(page, label);
  }
}

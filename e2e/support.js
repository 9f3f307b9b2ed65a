// Shared by the end-to-end tests and the screenshot script: start
// `unstuck serve` on a free port with a throwaway database, and launch
// Debian's headless Chromium.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "..");
const BINARY = process.env.UNSTUCK_BIN ?? join(ROOT, "target", "debug", "unstuck");

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
    ["serve", "--addr", `127.0.0.1:${port}`, "--database", `sqlite://${database}?mode=rwc`, "--feedback-per-minute", "1000", ...extraArgs],
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

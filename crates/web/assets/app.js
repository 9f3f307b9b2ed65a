// Optional enhancements. Every page works without this file.
"use strict";
// The site's root, wherever it is served from (or a folder on disk).
const root = new URL("../", document.currentScript.src);
for (const button of document.querySelectorAll("[data-copy]")) {
  const source = document.getElementById(button.dataset.copy);
  if (!source) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(source.value || source.textContent);
    } catch {
      source.select();
      document.execCommand("copy");
    }
    button.textContent = "Copied";
    if (location.pathname.endsWith("/summary")) {
      const events = location.pathname.replace(/\/summary$/, "/events");
      navigator.sendBeacon?.(events, new URLSearchParams({ kind: "summary-copied" }));
    }
    setTimeout(() => { button.textContent = button.dataset.label; }, 2500);
  });
}
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
// A static site's summary: the text is edited in place; download and print what was typed.
for (const link of document.querySelectorAll("a[data-download]")) {
  const source = document.getElementById(link.dataset.download);
  link.addEventListener("click", () => {
    URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([source.value], { type: "text/plain" }));
  });
}
for (const source of document.querySelectorAll("[data-print-into]")) {
  const copy = document.getElementById(source.dataset.printInto);
  source.addEventListener("input", () => { copy.textContent = source.value; });
}
// A static site's catalog: filter the guides as you type (no server to search).
for (const box of document.querySelectorAll("[data-filter]")) {
  const items = [...document.getElementById(box.dataset.filter).children];
  box.hidden = false;
  box.querySelector("input").addEventListener("input", (event) => {
    const words = event.target.value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const item of items) {
      const text = item.textContent.toLowerCase();
      item.hidden = !words.every((word) => text.includes(word));
    }
  });
}
if ("serviceWorker" in navigator && root.protocol !== "file:") {
  navigator.serviceWorker.register(new URL("sw.js", root)).catch(() => {});
  // On a first visit the page loaded before the worker: ask it to keep this guide.
  navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage({ keep: location.href }));
}
// Watch mode (`unstuck serve --watch`): reload when the guides change.
if (document.documentElement.hasAttribute("data-live-reload")) {
  (async () => {
    let seen = null;
    for (;;) {
      try {
        const reply = await fetch(new URL(`__live?v=${seen ?? ""}`, root), { cache: "no-store" });
        const version = await reply.text();
        if (seen !== null && version !== seen) location.reload();
        seen = version;
      } catch {
        await new Promise((wait) => setTimeout(wait, 1000));
      }
    }
  })();
}

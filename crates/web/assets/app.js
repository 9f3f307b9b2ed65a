// Optional enhancements. Every page works without this file.
"use strict";
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
    const events = location.pathname.replace(/\/summary$/, "/events");
    navigator.sendBeacon?.(events, new URLSearchParams({ kind: "summary-copied" }));
    setTimeout(() => { button.textContent = button.dataset.label; }, 2500);
  });
}
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch(() => {});
  // On a first visit the page loaded before the worker: ask it to keep this guide.
  navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage({ keep: location.pathname }));
}
// Watch mode (`unstuck serve --watch`): reload when the guides change.
if (document.documentElement.hasAttribute("data-live-reload")) {
  (async () => {
    let seen = null;
    for (;;) {
      try {
        const reply = await fetch(`/__live?v=${seen ?? ""}`, { cache: "no-store" });
        const version = await reply.text();
        if (seen !== null && version !== seen) location.reload();
        seen = version;
      } catch {
        await new Promise((wait) => setTimeout(wait, 1000));
      }
    }
  })();
}

// Offline: every page fetched is kept; the first visit to a guide also
// fetches every step of its flow, so the whole guide opens again with no
// network. Pages are tried on the network first, the cache when it fails,
// and a page never kept falls back to the nearest one that was.
// What the server marks `no-store` or `private`, and any address carrying
// what a person typed (`fact-…`), is never kept.
"use strict";
const CACHE = "unstuck-pages-v3";

self.addEventListener("install", () => self.skipWaiting());
// Earlier workers' caches go: v1 kept support summaries with typed text,
// v2 a static page once per path.
self.addEventListener("activate", (event) => event.waitUntil((async () => {
  for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
  await self.clients.claim();
})()));

/** One key per state, whatever the order of the parameters. A static
 * site's page (`….html`) is the same file whatever its query (the path the
 * page's script shows), so its key has none. */
function key(address) {
  const url = new URL(address);
  const pairs = [...url.searchParams].sort(([a, x], [b, y]) => (a + "=" + x < b + "=" + y ? -1 : 1));
  url.search = url.pathname.endsWith(".html") ? "" : new URLSearchParams(pairs).toString();
  url.hash = "";
  return url.href;
}

/** Whether a response may be kept: a success the server lets caches store,
 * for an address that holds nothing a person typed. */
function keepable(address, response) {
  if (!response.ok) return false;
  if (/(^|,)\s*(no-store|private)\s*(,|$)/i.test(response.headers.get("cache-control") ?? "")) return false;
  return ![...new URL(address).searchParams.keys()].some((name) => name.startsWith("fact-"));
}

/** Fetches and keeps `urls`, once per `marker`. */
async function keepAll(urls, marker, cache) {
  if (await cache.match(marker)) return;
  for (let start = 0; start < urls.length; start += 6) {
    await Promise.all(urls.slice(start, start + 6).map(async (address) => {
      const response = await fetch(address, { headers: { "x-unstuck-prefetch": "1" } });
      if (keepable(address, response)) await cache.put(key(address), response);
    }));
  }
  await cache.put(marker, new Response("kept"));
}

/** Fetches and keeps every step of a served guide, once per guide version. */
async function keepGuide(guide, cache) {
  const list = new URL(`${guide.folder}guides/${guide.id}/offline.json`, self.registration.scope);
  const reply = await fetch(list, { headers: { "x-unstuck-prefetch": "1" } });
  if (!reply.ok) return;
  const { version, urls } = await reply.json();
  const marker = new URL(`offline-marker/${guide.folder}${guide.id}/${version}`, self.registration.scope);
  await keepAll(urls.map((url) => new URL(url, list).href), marker, cache);
}

/** A URL's path below the worker's scope (the site's root), if it is below. */
function below(address) {
  const scope = self.registration.scope;
  return address.startsWith(scope) ? address.slice(scope.length).split(/[?#]/)[0] : undefined;
}

/**
 * The guide a page belongs to, in its language: served `guides/ID…` or
 * `de/guides/ID…`, static `guides/ID.html` or `de/guides/ID.html`, as
 * { folder: "" or "de/", id }.
 */
const guideOf = (address) => {
  const found = below(address)?.match(/^((?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*\/)?)guides\/([a-z0-9-]+)(?:\/|\.html$|$)/);
  return found ? { folder: found[1], id: found[2] } : undefined;
};

/**
 * Where to send a person who is offline, in order, when the page they
 * asked for was never kept: the same state without what only a visit
 * adds (a change being made, a note of what changed, what they typed);
 * for a summary or the contact form, the step they came from; then the
 * whole guide on one page, which walks every path by itself.
 */
function fallbacks(url) {
  const guide = guideOf(url.href);
  if (!guide || url.pathname.endsWith(".html")) return [];
  const state = new URL(url.href);
  for (const name of [...state.searchParams.keys()]) {
    if (["change", "was", "sent"].includes(name) || name.startsWith("fact-")) state.searchParams.delete(name);
  }
  const root = new URL(`${guide.folder}guides/${guide.id}`, self.registration.scope);
  const step = new URL(root.href);
  step.search = state.search;
  return [state.href, step.href, `${root.href}/full`];
}

// A page asks to keep its guide: a served guide's steps come from its
// offline list; a static guide's page is the whole guide and names its files.
self.addEventListener("message", (event) => {
  const guide = guideOf(String(event.data?.keep ?? ""));
  if (!guide) return;
  const urls = Array.isArray(event.data.urls) ? event.data.urls.map(String).filter((url) => below(url) !== undefined) : null;
  const marker = new URL(`offline-marker/${guide.folder}${guide.id}/static`, self.registration.scope);
  event.waitUntil(caches.open(CACHE)
    .then((cache) => (urls ? keepAll(urls, marker, cache) : keepGuide(guide, cache)))
    .catch(() => {}));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  const path = below(url.href);
  if (request.method !== "GET" || path === undefined) return;
  if (/^(admin|api|metrics|healthz|__live)/.test(path)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    try {
      const response = await fetch(request);
      if (keepable(request.url, response)) {
        await cache.put(key(request.url), response.clone());
        const guide = path.endsWith(".html") ? undefined : guideOf(url.href);
        if (guide) event.waitUntil(keepGuide(guide, cache).catch(() => {}));
      } else if (response.ok) {
        await cache.delete(key(request.url));
      }
      return response;
    } catch (error) {
      const tried = request.mode === "navigate" ? [request.url, ...fallbacks(url)] : [request.url];
      for (const address of tried) {
        const kept = await cache.match(key(address), { ignoreVary: true });
        if (kept) return kept;
      }
      throw error;
    }
  })());
});

// Optional enhancements. Every page works without this file.
"use strict";
// The site's root, wherever it is served from (or a folder on disk).
const root = new URL("../", document.currentScript.src);
// What a page says and shows where this script runs, in place of what it
// says without it (the summary's Copy and Print, for one).
for (const shown of document.querySelectorAll("[data-with-script]")) shown.hidden = false;
for (const left of document.querySelectorAll("[data-without-script]")) left.hidden = true;
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
    button.textContent = button.dataset.copied;
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
// A reader whose browser prefers a language this guide also comes in is
// offered it, in that language, unless they once chose a language here.
const switcher = document.querySelectorAll("nav.languages a[hreflang]");
const remembered = () => { try { return localStorage.getItem("unstuck-language"); } catch { return null; } };
/** Following `link` chooses its language: no offer after that. */
const remember = (link) => link.addEventListener("click", () => {
  try { localStorage.setItem("unstuck-language", link.hreflang); } catch { /* no storage */ }
});
switcher.forEach(remember);
const main = document.querySelector("main");
if (main && /\/guides\//.test(location.pathname) && !remembered()) {
  const primary = (tag) => tag.toLowerCase().split("-")[0];
  const offers = [...switcher].filter((link) => link.dataset.offer);
  for (const wanted of navigator.languages ?? []) {
    if (primary(wanted) === primary(document.documentElement.lang)) break;
    const offer = offers.find((link) => link.hreflang.toLowerCase() === wanted.toLowerCase())
      ?? offers.find((link) => primary(link.hreflang) === primary(wanted));
    if (!offer) continue;
    const note = document.createElement("p");
    note.className = "notice links";
    note.lang = offer.hreflang;
    note.dir = "auto";
    const link = note.appendChild(document.createElement("a"));
    link.href = offer.getAttribute("href");
    link.hreflang = offer.hreflang;
    link.textContent = offer.dataset.offer;
    remember(link);
    main.prepend(note);
    break;
  }
}
// A summary's copy to print follows its text, however the text changes
// (typed, or written by this script: it then sends an "input" event).
for (const source of document.querySelectorAll("[data-print-into]")) {
  const copy = document.getElementById(source.dataset.printInto);
  source.addEventListener("input", () => { copy.textContent = source.value; });
}
// A served summary: the server wrote the text from the form's fields as
// sent; each field's line ("Label: value") follows what is typed, so Copy
// and Print take what the person sees. The text is cut once around those
// lines; a field whose line is not there is left to "Update summary".
for (const box of document.querySelectorAll("textarea[data-facts-from]")) {
  const blank = (value) => value.trim() || "____";
  const fields = [];
  const pieces = [];
  let rest = box.value;
  for (const field of document.getElementById(box.dataset.factsFrom).querySelectorAll("[name^='fact-']")) {
    const label = `${field.labels[0]?.textContent}: `;
    const served = blank(field.defaultValue);
    const at = rest.indexOf(`${label}${served}\n`);
    if (at < 0) continue;
    pieces.push(rest.slice(0, at + label.length));
    rest = rest.slice(at + label.length + served.length);
    fields.push(field);
  }
  const write = () => {
    box.value = fields.map((field, n) => pieces[n] + blank(field.value)).join("") + rest;
    box.dispatchEvent(new Event("input"));
  };
  for (const field of fields) field.addEventListener("input", write);
  // A page the browser brought back keeps what was typed in the fields.
  write();
}
// A static site's guide page: a section per step, shown by the address's
// fragment, the same whatever path led to it. The path rides in the query
// of the links followed (QUESTION=ANSWER, in order); checked against the
// guide (#guide-data), it shows the answers so far with their Change links,
// the step number, and the answers in the support summary.
const data = document.getElementById("guide-data");
if (data) {
  const guide = JSON.parse(data.textContent);
  const words = guide.words;
  // A message with its {n}, {heading}, {guide}, {question} filled in.
  const say = (template, values) => template.replace(/\{(\w+)\}/g, (all, key) => (Object.hasOwn(values, key) ? values[key] : all));
  const title = document.title;
  const own = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined);
  const answerOf = ([q, a]) => own(own(guide.questions, q)?.answers ?? {}, a);
  const query = (path) => (path.length ? "?" + path.map(([q, a]) => `${q}=${a}`).join("&") : "");
  const carry = (link, path) => {
    const [file, hash] = link.getAttribute("href").split("#");
    link.href = file.split("?")[0] + query(path) + (hash === undefined ? "" : `#${hash}`);
  };
  const element = (name, text, className) => {
    const made = document.createElement(name);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  };
  const show = () => {
    // The same step, with the same answers, in another language.
    for (const link of document.querySelectorAll("nav.languages a[hreflang]")) {
      link.href = link.getAttribute("href").split(/[?#]/)[0] + location.search + location.hash;
    }
    const named = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const section = named?.closest(".step-page") ?? document.querySelector(".step-page");
    const place = section?.querySelector("[data-path]");
    if (!place) return;
    const steps = [];
    for (const step of new URLSearchParams(location.search)) {
      const previous = steps.at(-1);
      if (!answerOf(step) || (previous && answerOf(previous).next !== step[0])) { steps.length = 0; break; }
      steps.push(step);
    }
    if (steps.length && answerOf(steps.at(-1)).next !== place.dataset.path) steps.length = 0;
    for (const link of section.querySelectorAll("a[data-path-link]")) carry(link, steps);
    for (const link of section.querySelectorAll("a[data-step]")) carry(link, [...steps, link.dataset.step.split("=")]);
    // Built with --server: the server's contact page gets the path, and
    // feedback the path and this page's address to come back to.
    if (steps.length) for (const link of section.querySelectorAll("a[data-server-link]")) carry(link, steps);
    for (const form of section.querySelectorAll("form[data-server]")) {
      if (steps.length) form.elements.state.value = query(steps).slice(1);
      form.elements.back.value = location.href;
    }
    // The support summary's facts, from the answers (as the server's Summary).
    const tried = [];
    const filled = new Map();
    for (const step of steps) {
      const question = guide.questions[step[0]];
      if (question.section && !tried.includes(question.section)) tried.push(question.section);
      for (const fact of question.fills) filled.set(fact, answerOf(step).label);
    }
    const facts = guide.facts.map((fact) => ({
      label: fact.label,
      value: fact.steps ? (tried.length ? tried.join("; ") : null) : filled.get(fact.id) ?? null,
    }));
    section.querySelectorAll("dl.results dd").forEach((value, n) => {
      if (facts[n]?.value) value.textContent = facts[n].value;
    });
    const label = section.querySelector("[data-step-label]");
    const heading = section.querySelector("h2")?.textContent;
    const shown = { n: steps.length + 1, heading, guide: title };
    document.title = say(label ? words.stepTitle : words.headingTitle, shown);
    if (label) {
      label.textContent = say(words.step, shown);
      label.hidden = false;
    }
    const list = place.querySelector("ol");
    list.replaceChildren();
    place.hidden = !steps.length;
    if (!steps.length) return;
    if (place.hasAttribute("data-answers-given")) {
      let text = `${words.summary}: ${guide.title}\n${words.outcome} ${own(guide.outcomes, place.dataset.path)}\n\n`;
      for (const fact of facts) text += `${fact.label}: ${fact.value ?? "____"}\n`;
      text += `\n${words.answersGiven}:\n`;
      for (const step of steps) {
        text += `- ${guide.questions[step[0]].prompt} ${answerOf(step).label}\n`;
        const item = element("li", `${guide.questions[step[0]].prompt} `);
        item.append(element("strong", answerOf(step).label));
        list.append(item);
      }
      const box = section.querySelector("textarea");
      box.value = text;
      box.dispatchEvent(new Event("input"));
      return;
    }
    const page = (q) => `#${place.dataset.ask.replace("{}", q)}`;
    steps.forEach((step, n) => {
      const prompt = guide.questions[step[0]].prompt;
      const change = element("a", words.change);
      change.href = `${query(steps.slice(0, n)) || "?"}${page(step[0])}`;
      change.setAttribute("aria-label", say(words.changeAria, { question: prompt }));
      const item = element("li");
      item.append(element("span", prompt, "q"), element("span", answerOf(step).label, "a"), change);
      list.append(item);
    });
    const back = section.querySelector("[data-back]");
    if (back) {
      back.href = `${query(steps.slice(0, -1)) || "?"}${page(steps.at(-1)[0])}`;
      back.parentElement.hidden = false;
    }
  };
  show();
  addEventListener("hashchange", show);
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
  // On a first visit the page loaded before the worker: ask it to keep this
  // guide (a static guide's page is the whole guide: it names its own files).
  const guideFiles = data && [location.href, new URL("index.html", root).href]
    .concat([...document.querySelectorAll("link[rel=stylesheet], script[src]")].map((file) => file.href || file.src));
  navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage({ keep: location.href, urls: guideFiles }));
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
// In a help center's frame (`serve --embed-origin`): tell the parent page
// how tall this page is, whenever that changes, so it can size the frame.
if (window.parent !== window && "ResizeObserver" in window) {
  const tell = () => window.parent.postMessage({ unstuck: "height", height: document.documentElement.scrollHeight }, "*");
  new ResizeObserver(tell).observe(document.documentElement);
}

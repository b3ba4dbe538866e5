/**
 * The boot module: finds every island the server rendered, loads its module
 * and hydrates it with the props from its JSON data block. A file, not an
 * inline script, so the page's CSP can forbid inline scripts.
 *
 * The server writes each island as
 * `<div data-island-root>…</div><script type="application/json"
 * data-island="Name" data-src="/build/Name-HASH.js">{props}</script>`.
 * With `data-hydrate="visible"` (islands below the
 * fold) the module is loaded only when the island comes into the viewport
 * or is used (focus, pointer, key), whichever comes first.
 *
 * @module
 */

import { type ComponentType, h, hydrate } from "preact";

type IslandModule = Record<string, ComponentType<Record<string, unknown>>>;

async function hydrateIsland(
  data: HTMLScriptElement,
  root: HTMLElement,
): Promise<void> {
  const name = data.dataset.island ?? "";
  const props = JSON.parse(data.textContent ?? "{}") as Record<string, unknown>;
  const module = await import(data.dataset.src ?? "") as IslandModule;
  const component = module[name];
  if (component) hydrate(h(component, props), root);
}

const USE_EVENTS = ["focusin", "pointerdown", "keydown"] as const;

function whenNeeded(root: HTMLElement, start: () => void): void {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    observer?.disconnect();
    for (const type of USE_EVENTS) root.removeEventListener(type, once);
    start();
  };
  const observer = typeof IntersectionObserver === "function"
    ? new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) once();
      },
      { rootMargin: "0px" },
    )
    : undefined;
  observer?.observe(root);
  for (const type of USE_EVENTS) root.addEventListener(type, once);
  if (!observer) once();
}

// No top-level await: the islands share chunks with this module, so it
// must finish evaluating before their imports can.
for (
  const data of document.querySelectorAll<HTMLScriptElement>(
    'script[type="application/json"][data-island]',
  )
) {
  const root = data.previousElementSibling;
  if (!(root instanceof HTMLElement) || !data.dataset.src) continue;
  const start = () =>
    hydrateIsland(data, root).catch((error) => console.error(error));
  if (data.dataset.hydrate === "visible") whenNeeded(root, start);
  else start();
}

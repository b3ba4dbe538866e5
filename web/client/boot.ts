/**
 * The boot module: finds every island the server rendered, loads its module
 * and hydrates it with the props from its JSON data block. A file, not an
 * inline script, so the page's CSP can forbid inline scripts.
 *
 * The server writes each island as
 * `<div data-island-root>…</div><script type="application/json"
 * data-island="Name" data-src="/build/Name-HASH.js">{props}</script>`.
 *
 * @module
 */

import { type ComponentType, h, hydrate } from "preact";

async function hydrateIsland(data: HTMLScriptElement): Promise<void> {
  const name = data.dataset.island;
  const src = data.dataset.src;
  const root = data.previousElementSibling;
  if (!name || !src || !(root instanceof HTMLElement)) return;
  const props = JSON.parse(data.textContent ?? "{}") as Record<string, unknown>;
  const module = await import(src) as Record<
    string,
    ComponentType<Record<string, unknown>>
  >;
  const component = module[name];
  if (component) hydrate(h(component, props), root);
}

// No top-level await: the islands import this module (it carries Preact for
// them), so it must finish evaluating before their imports can.
for (
  const data of document.querySelectorAll<HTMLScriptElement>(
    'script[type="application/json"][data-island]',
  )
) {
  hydrateIsland(data).catch((error) => console.error(error));
}

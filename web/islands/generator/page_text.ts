/**
 * Puts a preset's heading, title, description and canonical URL on the
 * page when the generator's preset changes. A module of its own, loaded
 * with `import()` on the first change together with the wording
 * (`site.ts`): the first load does not need either, the server wrote them.
 *
 * @module
 */

import {
  canonicalPath,
  pageDescription,
  pageHeading,
  pageTitle,
  type PresetTitleSource,
} from "../../site.ts";

/**
 * Writes the page's title, heading, description and canonical URL for a
 * preset, or for the home page.
 *
 * @param preset The preset now chosen, or `undefined` for none.
 */
export function showPageText(preset: PresetTitleSource | undefined): void {
  document.title = pageTitle(preset);
  const heading = document.querySelector("h1");
  if (heading) heading.textContent = pageHeading(preset);
  document.querySelector('meta[name="description"]')?.setAttribute(
    "content",
    pageDescription(preset),
  );
  const canonical = document.querySelector<HTMLLinkElement>(
    'link[rel="canonical"]',
  );
  if (canonical) {
    canonical.href = new URL(canonicalPath(preset), canonical.href).href;
  }
}

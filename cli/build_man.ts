/**
 * Writes the man page `cli/keymint.1` from the help texts: `deno task man`.
 * `deno task man --check` only compares, and exits 1 when the page is
 * stale.
 *
 * @module
 */

import { helpTexts } from "./run.ts";
import { VERSION } from "./version.ts";
import { manPage } from "./_man.ts";

/** Where the page lives. */
export const MAN_PAGE = new URL("./keymint.1", import.meta.url);

/**
 * The man page as `deno task man` writes it.
 *
 * @returns The page text.
 */
export async function renderManPage(): Promise<string> {
  const { main, commands } = await helpTexts();
  return manPage(VERSION, main, commands);
}

if (import.meta.main) {
  const page = await renderManPage();
  if (Deno.args.includes("--check")) {
    const current = await Deno.readTextFile(MAN_PAGE).catch(() => "");
    if (current !== page) {
      console.error("cli/keymint.1 is stale: run deno task man");
      Deno.exit(1);
    }
  } else {
    await Deno.writeTextFile(MAN_PAGE, page);
    console.error("wrote cli/keymint.1");
  }
}

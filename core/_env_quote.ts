/**
 * The quoting rule of a `.env` line, shared by every face that writes one
 * (`keymint --env`, `--write`, the page's `.env` download).
 *
 * @module
 */

/** Characters that need no quote in dotenv parsers or shells. */
const PLAIN = /^[A-Za-z0-9_+\/=:.,@%-]*$/;

/**
 * The quote a `.env` line needs for values drawn from `characters`: none
 * for plain ones, `'` when shells or dotenv parsers would read something
 * into them, `"` if `'` itself occurs (and nothing that `"` would expand),
 * `undefined` when neither is safe.
 *
 * @param characters Every character the value may hold (its alphabet).
 * @returns `""`, `"'"`, `'"'`, or `undefined` when no quoting is safe.
 *
 * @example
 * ```ts
 * import { quoteForEnv } from "@keymint/core/faces";
 * import assert from "node:assert/strict";
 *
 * assert.equal(quoteForEnv("0123456789abcdef"), "");
 * assert.equal(quoteForEnv("a-z0-9!@#$%^&*(-_=+)"), "'");
 * assert.equal(quoteForEnv("it's"), '"');
 * assert.equal(quoteForEnv("'$"), undefined);
 * ```
 */
export function quoteForEnv(characters: string): string | undefined {
  if (PLAIN.test(characters)) return "";
  if (!/['\r\n]/.test(characters)) return "'";
  if (!/["$`\\!\r\n]/.test(characters)) return '"';
  return undefined;
}

/**
 * Reading keys that arrive as text.
 *
 * @module
 */

/**
 * Drops one trailing newline (`\n` or `\r\n`) and nothing else, so that
 * `echo "$KEY"` and `printf %s "$KEY"` give the same key.
 *
 * @param text The text as read, for example from standard input.
 * @returns The text without one trailing line ending.
 *
 * @example
 * ```ts
 * import { stripTrailingNewline } from "@keymint/core/faces";
 * import assert from "node:assert/strict";
 *
 * assert.equal(stripTrailingNewline("abc\r\n"), "abc");
 * assert.equal(stripTrailingNewline("abc\n\n"), "abc\n");
 * assert.equal(stripTrailingNewline(" abc "), " abc ");
 * ```
 */
export function stripTrailingNewline(text: string): string {
  if (text.endsWith("\r\n")) return text.slice(0, -2);
  if (text.endsWith("\n")) return text.slice(0, -1);
  return text;
}

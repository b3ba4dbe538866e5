/**
 * The input-error test and the quoting rule for messages, shared by core and
 * re-exported for faces from `faces.ts`.
 *
 * @module
 */

/**
 * Whether `error` is one the user's input caused: core throws `TypeError`
 * for a value of the wrong type or options that conflict, `RangeError` for
 * a value out of bounds and `SyntaxError` for text it cannot parse. A face
 * shows these as a usage error (exit 2, HTTP 400); anything else is a fault.
 *
 * @param error What was thrown.
 * @returns True for a `TypeError`, `RangeError` or `SyntaxError`.
 *
 * @example
 * ```ts
 * import { isInputError } from "@keymint/core/faces";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isInputError(new RangeError("bits")), true);
 * assert.equal(isInputError(new Error("disk full")), false);
 * assert.equal(isInputError("text"), false);
 * ```
 */
export function isInputError(error: unknown): error is Error {
  return error instanceof TypeError || error instanceof RangeError ||
    error instanceof SyntaxError;
}

/** How many characters of a user's value a message shows. */
const QUOTE_CHARS = 12;

/**
 * Quotes a user's value for a message, the one rule every face and core
 * follow: at most 12 characters (code points, so no pair is split) and
 * `...` when there were more, JSON-quoted, with C1 controls escaped too,
 * so no control character reaches a terminal or a log. It reads at most
 * 13 characters of the value, so a 10 MB argument costs what a short one
 * does; a key pasted by mistake shows no more than 12 characters.
 *
 * @param value Any value; non-strings are converted with `String`.
 * @returns The quoted text, such as `"ghp_01234567..."`.
 *
 * @example
 * ```ts
 * import { quoteValue } from "@keymint/core/faces";
 * import assert from "node:assert/strict";
 *
 * assert.equal(quoteValue("hexx"), '"hexx"');
 * assert.equal(quoteValue("k".repeat(100_000)), `"${"k".repeat(12)}..."`);
 * assert.equal(quoteValue("a\u001b[2J"), '"a\\u001b[2J"');
 * assert.equal(quoteValue(42), '"42"');
 * ```
 */
export function quoteValue(value: unknown): string {
  let cut = "";
  let chars = 0;
  for (const char of describe(value)) {
    if (chars++ === QUOTE_CHARS) {
      cut += "...";
      break;
    }
    cut += char;
  }
  // DEL and the C1 controls, which JSON leaves as they are.
  return JSON.stringify(cut).replace(
    /[\x7f-\x9f]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** `String(value)`, or its type when it has no string form. */
function describe(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return String(value);
  } catch {
    return typeof value;
  }
}

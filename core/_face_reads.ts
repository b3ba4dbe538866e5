/**
 * The option readers faces use, for `@keymint/core/faces`.
 *
 * @module
 */

import { formatRow } from "./format.ts";
import type { LooseKeyOptions } from "./options.ts";
import { presetRow } from "./preset.ts";
import { didYouMean } from "./suggest.ts";

export { defaultFormat, KEY_OPTION_NAMES, readFlag } from "./_read.ts";

/**
 * Checks the preset and format names a face's user typed, refusing an
 * unknown one with a "did you mean" suggestion. The library's own message
 * (from `parseKeySpec`) lists the valid names without guessing; a face
 * calls this first to add the guess.
 *
 * @param options Loose key options, as the face will pass them on.
 * @throws {RangeError} For an unknown preset or format name.
 *
 * @example
 * ```ts
 * import { checkKeyNames } from "@keymint/core/faces";
 * import assert from "node:assert/strict";
 *
 * checkKeyNames({ format: "base62", preset: "laravel" });
 * assert.throws(() => checkKeyNames({ format: "hexx" }), /did you mean "hex"/);
 * ```
 */
export function checkKeyNames(options: LooseKeyOptions): void {
  if (typeof options.preset === "string") {
    presetRow(options.preset, didYouMean);
  }
  if (typeof options.format === "string" && options.format !== "") {
    formatRow(options.format, didYouMean);
  }
}

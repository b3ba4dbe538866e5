/**
 * Helpers for building a face on keymint (a command line, an HTTP API, a
 * page): which errors are the user's, how a user's value is quoted back,
 * and the small readers the faces share. A library user who only makes,
 * hashes or checks keys does not need this entry.
 *
 * @example Turn a core error into a user message
 * ```ts
 * import { parseKeySpec } from "@keymint/core";
 * import { isInputError, quoteValue } from "@keymint/core/faces";
 * import assert from "node:assert/strict";
 *
 * try {
 *   parseKeySpec({ format: "hexx" });
 *   assert.fail("expected an error");
 * } catch (error) {
 *   assert.ok(isInputError(error));
 * }
 * assert.equal(quoteValue("ghp_0123456789abcdef"), '"ghp_01234567..."');
 * ```
 *
 * @module
 */

export { isInputError, quoteValue } from "./_quote.ts";
export { quoteForEnv } from "./_env_quote.ts";
export { didYouMean } from "./suggest.ts";
export { defaultFormat, readFlag } from "./_read.ts";
export { KEY_OPTION_NAMES } from "./spec.ts";
export { stripTrailingNewline } from "./text.ts";

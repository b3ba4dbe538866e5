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

// Whole-module re-exports, each module exporting exactly the names this
// entry documents (tests/core/faces_test.ts lists them): with named
// re-exports esbuild counted every island that imports this entry as
// reaching spec.ts, and split the page generator's core code into two
// chunks (194 B more gzip on the first load of the page).
export * from "./_quote.ts";
export * from "./_env_quote.ts";
export * from "./suggest.ts";
export * from "./_face_reads.ts";
export * from "./text.ts";

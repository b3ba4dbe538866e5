/**
 * `GET /api/v1/rules?prefix=P`: the scanner rules for one key shape, as
 * JSON. The query goes to the core's validator; the rules come from core.
 *
 * @module
 */

import { parseKeySpec, rulesDocument, rulesFor } from "@keymint/core";
import { checkKeyNames, isInputError } from "@keymint/core/faces";
import { queryOf, queryOptions } from "./_query.ts";

const RULES_PARAMETERS: ReadonlySet<string> = new Set([
  "prefix",
  "format",
  "bits",
  "length",
  "alphabet",
  "checksum",
]);

/**
 * Answers a rules request.
 *
 * @param url The request URL (only its query is read).
 * @returns The status and the JSON body: the rules document, or `{error}`.
 */
export function rulesAnswer(url: string): { status: number; body: string } {
  const query = new URLSearchParams(queryOf(url));
  try {
    const options = queryOptions(query, RULES_PARAMETERS);
    if (!options.prefix) {
      throw new TypeError("Cannot make rules: the prefix parameter is missing");
    }
    checkKeyNames(options);
    const doc = rulesDocument(
      rulesFor(parseKeySpec({ ...options, allowWeak: true })),
    );
    return { status: 200, body: JSON.stringify(doc) };
  } catch (caught) {
    if (isInputError(caught)) {
      return { status: 400, body: JSON.stringify({ error: caught.message }) };
    }
    throw caught;
  }
}

/**
 * "Did you mean" suggestions for mistyped names.
 *
 * @module
 */

/**
 * Suggests the closest of `candidates` to a mistyped `input`.
 *
 * @param input What the user typed.
 * @param candidates The accepted names.
 * @returns `, did you mean "x"?` when one candidate is within two edits of
 * `input`, else an empty string, ready to append to an error message.
 *
 * @example A typo
 * ```ts
 * import { didYouMean } from "@keymint/core/faces";
 * import assert from "node:assert/strict";
 *
 * assert.equal(didYouMean("hexx", ["hex", "base64"]), ', did you mean "hex"?');
 * assert.equal(didYouMean("zzzzzz", ["hex"]), "");
 * ```
 */
export function didYouMean(
  input: string,
  candidates: readonly string[],
): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const distance = editDistance(input, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? "" : `, did you mean "${best}"?`;
}

/** Levenshtein distance, keeping two rows at a time. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 0; i < a.length; i++) {
    const next = [i + 1];
    for (let j = 0; j < b.length; j++) {
      next.push(Math.min(
        row[j + 1]! + 1,
        next[j]! + 1,
        row[j]! + (a[i] === b[j] ? 0 : 1),
      ));
    }
    row = next;
  }
  return row[b.length]!;
}

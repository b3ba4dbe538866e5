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

/** Levenshtein distance, two rows at a time. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(
        previous[j]! + 1,
        current[j - 1]! + 1,
        substitution,
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Reading structured keys: `{prefix}_{body}{checksum}`.
 *
 * @module
 */

import { checksumOf } from "./checksum.ts";

/** A key split into its parts. */
export interface StructuredKey {
  /** The prefix, without its `_` separator. */
  prefix: string;
  /** The random part. */
  body: string;
  /** The last six characters when they look like a checksum, else undefined. */
  checksum: string | undefined;
  /**
   * Whether the checksum matches the body; undefined when the key carries no
   * recognisable checksum.
   */
  valid: boolean | undefined;
}

const PREFIX = /^[a-z][a-z0-9_]{0,31}$/;
const CHECKSUM = /^[0-9A-Za-z]{6}$/;

/**
 * Splits a structured key at its last `_` (bodies never contain one) and
 * checks its CRC-32 checksum.
 *
 * A key whose part after the prefix is longer than six base62 characters is
 * read as body plus checksum; `valid` then says whether they agree. Without
 * a matching checksum the whole part is the body and `valid` is false when
 * the last six characters could have been one, so a mistyped key is caught.
 *
 * @param key The key.
 * @returns The parts, or undefined when the key has no valid prefix.
 *
 * @example A GitHub classic token
 * ```ts
 * import { parseStructuredKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const parts = parseStructuredKey("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");
 * assert.equal(parts?.prefix, "ghp");
 * assert.equal(parts?.valid, true);
 * assert.equal(parseStructuredKey("ghp_pHVD1BNY5TOzXhPmOYb7brzB6w2LOe25LgEv")?.valid, false);
 * ```
 */
export function parseStructuredKey(key: string): StructuredKey | undefined {
  const split = key.lastIndexOf("_");
  if (split <= 0) return undefined;
  const prefix = key.slice(0, split);
  const rest = key.slice(split + 1);
  if (!PREFIX.test(prefix) || prefix.endsWith("_") || rest.length === 0) {
    return undefined;
  }
  const tail = rest.slice(-6);
  if (rest.length > 6 && CHECKSUM.test(tail)) {
    const body = rest.slice(0, -6);
    return {
      prefix,
      body,
      checksum: tail,
      valid: checksumOf(body) === tail,
    };
  }
  return { prefix, body: rest, checksum: undefined, valid: undefined };
}

/**
 * The prefix (with its `_`) and body of a key whose checksum is not
 * confirmed: split at the last `_` when the text before it is a valid
 * prefix, else no prefix. Internal to core.
 */
export function guessPrefix(key: string): { lead: string; body: string } {
  const parts = parseStructuredKey(key);
  if (parts === undefined) return { lead: "", body: key };
  return {
    lead: `${parts.prefix}_`,
    body: key.slice(parts.prefix.length + 1),
  };
}

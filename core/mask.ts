/**
 * Masking keys for logs.
 *
 * @module
 */

import { measureText } from "./_alphabet.ts";
import { recogniseKind } from "./kinds.ts";

/** The most entropy a masked form ever shows, in bits. */
export const MASK_BITS = 24;

/** Options for {@linkcode maskKey}. */
export interface MaskOptions {
  /**
   * Prefixes (without their `_`) whose keys always end in a six-character
   * checksum, which is then never shown, even when it does not match.
   * @default []
   */
  prefixes?: readonly string[];
}

/** A key split into what a mask may show and the random body. */
interface MaskParts {
  readonly prefix: string;
  readonly body: string;
}

function maskParts(key: string, prefixes: readonly string[]): MaskParts {
  const kind = recogniseKind(key, { prefixes });
  if (kind !== undefined) {
    const declaredBad = kind.checksum === "invalid" &&
      kind.kind.id === "keymint-structured";
    return {
      prefix: kind.prefix,
      body: declaredBad ? kind.body.slice(0, -6) : kind.body,
    };
  }
  // A prefix no kind, checksum or declaration confirms may be random text
  // (base64url can hold "_"), so it is not shown apart from the body.
  return { prefix: "", body: key };
}

/**
 * How many trailing characters of `body` a mask shows: as many as carry at
 * most {@linkcode MASK_BITS} bits in the smallest alphabet that covers the
 * body (4 alphanumeric or base64, 6 hex, 7 digits), and none when that
 * would be more than a quarter of the body.
 */
export function shownCharacters(body: string): number {
  if (body.includes("\n") || body.includes("\r")) return 0;
  const measure = measureText(body);
  const shown = Math.floor(MASK_BITS / Math.log2(measure.size));
  return measure.chars >= 4 * shown ? shown : 0;
}

/**
 * Shortens a key to a form that is safe to log: the prefix, then at most
 * 24 bits' worth of the end of the random body, and never a checksum
 * character. A body too short to spare that shows nothing. The prefix is
 * shown when something confirms it: a recognised kind, a valid checksum or
 * `options.prefixes`; otherwise the key is masked as one random text.
 *
 * @param key The key.
 * @param options Prefixes the caller knows to carry a checksum.
 * @returns The masked form, such as `ks_live_...wXyZ`.
 *
 * @example
 * ```ts
 * import { maskKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * // A declared prefix's keys end in a checksum, which is never shown.
 * assert.equal(maskKey("ks_live_AbCdefghijklmnopqrstuvwXyZ", { prefixes: ["ks_live"] }), "ks_live_...qrst");
 * assert.equal(maskKey("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"), "ghp_...2LOe");
 * assert.equal(maskKey("0123456789abcdef0123456789abcdef"), "...abcdef");
 * assert.equal(maskKey("short"), "...");
 * ```
 */
export function maskKey(key: string, options: MaskOptions = {}): string {
  const { prefix, body } = maskParts(key, options.prefixes ?? []);
  const shown = shownCharacters(body);
  return `${prefix}...${
    shown === 0 ? "" : Array.from(body).slice(-shown).join("")
  }`;
}

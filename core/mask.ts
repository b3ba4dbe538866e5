/**
 * Masking keys for logs.
 *
 * @module
 */

import { parseStructuredKey } from "./structured.ts";

/**
 * Shortens a key to a form that is safe to log: the prefix, then the first
 * and last four characters of the rest. Parts shorter than 16 characters
 * show nothing, so at most half of any part is ever revealed.
 *
 * @param key The key.
 * @returns The masked form, such as `ks_live_AbCd...wXyZ`.
 *
 * @example
 * ```ts
 * import { maskKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(maskKey("ks_live_AbCdefghijklmnopqrstuvwXyZ"), "ks_live_AbCd...wXyZ");
 * assert.equal(maskKey("short"), "...");
 * ```
 */
export function maskKey(key: string): string {
  const parts = parseStructuredKey(key);
  if (parts === undefined) return maskPart(key);
  return `${parts.prefix}_${maskPart(key.slice(parts.prefix.length + 1))}`;
}

function maskPart(part: string): string {
  const chars = Array.from(part);
  if (chars.length < 16) return "...";
  return `${chars.slice(0, 4).join("")}...${chars.slice(-4).join("")}`;
}

/**
 * CRC-32 checksums for structured keys, in the form GitHub's tokens use.
 *
 * @module
 */

import { BASE62_ALPHABET } from "./format.ts";

/** The zlib CRC-32 table for the reflected polynomial 0xEDB88320. */
const CRC_TABLE: Uint32Array = /* @__PURE__ */ (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) {
      c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    table[n] = c;
  }
  return table;
})();

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Computes the CRC-32 (the zlib and PNG one) of bytes, or of a string's UTF-8
 * bytes.
 *
 * @param data The bytes, or a string to encode as UTF-8.
 * @returns The checksum as an unsigned 32-bit integer.
 *
 * @example The standard check value
 * ```ts
 * import { crc32 } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(crc32("123456789"), 0xcbf43926);
 * ```
 */
export function crc32(data: Uint8Array | string): number {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) {
    crc = CRC_TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Computes the 6-character checksum of a key body: its CRC-32 written in
 * base62 (`0-9A-Za-z`) and left-padded with `0`. 62^6 exceeds 2^32, so six
 * characters always suffice.
 *
 * @param body The random part of a structured key.
 * @returns Six base62 characters.
 *
 * @example The checksum of a GitHub-shaped token body
 * ```ts
 * import { checksumOf } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(checksumOf("pHVD1BNY5TOzXhPmOYb7brzB6w2LOe"), "25LgEu");
 * ```
 */
export function checksumOf(body: string): string {
  let value = crc32(body);
  let out = "";
  for (let i = 0; i < 6; i++) {
    out = BASE62_ALPHABET[value % 62]! + out;
    value = Math.floor(value / 62);
  }
  return out;
}

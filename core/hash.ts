/**
 * Hashing keys for storage and checking them in constant time.
 *
 * High-entropy keys need no salt and no slow password hash: with 128 bits or
 * more, guessing the key from its SHA-256 is as hard as guessing the key.
 * Salts and slow KDFs exist for passwords people choose, not for keys.
 *
 * @module
 */

import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { fromHex, toHex } from "./_bytes.ts";

const encoder = /* @__PURE__ */ new TextEncoder();
const HASH = /^[0-9a-fA-F]{64}$/;

async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.digest("SHA-256", encoder.encode(text)),
  );
}

/**
 * Hashes a key for storage: SHA-256 of its UTF-8 bytes, in lower-case hex.
 *
 * @param key The key.
 * @returns 64 hex characters.
 *
 * @example
 * ```ts
 * import { hashKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   await hashKey("abc"),
 *   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
 * );
 * ```
 */
export async function hashKey(key: string): Promise<string> {
  return toHex(await sha256(key));
}

/**
 * The value {@linkcode hashKey} gives, computed synchronously with
 * `@noble/hashes`, for callers that hash keys by the thousand (scan's
 * fingerprints): each Web Crypto digest is a round trip to a worker thread
 * (measured: 15-50 ms of a 100 MB scan's 1,300 findings).
 */
export function hashKeyNow(key: string): string {
  return toHex(nobleSha256(encoder.encode(key)));
}

/**
 * Checks a key against a stored hash, comparing in constant time.
 *
 * @param key The key presented.
 * @param hash The stored SHA-256 hex (either case).
 * @returns Whether the key hashes to `hash`.
 * @throws {SyntaxError} When `hash` is not 64 hex characters.
 *
 * @example
 * ```ts
 * import { hashKey, verifyKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const stored = await hashKey("sk_AbC");
 * assert.equal(await verifyKey("sk_AbC", stored), true);
 * assert.equal(await verifyKey("sk_AbD", stored), false);
 * ```
 */
export async function verifyKey(key: string, hash: string): Promise<boolean> {
  const expected = parseKeyHash(hash);
  return timingSafeEqual(await sha256(key), expected);
}

/**
 * Checks a stored hash and decodes it, so a caller can refuse a malformed
 * one before asking anyone for a key.
 *
 * @param hash A SHA-256 hex digest, either case, as {@linkcode hashKey} gives.
 * @returns Its 32 bytes.
 * @throws {SyntaxError} When `hash` is not 64 hex characters. The message
 * never quotes it.
 *
 * @example
 * ```ts
 * import { parseKeyHash } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(parseKeyHash("ab".repeat(32)).length, 32);
 * assert.throws(() => parseKeyHash("abc"), SyntaxError);
 * ```
 */
export function parseKeyHash(hash: string): Uint8Array {
  if (typeof hash !== "string" || !HASH.test(hash)) {
    throw new SyntaxError(
      "Cannot verify key: the hash must be 64 hexadecimal characters",
    );
  }
  return fromHex(hash);
}

/**
 * Compares two byte arrays in time that depends only on their lengths.
 *
 * @param a The first array.
 * @param b The second array.
 * @returns Whether they hold the same bytes.
 *
 * @example
 * ```ts
 * import { timingSafeEqual } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
 * assert.equal(timingSafeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
 * ```
 */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

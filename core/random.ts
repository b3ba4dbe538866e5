/**
 * The one source of randomness in keymint: Web Crypto's CSPRNG.
 *
 * @module
 */

/**
 * A function that fills a byte array with random bytes and returns it, with
 * the signature of `crypto.getRandomValues`. Tests inject a deterministic one;
 * everything else uses {@linkcode cryptoRandom}.
 */
export type RandomSource = (
  target: Uint8Array<ArrayBuffer>,
) => Uint8Array<ArrayBuffer>;

/** Options shared by every function that draws randomness. */
export interface RandomOptions {
  /**
   * Where random bytes come from.
   *
   * @default {cryptoRandom}
   */
  random?: RandomSource;
}

/** Web Crypto refuses requests above this many bytes per call. */
const MAX_REQUEST = 65_536;

/**
 * Fills `target` from `crypto.getRandomValues`, in requests of at most
 * 65,536 bytes, the limit Web Crypto sets per call.
 *
 * @param target The bytes to overwrite.
 * @returns The same array, filled.
 *
 * @example Fill a buffer
 * ```ts
 * import { cryptoRandom } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const bytes = cryptoRandom(new Uint8Array(100_000));
 * assert.equal(bytes.length, 100_000);
 * ```
 */
export function cryptoRandom(
  target: Uint8Array<ArrayBuffer>,
): Uint8Array<ArrayBuffer> {
  if (target.length <= MAX_REQUEST) return crypto.getRandomValues(target);
  for (let offset = 0; offset < target.length; offset += MAX_REQUEST) {
    crypto.getRandomValues(target.subarray(offset, offset + MAX_REQUEST));
  }
  return target;
}

/**
 * Returns `length` fresh random bytes.
 *
 * @param length How many bytes, 0 or more.
 * @param options Where the bytes come from.
 * @returns A new array of random bytes.
 * @throws {RangeError} When `length` is not a non-negative safe integer.
 *
 * @example 32 random bytes
 * ```ts
 * import { randomBytes } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(randomBytes(32).length, 32);
 * ```
 */
export function randomBytes(
  length: number,
  options: RandomOptions = {},
): Uint8Array<ArrayBuffer> {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new RangeError(
      `Cannot draw random bytes: length must be a non-negative integer, got ${length}`,
    );
  }
  return (options.random ?? cryptoRandom)(new Uint8Array(length));
}

/**
 * Two-part credentials: a public id to log and look up, a secret to show
 * once, and the hash of the secret to store.
 *
 * @module
 */

import { keyMaker, readRandom } from "./_make.ts";
import { quoteValue } from "./_quote.ts";
import { hashKey } from "./hash.ts";
import type { RandomOptions } from "./random.ts";
import { parseKeySpec, RECOMMENDED_BITS } from "./spec.ts";

/** A credential as issued. */
export interface KeyPair {
  /** The public key id: 16 alphanumeric characters, safe to log. */
  id: string;
  /** The structured secret, shown to its owner once. */
  secret: string;
  /** SHA-256 hex of the secret, the only form the server keeps. */
  hash: string;
}

/** Options for {@linkcode generatePair}. */
export interface PairOptions extends RandomOptions {
  /**
   * The secret's prefix.
   *
   * @default {"sk"}
   */
  prefix?: string;
  /**
   * The minimum entropy of the secret's body, in bits: 128 or more, as
   * an unsalted SHA-256 of fewer bits protects nothing.
   *
   * @default {256}
   */
  bits?: number | string;
}

/**
 * Issues a two-part credential.
 *
 * @param options The secret's prefix and size, and the random source.
 * @returns The id, the checksummed secret and its hash.
 * @throws {TypeError} For an option of the wrong type or an unknown one.
 * @throws {RangeError} For a bad prefix, or a size out of bounds or below
 * 128 bits (there is no override).
 *
 * @example
 * ```ts
 * import { generatePair, hashKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pair = await generatePair({ prefix: "acme" });
 * assert.match(pair.id, /^[0-9A-Za-z]{16}$/);
 * assert.match(pair.secret, /^acme_[0-9A-Za-z]{49}$/);
 * assert.equal(pair.hash, await hashKey(pair.secret));
 * ```
 */
export async function generatePair(
  options: PairOptions = {},
): Promise<KeyPair> {
  const random = readRandom(options, PAIR_OPTIONS);
  const secretSpec = parseKeySpec({
    prefix: options.prefix ?? "sk",
    ...(options.bits === undefined ? {} : { bits: options.bits }),
  });
  if (secretSpec.bits < RECOMMENDED_BITS) {
    throw new RangeError(
      `Cannot issue a pair with bits ${
        quoteValue(options.bits)
      }: its hash is stored unsalted, so the secret needs at least ${RECOMMENDED_BITS} bits`,
    );
  }
  // The id is public, not a secret: 95 bits keep ids apart, nothing more.
  const idSpec = parseKeySpec({ format: "alnum", length: 16, allowWeak: true });
  const id = keyMaker(idSpec, random)();
  const secret = keyMaker(secretSpec, random)();
  return { id, secret, hash: await hashKey(secret) };
}

const PAIR_OPTIONS = ["prefix", "bits", "random"] as const;

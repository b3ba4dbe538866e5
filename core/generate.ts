/**
 * The public generators: one key, a prepared generator for many, and keys
 * with their descriptions. The sampler lives in `_sampler.ts`, the bulk
 * chunkers in `bulk.ts`.
 *
 * Every generator takes the same two arguments: what to make (typed
 * {@linkcode KeyOptions}, or a spec from `parseKeySpec`) and an options
 * object whose `random` field is the random source.
 *
 * @module
 */

import {
  keyMaker,
  RANDOM_ONLY,
  readRandom,
  strongRequest,
  strongSpec,
} from "./_make.ts";
import { POOLED } from "./_sampler.ts";
import type { FormatName } from "./format.ts";
import type { KeyOptions, KeySpec } from "./options.ts";
import type { RandomOptions } from "./random.ts";
import { NONE, specOf } from "./spec.ts";

/** What to make: typed options, or a spec from `parseKeySpec`. */
export type KeyInput = KeyOptions | KeySpec;

/** One generated key with what is known about it: the JSON shape of every face. */
export interface GeneratedKey {
  /** The key itself. */
  value: string;
  /** The format of its random part. */
  format: FormatName;
  /** Its exact entropy, rounded down to a whole bit. */
  bits: number;
  /** Its length in characters. */
  length: number;
  /** The structured-key prefix, when there is one. */
  prefix?: string;
  /** Whether it ends with a checksum, when it has a prefix. */
  checksum?: boolean;
  /** The preset it was made for. */
  preset?: string;
  /** The environment variable the preset's framework reads. */
  env?: string;
  /** Sentences about weak choices. */
  warnings?: string[];
}

/**
 * Makes one key.
 *
 * @param input What to make: options, or a spec from `parseKeySpec`.
 * @param options `random`: where random bytes come from.
 * @returns The key.
 * @throws {TypeError} For options of the wrong type, unknown or that
 * conflict, or a count other than 1.
 * @throws {RangeError} For an unknown format or preset, a size out of
 * bounds, or fewer than 128 bits without `allowWeak`.
 *
 * @example The default: 256 bits in hex
 * ```ts
 * import { generateKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.match(generateKey(), /^[0-9a-f]{64}$/);
 * assert.match(generateKey({ prefix: "ks_live" }), /^ks_live_[0-9A-Za-z]{49}$/);
 * assert.match(generateKey({ format: "digits", length: 6, allowWeak: true }), /^[0-9]{6}$/);
 * assert.throws(() => generateKey({ format: "digits", length: 6 }), RangeError);
 * ```
 */
export function generateKey(
  input: KeyInput = NONE,
  options: RandomOptions = NONE,
): string {
  const spec = strongRequest(input);
  const random = readRandom(options, RANDOM_ONLY);
  if (spec.count !== 1) {
    throw new TypeError(
      `Cannot make one key: count is ${spec.count}; use generateKeys or keyChunks for several`,
    );
  }
  // One key: it draws only for itself, with no pool.
  return keyMaker(spec, random)();
}

/**
 * Prepares a generator: the options are checked once, and random bytes
 * are drawn in batches shared by the keys it makes.
 *
 * @param input What to make: options, or a spec from `parseKeySpec`.
 * @param options `random`: where random bytes come from.
 * @returns A function that returns a fresh key on every call.
 * @throws {TypeError} For options of the wrong type, unknown or that conflict.
 * @throws {RangeError} For an unknown format or preset, a size out of
 * bounds, or fewer than 128 bits without `allowWeak`.
 *
 * @example Many keys of one kind
 * ```ts
 * import { createKeyGenerator } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const next = createKeyGenerator({ format: "base58", bits: 128 });
 * assert.match(next(), /^[1-9A-HJ-NP-Za-km-z]{22}$/);
 * assert.notEqual(next(), next());
 * ```
 */
export function createKeyGenerator(
  input: KeyInput = NONE,
  options: RandomOptions = NONE,
): () => string {
  const spec = strongRequest(input);
  return keyMaker(spec, readRandom(options, RANDOM_ONLY), POOLED);
}

/**
 * Describes a key made from `input` in the JSON shape the CLI and the API
 * print.
 *
 * @param input What the key was made from: options, or a spec.
 * @param value The key.
 * @returns The key with its format, entropy, length and, where they apply,
 * prefix, checksum, preset and warnings.
 *
 * @example
 * ```ts
 * import { describeKey, generateKey, parseKeySpec } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const spec = parseKeySpec({ format: "digits", bits: 64, allowWeak: true });
 * const key = describeKey(spec, generateKey(spec));
 * assert.equal(key.length, 20);
 * assert.equal(key.warnings?.length, 1);
 * ```
 */
export function describeKey(input: KeyInput, value: string): GeneratedKey {
  const spec = specOf(input);
  const key: GeneratedKey = {
    value,
    format: spec.format,
    bits: spec.bits,
    length: spec.length,
  };
  if (spec.prefix !== undefined) {
    key.prefix = spec.prefix;
    key.checksum = spec.checksum;
  }
  if (spec.preset !== undefined) key.preset = spec.preset;
  if (spec.env !== undefined) key.env = spec.env;
  if (spec.warnings.length > 0) key.warnings = [...spec.warnings];
  return key;
}

/**
 * Makes `count` keys, each with its description.
 *
 * @param input What to make, with its count: options, or a spec.
 * @param options `random`: where random bytes come from.
 * @returns The keys, in the JSON shape of the CLI and API.
 * @throws {TypeError} For options of the wrong type, unknown or that conflict.
 * @throws {RangeError} For an unknown format or preset, a size or count out
 * of bounds, or fewer than 128 bits without `allowWeak`.
 *
 * @example Five keys
 * ```ts
 * import { generateKeys } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const keys = generateKeys({ format: "base64url", count: 5 });
 * assert.equal(keys.length, 5);
 * assert.match(keys[0]!.value, /^[A-Za-z0-9_-]{43}$/);
 * ```
 */
export function generateKeys(
  input: KeyInput = NONE,
  options: RandomOptions = NONE,
): GeneratedKey[] {
  const spec = strongSpec(input);
  const next = keyMaker(spec, readRandom(options, RANDOM_ONLY), POOLED);
  return Array.from({ length: spec.count }, () => describeKey(spec, next()));
}

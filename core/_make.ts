/**
 * What every generator does before it makes a key: read its options
 * object, check the spec, and build the key function. Internal to core.
 *
 * @module
 */

import { byteEncoder } from "./_encode.ts";
import { characterSampler, fill, type Pooled } from "./_sampler.ts";
import { checksumOf } from "./checksum.ts";
import type { KeySpec } from "./options.ts";
import {
  cryptoRandom,
  type RandomOptions,
  type RandomSource,
} from "./random.ts";
import { optionNames } from "./_read.ts";
import {
  type KeyRequest,
  NONE,
  paddedBody,
  RECOMMENDED_BITS,
  requestOf,
  specOf,
} from "./spec.ts";

/**
 * Reads a generator's options object: only `names` are allowed, and
 * `random`, when given, must be a function.
 *
 * @returns The random source.
 */
export function readRandom(
  options: unknown,
  names: readonly string[],
): RandomSource {
  // Every caller defaults its options to NONE: nothing to read.
  if (options === NONE) return cryptoRandom;
  optionNames(options, names, " such as { random }");
  const random = (options as RandomOptions).random;
  if (random === undefined) return cryptoRandom;
  if (typeof random !== "function") {
    throw new TypeError(
      `Cannot read option random: expected a function, got ${typeof random}`,
    );
  }
  return random;
}

export const RANDOM_ONLY = ["random"] as const;

/**
 * The request for `input`, refused when it is below 128 bits and does not
 * say `allowWeak`: what generators that do not describe their keys make
 * them from.
 */
export function strongRequest(input: unknown): KeyRequest {
  return refuseWeak(requestOf(input));
}

/** The same for the generators that describe their keys: the whole spec. */
export function strongSpec(input: unknown): KeySpec {
  return refuseWeak(specOf(input));
}

function refuseWeak<Request extends KeyRequest>(request: Request): Request {
  if (request.bits < RECOMMENDED_BITS && !request.allowWeak) {
    throw new RangeError(
      `Cannot make keys of ${request.bits} bits: secrets need ${RECOMMENDED_BITS}; set allowWeak: true for short codes that are not secrets`,
    );
  }
  return request;
}

/**
 * The key function of a checked spec: the lead, the body, and the
 * checksum of the body when the spec has one. Generators that make many
 * keys pass `POOLED`: their random bytes are then drawn in batches kept in
 * a pool (see `pooledSampler`); a one-off key draws only for itself, with
 * no pool.
 */
export function keyMaker(
  spec: KeyRequest,
  random: RandomSource,
  pooled?: Pooled,
): () => string {
  const body = bodyMaker(spec, random, pooled);
  const lead = spec.lead;
  if (spec.checksum) {
    return () => {
      const value = body();
      return lead + value + checksumOf(value);
    };
  }
  return lead === "" ? body : () => lead + body();
}

function bodyMaker(
  spec: KeyRequest,
  random: RandomSource,
  pooled: Pooled | undefined,
): () => string {
  const bytes = spec.bytes;
  if (bytes === undefined) {
    // The sampler itself, defaulting to the body length: no wrapper call.
    return characterSampler(
      spec.alphabet,
      random,
      spec.bodyLength,
      pooled?.characters,
    );
  }
  const encode = byteEncoder(spec.format, spec.alphabet, paddedBody(spec));
  if (pooled === undefined) {
    // One key at a time: exactly its bytes, no pool to set up.
    return () => encode(fill(new Uint8Array(bytes), random));
  }
  const pool = pooled.bytes(random);
  return () => encode(pool(bytes));
}

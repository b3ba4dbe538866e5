/**
 * The sampler: random bytes in, characters of an alphabet out, without
 * modulo bias. Internal to core; the generators in `generate.ts` and the
 * chunkers in `bulk.ts` build on it.
 *
 * Every table here maps a random input (a byte, or a 16-bit word) either to
 * the character code(s) it stands for or to 0, "rejected, draw again". The
 * tests feed every input value through these tables and through every path
 * that uses them, and check that each output has the same number of
 * preimages.
 *
 * @module
 */

import type { RandomSource } from "./random.ts";

/** The largest pool a prepared generator keeps, in characters or bytes. */
export const POOL_MAX = 32_768;
/** How much a pool grows at each refill, up to {@linkcode POOL_MAX}. */
export const POOL_GROWTH = 16;
/** Pools at least this large are drawn two characters at a time. */
const PAIR_POOL = 4096;

/** Fills `target` from `random`, which may return a fresh array. */
export function fill(
  target: Uint8Array<ArrayBuffer>,
  random: RandomSource,
): Uint8Array<ArrayBuffer> {
  const result = random(target);
  if (result !== target) target.set(result.subarray(0, target.length));
  return target;
}

/**
 * A pool of random bytes that starts at one request and grows 16-fold per
 * refill up to {@linkcode POOL_MAX}, so a single key draws only what it
 * needs and a busy generator calls the CSPRNG rarely.
 */
export function bytePool(random: RandomSource): (bytes: number) => Uint8Array {
  let pool = new Uint8Array(0);
  let offset = 0;
  let next = 0;
  return (bytes) => {
    if (offset + bytes > pool.length) {
      const size = Math.max(next, bytes);
      next = Math.min(size * POOL_GROWTH, POOL_MAX);
      pool = fill(new Uint8Array(size), random);
      offset = 0;
    }
    offset += bytes;
    return pool.subarray(offset - bytes, offset);
  };
}

/**
 * The first byte value that is rejected for an alphabet of `n` characters:
 * below it, the 256 - 256 % n bytes fall into n buckets of exactly the same
 * size under `% n`; the 256 % n bytes above would favour the first
 * characters, so they are dropped and redrawn.
 */
export function byteLimit(n: number): number {
  return 256 - (256 % n);
}

/** The same rule for a 16-bit word drawing a pair of characters. */
export function pairLimit(n: number): number {
  return 65_536 - (65_536 % (n * n));
}

/**
 * Maps every byte value to the character code it stands for, or 0 when the
 * byte is rejected (see {@linkcode byteLimit}). For power-of-two alphabets
 * nothing is rejected. `limit` exists for the tests that show a wrong one
 * is caught.
 */
export function byteTable(
  codes: readonly number[],
  limit: number = byteLimit(codes.length),
): Uint8Array {
  const n = codes.length;
  const table = new Uint8Array(256);
  for (let byte = 0; byte < limit; byte++) table[byte] = codes[byte % n]!;
  return table;
}

/**
 * Maps every 16-bit value to two character codes packed in one 16-bit word,
 * or 0 when the value is rejected: the byte table's rule applied to the n^2
 * pairs (see {@linkcode pairLimit}). Half the lookups of the byte table,
 * and fewer rejections (0.3% for alnum instead of 3%). Which byte of the
 * word comes first depends on the platform's byte order; both characters
 * are uniform and independent, so the order does not matter.
 */
export function pairTable(
  codes: readonly number[],
  limit: number = pairLimit(codes.length),
): Uint16Array {
  const n = codes.length;
  const pairs = n * n;
  const table = new Uint16Array(65_536);
  for (let value = 0; value < limit; value++) {
    const pair = value % pairs;
    table[value] = codes[pair % n]! | (codes[Math.floor(pair / n)]! << 8);
  }
  return table;
}

/** Pair tables already built, by alphabet; a few, since each is 128 KiB. */
const pairTables = /* @__PURE__ */ new Map<string, Uint16Array>();

/** The pair table of `alphabet`, built once for the last few alphabets. */
export function cachedPairTable(
  alphabet: string,
  codes: readonly number[],
): Uint16Array {
  let table = pairTables.get(alphabet);
  if (table === undefined) {
    table = pairTable(codes);
    if (pairTables.size >= 4) pairTables.clear();
    pairTables.set(alphabet, table);
  }
  return table;
}

/**
 * The character codes of an alphabet whose characters are each one code
 * unit from 1 to 255, so that one byte holds each; else undefined.
 */
export function singleByteCodes(
  chars: readonly string[],
): number[] | undefined {
  const codes = chars.map((char) => char.length === 1 ? char.charCodeAt(0) : 0);
  return codes.every((code) => code > 0 && code < 256) ? codes : undefined;
}

/**
 * Draws at least `length` sampled character codes: `size` random bytes
 * first, each mapped through `table`, rejected bytes dropped, then as many
 * more bytes as there is room left, until `length` codes are in. What was
 * drawn is kept, so the result is usually a little longer than `length`.
 */
export function drawCodes(
  length: number,
  size: number,
  table: Uint8Array,
  random: RandomSource,
): Uint8Array {
  const out = new Uint8Array(Math.max(size, length));
  let filled = 0;
  while (filled < length) {
    const bytes = fill(new Uint8Array(out.length - filled), random);
    for (let i = 0; i < bytes.length; i++) {
      const code = table[bytes[i]!]!;
      if (code !== 0) out[filled++] = code;
    }
  }
  return out.subarray(0, filled);
}

/**
 * Like {@linkcode drawCodes}, two characters per 16-bit draw: at least
 * `length` codes, `size` bytes (rounded up to whole words) first.
 */
export function drawCodePairs(
  length: number,
  size: number,
  table: Uint16Array,
  random: RandomSource,
): Uint8Array {
  const out = new Uint16Array(Math.ceil(Math.max(size, length) / 2));
  let filled = 0;
  while (filled * 2 < length) {
    const words = out.length - filled;
    const bytes = fill(new Uint8Array(words * 2), random);
    const input = new Uint16Array(bytes.buffer, 0, words);
    for (let i = 0; i < words; i++) {
      const pair = table[input[i]!]!;
      if (pair !== 0) out[filled++] = pair;
    }
  }
  return new Uint8Array(out.buffer, 0, filled * 2);
}

const latin1 = /* @__PURE__ */ new TextDecoder("latin1");
const utf8 = /* @__PURE__ */ new TextDecoder();

/**
 * The characters of an alphabet, refused unless there are 2 to 256: the
 * sampler's own bound (one byte draws one character), which the spec
 * reader checks too.
 *
 * @throws {RangeError} For fewer than 2 or more than 256 characters.
 */
export function alphabetChars(alphabet: string): string[] {
  const chars = Array.from(alphabet);
  if (chars.length < 2 || chars.length > 256) {
    throw new RangeError(
      `Cannot use alphabet: it needs 2 to 256 distinct characters, got ${chars.length}`,
    );
  }
  return chars;
}

/** Draws `length` characters; with no argument, the default length. */
export type Sampler = (length?: number) => string;

/**
 * Returns a function that draws characters uniformly from `alphabet`, a
 * character per accepted byte (see {@linkcode byteLimit}); each call draws
 * what its key needs, and a one-off key needs nothing more.
 *
 * @param alphabet 2 to 256 distinct characters.
 * @param random Where random bytes come from.
 * @param defaultLength The length drawn when none is given.
 * @param pooled For a generator that makes many keys:
 * {@linkcode pooledSampler}, which batches the draws of single-byte
 * alphabets. Passed in rather than imported, so a bundle that makes one
 * key at a time leaves the pool and its tables out.
 * @throws {RangeError} For an alphabet outside 2 to 256 characters, even
 * though every caller has checked it: an alphabet of 1 would give keys of
 * no entropy, and one above 256 would never be drawn (the limit is 0).
 */
export function characterSampler(
  alphabet: string,
  random: RandomSource,
  defaultLength = 0,
  pooled?: typeof pooledSampler,
): Sampler {
  const chars = alphabetChars(alphabet);
  const n = chars.length;
  if (pooled !== undefined) {
    return pooled(alphabet, chars, random, defaultLength);
  }
  const limit = byteLimit(n);
  return (length = defaultLength) => {
    let out = "";
    let taken = 0;
    while (taken < length) {
      // An eighth more than the need, plus 16, covers the rejected bytes
      // of common alphabets in one draw; the loop draws again if not.
      const need = length - taken;
      const bytes = fill(new Uint8Array(need + (need >> 3) + 16), random);
      for (let i = 0; i < bytes.length && taken < length; i++) {
        const byte = bytes[i]!;
        if (byte < limit) {
          out += chars[byte % n];
          taken++;
        }
      }
    }
    return out;
  };
}

/**
 * The sampler of a busy generator. For a single-byte alphabet: a pool of
 * already-sampled characters kept as one string, handed out in slices,
 * growing 16-fold per refill up to {@linkcode POOL_MAX}, drawn through the
 * byte table; once it reaches 4096 characters it is drawn two at a time
 * through the 64 Ki-entry pair table, built once. Other alphabets are
 * drawn key by key, as {@linkcode characterSampler} does.
 */
export function pooledSampler(
  alphabet: string,
  chars: readonly string[],
  random: RandomSource,
  defaultLength: number,
): Sampler {
  const codes = singleByteCodes(chars);
  if (codes === undefined) {
    return characterSampler(alphabet, random, defaultLength);
  }
  const table = byteTable(codes);
  // UTF-8 decoding of pure ASCII is a straight copy. Above ASCII the
  // WHATWG "latin1" decoder is windows-1252, which maps 0x80-0x9F
  // elsewhere; those are C1 controls, which no alphabet may contain.
  const decoder = codes.every((code) => code < 128) ? utf8 : latin1;
  let pairs: Uint16Array | undefined;
  let pool = "";
  let offset = 0;
  let next = 0;
  return (length = defaultLength) => {
    if (offset + length > pool.length) {
      const size = Math.max(next, length + (length >> 3) + 16);
      next = Math.min(size * POOL_GROWTH, POOL_MAX);
      if (size >= PAIR_POOL) pairs ??= cachedPairTable(alphabet, codes);
      pool = decoder.decode(
        pairs === undefined
          ? drawCodes(length, size, table, random)
          : drawCodePairs(length, size, pairs, random),
      );
      offset = 0;
    }
    offset += length;
    return pool.slice(offset - length, offset);
  };
}

/**
 * What a generator that makes many keys hands to the key maker: pooled
 * draws for sampled alphabets and for byte formats. Handed in rather than
 * imported, so a bundle that makes one key at a time leaves the pools and
 * their tables out.
 */
export const POOLED = { characters: pooledSampler, bytes: bytePool } as const;

/** The type of {@linkcode POOLED}. */
export type Pooled = typeof POOLED;

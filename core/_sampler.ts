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

/** Draws `length` characters; with no argument, the default length. */
export type Sampler = (length?: number) => string;

/**
 * What sampling one alphabet needs, worked out once: its characters, and
 * for a single-byte alphabet its codes, byte table and decoder.
 */
type AlphabetTables = readonly [
  chars: readonly string[],
  codes?: readonly number[],
  table?: Uint8Array,
  decoder?: TextDecoder,
];

/** Tables of the last few alphabets sampled; a one-shot key reuses them. */
const alphabetTables = /* @__PURE__ */ new Map<string, AlphabetTables>();

function tablesOf(alphabet: string): AlphabetTables {
  let tables = alphabetTables.get(alphabet);
  if (tables !== undefined) return tables;
  const chars = Array.from(alphabet);
  if (chars.length < 2 || chars.length > 256) {
    throw new RangeError(
      `Cannot sample: an alphabet needs 2 to 256 characters, got ${chars.length}`,
    );
  }
  const codes = singleByteCodes(chars);
  // UTF-8 decoding of pure ASCII is a straight copy. Above ASCII the
  // WHATWG "latin1" decoder is windows-1252, which maps 0x80-0x9F
  // elsewhere; those are C1 controls, which no alphabet may contain.
  tables = codes === undefined ? [chars] : [
    chars,
    codes,
    byteTable(codes),
    codes.every((code) => code < 128) ? utf8 : latin1,
  ];
  if (alphabetTables.size >= 16) alphabetTables.clear();
  alphabetTables.set(alphabet, tables);
  return tables;
}

/**
 * Returns a function that draws characters uniformly from `alphabet`.
 * Single-byte alphabets go through the byte table, each call drawing what
 * its key needs; others sample code point by code point.
 *
 * @param alphabet 2 to 256 distinct characters.
 * @param random Where random bytes come from.
 * @param defaultLength The length drawn when none is given.
 * @param pooled For a generator that makes many keys:
 * {@linkcode pooledSampler}, which batches the draws of single-byte
 * alphabets. Passed in rather than imported, so a bundle that makes one
 * key at a time leaves the pool and the pair table out.
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
  const [chars, codes, table, decoder] = tablesOf(alphabet);
  if (decoder !== undefined) {
    if (pooled !== undefined) {
      return pooled(alphabet, codes!, table!, decoder, random, defaultLength);
    }
    // An eighth more than the need, plus 16, covers the rejected bytes of
    // common alphabets in one draw; drawCodes draws again if not.
    return (length = defaultLength) =>
      decoder.decode(
        drawCodes(length, length + (length >> 3) + 16, table!, random)
          .subarray(0, length),
      );
  }
  const n = chars.length;
  const limit = byteLimit(n);
  const bytes = bytePool(random);
  return (length = defaultLength) => {
    let out = "";
    let taken = 0;
    while (taken < length) {
      const byte = bytes(1)[0]!;
      if (byte < limit) {
        out += chars[byte % n];
        taken++;
      }
    }
    return out;
  };
}

/**
 * The sampler of a busy generator, for a single-byte alphabet: a pool of
 * already-sampled characters kept as one string, handed out in slices,
 * growing 16-fold per refill up to {@linkcode POOL_MAX}; once it reaches
 * 4096 characters it is drawn two at a time through the 64 Ki-entry pair
 * table, built once.
 */
export function pooledSampler(
  alphabet: string,
  codes: readonly number[],
  table: Uint8Array,
  decoder: TextDecoder,
  random: RandomSource,
  defaultLength: number,
): Sampler {
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

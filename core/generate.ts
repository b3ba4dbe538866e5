/**
 * Key generation: one key, a prepared generator for many, and a chunked
 * stream for millions.
 *
 * @module
 */

import { type ByteFormat, encodeBytes } from "./_encode.ts";
import { checksumOf } from "./checksum.ts";
import type { FormatName } from "./format.ts";
import { presetValue } from "./preset.ts";
import {
  cryptoRandom,
  type RandomOptions,
  type RandomSource,
} from "./random.ts";
import { type KeyOptions, type KeySpec, parseKeySpec } from "./spec.ts";

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

/** Options for {@linkcode keyChunks}. */
export interface KeyChunksOptions extends RandomOptions {
  /**
   * The size each chunk aims for, in bytes.
   *
   * @default {65536}
   */
  chunkBytes?: number;
  /**
   * Reuse one output buffer: each chunk is then only valid until the next
   * one is requested. A writer that is done with every chunk before asking
   * for the next (as a stream writer that awaits each write is) keeps memory
   * flat instead of leaving a trail of chunks for the garbage collector.
   *
   * @default {false}
   */
  reuse?: boolean;
}

/** The largest pool a prepared generator keeps, in characters or bytes. */
const POOL_MAX = 32_768;
/** How much a pool grows at each refill, up to {@linkcode POOL_MAX}. */
const POOL_GROWTH = 16;

function isKeySpec(value: KeyOptions | KeySpec): value is KeySpec {
  return typeof (value as KeySpec).bodyLength === "number" &&
    Array.isArray((value as KeySpec).warnings);
}

/**
 * Makes one key.
 *
 * @param options What to make, loose (as from a flag or query) or a checked spec.
 * @param random Where random bytes come from.
 * @returns The key.
 * @throws {TypeError} For options of the wrong type or that conflict.
 * @throws {RangeError} For an unknown format or preset, or a size out of bounds.
 *
 * @example The default: 256 bits in hex
 * ```ts
 * import { generateKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.match(generateKey(), /^[0-9a-f]{64}$/);
 * assert.match(generateKey({ prefix: "ks_live" }), /^ks_live_[0-9A-Za-z]{49}$/);
 * ```
 */
export function generateKey(
  options: KeyOptions | KeySpec = {},
  random: RandomOptions = {},
): string {
  const spec = isKeySpec(options) ? options : parseKeySpec(options);
  if (
    spec.bytes !== undefined && spec.prefix === undefined &&
    spec.preset === undefined
  ) {
    // One key of a byte format: exactly its bytes, no pool to set up.
    const bytes = new Uint8Array(spec.bytes);
    cryptoFill(bytes, random.random ?? cryptoRandom);
    return encodeBytes(spec.format as ByteFormat, bytes);
  }
  return createKeyGenerator(spec, random)();
}

/**
 * Prepares a generator for one spec: the options are checked once, and
 * random bytes are drawn in batches shared by the keys it makes.
 *
 * @param spec A spec from {@linkcode parseKeySpec}.
 * @param options Where random bytes come from.
 * @returns A function that returns a fresh key on every call.
 *
 * @example Many keys of one kind
 * ```ts
 * import { createKeyGenerator, parseKeySpec } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const next = createKeyGenerator(parseKeySpec({ format: "base58", bits: 128 }));
 * assert.match(next(), /^[1-9A-HJ-NP-Za-km-z]{22}$/);
 * assert.notEqual(next(), next());
 * ```
 */
export function createKeyGenerator(
  spec: KeySpec,
  options: RandomOptions = {},
): () => string {
  const random = options.random ?? cryptoRandom;
  if (spec.preset !== undefined) {
    const name = spec.preset;
    const samplers = new Map<string, (chars: number) => string>();
    const sample = (alphabet: string, chars: number) => {
      let sampler = samplers.get(alphabet);
      if (sampler === undefined) {
        sampler = characterSampler(alphabet, random);
        samplers.set(alphabet, sampler);
      }
      return sampler(chars);
    };
    return () => presetValue(name, random, sample);
  }
  const body = bodyGenerator(spec, random);
  if (spec.prefix === undefined) return body;
  const lead = `${spec.prefix}_`;
  if (!spec.checksum) return () => lead + body();
  return () => {
    const value = body();
    return lead + value + checksumOf(value);
  };
}

function bodyGenerator(spec: KeySpec, random: RandomSource): () => string {
  const length = spec.bodyLength;
  if (spec.bytes === undefined) {
    // The sampler itself, defaulting to the body length: no wrapper call.
    return characterSampler(spec.alphabet, random, length);
  }
  const bytes = spec.bytes;
  const format = spec.format as ByteFormat;
  const pool = bytePool(random);
  return () => encodeBytes(format, pool(bytes));
}

/**
 * A pool of random bytes that starts at one request and grows 16-fold per
 * refill up to {@linkcode POOL_MAX}, so a single key draws only what it
 * needs and a busy generator calls the CSPRNG rarely.
 */
function bytePool(random: RandomSource): (bytes: number) => Uint8Array {
  let pool = new Uint8Array(0);
  let offset = 0;
  let next = 0;
  return (bytes) => {
    if (offset + bytes > pool.length) {
      const size = Math.max(next, bytes);
      next = Math.min(size * POOL_GROWTH, POOL_MAX);
      pool = random(new Uint8Array(size));
      offset = 0;
    }
    offset += bytes;
    return pool.subarray(offset - bytes, offset);
  };
}

/**
 * Maps every byte value to the character code it stands for, or 0 when the
 * byte is rejected. For an alphabet of n characters, bytes below
 * 256 - 256 % n fall into n buckets of exactly the same size under `% n`;
 * the 256 % n bytes above would favour the first characters, so they are
 * dropped and redrawn. For power-of-two alphabets nothing is dropped.
 */
function samplingTable(codes: readonly number[]): Uint8Array {
  const n = codes.length;
  const limit = 256 - (256 % n);
  const table = new Uint8Array(256);
  for (let byte = 0; byte < limit; byte++) table[byte] = codes[byte % n]!;
  return table;
}

/** True when every character is one code unit that latin1 decodes as itself. */
function singleByteCodes(chars: readonly string[]): number[] | undefined {
  const codes = chars.map((char) => char.length === 1 ? char.charCodeAt(0) : 0);
  return codes.every((code) => code > 0 && code < 256) ? codes : undefined;
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder();

/**
 * Draws at least `length` sampled character codes: `size` random bytes at a
 * time, each mapped through `table`, rejected bytes dropped. Everything
 * drawn is kept, so the result is usually a little longer than `length`.
 */
function drawCodes(
  length: number,
  size: number,
  table: Uint8Array,
  random: RandomSource,
): Uint8Array {
  let out = new Uint8Array(size);
  let filled = 0;
  while (filled < length) {
    if (filled + size > out.length) {
      const grown = new Uint8Array(filled + size);
      grown.set(out.subarray(0, filled));
      out = grown;
    }
    const bytes = random(new Uint8Array(size));
    for (let i = 0; i < bytes.length; i++) {
      const code = table[bytes[i]!]!;
      if (code !== 0) out[filled++] = code;
    }
  }
  return out.subarray(0, filled);
}

/**
 * Maps every 16-bit value to two character codes packed in one 16-bit word,
 * or 0 when the value is rejected: the byte table's rule applied to pairs.
 * With n^2 pairs, values below 65536 - 65536 % n^2 fall evenly into the n^2
 * pairs under `% n^2`; the rest are redrawn. Half the lookups of the byte
 * table, and fewer rejections (0.3% for alnum instead of 3%). Which byte of
 * the word comes first depends on the platform's byte order; both
 * characters are uniform and independent, so the order does not matter.
 */
function pairTable(codes: readonly number[]): Uint16Array {
  const n = codes.length;
  const pairs = n * n;
  const limit = 65_536 - (65_536 % pairs);
  const table = new Uint16Array(65_536);
  for (let value = 0; value < limit; value++) {
    const pair = value % pairs;
    table[value] = codes[pair % n]! | (codes[Math.floor(pair / n)]! << 8);
  }
  return table;
}

/** Like {@linkcode drawCodes}, two characters per 16-bit draw. */
function drawCodePairs(
  length: number,
  size: number,
  table: Uint16Array,
  random: RandomSource,
): Uint8Array {
  const words = Math.ceil(size / 2);
  let out = new Uint16Array(words);
  let filled = 0;
  while (filled * 2 < length) {
    if (filled + words > out.length) {
      const grown = new Uint16Array(filled + words);
      grown.set(out.subarray(0, filled));
      out = grown;
    }
    const bytes = new Uint8Array(words * 2);
    cryptoFill(bytes, random);
    const input = new Uint16Array(bytes.buffer, 0, words);
    for (let i = 0; i < words; i++) {
      const pair = table[input[i]!]!;
      if (pair !== 0) out[filled++] = pair;
    }
  }
  return new Uint8Array(out.buffer, 0, filled * 2);
}

/** Pools at least this large are drawn two characters at a time. */
const PAIR_POOL = 4096;

/**
 * Returns a function that draws `chars` characters uniformly from `alphabet`.
 * Single-byte alphabets keep a pool of already-sampled characters as one
 * string and hand out slices of it; others sample code point by code point.
 */
function characterSampler(
  alphabet: string,
  random: RandomSource,
  defaultLength = 0,
): (chars?: number) => string {
  const chars = Array.from(alphabet);
  const codes = singleByteCodes(chars);
  if (codes !== undefined) {
    const table = samplingTable(codes);
    // UTF-8 decoding of pure ASCII is a straight copy; latin1 maps bytes.
    const decoder = codes.every((code) => code < 128) ? utf8 : latin1;
    let pairs: Uint16Array | undefined;
    let pool = "";
    let offset = 0;
    let next = 0;
    return (length = defaultLength) => {
      if (offset + length > pool.length) {
        // An eighth more than the need, plus 16, covers the rejected bytes
        // of common alphabets in one draw; drawCodes draws again if not.
        const size = Math.max(next, length + (length >> 3) + 16);
        next = Math.min(size * POOL_GROWTH, POOL_MAX);
        // A one-off key draws byte by byte; a busy generator builds the
        // 64 Ki-entry pair table once and then draws in pairs.
        if (size >= PAIR_POOL) pairs ??= pairTable(codes);
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
  const n = chars.length;
  const limit = 256 - (256 % n);
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
 * Describes a key made from `spec` in the JSON shape the CLI and the API
 * print.
 *
 * @param spec The spec the key was made from.
 * @param value The key.
 * @returns The key with its format, entropy, length and, where they apply,
 * prefix, checksum, preset and warnings.
 *
 * @example
 * ```ts
 * import { describeKey, generateKey, parseKeySpec } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const spec = parseKeySpec({ format: "digits", bits: 64 });
 * const key = describeKey(spec, generateKey(spec));
 * assert.equal(key.length, 20);
 * assert.equal(key.warnings?.length, 1);
 * ```
 */
export function describeKey(spec: KeySpec, value: string): GeneratedKey {
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
 * Makes `spec.count` keys, each with its description.
 *
 * @param spec A spec from {@linkcode parseKeySpec}.
 * @param options Where random bytes come from.
 * @returns The keys, in the JSON shape of the CLI and API.
 *
 * @example Five keys
 * ```ts
 * import { generateKeys, parseKeySpec } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const keys = generateKeys(parseKeySpec({ format: "base64url", count: 5 }));
 * assert.equal(keys.length, 5);
 * assert.match(keys[0]!.value, /^[A-Za-z0-9_-]{43}$/);
 * ```
 */
export function generateKeys(
  spec: KeySpec,
  options: RandomOptions = {},
): GeneratedKey[] {
  const next = createKeyGenerator(spec, options);
  return Array.from({ length: spec.count }, () => describeKey(spec, next()));
}

const HEX = "0123456789abcdef";
const NEWLINE = 10;

/**
 * Makes `spec.count` keys as ASCII (or UTF-8) text, one per line, in chunks
 * of about `chunkBytes` bytes. Memory stays constant whatever the count: a
 * writer takes each chunk as it comes. Random bytes are drawn 64 KiB at a
 * time, and plain hex and single-byte sampled alphabets are written
 * straight into the output without building strings.
 *
 * @param spec A spec from {@linkcode parseKeySpec}.
 * @param options Where random bytes come from, and the chunk size.
 * @returns A generator of byte chunks; together they hold `spec.count` lines.
 *
 * @example A thousand keys
 * ```ts
 * import { keyChunks, parseKeySpec } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * let text = "";
 * const decoder = new TextDecoder();
 * for (const chunk of keyChunks(parseKeySpec({ count: 1000 }))) {
 *   text += decoder.decode(chunk);
 * }
 * const lines = text.split("\n");
 * assert.equal(lines.length, 1001);
 * assert.match(lines[0]!, /^[0-9a-f]{64}$/);
 * ```
 */
export function* keyChunks(
  spec: KeySpec,
  options: KeyChunksOptions = {},
): Generator<Uint8Array> {
  const random = options.random ?? cryptoRandom;
  const chunkBytes = Math.max(1024, options.chunkBytes ?? 65_536);
  const buffer = output(options.reuse ?? false);
  const plain = spec.prefix === undefined && spec.preset === undefined;
  if (plain && spec.format === "hex" && spec.bytes !== undefined) {
    yield* hexChunks(spec.bytes, spec.count, chunkBytes, random, buffer);
    return;
  }
  const codes = singleByteCodes(Array.from(spec.alphabet));
  // Codes are written as bytes: only ASCII is its own UTF-8 (é is two bytes).
  const ascii = codes !== undefined && codes.every((code) => code < 0x80);
  if (plain && spec.bytes === undefined && codes !== undefined && ascii) {
    yield* sampledChunks(
      pairTable(codes),
      spec.bodyLength,
      spec.count,
      chunkBytes,
      random,
      buffer,
    );
    return;
  }
  yield* generalChunks(spec, chunkBytes, random, buffer);
}

function* hexChunks(
  bytes: number,
  count: number,
  chunkBytes: number,
  random: RandomSource,
  buffer: (size: number) => Uint8Array,
): Generator<Uint8Array> {
  const high = new Uint8Array(256);
  const low = new Uint8Array(256);
  for (let byte = 0; byte < 256; byte++) {
    high[byte] = HEX.charCodeAt(byte >> 4);
    low[byte] = HEX.charCodeAt(byte & 15);
  }
  const line = 2 * bytes + 1;
  const perChunk = Math.max(1, Math.floor(chunkBytes / line));
  const source = new Uint8Array(Math.min(perChunk, count) * bytes);
  let left = count;
  while (left > 0) {
    const keys = Math.min(perChunk, left);
    const input = source.subarray(0, keys * bytes);
    cryptoFill(input, random);
    const out = buffer(keys * line);
    let o = 0;
    let i = 0;
    for (let k = 0; k < keys; k++) {
      const end = i + bytes;
      for (; i < end; i++) {
        const byte = input[i]!;
        out[o++] = high[byte]!;
        out[o++] = low[byte]!;
      }
      out[o++] = NEWLINE;
    }
    left -= keys;
    yield out;
  }
}

/**
 * Sampled keys in bulk: characters are drawn two at a time into a pool of
 * 64 Ki characters, then copied out a key at a time with its newline. When
 * the pool runs short, its tail is dropped and a new one drawn; which
 * characters are dropped does not depend on their values, so the keys stay
 * uniform.
 */
function* sampledChunks(
  table: Uint16Array,
  length: number,
  count: number,
  chunkBytes: number,
  random: RandomSource,
  buffer: (size: number) => Uint8Array,
): Generator<Uint8Array> {
  const line = length + 1;
  const perChunk = Math.max(1, Math.floor(chunkBytes / line));
  const poolSize = Math.max(65_536, length);
  let pool: Uint8Array = new Uint8Array(0);
  let position = 0;
  let left = count;
  while (left > 0) {
    const keys = Math.min(perChunk, left);
    const out = buffer(keys * line);
    let o = 0;
    for (let k = 0; k < keys; k++) {
      if (position + length > pool.length) {
        pool = drawCodePairs(poolSize, poolSize, table, random);
        position = 0;
      }
      out.set(pool.subarray(position, position + length), o);
      position += length;
      o += length;
      out[o++] = NEWLINE;
    }
    left -= keys;
    yield out;
  }
}

function* generalChunks(
  spec: KeySpec,
  chunkBytes: number,
  random: RandomSource,
  buffer: (size: number) => Uint8Array,
): Generator<Uint8Array> {
  const next = createKeyGenerator(spec, { random });
  const encoder = new TextEncoder();
  let out = buffer(chunkBytes);
  let o = 0;
  for (let k = 0; k < spec.count; k++) {
    const line = encoder.encode(next() + "\n");
    if (o + line.length > out.length) {
      if (o > 0) yield out.subarray(0, o);
      out = buffer(Math.max(chunkBytes, line.length));
      o = 0;
    }
    out.set(line, o);
    o += line.length;
  }
  if (o > 0) yield out.subarray(0, o);
}

/**
 * Returns where chunks are written: a fresh array each time, or views into
 * one array that grows when a chunk needs more room.
 */
function output(reuse: boolean): (size: number) => Uint8Array {
  if (!reuse) return (size) => new Uint8Array(size);
  let shared = new Uint8Array(0);
  return (size) => {
    if (shared.length < size) shared = new Uint8Array(size);
    return shared.subarray(0, size);
  };
}

/** Fills `target` from `random`, which may return a fresh array. */
function cryptoFill(
  target: Uint8Array<ArrayBuffer>,
  random: RandomSource,
): void {
  const result = random(target);
  if (result !== target) target.set(result.subarray(0, target.length));
}

/**
 * Keys in bulk: `spec.count` keys as text, one per line, in byte chunks,
 * for the CLI's millions and the API's streamed answers.
 *
 * @module
 */

import {
  cachedPairTable,
  drawCodePairs,
  fill,
  POOLED,
  singleByteCodes,
} from "./_sampler.ts";
import { keyMaker, readRandom, strongRequest } from "./_make.ts";
import type { KeyInput } from "./generate.ts";
import type { RandomOptions, RandomSource } from "./random.ts";
import { NONE } from "./spec.ts";

/** Options for {@linkcode keyChunks}. */
export interface KeyChunksOptions extends RandomOptions {
  /**
   * The size each chunk aims for, in bytes; at least 1024.
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

const CHUNK_OPTIONS = ["random", "chunkBytes", "reuse"] as const;
const HEX = "0123456789abcdef";
const NEWLINE = 10;

/**
 * Makes `count` keys as UTF-8 text, one per line, in chunks of about
 * `chunkBytes` bytes. Memory stays bounded whatever the count: a writer
 * takes each chunk as it comes. Plain hex keys and keys of a single-byte
 * alphabet without a lead are written straight into the output, from
 * random bytes drawn a chunk's worth at a time, without building strings;
 * every other kind goes through the prepared generator.
 *
 * @param input What to make, with its count: options, or a spec.
 * @param options `random`, the chunk size, and whether to reuse one buffer.
 * @returns A generator of byte chunks; together they hold `count` lines.
 * @throws {TypeError} For options of the wrong type, unknown or that conflict.
 * @throws {RangeError} For an unknown format or preset, a size or count out
 * of bounds, or fewer than 128 bits without `allowWeak`.
 *
 * @example A thousand keys
 * ```ts
 * import { keyChunks } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * let text = "";
 * const decoder = new TextDecoder();
 * for (const chunk of keyChunks({ count: 1000 })) {
 *   text += decoder.decode(chunk);
 * }
 * const lines = text.split("\n");
 * assert.equal(lines.length, 1001);
 * assert.match(lines[0]!, /^[0-9a-f]{64}$/);
 * ```
 */
export function keyChunks(
  input: KeyInput = NONE,
  options: KeyChunksOptions = NONE,
): Generator<Uint8Array> {
  // Checked here, before the first chunk is asked for.
  const spec = strongRequest(input);
  const random = readRandom(options, CHUNK_OPTIONS);
  const chunkBytes = Math.max(1024, readChunkBytes(options.chunkBytes));
  const buffer = output(options.reuse === true);
  const plain = spec.lead === "" && !spec.checksum;
  const sampled = spec.bytes === undefined;
  if (plain && !sampled && spec.format === "hex") {
    return hexChunks(spec.bytes!, spec.count, chunkBytes, random, buffer);
  }
  // Codes are written as bytes, so only ASCII is UTF-8 as it stands; a
  // Latin-1 alphabet goes through the encoder like any other.
  const codes = singleByteCodes(Array.from(spec.alphabet));
  const ascii = codes !== undefined && codes.every((code) => code < 128);
  if (plain && sampled && ascii) {
    return sampledChunks(
      cachedPairTable(spec.alphabet, codes!),
      spec.bodyLength,
      spec.count,
      chunkBytes,
      random,
      buffer,
    );
  }
  return generalChunks(
    keyMaker(spec, random, POOLED),
    spec.count,
    chunkBytes,
    buffer,
  );
}

function readChunkBytes(value: unknown): number {
  if (value === undefined) return 65_536;
  if (!Number.isSafeInteger(value) || (value as number) < 1) {
    throw new RangeError(
      "Cannot read option chunkBytes: expected a positive whole number",
    );
  }
  return Math.min(value as number, 1 << 24);
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
    const input = fill(source.subarray(0, keys * bytes), random);
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
  next: () => string,
  count: number,
  chunkBytes: number,
  buffer: (size: number) => Uint8Array,
): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let out = buffer(chunkBytes);
  let o = 0;
  for (let k = 0; k < count; k++) {
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

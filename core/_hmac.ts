/**
 * HMAC-SHA256 with a key prepared once and run synchronously, for the short
 * messages webhooks sign: an asynchronous Web Crypto call costs more in its
 * round trip to a worker thread than the HMAC of a typical delivery.
 *
 * Two engines, with identical results (the tests run both on every scheme):
 *
 * - `noble`: `@noble/hashes` (audited, no dependencies), which runs
 *   anywhere. Plain TypeScript hashes more slowly per byte than Web Crypto,
 *   so it takes messages up to {@linkcode NOBLE_MAX_BYTES}; text is encoded
 *   into one reused buffer, not a new one per message.
 * - `native`: the runtime's own SHA-256, where the runtime lends
 *   `node:crypto` through `globalThis.process.getBuiltinModule` (Deno 2,
 *   Node.js 20.16+, Bun). That is a function found by feature detection at
 *   run time, not an import: core imports nothing but Web APIs and
 *   `@noble/hashes`, and where there is no `process` (a browser) only the
 *   first engine runs. Text goes to it as it is, unencoded and uncopied.
 *
 * Looking `node:crypto` up costs Deno about 25 ms, once, which a process
 * that checks one delivery (a CLI call) would spend for a few microseconds.
 * So keys start on `noble`, and the lookup waits until the process has made
 * {@linkcode NATIVE_AFTER_MACS} MACs: from then on keys are prepared on the
 * native engine, and the key cache prepares its keys again.
 *
 * A message over the engine's bound gets `undefined`, and the caller asks
 * Web Crypto.
 *
 * @module
 */

import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";

/** Which engine prepared a key. */
export type HmacEngine = "native" | "noble";

/** A key prepared for synchronous HMAC-SHA256. */
export interface SyncHmac {
  /** The engine that runs it. */
  readonly engine: HmacEngine;
  /**
   * The HMAC-SHA256 of `head` then `body` (text as UTF-8), or undefined
   * when the message is over the engine's bound.
   */
  mac(head: string, body: string | Uint8Array): Uint8Array | undefined;
}

/**
 * After this many MACs on the noble engine, the process has shown that it
 * checks deliveries in numbers, and the native engine is looked up. Each
 * native MAC of a 1.5 KB delivery saves several microseconds, so the lookup
 * pays for itself within a few thousand more.
 */
export const NATIVE_AFTER_MACS = 1024;

/** The longest message, in bytes, that `@noble/hashes` MACs. */
export const NOBLE_MAX_BYTES = 4096;
/**
 * The longest message, in bytes or UTF-16 code units of text, that the
 * native engine MACs on the calling thread; Web Crypto takes a longer one
 * to a worker thread instead of holding up the caller's.
 */
export const NATIVE_MAX_LENGTH = 65_536;

/** The part of `node:crypto` this module uses. */
interface NativeCrypto {
  createHash(algorithm: "sha256"): NativeHash;
}
interface NativeHash {
  update(data: string | Uint8Array): NativeHash;
  copy(): NativeHash;
  digest(): Uint8Array;
}

/** `node:crypto` once looked up: null where the runtime lends none. */
let native: NativeCrypto | null | undefined;
let forced: HmacEngine | undefined;
let nobleMacs = 0;

/** Looks `node:crypto` up, once; null where the runtime does not lend it. */
function lookUpNative(): NativeCrypto | null {
  if (native !== undefined) return native;
  native = null;
  try {
    const runtime = (globalThis as {
      process?: { getBuiltinModule?: (id: string) => unknown };
    }).process;
    const found = runtime?.getBuiltinModule?.("node:crypto") as
      | Partial<NativeCrypto>
      | undefined;
    if (
      typeof found?.createHash === "function" &&
      typeof found.createHash("sha256").copy === "function"
    ) {
      native = found as NativeCrypto;
    }
  } catch {
    // A runtime that refuses the lookup lends no engine.
  }
  return native;
}

/**
 * Forces the engine for keys prepared from now on, so that tests and the
 * bench can run both in one process (forcing `native` has the next key
 * prepared look it up); `undefined` restores the automatic choice. Forcing `native` where
 * there is none still gives `noble`.
 */
export function useHmacEngine(engine: HmacEngine | undefined): void {
  forced = engine;
}

/** The engine {@linkcode prepareHmac} picks now. */
export function hmacEngine(): HmacEngine {
  if (forced === "noble") return "noble";
  const found = forced === "native" ? lookUpNative() : native;
  return found ? "native" : "noble";
}

const encoder = /* @__PURE__ */ new TextEncoder();
/**
 * Where the noble engine encodes text: room for {@linkcode NOBLE_MAX_BYTES}
 * UTF-16 code units at 3 bytes each, so a message within the bound always
 * fits. Each use is synchronous, start to digest, so one buffer serves all.
 */
let scratch: Uint8Array | undefined;

/**
 * Prepares `key` (text is keyed as its UTF-8 bytes) for synchronous
 * HMAC-SHA256. Both engines keep only the hash states after the RFC 2104
 * key blocks and copy them for each message; no key bytes are kept.
 */
export function prepareHmac(key: string | Uint8Array): SyncHmac {
  const bytes = typeof key === "string" ? encoder.encode(key) : key;
  const crypto = hmacEngine() === "native" ? native : null;
  try {
    return crypto ? nativeHmac(crypto, bytes) : nobleHmac(bytes);
  } finally {
    if (bytes !== key) bytes.fill(0);
  }
}

function nativeHmac(crypto: NativeCrypto, key: Uint8Array): SyncHmac {
  // RFC 2104: a key longer than the 64-byte block is hashed first; the key,
  // padded with zeros to the block, is XORed with 0x36 for the inner hash
  // and with 0x5c for the outer one. The runtime's createHmac would do the
  // same, but keys afresh per message, at twice the cost in Deno.
  const block = new Uint8Array(64);
  if (key.length > block.length) {
    const hashed = crypto.createHash("sha256").update(key).digest();
    block.set(hashed);
    hashed.fill(0);
  } else {
    block.set(key);
  }
  for (let i = 0; i < block.length; i++) block[i]! ^= 0x36;
  const inner = crypto.createHash("sha256").update(block);
  for (let i = 0; i < block.length; i++) block[i]! ^= 0x36 ^ 0x5c;
  const outer = crypto.createHash("sha256").update(block);
  block.fill(0);
  return {
    engine: "native",
    mac(head, body) {
      if (head.length + body.length > NATIVE_MAX_LENGTH) return undefined;
      const message = inner.copy();
      if (typeof body === "string") message.update(head + body);
      else message.update(head).update(body);
      return outer.copy().update(message.digest()).digest();
    },
  };
}

function nobleHmac(key: Uint8Array): SyncHmac {
  const keyed = hmac.create(sha256, key);
  return {
    engine: "noble",
    mac(head, body) {
      if (head.length + body.length > NOBLE_MAX_BYTES) return undefined;
      scratch ??= new Uint8Array(3 * NOBLE_MAX_BYTES);
      const text = typeof body === "string";
      const { written } = encoder.encodeInto(
        text ? head + body : head,
        scratch,
      );
      if (written + (text ? 0 : body.length) > NOBLE_MAX_BYTES) {
        return undefined;
      }
      const state = keyed.clone().update(scratch.subarray(0, written));
      if (!text) state.update(body);
      if (++nobleMacs === NATIVE_AFTER_MACS && forced === undefined) {
        lookUpNative();
      }
      return state.digest();
    },
  };
}

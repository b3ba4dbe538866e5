/**
 * The keys webhook schemes sign and verify with, imported once per secret
 * and kept in a small cache.
 *
 * Importing an HMAC key costs more than the HMAC of a typical delivery, so
 * a receiver that checks every request with the same secret would spend
 * most of its time importing. The cache holds at most
 * {@linkcode KEY_CACHE_SIZE} keys, least recently used first out, and drops
 * any key unused for {@linkcode KEY_IDLE_MS} at the next call. Its entries
 * are the secret text (which the caller holds anyway), a non-extractable
 * `CryptoKey` and, for HMAC, the hash states after the key blocks that the
 * synchronous path copies per message (`_hmac.ts`); no decoded key bytes
 * are kept.
 *
 * @module
 */

import { hmacEngine, prepareHmac, type SyncHmac } from "./_hmac.ts";
import { contentBytes, type SignedContent } from "./_webhook_input.ts";
import {
  importStandardWebhookSigningKey,
  importStandardWebhookVerifyingKey,
} from "./standard_webhook_keys.ts";

/** The most keys the cache holds. */
export const KEY_CACHE_SIZE = 32;
/** A key unused for this many milliseconds is dropped at the next call. */
export const KEY_IDLE_MS = 300_000; // five minutes: a literal, which bundlers drop

/** A key ready for one scheme: an HMAC key, or one half of an Ed25519 pair. */
export interface WebhookKey {
  /** `hmac` keys sign and check `v1`-style MACs, `ed25519` keys `v1a`. */
  readonly kind: "hmac" | "ed25519";
  /** The Web Crypto key. */
  readonly key: CryptoKey;
  /** For HMAC keys, the same key prepared for synchronous MACs (`_hmac.ts`). */
  readonly keyed?: SyncHmac;
}

interface Entry {
  key: Promise<WebhookKey>;
  /** The key once imported, so that a hit needs no await. */
  ready?: WebhookKey;
  used: number;
  /** Whether the key is being prepared again for the native HMAC engine. */
  moving?: boolean;
}

const cache = new Map<string, Entry>();

/**
 * The key for `secret`, from the cache (the key itself once imported) or
 * made by `make` (whose promise is cached, so concurrent calls import once;
 * a rejected import is not kept).
 *
 * @param tag Which reading of the secret this is, e.g. `hmac-text`.
 * @param secret The secret text as the caller gave it.
 * @param make Decodes and imports the key; may throw synchronously.
 */
export function cachedKey(
  tag: string,
  secret: string,
  make: () => Promise<WebhookKey>,
): WebhookKey | Promise<WebhookKey> {
  const now = Date.now();
  // Map order is use order (a hit is moved to the end), so idle entries
  // are at the front.
  for (const [id, entry] of cache) {
    if (now - entry.used < KEY_IDLE_MS) break;
    cache.delete(id);
  }
  const id = `${tag}\n${secret}`;
  const hit = cache.get(id);
  if (hit !== undefined) {
    cache.delete(id);
    hit.used = now;
    cache.set(id, hit);
    const ready = hit.ready;
    if (
      ready?.keyed?.engine === "noble" && !hit.moving &&
      hmacEngine() === "native"
    ) {
      // The process turned out to MAC in numbers (`_hmac.ts`): prepare the
      // key again on the native engine, and keep serving this one meanwhile.
      hit.moving = true;
      make().then((moved) => {
        hit.ready = moved;
        hit.key = Promise.resolve(moved);
      }, () => {});
    }
    return ready ?? hit.key;
  }
  const key = make();
  const entry: Entry = { key, used: now };
  key.then((ready) => {
    entry.ready = ready;
  }, () => {
    if (cache.get(id) === entry) cache.delete(id);
  });
  cache.set(id, entry);
  if (cache.size > KEY_CACHE_SIZE) {
    cache.delete(cache.keys().next().value!);
  }
  return key;
}

/**
 * Empties the cache of imported webhook keys, so that no secret stays
 * referenced by keymint, e.g. after a rotation.
 *
 * @example
 * ```ts
 * import { forgetWebhookKeys, signWebhook } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * await signWebhook("github", { secret: "s", body: "" });
 * forgetWebhookKeys();
 * assert.ok(true);
 * ```
 */
export function forgetWebhookKeys(): void {
  cache.clear();
}

/** How many keys the cache holds now (for tests). */
export function cachedKeyCount(): number {
  return cache.size;
}

/** The HMAC engine of each cached key ready now, oldest first (for tests). */
export function cachedKeyEngines(): string[] {
  return [...cache.values()].map((entry) =>
    entry.ready?.keyed?.engine ?? "none"
  );
}

const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * An HMAC-SHA256 key from raw bytes or from text (keyed as its UTF-8
 * bytes), for signing (and checking by signing).
 */
export async function hmacKey(
  secret: Uint8Array | string,
): Promise<WebhookKey> {
  const raw = typeof secret === "string"
    ? encoder.encode(secret)
    : new Uint8Array(secret);
  try {
    const key = await crypto.subtle.importKey(
      "raw",
      raw,
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign"],
    );
    const keyed = prepareHmac(raw);
    return { kind: "hmac", key, keyed };
  } finally {
    raw.fill(0);
  }
}

/** The Ed25519 signing key of a `whsk_` string. */
export async function ed25519SigningKey(text: string): Promise<WebhookKey> {
  return { kind: "ed25519", key: await importStandardWebhookSigningKey(text) };
}

/** The Ed25519 verifying key of a `whpk_` string. */
export async function ed25519VerifyingKey(text: string): Promise<WebhookKey> {
  return {
    kind: "ed25519",
    key: await importStandardWebhookVerifyingKey(text),
  };
}

/**
 * The HMAC-SHA256 of `content`: synchronously within the engine's bound
 * (`_hmac.ts`), else a promise of it from Web Crypto, whose fixed cost per
 * call (a round trip to a worker thread) is then the smaller cost.
 */
export function macOf(
  key: WebhookKey,
  content: SignedContent,
): Uint8Array | Promise<Uint8Array> {
  const mac = key.keyed?.mac(content.head, content.body);
  if (mac !== undefined) return mac;
  return crypto.subtle.sign("HMAC", key.key, contentBytes(content)).then((
    bytes,
  ) => new Uint8Array(bytes));
}

/** The MAC (HMAC-SHA256) or signature (Ed25519) of `content`. */
export async function signBytes(
  key: WebhookKey,
  content: SignedContent,
): Promise<Uint8Array> {
  if (key.kind === "hmac") return await macOf(key, content);
  return new Uint8Array(
    await crypto.subtle.sign("Ed25519", key.key, contentBytes(content)),
  );
}

/** Whether `signature` is an Ed25519 signature of `data` under `key`. */
export async function verifyEd25519(
  key: WebhookKey,
  signature: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
): Promise<boolean> {
  return await crypto.subtle.verify("Ed25519", key.key, signature, data);
}

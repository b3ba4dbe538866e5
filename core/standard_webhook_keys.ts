/**
 * The Standard Webhooks key strings for asymmetric (`v1a`) signatures.
 *
 * The spec's "Symmetric vs asymmetric" table defines them: a standard
 * Ed25519 key pair, each key base64 encoded (the standard alphabet, with
 * padding) and prefixed, `whsk_` for the secret (signing) key and `whpk_`
 * for the public (verifying) key. A standard Ed25519 key is the one RFC 8032
 * section 5.1.5 defines: the 32-byte private key (the seed) and the 32-byte
 * public key. So `whsk_` carries 44 base64 characters and `whpk_` 44.
 * libsodium writes a secret key as 64 bytes (seed then public key); that
 * form is read too, when its two halves agree, but never written.
 *
 * Everything runs on Web Crypto's Ed25519, nothing else.
 *
 * @module
 */

import { fromBase64, toBase64 } from "./_bytes.ts";

/** The prefix of a Standard Webhooks signing (secret) key. */
export const STANDARD_WEBHOOK_SIGNING_PREFIX = "whsk_";
/** The prefix of a Standard Webhooks verifying (public) key. */
export const STANDARD_WEBHOOK_VERIFYING_PREFIX = "whpk_";

/** Options for the Standard Webhooks key importers. */
export interface ImportStandardWebhookKeyOptions {
  /**
   * Whether the imported `CryptoKey` may be exported again. Verifying keys
   * are public and always extractable.
   *
   * @default {false}
   */
  extractable?: boolean;
}

// A whsk_ string of the 64-byte form is 5 + 88 characters; anything longer is
// refused before it is decoded.
const MAX_KEY_TEXT = 5 + 88;
// PKCS#8 for Ed25519 (RFC 8410 section 7): this DER header, then the seed.
const PKCS8_HEAD = /* @__PURE__ */ Uint8Array.of(
  0x30,
  0x2e,
  0x02,
  0x01,
  0x00,
  0x30,
  0x05,
  0x06,
  0x03,
  0x2b,
  0x65,
  0x70,
  0x04,
  0x22,
  0x04,
  0x20,
);
const ED25519 = { name: "Ed25519" } as const;

/**
 * Writes an Ed25519 key pair as the Standard Webhooks `whsk_`/`whpk_`
 * strings: the base64 of the 32-byte private key and of the 32-byte public
 * key.
 *
 * @param pair An Ed25519 key pair whose private key is extractable.
 * @returns `signingKey` (`whsk_...`, a secret) and `verifyingKey` (`whpk_...`).
 * @throws {TypeError} When the pair is not an Ed25519 pair or its private key
 * cannot be exported.
 *
 * @example Make a pair and write it
 * ```ts
 * import { formatStandardWebhookKeys } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pair = await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]);
 * const { signingKey, verifyingKey } = await formatStandardWebhookKeys(
 *   pair as CryptoKeyPair,
 * );
 * assert.match(signingKey, /^whsk_[A-Za-z0-9+/]{43}=$/);
 * assert.match(verifyingKey, /^whpk_[A-Za-z0-9+/]{43}=$/);
 * ```
 */
export async function formatStandardWebhookKeys(
  pair: CryptoKeyPair,
): Promise<{ signingKey: string; verifyingKey: string }> {
  const action = "write Standard Webhooks keys";
  if (typeof pair !== "object" || pair === null) {
    throw new TypeError(`Cannot ${action}: expected a CryptoKeyPair`);
  }
  const { privateKey, publicKey } = pair;
  checkKey(action, privateKey, "private");
  checkKey(action, publicKey, "public");
  if (!privateKey.extractable) {
    throw new TypeError(
      `Cannot ${action}: the private key is not extractable; generate it with extractable set to true`,
    );
  }
  const jwk = await crypto.subtle.exportKey("jwk", privateKey);
  const seed = jwk.d === undefined ? undefined : fromBase64Url(jwk.d);
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", publicKey));
  const own = jwk.x === undefined ? undefined : fromBase64Url(jwk.x);
  if (seed?.length !== 32 || own === undefined || !sameBytes(own, raw)) {
    throw new TypeError(
      `Cannot ${action}: the public key does not belong to the private key`,
    );
  }
  return {
    signingKey: STANDARD_WEBHOOK_SIGNING_PREFIX + toBase64(seed),
    verifyingKey: STANDARD_WEBHOOK_VERIFYING_PREFIX + toBase64(raw),
  };
}

/**
 * Reads a Standard Webhooks signing key (`whsk_` and the base64 of the
 * 32-byte Ed25519 private key, or of libsodium's 64-byte form) into a
 * Web Crypto key that signs.
 *
 * @param text The `whsk_...` string, exactly (no surrounding white space).
 * @param options Whether the key may be exported again.
 * @returns An Ed25519 private `CryptoKey` with the `sign` usage.
 * @throws {TypeError} When `text` is not a string.
 * @throws {SyntaxError} When it does not start with `whsk_` or the rest is
 * not canonical padded base64; the message never repeats the key.
 * @throws {RangeError} When the key is not 32 (or 64) bytes, or the two
 * halves of a 64-byte key disagree.
 *
 * @example Sign with an imported key
 * ```ts
 * import {
 *   formatStandardWebhookKeys,
 *   importStandardWebhookSigningKey,
 *   importStandardWebhookVerifyingKey,
 * } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pair = await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"]);
 * const keys = await formatStandardWebhookKeys(pair as CryptoKeyPair);
 * const signer = await importStandardWebhookSigningKey(keys.signingKey);
 * const verifier = await importStandardWebhookVerifyingKey(keys.verifyingKey);
 * const data = new TextEncoder().encode("msg_1.1614265330.{}");
 * const signature = await crypto.subtle.sign("Ed25519", signer, data);
 * assert.equal(await crypto.subtle.verify("Ed25519", verifier, signature, data), true);
 * ```
 */
export async function importStandardWebhookSigningKey(
  text: string,
  options: ImportStandardWebhookKeyOptions = {},
): Promise<CryptoKey> {
  const action = "read the Standard Webhooks signing key";
  const bytes = decodeKeyText(action, text, STANDARD_WEBHOOK_SIGNING_PREFIX);
  if (bytes.length !== 32 && bytes.length !== 64) {
    throw new RangeError(
      `Cannot ${action}: it holds ${bytes.length} bytes; an Ed25519 private key is 32 (or 64 with its public key)`,
    );
  }
  const seed = bytes.subarray(0, 32);
  const extractable = options.extractable ?? false;
  if (bytes.length === 64) {
    const probe = await importSeed(seed, true);
    const jwk = await crypto.subtle.exportKey("jwk", probe);
    const own = jwk.x === undefined ? undefined : fromBase64Url(jwk.x);
    if (own === undefined || !sameBytes(own, bytes.subarray(32))) {
      throw new RangeError(
        `Cannot ${action}: its last 32 bytes are not the public key of its first 32`,
      );
    }
    if (extractable) return probe;
  }
  return await importSeed(seed, extractable);
}

/**
 * Reads a Standard Webhooks verifying key (`whpk_` and the base64 of the
 * 32-byte Ed25519 public key) into a Web Crypto key that verifies.
 *
 * @param text The `whpk_...` string, exactly (no surrounding white space).
 * @returns An Ed25519 public `CryptoKey` with the `verify` usage.
 * @throws {TypeError} When `text` is not a string.
 * @throws {SyntaxError} When it does not start with `whpk_` or the rest is
 * not canonical padded base64.
 * @throws {RangeError} When the key is not 32 bytes or not a valid point.
 *
 * @example Read the public half of RFC 8032's first test key
 * ```ts
 * import { importStandardWebhookVerifyingKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const key = await importStandardWebhookVerifyingKey(
 *   "whpk_11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=",
 * );
 * assert.equal(key.type, "public");
 * assert.deepEqual(key.usages, ["verify"]);
 * ```
 */
export async function importStandardWebhookVerifyingKey(
  text: string,
): Promise<CryptoKey> {
  const action = "read the Standard Webhooks verifying key";
  const bytes = decodeKeyText(action, text, STANDARD_WEBHOOK_VERIFYING_PREFIX);
  if (bytes.length !== 32) {
    throw new RangeError(
      `Cannot ${action}: it holds ${bytes.length} bytes; an Ed25519 public key is 32`,
    );
  }
  try {
    return await crypto.subtle.importKey("raw", bytes, ED25519, true, [
      "verify",
    ]);
  } catch {
    throw new RangeError(
      `Cannot ${action}: its 32 bytes are not an Ed25519 public key`,
    );
  }
}

function decodeKeyText(
  action: string,
  text: unknown,
  prefix: string,
): Uint8Array<ArrayBuffer> {
  if (typeof text !== "string") {
    throw new TypeError(`Cannot ${action}: expected a string`);
  }
  if (!text.startsWith(prefix)) {
    const other = prefix === STANDARD_WEBHOOK_SIGNING_PREFIX
      ? STANDARD_WEBHOOK_VERIFYING_PREFIX
      : STANDARD_WEBHOOK_SIGNING_PREFIX;
    throw new SyntaxError(
      text.startsWith(other)
        ? `Cannot ${action}: it starts with ${other}, the other half of the pair; expected ${prefix}`
        : `Cannot ${action}: it does not start with ${prefix}`,
    );
  }
  const body = text.length > MAX_KEY_TEXT ? undefined : text.slice(5);
  const bytes = body === undefined ? undefined : fromBase64(body);
  if (bytes === undefined) {
    throw new SyntaxError(
      `Cannot ${action}: it is not ${prefix} followed by padded standard base64 of an Ed25519 key`,
    );
  }
  return new Uint8Array(bytes);
}

async function importSeed(
  seed: Uint8Array,
  extractable: boolean,
): Promise<CryptoKey> {
  const der = new Uint8Array(PKCS8_HEAD.length + 32);
  der.set(PKCS8_HEAD);
  der.set(seed, PKCS8_HEAD.length);
  try {
    return await crypto.subtle.importKey("pkcs8", der, ED25519, extractable, [
      "sign",
    ]);
  } finally {
    der.fill(0);
  }
}

function checkKey(action: string, key: unknown, type: KeyType): void {
  if (
    !(key instanceof CryptoKey) || key.type !== type ||
    key.algorithm.name !== "Ed25519"
  ) {
    throw new TypeError(
      `Cannot ${action}: the ${type} key is not an Ed25519 ${type} CryptoKey`,
    );
  }
}

function fromBase64Url(text: string): Uint8Array | undefined {
  const standard = text.replaceAll("-", "+").replaceAll("_", "/");
  return fromBase64(standard.padEnd(Math.ceil(text.length / 4) * 4, "="));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

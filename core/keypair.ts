/**
 * Signing key pairs: Ed25519, ECDSA (P-256, P-384, P-521) and RSA, made with
 * Web Crypto, for JWTs and asymmetric webhooks. Every form at once with
 * {@linkcode exportKeyPair}; signing and verifying for the same `alg`.
 *
 * @module
 */

import {
  checkAlgorithm,
  DEFAULT_RSA_BITS,
  isKeyPairKind,
  KEY_PAIR_KINDS,
  type KeyPairKind,
  keyParams,
  RSA_BITS,
  type SigningAlgorithm,
  type SigningKeyPair,
  type SigningKeys,
  signParams,
} from "./_keypair_algorithms.ts";
import {
  exportJwks,
  exportPrivateJwk,
  exportPublicJwk,
  type Jwks,
  type PrivateJwk,
  type PublicJwk,
} from "./jwk.ts";
import { exportPrivatePem, exportPublicPem } from "./pem.ts";
import { publicKeyOf } from "./jwk_import.ts";
import {
  formatStandardWebhookKeys,
  importStandardWebhookSigningKey,
  importStandardWebhookVerifyingKey,
} from "./standard_webhook_keys.ts";
import { quoteValue } from "./_quote.ts";
import { didYouMean } from "./suggest.ts";

export type {
  KeyPairKind,
  KeyPairKindInfo,
  RsaBits,
  SigningAlgorithm,
  SigningKeyPair,
  SigningKeys,
} from "./_keypair_algorithms.ts";
export { algorithmsFor, KEY_PAIR_KINDS } from "./_keypair_algorithms.ts";

/** Options for {@linkcode generateKeyPair}. */
export interface KeyPairOptions {
  /**
   * The RSA modulus size: 2048, 3072 or 4096. Other kinds have a fixed size
   * and accept only that figure.
   *
   * @default {2048 for rsa}
   */
  bits?: number;
  /**
   * The JWT algorithm: EdDSA or Ed25519 for ed25519, ES256 / ES384 / ES512
   * for p256 / p384 / p521, RS256 ... PS512 for rsa.
   *
   * @default {EdDSA, ES256, ES384, ES512 or RS256, by kind}
   */
  alg?: string;
}

/** Every form of one key pair, from {@linkcode exportKeyPair}. */
export interface ExportedKeyPair {
  /** The key kind. */
  kind: KeyPairKind;
  /** The JWT algorithm. */
  alg: SigningAlgorithm;
  /** The key size in bits. */
  bits: number;
  /** The RFC 7638 thumbprint: the `kid` of both JWKs. */
  kid: string;
  /** The private JWK: secret. */
  privateJwk: PrivateJwk;
  /** The public JWK. */
  publicJwk: PublicJwk;
  /** A JWKS document holding the public JWK. */
  jwks: Jwks;
  /** The private key as PKCS#8 PEM: secret. */
  privatePem: string;
  /** The public key as SPKI PEM. */
  publicPem: string;
  /**
   * For Ed25519 only (else null): the Standard Webhooks `whsk_` signing key
   * (secret) and `whpk_` verifying key, for `v1a` signatures.
   */
  standardWebhooks: { signingKey: string; verifyingKey: string } | null;
}

/** A named recipe for a common job. */
export interface KeyPairPreset {
  /** The key kind. */
  readonly kind: KeyPairKind;
  /** The JWT algorithm. */
  readonly alg: SigningAlgorithm;
  /** The form the CLI prints by default. */
  readonly form: "jwk" | "standard-webhooks";
  /** What it is for, one line. */
  readonly summary: string;
}

/** The key-pair presets, by name. */
export const KEY_PAIR_PRESETS: Readonly<Record<string, KeyPairPreset>> = {
  "jwt-eddsa": {
    kind: "ed25519",
    alg: "EdDSA",
    form: "jwk",
    summary: "JWT signing key, EdDSA over Ed25519 (RFC 8037)",
  },
  "jwt-es256": {
    kind: "p256",
    alg: "ES256",
    form: "jwk",
    summary: "JWT signing key, ECDSA P-256 with SHA-256 (RFC 7518)",
  },
  "jwt-rs256": {
    kind: "rsa",
    alg: "RS256",
    form: "jwk",
    summary: "JWT signing key, RSA 2048 PKCS#1 v1.5 with SHA-256 (RFC 7518)",
  },
  "standard-webhooks-ed25519": {
    kind: "ed25519",
    alg: "EdDSA",
    form: "standard-webhooks",
    summary: "Standard Webhooks v1a signing (whsk_) and verifying (whpk_) keys",
  },
};

/**
 * Makes a signing key pair with Web Crypto. Both keys are extractable, so
 * every export works; the private key only signs, the public key only
 * verifies.
 *
 * @param kind `ed25519`, `p256`, `p384`, `p521` or `rsa`.
 * @param options The RSA size and the JWT algorithm.
 * @returns The pair, with its kind, `alg` and size.
 * @throws {TypeError} For an unknown kind or an `alg` that does not fit it.
 * @throws {RangeError} For RSA below 2048 bits or a size keymint does not
 * make, or `bits` on a fixed-size kind that differs from its size.
 *
 * @example
 * ```ts
 * import { generateKeyPair } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pair = await generateKeyPair("ed25519");
 * assert.equal(pair.alg, "EdDSA");
 * assert.equal(pair.bits, 256);
 * await assert.rejects(generateKeyPair("rsa", { bits: 1024 }), RangeError);
 * await assert.rejects(generateKeyPair("p256", { alg: "RS256" }), TypeError);
 * ```
 */
export async function generateKeyPair(
  kind: KeyPairKind,
  options: KeyPairOptions = {},
): Promise<SigningKeyPair> {
  const checked = checkKind(kind);
  const alg = checkAlgorithm(checked, options.alg, "make a key pair");
  const bits = checkBits(checked, options.bits);
  const params = checked === "rsa"
    ? {
      ...keyParams(alg),
      modulusLength: bits,
      publicExponent: new Uint8Array([1, 0, 1]),
    }
    : keyParams(alg);
  const pair = await crypto.subtle.generateKey(params, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  return {
    kind: checked,
    alg,
    bits,
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
  };
}

function checkKind(kind: unknown): KeyPairKind {
  if (isKeyPairKind(kind)) return kind;
  const names = Object.keys(KEY_PAIR_KINDS);
  throw new TypeError(
    `Cannot make a key pair: unknown kind ${quoteValue(kind)}${
      typeof kind === "string" ? didYouMean(kind, names) : ""
    }; use one of ${names.join(", ")}`,
  );
}

function checkBits(kind: KeyPairKind, bits: unknown): number {
  const fixed = KEY_PAIR_KINDS[kind].bits;
  if (fixed !== undefined) {
    if (bits === undefined || bits === fixed) return fixed;
    throw new RangeError(
      `Cannot make a key pair: a ${kind} key is always ${fixed} bits; bits applies to rsa`,
    );
  }
  if (bits === undefined) return DEFAULT_RSA_BITS;
  if (typeof bits !== "number" || !Number.isInteger(bits)) {
    throw new TypeError(
      `Cannot make a key pair: bits must be a whole number, not ${
        quoteValue(bits)
      }`,
    );
  }
  if (bits < 2048) {
    throw new RangeError(
      `Cannot make a key pair: RSA below 2048 bits is refused (NIST SP 800-131A), not ${bits}; use ${
        RSA_BITS.join(", ")
      }`,
    );
  }
  if (!(RSA_BITS as readonly number[]).includes(bits)) {
    throw new RangeError(
      `Cannot make a key pair: RSA bits must be ${
        RSA_BITS.join(", ")
      }, not ${bits}`,
    );
  }
  return bits;
}

/**
 * Every form of a pair at once: private and public JWK (with the thumbprint
 * as `kid`), a JWKS, PKCS#8 and SPKI PEM.
 *
 * @param pair A pair from {@linkcode generateKeyPair} or an importer.
 * @returns The forms; `privateJwk` and `privatePem` are secret.
 *
 * @example
 * ```ts
 * import { exportKeyPair, generateKeyPair } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const out = await exportKeyPair(await generateKeyPair("p256"));
 * assert.equal(out.publicJwk.kid, out.kid);
 * assert.equal(out.privateJwk.kid, out.kid);
 * assert.deepEqual(out.jwks.keys, [out.publicJwk]);
 * assert.match(out.publicPem, /^-----BEGIN PUBLIC KEY-----/);
 * ```
 */
export async function exportKeyPair(
  pair: SigningKeyPair,
): Promise<ExportedKeyPair> {
  const [privateJwk, publicJwk, jwks, privatePem, publicPem, webhooks] =
    await Promise.all([
      exportPrivateJwk(pair),
      exportPublicJwk(pair),
      exportJwks([pair]),
      exportPrivatePem(pair),
      exportPublicPem(pair),
      pair.kind === "ed25519" ? formatStandardWebhookKeys(pair) : null,
    ]);
  return {
    kind: pair.kind,
    alg: pair.alg,
    bits: pair.bits,
    kid: publicJwk.kid,
    privateJwk,
    publicJwk,
    jwks,
    privatePem,
    publicPem,
    standardWebhooks: webhooks,
  };
}

/**
 * Imports a Standard Webhooks key string: a `whsk_` signing key (its public
 * key is derived) or a `whpk_` verifying key, as Ed25519 keys bound to
 * EdDSA, so every other form can be exported from them.
 *
 * @param text The `whsk_...` or `whpk_...` string.
 * @returns The keys, extractable.
 * @throws {SyntaxError} For text that is neither form; the message never
 * repeats the key.
 * @throws {RangeError} For a key of the wrong size.
 *
 * @example From whsk_ back to a JWK
 * ```ts
 * import { exportKeyPair, exportPublicJwk, generateKeyPair, importStandardWebhookKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const out = await exportKeyPair(await generateKeyPair("ed25519"));
 * const keys = await importStandardWebhookKey(out.standardWebhooks!.signingKey);
 * assert.deepEqual(await exportPublicJwk(keys), out.publicJwk);
 * ```
 */
export async function importStandardWebhookKey(
  text: string,
): Promise<SigningKeys> {
  const common = { kind: "ed25519", alg: "EdDSA", bits: 256 } as const;
  if (typeof text === "string" && text.startsWith("whpk_")) {
    const publicKey = await importStandardWebhookVerifyingKey(text);
    return { ...common, publicKey, privateKey: null };
  }
  const privateKey = await importStandardWebhookSigningKey(text, {
    extractable: true,
  });
  const publicKey = await publicKeyOf("ed25519", "EdDSA", privateKey);
  return { ...common, publicKey, privateKey };
}

/**
 * Signs `data` with the pair's private key, as JWS does for its `alg`:
 * Ed25519, ECDSA with `r || s` (not DER), RSASSA-PKCS1-v1_5 or RSA-PSS with
 * a salt as long as the hash.
 *
 * @param pair The pair (or imported keys with a private key).
 * @param data Bytes, or text signed as UTF-8.
 * @returns The signature bytes.
 * @throws {TypeError} When `pair` has no private key.
 *
 * @example
 * ```ts
 * import { generateKeyPair, signMessage, verifyMessage } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pair = await generateKeyPair("p256");
 * const signature = await signMessage(pair, "hello");
 * assert.equal(signature.length, 64);
 * assert.equal(await verifyMessage(pair, signature, "hello"), true);
 * assert.equal(await verifyMessage(pair, signature, "hellO"), false);
 * ```
 */
export async function signMessage(
  pair: SigningKeys,
  data: Uint8Array | string,
): Promise<Uint8Array> {
  if (pair.privateKey === null) {
    throw new TypeError("Cannot sign: these keys have no private key");
  }
  const signature = await crypto.subtle.sign(
    signParams(pair.alg),
    pair.privateKey,
    bytesOf(data),
  );
  return new Uint8Array(signature);
}

/**
 * Checks a signature made by {@linkcode signMessage} (or by any JWS
 * implementation for the same `alg`) with the public key.
 *
 * @param keys The keys holding the public key.
 * @param signature The signature bytes.
 * @param data The signed bytes, or text as UTF-8.
 * @returns Whether the signature is valid.
 *
 * @example
 * ```ts
 * import { generateKeyPair, signMessage, verifyMessage } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pair = await generateKeyPair("ed25519");
 * const signature = await signMessage(pair, "body");
 * assert.equal(await verifyMessage(pair, signature, "body"), true);
 * ```
 */
export async function verifyMessage(
  keys: SigningKeys,
  signature: Uint8Array,
  data: Uint8Array | string,
): Promise<boolean> {
  return await crypto.subtle.verify(
    signParams(keys.alg),
    keys.publicKey,
    signature as Uint8Array<ArrayBuffer>,
    bytesOf(data),
  );
}

function bytesOf(data: Uint8Array | string): Uint8Array<ArrayBuffer> {
  return (typeof data === "string"
    ? new TextEncoder().encode(data)
    : data) as Uint8Array<ArrayBuffer>;
}

/**
 * Signing keys as JSON Web Keys (RFC 7517): export with an RFC 7638
 * thumbprint as `kid`, JWKS documents, import, and the thumbprint itself.
 *
 * @module
 */

import { jwkThumbprint } from "./jwk_thumbprint.ts";
import {
  KEY_PAIR_KINDS,
  type SigningAlgorithm,
  type SigningKeyPair,
  type SigningKeys,
} from "./_keypair_algorithms.ts";

/** A public signing key as a JWK, as keymint writes it. */
export interface PublicJwk {
  /** The key type: `OKP` (Ed25519), `EC` or `RSA`. */
  kty: "OKP" | "EC" | "RSA";
  /** The curve, for `OKP` and `EC`. */
  crv?: string;
  /** The public point's x coordinate (or the Ed25519 public key), base64url. */
  x?: string;
  /** The public point's y coordinate (`EC`), base64url. */
  y?: string;
  /** The RSA modulus, base64url. */
  n?: string;
  /** The RSA public exponent, base64url. */
  e?: string;
  /** Always `sig`: these keys sign. */
  use: "sig";
  /** The RFC 7638 thumbprint (base64url SHA-256) of the public key. */
  kid: string;
  /** The JWT algorithm the key is for. */
  alg: SigningAlgorithm;
}

/** A private signing key as a JWK: the public members plus the private ones. */
export interface PrivateJwk extends PublicJwk {
  /** The private scalar or exponent, base64url. */
  d: string;
  /** RSA: the first prime factor. */
  p?: string;
  /** RSA: the second prime factor. */
  q?: string;
  /** RSA: the first factor's CRT exponent. */
  dp?: string;
  /** RSA: the second factor's CRT exponent. */
  dq?: string;
  /** RSA: the first CRT coefficient. */
  qi?: string;
}

/** A JWK Set (RFC 7517 section 5) of public keys: what a verifier fetches. */
export interface Jwks {
  /** The keys, public members only. */
  keys: PublicJwk[];
}

/** The public members of each `kty`. */
export const PUBLIC_MEMBERS = {
  OKP: ["crv", "x"],
  EC: ["crv", "x", "y"],
  RSA: ["n", "e"],
} as const;

/** The private members of each `kty`. */
export const PRIVATE_MEMBERS = {
  OKP: ["d"],
  EC: ["d"],
  RSA: ["d", "p", "q", "dp", "dq", "qi"],
} as const;

/** Every member that carries private key material, in any key type. */
export const PRIVATE_JWK_MEMBERS: readonly string[] = [
  "d",
  "p",
  "q",
  "dp",
  "dq",
  "qi",
  "oth",
  "k",
];

/**
 * The public key as a JWK with `kid` (its RFC 7638 thumbprint), `alg` and
 * `use`.
 *
 * @param keys Keys from `generateKeyPair` or an importer.
 * @returns The public JWK.
 *
 * @example
 * ```ts
 * import { exportPublicJwk, generateKeyPair } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const jwk = await exportPublicJwk(await generateKeyPair("p256"));
 * assert.equal(jwk.crv, "P-256");
 * assert.equal(jwk.alg, "ES256");
 * assert.match(jwk.kid, /^[A-Za-z0-9_-]{43}$/);
 * assert.equal("d" in jwk, false);
 * ```
 */
export async function exportPublicJwk(keys: SigningKeys): Promise<PublicJwk> {
  const raw = await crypto.subtle.exportKey("jwk", keys.publicKey);
  return await finishJwk(keys, raw, PUBLIC_MEMBERS) as PublicJwk;
}

/**
 * The private key as a JWK with `kid`, `alg` and `use`. It holds the secret:
 * keep it out of logs and JWKS documents.
 *
 * @param pair A pair with its private key.
 * @returns The private JWK (public members included).
 *
 * @example
 * ```ts
 * import { exportPrivateJwk, generateKeyPair } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const jwk = await exportPrivateJwk(await generateKeyPair("ed25519"));
 * assert.equal(jwk.kty, "OKP");
 * assert.match(jwk.d, /^[A-Za-z0-9_-]{43}$/);
 * ```
 */
export async function exportPrivateJwk(
  pair: SigningKeyPair,
): Promise<PrivateJwk> {
  const raw = await crypto.subtle.exportKey("jwk", pair.privateKey);
  return await finishJwk(
    pair,
    raw,
    PUBLIC_MEMBERS,
    PRIVATE_MEMBERS,
  ) as PrivateJwk;
}

/**
 * A JWKS document of the public halves of `keys`, in order.
 *
 * @param keys One or more key pairs or public keys.
 * @returns `{ keys: [...] }` with public members only.
 *
 * @example
 * ```ts
 * import { exportJwks, generateKeyPair } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const jwks = await exportJwks([await generateKeyPair("ed25519")]);
 * assert.equal(jwks.keys.length, 1);
 * assert.equal(jwks.keys[0]?.alg, "EdDSA");
 * ```
 */
export async function exportJwks(
  keys: readonly SigningKeys[],
): Promise<Jwks> {
  return { keys: await Promise.all(keys.map(exportPublicJwk)) };
}

async function finishJwk(
  keys: SigningKeys,
  raw: JsonWebKey,
  ...memberTables: Readonly<Record<string, readonly string[]>>[]
): Promise<PublicJwk | PrivateJwk> {
  const { kty } = KEY_PAIR_KINDS[keys.kind];
  const out: Record<string, unknown> = { kty };
  for (const table of memberTables) {
    for (const name of table[kty]!) {
      out[name] = (raw as Record<string, unknown>)[name];
    }
  }
  out.use = "sig";
  out.kid = await jwkThumbprint(out);
  out.alg = keys.alg;
  return out as unknown as PublicJwk;
}

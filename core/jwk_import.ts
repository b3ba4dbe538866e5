/**
 * Reading signing keys from JSON Web Keys and JWKS documents, checked: full
 * length members, and private halves that belong to their public ones.
 *
 * @module
 */

import {
  bitsOf,
  checkAlgorithm,
  KEY_PAIR_KINDS,
  type KeyPairKind,
  keyParams,
  type SigningAlgorithm,
  type SigningKeys,
  signParams,
} from "./_keypair_algorithms.ts";
import { PRIVATE_MEMBERS, PUBLIC_MEMBERS } from "./jwk.ts";

/** Options for {@linkcode importJwk} and the other importers. */
export interface ImportKeyOptions {
  /**
   * The JWT algorithm to bind the key to. For a JWK it must agree with the
   * JWK's own `alg` when both are present.
   *
   * @default {the JWK's `alg`, else the kind's default: EdDSA, ES256, ES384, ES512, RS256}
   */
  alg?: string;
}

/** The largest RSA modulus the importers accept, in bits. */
const MAX_RSA_BITS = 16384;

/** The most keys {@linkcode importJwks} reads from one document. */
export const MAX_JWKS_KEYS = 64;

/**
 * Imports a JWK (an object or its JSON text): public, or private with the
 * public key derived from it. `kid`, `use`, `key_ops` and `ext` are not
 * checked here (`inspectKeyMaterial` reports on them).
 *
 * @param jwk The JWK.
 * @param options The algorithm to bind the key to.
 * @returns The keys, extractable.
 * @throws {SyntaxError} For text that is not JSON, or key material that is
 * not a valid key of its kind.
 * @throws {TypeError} For a JWK keymint does not sign with, or an `alg` that
 * does not fit.
 * @throws {RangeError} For an RSA modulus over 16384 bits.
 *
 * @example A round trip
 * ```ts
 * import { exportPrivateJwk, generateKeyPair, importJwk } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const jwk = await exportPrivateJwk(await generateKeyPair("p384"));
 * const keys = await importJwk(jwk);
 * assert.equal(keys.kind, "p384");
 * assert.deepEqual(await exportPrivateJwk({ ...keys, privateKey: keys.privateKey! }), jwk);
 * ```
 */
export async function importJwk(
  jwk: unknown,
  options: ImportKeyOptions = {},
): Promise<SigningKeys> {
  const object = parseJson(jwk, "JWK");
  const kind = kindOfJwk(object);
  const own = object.alg;
  if (own !== undefined && options.alg !== undefined && own !== options.alg) {
    throw new TypeError(
      `Cannot import the JWK: its alg ${
        typeof own === "string" ? own : "member"
      } differs from the alg ${options.alg} asked for`,
    );
  }
  const alg = checkAlgorithm(kind, options.alg ?? own, "import the JWK");
  const { kty } = KEY_PAIR_KINDS[kind];
  if (kind === "rsa" && typeof object.n === "string") {
    if (object.n.length * 6 > MAX_RSA_BITS + 6) {
      throw new RangeError(
        `Cannot import the JWK: the RSA modulus is over ${MAX_RSA_BITS} bits`,
      );
    }
  }
  if ("oth" in object) {
    throw new TypeError(
      "Cannot import the JWK: multi-prime RSA keys (oth) are not supported",
    );
  }
  checkMemberLengths(object);
  const isPrivate = "d" in object;
  const material = pick(
    object,
    isPrivate
      ? [...PUBLIC_MEMBERS[kty], ...PRIVATE_MEMBERS[kty]]
      : PUBLIC_MEMBERS[kty],
  );
  const params = keyParams(alg);
  let privateKey: CryptoKey | null = null;
  let publicKey: CryptoKey;
  try {
    if (isPrivate) {
      privateKey = await crypto.subtle.importKey(
        "jwk",
        { kty, ...material },
        params,
        true,
        ["sign"],
      );
      // Derived from the private key, not copied from the JWK's members.
      publicKey = await publicKeyOf(kind, alg, privateKey);
      await checkPairMatches(alg, privateKey, publicKey);
    } else {
      publicKey = await crypto.subtle.importKey(
        "jwk",
        { kty, ...material },
        params,
        true,
        ["verify"],
      );
      // Some runtimes check the point only when the key is used: export
      // it once here, so a bad key fails now, as a bad JWK.
      await crypto.subtle.exportKey("jwk", publicKey);
    }
  } catch {
    throw new SyntaxError(
      `Cannot import the JWK: its key material is not a valid ${kind} key`,
    );
  }
  return { kind, alg, bits: bitsOf(kind, publicKey), publicKey, privateKey };
}

/**
 * Imports every key of a JWKS document (an object or its JSON text).
 *
 * @param jwks The document, `{ "keys": [...] }`.
 * @param options The algorithm for keys that name none.
 * @returns The keys, in order.
 * @throws {SyntaxError} As {@linkcode importJwk}, and for a document without
 * a `keys` array.
 * @throws {RangeError} For more than 64 keys.
 *
 * @example
 * ```ts
 * import { exportJwks, generateKeyPair, importJwks } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const jwks = await exportJwks([await generateKeyPair("ed25519")]);
 * const [keys] = await importJwks(JSON.stringify(jwks));
 * assert.equal(keys?.privateKey, null);
 * ```
 */
export async function importJwks(
  jwks: unknown,
  options: ImportKeyOptions = {},
): Promise<SigningKeys[]> {
  const document = parseJson(jwks, "JWKS");
  if (!Array.isArray(document.keys)) {
    throw new SyntaxError("Cannot import the JWKS: it has no keys array");
  }
  if (document.keys.length > MAX_JWKS_KEYS) {
    throw new RangeError(
      `Cannot import the JWKS: it holds more than ${MAX_JWKS_KEYS} keys`,
    );
  }
  const out: SigningKeys[] = [];
  for (const jwk of document.keys) {
    const own = (jwk as Record<string, unknown> | null)?.alg;
    out.push(await importJwk(jwk, own === undefined ? options : {}));
  }
  return out;
}

/** The kind a JWK's `kty` and `crv` name. */
export function kindOfJwk(jwk: Readonly<Record<string, unknown>>): KeyPairKind {
  for (const [kind, row] of Object.entries(KEY_PAIR_KINDS)) {
    if (jwk.kty === row.kty && (row.crv === undefined || jwk.crv === row.crv)) {
      return kind as KeyPairKind;
    }
  }
  throw new TypeError(
    "Cannot import the JWK: keymint reads Ed25519 (OKP), P-256, P-384, P-521 (EC) and RSA signing keys",
  );
}

/** RFC 7518 section 6.2.1: coordinates and `d` are full length, by curve. */
const MEMBER_LENGTHS: Readonly<Record<string, number>> = {
  "Ed25519": 43,
  "P-256": 43,
  "P-384": 64,
  "P-521": 88,
};

function checkMemberLengths(jwk: Readonly<Record<string, unknown>>): void {
  const length = typeof jwk.crv === "string"
    ? MEMBER_LENGTHS[jwk.crv]
    : undefined;
  if (length === undefined) return;
  for (const name of ["x", "y", "d"]) {
    const value = jwk[name];
    if (value === undefined) continue;
    if (typeof value !== "string" || value.length !== length) {
      throw new SyntaxError(
        `Cannot import the JWK: member ${name} must be ${length} base64url characters for ${jwk.crv}`,
      );
    }
  }
}

/**
 * Signs a probe and verifies it with the derived public key: RSA private
 * keys whose members disagree import without complaint in some runtimes,
 * then make signatures nothing verifies.
 *
 * @throws {SyntaxError} When the halves do not belong together.
 */
export async function checkPairMatches(
  alg: SigningAlgorithm,
  privateKey: CryptoKey,
  publicKey: CryptoKey,
): Promise<void> {
  const probe = new TextEncoder().encode("keymint key pair probe");
  const signature = await crypto.subtle.sign(
    signParams(alg),
    privateKey,
    probe,
  );
  if (
    !await crypto.subtle.verify(signParams(alg), publicKey, signature, probe)
  ) {
    throw new SyntaxError(
      "Cannot import the key: its private members do not belong together",
    );
  }
}

/** The derived public half of a private key, for importers of private keys. */
export async function publicKeyOf(
  kind: KeyPairKind,
  alg: SigningAlgorithm,
  privateKey: CryptoKey,
): Promise<CryptoKey> {
  const { kty } = KEY_PAIR_KINDS[kind];
  const raw = await crypto.subtle.exportKey("jwk", privateKey);
  return await crypto.subtle.importKey(
    "jwk",
    { kty, ...pick(raw as Record<string, unknown>, PUBLIC_MEMBERS[kty]) },
    keyParams(alg),
    true,
    ["verify"],
  );
}

function parseJson(
  value: unknown,
  what: "JWK" | "JWKS",
): Record<string, unknown> {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new SyntaxError(`Cannot import the ${what}: it is not JSON`);
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TypeError(`Cannot import the ${what}: it must be a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

function pick(
  from: Readonly<Record<string, unknown>>,
  names: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (from[name] !== undefined) out[name] = from[name];
  }
  return out;
}

/**
 * Signing keys as JSON Web Keys (RFC 7517): export with an RFC 7638
 * thumbprint as `kid`, JWKS documents, import, and the thumbprint itself.
 *
 * @module
 */

import { jwkThumbprint } from "./jwk_thumbprint.ts";
import {
  bitsOf,
  checkAlgorithm,
  KEY_PAIR_KINDS,
  type KeyPairKind,
  keyParams,
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

/** Options for {@linkcode importJwk} and the other importers. */
export interface ImportKeyOptions {
  /**
   * The JWT algorithm to bind the key to. For a JWK it must agree with the
   * JWK's own `alg` when both are present.
   *
   * @default {the JWK's `alg`, else the kind's default: EdDSA, ES256, ES384, ES512, RS256}
   */
  alg?: SigningAlgorithm;
}

const PUBLIC_MEMBERS = {
  OKP: ["crv", "x"],
  EC: ["crv", "x", "y"],
  RSA: ["n", "e"],
} as const;

const PRIVATE_MEMBERS = {
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

/** The largest RSA modulus the importers accept, in bits. */
const MAX_RSA_BITS = 16384;

/** The most keys {@linkcode importJwks} reads from one document. */
export const MAX_JWKS_KEYS = 64;

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

/**
 * The signing-key table: each key kind, the JWT `alg` values it serves, and
 * the Web Crypto parameters behind each. Everything in the key-pair files
 * reads its algorithm facts from here.
 */

import { quoteValue } from "./_quote.ts";

/** The kinds of signing key pair keymint makes. */
export type KeyPairKind = "ed25519" | "p256" | "p384" | "p521" | "rsa";

/**
 * The JWT (JWS) `alg` values keymint signs with: RFC 7518 section 3.1, plus
 * `EdDSA` (RFC 8037) and its fully specified name `Ed25519` (RFC 9864).
 */
export type SigningAlgorithm =
  | "EdDSA"
  | "Ed25519"
  | "ES256"
  | "ES384"
  | "ES512"
  | "RS256"
  | "RS384"
  | "RS512"
  | "PS256"
  | "PS384"
  | "PS512";

/** The RSA modulus sizes keymint makes. */
export type RsaBits = 2048 | 3072 | 4096;

/**
 * A public key with its JWT algorithm, and the private key when there is
 * one: what the importers return.
 */
export interface SigningKeys {
  /** The key kind. */
  readonly kind: KeyPairKind;
  /** The JWT algorithm the keys are bound to. */
  readonly alg: SigningAlgorithm;
  /** The key size in bits: 256 for Ed25519, the curve size, or the RSA modulus. */
  readonly bits: number;
  /** The public key (`verify`), extractable. */
  readonly publicKey: CryptoKey;
  /** The private key (`sign`), extractable, or null for a public key alone. */
  readonly privateKey: CryptoKey | null;
}

/** A freshly made or imported pair: both halves present. */
export interface SigningKeyPair extends SigningKeys {
  /** The private key (`sign`), extractable. */
  readonly privateKey: CryptoKey;
}

interface AlgorithmRow {
  readonly kind: KeyPairKind;
  /** Parameters for `generateKey`/`importKey` (RSA without the size). */
  readonly key: EcKeyImportParams | RsaHashedImportParams | Algorithm;
  /** Parameters for `sign`/`verify`. */
  readonly sign: EcdsaParams | RsaPssParams | Algorithm;
}

const ED25519 = { name: "Ed25519" };
const ecdsa = (
  kind: KeyPairKind,
  namedCurve: string,
  hash: string,
): AlgorithmRow => ({
  kind,
  key: { name: "ECDSA", namedCurve },
  sign: { name: "ECDSA", hash },
});
const pkcs1 = (hash: string): AlgorithmRow => ({
  kind: "rsa",
  key: { name: "RSASSA-PKCS1-v1_5", hash },
  sign: { name: "RSASSA-PKCS1-v1_5" },
});
// RFC 7518 section 3.5: the salt is as long as the hash output.
const pss = (hash: string, saltLength: number): AlgorithmRow => ({
  kind: "rsa",
  key: { name: "RSA-PSS", hash },
  sign: { name: "RSA-PSS", saltLength },
});

const ALGORITHMS: Readonly<Record<SigningAlgorithm, AlgorithmRow>> = {
  EdDSA: { kind: "ed25519", key: ED25519, sign: ED25519 },
  Ed25519: { kind: "ed25519", key: ED25519, sign: ED25519 },
  ES256: /* @__PURE__ */ ecdsa("p256", "P-256", "SHA-256"),
  ES384: /* @__PURE__ */ ecdsa("p384", "P-384", "SHA-384"),
  ES512: /* @__PURE__ */ ecdsa("p521", "P-521", "SHA-512"),
  RS256: /* @__PURE__ */ pkcs1("SHA-256"),
  RS384: /* @__PURE__ */ pkcs1("SHA-384"),
  RS512: /* @__PURE__ */ pkcs1("SHA-512"),
  PS256: /* @__PURE__ */ pss("SHA-256", 32),
  PS384: /* @__PURE__ */ pss("SHA-384", 48),
  PS512: /* @__PURE__ */ pss("SHA-512", 64),
};

/** What every key of one kind shares. */
export interface KeyPairKindInfo {
  /** The `alg` used when none is asked for. */
  readonly alg: SigningAlgorithm;
  /** The fixed key size, or undefined for RSA (chosen per key). */
  readonly bits: number | undefined;
  /** The JWK `kty`. */
  readonly kty: "OKP" | "EC" | "RSA";
  /** The JWK `crv`, or undefined for RSA. */
  readonly crv: string | undefined;
}

/** Every kind, in the order help texts and the page list them. */
export const KEY_PAIR_KINDS: Readonly<Record<KeyPairKind, KeyPairKindInfo>> = {
  ed25519: { alg: "EdDSA", bits: 256, kty: "OKP", crv: "Ed25519" },
  p256: { alg: "ES256", bits: 256, kty: "EC", crv: "P-256" },
  p384: { alg: "ES384", bits: 384, kty: "EC", crv: "P-384" },
  p521: { alg: "ES512", bits: 521, kty: "EC", crv: "P-521" },
  rsa: { alg: "RS256", bits: undefined, kty: "RSA", crv: undefined },
};

/** The RSA sizes keymint makes; below 2048 is refused (NIST SP 800-131A). */
export const RSA_BITS: readonly RsaBits[] = [2048, 3072, 4096];

/** The RSA size used when none is asked for: OpenSSL's `genpkey` default. */
export const DEFAULT_RSA_BITS: RsaBits = 2048;

/** Whether `value` names a kind. */
export function isKeyPairKind(value: unknown): value is KeyPairKind {
  return typeof value === "string" && Object.hasOwn(KEY_PAIR_KINDS, value);
}

/** Whether `value` names an algorithm. */
export function isSigningAlgorithm(value: unknown): value is SigningAlgorithm {
  return typeof value === "string" && Object.hasOwn(ALGORITHMS, value);
}

/** The algorithms that fit `kind`, default first. */
export function algorithmsFor(kind: KeyPairKind): SigningAlgorithm[] {
  const all = (Object.keys(ALGORITHMS) as SigningAlgorithm[])
    .filter((alg) => ALGORITHMS[alg].kind === kind);
  const first = KEY_PAIR_KINDS[kind].alg;
  return [first, ...all.filter((alg) => alg !== first)];
}

/**
 * Checks `alg` (or picks the default) for `kind`.
 *
 * @throws {TypeError} When `alg` is not a known algorithm or does not fit.
 */
export function checkAlgorithm(
  kind: KeyPairKind,
  alg: unknown,
  action: string,
): SigningAlgorithm {
  if (alg === undefined) return KEY_PAIR_KINDS[kind].alg;
  if (!isSigningAlgorithm(alg)) {
    throw new TypeError(
      `Cannot ${action}: unknown alg ${quoteValue(alg)}; use one of ${
        algorithmsFor(kind).join(", ")
      }`,
    );
  }
  if (ALGORITHMS[alg].kind !== kind) {
    throw new TypeError(
      `Cannot ${action}: alg ${alg} does not fit a ${kind} key; use ${
        algorithmsFor(kind).join(", ")
      }`,
    );
  }
  return alg;
}

/** The Web Crypto parameters to make or import a key for `alg`. */
export function keyParams(
  alg: SigningAlgorithm,
): EcKeyImportParams | RsaHashedImportParams | Algorithm {
  return ALGORITHMS[alg].key;
}

/** The Web Crypto parameters to sign or verify with `alg`. */
export function signParams(
  alg: SigningAlgorithm,
): EcdsaParams | RsaPssParams | Algorithm {
  return ALGORITHMS[alg].sign;
}

/** The key size in bits of an imported or generated key. */
export function bitsOf(kind: KeyPairKind, key: CryptoKey): number {
  const fixed = KEY_PAIR_KINDS[kind].bits;
  if (fixed !== undefined) return fixed;
  return (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
}

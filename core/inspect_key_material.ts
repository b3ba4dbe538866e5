/**
 * Inspecting signing-key material someone already has: a PEM block, a JWK
 * or a JWKS. It reports the kind, size and thumbprint of each key and what
 * is wrong with it, and never any private member.
 *
 * @module
 */

import {
  algorithmsFor,
  isSigningAlgorithm,
  type KeyPairKind,
  type SigningKeys,
} from "./_keypair_algorithms.ts";
import { exportPublicJwk, PRIVATE_JWK_MEMBERS } from "./jwk.ts";
import { importJwk, MAX_JWKS_KEYS } from "./jwk_import.ts";
import { importPem, readPemBlock } from "./pem.ts";
import { quoteValue } from "./_quote.ts";

/** One key found by {@linkcode inspectKeyMaterial}. */
export interface KeyMaterialReport {
  /** The key kind. */
  kind: KeyPairKind;
  /** The key size in bits (the RSA modulus, or the curve size). */
  bits: number;
  /** Whether the text holds the private key. */
  private: boolean;
  /** The JWK's `alg`, or null (a PEM names none). */
  alg: string | null;
  /** The JWK's `kid` (cut to 64 characters), or null when absent or PEM. */
  kid: string | null;
  /** The RFC 7638 thumbprint of the public key: the `kid` keymint would set. */
  thumbprint: string;
}

/** What {@linkcode inspectKeyMaterial} finds. */
export interface KeyMaterialInspection {
  /** `pkcs8` or `spki` for PEM, `jwk` or `jwks` for JSON. */
  form: "pkcs8" | "spki" | "jwk" | "jwks";
  /** Each key, in order (one, except in a JWKS). */
  keys: KeyMaterialReport[];
  /** Sentences about what is wrong, empty when nothing is. */
  warnings: string[];
}

/** The RSA size below which a key is reported as too weak. */
const MIN_RSA_BITS = 2048;

/**
 * Whether `text` is shaped like key material (a PEM block or a JSON object)
 * rather than a secret string: the test `inspect` uses to pick its report.
 *
 * @param text What was read.
 * @returns True for text starting with `-----BEGIN ` or `{`, after spaces.
 *
 * @example
 * ```ts
 * import { isKeyMaterial } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(isKeyMaterial('{"kty":"OKP"}'), true);
 * assert.equal(isKeyMaterial("ghp_abc"), false);
 * ```
 */
export function isKeyMaterial(text: string): boolean {
  const start = text.trimStart();
  return start.startsWith("-----BEGIN ") || start.startsWith("{");
}

/**
 * Reads a PEM block (PKCS#8 or SPKI), a JWK or a JWKS and reports each
 * key's kind, size, `kid` and thumbprint, with warnings: RSA under 2048
 * bits, private members in a JWKS, a missing `kid` or one that is not the
 * thumbprint, an `alg` or `use` that does not fit. Nothing private is ever
 * part of the result.
 *
 * @param text The key material.
 * @returns The report.
 * @throws {SyntaxError} For text that is neither valid PEM nor a JWK or JWKS.
 * @throws {TypeError} For a key kind keymint does not read.
 * @throws {RangeError} For a JWKS of more than 64 keys.
 *
 * @example A JWKS that leaks its private key
 * ```ts
 * import { exportPrivateJwk, generateKeyPair, inspectKeyMaterial } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const jwk = await exportPrivateJwk(await generateKeyPair("ed25519"));
 * const report = await inspectKeyMaterial(JSON.stringify({ keys: [jwk] }));
 * assert.equal(report.keys[0]?.private, true);
 * assert.match(report.warnings[0] ?? "", /private key material/);
 * assert.equal(JSON.stringify(report).includes(jwk.d), false);
 * ```
 */
export async function inspectKeyMaterial(
  text: string,
): Promise<KeyMaterialInspection> {
  if (text.trimStart().startsWith("-----BEGIN ")) return await inspectPem(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SyntaxError(
      "Cannot inspect the key material: it starts with { but is not JSON",
    );
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new SyntaxError(
      "Cannot inspect the key material: it is not a JWK or JWKS object",
    );
  }
  const object = parsed as Record<string, unknown>;
  if (!("keys" in object)) {
    const { report, warnings } = await inspectJwk(object, "");
    return { form: "jwk", keys: [report], warnings };
  }
  if (!Array.isArray(object.keys)) {
    throw new SyntaxError("Cannot inspect the JWKS: keys is not an array");
  }
  if (object.keys.length > MAX_JWKS_KEYS) {
    throw new RangeError(
      `Cannot inspect the JWKS: it holds more than ${MAX_JWKS_KEYS} keys`,
    );
  }
  const keys: KeyMaterialReport[] = [];
  const warnings: string[] = [];
  if (object.keys.length === 0) warnings.push("the JWKS holds no keys");
  for (const [index, jwk] of object.keys.entries()) {
    if (typeof jwk !== "object" || jwk === null || Array.isArray(jwk)) {
      throw new SyntaxError(
        `Cannot inspect the JWKS: key ${index + 1} is not a JSON object`,
      );
    }
    const label = `key ${index + 1}: `;
    const found = await inspectJwk(jwk as Record<string, unknown>, label);
    const members = PRIVATE_JWK_MEMBERS.filter((name) => name in jwk);
    if (members.length > 0) {
      warnings.push(
        `${label}holds private key material (${
          members.join(", ")
        }); a JWKS is published, so it must hold public keys only: replace this key, it may have leaked`,
      );
    }
    keys.push(found.report);
    warnings.push(...found.warnings);
  }
  const kids = keys.map((key) => key.kid).filter((kid) => kid !== null);
  for (const kid of new Set(kids)) {
    if (kids.indexOf(kid) !== kids.lastIndexOf(kid)) {
      warnings.push(
        `kid ${quoteValue(kid)} names more than one key; verifiers pick by kid`,
      );
    }
  }
  return { form: "jwks", keys, warnings };
}

async function inspectPem(text: string): Promise<KeyMaterialInspection> {
  const { label } = readPemBlock(text);
  const keys = await importPem(text);
  const report = await reportOf(keys, null, null);
  return {
    form: label === "PRIVATE KEY" ? "pkcs8" : "spki",
    keys: [report],
    warnings: sizeWarnings(report, ""),
  };
}

async function inspectJwk(
  jwk: Record<string, unknown>,
  label: string,
): Promise<{ report: KeyMaterialReport; warnings: string[] }> {
  // The alg is checked below as a warning, not refused by the importer.
  const { alg, ...material } = jwk;
  const keys = await importJwk(material);
  const kid = typeof jwk.kid === "string" ? cut(jwk.kid) : null;
  const report = await reportOf(
    keys,
    typeof alg === "string" ? cut(alg) : null,
    kid,
  );
  const warnings = sizeWarnings(report, label);
  if (jwk.kid === undefined) {
    warnings.push(
      `${label}no kid; the RFC 7638 thumbprint ${report.thumbprint} is a kid verifiers can recompute`,
    );
  } else if (jwk.kid !== report.thumbprint) {
    warnings.push(
      `${label}kid ${
        quoteValue(jwk.kid)
      } is not the key's RFC 7638 thumbprint ${report.thumbprint}`,
    );
  }
  const fits = algorithmsFor(keys.kind) as string[];
  if (alg !== undefined && !(isSigningAlgorithm(alg) && fits.includes(alg))) {
    warnings.push(
      `${label}alg ${quoteValue(alg)} does not fit a ${keys.kind} key; use ${
        fits.join(", ")
      }`,
    );
  }
  if (jwk.use !== undefined && jwk.use !== "sig") {
    warnings.push(
      `${label}use is ${quoteValue(jwk.use)}, but this is a signing key: sig`,
    );
  }
  return { report, warnings };
}

async function reportOf(
  keys: SigningKeys,
  alg: string | null,
  kid: string | null,
): Promise<KeyMaterialReport> {
  const { kid: thumbprint } = await exportPublicJwk(keys);
  return {
    kind: keys.kind,
    bits: keys.bits,
    private: keys.privateKey !== null,
    alg,
    kid,
    thumbprint,
  };
}

function sizeWarnings(report: KeyMaterialReport, label: string): string[] {
  if (report.kind !== "rsa" || report.bits >= MIN_RSA_BITS) return [];
  return [
    `${label}RSA key of ${report.bits} bits, below the ${MIN_RSA_BITS}-bit minimum (NIST SP 800-131A, RFC 7518 section 3.3): replace it`,
  ];
}

function cut(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}...` : text;
}

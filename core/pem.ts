/**
 * Signing keys as PEM: PKCS#8 (`PRIVATE KEY`, RFC 5208 / RFC 5958) and
 * SubjectPublicKeyInfo (`PUBLIC KEY`, RFC 5280), the forms OpenSSL, Node.js
 * and most JWT libraries read.
 *
 * @module
 */

import { fromBase64, toBase64, toHex } from "./_bytes.ts";
import {
  bitsOf,
  checkAlgorithm,
  type KeyPairKind,
  keyParams,
  type SigningKeyPair,
  type SigningKeys,
} from "./_keypair_algorithms.ts";
import {
  checkPairMatches,
  type ImportKeyOptions,
  publicKeyOf,
} from "./jwk_import.ts";
import { quoteValue } from "./_quote.ts";

/** One PEM block: its label and the DER bytes it carries. */
export interface PemBlock {
  /** The label between `BEGIN ` and the dashes, such as `PUBLIC KEY`. */
  label: string;
  /** The decoded body. */
  der: Uint8Array<ArrayBuffer>;
}

/** What other tools write, and the command that turns it into what keymint reads. */
const OTHER_LABELS: Readonly<Record<string, string>> = {
  "RSA PRIVATE KEY":
    "a PKCS#1 RSA key; convert it: openssl pkcs8 -topk8 -nocrypt",
  "EC PRIVATE KEY": "a SEC 1 EC key; convert it: openssl pkcs8 -topk8 -nocrypt",
  "RSA PUBLIC KEY":
    "a PKCS#1 RSA public key; convert it: openssl rsa -RSAPublicKey_in -pubout",
  "ENCRYPTED PRIVATE KEY":
    "an encrypted key; decrypt it first: openssl pkcs8 -nocrypt",
  "OPENSSH PRIVATE KEY":
    "an OpenSSH key; convert it: ssh-keygen -p -m PKCS8 -f FILE",
  "CERTIFICATE":
    "a certificate; take its public key: openssl x509 -pubkey -noout",
};

/** AlgorithmIdentifier OIDs (DER content bytes, hex) and the kind each names. */
const KEY_OIDS: Readonly<Record<string, KeyPairKind | "ec">> = {
  "2b6570": "ed25519", // 1.3.101.112 (RFC 8410)
  "2a8648ce3d0201": "ec", // 1.2.840.10045.2.1 id-ecPublicKey
  "2a864886f70d010101": "rsa", // 1.2.840.113549.1.1.1 rsaEncryption
};
const CURVE_OIDS: Readonly<Record<string, KeyPairKind>> = {
  "2a8648ce3d030107": "p256", // 1.2.840.10045.3.1.7 prime256v1
  "2b81040022": "p384", // 1.3.132.0.34 secp384r1
  "2b81040023": "p521", // 1.3.132.0.35 secp521r1
};

/** The largest PEM text read: a 16384-bit RSA private key fits. */
const MAX_PEM_LENGTH = 16384;

/**
 * The private key as a PKCS#8 PEM block (`-----BEGIN PRIVATE KEY-----`).
 *
 * @param pair A pair with its private key.
 * @returns The PEM text, ending in a newline.
 *
 * @example
 * ```ts
 * import { exportPrivatePem, generateKeyPair } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pem = await exportPrivatePem(await generateKeyPair("ed25519"));
 * assert.match(pem, /^-----BEGIN PRIVATE KEY-----\n[A-Za-z0-9+/=\n]+-----END PRIVATE KEY-----\n$/);
 * ```
 */
export async function exportPrivatePem(pair: SigningKeyPair): Promise<string> {
  const der = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
  return pemOf("PRIVATE KEY", new Uint8Array(der));
}

/**
 * The public key as an SPKI PEM block (`-----BEGIN PUBLIC KEY-----`).
 *
 * @param keys A pair or a public key.
 * @returns The PEM text, ending in a newline.
 *
 * @example
 * ```ts
 * import { exportPublicPem, generateKeyPair } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pem = await exportPublicPem(await generateKeyPair("p256"));
 * assert.match(pem, /^-----BEGIN PUBLIC KEY-----\n/);
 * ```
 */
export async function exportPublicPem(keys: SigningKeys): Promise<string> {
  const der = await crypto.subtle.exportKey("spki", keys.publicKey);
  return pemOf("PUBLIC KEY", new Uint8Array(der));
}

function pemOf(label: string, der: Uint8Array): string {
  const body = toBase64(der).replace(/.{64}/g, "$&\n").replace(/\n$/, "");
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/**
 * Reads the first PEM block of `text`. Text around it is ignored, as OpenSSL
 * does.
 *
 * @param text The PEM text.
 * @returns The label and the DER bytes.
 * @throws {SyntaxError} When there is no complete block or its body is not base64.
 * @throws {RangeError} For text over 16384 characters.
 *
 * @example
 * ```ts
 * import { readPemBlock } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const block = readPemBlock("-----BEGIN PUBLIC KEY-----\nAAEC\n-----END PUBLIC KEY-----\n");
 * assert.equal(block.label, "PUBLIC KEY");
 * assert.deepEqual([...block.der], [0, 1, 2]);
 * ```
 */
export function readPemBlock(text: string): PemBlock {
  if (typeof text !== "string") {
    throw new TypeError("Cannot read the PEM: it must be a string");
  }
  if (text.length > MAX_PEM_LENGTH) {
    throw new RangeError(
      `Cannot read the PEM: it is over ${MAX_PEM_LENGTH} characters`,
    );
  }
  // Index scans, not one regular expression with a back-reference: that
  // one retried every BEGIN line against the rest of the text (quadratic).
  const missing = () =>
    new SyntaxError(
      "Cannot read the PEM: no -----BEGIN ...----- block with its matching END line",
    );
  const begin = text.indexOf("-----BEGIN ");
  if (begin < 0) throw missing();
  const labelStart = begin + "-----BEGIN ".length;
  const labelEnd = text.indexOf("-----", labelStart);
  if (labelEnd < 0) throw missing();
  const label = text.slice(labelStart, labelEnd);
  if (!/^[A-Z0-9 ]{1,40}$/.test(label)) throw missing();
  let bodyStart = labelEnd + "-----".length;
  if (text[bodyStart] === "\r") bodyStart++;
  if (text[bodyStart] !== "\n") throw missing();
  bodyStart++;
  const bodyEnd = text.indexOf(`-----END ${label}-----`, bodyStart);
  if (bodyEnd < 0) throw missing();
  const body = text.slice(bodyStart, bodyEnd).replace(/\s+/g, "");
  const der = fromBase64(body);
  if (der === undefined || der.length === 0) {
    throw new SyntaxError("Cannot read the PEM: its body is not base64");
  }
  return { label, der: der as Uint8Array<ArrayBuffer> };
}

/**
 * The key kind a PKCS#8 or SPKI DER structure names in its
 * AlgorithmIdentifier.
 *
 * @throws {SyntaxError} For a structure that is not PKCS#8 or SPKI, or a key
 * algorithm keymint does not read.
 */
export function kindOfDer(label: string, der: Uint8Array): KeyPairKind {
  const other = OTHER_LABELS[label];
  if (other !== undefined) {
    throw new SyntaxError(`Cannot import the PEM: ${label} is ${other}`);
  }
  if (label !== "PRIVATE KEY" && label !== "PUBLIC KEY") {
    throw new SyntaxError(
      `Cannot import the PEM: label ${
        quoteValue(label)
      } is not PRIVATE KEY (PKCS#8) or PUBLIC KEY (SPKI)`,
    );
  }
  const [algorithm, parameter] = algorithmIdentifier(der, label);
  const kind = KEY_OIDS[algorithm];
  if (kind === "ec") {
    const curve = parameter === undefined ? undefined : CURVE_OIDS[parameter];
    if (curve !== undefined) return curve;
    throw new SyntaxError(
      "Cannot import the PEM: the EC curve is not P-256, P-384 or P-521",
    );
  }
  if (kind !== undefined) return kind;
  throw new SyntaxError(
    "Cannot import the PEM: the key is not Ed25519, ECDSA or RSA (rsaEncryption)",
  );
}

/**
 * Imports a PKCS#8 private key or an SPKI public key from PEM. A private key
 * brings its public key, derived from it.
 *
 * @param text The PEM text (the first block is read).
 * @param options The algorithm to bind the key to.
 * @returns The keys, extractable.
 * @throws {SyntaxError} For text that is not a PEM block keymint reads, or key
 * material that is not valid.
 * @throws {TypeError} For an `alg` that does not fit the key.
 *
 * @example A round trip
 * ```ts
 * import { exportPublicPem, generateKeyPair, importPem } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pem = await exportPublicPem(await generateKeyPair("rsa", { alg: "PS256" }));
 * const keys = await importPem(pem, { alg: "PS256" });
 * assert.equal(keys.bits, 2048);
 * assert.equal(await exportPublicPem(keys), pem);
 * ```
 */
export async function importPem(
  text: string,
  options: ImportKeyOptions = {},
): Promise<SigningKeys> {
  const { label, der } = readPemBlock(text);
  const kind = kindOfDer(label, der);
  const alg = checkAlgorithm(kind, options.alg, "import the PEM");
  const params = keyParams(alg);
  try {
    if (label === "PRIVATE KEY") {
      const privateKey = await crypto.subtle.importKey(
        "pkcs8",
        der,
        params,
        true,
        ["sign"],
      );
      const publicKey = await publicKeyOf(kind, alg, privateKey);
      await checkPairMatches(alg, privateKey, publicKey);
      return {
        kind,
        alg,
        bits: bitsOf(kind, publicKey),
        publicKey,
        privateKey,
      };
    }
    const publicKey = await crypto.subtle.importKey(
      "spki",
      der,
      params,
      true,
      ["verify"],
    );
    await crypto.subtle.exportKey("jwk", publicKey); // checks the point now
    const bits = bitsOf(kind, publicKey);
    return { kind, alg, bits, publicKey, privateKey: null };
  } catch {
    throw new SyntaxError(
      `Cannot import the PEM: its key material is not a valid ${kind} key`,
    );
  }
}

/**
 * The algorithm OID and its parameter OID (both as hex of their content
 * bytes) from SPKI `SEQUENCE { SEQUENCE { OID, params }, BIT STRING }` or
 * PKCS#8 `SEQUENCE { INTEGER, SEQUENCE { OID, params }, OCTET STRING }`.
 */
function algorithmIdentifier(
  der: Uint8Array,
  label: string,
): [string, string | undefined] {
  const outer = readTlv(der, 0, 0x30);
  let offset = outer.start;
  if (label === "PRIVATE KEY") offset = readTlv(der, offset, 0x02).end;
  const identifier = readTlv(der, offset, 0x30);
  const oid = readTlv(der, identifier.start, 0x06);
  let parameter: string | undefined;
  if (oid.end < identifier.end && der[oid.end] === 0x06) {
    const curve = readTlv(der, oid.end, 0x06);
    parameter = toHex(der.subarray(curve.start, curve.end));
  }
  return [toHex(der.subarray(oid.start, oid.end)), parameter];
}

/** One DER tag-length-value at `offset`, checked to have tag `tag`. */
function readTlv(
  der: Uint8Array,
  offset: number,
  tag: number,
): { start: number; end: number } {
  const bad = () =>
    new SyntaxError(
      "Cannot import the PEM: its body is not a PKCS#8 or SPKI key structure",
    );
  if (der[offset] !== tag) throw bad();
  let length = der[offset + 1];
  let start = offset + 2;
  if (length === undefined) throw bad();
  if (length > 0x80 && length <= 0x83) {
    const count = length - 0x80;
    length = 0;
    for (let i = 0; i < count; i++) {
      const byte = der[start + i];
      if (byte === undefined) throw bad();
      length = length * 256 + byte;
    }
    start += count;
  } else if (length >= 0x80) {
    throw bad();
  }
  const end = start + length;
  if (end > der.length) throw bad();
  return { start, end };
}

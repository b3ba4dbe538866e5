/**
 * The JWK thumbprint of RFC 7638: a hash that names a key, the same for its
 * private and public JWK.
 *
 * @module
 */

import { toBase64 } from "./_bytes.ts";

/** The required members of RFC 7638 section 3.2, sorted, by `kty`. */
const THUMBPRINT_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  OKP: ["crv", "kty", "x"],
  EC: ["crv", "kty", "x", "y"],
  RSA: ["e", "kty", "n"],
  oct: ["k", "kty"],
};

/**
 * The RFC 7638 thumbprint of a JWK: the base64url SHA-256 of its required
 * members, sorted, as JSON without whitespace. The same for the private and
 * the public form of a key, so it identifies the key pair.
 *
 * @param jwk A JWK with `kty` `OKP`, `EC`, `RSA` or `oct`.
 * @returns The thumbprint, 43 base64url characters.
 * @throws {TypeError} When `kty` is unknown or a required member is not a string.
 *
 * @example RFC 8037 appendix A.3
 * ```ts
 * import { jwkThumbprint } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const kid = await jwkThumbprint({
 *   kty: "OKP",
 *   crv: "Ed25519",
 *   x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
 * });
 * assert.equal(kid, "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
 * ```
 */
export async function jwkThumbprint(jwk: object): Promise<string> {
  const members = jwk as Readonly<Record<string, unknown>>;
  const required = typeof members?.kty === "string"
    ? THUMBPRINT_MEMBERS[members.kty]
    : undefined;
  if (required === undefined) {
    throw new TypeError(
      "Cannot compute the thumbprint: kty must be OKP, EC, RSA or oct",
    );
  }
  const canonical: Record<string, string> = {};
  for (const name of required) {
    const value = members[name];
    if (typeof value !== "string") {
      throw new TypeError(
        `Cannot compute the thumbprint: member ${name} must be a string`,
      );
    }
    canonical[name] = value;
  }
  // The members are already in order and the values are base64url or
  // plain names, so JSON.stringify writes exactly the canonical form.
  const bytes = new TextEncoder().encode(JSON.stringify(canonical));
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return toBase64(new Uint8Array(digest), { url: true, pad: false });
}

/**
 * The signing-key part of the core: key pairs, JWK, JWKS, PEM, thumbprints
 * and the inspection of key material. `mod.ts` re-exports this file.
 *
 * @module
 */

export * from "./keypair.ts";
export {
  exportJwks,
  exportPrivateJwk,
  exportPublicJwk,
  importJwk,
  importJwks,
} from "./jwk.ts";
export { jwkThumbprint } from "./jwk_thumbprint.ts";
export type { ImportKeyOptions, Jwks, PrivateJwk, PublicJwk } from "./jwk.ts";
export {
  exportPrivatePem,
  exportPublicPem,
  importPem,
  readPemBlock,
} from "./pem.ts";
export type { PemBlock } from "./pem.ts";
export { inspectKeyMaterial, isKeyMaterial } from "./inspect_key_material.ts";
export type {
  KeyMaterialInspection,
  KeyMaterialReport,
} from "./inspect_key_material.ts";

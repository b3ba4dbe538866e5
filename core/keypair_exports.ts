/**
 * The signing-key part of the core: key pairs, JWK, JWKS, PEM, thumbprints
 * and the inspection of key material. `mod.ts` re-exports this file.
 *
 * @module
 */

export * from "./keypair.ts";
export { exportJwks, exportPrivateJwk, exportPublicJwk } from "./jwk.ts";
export { importJwk, importJwks } from "./jwk_import.ts";
export { jwkThumbprint } from "./jwk_thumbprint.ts";
export type { Jwks, PrivateJwk, PublicJwk } from "./jwk.ts";
export type { ImportKeyOptions } from "./jwk_import.ts";
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

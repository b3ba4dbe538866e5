/**
 * Every signing-key kind with every JWT `alg` it accepts, written out here
 * (not read from core's table) so the tests catch a row core drops or adds.
 *
 * @module
 */

import type { KeyPairKind } from "@keymint/core";

/** `[kind, alg]` pairs; RSA at its default size, to keep the tests fast. */
export const KIND_ALGS: readonly [KeyPairKind, string][] = [
  ["ed25519", "EdDSA"],
  ["ed25519", "Ed25519"],
  ["p256", "ES256"],
  ["p384", "ES384"],
  ["p521", "ES512"],
  ["rsa", "RS256"],
  ["rsa", "RS384"],
  ["rsa", "RS512"],
  ["rsa", "PS256"],
  ["rsa", "PS384"],
  ["rsa", "PS512"],
];

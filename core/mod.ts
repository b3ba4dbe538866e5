/**
 * keymint's core: cryptographically secure API keys, secrets and tokens,
 * correct by construction.
 *
 * Every key comes from `crypto.getRandomValues`. Byte formats (hex, base64,
 * base64url, base32, Crockford) encode whole random bytes; every other
 * alphabet is sampled character by character without modulo bias. Sizes are
 * exact: ask for bits, get at least that many, and the reported entropy is
 * the true figure rounded down.
 *
 * Runs unchanged in Deno, browsers, Node.js 20+ and Bun: it uses Web APIs
 * only.
 *
 * @example A key, a prefixed key and a preset
 * ```ts
 * import { generateKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.match(generateKey(), /^[0-9a-f]{64}$/);
 * assert.match(generateKey({ prefix: "acme_live" }), /^acme_live_[0-9A-Za-z]{49}$/);
 * assert.match(generateKey({ preset: "laravel" }), /^base64:[A-Za-z0-9+/]{43}=$/);
 * ```
 *
 * @module
 */

// Formats, the spec validator, generators and presets: the `./keys` entry.
export * from "./keys.ts";
export { checksumOf, crc32 } from "./checksum.ts";
export { parseStructuredKey } from "./structured.ts";
export type { StructuredKey } from "./structured.ts";
export { generatePair } from "./pair.ts";
export type { KeyPair, PairOptions } from "./pair.ts";
export { hashKey, parseKeyHash, timingSafeEqual, verifyKey } from "./hash.ts";
export { maskKey } from "./mask.ts";
export type { MaskOptions } from "./mask.ts";
export { inspectKey } from "./inspect.ts";
export type {
  InspectedJwt,
  InspectedKind,
  Inspection,
  InspectOptions,
} from "./inspect.ts";
export * from "./webhook.ts";
export * from "./standard_webhook_keys.ts";
export * from "./keypair_exports.ts";
export * from "./rules.ts";
export * from "./rules_shape.ts";
export * from "./scan.ts";
export * from "./scan_kinds.ts";
export * from "./scan_config.ts";
export { KEY_KINDS, KEYMINT_STRUCTURED, recogniseKind } from "./kinds.ts";
export type {
  CharClass,
  KeyKind,
  KindMatch,
  RecogniseOptions,
  Run,
  Shape,
} from "./kinds.ts";

/**
 * The key-making part of `@keymint/core` alone: formats, the spec validator
 * and the generators, without hashing, inspection or webhooks. Everything
 * here is also exported from the package root; this entry exists for
 * programs that start often and make one key, such as the CLI, and load
 * fewer modules this way.
 *
 * @example
 * ```ts
 * import { generateKey } from "@keymint/core/keys";
 * import assert from "node:assert/strict";
 *
 * assert.match(generateKey({ format: "alnum" }), /^[0-9A-Za-z]{43}$/);
 * ```
 *
 * @module
 */

export { cryptoRandom, randomBytes } from "./random.ts";
export type { RandomOptions, RandomSource } from "./random.ts";
export { BASE62_ALPHABET, findFormat, FORMATS } from "./format.ts";
export type { FormatInfo, FormatName } from "./format.ts";
export { MAX_KEY_LENGTH, parseKeySpec, RECOMMENDED_BITS } from "./spec.ts";
export type {
  CustomKeyOptions,
  FormatKeyOptions,
  FormatOption,
  KeyOptions,
  KeySpec,
  LooseKeyOptions,
  PresetKeyOptions,
  SpecLimits,
} from "./options.ts";
export {
  createKeyGenerator,
  describeKey,
  generateKey,
  generateKeys,
} from "./generate.ts";
export type { GeneratedKey, KeyInput } from "./generate.ts";
export { keyChunks } from "./bulk.ts";
export type { KeyChunksOptions } from "./bulk.ts";
export { findPreset, PRESETS } from "./preset.ts";
export type { Preset, PresetName } from "./preset.ts";

/**
 * The one validator every face uses: loose options in, a checked
 * {@linkcode KeySpec} out.
 *
 * @module
 */

import { BITS_PER_CHAR, type ByteFormat, encodedLength } from "./_encode.ts";
import { quoteValue } from "./_quote.ts";
import { findFormat, type FormatInfo, type FormatName } from "./format.ts";
import { findPreset } from "./preset.ts";

/**
 * What a caller may ask for. Every field also accepts the string a command
 * line flag or a query parameter carries.
 */
export interface KeyOptions {
  /**
   * A format name or alias.
   *
   * @default {"hex"} or `"alnum"` when a prefix is given
   */
  format?: string;
  /**
   * The minimum entropy of each key, in bits (8 to 8192).
   *
   * @default {256}
   */
  bits?: number | string;
  /** An exact number of random characters instead of `bits` (1 to 16384). */
  length?: number | string;
  /**
   * How many keys.
   *
   * @default {1}
   */
  count?: number | string;
  /** The characters of a `custom` format; giving it implies `custom`. */
  alphabet?: string;
  /** A prefix for structured keys: `{prefix}_{body}{checksum}`. */
  prefix?: string;
  /**
   * Whether a prefixed key ends with a CRC-32 checksum.
   *
   * @default {true} with a prefix
   */
  checksum?: boolean | string;
  /** A preset name; combines with `count` only. */
  preset?: string;
}

/** Bounds that differ between faces. */
export interface SpecLimits {
  /**
   * The largest `count` accepted.
   *
   * @default {1_000_000_000}
   */
  maxCount?: number;
}

/** A checked request for keys: every field valid and every size worked out. */
export interface KeySpec {
  /** The format of the random part. */
  readonly format: FormatName;
  /** The characters the random part is drawn from. */
  readonly alphabet: string;
  /** The exact entropy of one key, rounded down to a whole bit. */
  readonly bits: number;
  /** The number of characters in one whole key. */
  readonly length: number;
  /** The number of random characters (the body) in one key. */
  readonly bodyLength: number;
  /** For a byte format sized in bits: the number of random bytes encoded. */
  readonly bytes: number | undefined;
  /** How many keys. */
  readonly count: number;
  /** The structured-key prefix, without its `_` separator. */
  readonly prefix: string | undefined;
  /** Whether the key ends with a checksum of its body. */
  readonly checksum: boolean;
  /** The preset this spec came from. */
  readonly preset: string | undefined;
  /** The environment variable the preset's framework reads. */
  readonly env: string | undefined;
  /** Sentences about weak choices, such as entropy below 128 bits. */
  readonly warnings: readonly string[];
}

const MIN_BITS = 8;
const MAX_BITS = 8192;
/**
 * The longest key keymint makes or reads, in characters: the bound on
 * `length`, and on the keys inspect and the CLI accept.
 *
 * @example
 * ```ts
 * import { MAX_KEY_LENGTH } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(MAX_KEY_LENGTH, 16384);
 * ```
 */
export const MAX_KEY_LENGTH = 16_384;
const DEFAULT_MAX_COUNT = 1_000_000_000;
/** Below this much entropy a key is still made, with a warning. */
export const RECOMMENDED_BITS = 128;
const PREFIX = /^[a-z][a-z0-9_]{0,31}$/;
/**
 * The names {@linkcode KeyOptions} accepts, for faces that check their own
 * input names first (the API's query parameters).
 *
 * @example
 * ```ts
 * import { KEY_OPTION_NAMES } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.ok(KEY_OPTION_NAMES.includes("prefix"));
 * ```
 */
export const KEY_OPTION_NAMES: readonly string[] = Object.freeze([
  "format",
  "bits",
  "length",
  "count",
  "alphabet",
  "prefix",
  "checksum",
  "preset",
]);
const KNOWN_OPTIONS = new Set(KEY_OPTION_NAMES);

/** The spec of no options at all: one 256-bit hex key. */
const DEFAULT_SPEC: KeySpec = Object.freeze({
  format: "hex",
  alphabet: "0123456789abcdef",
  bits: 256,
  length: 64,
  bodyLength: 64,
  bytes: 32,
  count: 1,
  prefix: undefined,
  checksum: false,
  preset: undefined,
  env: undefined,
  warnings: Object.freeze([]) as readonly string[],
});

/**
 * Checks loose options and works out every size, before any randomness is
 * drawn. The CLI, the HTTP API and the page all go through here.
 *
 * @param options What was asked for.
 * @param limits Bounds that depend on the face.
 * @returns The checked spec.
 * @throws {TypeError} For a value of the wrong type or options that conflict.
 * @throws {RangeError} For an unknown name, or a size or alphabet out of bounds.
 *
 * @example Query parameters in, sizes out
 * ```ts
 * import { parseKeySpec } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const spec = parseKeySpec({ format: "alnum", bits: "128", count: "5" });
 * assert.equal(spec.length, 22);
 * assert.equal(spec.bits, 130);
 * assert.equal(spec.count, 5);
 * ```
 */
export function parseKeySpec(
  options: KeyOptions = {},
  limits: SpecLimits = {},
): KeySpec {
  if (typeof options !== "object" || options === null) {
    throw new TypeError("Cannot read options: expected an object");
  }
  const names = Object.keys(options);
  if (names.length === 0 && limits.maxCount === undefined) return DEFAULT_SPEC;
  for (const name of names) {
    if (!KNOWN_OPTIONS.has(name)) {
      throw new TypeError(
        `Cannot read options: unknown option ${quoteValue(name)}`,
      );
    }
  }
  const maxCount = limits.maxCount ?? DEFAULT_MAX_COUNT;
  const count = options.count === undefined
    ? 1
    : wholeNumber("count", options.count, 1, maxCount, "make keys");

  const preset = optionalString("preset", options.preset);
  if (preset !== undefined) return presetSpec(preset, options, count);

  const alphabetOption = optionalString("alphabet", options.alphabet);
  const prefixOption = optionalString("prefix", options.prefix);
  const prefix = prefixOption === undefined || prefixOption === ""
    ? undefined
    : checkPrefix(prefixOption);
  const checksumOption = options.checksum === undefined
    ? undefined
    : readFlag("checksum", options.checksum);
  if (checksumOption === true && prefix === undefined) {
    throw new TypeError("Cannot add a checksum: it needs a prefix");
  }
  const checksum = prefix !== undefined && checksumOption !== false;

  const formatOption = optionalString("format", options.format);
  let format: FormatInfo;
  if (formatOption === undefined || formatOption === "") {
    format = findFormat(defaultFormat({ alphabet: alphabetOption, prefix }));
  } else {
    format = findFormat(formatOption);
  }
  let alphabet = format.alphabet;
  if (format.name === "custom") {
    if (alphabetOption === undefined) {
      throw new TypeError(
        "Cannot use format custom: it needs an alphabet of 2 to 256 characters",
      );
    }
    alphabet = checkAlphabet(alphabetOption);
  } else if (alphabetOption !== undefined) {
    throw new TypeError(
      `Cannot use an alphabet with format ${
        quoteValue(format.name)
      }: only the custom format takes one`,
    );
  }
  if (prefix !== undefined && alphabet.includes("_")) {
    throw new RangeError(
      `Cannot use a prefix with format ${
        quoteValue(format.name)
      }: its alphabet contains "_", which separates the prefix`,
    );
  }

  if (options.bits !== undefined && options.length !== undefined) {
    throw new TypeError("Cannot size key: give bits or length, not both");
  }
  const size = sizeBody(format, alphabet, options);
  const extra = prefix === undefined ? 0 : prefix.length + 1;
  const length = size.bodyLength + extra + (checksum ? 6 : 0);
  const warnings: string[] = [];
  if (size.bits < RECOMMENDED_BITS) {
    warnings.push(
      `Each key carries ${size.bits} bits of entropy, below the ${RECOMMENDED_BITS} bits recommended for secrets`,
    );
  }
  return {
    format: format.name,
    alphabet,
    bits: size.bits,
    length,
    bodyLength: size.bodyLength,
    bytes: size.bytes,
    count,
    prefix,
    checksum,
    preset: undefined,
    env: undefined,
    warnings,
  };
}

interface BodySize {
  bits: number;
  bodyLength: number;
  bytes: number | undefined;
}

/**
 * Works out how many characters (and, for byte formats, bytes) carry the
 * requested entropy.
 */
function sizeBody(
  format: FormatInfo,
  alphabet: string,
  options: KeyOptions,
): BodySize {
  const length = options.length === undefined
    ? undefined
    : wholeNumber("length", options.length, 1, MAX_KEY_LENGTH, "size key");
  const bits = length !== undefined
    ? undefined
    : options.bits === undefined
    ? 256
    : wholeNumber("bits", options.bits, MIN_BITS, MAX_BITS, "size key");

  if (format.kind === "bytes") {
    const name = format.name as ByteFormat;
    const perChar = BITS_PER_CHAR[name];
    if (bits !== undefined) {
      const bytes = Math.ceil(bits / 8);
      return {
        bits: bytes * 8,
        bodyLength: encodedLength(name, bytes),
        bytes,
      };
    }
    const chars = length!;
    if (name === "base64" && chars % 4 !== 0) {
      throw new RangeError(
        `Cannot size base64 key: a padded base64 length is a multiple of 4, got ${chars}; use base64url for any length`,
      );
    }
    return { bits: chars * perChar, bodyLength: chars, bytes: undefined };
  }

  // Sampled: each character carries log2(n) bits. When n is not a power of
  // two, chars * log2(n) is never a whole number, so floor and ceil are exact.
  const perChar = Math.log2(Array.from(alphabet).length);
  const chars = length ?? Math.ceil(bits! / perChar);
  if (chars > MAX_KEY_LENGTH) {
    throw new RangeError(
      `Cannot size key: ${bits} bits need ${chars} characters of this alphabet, above the limit of ${MAX_KEY_LENGTH}`,
    );
  }
  return {
    bits: Math.floor(chars * perChar),
    bodyLength: chars,
    bytes: undefined,
  };
}

function presetSpec(name: string, options: KeyOptions, count: number): KeySpec {
  for (const [key, value] of Object.entries(options)) {
    if (key !== "preset" && key !== "count" && value !== undefined) {
      throw new TypeError(
        `Cannot combine a preset with ${key}: a preset fixes the format and size`,
      );
    }
  }
  const preset = findPreset(name);
  return {
    format: preset.format,
    alphabet: preset.alphabet,
    bits: preset.bits,
    length: preset.length,
    bodyLength: preset.length,
    bytes: undefined,
    count,
    prefix: undefined,
    checksum: false,
    preset: preset.name,
    env: preset.env,
    warnings: [],
  };
}

function optionalString(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new TypeError(
      `Cannot read option ${name}: expected a string, got ${typeof value}`,
    );
  }
  return value;
}

function wholeNumber(
  name: string,
  value: unknown,
  min: number,
  max: number,
  action: string,
): number {
  let number: number;
  if (typeof value === "number") {
    number = value;
  } else if (typeof value === "string") {
    if (!/^[0-9]{1,16}$/.test(value.trim())) {
      throw new TypeError(
        `Cannot ${action}: ${name} must be a whole number from ${min} to ${max}, got ${
          quoteValue(value)
        }`,
      );
    }
    number = Number(value.trim());
  } else {
    throw new TypeError(
      `Cannot ${action}: ${name} must be a number, got ${typeof value}`,
    );
  }
  if (!Number.isSafeInteger(number)) {
    throw new TypeError(
      `Cannot ${action}: ${name} must be a whole number from ${min} to ${max}, got ${
        quoteValue(number)
      }`,
    );
  }
  if (number < min || number > max) {
    throw new RangeError(
      `Cannot ${action}: ${name} must be from ${min} to ${max}, got ${number}`,
    );
  }
  return number;
}

/**
 * The format used when none is named: `custom` when an alphabet is given,
 * `alnum` for a prefixed key (structured bodies are alphanumeric), else
 * `hex`. Faces that show the chosen format call this rather than restate
 * the rule.
 *
 * @param options The alphabet and prefix, as given (an empty prefix is none).
 * @returns The format name.
 *
 * @example
 * ```ts
 * import { defaultFormat } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(defaultFormat({ prefix: "sk_live" }), "alnum");
 * assert.equal(defaultFormat({}), "hex");
 * ```
 */
export function defaultFormat(
  options: { alphabet?: string | undefined; prefix?: string | undefined },
): FormatName {
  if (options.alphabet !== undefined) return "custom";
  return options.prefix !== undefined && options.prefix !== ""
    ? "alnum"
    : "hex";
}

/**
 * Reads a yes/no option as a flag or a query parameter carries it:
 * `true`, `1`, `yes`, `on` or their opposites, in any case.
 *
 * @param name The option's name, for the error message.
 * @param value A boolean, or one of those words.
 * @returns The flag.
 * @throws {TypeError} For any other value.
 *
 * @example
 * ```ts
 * import { readFlag } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(readFlag("checksum", "OFF"), false);
 * ```
 */
export function readFlag(name: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    if (["true", "1", "yes", "on"].includes(lower)) return true;
    if (["false", "0", "no", "off"].includes(lower)) return false;
  }
  throw new TypeError(
    `Cannot read option ${name}: expected true or false, got ${
      quoteValue(value)
    }`,
  );
}

/**
 * Checks a structured-key prefix.
 *
 * @throws {RangeError} Unless it is lower-case letters, digits and `_`,
 * starts with a letter, does not end with `_` and is at most 32 characters.
 */
export function checkPrefix(prefix: string): string {
  if (!PREFIX.test(prefix) || prefix.endsWith("_")) {
    throw new RangeError(
      `Cannot use prefix ${
        quoteValue(prefix)
      }: use 1 to 32 lower-case letters, digits or "_", starting with a letter and not ending with "_"`,
    );
  }
  return prefix;
}

function checkAlphabet(alphabet: string): string {
  const chars = Array.from(alphabet);
  if (chars.length < 2 || chars.length > 256) {
    throw new RangeError(
      `Cannot use alphabet: it needs 2 to 256 distinct characters, got ${chars.length}`,
    );
  }
  const seen = new Set<string>();
  for (const char of chars) {
    if (/[\s\p{Cc}\p{Cf}\p{Cs}]/u.test(char)) {
      throw new RangeError(
        "Cannot use alphabet: it contains white space or a control character",
      );
    }
    if (seen.has(char)) {
      throw new RangeError(
        `Cannot use alphabet: ${quoteValue(char)} appears more than once`,
      );
    }
    seen.add(char);
  }
  return alphabet;
}

/**
 * The one validator every face uses: options in, a checked
 * {@linkcode KeySpec} out. Generators trust only specs made here.
 *
 * @module
 */

import {
  BITS_PER_CHAR,
  type ByteEncoding,
  type ByteFormat,
  encodedLength,
} from "./_encode.ts";
import {
  checkAlphabet,
  checkPrefix,
  defaultFormat,
  optionalString,
  readFlag,
  wholeNumber,
} from "./_read.ts";
import { quoteValue } from "./_quote.ts";
import { type FormatRow, formatRow } from "./format.ts";
import { presetFormat, presetRow } from "./preset.ts";

import type { KeySpec, LooseKeyOptions, SpecLimits } from "./options.ts";

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
/**
 * Below this much entropy a key is refused unless `allowWeak` is set, and
 * carries a warning when it is.
 *
 * @example
 * ```ts
 * import { RECOMMENDED_BITS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(RECOMMENDED_BITS, 128);
 * ```
 */
export const RECOMMENDED_BITS = 128;
/**
 * The names {@linkcode LooseKeyOptions} accepts from a face's user (all
 * but `allowWeak`, which a face sets itself), for faces that check their
 * own input names first (the API's query parameters).
 *
 * @example
 * ```ts
 * import { KEY_OPTION_NAMES } from "@keymint/core/faces";
 * import assert from "node:assert/strict";
 *
 * assert.ok(KEY_OPTION_NAMES.includes("prefix"));
 * ```
 */
export const KEY_OPTION_NAMES: readonly string[] = /* @__PURE__ */ Object
  .freeze([
    "format",
    "bits",
    "length",
    "count",
    "alphabet",
    "prefix",
    "checksum",
    "preset",
  ]);

/**
 * The specs this module made, with how a byte body is encoded (`null` for
 * a sampled body). Generators trust these and validate anything else
 * again: a copy of a spec, or an object shaped like one, is not a spec.
 */
const TRUSTED = /* @__PURE__ */ new WeakMap<object, ByteEncoding | null>();

function trust(spec: KeySpec, encoding: ByteEncoding | null): KeySpec {
  Object.freeze(spec.warnings);
  TRUSTED.set(Object.freeze(spec), encoding);
  return spec;
}

/**
 * The default of every generator's arguments: no options. Shared, so a
 * call with none skips reading an empty object.
 */
export const NONE: Readonly<Record<string, never>> = /* @__PURE__ */ Object
  .freeze({});

/**
 * The trusted spec for `input`: `input` itself when {@linkcode parseKeySpec}
 * made it, else the spec of `input` read as options.
 */
export function specOf(input: unknown): KeySpec {
  if (input === NONE) return makeDefault();
  return TRUSTED.has(input as object)
    ? input as KeySpec
    : parseKeySpec(input as LooseKeyOptions);
}

/** How a trusted spec's body is encoded, or null when it is sampled. */
export function encodingOf(spec: KeySpec): ByteEncoding | null {
  return TRUSTED.get(spec) ?? null;
}

/** The default spec, made on first use: one 256-bit hex key. */
let defaultSpec: KeySpec | undefined;

function makeDefault(): KeySpec {
  return defaultSpec ??= trust({
    format: "hex",
    alphabet: "0123456789abcdef",
    bits: 256,
    length: 64,
    bodyLength: 64,
    bytes: 32,
    count: 1,
    prefix: undefined,
    checksum: false,
    lead: "",
    preset: undefined,
    env: undefined,
    allowWeak: false,
    warnings: [],
  }, "hex");
}

const KNOWN_OPTIONS: ReadonlySet<string> = /* @__PURE__ */ new Set(
  /* @__PURE__ */ KEY_OPTION_NAMES.concat("allowWeak"),
);

/**
 * Checks options and works out every size, before any randomness is
 * drawn. The CLI, the HTTP API and the page all go through here, and the
 * generators call it for anything that is not a spec it made.
 *
 * @param options What was asked for, typed or as text.
 * @param limits Bounds that depend on the face.
 * @returns The checked spec, frozen.
 * @throws {TypeError} For a value of the wrong type, an unknown option, or
 * options that conflict.
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
  options: LooseKeyOptions = {},
  limits: SpecLimits = {},
): KeySpec {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot read options: expected an object, got ${
        options === null ? "null" : typeof options
      }`,
    );
  }
  if (typeof limits !== "object" || limits === null) {
    throw new TypeError("Cannot read limits: expected an object");
  }
  const names = Object.keys(options);
  if (names.length === 0 && limits.maxCount === undefined) return makeDefault();
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

  const allowWeak = options.allowWeak === undefined
    ? false
    : readFlag("allowWeak", options.allowWeak);
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
  const format = formatRow(
    formatOption === undefined || formatOption === ""
      ? defaultFormat({ alphabet: alphabetOption, prefix })
      : formatOption,
  );
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
  const lead = prefix === undefined ? "" : `${prefix}_`;
  const warnings: string[] = [];
  if (size.bits < RECOMMENDED_BITS) {
    warnings.push(
      `Each key carries ${size.bits} bits of entropy, below the ${RECOMMENDED_BITS} bits recommended for secrets`,
    );
  }
  return trust({
    format: format.name,
    alphabet,
    bits: size.bits,
    length: lead.length + size.bodyLength + (checksum ? 6 : 0),
    bodyLength: size.bodyLength,
    bytes: size.bytes,
    count,
    prefix,
    checksum,
    lead,
    preset: undefined,
    env: undefined,
    allowWeak,
    warnings,
  }, size.bytes === undefined ? null : format.name as ByteFormat);
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
  format: FormatRow,
  alphabet: string,
  options: LooseKeyOptions,
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

/** A preset's spec: its row's body as an ordinary request, after its lead. */
function presetSpec(
  name: string,
  options: LooseKeyOptions,
  count: number,
): KeySpec {
  for (const [key, value] of Object.entries(options)) {
    // allowWeak is moot for a preset (none is weak); faces pass it always.
    const moot = key === "preset" || key === "count" || key === "allowWeak";
    if (!moot && value !== undefined) {
      throw new TypeError(
        `Cannot combine a preset with ${key}: a preset fixes the format and size`,
      );
    }
  }
  const row = presetRow(name);
  const body = row.body;
  const format = presetFormat(body);
  const sampled = "alphabet" in body;
  const alphabet = sampled ? body.alphabet : formatRow(format).alphabet;
  const bodyLength = sampled
    ? body.length
    : encodedLength(body.encoding, body.bytes);
  return trust({
    format,
    alphabet,
    bits: sampled
      ? Math.floor(bodyLength * Math.log2(Array.from(alphabet).length))
      : body.bytes * 8,
    length: row.lead.length + bodyLength,
    bodyLength,
    bytes: sampled ? undefined : body.bytes,
    count,
    prefix: undefined,
    checksum: false,
    lead: row.lead,
    preset: row.name,
    env: row.env,
    allowWeak: false,
    warnings: [],
  }, sampled ? null : body.encoding);
}

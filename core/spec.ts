/**
 * The one validator every face uses: options in, a checked
 * {@linkcode KeySpec} out. Generators trust only specs made here.
 *
 * @module
 */

import { type ByteEncoding, encodedLength, isPadded } from "./_encode.ts";
import {
  checkAlphabet,
  checkPrefix,
  defaultFormat,
  KEY_OPTION_NAMES,
  optionalString,
  optionNames,
  readFlag,
  wholeNumber,
} from "./_read.ts";
import { quoteValue } from "./_quote.ts";
import { type FormatName, formatRow } from "./format.ts";
import { presetEnv, presetFormat, presetRow } from "./preset.ts";

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
 * The requests and specs this module made, each with whether its byte
 * body is padded with `=`. Generators trust these and validate anything
 * else again: a copy of a spec, or an object shaped like one, is not a
 * spec. Requests never leave core, so a trusted object a caller hands in
 * is a spec.
 */
const TRUSTED = /* @__PURE__ */ new WeakMap<object, boolean>();

/**
 * The default of every generator's arguments: no options. Shared, so a
 * call with none skips reading an empty object.
 */
export const NONE: Readonly<Record<string, never>> = /* @__PURE__ */ Object
  .freeze({});

/**
 * What making keys needs of a spec: all of it but what only describes the
 * keys (`env`, `warnings`), which {@linkcode parseKeySpec} adds. The
 * generators that do not describe their keys read options into one of
 * these, so a bundle that only makes keys carries neither the presets'
 * variable names nor the warnings' text.
 */
export type KeyRequest = Omit<KeySpec, "env" | "warnings">;

/**
 * The trusted request for `input`: `input` itself when
 * {@linkcode parseKeySpec} made it, else `input` read as options.
 */
export function requestOf(input: unknown): KeyRequest {
  return TRUSTED.has(input as object)
    ? input as KeyRequest
    : readRequest(input as LooseKeyOptions);
}

/**
 * The trusted spec for `input`: `input` itself when {@linkcode parseKeySpec}
 * made it, else the spec of `input` read as options.
 */
export function specOf(input: unknown): KeySpec {
  return TRUSTED.has(input as object)
    ? input as KeySpec
    : parseKeySpec(input as LooseKeyOptions);
}

/** Whether a trusted request's byte body is padded with `=` (base64). */
export function paddedBody(request: KeyRequest): boolean {
  return TRUSTED.get(request)!;
}

const KNOWN_OPTIONS = /* @__PURE__ */ KEY_OPTION_NAMES.concat("allowWeak");

/** The default request, made on first use: one 256-bit hex key. */
let defaultRequest: KeyRequest | undefined;

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
  options: LooseKeyOptions = NONE,
  limits: SpecLimits = {},
): KeySpec {
  const request = readRequest(options, limits);
  const spec: KeySpec = {
    ...request,
    env: presetEnv(request.preset),
    warnings: Object.freeze(
      request.bits < RECOMMENDED_BITS
        ? [
          `Each key carries ${request.bits} bits of entropy, below the ${RECOMMENDED_BITS} bits recommended for secrets`,
        ]
        : [],
    ),
  };
  TRUSTED.set(Object.freeze(spec), paddedBody(request));
  return spec;
}

/** The validator itself: {@linkcode parseKeySpec} without the description. */
function readRequest(
  options: LooseKeyOptions = NONE,
  limits: SpecLimits = {},
): KeyRequest {
  const names = optionNames(options, KNOWN_OPTIONS, "");
  if (typeof limits !== "object" || limits === null) {
    throw new TypeError("Cannot read limits: expected an object");
  }
  if (names.length === 0 && limits.maxCount === undefined) {
    return defaultRequest ??= readRequest({ format: "hex" });
  }
  const count = options.count === undefined ? 1 : wholeNumber(
    "count",
    options.count,
    1,
    limits.maxCount ?? DEFAULT_MAX_COUNT,
    "make keys",
  );

  const preset = optionalString("preset", options.preset);
  if (preset !== undefined) {
    for (const name of names) {
      // allowWeak is moot for a preset (none is weak); faces pass it always.
      const moot = name === "preset" || name === "count" ||
        name === "allowWeak";
      if (!moot && options[name as keyof LooseKeyOptions] !== undefined) {
        throw new TypeError(
          `Cannot combine a preset with ${name}: a preset fixes the format and size`,
        );
      }
    }
    // A preset is a body request (bytes in an encoding, or characters of
    // its own alphabet) after a literal lead.
    const [name, lead, body, size, own = ""] = presetRow(preset);
    const format = presetFormat(body);
    const sampled = body === "custom";
    return makeRequest(
      format,
      sampled ? own : formatRow(format).alphabet,
      sampled ? null : body,
      sampled ? undefined : size * 8,
      sampled ? size : undefined,
      {
        count,
        prefix: undefined,
        checksum: false,
        lead,
        preset: name,
        allowWeak: false,
      },
    );
  }

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
      }: its alphabet has "_", the prefix separator`,
    );
  }

  if (options.bits !== undefined && options.length !== undefined) {
    throw new TypeError("Cannot size key: give bits or length, not both");
  }
  const length = options.length === undefined
    ? undefined
    : wholeNumber("length", options.length, 1, MAX_KEY_LENGTH, "size key");
  return makeRequest(
    format.name,
    alphabet,
    format.kind === "bytes" ? format.name as ByteEncoding : null,
    length !== undefined
      ? undefined
      : options.bits === undefined
      ? 256
      : wholeNumber("bits", options.bits, MIN_BITS, MAX_BITS, "size key"),
    length,
    {
      count,
      prefix,
      checksum: prefix !== undefined && checksumOption !== false,
      lead: prefix === undefined ? "" : `${prefix}_`,
      preset: undefined,
      allowWeak,
    },
  );
}

/** What a request holds besides its body, in the order of its fields. */
type RequestRest = Pick<
  KeyRequest,
  "count" | "prefix" | "checksum" | "lead" | "preset" | "allowWeak"
>;

/**
 * Works out how many characters (and, when whole bytes are encoded, how
 * many bytes) carry the requested entropy, and makes the trusted request.
 * `encoding` is null for sampled alphabets; a byte format sized by length
 * is sampled from its alphabet.
 */
function makeRequest(
  format: FormatName,
  alphabet: string,
  encoding: ByteEncoding | null,
  bits: number | undefined,
  length: number | undefined,
  rest: RequestRest,
): KeyRequest {
  // Each character carries log2(n) bits. When n is not a power of two,
  // chars * log2(n) is never a whole number, so floor and ceil are exact.
  // An alphabet is counted by code point (built-in ones are ASCII).
  const perChar = Math.log2(Array.from(alphabet).length);
  const bytes = encoding !== null && bits !== undefined
    ? Math.ceil(bits / 8)
    : undefined;
  if (encoding === "base64" && length !== undefined && length % 4 > 0) {
    throw new RangeError(
      `Cannot size base64 key: length must be a multiple of 4, got ${length}; base64url takes any length`,
    );
  }
  const bodyLength = bytes === undefined
    ? length ?? Math.ceil(bits! / perChar)
    : encodedLength(bytes, perChar, isPadded(encoding!));
  if (bodyLength > MAX_KEY_LENGTH) {
    throw new RangeError(
      `Cannot size key: ${bits} bits need ${bodyLength} characters, above the limit of ${MAX_KEY_LENGTH}`,
    );
  }
  const entropy = bytes === undefined
    ? Math.floor(bodyLength * perChar)
    : bytes * 8;
  const request: KeyRequest = {
    format,
    alphabet,
    bits: entropy,
    length: rest.lead.length + bodyLength + (rest.checksum ? 6 : 0),
    bodyLength,
    bytes,
    ...rest,
  };
  TRUSTED.set(
    Object.freeze(request),
    bytes !== undefined && isPadded(encoding!),
  );
  return request;
}

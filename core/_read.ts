/**
 * Readers for the loose option values faces carry (strings from flags and
 * query parameters, or typed values from library callers), each with the
 * library's own message.
 *
 * @module
 */

import { quoteValue } from "./_quote.ts";
import { alphabetChars } from "./_sampler.ts";
import type { FormatName } from "./format.ts";

const PREFIX = /^[a-z][a-z0-9_]{0,31}$/;

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
 * The names of an options object, refusing anything but an object and any
 * name outside `known`; a key option given to a generator's second
 * argument is pointed to the first.
 *
 * @param example How the expected object looks, for the message.
 */
export function optionNames(
  options: unknown,
  known: readonly string[],
  example: string,
): string[] {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(
      `Cannot read options: expected an object${example}, got ${
        options === null ? "null" : typeof options
      }`,
    );
  }
  const names = Object.keys(options);
  for (const name of names) {
    if (!known.includes(name)) {
      throw new TypeError(
        `Cannot read options: unknown option ${quoteValue(name)}${
          KEY_OPTION_NAMES.includes(name)
            ? "; key options go in the first argument"
            : ""
        }`,
      );
    }
  }
  return names;
}

/** Reads an optional string option. */
export function optionalString(
  name: string,
  value: unknown,
): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new TypeError(
      `Cannot read option ${name}: expected a string, got ${typeof value}`,
    );
  }
  return value;
}

/** Reads a whole number option, from a number or its decimal text. */
export function wholeNumber(
  name: string,
  value: unknown,
  min: number,
  max: number,
  action: string,
): number {
  const must = `Cannot ${action}: ${name} must be `;
  // Decimal text, as flags and queries carry numbers; anything else that
  // is not a safe integer (other text, a fraction, a boolean) is refused.
  const number = typeof value === "string" && /^[0-9]{1,16}$/.test(value.trim())
    ? Number(value)
    : value as number;
  if (!Number.isSafeInteger(number)) {
    throw new TypeError(
      `${must}a whole number from ${min} to ${max}, got ${quoteValue(value)}`,
    );
  }
  if (number < min || number > max) {
    throw new RangeError(`${must}from ${min} to ${max}, got ${number}`);
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
 * import { defaultFormat } from "@keymint/core/faces";
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
 * import { readFlag } from "@keymint/core/faces";
 * import assert from "node:assert/strict";
 *
 * assert.equal(readFlag("checksum", "OFF"), false);
 * ```
 */
export function readFlag(name: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  const word = typeof value === "string"
    ? FLAG_WORDS.indexOf(value.toLowerCase())
    : -1;
  if (word < 0) {
    throw new TypeError(
      `Cannot read option ${name}: expected true or false, got ${
        quoteValue(value)
      }`,
    );
  }
  return word < 4;
}

/** The words of {@linkcode readFlag}: four for true, then four for false. */
const FLAG_WORDS = ["true", "1", "yes", "on", "false", "0", "no", "off"];

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
      }: use 1 to 32 of a-z, 0-9 and "_", starting with a letter and not ending with "_"`,
    );
  }
  return prefix;
}

/** Checks a custom alphabet: 2 to 256 distinct printable characters. */
export function checkAlphabet(alphabet: string): string {
  const chars = alphabetChars(alphabet);
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

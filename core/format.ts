/**
 * The key formats keymint writes, and how each one is drawn.
 *
 * @module
 */

import { quoteValue } from "./_quote.ts";
import { didYouMean } from "./suggest.ts";

/** The name of a key format. */
export type FormatName =
  | "hex"
  | "base64"
  | "base64url"
  | "base32"
  | "crockford"
  | "base58"
  | "alnum"
  | "digits"
  | "custom";

/** One row of the format table. */
export interface FormatInfo {
  /** The canonical name. */
  readonly name: FormatName;
  /**
   * `bytes`: whole random bytes are drawn and encoded (power-of-two
   * alphabets). `sampled`: each character is drawn uniformly from the
   * alphabet by rejection sampling.
   */
  readonly kind: "bytes" | "sampled";
  /** The characters, in the order of their values (empty for `custom`). */
  readonly alphabet: string;
  /** Other names accepted for this format. */
  readonly aliases: readonly string[];
  /** What the format is good for, in one sentence. */
  readonly summary: string;
}

const DIGITS = "0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";

/** `0-9A-Za-z`, the alphabet of `alnum` bodies and of checksums. */
export const BASE62_ALPHABET: string = DIGITS + UPPER + LOWER;

/** The format table, default (`hex`) first. */
export const FORMATS: readonly FormatInfo[] = [
  {
    name: "hex",
    kind: "bytes",
    alphabet: "0123456789abcdef",
    aliases: [],
    summary: "Lower-case hexadecimal; what openssl rand -hex prints.",
  },
  {
    name: "base64",
    kind: "bytes",
    alphabet: UPPER + LOWER + DIGITS + "+/",
    aliases: [],
    summary: "Standard base64 (RFC 4648 section 4) with = padding.",
  },
  {
    name: "base64url",
    kind: "bytes",
    alphabet: UPPER + LOWER + DIGITS + "-_",
    aliases: [],
    summary: "URL-safe base64 (RFC 4648 section 5) without padding.",
  },
  {
    name: "base32",
    kind: "bytes",
    alphabet: UPPER + "234567",
    aliases: [],
    summary: "Base32 (RFC 4648 section 6) without padding; case-insensitive.",
  },
  {
    name: "crockford",
    kind: "bytes",
    alphabet: "0123456789abcdefghjkmnpqrstvwxyz",
    aliases: [],
    summary: "Crockford base32 in lower case: no I, L, O or U to misread.",
  },
  {
    name: "base58",
    kind: "sampled",
    alphabet: "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
    aliases: [],
    summary: "The Bitcoin alphabet: no 0, O, I or l; double-click selects it.",
  },
  {
    name: "alnum",
    kind: "sampled",
    alphabet: BASE62_ALPHABET,
    aliases: ["alphanumeric", "base62"],
    summary: "Letters and digits only: safe in URLs, headers and shells.",
  },
  {
    name: "digits",
    kind: "sampled",
    alphabet: DIGITS,
    aliases: [],
    summary: "Decimal digits, for PINs and numeric codes.",
  },
  {
    name: "custom",
    kind: "sampled",
    alphabet: "",
    aliases: [],
    summary: "Your own alphabet of 2 to 256 distinct characters.",
  },
];

/**
 * Looks a format up by name or alias, ignoring case.
 *
 * @param name A format name such as `"hex"` or an alias such as `"base62"`.
 * @returns The format's row of {@linkcode FORMATS}.
 * @throws {RangeError} When no format has that name.
 *
 * @example Resolve an alias
 * ```ts
 * import { findFormat } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(findFormat("base62").name, "alnum");
 * ```
 */
export function findFormat(name: string): FormatInfo {
  const wanted = name.toLowerCase();
  const found = FORMATS.find((format) =>
    format.name === wanted || format.aliases.includes(wanted)
  );
  if (found === undefined) {
    const names = FORMATS.map((format) => format.name);
    throw new RangeError(
      `Cannot use format ${quoteValue(name)}: unknown format${
        didYouMean(wanted, names)
      }; choose one of ${names.join(", ")}`,
    );
  }
  return found;
}

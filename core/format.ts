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

/** `0-9A-Za-z`, the alphabet of `alnum` bodies and of checksums. */
export const BASE62_ALPHABET: string =
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A format as the engine needs it: no prose, aliases only where it has some. */
export type FormatRow =
  & Omit<FormatInfo, "summary" | "aliases">
  & Partial<Pick<FormatInfo, "aliases">>;

// Literal data only, so that a bundler drops what is not used: the engine
// reads ROWS, the listing (FORMATS) adds SUMMARIES.
const ROWS: readonly FormatRow[] = [
  { name: "hex", kind: "bytes", alphabet: "0123456789abcdef" },
  {
    name: "base64",
    kind: "bytes",
    alphabet:
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
  },
  {
    name: "base64url",
    kind: "bytes",
    alphabet:
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
  },
  {
    name: "base32",
    kind: "bytes",
    alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
  },
  {
    name: "crockford",
    kind: "bytes",
    alphabet: "0123456789abcdefghjkmnpqrstvwxyz",
  },
  {
    name: "base58",
    kind: "sampled",
    alphabet: "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
  },
  {
    name: "alnum",
    kind: "sampled",
    alphabet: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    aliases: ["alphanumeric", "base62"],
  },
  { name: "digits", kind: "sampled", alphabet: "0123456789" },
  { name: "custom", kind: "sampled", alphabet: "" },
];

const SUMMARIES: Readonly<Record<FormatName, string>> = {
  hex: "Lower-case hexadecimal; what openssl rand -hex prints.",
  base64: "Standard base64 (RFC 4648 section 4) with = padding.",
  base64url: "URL-safe base64 (RFC 4648 section 5) without padding.",
  base32: "Base32 (RFC 4648 section 6) without padding; case-insensitive.",
  crockford: "Crockford base32 in lower case: no I, L, O or U to misread.",
  base58: "The Bitcoin alphabet: no 0, O, I or l; double-click selects it.",
  alnum: "Letters and digits only: safe in URLs, headers and shells.",
  digits: "Decimal digits, for PINs and numeric codes.",
  custom: "Your own alphabet of 2 to 256 distinct characters.",
};

/**
 * The format table, default (`hex`) first.
 *
 * @example
 * ```ts
 * import { FORMATS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(FORMATS[0]?.name, "hex");
 * ```
 */
export const FORMATS: readonly FormatInfo[] = /* @__PURE__ */ ROWS.map((
  row,
) => ({ aliases: [], ...row, summary: SUMMARIES[row.name] }));

/**
 * The engine's row of a format, by name or alias, ignoring case.
 *
 * @param suggest Adds a "did you mean" to the message for an unknown name:
 * {@linkcode didYouMean}, passed in by the callers that want it (faces
 * and {@linkcode findFormat}), so a bundle that only makes keys leaves it
 * out.
 * @throws {RangeError} When no format has that name.
 */
export function formatRow(
  name: string,
  suggest?: typeof didYouMean,
): FormatRow {
  const wanted = name.toLowerCase();
  const found = ROWS.find((format) =>
    format.name === wanted || format.aliases?.includes(wanted)
  );
  if (found === undefined) {
    const names = ROWS.map((format) => format.name);
    throw new RangeError(
      `Cannot use format ${quoteValue(name)}: unknown format${
        suggest?.(wanted, names) ?? ""
      }; choose one of ${names.join(", ")}`,
    );
  }
  return found;
}

/**
 * Looks a format up by name or alias, ignoring case.
 *
 * @param name A format name such as `"hex"` or an alias such as `"base62"`.
 * @returns The format's row of {@linkcode FORMATS}.
 * @throws {RangeError} When no format has that name; the message suggests
 * a close one.
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
  const row = formatRow(name, didYouMean);
  return FORMATS.find((format) => format.name === row.name)!;
}

/**
 * The exact shape of a structured key as a regular expression: the one
 * piece every scanner rule and the offline scan are built from.
 *
 * @module
 */

import { BASE62_ALPHABET } from "./format.ts";
import type { KeySpec } from "./options.ts";

/** A structured key's shape, as a scanner needs it. */
export interface KeyShape {
  /** The prefix including its `_` separator, such as `acme_live_`. */
  readonly lead: string;
  /** The characters the random body is drawn from. */
  readonly alphabet: string;
  /** Body characters before any padding. */
  readonly bodyLength: number;
  /** `=` characters that end a padded base64 body. */
  readonly padding: number;
  /** Whether six base62 checksum characters follow the body. */
  readonly checksum: boolean;
  /** The whole key's length in characters. */
  readonly length: number;
}

/** The regular expression parts of a {@linkcode KeyShape}. */
export interface KeyPattern {
  /** The key alone, no boundaries: RE2, Hyperscan and JavaScript syntax. */
  readonly secret: string;
  /** What must come before the key (GitHub's "before secret"). */
  readonly before: string;
  /** What must come after the key (GitHub's "after secret"). */
  readonly after: string;
  /**
   * The whole expression, the key in capture group 1: `\b` before, and
   * after it `\b` when every key character is a word character, else one
   * character outside the key's alphabet or the end of the text.
   */
  readonly regex: string;
}

const WORD = /^[0-9A-Za-z_]$/;

/**
 * Reads the shape of the keys a prefixed spec makes.
 *
 * @param spec A spec from `parseKeySpec` with a prefix.
 * @returns The shape.
 * @throws {TypeError} When the spec has no prefix: a rule needs a literal
 * lead to be exact and cheap.
 *
 * @example
 * ```ts
 * import { keyShapeOf, parseKeySpec } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const shape = keyShapeOf(parseKeySpec({ prefix: "acme_live" }));
 * assert.equal(shape.lead, "acme_live_");
 * assert.equal(shape.bodyLength, 43);
 * assert.equal(shape.length, 59);
 * ```
 */
export function keyShapeOf(spec: KeySpec): KeyShape {
  if (spec.prefix === undefined) {
    throw new TypeError(
      "Cannot make rules: they need a prefix, so the pattern has a literal start",
    );
  }
  let padding = 0;
  if (spec.format === "base64" && spec.bytes !== undefined) {
    padding = spec.bodyLength - Math.ceil((spec.bytes * 8) / 6);
  }
  return {
    lead: `${spec.prefix}_`,
    alphabet: spec.alphabet,
    bodyLength: spec.bodyLength - padding,
    padding,
    checksum: spec.checksum,
    length: spec.length,
  };
}

/**
 * Writes a shape as regular expressions that RE2 (gitleaks, trufflehog),
 * Hyperscan (GitHub) and JavaScript (secretlint) all read the same way: no
 * lookaround, no backreferences, only literals, character classes, fixed
 * counts and `\b`.
 *
 * @param shape The shape from {@linkcode keyShapeOf}.
 * @returns The secret alone, its boundaries, and the whole expression.
 *
 * @example
 * ```ts
 * import { keyPattern, keyShapeOf, parseKeySpec } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const pattern = keyPattern(keyShapeOf(parseKeySpec({ prefix: "acme" })));
 * assert.equal(pattern.regex, "\\b(acme_[0-9A-Za-z]{43}[0-9A-Za-z]{6})\\b");
 * ```
 */
export function keyPattern(shape: KeyShape): KeyPattern {
  const body = `${charClass(shape.alphabet)}{${shape.bodyLength}}`;
  const secret = escapeLiteral(shape.lead) + body +
    "=".repeat(shape.padding) +
    (shape.checksum ? `${charClass(BASE62_ALPHABET)}{6}` : "");
  const wordOnly = shape.padding === 0 &&
    Array.from(shape.alphabet).every((char) => WORD.test(char));
  const outside = `[^${
    classBody(shape.alphabet + "=" + BASE62_ALPHABET + "_")
  }]`;
  const after = wordOnly ? "\\b" : `(?:${outside}|$)`;
  return {
    secret,
    before: "\\A|[^0-9A-Za-z_]",
    after: wordOnly ? "\\z|[^0-9A-Za-z_]" : `\\z|${outside}`,
    regex: `\\b(${secret})${after}`,
  };
}

/**
 * The Shannon entropy per character that every key of the shape keeps with
 * overwhelming probability, counted over the whole key the way gitleaks
 * does: half the most its random part can show, scaled by the random part's
 * share of the key (entropy is concave, so mixing in the prefix cannot pull
 * it lower). Random parts under 24 characters get 0: too short to promise.
 *
 * @param shape The shape.
 * @returns Bits per character, rounded down to a tenth.
 *
 * @example
 * ```ts
 * import { entropyFloor, keyShapeOf, parseKeySpec } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(entropyFloor(keyShapeOf(parseKeySpec({ prefix: "acme" }))), 2.5);
 * ```
 */
export function entropyFloor(shape: KeyShape): number {
  const random = shape.bodyLength + (shape.checksum ? 6 : 0);
  if (random < 24) return 0;
  const symbols = shape.checksum
    ? new Set([...shape.alphabet, ...BASE62_ALPHABET]).size
    : Array.from(shape.alphabet).length;
  const most = Math.log2(Math.min(symbols, random));
  return Math.floor((most / 2) * (random / shape.length) * 10) / 10;
}

/**
 * Shannon entropy of a string in bits per character, as gitleaks computes
 * it for its `entropy` floor.
 *
 * @param text Any text.
 * @returns Bits per character (0 for empty text).
 *
 * @example
 * ```ts
 * import { shannonEntropy } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(shannonEntropy("aabb"), 1);
 * ```
 */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  let total = 0;
  for (const char of text) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
    total++;
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / total;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** A character class for an alphabet, with runs written as ranges. */
function charClass(alphabet: string): string {
  return `[${classBody(alphabet)}]`;
}

function classBody(alphabet: string): string {
  const points = [...new Set(Array.from(alphabet, (c) => c.codePointAt(0)!))]
    .sort((a, b) => a - b);
  let out = "";
  for (let i = 0; i < points.length;) {
    let j = i;
    while (j + 1 < points.length && points[j + 1] === points[j]! + 1) j++;
    const from = classChar(points[i]!);
    const to = classChar(points[j]!);
    if (j - i >= 2) out += `${from}-${to}`;
    else out += j > i ? from + to : from;
    i = j + 1;
  }
  return out;
}

function classChar(point: number): string {
  const char = String.fromCodePoint(point);
  if ("\\]^-[".includes(char)) return `\\${char}`;
  if (point < 0x20 || point === 0x7f) {
    return `\\x${point.toString(16).padStart(2, "0")}`;
  }
  return char;
}

function escapeLiteral(text: string): string {
  // Prefixes are [a-z0-9_]: nothing to escape, but say so in code.
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => `\\${c}`);
}

/**
 * Inspecting a key someone already has: how strong it is, what it looks
 * like, and what is wrong with it, without ever printing it.
 *
 * @module
 */

import { AWS_EXAMPLE, DOCUMENTATION_KEYS, isPlaceholder } from "./_examples.ts";
import { hashKey } from "./hash.ts";
import { maskKey } from "./mask.ts";
import { MAX_KEY_LENGTH, RECOMMENDED_BITS } from "./spec.ts";
import { parseStructuredKey } from "./structured.ts";

/** What {@linkcode inspectKey} finds. */
export interface Inspection {
  /** Characters (code points) in the whole key. */
  length: number;
  /** The smallest known alphabet that covers the random part. */
  alphabet: string;
  /**
   * Estimated entropy of the random part: its length times log2 of the
   * alphabet size, rounded down. An upper bound: a key typed by hand has far
   * less.
   */
  bits: number;
  /** The structured-key prefix, or null. */
  prefix: string | null;
  /** Whether a structured key's checksum matches its body. */
  checksum: "valid" | "invalid" | "none";
  /** SHA-256 of the key in hex: the same value `hashKey` gives, to compare with a stored hash. */
  fingerprint: string;
  /** A form safe to log. */
  masked: string;
  /** Sentences about what is wrong, empty when nothing is. */
  warnings: string[];
}

/** Known alphabets, smallest first; the first that covers the text wins. */
const ALPHABETS: ReadonlyArray<readonly [string, number, RegExp]> = [
  ["digits", 10, /^[0-9]+$/],
  ["hex", 16, /^[0-9a-f]+$/],
  ["hex (upper case)", 16, /^[0-9A-F]+$/],
  ["base32", 32, /^[A-Z2-7]+=*$/],
  ["crockford", 32, /^[0-9a-hjkmnp-tv-z]+$/],
  ["base58", 58, /^[1-9A-HJ-NP-Za-km-z]+$/],
  ["alnum", 62, /^[0-9A-Za-z]+$/],
  ["base64url", 64, /^[0-9A-Za-z_-]+$/],
  ["base64", 64, /^[0-9A-Za-z+/]+={0,2}$/],
  ["printable ASCII", 94, /^[!-~]+$/],
  ["printable ASCII with spaces", 95, /^[ -~]+$/],
];

const UUID =
  /^[0-9a-f]{8}-[0-9a-f]{4}-([0-9a-f])[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Inspects one key and reports its length, alphabet, estimated entropy,
 * prefix, checksum, fingerprint, masked form and warnings. The key itself is
 * never part of the result.
 *
 * A key is read as structured when the text before its last `_` is a valid
 * prefix. A base64url key can contain `_` by chance and is then read that
 * way too; a checksum that does not match is reported, so such a key may
 * show as "invalid". Prefixed keys should use a body without `_`, as
 * keymint's own do.
 *
 * @param key The key.
 * @returns What was found.
 * @throws {RangeError} When the key is empty, longer than 16384 characters
 * or more than one line.
 *
 * @example A GitHub-shaped token
 * ```ts
 * import { inspectKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const report = await inspectKey("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");
 * assert.equal(report.prefix, "ghp");
 * assert.equal(report.checksum, "valid");
 * assert.equal(report.alphabet, "alnum");
 * assert.equal(report.bits, 178);
 * ```
 */
export async function inspectKey(key: string): Promise<Inspection> {
  if (typeof key !== "string") {
    throw new TypeError("Cannot inspect key: expected a string");
  }
  if (key.length === 0) throw new RangeError("Cannot inspect key: it is empty");
  if (key.length > MAX_KEY_LENGTH) {
    throw new RangeError(
      `Cannot inspect key: it is longer than ${MAX_KEY_LENGTH} characters`,
    );
  }
  if (/[\r\n]/.test(key)) {
    throw new RangeError(
      "Cannot inspect key: it spans more than one line; inspect one key at a time",
    );
  }
  const warnings: string[] = [];
  const parts = parseStructuredKey(key);
  let checksum: Inspection["checksum"] = "none";
  let random = key;
  if (parts !== undefined) {
    random = parts.body;
    if (parts.valid === true) checksum = "valid";
    if (parts.valid === false) {
      checksum = "invalid";
      warnings.push(
        "The checksum does not match the body: the key was mistyped, cut short or altered",
      );
    }
  }

  let alphabet: string;
  let bits: number;
  const uuid = UUID.exec(key);
  if (uuid !== null) {
    const version = uuid[1]!;
    alphabet = "uuid";
    bits = version === "4" ? 122 : version === "7" ? 74 : 0;
    warnings.push(
      `This is a UUID (version ${version}): an identifier, not a secret. RFC 9562 section 8 warns against using UUIDs as security capabilities`,
    );
  } else {
    const chars = Array.from(random);
    const found = ALPHABETS.find(([, , pattern]) => pattern.test(random));
    if (found !== undefined) {
      const unpadded = chars.filter((char) => char !== "=").length;
      alphabet = found[0];
      bits = Math.floor(unpadded * Math.log2(found[1]));
    } else {
      alphabet = "unicode";
      bits = new TextEncoder().encode(random).length * 8;
    }
  }

  if (bits < RECOMMENDED_BITS) {
    warnings.push(
      `At most ${bits} bits of entropy, below the ${RECOMMENDED_BITS} bits recommended for secrets`,
    );
  }
  const published = DOCUMENTATION_KEYS.get(key);
  if (published !== undefined) {
    warnings.push(
      `This is ${published}: it is public, so anyone can use it. Generate a new one`,
    );
  } else if (AWS_EXAMPLE.test(key)) {
    warnings.push(
      "This looks like an AWS documentation example key: it is public. Generate a new one",
    );
  } else if (isSupabaseDemoToken(key)) {
    warnings.push(
      "This is one of Supabase's published demo tokens: it is public. Generate a new one",
    );
  } else if (isPlaceholder(key)) {
    warnings.push(
      "It contains placeholder words, so it looks typed by hand rather than generated",
    );
  }
  if (uuid === null && lowVariety(random, alphabetSize(alphabet))) {
    warnings.push(
      `It uses only ${
        new Set(random).size
      } distinct characters, far fewer than random text of this length would`,
    );
  } else if (uuid === null && /(.{1,4})\1{7,}/.test(random)) {
    warnings.push(
      "It contains a repeated pattern, which random keys almost never do",
    );
  }

  return {
    length: Array.from(key).length,
    alphabet,
    bits,
    prefix: parts?.prefix ?? null,
    checksum,
    fingerprint: await hashKey(key),
    masked: maskKey(key),
    warnings,
  };
}

function alphabetSize(name: string): number {
  return ALPHABETS.find(([known]) => known === name)?.[1] ?? 256;
}

/**
 * True when text has fewer than half the distinct characters that random
 * text of its length over its alphabet has on average: n(1 - (1 - 1/n)^L).
 * The count from a random source stays close to that mean, so half of it is
 * a safe line.
 */
function lowVariety(text: string, alphabet: number): boolean {
  const chars = Array.from(text);
  if (chars.length < 8) return false;
  const expected = alphabet * (1 - Math.pow(1 - 1 / alphabet, chars.length));
  return new Set(chars).size < expected / 2;
}

/** Supabase's demo anon and service-role tokens carry `"iss":"supabase-demo"`. */
function isSupabaseDemoToken(key: string): boolean {
  const payload = key.split(".")[1];
  if (key.split(".").length !== 3 || payload === undefined) return false;
  try {
    const json = atob(payload.replaceAll("-", "+").replaceAll("_", "/"));
    return /"iss"\s*:\s*"supabase-demo"/.test(json);
  } catch {
    return false;
  }
}

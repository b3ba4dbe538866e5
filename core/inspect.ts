/**
 * Inspecting a key someone already has: what kind it is, how strong it is,
 * and what is wrong with it, without ever printing it.
 *
 * @module
 */

import { measureText } from "./_alphabet.ts";
import { publishedKeyWarning } from "./_examples.ts";
import { guessableSigns } from "./_guessable.ts";
import { readJwt } from "./_jwt.ts";
import { hashKey } from "./hash.ts";
import { type KindMatch, recogniseKind } from "./kinds.ts";
import { maskKey } from "./mask.ts";
import { MAX_KEY_LENGTH, parseKeySpec, RECOMMENDED_BITS } from "./spec.ts";
import { guessPrefix } from "./structured.ts";

/** The recognised kind of an inspected key. */
export interface InspectedKind {
  /** The row's stable identifier, such as `github-pat-classic`. */
  id: string;
  /** Who issues it, such as `GitHub`. */
  provider: string;
  /** What it is, such as `personal access token (classic)`. */
  type: string;
  /** Where its shape is documented. */
  source: string;
}

/** What a JWT's header and claims say; nothing is verified. */
export interface InspectedJwt {
  /** The `alg` header, or null. */
  alg: string | null;
  /** The `exp` claim in seconds since the epoch, or null. */
  exp: number | null;
}

/** What {@linkcode inspectKey} finds. */
export interface Inspection {
  /** Characters (code points) in the whole key. */
  length: number;
  /** The smallest known alphabet that covers the random part. */
  alphabet: string;
  /** Estimated entropy of the key in bits; see `estimate`. */
  bits: number;
  /**
   * `documented`: the figure the kind's issuer documents. `upper bound`: the
   * random part's length x log2 of its alphabet, rounded down (whole bytes
   * for power-of-two alphabets); a key chosen by hand has far less.
   */
  estimate: "documented" | "upper bound";
  /** The prefix (without a trailing `_` or `-`), or null. */
  prefix: string | null;
  /**
   * `valid`: the last six characters are the CRC-32 base62 of the body.
   * `invalid`: the prefix belongs to a scheme that always carries one (or
   * was declared so) and it does not match. `none` otherwise.
   */
  checksum: "valid" | "invalid" | "none";
  /** The recognised kind, or null. */
  kind: InspectedKind | null;
  /** A JWT's algorithm and expiry, or null when it is not a JWT. */
  jwt: InspectedJwt | null;
  /**
   * SHA-256 of the key in hex, the value `hashKey` gives; null when the
   * estimated entropy is below 128 bits or the key looks chosen by hand,
   * since then the hash would give the key away.
   */
  fingerprint: string | null;
  /** A form safe to log; nothing of the body when the key is weak. */
  masked: string;
  /** Sentences about what is wrong, empty when nothing is. */
  warnings: string[];
}

/** Options for {@linkcode inspectKey}. */
export interface InspectOptions {
  /**
   * Prefixes (without their `_`) whose keys always carry a keymint
   * checksum, as `keymint inspect --prefix` declares them.
   * @default []
   */
  prefixes?: readonly string[];
  /** The time to judge a JWT's expiry against, in ms. @default Date.now() */
  now?: number;
}

/**
 * Inspects one key and reports its kind, length, alphabet, estimated
 * entropy, prefix, checksum, fingerprint, masked form and warnings. The key
 * itself is never part of the result, and for a weak key nothing that would
 * give it away is (no fingerprint, no prefix, nothing of the body). Never a
 * network call.
 *
 * @param key The key.
 * @param options Prefixes declared as always checksummed; the clock.
 * @returns What was found.
 * @throws {RangeError} When the key is empty, longer than 16384 characters
 * or more than one line (a PEM block excepted), or a declared prefix is not
 * a valid prefix.
 *
 * @example A GitHub token, a Stripe test key and a six-digit code
 * ```ts
 * import { inspectKey } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const report = await inspectKey("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");
 * assert.equal(report.kind?.provider, "GitHub");
 * assert.equal(report.prefix, "ghp");
 * assert.equal(report.checksum, "valid");
 * assert.equal(report.bits, 178);
 * assert.equal(report.estimate, "documented");
 *
 * const stripe = await inspectKey("sk_test_" + "4eC39HqLyjWDarjtT1zdp7dc");
 * assert.equal(stripe.kind?.type, "secret key (test mode)");
 * assert.equal(stripe.checksum, "none");
 *
 * const code = await inspectKey("482913");
 * assert.equal(code.fingerprint, null);
 * assert.equal(code.masked, "...");
 * ```
 */
export async function inspectKey(
  key: string,
  options: InspectOptions = {},
): Promise<Inspection> {
  if (typeof key !== "string") {
    throw new TypeError("Cannot inspect key: expected a string");
  }
  if (key.length === 0) throw new RangeError("Cannot inspect key: it is empty");
  if (key.length > MAX_KEY_LENGTH) {
    throw new RangeError(
      `Cannot inspect key: it is longer than ${MAX_KEY_LENGTH} characters`,
    );
  }
  // An empty prefix is none, as in generateKey.
  const prefixes = (options.prefixes ?? []).filter((prefix) => prefix !== "");
  // The spec parser owns the prefix rule (and its message).
  for (const prefix of prefixes) parseKeySpec({ prefix });
  const match = recogniseKind(key, { prefixes });
  if (/[\r\n]/.test(key) && match?.kind.id !== "pem") {
    throw new RangeError(
      "Cannot inspect key: it spans more than one line; inspect one key at a time",
    );
  }
  return await inspectText(key, match, { ...options, prefixes });
}

/** The prefix as reported: without one trailing `_` or `-`. */
function displayPrefix(lead: string): string | null {
  if (lead === "") return null;
  return lead.endsWith("_") || lead.endsWith("-") ? lead.slice(0, -1) : lead;
}

async function inspectText(
  key: string,
  found: KindMatch | undefined,
  options: InspectOptions,
): Promise<Inspection> {
  const warnings: string[] = [];
  let match = found;
  let lead = match?.prefix ?? "";
  let body = match?.body ?? key;
  if (match === undefined) ({ lead, body } = guessPrefix(key));
  // A short random base64url text can hold a "_" after lower-case letters
  // and read as prefix and body. The smaller figure is the safe one to give.
  const whole = lead === "" ? undefined : measureText(key).bits;
  const jwt = match?.kind.id === "jwt" ? readJwt(key) : undefined;
  // Three dotted base64url parts that do not decode are not a JWT.
  if (match?.kind.id === "jwt" && jwt === undefined) match = undefined;
  const kind = match?.kind;
  const pem = kind?.id === "pem" ? pemBody(key) : undefined;
  if (pem !== undefined) body = pem.base64;
  const measure = measureText(jwt === undefined ? body : key.split(".")[2]!);
  let bits = measure.bits;
  let estimate: Inspection["estimate"] = "upper bound";
  if (match?.bits !== null && match?.bits !== undefined) {
    bits = match.bits;
    estimate = "documented";
  }
  if (kind !== undefined && kind.note !== "") warnings.push(kind.note);
  if (match?.checksum === "invalid") {
    warnings.push(
      "The checksum does not match the body: the key was mistyped, cut short or altered",
    );
  }
  if (jwt !== undefined) {
    if (jwt.alg === null || jwt.alg.toLowerCase() === "none") {
      warnings.push(
        'Its alg is "none": it carries no signature, so anyone can forge it',
      );
    }
    const now = options.now ?? Date.now();
    if (jwt.exp !== null && jwt.exp * 1000 < now) {
      warnings.push(
        `It expired on ${new Date(jwt.exp * 1000).toISOString()}`,
      );
    }
    if (jwt.iss === "supabase-demo") {
      warnings.push(
        "This is one of Supabase's published demo tokens: it is public. Generate a new one",
      );
    }
  }
  const secret = kind?.secret ?? true;
  const signs = secret && jwt === undefined
    ? guessableSigns(body, measure.size)
    : [];
  warnings.push(...signs);
  if (signs.length > 0 && estimate === "upper bound") {
    warnings.push(
      `The ${bits}-bit figure is an upper bound for random text; for text chosen by a person it means nothing`,
    );
  }
  if (
    whole !== undefined && whole >= RECOMMENDED_BITS &&
    bits < RECOMMENDED_BITS && estimate === "upper bound"
  ) {
    warnings.push(
      `Read as a prefix and a body, it carries at most ${bits} bits; if it is one random string with no prefix, at most ${whole}`,
    );
  }
  if (secret && bits < RECOMMENDED_BITS) {
    warnings.push(
      `At most ${bits} bits of entropy, below the ${RECOMMENDED_BITS} bits recommended for secrets`,
    );
  }
  const published = publishedKeyWarning(key);
  if (published !== undefined) warnings.push(published);

  const weak = bits < RECOMMENDED_BITS ||
    (signs.length > 0 && estimate === "upper bound");
  if (weak) {
    warnings.push(
      bits < RECOMMENDED_BITS
        ? `Fingerprint left out: below ${RECOMMENDED_BITS} bits, the key could be found from its SHA-256 by trying every value`
        : "Fingerprint left out: the key looks chosen by a person, so it could be found from its SHA-256 by guessing",
    );
  }
  // A weak key's "prefix" may be part of what was chosen: show it only when
  // it is a recognised kind's, which is public.
  const prefix = weak && match === undefined ? null : displayPrefix(lead);
  return {
    length: Array.from(key).length,
    alphabet: jwt !== undefined
      ? "jwt"
      : pem !== undefined
      ? "pem"
      : measure.alphabet,
    bits,
    estimate,
    prefix,
    checksum: match?.checksum ?? "none",
    kind: kind === undefined ? null : describeKind(kind),
    jwt: jwt === undefined ? null : { alg: jwt.alg, exp: jwt.exp },
    fingerprint: weak ? null : await hashKey(key),
    masked: pem !== undefined
      ? `${pem.begin}...`
      : weak
      ? `${prefix === null ? "" : lead}...`
      : maskKey(key, { prefixes: options.prefixes ?? [] }),
    warnings,
  };
}

/** A PEM block's BEGIN line and its base64 lines, headers left out. */
function pemBody(text: string): { begin: string; base64: string } {
  const lines = text.split(/\r?\n/);
  const base64 = lines.filter((line) =>
    !line.startsWith("-----") && !line.includes(":") && line !== ""
  ).join("");
  return { begin: lines[0]!, base64 };
}

function describeKind(kind: KindMatch["kind"]): InspectedKind {
  return {
    id: kind.id,
    provider: kind.provider,
    type: kind.type,
    source: kind.source,
  };
}

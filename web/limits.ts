/**
 * The API's work and size budget: how many keys one request may ask for and
 * how many bytes one answer may hold, with the largest answer a spec can
 * produce worked out before any random byte is drawn. These bounds are the
 * web face's own (the core's bounds on a single key, such as
 * `MAX_KEY_LENGTH`, stay in core); `GET /api/v1/limits` reports them.
 *
 * @module
 */

import { describeKey, type KeySpec, MAX_KEY_LENGTH } from "@keymint/core";

/** The most keys one request may ask for. */
export const MAX_API_COUNT = 1000;

/** The largest body one API answer may have, in bytes (1 MiB). */
export const MAX_ANSWER_BYTES = 1_048_576;

const encoder = new TextEncoder();

/**
 * The most bytes one character of the alphabet takes, as UTF-8 text or
 * inside a JSON string (where `"` and `\` take two bytes and a control
 * character six). At least 1: the parts of a key outside its alphabet (a
 * prefix, its `_`, a checksum, a preset's fixed text) are ASCII.
 */
function widestCharacter(alphabet: string, json: boolean): number {
  let widest = 1;
  for (const char of alphabet) {
    widest = Math.max(widest, characterBytes(char.codePointAt(0)!, json));
  }
  return widest;
}

function characterBytes(code: number, json: boolean): number {
  // JSON.stringify writes control characters and lone surrogates as \uXXXX.
  if (json && (code < 0x20 || (code >= 0xd800 && code <= 0xdfff))) return 6;
  if (code >= 0x10000) return 4;
  if (code >= 0x800) return 3;
  if (code >= 0x80) return 2;
  return json && (code === 0x22 || code === 0x5c) ? 2 : 1;
}

/**
 * The largest body an answer for `spec` can have, in bytes: each key at its
 * widest (every random character the widest of its alphabet), its line
 * break or, for JSON, its description and the array's brackets and commas.
 * Costs the alphabet's length, never the count.
 *
 * @param spec A spec from `parseKeySpec`.
 * @param json Whether the answer is the JSON array rather than plain text.
 * @returns The bound, in bytes.
 */
export function largestAnswerBytes(spec: KeySpec, json: boolean): number {
  const widest = widestCharacter(spec.alphabet, json);
  const fixed = spec.length - spec.bodyLength;
  const key = fixed + spec.bodyLength * widest;
  if (!json) return spec.count * (key + 1);
  const description = encoder.encode(JSON.stringify(describeKey(spec, "")))
    .length;
  // "[" + keys joined by "," + "]"
  return 2 + spec.count * (description + key) + (spec.count - 1);
}

/**
 * The sentence of the 400 for an answer that could pass the budget.
 *
 * @param count The keys asked for.
 * @param bytes Their largest answer, from {@linkcode largestAnswerBytes}.
 * @param json Whether the answer is JSON.
 * @returns The error message, naming the limit.
 */
export function answerTooLarge(
  count: number,
  bytes: number,
  json: boolean,
): string {
  return `Cannot answer: ${count} ${
    count === 1 ? "key" : "keys"
  } of this size take up to ${bytes} bytes${
    json ? " as JSON" : ""
  }, above the limit of ${MAX_ANSWER_BYTES} bytes per answer (maxAnswerBytes in /api/v1/limits); ask for fewer or shorter keys`;
}

/** The rate limit as `/api/v1/limits` reports it. */
export interface RateLimitDescription {
  /** Requests each client may make per minute, on average. */
  readonly perMinute: number;
  /** Requests a client may make at once before it is slowed down. */
  readonly burst: number;
}

/**
 * The document `GET /api/v1/limits` answers.
 *
 * @param rateLimit The rate limit in force, or `undefined` when it is off.
 * @returns The limits, as JSON text.
 */
export function limitsJson(
  rateLimit: RateLimitDescription | undefined,
): string {
  return JSON.stringify({
    maxAnswerBytes: MAX_ANSWER_BYTES,
    maxCount: MAX_API_COUNT,
    maxKeyLength: MAX_KEY_LENGTH,
    rateLimit: rateLimit === undefined
      ? null
      : { perMinute: rateLimit.perMinute, burst: rateLimit.burst },
  });
}

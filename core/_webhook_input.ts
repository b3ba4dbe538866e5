/**
 * Checking what a webhook call is given (mistakes in the call throw) and
 * the small pieces every scheme shares: time windows, signed content.
 *
 * @module
 */

import type { RandomSource } from "./random.ts";
import type { WebhookFailureReason } from "./webhook_types.ts";

const DEFAULT_TOLERANCE = 300;
const encoder = /* @__PURE__ */ new TextEncoder();

/** Why a header cannot be used. */
export interface Failure {
  reason: WebhookFailureReason;
  message: string;
}

/** How far a signed timestamp may be from now. */
export interface TimeWindow {
  tolerance: number;
  now: number;
}

/** Whether a header lookup failed. */
export function isFailure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && "reason" in value;
}

/** Unix seconds from header text: digits only, at most 15 of them. */
export function parseSeconds(text: string): number | undefined {
  if (text.length === 0 || text.length > 15) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return undefined;
  }
  return Number(text);
}

/** Whether `timestamp` lies within the window, and why not. */
export function checkWindow(
  timestamp: number,
  window: TimeWindow,
): Failure | undefined {
  const age = window.now - timestamp;
  const tolerance = `the tolerance is ${window.tolerance} s`;
  if (age > window.tolerance) {
    return {
      reason: "expired",
      message:
        `the signature matches, but the timestamp is ${age} s old; ${tolerance}`,
    };
  }
  if (-age > window.tolerance) {
    return {
      reason: "future",
      message:
        `the signature matches, but the timestamp is ${-age} s in the future; ${tolerance}`,
    };
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Checking the call itself: these throw, because the mistake is the caller's.

/** Throws unless `options` is an object. */
export function checkOptionsObject(action: string, options: unknown): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Cannot ${action}: options must be an object`);
  }
}

/** The secrets as a non-empty list of non-empty strings. */
export function checkSecrets(action: string, secret: unknown): string[] {
  const list = typeof secret === "string" ? [secret] : secret;
  if (!Array.isArray(list)) {
    throw new TypeError(
      `Cannot ${action}: the secret must be a string or a list of strings`,
    );
  }
  if (list.length === 0) {
    throw new RangeError(`Cannot ${action}: no secret given`);
  }
  return list.map((item: unknown, index) => {
    if (typeof item !== "string") {
      throw new TypeError(
        `Cannot ${action}: ${secretLabel(index, list.length)} is not a string`,
      );
    }
    if (item === "") {
      throw new RangeError(
        `Cannot ${action}: ${secretLabel(index, list.length)} is empty`,
      );
    }
    return item;
  });
}

/** "the secret", or "secret 2" when there are several. */
export function secretLabel(index: number, count: number): string {
  return count === 1 ? "the secret" : `secret ${index + 1}`;
}

/** A checked body: text (signed as UTF-8) or bytes. */
export type Body = string | Uint8Array<ArrayBuffer>;

/** The body, checked: a string, or bytes. */
export function checkBody(action: string, body: unknown): Body {
  if (typeof body === "string") return body;
  if (body instanceof Uint8Array) {
    return body.buffer instanceof ArrayBuffer
      ? body as Uint8Array<ArrayBuffer>
      : new Uint8Array(body);
  }
  throw new TypeError(
    `Cannot ${action}: the body must be a string or a Uint8Array`,
  );
}

/** A message id: 1 to 256 visible ASCII characters without `.`. */
export function checkId(action: string, id: unknown): string {
  if (typeof id !== "string") {
    throw new TypeError(`Cannot ${action}: the id must be a string`);
  }
  let ok = id.length >= 1 && id.length <= 256;
  for (let i = 0; ok && i < id.length; i++) {
    const code = id.charCodeAt(i);
    ok = code >= 0x21 && code <= 0x7e && code !== 0x2e;
  }
  if (!ok) {
    throw new RangeError(
      `Cannot ${action}: the id must be 1 to 256 visible ASCII characters without "."`,
    );
  }
  return id;
}

/** Whole Unix seconds from a number or a `Date`. */
export function checkSeconds(
  action: string,
  label: string,
  value: unknown,
): number {
  let seconds: number;
  if (value instanceof Date) {
    seconds = Math.floor(value.getTime() / 1000);
  } else if (typeof value === "number") {
    seconds = Math.floor(value);
  } else {
    throw new TypeError(
      `Cannot ${action}: ${label} must be Unix seconds or a Date`,
    );
  }
  if (!Number.isSafeInteger(seconds) || seconds < 0) {
    throw new RangeError(
      `Cannot ${action}: ${label} must be a non-negative number of Unix seconds, got ${
        value instanceof Date ? "an invalid date" : String(value)
      }`,
    );
  }
  return seconds;
}

/** The tolerance in seconds, 300 by default. */
export function checkTolerance(action: string, tolerance: unknown): number {
  if (tolerance === undefined) return DEFAULT_TOLERANCE;
  if (typeof tolerance !== "number") {
    throw new TypeError(
      `Cannot ${action}: the tolerance must be a number of seconds`,
    );
  }
  if (Number.isNaN(tolerance) || tolerance < 0) {
    throw new RangeError(
      `Cannot ${action}: the tolerance must be 0 or more seconds, got ${tolerance}`,
    );
  }
  return tolerance;
}

/** The current time in whole Unix seconds. */
export function currentSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** `{ random }` when a source was given, else nothing. */
export function randomOption(
  random: RandomSource | undefined,
): { random?: RandomSource } {
  return random === undefined ? {} : { random };
}

/**
 * What a signature covers: `head` (the scheme's signed fields) then the
 * body, as UTF-8. It stays text until something needs the bytes, so a
 * synchronous HMAC can take the text as it is.
 */
export interface SignedContent {
  readonly head: string;
  readonly body: Body;
}

/** The signed content of `head` followed by `body`. */
export function signedContent(head: string, body: Body): SignedContent {
  return { head, body };
}

/** The signed content as one UTF-8 buffer. */
export function contentBytes(content: SignedContent): Uint8Array<ArrayBuffer> {
  const { head, body } = content;
  if (typeof body === "string") return encoder.encode(head + body);
  const start = encoder.encode(head);
  const joined = new Uint8Array(start.length + body.length);
  joined.set(start);
  joined.set(body, start.length);
  return joined;
}

/**
 * Sign and verify webhook deliveries with a shared secret, for three schemes:
 * Standard Webhooks, GitHub and Stripe. Everything runs on Web Crypto
 * (HMAC-SHA256), so the same code checks a delivery in a server, a test or
 * a browser tab.
 *
 * @module
 */

import { fromBase64, fromHex, toBase64, toHex } from "./_bytes.ts";
import { randomBytes, type RandomSource } from "./random.ts";
import { didYouMean } from "./suggest.ts";
import { timingSafeEqual } from "./hash.ts";

/** The name of a webhook signature scheme. */
export type WebhookScheme = "standard" | "github" | "stripe";

/** One row of the webhook scheme table. */
export interface WebhookSchemeInfo {
  /** The canonical name, as `--scheme` takes it. */
  readonly name: WebhookScheme;
  /** The name people know it by. */
  readonly title: string;
  /** Other names accepted for this scheme. */
  readonly aliases: readonly string[];
  /** The headers a signed delivery carries, in the order they are written. */
  readonly headers: readonly string[];
  /** Whether the signature covers a timestamp that verification checks. */
  readonly timestamped: boolean;
  /** How the scheme signs, in one sentence. */
  readonly summary: string;
}

/**
 * The webhook schemes keymint signs and verifies, in the order faces list
 * them.
 *
 * @example The headers each scheme writes
 * ```ts
 * import { WEBHOOK_SCHEMES } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   WEBHOOK_SCHEMES.map((scheme) => scheme.headers.at(-1)),
 *   ["webhook-signature", "X-Hub-Signature-256", "Stripe-Signature"],
 * );
 * ```
 */
export const WEBHOOK_SCHEMES: readonly WebhookSchemeInfo[] = [
  {
    name: "standard",
    title: "Standard Webhooks",
    aliases: ["standard-webhooks", "standardwebhooks"],
    headers: ["webhook-id", "webhook-timestamp", "webhook-signature"],
    timestamped: true,
    summary:
      "HMAC-SHA256 of id.timestamp.body with the base64 key after whsec_, sent as v1,<base64>",
  },
  {
    name: "github",
    title: "GitHub",
    aliases: [],
    headers: ["X-Hub-Signature-256"],
    timestamped: false,
    summary:
      "HMAC-SHA256 of the raw body with the secret text, sent as sha256=<hex>",
  },
  {
    name: "stripe",
    title: "Stripe",
    aliases: [],
    headers: ["Stripe-Signature"],
    timestamped: true,
    summary:
      "HMAC-SHA256 of timestamp.body with the whole whsec_ string, sent as t=<timestamp>,v1=<hex>",
  },
];

/**
 * Finds a webhook scheme by name or alias, ignoring case.
 *
 * @param name A scheme name such as `standard`, `github` or `stripe`.
 * @returns The scheme's row of {@linkcode WEBHOOK_SCHEMES}.
 * @throws {RangeError} When no scheme has that name.
 *
 * @example Resolve an alias
 * ```ts
 * import { findWebhookScheme } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(findWebhookScheme("standard-webhooks").name, "standard");
 * assert.deepEqual(findWebhookScheme("GitHub").headers, ["X-Hub-Signature-256"]);
 * ```
 */
export function findWebhookScheme(name: string): WebhookSchemeInfo {
  const wanted = String(name).toLowerCase();
  const found = WEBHOOK_SCHEMES.find((scheme) =>
    scheme.name === wanted || scheme.aliases.includes(wanted)
  );
  if (found === undefined) {
    const names = WEBHOOK_SCHEMES.map((scheme) => scheme.name);
    const shown = JSON.stringify(
      wanted.length > 40 ? `${wanted.slice(0, 40)}...` : wanted,
    );
    throw new RangeError(
      `Cannot use webhook scheme ${shown}: unknown scheme${
        didYouMean(wanted, names)
      }; choose one of ${names.join(", ")}`,
    );
  }
  return found;
}

/** What {@linkcode signWebhook} signs. */
export interface SignWebhookOptions {
  /**
   * The signing secret, or several during a rotation (one signature each;
   * GitHub carries only one). Standard Webhooks: `whsec_` followed by the
   * base64 key (the prefix is optional). GitHub: any text. Stripe: the whole
   * `whsec_...` string.
   */
  secret: string | readonly string[];
  /** The request body exactly as it is sent: bytes, or text sent as UTF-8. */
  body: Uint8Array | string;
  /**
   * The message id (Standard Webhooks only): 1 to 256 visible ASCII
   * characters without `.`.
   *
   * @default {"msg_" followed by 32 random hex digits}
   */
  id?: string;
  /**
   * When the delivery is sent (Standard Webhooks and Stripe): Unix seconds or
   * a `Date`.
   *
   * @default {the current time}
   */
  timestamp?: number | Date;
  /**
   * Where the bytes of a default id come from.
   *
   * @default {crypto.getRandomValues}
   */
  random?: RandomSource;
}

/** What {@linkcode verifyWebhook} checks. */
export interface VerifyWebhookOptions {
  /**
   * The secret the receiver holds, or several to accept during a rotation
   * (old and new). Same forms as {@linkcode SignWebhookOptions.secret}.
   */
  secret: string | readonly string[];
  /** The request body exactly as it arrived, never re-serialised. */
  body: Uint8Array | string;
  /**
   * The request headers, names in any case: a `Headers` object, a record
   * (a value may be a list for a repeated header), or `[name, value]` pairs.
   */
  headers: WebhookHeaders;
  /**
   * How far the signed timestamp may lie from `now`, in seconds, in either
   * direction (Standard Webhooks and Stripe only). `Infinity` turns the
   * check off.
   *
   * @default {300}
   */
  tolerance?: number;
  /**
   * The time to check the timestamp against, as Unix seconds or a `Date`
   * (Standard Webhooks and Stripe only); set it to replay an old delivery.
   *
   * @default {the current time}
   */
  now?: number | Date;
}

/** Request headers in any of the shapes {@linkcode verifyWebhook} reads. */
export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>
  | Iterable<readonly [string, string]>;

/**
 * Why a delivery failed verification.
 *
 * - `missing`: a header the scheme needs is absent or empty.
 * - `malformed`: a header is there but cannot be read (a timestamp that is
 *   not a number, no signature in the expected form, an oversized value).
 * - `mismatch`: the signatures are well formed, but none was made with the
 *   secret over this body (and id and timestamp).
 * - `expired`: a signature matches, but its timestamp is older than the
 *   tolerance allows.
 * - `future`: a signature matches, but its timestamp lies further ahead than
 *   the tolerance allows.
 */
export type WebhookFailureReason =
  | "missing"
  | "malformed"
  | "mismatch"
  | "expired"
  | "future";

/** A delivery whose signature checks out. */
export interface WebhookVerified {
  /** Always `true`. */
  ok: true;
  /** The scheme that was checked. */
  scheme: WebhookScheme;
  /** The signature entry that matched, as it appears in the header. */
  signature: string;
  /** Which secret made it: the index into the `secret` list (0 for one secret). */
  secretIndex: number;
  /** The signed timestamp in Unix seconds (Standard Webhooks and Stripe). */
  timestamp?: number;
  /** The signed message id (Standard Webhooks). */
  id?: string;
}

/** A delivery that failed verification, and why. */
export interface WebhookRejected {
  /** Always `false`. */
  ok: false;
  /** The scheme that was checked. */
  scheme: WebhookScheme;
  /** The kind of failure, for code to branch on. */
  reason: WebhookFailureReason;
  /** What is wrong, for people; it never contains the secret or a signature. */
  message: string;
}

/** The outcome of {@linkcode verifyWebhook}. */
export type WebhookVerification = WebhookVerified | WebhookRejected;

/**
 * Header values longer than this many characters are refused unread, as
 * `malformed`: about 170 Standard Webhooks signatures, far more than any
 * rotation needs.
 *
 * @example An oversized header is malformed, not an exception
 * ```ts
 * import { MAX_WEBHOOK_HEADER_LENGTH, verifyWebhook } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const result = await verifyWebhook("github", {
 *   secret: "s",
 *   body: "",
 *   headers: { "X-Hub-Signature-256": "a".repeat(MAX_WEBHOOK_HEADER_LENGTH + 1) },
 * });
 * assert.equal(result.ok ? "ok" : result.reason, "malformed");
 * ```
 */
export const MAX_WEBHOOK_HEADER_LENGTH = 8192;

const DEFAULT_TOLERANCE = 300;
const encoder = new TextEncoder();

/**
 * Signs a webhook delivery and returns the headers to send with the body.
 *
 * Standard Webhooks signs `{id}.{timestamp}.{body}` with the base64-decoded
 * key after `whsec_` and writes `webhook-id`, `webhook-timestamp` and
 * `webhook-signature: v1,<base64>`. GitHub signs the body with the secret
 * text and writes `X-Hub-Signature-256: sha256=<hex>`. Stripe signs
 * `{timestamp}.{body}` with the whole secret string and writes
 * `Stripe-Signature: t=<timestamp>,v1=<hex>`. With several secrets, each adds
 * one signature to the same header.
 *
 * @param scheme `standard`, `github` or `stripe` (or an alias).
 * @param options The secret, the body, and the id and timestamp to sign.
 * @returns Header names mapped to values, in the scheme's order.
 * @throws {RangeError} For an unknown scheme, an empty secret, a bad id or
 * timestamp, or several secrets for GitHub.
 * @throws {SyntaxError} When a Standard Webhooks secret is not base64.
 * @throws {TypeError} For an option of the wrong type, or an id or timestamp
 * the scheme does not sign.
 *
 * @example Sign with the Standard Webhooks reference secret
 * ```ts
 * import { signWebhook } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const headers = await signWebhook("standard", {
 *   secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
 *   body: '{"test": 2432232314}',
 *   id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
 *   timestamp: 1614265330,
 * });
 * assert.deepEqual(headers, {
 *   "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
 *   "webhook-timestamp": "1614265330",
 *   "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
 * });
 * ```
 *
 * @example Sign a GitHub delivery
 * ```ts
 * import { signWebhook } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const headers = await signWebhook("github", {
 *   secret: "It's a Secret to Everybody",
 *   body: "Hello, World!",
 * });
 * assert.match(headers["X-Hub-Signature-256"]!, /^sha256=[0-9a-f]{64}$/);
 * ```
 */
export async function signWebhook(
  scheme: WebhookScheme | string,
  options: SignWebhookOptions,
): Promise<Record<string, string>> {
  const info = findWebhookScheme(scheme);
  const action = `sign a ${info.title} webhook`;
  checkOptionsObject(action, options);
  const secrets = checkSecrets(action, options.secret);
  const body = checkBody(action, options.body);
  switch (info.name) {
    case "standard": {
      const keys = secrets.map((secret, index) =>
        standardKey(action, secret, index, secrets.length)
      );
      const id = options.id === undefined
        ? `msg_${toHex(randomBytes(16, randomOption(options.random)))}`
        : checkId(action, options.id);
      const timestamp = options.timestamp === undefined
        ? currentSeconds()
        : checkSeconds(action, "timestamp", options.timestamp);
      const content = concat(encoder.encode(`${id}.${timestamp}.`), body);
      const macs = await Promise.all(
        keys.map((key) => hmacSha256(key, content)),
      );
      return {
        "webhook-id": id,
        "webhook-timestamp": String(timestamp),
        "webhook-signature": macs.map((mac) => `v1,${toBase64(mac)}`).join(
          " ",
        ),
      };
    }
    case "github": {
      if (options.id !== undefined || options.timestamp !== undefined) {
        throw new TypeError(
          `Cannot ${action}: GitHub signs the body alone, without an id or timestamp`,
        );
      }
      if (secrets.length > 1) {
        throw new RangeError(
          `Cannot ${action}: GitHub sends one signature, got ${secrets.length} secrets`,
        );
      }
      const mac = await hmacSha256(encoder.encode(secrets[0]), body);
      return { "X-Hub-Signature-256": `sha256=${toHex(mac)}` };
    }
    case "stripe": {
      if (options.id !== undefined) {
        throw new TypeError(`Cannot ${action}: Stripe signs no message id`);
      }
      const timestamp = options.timestamp === undefined
        ? currentSeconds()
        : checkSeconds(action, "timestamp", options.timestamp);
      const content = concat(encoder.encode(`${timestamp}.`), body);
      const macs = await Promise.all(
        secrets.map((secret) => hmacSha256(encoder.encode(secret), content)),
      );
      return {
        "Stripe-Signature": [
          `t=${timestamp}`,
          ...macs.map((mac) => `v1=${toHex(mac)}`),
        ]
          .join(","),
      };
    }
  }
}

/**
 * Checks the signature of a webhook delivery against the secret, in
 * constant time, and for timestamped schemes checks that the delivery is
 * recent.
 *
 * Anything that arrives with the request (body and headers) is treated as
 * hostile: bad base64, odd spacing, repeated or oversized headers all end in
 * a `{ ok: false }` answer, never an exception. Only mistakes in the call
 * itself throw: an unknown scheme, an unusable secret, a bad tolerance.
 * Signatures are compared first, so `expired` and `future` mean the
 * signature itself is genuine.
 *
 * @param scheme `standard`, `github` or `stripe` (or an alias).
 * @param options The secret, the body and headers as received, the time window.
 * @returns `{ ok: true, signature, ... }` naming the matching signature, or
 * `{ ok: false, reason, message }` saying why none matched.
 * @throws {RangeError} For an unknown scheme, an empty secret, or a bad
 * tolerance or time.
 * @throws {SyntaxError} When a Standard Webhooks secret is not base64.
 * @throws {TypeError} For an option of the wrong type, or a tolerance or time
 * with GitHub, which signs no timestamp.
 *
 * @example Verify the Standard Webhooks reference delivery
 * ```ts
 * import { verifyWebhook } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const result = await verifyWebhook("standard", {
 *   secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
 *   body: '{"test": 2432232314}',
 *   headers: {
 *     "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
 *     "webhook-timestamp": "1614265330",
 *     "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
 *   },
 *   now: 1614265330 + 60,
 * });
 * assert.equal(result.ok, true);
 *
 * const late = await verifyWebhook("standard", {
 *   secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
 *   body: '{"test": 2432232314}',
 *   headers: {
 *     "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
 *     "webhook-timestamp": "1614265330",
 *     "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
 *   },
 * });
 * assert.equal(late.ok ? "ok" : late.reason, "expired");
 * ```
 *
 * @example Verify GitHub's documented example
 * ```ts
 * import { verifyWebhook } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const result = await verifyWebhook("github", {
 *   secret: "It's a Secret to Everybody",
 *   body: "Hello, World!",
 *   headers: new Headers({
 *     "X-Hub-Signature-256":
 *       "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
 *   }),
 * });
 * assert.equal(result.ok, true);
 * ```
 */
export async function verifyWebhook(
  scheme: WebhookScheme | string,
  options: VerifyWebhookOptions,
): Promise<WebhookVerification> {
  const info = findWebhookScheme(scheme);
  const action = `verify a ${info.title} webhook`;
  checkOptionsObject(action, options);
  const secrets = checkSecrets(action, options.secret);
  const body = checkBody(action, options.body);
  const headers = collectHeaders(action, options.headers);
  if (info.name === "github") {
    if (options.tolerance !== undefined || options.now !== undefined) {
      throw new TypeError(
        `Cannot ${action}: GitHub signs no timestamp, so tolerance and now do not apply`,
      );
    }
    return await verifyGithub(
      secrets.map((s) => encoder.encode(s)),
      body,
      headers,
    );
  }
  const window: TimeWindow = {
    tolerance: checkTolerance(action, options.tolerance),
    now: options.now === undefined
      ? currentSeconds()
      : checkSeconds(action, "now", options.now),
  };
  if (info.name === "stripe") {
    return await verifyStripe(
      secrets.map((s) => encoder.encode(s)),
      body,
      headers,
      window,
    );
  }
  const keys = secrets.map((secret, index) =>
    standardKey(action, secret, index, secrets.length)
  );
  return await verifyStandard(keys, body, headers, window);
}

/**
 * Reads header lines written `Name: value`, the way they are copied from a
 * request log, `curl -v` or a webhook dashboard. Blank lines are skipped;
 * spaces around the value are dropped.
 *
 * @param text One header per line, or a list of lines.
 * @returns `[name, value]` pairs in order, ready for {@linkcode verifyWebhook}.
 * @throws {SyntaxError} When a line has no `:` or its name is not a valid
 * header name; the message gives the line number, never the line.
 *
 * @example Parse pasted headers
 * ```ts
 * import { parseWebhookHeaders } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(
 *   parseWebhookHeaders("webhook-id: msg_1\r\nwebhook-timestamp:1614265330\n"),
 *   [["webhook-id", "msg_1"], ["webhook-timestamp", "1614265330"]],
 * );
 * ```
 */
export function parseWebhookHeaders(
  text: string | readonly string[],
): [string, string][] {
  const lines = typeof text === "string" ? text.split(/\r?\n/) : [...text];
  const pairs: [string, string][] = [];
  lines.forEach((line, index) => {
    if (typeof line !== "string") {
      throw new TypeError(
        `Cannot read header line ${index + 1}: expected a string`,
      );
    }
    if (line.trim() === "") return;
    const colon = line.indexOf(":");
    if (colon === -1) {
      throw new SyntaxError(
        `Cannot read header line ${index + 1}: expected "Name: value"`,
      );
    }
    const name = line.slice(0, colon).trim();
    if (!HEADER_NAME.test(name)) {
      throw new SyntaxError(
        `Cannot read header line ${
          index + 1
        }: the name before ":" is not a header name`,
      );
    }
    pairs.push([name, trimSpace(line.slice(colon + 1))]);
  });
  return pairs;
}

// ---------------------------------------------------------------------------
// Verification, per scheme. Each takes checked inputs and never throws on
// header content.

interface TimeWindow {
  tolerance: number;
  now: number;
}

type HeaderMap = Map<string, string[]>;

async function verifyStandard(
  keys: Uint8Array[],
  body: Uint8Array,
  headers: HeaderMap,
  window: TimeWindow,
): Promise<WebhookVerification> {
  const reject = rejecter("standard");
  const id = singleHeader(headers, "webhook-id");
  if (isFailure(id)) return reject(id.reason, id.message);
  const stamp = singleHeader(headers, "webhook-timestamp");
  if (isFailure(stamp)) return reject(stamp.reason, stamp.message);
  const timestamp = parseSeconds(stamp);
  if (timestamp === undefined) {
    return reject(
      "malformed",
      `the "webhook-timestamp" header is not a whole number of seconds`,
    );
  }
  const values = allHeaders(headers, "webhook-signature");
  if (isFailure(values)) return reject(values.reason, values.message);
  // Entries are space-separated; a Headers object joins repeated headers
  // with ", ", so a trailing comma is dropped too.
  const candidates: Candidate[] = [];
  for (const value of values) {
    for (const entry of value.split(/[ \t]+/)) {
      const text = entry.endsWith(",") ? entry.slice(0, -1) : entry;
      if (!text.startsWith("v1,")) continue;
      const bytes = decodeBase64(text.slice(3));
      if (bytes?.length === 32) candidates.push({ text, bytes });
    }
  }
  if (candidates.length === 0) {
    return reject(
      "malformed",
      `the "webhook-signature" header has no signature of the form v1,<base64 of 32 bytes>`,
    );
  }
  const content = concat(encoder.encode(`${id}.${stamp}.`), body);
  const match = await findMatch(keys, content, candidates);
  if (match === undefined) {
    return reject(
      "mismatch",
      mismatchMessage(candidates.length, "v1", keys.length),
    );
  }
  const late = checkWindow(timestamp, window);
  if (late !== undefined) return reject(late.reason, late.message);
  return {
    ok: true,
    scheme: "standard",
    signature: match.candidate.text,
    secretIndex: match.keyIndex,
    timestamp,
    id,
  };
}

async function verifyGithub(
  keys: Uint8Array[],
  body: Uint8Array,
  headers: HeaderMap,
): Promise<WebhookVerification> {
  const reject = rejecter("github");
  const values = allHeaders(headers, "X-Hub-Signature-256");
  if (isFailure(values)) {
    const sha1Only = values.reason === "missing" &&
      headers.has("x-hub-signature");
    return reject(
      values.reason,
      sha1Only
        ? `${values.message}; keymint does not check the SHA-1 "X-Hub-Signature" header`
        : values.message,
    );
  }
  const candidates: Candidate[] = [];
  for (const value of values) {
    const match = /^sha256=([0-9a-fA-F]{64})$/.exec(value);
    if (match !== null) {
      candidates.push({
        text: value,
        bytes: fromHex(match[1]!.toLowerCase()),
      });
    }
  }
  if (candidates.length === 0) {
    return reject(
      "malformed",
      `the "X-Hub-Signature-256" header is not sha256= followed by 64 hex digits`,
    );
  }
  const match = await findMatch(keys, body, candidates);
  if (match === undefined) {
    return reject(
      "mismatch",
      mismatchMessage(candidates.length, "sha256", keys.length),
    );
  }
  return {
    ok: true,
    scheme: "github",
    signature: match.candidate.text,
    secretIndex: match.keyIndex,
  };
}

async function verifyStripe(
  keys: Uint8Array[],
  body: Uint8Array,
  headers: HeaderMap,
  window: TimeWindow,
): Promise<WebhookVerification> {
  const reject = rejecter("stripe");
  const values = allHeaders(headers, "Stripe-Signature");
  if (isFailure(values)) return reject(values.reason, values.message);
  const stamps = new Set<string>();
  const candidates: Candidate[] = [];
  for (const item of values.join(",").split(",")) {
    const equals = item.indexOf("=");
    if (equals === -1) continue;
    const key = trimSpace(item.slice(0, equals));
    const value = trimSpace(item.slice(equals + 1));
    if (key === "t") stamps.add(value);
    if (key === "v1" && /^[0-9a-fA-F]{64}$/.test(value)) {
      candidates.push({
        text: `v1=${value}`,
        bytes: fromHex(value.toLowerCase()),
      });
    }
    // v0 and any other scheme are ignored, as Stripe's own libraries do.
  }
  if (stamps.size !== 1) {
    return reject(
      "malformed",
      stamps.size === 0
        ? `the "Stripe-Signature" header has no t=<timestamp>`
        : `the "Stripe-Signature" header has more than one t=<timestamp>`,
    );
  }
  const stamp = [...stamps][0]!;
  const timestamp = parseSeconds(stamp);
  if (timestamp === undefined) {
    return reject(
      "malformed",
      `the "Stripe-Signature" timestamp is not a whole number of seconds`,
    );
  }
  if (candidates.length === 0) {
    return reject(
      "malformed",
      `the "Stripe-Signature" header has no signature of the form v1=<64 hex digits>`,
    );
  }
  const content = concat(encoder.encode(`${stamp}.`), body);
  const match = await findMatch(keys, content, candidates);
  if (match === undefined) {
    return reject(
      "mismatch",
      mismatchMessage(candidates.length, "v1", keys.length),
    );
  }
  const late = checkWindow(timestamp, window);
  if (late !== undefined) return reject(late.reason, late.message);
  return {
    ok: true,
    scheme: "stripe",
    signature: match.candidate.text,
    secretIndex: match.keyIndex,
    timestamp,
  };
}

interface Candidate {
  /** The entry as it appears in the header. */
  text: string;
  /** The 32 signature bytes it carries. */
  bytes: Uint8Array;
}

interface Failure {
  reason: WebhookFailureReason;
  message: string;
}

function rejecter(scheme: WebhookScheme) {
  return (reason: WebhookFailureReason, message: string): WebhookRejected => ({
    ok: false,
    scheme,
    reason,
    message,
  });
}

/** Computes each key's MAC of `content` and compares it with every candidate. */
async function findMatch(
  keys: Uint8Array[],
  content: Uint8Array,
  candidates: Candidate[],
): Promise<{ candidate: Candidate; keyIndex: number } | undefined> {
  for (const [keyIndex, key] of keys.entries()) {
    const expected = await hmacSha256(key, content);
    for (const candidate of candidates) {
      if (timingSafeEqual(expected, candidate.bytes)) {
        return { candidate, keyIndex };
      }
    }
  }
  return undefined;
}

function mismatchMessage(
  signatures: number,
  kind: string,
  secrets: number,
): string {
  const subject = signatures === 1
    ? `the ${kind} signature does not match`
    : `none of the ${signatures} ${kind} signatures matches`;
  const against = secrets === 1
    ? "the secret and this body"
    : `any of the ${secrets} secrets with this body`;
  return `${subject} ${against}`;
}

function checkWindow(
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

function isFailure(value: string | string[] | Failure): value is Failure {
  return typeof value === "object" && !Array.isArray(value);
}

/** The value of a header that must appear once (repeats must agree). */
function singleHeader(headers: HeaderMap, name: string): string | Failure {
  const values = allHeaders(headers, name);
  if (isFailure(values)) return values;
  if (new Set(values).size > 1) {
    return {
      reason: "malformed",
      message: `the "${name}" header appears twice with different values`,
    };
  }
  return values[0]!;
}

/** Every non-empty value of a header, or why there is none to use. */
function allHeaders(headers: HeaderMap, name: string): string[] | Failure {
  const values = (headers.get(name.toLowerCase()) ?? []).filter((value) =>
    value !== ""
  );
  if (values.length === 0) {
    return { reason: "missing", message: `the "${name}" header is missing` };
  }
  if (values.some((value) => value.length > MAX_WEBHOOK_HEADER_LENGTH)) {
    return {
      reason: "malformed",
      message:
        `the "${name}" header is longer than ${MAX_WEBHOOK_HEADER_LENGTH} characters`,
    };
  }
  return values;
}

/** Unix seconds from header text: digits only, at most 15 of them. */
function parseSeconds(text: string): number | undefined {
  return /^[0-9]{1,15}$/.test(text) ? Number(text) : undefined;
}

function decodeBase64(text: string): Uint8Array | undefined {
  return fromBase64(text);
}

// ---------------------------------------------------------------------------
// Checking the call itself: these throw, because the mistake is the caller's.

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function checkOptionsObject(action: string, options: unknown): void {
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`Cannot ${action}: options must be an object`);
  }
}

function checkSecrets(action: string, secret: unknown): string[] {
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
    const label = list.length === 1 ? "the secret" : `secret ${index + 1}`;
    if (typeof item !== "string") {
      throw new TypeError(`Cannot ${action}: ${label} is not a string`);
    }
    if (item === "") {
      throw new RangeError(`Cannot ${action}: ${label} is empty`);
    }
    return item;
  });
}

/** The HMAC key of a Standard Webhooks secret: the base64 after `whsec_`. */
function standardKey(
  action: string,
  secret: string,
  index: number,
  count: number,
): Uint8Array {
  const label = count === 1 ? "the secret" : `secret ${index + 1}`;
  const text = secret.startsWith("whsec_") ? secret.slice(6) : secret;
  // Padding is optional in secrets copied by hand; add it before decoding.
  const padded = /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 !== 1
    ? text.padEnd(text.length + (4 - (text.length % 4)) % 4, "=")
    : undefined;
  const key = padded === undefined ? undefined : decodeBase64(padded);
  if (key === undefined || key.length === 0) {
    throw new SyntaxError(
      `Cannot ${action}: ${label} is not base64 after the optional whsec_ prefix`,
    );
  }
  return key;
}

function checkBody(action: string, body: unknown): Uint8Array {
  if (typeof body === "string") return encoder.encode(body);
  if (body instanceof Uint8Array) return body;
  throw new TypeError(
    `Cannot ${action}: the body must be a string or a Uint8Array`,
  );
}

function checkId(action: string, id: unknown): string {
  if (typeof id !== "string") {
    throw new TypeError(`Cannot ${action}: the id must be a string`);
  }
  if (!/^[\x21-\x2d\x2f-\x7e]{1,256}$/.test(id)) {
    throw new RangeError(
      `Cannot ${action}: the id must be 1 to 256 visible ASCII characters without "."`,
    );
  }
  return id;
}

function checkSeconds(action: string, label: string, value: unknown): number {
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

function checkTolerance(action: string, tolerance: unknown): number {
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

/** Lower-cased names mapped to trimmed values, repeats kept in order. */
function collectHeaders(action: string, headers: unknown): HeaderMap {
  const map: HeaderMap = new Map();
  const add = (name: unknown, value: unknown) => {
    if (typeof name !== "string" || typeof value !== "string") {
      throw new TypeError(
        `Cannot ${action}: header names and values must be strings`,
      );
    }
    const key = name.trim().toLowerCase();
    const list = map.get(key);
    if (list === undefined) map.set(key, [trimSpace(value)]);
    else list.push(trimSpace(value));
  };
  if (typeof headers !== "object" || headers === null) {
    throw new TypeError(
      `Cannot ${action}: headers must be a Headers object, a record or pairs`,
    );
  }
  if (Symbol.iterator in headers) {
    for (const pair of headers as Iterable<unknown>) {
      if (!Array.isArray(pair) || pair.length !== 2) {
        throw new TypeError(
          `Cannot ${action}: each header pair must be [name, value]`,
        );
      }
      add(pair[0], pair[1]);
    }
    return map;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((item) => add(name, item));
    else add(name, value);
  }
  return map;
}

// ---------------------------------------------------------------------------
// Bytes and time.

function trimSpace(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, "");
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array<ArrayBuffer> {
  const joined = new Uint8Array(head.length + tail.length);
  joined.set(head);
  joined.set(tail, head.length);
  return joined;
}

async function hmacSha256(
  key: Uint8Array,
  data: Uint8Array,
): Promise<Uint8Array> {
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    new Uint8Array(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const bytes = data.buffer instanceof ArrayBuffer
    ? data as Uint8Array<ArrayBuffer>
    : new Uint8Array(data);
  return new Uint8Array(await crypto.subtle.sign("HMAC", cryptoKey, bytes));
}

function currentSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function randomOption(
  random: RandomSource | undefined,
): { random?: RandomSource } {
  return random === undefined ? {} : { random };
}

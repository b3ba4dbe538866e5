/**
 * Reading received webhook headers. Nothing here throws on header content,
 * and every step is linear in the input: lengths are checked before values
 * are trimmed, only the headers a scheme uses are trimmed at all, and
 * trimming and splitting are index loops, not regular expressions.
 *
 * @module
 */

import type { Failure } from "./_webhook_input.ts";

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

/** Header names longer than this are nobody's: they are skipped unread. */
const MAX_NAME_LENGTH = 64;

/** Lower-cased header names mapped to their values, repeats in order. */
export type HeaderMap = Map<string, string[]>;

/** Drops spaces and tabs at both ends with index loops (no regex). */
export function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Entries separated by runs of spaces and tabs, found with an index loop. */
export function spaceSeparated(value: string): string[] {
  const entries: string[] = [];
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    const space = i === value.length || isSpace(value.charCodeAt(i));
    if (space && start !== -1) {
      entries.push(value.slice(start, i));
      start = -1;
    } else if (!space && start === -1) {
      start = i;
    }
  }
  return entries;
}

/**
 * Collects the values of the `wanted` headers (lower-case names) and only
 * those: every other header is looked at for its type and skipped. A value
 * longer than {@linkcode MAX_WEBHOOK_HEADER_LENGTH} is kept untrimmed, so
 * {@linkcode allHeaders} refuses it without reading it.
 */
export function collectHeaders(
  action: string,
  headers: unknown,
  wanted: readonly string[],
): HeaderMap {
  const map: HeaderMap = new Map();
  const add = (name: unknown, value: unknown) => {
    if (typeof name !== "string" || typeof value !== "string") {
      throw new TypeError(
        `Cannot ${action}: header names and values must be strings`,
      );
    }
    if (name.length > MAX_NAME_LENGTH) return;
    const key = name.trim().toLowerCase();
    if (!wanted.includes(key)) return;
    const kept = value.length > MAX_WEBHOOK_HEADER_LENGTH
      ? value
      : trimSpace(value);
    const list = map.get(key);
    if (list === undefined) map.set(key, [kept]);
    else list.push(kept);
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

/** Every non-empty value of a header, or why there is none to use. */
export function allHeaders(
  headers: HeaderMap,
  name: string,
): string[] | Failure {
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

/** The value of a header that must appear once (repeats must agree). */
export function singleHeader(
  headers: HeaderMap,
  name: string,
): string | Failure {
  const values = allHeaders(headers, name);
  if (typeof values === "object" && !Array.isArray(values)) return values;
  if (values.some((value) => value !== values[0])) {
    return {
      reason: "malformed",
      message: `the "${name}" header appears twice with different values`,
    };
  }
  return values[0]!;
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Reads header lines written `Name: value`, the way they are copied from a
 * request log, `curl -v` or a webhook dashboard. Blank lines are skipped;
 * spaces around the value are dropped.
 *
 * @param text One header per line, or a list of lines.
 * @returns `[name, value]` pairs in order, ready for `verifyWebhook`.
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
  const split = typeof text === "string";
  const lines = split ? text.split("\n") : [...text];
  const pairs: [string, string][] = [];
  lines.forEach((raw, index) => {
    if (typeof raw !== "string") {
      throw new TypeError(
        `Cannot read header line ${index + 1}: expected a string`,
      );
    }
    const line = split && raw.endsWith("\r") ? raw.slice(0, -1) : raw;
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

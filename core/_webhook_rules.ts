/**
 * The shape of a webhook scheme object and the pieces the scheme objects
 * share: key readers, hex and base64 checks, and the matching of received
 * signatures against keys.
 *
 * @module
 */

import { fromBase64, fromHex } from "./_bytes.ts";
import { timingSafeEqual } from "./hash.ts";
import {
  type Body,
  contentBytes,
  type Failure,
  type SignedContent,
} from "./_webhook_input.ts";
import type { HeaderMap } from "./_webhook_headers.ts";
import {
  cachedKey,
  hmacKey,
  macOf,
  verifyEd25519,
  type WebhookKey,
} from "./_webhook_keys.ts";
import type { SignWebhookOptions, WebhookSchemeInfo } from "./webhook_types.ts";

/** What a delivery's signature covers besides the body. */
export interface SignedFields {
  /** The message id (Standard Webhooks). */
  id?: string;
  /** The timestamp as the header carries it. */
  stamp?: string;
  /** The same timestamp in Unix seconds. */
  timestamp?: number;
}

/** One signature found in the received headers. */
export interface Candidate {
  /** The entry as it appears in the header. */
  text: string;
  /** The kind of key that can have made it. */
  kind: WebhookKey["kind"];
  /** The signature bytes it carries. */
  bytes: Uint8Array<ArrayBuffer>;
}

/** What a scheme reads from received headers. */
export interface Received {
  fields: SignedFields;
  candidates: Candidate[];
}

/** A scheme: its public row plus the rules `signWebhook`/`verifyWebhook` run. */
export interface WebhookSchemeRules extends WebhookSchemeInfo {
  /** The lower-case header names verification reads; all others are skipped. */
  readonly reads: readonly string[];
  /** The key a secret signs with. Throws for an unusable secret. */
  signingKey(
    action: string,
    secret: string,
    label: string,
  ): WebhookKey | Promise<WebhookKey>;
  /** The key a secret verifies with. Throws for an unusable secret. */
  verifyingKey(
    action: string,
    secret: string,
    label: string,
  ): WebhookKey | Promise<WebhookKey>;
  /** Checks the id and timestamp options, filling in the defaults. */
  signFields(
    action: string,
    options: SignWebhookOptions,
    secrets: number,
  ): SignedFields;
  /** What is signed: the scheme's fields, then the body. */
  signingString(fields: SignedFields, body: Body): SignedContent;
  /** One signature as the header writes it. */
  entry(key: WebhookKey, signature: Uint8Array): string;
  /** The headers to send. */
  format(
    fields: SignedFields,
    entries: readonly string[],
  ): Record<string, string>;
  /** The signed fields and usable signatures of a delivery, or why not. */
  read(
    headers: HeaderMap,
    kinds: ReadonlySet<WebhookKey["kind"]>,
  ): Received | Failure;
  /** How a mismatch names the signatures, e.g. `v1`. */
  label(kinds: ReadonlySet<WebhookKey["kind"]>): string;
}

/** HMAC-SHA256 keyed with the secret's UTF-8 bytes (GitHub, Stripe). */
export function textKey(secret: string): WebhookKey | Promise<WebhookKey> {
  return cachedKey("hmac-text", secret, () => hmacKey(secret));
}

/** Puts the webhook action in front of an Ed25519 key-reading error. */
export async function asymmetric(
  action: string,
  label: string,
  key: Promise<WebhookKey>,
): Promise<WebhookKey> {
  try {
    return await key;
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    const detail = error.message.slice(error.message.indexOf(": ") + 2);
    const Kind = error instanceof RangeError
      ? RangeError
      : error instanceof SyntaxError
      ? SyntaxError
      : TypeError;
    throw new Kind(`Cannot ${action}: ${label}: ${detail}`);
  }
}

/** The HMAC key of a Standard Webhooks secret: the base64 after `whsec_`. */
export function whsecBytes(
  action: string,
  secret: string,
  label: string,
): Uint8Array {
  const text = secret.startsWith("whsec_") ? secret.slice(6) : secret;
  // Padding is optional in secrets copied by hand; add it before decoding.
  const padded = /^[A-Za-z0-9+/]+={0,2}$/.test(text) && text.length % 4 !== 1
    ? text.padEnd(text.length + (4 - (text.length % 4)) % 4, "=")
    : undefined;
  const key = padded === undefined ? undefined : fromBase64(padded);
  if (key === undefined || key.length === 0) {
    throw new SyntaxError(
      `Cannot ${action}: ${label} is not base64 after the optional whsec_ prefix`,
    );
  }
  return key;
}

/** Whether `text` holds exactly 64 hex digits from `from` to its end. */
export function isHex64(text: string, from: number): boolean {
  if (text.length - from !== 64) return false;
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const lower = code | 0x20; // folds A-F onto a-f
    const ok = (code >= 0x30 && code <= 0x39) ||
      (lower >= 0x61 && lower <= 0x66);
    if (!ok) return false;
  }
  return true;
}

const NATIVE_BASE64 = typeof Uint8Array.fromBase64 === "function";

/**
 * The `size` bytes of a signature written as padded, canonical standard
 * base64, or undefined. The length is checked first; the platform decoder
 * in strict mode then refuses missing padding and non-zero spare bits, and
 * any white space inside would leave too few characters for `size` bytes.
 */
export function signatureBytes(
  text: string,
  size: number,
): Uint8Array<ArrayBuffer> | undefined {
  if (text.length !== Math.ceil(size / 3) * 4) return undefined;
  let bytes: Uint8Array | undefined;
  if (NATIVE_BASE64) {
    try {
      bytes = Uint8Array.fromBase64(text, { lastChunkHandling: "strict" });
    } catch {
      return undefined;
    }
  } else {
    bytes = fromBase64(text);
  }
  return bytes?.length === size ? new Uint8Array(bytes) : undefined;
}

/** The bytes of hex digits {@linkcode isHex64} accepted, in either case. */
export function hexBytes(text: string): Uint8Array<ArrayBuffer> {
  if (typeof Uint8Array.fromHex === "function") return Uint8Array.fromHex(text);
  return new Uint8Array(fromHex(text.toLowerCase()));
}

/**
 * Checks every candidate of each key's kind: an HMAC key signs once and is
 * compared in constant time with each `v1`-style candidate; an Ed25519 key
 * verifies each `v1a` candidate.
 */
export async function findMatch(
  keys: readonly WebhookKey[],
  content: SignedContent,
  candidates: readonly Candidate[],
): Promise<{ candidate: Candidate; keyIndex: number } | undefined> {
  let bytes: Uint8Array<ArrayBuffer> | undefined;
  for (let keyIndex = 0; keyIndex < keys.length; keyIndex++) {
    const key = keys[keyIndex]!;
    if (key.kind === "hmac") {
      const mac = macOf(key, content);
      const expected = mac instanceof Promise ? await mac : mac;
      for (const candidate of candidates) {
        if (
          candidate.kind === "hmac" &&
          timingSafeEqual(expected, candidate.bytes)
        ) {
          return { candidate, keyIndex };
        }
      }
    } else {
      for (const candidate of candidates) {
        if (
          candidate.kind === "ed25519" &&
          await verifyEd25519(
            key,
            candidate.bytes,
            bytes ??= contentBytes(content),
          )
        ) {
          return { candidate, keyIndex };
        }
      }
    }
  }
  return undefined;
}

export function mismatchMessage(
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

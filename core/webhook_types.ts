/**
 * The shapes `signWebhook` and `verifyWebhook` take and give back.
 *
 * @module
 */

import type { RandomSource } from "./random.ts";

/** The name of a webhook signature scheme. */
export type WebhookScheme = "standard" | "github" | "stripe";

/** One row of the webhook scheme table, as faces list and describe it. */
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
  /** Whether the signature covers a message id (`signWebhook`'s `id`). */
  readonly signsId: boolean;
  /** Whether one delivery may carry several signatures (key rotation). */
  readonly rotates: boolean;
  /** How the scheme signs, in one sentence. */
  readonly summary: string;
  /** What the secret looks like and where it comes from, in one sentence. */
  readonly secretForm: string;
  /** The headers of a delivery with the signatures elided, one per line. */
  readonly headerExample: string;
  /** A delivery to try the scheme on, as faces' "load an example" shows. */
  readonly sample: WebhookSample;
}

/** An example delivery of a scheme. */
export interface WebhookSample {
  /** The secret it is signed with (a published example, not a real one). */
  readonly secret: string;
  /** The body. */
  readonly body: string;
  /**
   * The published signed headers; absent when the scheme publishes no
   * example, and the sample is then signed (at the current time) when used.
   */
  readonly headers?: Readonly<Record<string, string>>;
  /** Where the example comes from. */
  readonly source: string;
}

/** What {@linkcode signWebhook} signs. */
export interface SignWebhookOptions {
  /**
   * The signing secret, or several during a rotation (one signature each;
   * GitHub carries only one). Standard Webhooks: `whsec_` followed by the
   * base64 key (the prefix is optional) for a `v1` signature, or a `whsk_`
   * Ed25519 signing key for a `v1a` one. GitHub: any text. Stripe: the
   * whole `whsec_...` string.
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
   * (old and new). Same forms as {@linkcode SignWebhookOptions.secret},
   * except that Standard Webhooks `v1a` signatures are checked with the
   * `whpk_` verifying key.
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

/**
 * The webhook schemes, one object each, side by side: how a scheme reads
 * its secret into a key, what it signs, how it writes and reads its
 * headers. `signWebhook` and `verifyWebhook` (in `webhook.ts`) run the same
 * steps for every scheme; faces build their scheme lists and help from
 * this table. To add a scheme, add one object here.
 *
 * @module
 */

import { toBase64, toHex } from "./_bytes.ts";
import { randomBytes } from "./random.ts";
import {
  checkId,
  checkSeconds,
  currentSeconds,
  isFailure,
  parseSeconds,
  randomOption,
  signedContent,
} from "./_webhook_input.ts";
import {
  allHeaders,
  singleHeader,
  spaceSeparated,
  trimSpace,
} from "./_webhook_headers.ts";
import {
  cachedKey,
  ed25519SigningKey,
  ed25519VerifyingKey,
  hmacKey,
} from "./_webhook_keys.ts";
import {
  asymmetric,
  type Candidate,
  hexBytes,
  isHex64,
  signatureBytes,
  type SignedFields,
  textKey,
  type WebhookSchemeRules,
  whsecBytes,
} from "./_webhook_rules.ts";
import type { SignWebhookOptions } from "./webhook_types.ts";

/** At most this many `v1a` entries are checked (each costs an Ed25519 verify). */
export const MAX_V1A_CANDIDATES = 10;

function noIdOrTimestamp(action: string, options: SignWebhookOptions): void {
  if (options.id !== undefined || options.timestamp !== undefined) {
    throw new TypeError(
      `Cannot ${action}: GitHub signs the body alone, without an id or timestamp`,
    );
  }
}

function timestampOf(
  action: string,
  options: SignWebhookOptions,
): SignedFields {
  const timestamp = options.timestamp === undefined
    ? currentSeconds()
    : checkSeconds(action, "timestamp", options.timestamp);
  return { timestamp, stamp: String(timestamp) };
}

const STANDARD: WebhookSchemeRules = {
  name: "standard",
  title: "Standard Webhooks",
  aliases: ["standard-webhooks", "standardwebhooks"],
  headers: ["webhook-id", "webhook-timestamp", "webhook-signature"],
  reads: ["webhook-id", "webhook-timestamp", "webhook-signature"],
  timestamped: true,
  signsId: true,
  rotates: true,
  summary:
    "HMAC-SHA256 of id.timestamp.body with the base64 key after whsec_, sent as v1,<base64>; or Ed25519 with a whsk_ key, sent as v1a,<base64>",
  secretForm:
    "whsec_ followed by base64, as the sender shows it; for v1a, the whsk_ key signs and the whpk_ key verifies",
  headerExample:
    "webhook-id: msg_...\nwebhook-timestamp: 1700000000\nwebhook-signature: v1,...",
  sample: {
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    body: '{"test": 2432232314}',
    headers: {
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    },
    source: "the Standard Webhooks reference libraries' test vector",
  },
  signingKey(action, secret, label) {
    if (secret.startsWith("whpk_")) {
      throw new TypeError(
        `Cannot ${action}: ${label} is a whpk_ verifying key; sign with the whsk_ signing key`,
      );
    }
    if (secret.startsWith("whsk_")) {
      return cachedKey(
        "whsk",
        secret,
        () => asymmetric(action, label, ed25519SigningKey(secret)),
      );
    }
    return cachedKey(
      "whsec",
      secret,
      () => hmacKey(whsecBytes(action, secret, label)),
    );
  },
  verifyingKey(action, secret, label) {
    if (secret.startsWith("whsk_")) {
      throw new TypeError(
        `Cannot ${action}: ${label} is a whsk_ signing key; verify with its whpk_ verifying key`,
      );
    }
    if (secret.startsWith("whpk_")) {
      return cachedKey(
        "whpk",
        secret,
        () => asymmetric(action, label, ed25519VerifyingKey(secret)),
      );
    }
    return cachedKey(
      "whsec",
      secret,
      () => hmacKey(whsecBytes(action, secret, label)),
    );
  },
  signFields(action, options) {
    const id = options.id === undefined
      ? `msg_${toHex(randomBytes(16, randomOption(options.random)))}`
      : checkId(action, options.id);
    return { id, ...timestampOf(action, options) };
  },
  signingString: (fields, body) =>
    signedContent(`${fields.id}.${fields.stamp}.`, body),
  entry: (key, signature) =>
    `${key.kind === "hmac" ? "v1" : "v1a"},${toBase64(signature)}`,
  format: (fields, entries) => ({
    "webhook-id": fields.id!,
    "webhook-timestamp": fields.stamp!,
    "webhook-signature": entries.join(" "),
  }),
  read(headers, kinds) {
    const id = singleHeader(headers, "webhook-id");
    if (isFailure(id)) return id;
    const stamp = singleHeader(headers, "webhook-timestamp");
    if (isFailure(stamp)) return stamp;
    const timestamp = parseSeconds(stamp);
    if (timestamp === undefined) {
      return {
        reason: "malformed",
        message:
          `the "webhook-timestamp" header is not a whole number of seconds`,
      };
    }
    const values = allHeaders(headers, "webhook-signature");
    if (isFailure(values)) return values;
    const candidates: Candidate[] = [];
    let asymmetricCount = 0;
    for (const value of values) {
      for (const entry of spaceSeparated(value)) {
        // A Headers object joins repeated headers with ", ".
        const text = entry.endsWith(",") ? entry.slice(0, -1) : entry;
        if (kinds.has("hmac") && text.startsWith("v1,")) {
          const bytes = signatureBytes(text.slice(3), 32);
          if (bytes !== undefined) {
            candidates.push({ text, kind: "hmac", bytes });
          }
        } else if (
          kinds.has("ed25519") && text.startsWith("v1a,") &&
          asymmetricCount < MAX_V1A_CANDIDATES
        ) {
          const bytes = signatureBytes(text.slice(4), 64);
          if (bytes !== undefined) {
            asymmetricCount++;
            candidates.push({ text, kind: "ed25519", bytes });
          }
        }
      }
    }
    if (candidates.length === 0) {
      const forms = [
        ...(kinds.has("hmac") ? ["v1,<base64 of 32 bytes>"] : []),
        ...(kinds.has("ed25519") ? ["v1a,<base64 of 64 bytes>"] : []),
      ];
      return {
        reason: "malformed",
        message: `the "webhook-signature" header has no signature of the form ${
          forms.join(" or ")
        }`,
      };
    }
    return { fields: { id, stamp, timestamp }, candidates };
  },
  label: (kinds) =>
    [
      ...(kinds.has("hmac") ? ["v1"] : []),
      ...(kinds.has("ed25519") ? ["v1a"] : []),
    ]
      .join(" or "),
};

const GITHUB: WebhookSchemeRules = {
  name: "github",
  title: "GitHub",
  aliases: [],
  headers: ["X-Hub-Signature-256"],
  reads: ["x-hub-signature-256", "x-hub-signature"],
  timestamped: false,
  signsId: false,
  rotates: false,
  summary:
    "HMAC-SHA256 of the raw body with the secret text, sent as sha256=<hex>",
  secretForm: "The text entered as the webhook's secret on GitHub",
  headerExample: "X-Hub-Signature-256: sha256=...",
  sample: {
    secret: "It's a Secret to Everybody",
    body: "Hello, World!",
    headers: {
      "X-Hub-Signature-256":
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
    },
    source: 'GitHub\'s "Validating webhook deliveries" documentation',
  },
  signingKey: (_action, secret) => textKey(secret),
  verifyingKey: (_action, secret) => textKey(secret),
  signFields(action, options, secrets) {
    noIdOrTimestamp(action, options);
    if (secrets > 1) {
      throw new RangeError(
        `Cannot ${action}: GitHub sends one signature, got ${secrets} secrets`,
      );
    }
    return {};
  },
  signingString: (_fields, body) => signedContent("", body),
  entry: (_key, signature) => `sha256=${toHex(signature)}`,
  format: (_fields, entries) => ({ "X-Hub-Signature-256": entries[0]! }),
  read(headers) {
    const values = allHeaders(headers, "X-Hub-Signature-256");
    if (isFailure(values)) {
      const sha1Only = values.reason === "missing" &&
        headers.has("x-hub-signature");
      return sha1Only
        ? {
          reason: "missing",
          message:
            `${values.message}; keymint does not check the SHA-1 "X-Hub-Signature" header`,
        }
        : values;
    }
    const candidates: Candidate[] = [];
    for (const value of values) {
      if (value.startsWith("sha256=") && isHex64(value, 7)) {
        candidates.push({
          text: value,
          kind: "hmac",
          bytes: hexBytes(value.slice(7)),
        });
      }
    }
    if (candidates.length === 0) {
      return {
        reason: "malformed",
        message:
          `the "X-Hub-Signature-256" header is not sha256= followed by 64 hex digits`,
      };
    }
    return { fields: {}, candidates };
  },
  label: () => "sha256",
};

const STRIPE: WebhookSchemeRules = {
  name: "stripe",
  title: "Stripe",
  aliases: [],
  headers: ["Stripe-Signature"],
  reads: ["stripe-signature"],
  timestamped: true,
  signsId: false,
  rotates: true,
  summary:
    "HMAC-SHA256 of timestamp.body with the whole whsec_ string, sent as t=<timestamp>,v1=<hex>",
  secretForm: "The endpoint's signing secret, whsec_..., used whole",
  headerExample: "Stripe-Signature: t=1700000000,v1=...",
  sample: {
    secret: "whsec_keymint_example_not_a_real_secret",
    body: '{"id":"evt_example","type":"ping"}',
    source: "made up here: Stripe publishes no signed example",
  },
  signingKey: (_action, secret) => textKey(secret),
  verifyingKey: (_action, secret) => textKey(secret),
  signFields(action, options) {
    if (options.id !== undefined) {
      throw new TypeError(`Cannot ${action}: Stripe signs no message id`);
    }
    return timestampOf(action, options);
  },
  signingString: (fields, body) => signedContent(`${fields.stamp}.`, body),
  entry: (_key, signature) => `v1=${toHex(signature)}`,
  format: (fields, entries) => ({
    "Stripe-Signature": [`t=${fields.stamp}`, ...entries].join(","),
  }),
  read(headers) {
    const values = allHeaders(headers, "Stripe-Signature");
    if (isFailure(values)) return values;
    let stamp: string | undefined;
    let stamps = 0;
    const candidates: Candidate[] = [];
    for (const value of values) {
      for (const item of value.split(",")) {
        const equals = item.indexOf("=");
        if (equals === -1) continue;
        const key = trimSpace(item.slice(0, equals));
        const text = trimSpace(item.slice(equals + 1));
        if (key === "t" && text !== stamp) {
          stamp = text;
          stamps++;
        }
        if (key === "v1" && text.length === 64 && isHex64(text, 0)) {
          candidates.push({
            text: `v1=${text}`,
            kind: "hmac",
            bytes: hexBytes(text),
          });
        }
        // v0 and any other scheme are ignored, as Stripe's own libraries do.
      }
    }
    if (stamp === undefined || stamps > 1) {
      return {
        reason: "malformed",
        message: stamp === undefined
          ? `the "Stripe-Signature" header has no t=<timestamp>`
          : `the "Stripe-Signature" header has more than one t=<timestamp>`,
      };
    }
    const timestamp = parseSeconds(stamp);
    if (timestamp === undefined) {
      return {
        reason: "malformed",
        message:
          `the "Stripe-Signature" timestamp is not a whole number of seconds`,
      };
    }
    if (candidates.length === 0) {
      return {
        reason: "malformed",
        message:
          `the "Stripe-Signature" header has no signature of the form v1=<64 hex digits>`,
      };
    }
    return { fields: { stamp, timestamp }, candidates };
  },
  label: () => "v1",
};

/** The schemes, in the order faces list them. */
export const SCHEMES: readonly WebhookSchemeRules[] = [
  STANDARD,
  GITHUB,
  STRIPE,
];

/** Names and aliases, lower case, mapped to their scheme. */
export const SCHEME_NAMES: ReadonlyMap<string, WebhookSchemeRules> =
  /* @__PURE__ */ (() =>
    new Map(
      SCHEMES.flatMap((scheme) =>
        [scheme.name, ...scheme.aliases].map((name) => [name, scheme] as const)
      ),
    ))();

/**
 * Sign and verify webhook deliveries for three schemes: Standard Webhooks
 * (HMAC `v1` and Ed25519 `v1a`), GitHub and Stripe. Everything runs on Web
 * APIs (Web Crypto, and HMAC-SHA256 of short messages in plain TypeScript,
 * which is faster than an asynchronous Web Crypto call), so the same code
 * checks a delivery in a server, a test or a browser tab. Each scheme is one object in `webhook_schemes.ts`; this
 * module runs the same steps for all of them.
 *
 * @module
 */

import { quoteValue } from "./_quote.ts";
import { didYouMean } from "./suggest.ts";
import {
  checkBody,
  checkOptionsObject,
  checkSeconds,
  checkSecrets,
  checkTolerance,
  checkWindow,
  currentSeconds,
  isFailure,
  secretLabel,
} from "./_webhook_input.ts";
import { collectHeaders } from "./_webhook_headers.ts";
import { signBytes, type WebhookKey } from "./_webhook_keys.ts";
import {
  findMatch,
  mismatchMessage,
  type WebhookSchemeRules,
} from "./_webhook_rules.ts";
import { SCHEME_NAMES, SCHEMES } from "./webhook_schemes.ts";
import type {
  SignWebhookOptions,
  VerifyWebhookOptions,
  WebhookFailureReason,
  WebhookScheme,
  WebhookSchemeInfo,
  WebhookVerification,
} from "./webhook_types.ts";

export type * from "./webhook_types.ts";
export { forgetWebhookKeys } from "./_webhook_keys.ts";
export {
  MAX_WEBHOOK_HEADER_LENGTH,
  parseWebhookHeaders,
} from "./_webhook_headers.ts";

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
export const WEBHOOK_SCHEMES: readonly WebhookSchemeInfo[] = SCHEMES;

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
  return rulesOf(name);
}

function rulesOf(name: string): WebhookSchemeRules {
  const wanted = String(name).toLowerCase();
  const found = SCHEME_NAMES.get(wanted);
  if (found === undefined) {
    const names = SCHEMES.map((scheme) => scheme.name);
    throw new RangeError(
      `Cannot use webhook scheme ${quoteValue(wanted)}: unknown scheme${
        didYouMean(wanted, names)
      }; choose one of ${names.join(", ")}`,
    );
  }
  return found;
}

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
  const rules = rulesOf(scheme);
  const action = `sign a ${rules.title} webhook`;
  checkOptionsObject(action, options);
  const secrets = checkSecrets(action, options.secret);
  const body = checkBody(action, options.body);
  const fields = rules.signFields(action, options, secrets.length);
  const keys = await Promise.all(
    secrets.map((secret, index) =>
      rules.signingKey(action, secret, secretLabel(index, secrets.length))
    ),
  );
  const content = rules.signingString(fields, body);
  const entries = await Promise.all(
    keys.map(async (key) => rules.entry(key, await signBytes(key, content))),
  );
  return rules.format(fields, entries);
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
  const rules = rulesOf(scheme);
  const action = `verify a ${rules.title} webhook`;
  checkOptionsObject(action, options);
  const secrets = checkSecrets(action, options.secret);
  const body = checkBody(action, options.body);
  const headers = collectHeaders(action, options.headers, rules.reads);
  if (
    !rules.timestamped &&
    (options.tolerance !== undefined || options.now !== undefined)
  ) {
    throw new TypeError(
      `Cannot ${action}: ${rules.title} signs no timestamp, so tolerance and now do not apply`,
    );
  }
  const window = rules.timestamped
    ? {
      tolerance: checkTolerance(action, options.tolerance),
      now: options.now === undefined
        ? currentSeconds()
        : checkSeconds(action, "now", options.now),
    }
    : undefined;
  const keys: WebhookKey[] = [];
  for (let index = 0; index < secrets.length; index++) {
    const label = secretLabel(index, secrets.length);
    const key = rules.verifyingKey(action, secrets[index]!, label);
    keys.push(key instanceof Promise ? await key : key);
  }
  const kinds = new Set(keys.map((key) => key.kind));
  const reject = (reason: WebhookFailureReason, message: string) => ({
    ok: false as const,
    scheme: rules.name,
    reason,
    message,
  });
  const received = rules.read(headers, kinds);
  if (isFailure(received)) return reject(received.reason, received.message);
  const { fields, candidates } = received;
  const content = rules.signingString(fields, body);
  const match = await findMatch(keys, content, candidates);
  if (match === undefined) {
    return reject(
      "mismatch",
      mismatchMessage(candidates.length, rules.label(kinds), keys.length),
    );
  }
  if (window !== undefined && fields.timestamp !== undefined) {
    const late = checkWindow(fields.timestamp, window);
    if (late !== undefined) return reject(late.reason, late.message);
  }
  return {
    ok: true,
    scheme: rules.name,
    signature: match.candidate.text,
    secretIndex: match.keyIndex,
    ...(fields.timestamp === undefined ? {} : { timestamp: fields.timestamp }),
    ...(fields.id === undefined ? {} : { id: fields.id }),
  };
}

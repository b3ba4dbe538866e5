/** Vectors and helpers the webhook tests share. */
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { type HmacEngine, useHmacEngine } from "../../core/_hmac.ts";
import {
  forgetWebhookKeys,
  verifyWebhook,
  type VerifyWebhookOptions,
  type WebhookScheme,
  type WebhookVerification,
} from "../../core/webhook.ts";

// Standard Webhooks reference vector (standard-webhooks/standard-webhooks,
// libraries/javascript/src/webhook.test.ts, "sign function works").
export const STANDARD = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

// GitHub's documented example ("Validating webhook deliveries").
export const GITHUB = {
  secret: "It's a Secret to Everybody",
  body: "Hello, World!",
  signature:
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
};

export const STRIPE_SECRET = "whsec_test_4eC39HqLyjWDarjtT1zdp7dcKeymint";
export const T = 1_700_000_000;

export function standardHeaders(
  signature = STANDARD.signature,
): Record<string, string> {
  return {
    "webhook-id": STANDARD.id,
    "webhook-timestamp": String(STANDARD.timestamp),
    "webhook-signature": signature,
  };
}

export function verifyStandard(
  headers: VerifyWebhookOptions["headers"],
  extra: Partial<VerifyWebhookOptions> = {},
): Promise<WebhookVerification> {
  return verifyWebhook("standard", {
    secret: STANDARD.secret,
    body: STANDARD.body,
    headers,
    now: STANDARD.timestamp,
    ...extra,
  });
}

/** Stripe's scheme computed with node:crypto, an implementation independent of ours. */
export function stripeReference(
  secret: string,
  timestamp: number,
  body: string,
): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest(
    "hex",
  );
}

export function failure(result: WebhookVerification): [string, string] {
  assert.equal(result.ok, false, "expected the delivery to be rejected");
  return result.ok ? ["", ""] : [result.reason, result.message];
}

export const SECRETS: Record<WebhookScheme, string> = {
  standard: STANDARD.secret,
  github: GITHUB.secret,
  stripe: STRIPE_SECRET,
};

/**
 * Runs `run` with keys prepared by `engine`, from an empty key cache, and
 * restores the automatic choice afterwards.
 */
export async function withEngine<T>(
  engine: HmacEngine,
  run: () => Promise<T>,
): Promise<T> {
  useHmacEngine(engine);
  forgetWebhookKeys();
  try {
    return await run();
  } finally {
    useHmacEngine(undefined);
    forgetWebhookKeys();
  }
}

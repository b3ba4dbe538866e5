import assert from "node:assert/strict";
import { withEngine } from "./_webhook_fixtures.ts";
import { Webhook } from "standardwebhooks";
import {
  sign as signGithub,
  verify as verifyGithub,
} from "@octokit/webhooks-methods";
import Stripe from "stripe";
import { type HmacEngine } from "../../core/_hmac.ts";
import { signWebhook, verifyWebhook } from "../../core/webhook.ts";

// The official libraries of each scheme, against keymint under both HMAC
// engines (`core/_hmac.ts`), on bodies either side of the noble bound.
const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const GITHUB_SECRET = "It's a Secret to Everybody";
const STRIPE_SECRET = "whsec_keymint_example_not_a_real_secret";
// JSON, because standardwebhooks' verify parses the body it has checked.
const BODIES = [
  '{"type":"ping","n":"é\u{1F600}"}',
  JSON.stringify({ pad: "y".repeat(5000) }),
];
const stripe = new Stripe("sk_test_keymint_interop");

async function eachEngine(run: (engine: HmacEngine) => Promise<void>) {
  for (const engine of ["native", "noble"] as const) {
    await withEngine(engine, () => run(engine));
  }
}

Deno.test("verifyWebhook() and standardwebhooks accept each other's v1 signatures", async () => {
  const library = new Webhook(WHSEC);
  await eachEngine(async (engine) => {
    for (const body of BODIES) {
      const timestamp = Math.floor(Date.now() / 1000);
      const headers = {
        "webhook-id": "msg_interop",
        "webhook-timestamp": String(timestamp),
        "webhook-signature": library.sign(
          "msg_interop",
          new Date(timestamp * 1000),
          body,
        ),
      };
      const result = await verifyWebhook("standard", {
        secret: WHSEC,
        body,
        headers,
      });
      assert.equal(result.ok, true, engine);
      const ours = await signWebhook("standard", { secret: WHSEC, body });
      assert.deepEqual(library.verify(body, ours), JSON.parse(body), engine);
    }
  });
});

Deno.test("verifyWebhook() and @octokit/webhooks-methods accept each other's signatures", async () => {
  await eachEngine(async (engine) => {
    for (const body of BODIES) {
      const signature = await signGithub(GITHUB_SECRET, body);
      const result = await verifyWebhook("github", {
        secret: GITHUB_SECRET,
        body,
        headers: { "X-Hub-Signature-256": signature },
      });
      assert.equal(result.ok, true, engine);
      const ours = await signWebhook("github", { secret: GITHUB_SECRET, body });
      assert.equal(ours["X-Hub-Signature-256"], signature, engine);
      assert.equal(
        await verifyGithub(GITHUB_SECRET, body, ours["X-Hub-Signature-256"]!),
        true,
      );
    }
  });
});

Deno.test("verifyWebhook() and stripe accept each other's signatures", async () => {
  await eachEngine(async (engine) => {
    for (const body of BODIES) {
      const timestamp = Math.floor(Date.now() / 1000);
      const header = await stripe.webhooks.generateTestHeaderStringAsync({
        payload: body,
        secret: STRIPE_SECRET,
        timestamp,
      });
      const result = await verifyWebhook("stripe", {
        secret: STRIPE_SECRET,
        body,
        headers: { "Stripe-Signature": header },
      });
      assert.equal(result.ok, true, engine);
      const ours = await signWebhook("stripe", {
        secret: STRIPE_SECRET,
        body,
        timestamp,
      });
      assert.equal(ours["Stripe-Signature"], header, engine);
    }
  });
});

/**
 * verifyWebhook against the official libraries on the same deliveries, and
 * its cost on padded headers.
 *
 *   deno bench -A bench/webhook_bench.ts
 *
 * (several runs with `--json`, then `bench/_bench_medians.ts` for medians)
 *
 * Each group's baseline is the scheme's official library; the "x faster"
 * or "x slower" figure deno bench prints is the same-run ratio. The
 * deliveries are signed once, outside the measured calls, with a body the
 * size of a typical event (about 1.5 KB of JSON). Stripe's package picks
 * its Web Crypto provider under Deno, which only has the asynchronous
 * constructEventAsync; constructEvent is measured with the node:crypto
 * provider it uses on Node.js (same HMAC, same parsing), and
 * constructEventAsync with its own default.
 *
 * keymint MACs with @noble/hashes, and once a process has made 1024 MACs
 * with the runtime's native SHA-256 where the runtime lends one (here,
 * Deno's): `core/_hmac.ts`. The setup below makes those MACs, so the main
 * rows run on the native engine, as a server would after its first
 * deliveries. The "noble fallback" rows (what browsers run) have secrets of
 * their own (same lengths, same bodies), prepared with the fallback forced,
 * and it stays forced during the run, so that no key moves engine.
 *
 * @module
 */

import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { verify as verifyGithub } from "@octokit/webhooks-methods";
import Stripe from "stripe";
import {
  formatStandardWebhookKeys,
  signWebhook,
  verifyWebhook,
  type WebhookScheme,
} from "../core/mod.ts";
import { NATIVE_AFTER_MACS, useHmacEngine } from "../core/_hmac.ts";
import { cachedKeyEngines } from "../core/_webhook_keys.ts";

const body = JSON.stringify({
  id: "evt_1Nq2",
  type: "invoice.paid",
  created: 1_700_000_000,
  data: {
    object: {
      id: "in_1Nq2",
      customer: "cus_9s6XKzkNRiz8i3",
      lines: Array.from({ length: 8 }, (_, i) => ({
        id: `il_${i}`,
        amount: 1200 + i,
        currency: "eur",
        description: `Seat ${i} of the team plan, billed monthly`,
      })),
    },
  },
});

const WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const GITHUB_SECRET = "It's a Secret to Everybody";
const STRIPE_SECRET = "whsec_test_4eC39HqLyjWDarjtT1zdp7dcKeymint";

const standard = await signWebhook("standard", { secret: WHSEC, body });
const github = await signWebhook("github", { secret: GITHUB_SECRET, body });
const stripe = await signWebhook("stripe", { secret: STRIPE_SECRET, body });
for (let i = 0; i <= NATIVE_AFTER_MACS; i++) {
  await verifyWebhook("github", {
    secret: GITHUB_SECRET,
    body,
    headers: github,
  });
  await verifyWebhook("stripe", {
    secret: STRIPE_SECRET,
    body,
    headers: stripe,
  });
  await verifyWebhook("standard", { secret: WHSEC, body, headers: standard });
}

// The fallback's own secrets, one character changed, keyed by @noble/hashes.
const NOBLE_WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSx";
const NOBLE_GITHUB_SECRET = "It's a Secret to Everybodz";
const NOBLE_STRIPE_SECRET = "whsec_test_4eC39HqLyjWDarjtT1zdp7dcKeymins";
useHmacEngine("noble");
const nobleStandard = await signWebhook("standard", {
  secret: NOBLE_WHSEC,
  body,
});
const nobleGithub = await signWebhook("github", {
  secret: NOBLE_GITHUB_SECRET,
  body,
});
const nobleStripe = await signWebhook("stripe", {
  secret: NOBLE_STRIPE_SECRET,
  body,
});

const standardLibrary = new Webhook(WHSEC);
const stripeLibrary = new Stripe("sk_test_keymint_bench");
const nodeCryptoProvider = {
  computeHMACSignature: (payload: string, secret: string) =>
    createHmac("sha256", secret).update(payload, "utf8").digest("hex"),
  computeHMACSignatureAsync: (payload: string, secret: string) =>
    Promise.resolve(
      createHmac("sha256", secret).update(payload, "utf8").digest("hex"),
    ),
  computeSHA256Async: (data: Uint8Array) =>
    Promise.resolve(
      new Uint8Array(createHmac("sha256", "").update(data).digest()),
    ),
};

// Every verifier accepts its delivery before anything is measured.
standardLibrary.verify(body, standard);
if (!await verifyGithub(GITHUB_SECRET, body, github["X-Hub-Signature-256"]!)) {
  throw new Error("octokit rejected the GitHub delivery");
}
stripeLibrary.webhooks.constructEvent(
  body,
  stripe["Stripe-Signature"]!,
  STRIPE_SECRET,
  300,
  nodeCryptoProvider as never,
);
for (
  const [scheme, secret, headers] of [
    ["standard", WHSEC, standard],
    ["github", GITHUB_SECRET, github],
    ["stripe", STRIPE_SECRET, stripe],
    ["standard", NOBLE_WHSEC, nobleStandard],
    ["github", NOBLE_GITHUB_SECRET, nobleGithub],
    ["stripe", NOBLE_STRIPE_SECRET, nobleStripe],
  ] as const
) {
  const result = await verifyWebhook(scheme, { secret, body, headers });
  if (!result.ok) throw new Error(`keymint rejected ${scheme}`);
}
if (
  cachedKeyEngines().join() !== "native,native,native,noble,noble,noble"
) {
  throw new Error(`keys on unexpected engines: ${cachedKeyEngines()}`);
}

Deno.bench("standardwebhooks Webhook.verify", {
  group: "standard",
  baseline: true,
}, () => {
  standardLibrary.verify(body, standard);
});

Deno.bench(
  "keymint verifyWebhook standard",
  { group: "standard" },
  async () => {
    await verifyWebhook("standard", { secret: WHSEC, body, headers: standard });
  },
);

function nobleBench(
  scheme: WebhookScheme,
  secret: string,
  headers: Record<string, string>,
): void {
  Deno.bench(`keymint verifyWebhook ${scheme} (noble fallback)`, {
    group: scheme,
  }, async () => {
    await verifyWebhook(scheme, { secret, body, headers });
  });
}

nobleBench("standard", NOBLE_WHSEC, nobleStandard);

Deno.bench("@octokit/webhooks-methods verify", {
  group: "github",
  baseline: true,
}, async () => {
  await verifyGithub(GITHUB_SECRET, body, github["X-Hub-Signature-256"]!);
});

Deno.bench("keymint verifyWebhook github", { group: "github" }, async () => {
  await verifyWebhook("github", {
    secret: GITHUB_SECRET,
    body,
    headers: github,
  });
});

nobleBench("github", NOBLE_GITHUB_SECRET, nobleGithub);

Deno.bench("stripe webhooks.constructEvent", {
  group: "stripe",
  baseline: true,
}, () => {
  stripeLibrary.webhooks.constructEvent(
    body,
    stripe["Stripe-Signature"]!,
    STRIPE_SECRET,
    300,
    nodeCryptoProvider as never,
  );
});

Deno.bench(
  "stripe webhooks.constructEventAsync",
  { group: "stripe" },
  async () => {
    await stripeLibrary.webhooks.constructEventAsync(
      body,
      stripe["Stripe-Signature"]!,
      STRIPE_SECRET,
    );
  },
);

Deno.bench("keymint verifyWebhook stripe", { group: "stripe" }, async () => {
  await verifyWebhook("stripe", {
    secret: STRIPE_SECRET,
    body,
    headers: stripe,
  });
});

nobleBench("stripe", NOBLE_STRIPE_SECRET, nobleStripe);

// --- v1a: no official library checks it yet ----------------------------------

const pair = await crypto.subtle.generateKey("Ed25519", true, [
  "sign",
  "verify",
]) as CryptoKeyPair;
const ed = await formatStandardWebhookKeys(pair);
const v1a = await signWebhook("standard", { secret: ed.signingKey, body });

Deno.bench("keymint verifyWebhook standard v1a (Ed25519)", {
  group: "v1a",
}, async () => {
  await verifyWebhook("standard", {
    secret: ed.verifyingKey,
    body,
    headers: v1a,
  });
});

// --- padded headers: the cost must stay linear (issue 9: 64 KiB <= 12x 8 KiB)

function padded(size: number): Record<string, string> {
  return { ...standard, "X-Pad": `x${" ".repeat(size - 2)}x` };
}
const pad8 = padded(8 * 1024);
const pad64 = padded(64 * 1024);
const signature8 = {
  ...standard,
  "webhook-signature": `${standard["webhook-signature"]}${" ".repeat(8000)}x`,
};

Deno.bench("verifyWebhook, 8 KiB padded header", {
  group: "padded",
  baseline: true,
}, async () => {
  await verifyWebhook("standard", { secret: WHSEC, body, headers: pad8 });
});

Deno.bench(
  "verifyWebhook, 64 KiB padded header",
  { group: "padded" },
  async () => {
    await verifyWebhook("standard", { secret: WHSEC, body, headers: pad64 });
  },
);

Deno.bench("verifyWebhook, signature header padded to 8 KiB", {
  group: "padded",
}, async () => {
  await verifyWebhook("standard", { secret: WHSEC, body, headers: signature8 });
});

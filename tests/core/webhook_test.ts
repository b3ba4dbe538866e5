import assert from "node:assert/strict";
import fc from "fast-check";
import {
  signWebhook,
  verifyWebhook,
  WEBHOOK_SCHEMES,
} from "../../core/webhook.ts";
import {
  failure,
  GITHUB,
  SECRETS,
  STANDARD,
  standardHeaders,
  STRIPE_SECRET,
  stripeReference,
  T,
  verifyStandard,
} from "./_webhook_fixtures.ts";

// --- published vectors ------------------------------------------------------

Deno.test("signWebhook() reproduces the Standard Webhooks reference signature", async () => {
  for (
    const secret of [STANDARD.secret, STANDARD.secret.slice("whsec_".length)]
  ) {
    const headers = await signWebhook("standard", {
      secret,
      body: STANDARD.body,
      id: STANDARD.id,
      timestamp: STANDARD.timestamp,
    });
    assert.deepEqual(headers, standardHeaders());
  }
});

Deno.test("verifyWebhook() accepts the Standard Webhooks reference delivery", async () => {
  const result = await verifyStandard(standardHeaders());
  assert.deepEqual(result, {
    ok: true,
    scheme: "standard",
    signature: STANDARD.signature,
    secretIndex: 0,
    timestamp: STANDARD.timestamp,
    id: STANDARD.id,
  });
});

Deno.test("signWebhook() reproduces GitHub's documented example", async () => {
  const headers = await signWebhook("github", {
    secret: GITHUB.secret,
    body: GITHUB.body,
  });
  assert.deepEqual(headers, { "X-Hub-Signature-256": GITHUB.signature });
});

Deno.test("verifyWebhook() accepts GitHub's documented example", async () => {
  const result = await verifyWebhook("github", {
    secret: GITHUB.secret,
    body: new TextEncoder().encode(GITHUB.body),
    headers: new Headers({ "X-Hub-Signature-256": GITHUB.signature }),
  });
  assert.deepEqual(result, {
    ok: true,
    scheme: "github",
    signature: GITHUB.signature,
    secretIndex: 0,
  });
});

Deno.test("verifyWebhook() accepts GitHub signatures written in upper-case hex", async () => {
  const upper = "sha256=" + GITHUB.signature.slice(7).toUpperCase();
  const result = await verifyWebhook("github", {
    secret: GITHUB.secret,
    body: GITHUB.body,
    headers: { "x-hub-signature-256": upper },
  });
  assert.equal(result.ok, true);
});

Deno.test("signWebhook() signs Stripe deliveries like an independent HMAC with the whole whsec_ string", async () => {
  const body = '{"id":"evt_1","object":"event"}';
  const headers = await signWebhook("stripe", {
    secret: STRIPE_SECRET,
    body,
    timestamp: T,
  });
  assert.deepEqual(headers, {
    "Stripe-Signature": `t=${T},v1=${stripeReference(STRIPE_SECRET, T, body)}`,
  });
});

Deno.test("verifyWebhook() accepts a Stripe delivery signed by an independent HMAC", async () => {
  const body = "{}\n";
  const v1 = stripeReference(STRIPE_SECRET, T, body);
  const result = await verifyWebhook("stripe", {
    secret: STRIPE_SECRET,
    body,
    headers: { "Stripe-Signature": `t=${T},v1=${v1}` },
    now: T,
  });
  assert.deepEqual(result, {
    ok: true,
    scheme: "stripe",
    signature: `v1=${v1}`,
    secretIndex: 0,
    timestamp: T,
  });
});

// --- round trips --------------------------------------------------------------

Deno.test("signWebhook() output verifies for every scheme, over any body bytes", async () => {
  for (const { name } of WEBHOOK_SCHEMES) {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2048 }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        async (body, timestamp) => {
          const timed = name === "github" ? {} : { timestamp };
          const headers = await signWebhook(name, {
            secret: SECRETS[name],
            body,
            ...timed,
          });
          const result = await verifyWebhook(name, {
            secret: SECRETS[name],
            body,
            headers,
            ...(name === "github" ? {} : { now: timestamp }),
          });
          assert.equal(result.ok, true, `${name} round trip failed`);
        },
      ),
      { numRuns: 40 },
    );
  }
});

Deno.test("signWebhook() output verifies at the current time with the default tolerance", async () => {
  for (const { name } of WEBHOOK_SCHEMES) {
    const headers = await signWebhook(name, {
      secret: SECRETS[name],
      body: "now",
    });
    const result = await verifyWebhook(name, {
      secret: SECRETS[name],
      body: "now",
      headers,
    });
    assert.equal(result.ok, true, name);
  }
});

Deno.test("signWebhook() draws a default Standard Webhooks id from the random source", async () => {
  const headers = await signWebhook("standard", {
    secret: STANDARD.secret,
    body: "",
    timestamp: T,
    random: (target) => target.fill(0xab),
  });
  assert.equal(headers["webhook-id"], "msg_" + "ab".repeat(16));
  const fresh = await signWebhook("standard", {
    secret: STANDARD.secret,
    body: "",
  });
  assert.match(fresh["webhook-id"]!, /^msg_[0-9a-f]{32}$/);
});

Deno.test("signWebhook() treats a string body and its UTF-8 bytes alike", async () => {
  const text = "grüße, ✓\r\n";
  for (const { name } of WEBHOOK_SCHEMES) {
    const timed = name === "github" ? {} : { timestamp: T };
    const fromText = await signWebhook(name, {
      secret: SECRETS[name],
      body: text,
      ...timed,
    });
    const fromBytes = await signWebhook(name, {
      secret: SECRETS[name],
      body: new TextEncoder().encode(text),
      ...timed,
      ...(name === "standard" ? { id: fromText["webhook-id"]! } : {}),
    });
    assert.deepEqual(fromBytes, fromText, name);
  }
});

Deno.test("verifyWebhook() uses the body byte for byte: a trailing newline is a mismatch", async () => {
  const result = await verifyWebhook("github", {
    secret: GITHUB.secret,
    body: GITHUB.body + "\n",
    headers: { "X-Hub-Signature-256": GITHUB.signature },
  });
  assert.equal(failure(result)[0], "mismatch");
});

Deno.test("verifyWebhook() checks bodies that are not valid UTF-8", async () => {
  const body = new Uint8Array([0xff, 0xfe, 0x00, 0xc3]);
  const headers = await signWebhook("stripe", {
    secret: STRIPE_SECRET,
    body,
    timestamp: T,
  });
  assert.equal(
    (await verifyWebhook("stripe", {
      secret: STRIPE_SECRET,
      body,
      headers,
      now: T,
    })).ok,
    true,
  );
  const mangled = new TextEncoder().encode(new TextDecoder().decode(body));
  const result = await verifyWebhook("stripe", {
    secret: STRIPE_SECRET,
    body: mangled,
    headers,
    now: T,
  });
  assert.equal(failure(result)[0], "mismatch");
});

// --- time window ----------------------------------------------------------------

Deno.test("verifyWebhook() enforces a 300 s window in both directions by default", async () => {
  const cases: [number, string][] = [
    [STANDARD.timestamp + 300, "ok"],
    [STANDARD.timestamp + 301, "expired"],
    [STANDARD.timestamp - 300, "ok"],
    [STANDARD.timestamp - 301, "future"],
  ];
  for (const [now, expected] of cases) {
    const result = await verifyStandard(standardHeaders(), { now });
    assert.equal(
      result.ok ? "ok" : result.reason,
      expected,
      `now = timestamp ${now - STANDARD.timestamp}`,
    );
  }
  const stripeHeaders = await signWebhook("stripe", {
    secret: STRIPE_SECRET,
    body: "b",
    timestamp: T,
  });
  for (
    const [now, expected] of cases.map(([n, e]) =>
      [n - STANDARD.timestamp + T, e] as const
    )
  ) {
    const result = await verifyWebhook("stripe", {
      secret: STRIPE_SECRET,
      body: "b",
      headers: stripeHeaders,
      now,
    });
    assert.equal(
      result.ok ? "ok" : result.reason,
      expected,
      `stripe, now = timestamp ${now - T}`,
    );
  }
});

Deno.test("verifyWebhook() explains an expired and a future delivery without the signature", async () => {
  const [, expired] = failure(
    await verifyStandard(standardHeaders(), { now: STANDARD.timestamp + 3600 }),
  );
  assert.equal(
    expired,
    "the signature matches, but the timestamp is 3600 s old; the tolerance is 300 s",
  );
  const [, future] = failure(
    await verifyStandard(standardHeaders(), { now: STANDARD.timestamp - 900 }),
  );
  assert.equal(
    future,
    "the signature matches, but the timestamp is 900 s in the future; the tolerance is 300 s",
  );
});

Deno.test("verifyWebhook() honours a custom tolerance, and Infinity switches the check off", async () => {
  const now = STANDARD.timestamp + 1000;
  assert.equal(
    (await verifyStandard(standardHeaders(), { now, tolerance: 999 })).ok,
    false,
  );
  assert.equal(
    (await verifyStandard(standardHeaders(), { now, tolerance: 1000 })).ok,
    true,
  );
  assert.equal(
    (await verifyStandard(standardHeaders(), { now: 0, tolerance: Infinity }))
      .ok,
    true,
  );
  const zero = await verifyStandard(standardHeaders(), {
    now: STANDARD.timestamp + 1,
    tolerance: 0,
  });
  assert.equal(failure(zero)[0], "expired");
});

Deno.test("verifyWebhook() accepts now as a Date", async () => {
  const now = new Date((STANDARD.timestamp + 10) * 1000);
  assert.equal((await verifyStandard(standardHeaders(), { now })).ok, true);
});

Deno.test("verifyWebhook() reports a mismatch rather than expiry when the signature is wrong", async () => {
  const other = "v1," + btoa("x".repeat(32));
  const result = await verifyStandard(standardHeaders(other), {
    now: STANDARD.timestamp + 10_000,
  });
  assert.equal(failure(result)[0], "mismatch");
});

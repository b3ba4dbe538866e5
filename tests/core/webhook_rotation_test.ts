import assert from "node:assert/strict";
import {
  signWebhook,
  verifyWebhook,
  type VerifyWebhookOptions,
} from "../../core/webhook.ts";
import {
  failure,
  GITHUB,
  STANDARD,
  standardHeaders,
  STRIPE_SECRET,
  stripeReference,
  T,
  verifyStandard,
} from "./_webhook_fixtures.ts";

// --- mismatches -------------------------------------------------------------------

Deno.test("verifyWebhook() rejects a delivery whose signed parts were changed", async () => {
  const changed: [string, Record<string, string>, string][] = [
    ["body", standardHeaders(), STANDARD.body.replace("2", "3")],
    ["id", { ...standardHeaders(), "webhook-id": "msg_other" }, STANDARD.body],
    ["timestamp", {
      ...standardHeaders(),
      "webhook-timestamp": String(STANDARD.timestamp + 1),
    }, STANDARD.body],
  ];
  for (const [part, headers, body] of changed) {
    const [reason, message] = failure(await verifyStandard(headers, { body }));
    assert.equal(reason, "mismatch", part);
    assert.equal(
      message,
      "the v1 signature does not match the secret and this body",
      part,
    );
  }
  const wrongSecret = await verifyStandard(standardHeaders(), {
    secret: "whsec_" + btoa("another key of 24 bytes."),
  });
  assert.equal(failure(wrongSecret)[0], "mismatch");
});

Deno.test("verifyWebhook() rejects GitHub and Stripe signatures made with another secret", async () => {
  const github = await verifyWebhook("github", {
    secret: "It's a Secret to Nobody",
    body: GITHUB.body,
    headers: { "X-Hub-Signature-256": GITHUB.signature },
  });
  assert.deepEqual(failure(github), [
    "mismatch",
    "the sha256 signature does not match the secret and this body",
  ]);
  const headers = await signWebhook("stripe", {
    secret: STRIPE_SECRET,
    body: "b",
    timestamp: T,
  });
  const stripe = await verifyWebhook("stripe", {
    secret: STRIPE_SECRET + "x",
    body: "b",
    headers,
    now: T,
  });
  assert.equal(failure(stripe)[0], "mismatch");
});

Deno.test("verifyWebhook() does not accept the Stripe signature under the decoded key", async () => {
  // Stripe keys its HMAC with the whole whsec_ text, Standard Webhooks with the
  // decoded bytes: a Standard signature must not pass as Stripe's.
  const standard = await signWebhook("standard", {
    secret: STANDARD.secret,
    body: "b",
    id: "m",
    timestamp: T,
  });
  const v1 = atob(standard["webhook-signature"]!.slice(3));
  const asHex = [...v1].map((c) =>
    c.charCodeAt(0).toString(16).padStart(2, "0")
  ).join("");
  const result = await verifyWebhook("stripe", {
    secret: STANDARD.secret,
    body: "b",
    headers: { "Stripe-Signature": `t=${T},v1=${asHex}` },
    now: T,
  });
  assert.equal(failure(result)[0], "mismatch");
});

// --- several signatures and key rotation -----------------------------------------------

Deno.test("verifyWebhook() finds the valid entry among several Standard Webhooks signatures", async () => {
  const decoy = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=";
  const header = [decoy, "v2," + decoy.slice(3), STANDARD.signature, decoy]
    .join(" ");
  const result = await verifyStandard(standardHeaders(header));
  assert.equal(result.ok && result.signature, STANDARD.signature);
  const [reason, message] = failure(
    await verifyStandard(standardHeaders([decoy, decoy].join(" "))),
  );
  assert.equal(reason, "mismatch");
  assert.equal(
    message,
    "none of the 2 v1 signatures matches the secret and this body",
  );
});

Deno.test("verifyWebhook() reads Stripe's v1 entries and ignores v0 and unknown schemes", async () => {
  const body = "rotating";
  const good = stripeReference(STRIPE_SECRET, T, body);
  const header = `t=${T},v0=${"1".repeat(64)},v1=${
    "2".repeat(64)
  },v9=zzz,v1=${good}`;
  const result = await verifyWebhook("stripe", {
    secret: STRIPE_SECRET,
    body,
    headers: { "Stripe-Signature": header },
    now: T,
  });
  assert.equal(result.ok && result.signature, `v1=${good}`);
  const v0Only = await verifyWebhook("stripe", {
    secret: STRIPE_SECRET,
    body,
    headers: { "Stripe-Signature": `t=${T},v0=${good}` },
    now: T,
  });
  assert.equal(failure(v0Only)[0], "malformed");
});

Deno.test("signWebhook() with old and new secrets lets either receiver verify", async () => {
  const oldSecret = "whsec_" + btoa("old signing key, 24 byte");
  const newSecret = "whsec_" + btoa("new signing key, 24 byte");
  for (const name of ["standard", "stripe"] as const) {
    const headers = await signWebhook(name, {
      secret: [oldSecret, newSecret],
      body: "rotate",
      timestamp: T,
      ...(name === "standard" ? { id: "msg_rotate" } : {}),
    });
    const signatureHeader = name === "standard"
      ? "webhook-signature"
      : "Stripe-Signature";
    const entries = headers[signatureHeader]!.split(
      name === "standard" ? " " : ",",
    );
    const oldOnly = await verifyWebhook(name, {
      secret: oldSecret,
      body: "rotate",
      headers,
      now: T,
    });
    const newOnly = await verifyWebhook(name, {
      secret: newSecret,
      body: "rotate",
      headers,
      now: T,
    });
    assert.equal(oldOnly.ok && oldOnly.signature, entries.at(-2), name);
    assert.equal(newOnly.ok && newOnly.signature, entries.at(-1), name);
  }
});

Deno.test("verifyWebhook() with old and new secrets accepts a delivery signed by either", async () => {
  const oldSecret = "github-old-secret";
  const newSecret = "github-new-secret";
  for (const [signer, index] of [[oldSecret, 1], [newSecret, 0]] as const) {
    const headers = await signWebhook("github", {
      secret: signer,
      body: "rotate",
    });
    const result = await verifyWebhook("github", {
      secret: [newSecret, oldSecret],
      body: "rotate",
      headers,
    });
    assert.equal(result.ok && result.secretIndex, index);
  }
  const stranger = await signWebhook("github", {
    secret: "someone-else",
    body: "rotate",
  });
  const result = await verifyWebhook("github", {
    secret: [newSecret, oldSecret],
    body: "rotate",
    headers: stranger,
  });
  assert.deepEqual(failure(result), [
    "mismatch",
    "the sha256 signature does not match any of the 2 secrets with this body",
  ]);
});

Deno.test("verifyWebhook() accepts any of several repeated GitHub signature headers", async () => {
  const result = await verifyWebhook("github", {
    secret: GITHUB.secret,
    body: GITHUB.body,
    headers: [["X-Hub-Signature-256", "sha256=" + "0".repeat(64)], [
      "x-hub-signature-256",
      GITHUB.signature,
    ]],
  });
  assert.equal(result.ok, true);
});

// --- header shapes and spacing ---------------------------------------------------------

Deno.test("verifyWebhook() reads headers from a Headers object, a record with lists, or pairs", async () => {
  const [first, second] = ["v1," + btoa("y".repeat(32)), STANDARD.signature];
  const shapes: VerifyWebhookOptions["headers"][] = [
    new Headers(standardHeaders()),
    { ...standardHeaders(), "webhook-signature": [first, second] },
    Object.entries(standardHeaders()).map(([n, v]) =>
      [n.toUpperCase(), v] as const
    ),
  ];
  const joined = new Headers(standardHeaders(first));
  joined.append("webhook-signature", second); // Headers joins repeats with ", "
  shapes.push(joined);
  for (const headers of shapes) {
    assert.equal((await verifyStandard(headers)).ok, true);
  }
});

Deno.test("verifyWebhook() tolerates odd spacing around and between entries", async () => {
  const spaced = await verifyStandard({
    "webhook-id": ` ${STANDARD.id}\t`,
    "webhook-timestamp": `${STANDARD.timestamp} `,
    "webhook-signature": `  v1,${"A".repeat(43)}=  \t ${STANDARD.signature}  `,
  });
  assert.equal(spaced.ok, true);
  const body = "spacing";
  const v1 = stripeReference(STRIPE_SECRET, T, body);
  const stripe = await verifyWebhook("stripe", {
    secret: STRIPE_SECRET,
    body,
    headers: { "Stripe-Signature": ` t=${T} , v1=${v1} ,,` },
    now: T,
  });
  assert.equal(stripe.ok, true);
});

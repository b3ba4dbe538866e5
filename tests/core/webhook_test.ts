import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import fc from "fast-check";
import {
  findWebhookScheme,
  MAX_WEBHOOK_HEADER_LENGTH,
  parseWebhookHeaders,
  signWebhook,
  verifyWebhook,
  type VerifyWebhookOptions,
  WEBHOOK_SCHEMES,
  type WebhookScheme,
  type WebhookVerification,
} from "../../core/webhook.ts";

// Standard Webhooks reference vector (standard-webhooks/standard-webhooks,
// libraries/javascript/src/webhook.test.ts, "sign function works").
const STANDARD = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};

// GitHub's documented example ("Validating webhook deliveries").
const GITHUB = {
  secret: "It's a Secret to Everybody",
  body: "Hello, World!",
  signature:
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
};

const STRIPE_SECRET = "whsec_test_4eC39HqLyjWDarjtT1zdp7dcKeymint";
const T = 1_700_000_000;

function standardHeaders(
  signature = STANDARD.signature,
): Record<string, string> {
  return {
    "webhook-id": STANDARD.id,
    "webhook-timestamp": String(STANDARD.timestamp),
    "webhook-signature": signature,
  };
}

function verifyStandard(
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
function stripeReference(
  secret: string,
  timestamp: number,
  body: string,
): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest(
    "hex",
  );
}

function failure(result: WebhookVerification): [string, string] {
  assert.equal(result.ok, false, "expected the delivery to be rejected");
  return result.ok ? ["", ""] : [result.reason, result.message];
}

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

const SECRETS: Record<WebhookScheme, string> = {
  standard: STANDARD.secret,
  github: GITHUB.secret,
  stripe: STRIPE_SECRET,
};

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

// --- malformed and missing headers --------------------------------------------------------

Deno.test("verifyWebhook() names what is wrong with a malformed Standard Webhooks delivery", async () => {
  const { "webhook-id": _id, ...noId } = standardHeaders();
  const { "webhook-timestamp": _ts, ...noTimestamp } = standardHeaders();
  const { "webhook-signature": _sig, ...noSignature } = standardHeaders();
  const noV1 =
    `the "webhook-signature" header has no signature of the form v1,<base64 of 32 bytes>`;
  const badTime =
    `the "webhook-timestamp" header is not a whole number of seconds`;
  const cases: [string, VerifyWebhookOptions["headers"], string, string][] = [
    ["no id", noId, "missing", `the "webhook-id" header is missing`],
    [
      "empty id",
      { ...standardHeaders(), "webhook-id": "  " },
      "missing",
      `the "webhook-id" header is missing`,
    ],
    [
      "no timestamp",
      noTimestamp,
      "missing",
      `the "webhook-timestamp" header is missing`,
    ],
    [
      "no signature",
      noSignature,
      "missing",
      `the "webhook-signature" header is missing`,
    ],
    [
      "word timestamp",
      { ...standardHeaders(), "webhook-timestamp": "hello" },
      "malformed",
      badTime,
    ],
    [
      "negative timestamp",
      { ...standardHeaders(), "webhook-timestamp": "-1614265330" },
      "malformed",
      badTime,
    ],
    [
      "fractional timestamp",
      { ...standardHeaders(), "webhook-timestamp": "1614265330.5" },
      "malformed",
      badTime,
    ],
    [
      "huge timestamp",
      { ...standardHeaders(), "webhook-timestamp": "9".repeat(40) },
      "malformed",
      badTime,
    ],
    [
      "short base64",
      standardHeaders("v1,dawfeoifkpqwoekfpqoekf"),
      "malformed",
      noV1,
    ],
    ["prefix only", standardHeaders("v1,"), "malformed", noV1],
    [
      "cut signature",
      standardHeaders(STANDARD.signature.slice(0, 8)),
      "malformed",
      noV1,
    ],
    [
      "non-canonical base64",
      standardHeaders(STANDARD.signature.replace("E=", "F=")),
      "malformed",
      noV1,
    ],
    [
      "bad characters",
      standardHeaders("v1," + "!".repeat(44)),
      "malformed",
      noV1,
    ],
    [
      "asymmetric only",
      standardHeaders("v1a," + btoa("z".repeat(64))),
      "malformed",
      noV1,
    ],
    [
      "v2 only",
      standardHeaders("v2," + STANDARD.signature.slice(3)),
      "malformed",
      noV1,
    ],
    [
      "conflicting ids",
      [
        ["webhook-id", "msg_a"],
        ["webhook-id", "msg_b"],
        ...Object.entries(standardHeaders()),
      ] as [string, string][],
      "malformed",
      `the "webhook-id" header appears twice with different values`,
    ],
    [
      "oversized signature header",
      standardHeaders(`${STANDARD.signature} `.repeat(200)),
      "malformed",
      `the "webhook-signature" header is longer than ${MAX_WEBHOOK_HEADER_LENGTH} characters`,
    ],
  ];
  for (const [label, headers, reason, message] of cases) {
    assert.deepEqual(
      failure(await verifyStandard(headers)),
      [reason, message],
      label,
    );
  }
});

Deno.test("verifyWebhook() names what is wrong with a malformed GitHub delivery", async () => {
  const notHex =
    `the "X-Hub-Signature-256" header is not sha256= followed by 64 hex digits`;
  const cases: [string, Record<string, string>, string, string][] = [
    ["no header", {}, "missing", `the "X-Hub-Signature-256" header is missing`],
    [
      "SHA-1 header only",
      { "X-Hub-Signature": "sha1=" + "0".repeat(40) },
      "missing",
      `the "X-Hub-Signature-256" header is missing; keymint does not check the SHA-1 "X-Hub-Signature" header`,
    ],
    [
      "bare hex",
      { "X-Hub-Signature-256": GITHUB.signature.slice(7) },
      "malformed",
      notHex,
    ],
    [
      "sha1 label",
      { "X-Hub-Signature-256": "sha1=" + GITHUB.signature.slice(7) },
      "malformed",
      notHex,
    ],
    [
      "63 digits",
      { "X-Hub-Signature-256": GITHUB.signature.slice(0, -1) },
      "malformed",
      notHex,
    ],
    [
      "space inside",
      { "X-Hub-Signature-256": GITHUB.signature.replace("=", "= ") },
      "malformed",
      notHex,
    ],
  ];
  for (const [label, headers, reason, message] of cases) {
    const result = await verifyWebhook("github", {
      secret: GITHUB.secret,
      body: GITHUB.body,
      headers,
    });
    assert.deepEqual(failure(result), [reason, message], label);
  }
});

Deno.test("verifyWebhook() names what is wrong with a malformed Stripe delivery", async () => {
  const v1 = "v1=" + "a".repeat(64);
  const cases: [string, string | undefined, string, string][] = [
    [
      "no header",
      undefined,
      "missing",
      `the "Stripe-Signature" header is missing`,
    ],
    [
      "no timestamp",
      v1,
      "malformed",
      `the "Stripe-Signature" header has no t=<timestamp>`,
    ],
    [
      "two timestamps",
      `t=1,t=2,${v1}`,
      "malformed",
      `the "Stripe-Signature" header has more than one t=<timestamp>`,
    ],
    [
      "word timestamp",
      `t=now,${v1}`,
      "malformed",
      `the "Stripe-Signature" timestamp is not a whole number of seconds`,
    ],
    [
      "no v1",
      `t=${T},v1=abc`,
      "malformed",
      `the "Stripe-Signature" header has no signature of the form v1=<64 hex digits>`,
    ],
    [
      "junk",
      "garbage",
      "malformed",
      `the "Stripe-Signature" header has no t=<timestamp>`,
    ],
  ];
  for (const [label, header, reason, message] of cases) {
    const headers = header === undefined ? {} : { "Stripe-Signature": header };
    const result = await verifyWebhook("stripe", {
      secret: STRIPE_SECRET,
      body: "b",
      headers,
      now: T,
    });
    assert.deepEqual(failure(result), [reason, message], label);
  }
});

// --- hostile input never throws --------------------------------------------------------------

const headerName = fc.oneof(
  fc.constantFrom(
    "webhook-id",
    "webhook-timestamp",
    "webhook-signature",
    "X-Hub-Signature-256",
    "x-hub-signature",
    "Stripe-Signature",
  ),
  fc.string({ maxLength: 20 }),
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.stringMatching(/^(v1,[A-Za-z0-9+/=]{0,50} ?){0,4}$/),
  fc.stringMatching(/^(t=[0-9]{0,12},)?(v[01]=[0-9a-f]{0,70},?){0,3}$/),
  fc.stringMatching(/^sha256=[0-9a-fA-F]{0,70}$/),
  fc.constant("v1,".repeat(5000)),
  fc.stringMatching(/^-?[0-9]{0,25}(\.[0-9]+)?$/),
);

Deno.test("verifyWebhook() never throws on random headers and bodies", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom<WebhookScheme>("standard", "github", "stripe"),
      fc.array(fc.tuple(headerName, headerValue), { maxLength: 8 }),
      fc.oneof(fc.string(), fc.uint8Array({ maxLength: 512 })),
      async (scheme, headers, body) => {
        const result = await verifyWebhook(scheme, {
          secret: SECRETS[scheme],
          body,
          headers,
          ...(scheme === "github" ? {} : { now: T }),
        });
        assert.equal(typeof result.ok, "boolean");
        if (!result.ok) {
          assert.ok(
            ["missing", "malformed", "mismatch", "expired", "future"].includes(
              result.reason,
            ),
          );
          assert.ok(!result.message.includes(SECRETS[scheme]));
        }
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("verifyWebhook() answers a 1 MB header without reading it", async () => {
  const huge = "v1," + "A".repeat(1_000_000);
  const [reason] = failure(await verifyStandard(standardHeaders(huge)));
  assert.equal(reason, "malformed");
});

// --- mistakes in the call throw -------------------------------------------------------------

Deno.test("signWebhook() and verifyWebhook() reject bad calls with a typed error", async () => {
  const body = "b";
  const cases: [string, () => Promise<unknown>, ErrorConstructor, string][] = [
    [
      "unknown scheme",
      () => signWebhook("stripes", { secret: STRIPE_SECRET, body }),
      RangeError,
      `Cannot use webhook scheme "stripes": unknown scheme, did you mean "stripe"?; choose one of standard, github, stripe`,
    ],
    [
      "empty secret",
      () => signWebhook("github", { secret: "", body }),
      RangeError,
      "Cannot sign a GitHub webhook: the secret is empty",
    ],
    [
      "no secrets",
      () => verifyWebhook("github", { secret: [], body, headers: {} }),
      RangeError,
      "Cannot verify a GitHub webhook: no secret given",
    ],
    [
      "secret not base64",
      () => signWebhook("standard", { secret: "whsec_not base64!", body }),
      SyntaxError,
      "Cannot sign a Standard Webhooks webhook: the secret is not base64 after the optional whsec_ prefix",
    ],
    [
      "second secret not base64",
      () => verifyStandard({}, { secret: [STANDARD.secret, "whsec_%%%%"] }),
      SyntaxError,
      "Cannot verify a Standard Webhooks webhook: secret 2 is not base64 after the optional whsec_ prefix",
    ],
    [
      "two GitHub secrets",
      () => signWebhook("github", { secret: ["a", "b"], body }),
      RangeError,
      "Cannot sign a GitHub webhook: GitHub sends one signature, got 2 secrets",
    ],
    [
      "GitHub timestamp",
      () => signWebhook("github", { secret: "a", body, timestamp: T }),
      TypeError,
      "Cannot sign a GitHub webhook: GitHub signs the body alone, without an id or timestamp",
    ],
    [
      "Stripe id",
      () => signWebhook("stripe", { secret: "a", body, id: "msg_1" }),
      TypeError,
      "Cannot sign a Stripe webhook: Stripe signs no message id",
    ],
    [
      "id with a dot",
      () =>
        signWebhook("standard", { secret: STANDARD.secret, body, id: "msg.1" }),
      RangeError,
      `Cannot sign a Standard Webhooks webhook: the id must be 1 to 256 visible ASCII characters without "."`,
    ],
    [
      "negative timestamp",
      () => signWebhook("stripe", { secret: "a", body, timestamp: -5 }),
      RangeError,
      "Cannot sign a Stripe webhook: timestamp must be a non-negative number of Unix seconds, got -5",
    ],
    [
      "invalid date",
      () =>
        signWebhook("stripe", {
          secret: "a",
          body,
          timestamp: new Date(Number.NaN),
        }),
      RangeError,
      "Cannot sign a Stripe webhook: timestamp must be a non-negative number of Unix seconds, got an invalid date",
    ],
    [
      "negative tolerance",
      () => verifyStandard(standardHeaders(), { tolerance: -1 }),
      RangeError,
      "Cannot verify a Standard Webhooks webhook: the tolerance must be 0 or more seconds, got -1",
    ],
    [
      "GitHub with now",
      () => verifyWebhook("github", { secret: "a", body, headers: {}, now: T }),
      TypeError,
      "Cannot verify a GitHub webhook: GitHub signs no timestamp, so tolerance and now do not apply",
    ],
    [
      "body of the wrong type",
      () =>
        signWebhook("github", { secret: "a", body: 42 as unknown as string }),
      TypeError,
      "Cannot sign a GitHub webhook: the body must be a string or a Uint8Array",
    ],
    [
      "headers of the wrong type",
      () =>
        verifyWebhook("github", {
          secret: "a",
          body,
          headers: "x: y" as unknown as Headers,
        }),
      TypeError,
      "Cannot verify a GitHub webhook: headers must be a Headers object, a record or pairs",
    ],
  ];
  for (const [label, call, type, message] of cases) {
    await assert.rejects(call, (error: Error) => {
      assert.equal(error.constructor, type, label);
      assert.equal(error.message, message, label);
      return true;
    });
  }
});

Deno.test("signWebhook() never puts the secret in an error message", async () => {
  const secret = "whsec_sup3r/s3cret!";
  await assert.rejects(
    signWebhook("standard", { secret, body: "" }),
    (error: Error) => {
      assert.ok(!error.message.includes("sup3r"));
      return true;
    },
  );
});

// --- scheme table and header parsing -----------------------------------------------------------

Deno.test("findWebhookScheme() resolves names and aliases in any case", () => {
  assert.equal(findWebhookScheme("STRIPE").name, "stripe");
  assert.equal(findWebhookScheme("standard-webhooks").name, "standard");
  assert.deepEqual(
    WEBHOOK_SCHEMES.map((scheme) => scheme.name),
    ["standard", "github", "stripe"],
  );
});

Deno.test("parseWebhookHeaders() reads Name: value lines, skipping blank ones", () => {
  assert.deepEqual(
    parseWebhookHeaders(
      "Stripe-Signature: t=1,v1=ab\r\n\n  X-Hub-Signature-256 :sha256=cd  \n",
    ),
    [["Stripe-Signature", "t=1,v1=ab"], ["X-Hub-Signature-256", "sha256=cd"]],
  );
  assert.deepEqual(parseWebhookHeaders(["a: b: c", "d:"]), [["a", "b: c"], [
    "d",
    "",
  ]]);
});

Deno.test("parseWebhookHeaders() rejects a line that is not a header, without echoing it", () => {
  const cases: [string, string][] = [
    ["ok: 1\nv1,c2VjcmV0", `Cannot read header line 2: expected "Name: value"`],
    [
      ": value",
      `Cannot read header line 1: the name before ":" is not a header name`,
    ],
    [
      "bad name: v",
      `Cannot read header line 1: the name before ":" is not a header name`,
    ],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseWebhookHeaders(text), (error: Error) => {
      assert.ok(error instanceof SyntaxError);
      assert.equal(error.message, message);
      return true;
    });
  }
});

Deno.test("every scheme's sample verifies, and the published ones are what signWebhook makes", async () => {
  for (const scheme of WEBHOOK_SCHEMES) {
    const { secret, body, headers: published } = scheme.sample;
    const signed = published ??
      await signWebhook(scheme.name, { secret, body });
    const id = signed["webhook-id"];
    const stamp = signed["webhook-timestamp"];
    if (published !== undefined) {
      assert.deepEqual(
        await signWebhook(scheme.name, {
          secret,
          body,
          ...(id === undefined ? {} : { id }),
          ...(stamp === undefined ? {} : { timestamp: Number(stamp) }),
        }),
        published,
        scheme.name,
      );
    }
    const result = await verifyWebhook(scheme.name, {
      secret,
      body,
      headers: signed,
      ...(scheme.timestamped ? { tolerance: Infinity } : {}),
    });
    assert.equal(result.ok, true, scheme.name);
    assert.equal(
      scheme.headerExample.split("\n").map((line) => line.split(":")[0]).join(),
      scheme.headers.join(),
    );
  }
});

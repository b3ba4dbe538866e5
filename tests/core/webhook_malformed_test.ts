import assert from "node:assert/strict";
import {
  MAX_WEBHOOK_HEADER_LENGTH,
  verifyWebhook,
  type VerifyWebhookOptions,
} from "../../core/webhook.ts";
import {
  failure,
  GITHUB,
  STANDARD,
  standardHeaders,
  STRIPE_SECRET,
  T,
  verifyStandard,
} from "./_webhook_fixtures.ts";

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

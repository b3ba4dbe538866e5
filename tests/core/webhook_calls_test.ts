import assert from "node:assert/strict";
import fc from "fast-check";
import {
  findWebhookScheme,
  parseWebhookHeaders,
  signWebhook,
  verifyWebhook,
  WEBHOOK_SCHEMES,
  type WebhookScheme,
} from "../../core/webhook.ts";
import {
  failure,
  SECRETS,
  STANDARD,
  standardHeaders,
  STRIPE_SECRET,
  T,
  verifyStandard,
} from "./_webhook_fixtures.ts";

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

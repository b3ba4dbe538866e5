import assert from "node:assert/strict";
import { generateKey, hashKey, inspectKey } from "@keymint/core";

Deno.test("inspectKey() reports every field for a fresh structured key, and no warning", async () => {
  const key = generateKey({ prefix: "ks_live" });
  const report = await inspectKey(key);
  assert.deepEqual(Object.keys(report), [
    "length",
    "alphabet",
    "bits",
    "prefix",
    "checksum",
    "fingerprint",
    "masked",
    "warnings",
  ]);
  assert.equal(report.length, key.length);
  // One alnum body in about 17 happens to avoid 0, O, I and l, and then
  // base58 is the smallest alphabet that covers it.
  assert.ok(["alnum", "base58"].includes(report.alphabet), report.alphabet);
  assert.ok(report.bits >= 251 && report.bits <= 256, String(report.bits));
  assert.equal(report.prefix, "ks_live");
  assert.equal(report.checksum, "valid");
  assert.equal(report.fingerprint, await hashKey(key));
  assert.match(report.masked, /^ks_live_[0-9A-Za-z]{4}\.\.\.[0-9A-Za-z]{4}$/);
  assert.deepEqual(report.warnings, []);
});

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

Deno.test("inspectKey() finds the smallest alphabet that covers a key", async () => {
  const cases: ReadonlyArray<[string, string, number]> = [
    ["0123456789".repeat(4), "digits", 132],
    ["0123456789abcdef".repeat(4), "hex", 256],
    ["0123456789ABCDEF".repeat(2), "hex (upper case)", 128],
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZ234567ABCDEFGH", "base32", 200],
    ["0123456789abcdefghjkmnpqrstvwxyz", "crockford", 160],
    [
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
      "base58",
      339,
    ],
    [BASE62, "alnum", 369],
    [BASE62 + "-_", "base64url", 384],
    [BASE62 + "+/==", "base64", 384],
    ["!" + BASE62, "printable ASCII", 412],
    ["! " + BASE62, "printable ASCII with spaces", 420],
    ["ключ-" + BASE62, "unicode", (62 + 1 + 8) * 8],
  ];
  for (const [key, alphabet, bits] of cases) {
    const report = await inspectKey(key);
    assert.equal(report.alphabet, alphabet, key);
    assert.equal(report.bits, bits, key);
  }
});

const WARNINGS: ReadonlyArray<[string, RegExp]> = [
  ["AKIAIOSFODNN7EXAMPLE", /AWS documentation's example access key id/],
  [
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    /AWS documentation's example secret access key/,
  ],
  ["AKIAZZZZZZZZZZEXAMPLE", /AWS documentation example key/],
  ["sk_test_4eC39HqLyjWDarjtT1zdp7dc", /Stripe's documentation test key/],
  [
    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    /Standard Webhooks specification's example secret/,
  ],
  [
    "super-secret-jwt-token-with-at-least-32-characters-long",
    /Supabase's default local JWT secret/,
  ],
  [
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0",
    /Supabase's published demo tokens/,
  ],
  ["your-api-key-goes-here-please-1234", /placeholder words/],
  ["changeme", /placeholder words/],
  ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /only 1 distinct characters/],
  ["abcabcabcabcabcabcabcabcabcabcabc", /only 3 distinct characters/],
  [
    "q8Rt2LmW9xZc4VbN7kHs3JdF" + "Xy".repeat(8),
    /repeated pattern/,
  ],
  [
    "550e8400-e29b-41d4-a716-446655440000",
    /UUID \(version 4\).*RFC 9562 section 8/,
  ],
  ["0190a8e4-2c3b-7d1e-8f00-123456789abc", /UUID \(version 7\)/],
  ["deadbeef", /At most 32 bits of entropy, below the 128 bits/],
  ["ghp_pHVD1BNY5TOzXhPmOYb7brzB6w2LOe25LgEv", /checksum does not match/],
];

Deno.test("inspectKey() warns about each known weakness", async () => {
  for (const [key, warning] of WARNINGS) {
    const report = await inspectKey(key);
    assert.ok(
      report.warnings.some((text) => warning.test(text)),
      `${key}: ${JSON.stringify(report.warnings)}`,
    );
  }
});

Deno.test("inspectKey() reports a bad checksum as invalid and a UUID as 122 bits", async () => {
  assert.equal(
    (await inspectKey("ghp_pHVD1BNY5TOzXhPmOYb7brzB6w2LOe25LgEv")).checksum,
    "invalid",
  );
  const uuid = await inspectKey("550e8400-e29b-41d4-a716-446655440000");
  assert.equal(uuid.alphabet, "uuid");
  assert.equal(uuid.bits, 122);
});

Deno.test("inspectKey() gives no warning for 1000 fresh keys in any common format", async () => {
  for (
    const format of [
      "hex",
      "alnum",
      "base58",
      "digits",
      "base32",
      "crockford",
    ] as const
  ) {
    for (let i = 0; i < 1000; i++) {
      const key = generateKey({ format });
      const report = await inspectKey(key);
      assert.deepEqual(report.warnings, [], `${format}: ${report.warnings}`);
    }
  }
});

Deno.test("inspectKey() never puts the key in its report", async () => {
  for (let i = 0; i < 100; i++) {
    const key = generateKey({ prefix: "ks", length: 20 + i, allowWeak: true });
    const text = JSON.stringify(await inspectKey(key));
    assert.ok(!text.includes(key.slice(3)));
  }
});

Deno.test("inspectKey() refuses empty, multi-line and oversized input", async () => {
  await assert.rejects(
    inspectKey(""),
    new RangeError("Cannot inspect key: it is empty"),
  );
  await assert.rejects(
    inspectKey("a\nb"),
    new RangeError(
      "Cannot inspect key: it spans more than one line; inspect one key at a time",
    ),
  );
  await assert.rejects(
    inspectKey("a".repeat(16_385)),
    new RangeError("Cannot inspect key: it is longer than 16384 characters"),
  );
});

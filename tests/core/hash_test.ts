import assert from "node:assert/strict";
import { hashKey, maskKey, timingSafeEqual, verifyKey } from "@keymint/core";
import { stripTrailingNewline } from "@keymint/core/faces";

// FIPS 180-2 SHA-256 vectors.
const VECTORS: ReadonlyArray<[string, string]> = [
  ["", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ["abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  [
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  ],
];

Deno.test("hashKey() gives SHA-256 hex of the key's UTF-8 bytes", async () => {
  for (const [input, digest] of VECTORS) {
    assert.equal(await hashKey(input), digest);
  }
  const bytes = new TextEncoder().encode("clé🔑");
  const expected = Array.from(
    new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  assert.equal(await hashKey("clé🔑"), expected);
});

Deno.test("verifyKey() accepts the right key in either hex case and refuses any other", async () => {
  const stored = await hashKey("sk_test_value");
  assert.equal(await verifyKey("sk_test_value", stored), true);
  assert.equal(await verifyKey("sk_test_value", stored.toUpperCase()), true);
  assert.equal(await verifyKey("sk_test_valuf", stored), false);
  assert.equal(await verifyKey("sk_test_value ", stored), false);
  assert.equal(await verifyKey("", stored), false);
});

Deno.test("verifyKey() rejects a hash that is not 64 hex characters, without quoting it", async () => {
  for (
    const bad of [
      "",
      "abc",
      "g".repeat(64),
      "a".repeat(63),
      "a".repeat(65),
      ` ${"a".repeat(64)}`,
    ]
  ) {
    await assert.rejects(
      verifyKey("key", bad),
      new SyntaxError(
        "Cannot verify key: the hash must be 64 hexadecimal characters",
      ),
    );
  }
});

Deno.test("timingSafeEqual() compares bytes and lengths", () => {
  const a = new Uint8Array([1, 2, 3]);
  assert.equal(timingSafeEqual(a, new Uint8Array([1, 2, 3])), true);
  assert.equal(timingSafeEqual(a, new Uint8Array([1, 2, 4])), false);
  assert.equal(timingSafeEqual(a, new Uint8Array([1, 2])), false);
  assert.equal(timingSafeEqual(new Uint8Array(0), new Uint8Array(0)), true);
});

Deno.test("maskKey() keeps the prefix and at most four characters at each end", () => {
  const cases: ReadonlyArray<[string, string]> = [
    ["ks_live_AbCdefghijklmnopqrstuvwXyZ", "ks_live_AbCd...wXyZ"],
    ["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", "ghp_pHVD...LgEu"],
    ["0123456789abcdef0123", "0123...0123"],
    ["0123456789abcde", "..."],
    ["ks_short", "ks_..."],
    ["", "..."],
  ];
  for (const [key, masked] of cases) assert.equal(maskKey(key), masked, key);
  const emoji = "🔑🔒🔓".repeat(6);
  assert.equal(maskKey(emoji), "🔑🔒🔓🔑...🔓🔑🔒🔓");
});

Deno.test("stripTrailingNewline() drops one line ending and nothing else", () => {
  assert.equal(stripTrailingNewline("key\n"), "key");
  assert.equal(stripTrailingNewline("key\r\n"), "key");
  assert.equal(stripTrailingNewline("key\n\n"), "key\n");
  assert.equal(stripTrailingNewline("key\r"), "key\r");
  assert.equal(stripTrailingNewline(" key \t"), " key \t");
  assert.equal(stripTrailingNewline(""), "");
});

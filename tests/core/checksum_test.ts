import assert from "node:assert/strict";
import {
  checksumOf,
  crc32,
  generateKey,
  parseStructuredKey,
} from "@keymint/core";

const GITHUB_TOKEN = "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";
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

Deno.test("crc32() matches the standard check value and zlib vectors", () => {
  assert.equal(crc32("123456789"), 0xcbf43926);
  assert.equal(crc32(""), 0);
  assert.equal(crc32("a"), 0xe8b7be43);
  assert.equal(
    crc32("The quick brown fox jumps over the lazy dog"),
    0x414fa339,
  );
  assert.equal(
    crc32(new Uint8Array([0xff, 0x00])),
    crc32(new Uint8Array([0xff, 0x00])),
  );
});

Deno.test("checksumOf() gives the checksum of a valid GitHub token", () => {
  assert.equal(checksumOf("pHVD1BNY5TOzXhPmOYb7brzB6w2LOe"), "25LgEu");
});

Deno.test("checksumOf() pads to six base62 characters", () => {
  for (let i = 0; i < 200; i++) {
    const body = generateKey({
      format: "alnum",
      length: 1 + (i % 40),
      allowWeak: true,
    });
    const sum = checksumOf(body);
    assert.match(sum, /^[0-9A-Za-z]{6}$/);
    let value = 0;
    for (const char of sum) value = value * 62 + BASE62.indexOf(char);
    assert.equal(value, crc32(body));
  }
});

Deno.test("parseStructuredKey() accepts the GitHub token and rejects every one-character change", () => {
  assert.deepEqual(parseStructuredKey(GITHUB_TOKEN), {
    prefix: "ghp",
    body: "pHVD1BNY5TOzXhPmOYb7brzB6w2LOe",
    checksum: "25LgEu",
    valid: true,
  });
  let changes = 0;
  for (let i = 4; i < GITHUB_TOKEN.length; i++) {
    for (const char of BASE62) {
      if (char === GITHUB_TOKEN[i]) continue;
      const changed = GITHUB_TOKEN.slice(0, i) + char +
        GITHUB_TOKEN.slice(i + 1);
      assert.equal(
        parseStructuredKey(changed)?.valid,
        false,
        `changed at ${i}`,
      );
      changes++;
    }
  }
  assert.equal(changes, 36 * 61);
});

Deno.test("generateKey() with prefix ghp and 30 characters is shaped like a GitHub classic token", () => {
  for (let i = 0; i < 100; i++) {
    const key = generateKey({ prefix: "ghp", length: 30 });
    assert.match(key, /^ghp_[0-9A-Za-z]{36}$/);
    assert.equal(parseStructuredKey(key)?.valid, true);
  }
});

Deno.test("parseStructuredKey() splits from the right so prefixes may hold underscores", () => {
  const key = generateKey({ prefix: "acme_live_v2" });
  const parts = parseStructuredKey(key);
  assert.equal(parts?.prefix, "acme_live_v2");
  assert.equal(parts?.valid, true);
  assert.equal(parts?.body.length, 43);
});

Deno.test("parseStructuredKey() reads keys without a checksum and refuses non-structured text", () => {
  const key = generateKey({
    prefix: "ks",
    checksum: false,
    length: 5,
    allowWeak: true,
  });
  assert.deepEqual(parseStructuredKey(key), {
    prefix: "ks",
    body: key.slice(3),
    checksum: undefined,
    valid: undefined,
  });
  for (
    const text of [
      "",
      "_abc",
      "abc",
      "Ab_cdefghijkl",
      "1a_cdefghijkl",
      "ab__cdefghijkl",
      "ab_",
    ]
  ) {
    assert.equal(parseStructuredKey(text), undefined, text);
  }
});

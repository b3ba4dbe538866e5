import assert from "node:assert/strict";
import { findFormat, FORMATS, generateKey, parseKeySpec } from "@keymint/core";
import { replay } from "./_stats.ts";

const encoder = new TextEncoder();

// RFC 4648 section 10 test vectors.
const RFC4648: ReadonlyArray<[string, string, string, string]> = [
  // input, base64, base32, base16
  ["f", "Zg==", "MY======", "66"],
  ["fo", "Zm8=", "MZXQ====", "666F"],
  ["foo", "Zm9v", "MZXW6===", "666F6F"],
  ["foob", "Zm9vYg==", "MZXW6YQ=", "666F6F62"],
  ["fooba", "Zm9vYmE=", "MZXW6YTB", "666F6F6261"],
  ["foobar", "Zm9vYmFy", "MZXW6YTBOI======", "666F6F626172"],
];

function keyOf(format: string, input: Uint8Array): string {
  return generateKey(
    parseKeySpec({ format, bits: input.length * 8, allowWeak: true }),
    { random: replay(input) },
  );
}

Deno.test("generateKey() encodes RFC 4648 vectors in hex, base64, base64url and base32", () => {
  for (const [input, b64, b32, b16] of RFC4648) {
    const bytes = encoder.encode(input);
    assert.equal(keyOf("hex", bytes), b16.toLowerCase(), `hex of ${input}`);
    assert.equal(keyOf("base64", bytes), b64, `base64 of ${input}`);
    assert.equal(
      keyOf("base64url", bytes),
      b64.replace(/=+$/, ""),
      `base64url of ${input}`,
    );
    assert.equal(
      keyOf("base32", bytes),
      b32.replace(/=+$/, ""),
      `base32 of ${input}`,
    );
  }
});

Deno.test("generateKey() uses the URL-safe alphabet for base64url", () => {
  const bytes = new Uint8Array([0xfb, 0xff, 0xbf]);
  assert.equal(keyOf("base64", bytes), "+/+/");
  assert.equal(keyOf("base64url", bytes), "-_-_");
});

Deno.test("generateKey() writes Crockford base32 with the same values as RFC 4648 base32", () => {
  const rfc = findFormat("base32").alphabet;
  const crockford = findFormat("crockford").alphabet;
  for (const [input, , b32] of RFC4648) {
    const expected = Array.from(
      b32.replace(/=+$/, ""),
      (char) => crockford[rfc.indexOf(char)],
    ).join("");
    assert.equal(keyOf("crockford", encoder.encode(input)), expected);
  }
  assert.equal(crockford, "0123456789abcdefghjkmnpqrstvwxyz");
});

const PATTERNS: Record<string, RegExp> = {
  hex: /^[0-9a-f]+$/,
  base64: /^[A-Za-z0-9+/]+={0,2}$/,
  base64url: /^[A-Za-z0-9_-]+$/,
  base32: /^[A-Z2-7]+$/,
  crockford: /^[0-9a-hjkmnp-tv-z]+$/,
  base58: /^[1-9A-HJ-NP-Za-km-z]+$/,
  alnum: /^[0-9A-Za-z]+$/,
  digits: /^[0-9]+$/,
};

// Lengths worked out by hand from the sizing rules in docs/ARCHITECTURE.md.
const LENGTHS: Record<string, [number, number, number]> = {
  hex: [32, 64, 128],
  base64: [24, 44, 88],
  base64url: [22, 43, 86],
  base32: [26, 52, 103],
  crockford: [26, 52, 103],
  base58: [22, 44, 88],
  alnum: [22, 43, 86],
  digits: [39, 78, 155],
};

Deno.test("generateKey() gives every format its fixed length and alphabet at 128, 256 and 512 bits", () => {
  for (const [format, lengths] of Object.entries(LENGTHS)) {
    [128, 256, 512].forEach((bits, i) => {
      const spec = parseKeySpec({ format, bits });
      assert.equal(spec.length, lengths[i], `${format} at ${bits} bits`);
      assert.ok(spec.bits >= bits, `${format} carries at least ${bits} bits`);
      for (let n = 0; n < 50; n++) {
        const key = generateKey(spec);
        assert.equal(key.length, lengths[i]);
        assert.match(key, PATTERNS[format]!);
      }
    });
  }
});

Deno.test("parseKeySpec() reports exact entropy rounded down", () => {
  assert.equal(parseKeySpec({ format: "alnum", bits: 256 }).bits, 256); // 43 * 5.954 = 256.03
  assert.equal(parseKeySpec({ format: "base58", bits: 256 }).bits, 257); // 44 * 5.858 = 257.7
  assert.equal(parseKeySpec({ format: "digits", bits: 256 }).bits, 259); // 78 * 3.3219 = 259.1
  assert.equal(parseKeySpec({ format: "hex", bits: 100 }).bits, 104); // 13 whole bytes
  assert.equal(parseKeySpec({ format: "hex", length: 9 }).bits, 36);
  assert.equal(parseKeySpec({ format: "base32", length: 7 }).bits, 35);
  assert.equal(parseKeySpec({ alphabet: "abcdefg", length: 10 }).bits, 28); // 10 * 2.807
});

Deno.test("generateKey() honours an exact length in every format", () => {
  for (const format of Object.keys(PATTERNS)) {
    const length = format === "base64" ? 12 : 17;
    const key = generateKey(parseKeySpec({ format, length, allowWeak: true }));
    assert.equal(key.length, length, format);
    assert.match(key, PATTERNS[format]!);
  }
});

Deno.test("findFormat() resolves aliases and ignores case", () => {
  assert.equal(findFormat("alphanumeric").name, "alnum");
  assert.equal(findFormat("base62").name, "alnum");
  assert.equal(findFormat("HEX").name, "hex");
  assert.equal(FORMATS[0]!.name, "hex");
});

Deno.test("generateKey() defaults to 256 bits of hex", () => {
  assert.match(generateKey(), /^[0-9a-f]{64}$/);
  assert.notEqual(generateKey(), generateKey());
});

Deno.test("generateKey() draws a custom alphabet of characters outside Latin-1", () => {
  const key = generateKey({ alphabet: "🔑🔒🔓", length: 40, allowWeak: true });
  assert.equal(Array.from(key).length, 40);
  assert.match(key, /^[🔑🔒🔓]+$/u);
});

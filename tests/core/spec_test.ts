import assert from "node:assert/strict";
import {
  generateKey,
  type KeyOptions,
  type LooseKeyOptions,
  parseKeySpec,
} from "@keymint/core";

type Bad = [
  LooseKeyOptions,
  ErrorConstructor | RangeErrorConstructor | TypeErrorConstructor,
  string,
];

const BAD: Bad[] = [
  [
    { bits: 7 },
    RangeError,
    "Cannot size key: bits must be from 8 to 8192, got 7",
  ],
  [
    { bits: 8193 },
    RangeError,
    "Cannot size key: bits must be from 8 to 8192, got 8193",
  ],
  [
    { bits: "abc" },
    TypeError,
    'Cannot size key: bits must be a whole number from 8 to 8192, got "abc"',
  ],
  [
    { bits: "12.5" },
    TypeError,
    'Cannot size key: bits must be a whole number from 8 to 8192, got "12.5"',
  ],
  [
    { bits: "-64" },
    TypeError,
    'Cannot size key: bits must be a whole number from 8 to 8192, got "-64"',
  ],
  [
    { bits: 1.5 },
    TypeError,
    'Cannot size key: bits must be a whole number from 8 to 8192, got "1.5"',
  ],
  [
    { bits: Number.NaN },
    TypeError,
    'Cannot size key: bits must be a whole number from 8 to 8192, got "NaN"',
  ],
  [
    { bits: "" },
    TypeError,
    'Cannot size key: bits must be a whole number from 8 to 8192, got ""',
  ],
  [
    { bits: true as unknown as number },
    TypeError,
    'Cannot size key: bits must be a whole number from 8 to 8192, got "true"',
  ],
  [
    { length: 0 },
    RangeError,
    "Cannot size key: length must be from 1 to 16384, got 0",
  ],
  [
    { length: 16385 },
    RangeError,
    "Cannot size key: length must be from 1 to 16384, got 16385",
  ],
  [
    { length: "1e3" },
    TypeError,
    'Cannot size key: length must be a whole number from 1 to 16384, got "1e3"',
  ],
  [
    { bits: 128, length: 20 },
    TypeError,
    "Cannot size key: give bits or length, not both",
  ],
  [
    { count: 0 },
    RangeError,
    "Cannot make keys: count must be from 1 to 1000000000, got 0",
  ],
  [
    { count: "many" },
    TypeError,
    'Cannot make keys: count must be a whole number from 1 to 1000000000, got "many"',
  ],
  [
    { format: "hexx" },
    RangeError,
    'Cannot use format "hexx": unknown format; choose one of hex, base64, base64url, base32, crockford, base58, alnum, digits, custom',
  ],
  [
    { format: "rot13" },
    RangeError,
    'Cannot use format "rot13": unknown format; choose one of hex, base64, base64url, base32, crockford, base58, alnum, digits, custom',
  ],
  [
    { format: 5 as unknown as string },
    TypeError,
    "Cannot read option format: expected a string, got number",
  ],
  [
    { format: "custom" },
    TypeError,
    "Cannot use format custom: it needs an alphabet of 2 to 256 characters",
  ],
  [
    { format: "hex", alphabet: "abc" },
    TypeError,
    'Cannot use an alphabet with format "hex": only the custom format takes one',
  ],
  [
    { alphabet: "a" },
    RangeError,
    "Cannot use alphabet: it needs 2 to 256 distinct characters, got 1",
  ],
  [
    { alphabet: "abca" },
    RangeError,
    'Cannot use alphabet: "a" appears more than once',
  ],
  [
    { alphabet: "ab c" },
    RangeError,
    "Cannot use alphabet: it contains white space or a control character",
  ],
  [
    { alphabet: "ab\n" },
    RangeError,
    "Cannot use alphabet: it contains white space or a control character",
  ],
  [
    {
      alphabet: "x".repeat(0) +
        Array.from({ length: 257 }, (_, i) => String.fromCodePoint(0x4e00 + i))
          .join(""),
    },
    RangeError,
    "Cannot use alphabet: it needs 2 to 256 distinct characters, got 257",
  ],
  [
    { alphabet: "01", bits: 8192 * 2 },
    RangeError,
    "Cannot size key: bits must be from 8 to 8192, got 16384",
  ],
  [
    { prefix: "Ghp" },
    RangeError,
    'Cannot use prefix "Ghp": use 1 to 32 of a-z, 0-9 and "_", starting with a letter and not ending with "_"',
  ],
  [
    { prefix: "1abc" },
    RangeError,
    'Cannot use prefix "1abc": use 1 to 32 of a-z, 0-9 and "_", starting with a letter and not ending with "_"',
  ],
  [
    { prefix: "ks_" },
    RangeError,
    'Cannot use prefix "ks_": use 1 to 32 of a-z, 0-9 and "_", starting with a letter and not ending with "_"',
  ],
  [
    { prefix: "a".repeat(33) },
    RangeError,
    // Echoed values follow the one quoting rule: 12 characters, then "...".
    `Cannot use prefix "${
      "a".repeat(12)
    }...": use 1 to 32 of a-z, 0-9 and "_", starting with a letter and not ending with "_"`,
  ],
  [
    { prefix: "ks-live" },
    RangeError,
    'Cannot use prefix "ks-live": use 1 to 32 of a-z, 0-9 and "_", starting with a letter and not ending with "_"',
  ],
  [
    { prefix: "ks", format: "base64url" },
    RangeError,
    'Cannot use a prefix with format "base64url": its alphabet has "_", the prefix separator',
  ],
  [
    { prefix: "ks", alphabet: "ab_" },
    RangeError,
    'Cannot use a prefix with format "custom": its alphabet has "_", the prefix separator',
  ],
  [{ checksum: true }, TypeError, "Cannot add a checksum: it needs a prefix"],
  [
    { prefix: "ks", checksum: "maybe" },
    TypeError,
    'Cannot read option checksum: expected true or false, got "maybe"',
  ],
  [
    { base: 64 } as unknown as LooseKeyOptions,
    TypeError,
    'Cannot read options: unknown option "base"',
  ],
  [
    { preset: "larvel" },
    RangeError,
    // No CLI advice in a library message: the presets are named instead.
    'Cannot use preset "larvel": unknown preset; the presets are laravel, django, rails, rails-master-key, authjs, fernet, symfony, phoenix, flask, jwt-hs256, jwt-hs384, jwt-hs512, standard-webhooks, github-webhook, aes-256, aes-128',
  ],
  [
    { preset: "laravel", bits: 512 },
    TypeError,
    "Cannot combine a preset with bits: a preset fixes the format and size",
  ],
  [
    { format: "base64", length: 10 },
    RangeError,
    "Cannot size base64 key: length must be a multiple of 4, got 10; base64url takes any length",
  ],
];

Deno.test("parseKeySpec() rejects each bad option with its error class and message", () => {
  for (const [options, errorClass, message] of BAD) {
    assert.throws(
      () => parseKeySpec(options),
      (error: unknown) => {
        assert.ok(
          error instanceof errorClass,
          `${JSON.stringify(options)} threw ${error}`,
        );
        assert.equal((error as Error).message, message);
        return true;
      },
    );
  }
});

Deno.test("parseKeySpec() applies the face's count limit", () => {
  assert.equal(parseKeySpec({ count: "1000" }, { maxCount: 1000 }).count, 1000);
  assert.throws(
    () => parseKeySpec({ count: "1001" }, { maxCount: 1000 }),
    new RangeError("Cannot make keys: count must be from 1 to 1000, got 1001"),
  );
});

Deno.test("parseKeySpec() validates before drawing any randomness", () => {
  let draws = 0;
  const random = (target: Uint8Array<ArrayBuffer>) => {
    draws++;
    return crypto.getRandomValues(target);
  };
  for (const [options] of BAD) {
    // Loose input reaches generateKey at run time too (JavaScript callers).
    assert.throws(() => generateKey(options as KeyOptions, { random }));
  }
  assert.equal(draws, 0);
});

Deno.test("parseKeySpec() reads flag and query strings", () => {
  const spec = parseKeySpec({
    format: "ALNUM",
    bits: " 128 ",
    count: "3",
    prefix: "ks_live",
    checksum: "false",
  });
  assert.equal(spec.format, "alnum");
  assert.equal(spec.count, 3);
  assert.equal(spec.checksum, false);
  assert.equal(spec.length, "ks_live_".length + 22);
  assert.equal(parseKeySpec({ prefix: "" }).prefix, undefined);
  assert.equal(parseKeySpec({ prefix: "ks", checksum: "1" }).checksum, true);
});

Deno.test("parseKeySpec() warns below 128 bits; the key needs allowWeak", () => {
  const spec = parseKeySpec({ bits: 64 });
  assert.deepEqual(spec.warnings, [
    "Each key carries 64 bits of entropy, below the 128 bits recommended for secrets",
  ]);
  assert.throws(() => generateKey(spec), RangeError);
  const weak = parseKeySpec({ bits: 64, allowWeak: true });
  assert.deepEqual(weak.warnings, spec.warnings);
  assert.match(generateKey(weak), /^[0-9a-f]{16}$/);
  assert.deepEqual(parseKeySpec({ bits: 128 }).warnings, []);
});

Deno.test("parseKeySpec() picks alnum for prefixed keys and custom for a bare alphabet", () => {
  assert.equal(parseKeySpec({ prefix: "ks" }).format, "alnum");
  assert.equal(parseKeySpec({ alphabet: "xyz" }).format, "custom");
  assert.equal(parseKeySpec({}).format, "hex");
});

Deno.test("parseKeySpec() quotes at most 40 characters of a bad value", () => {
  assert.throws(
    () => parseKeySpec({ format: "z".repeat(1000) }),
    (error: unknown) => (error as Error).message.length < 250,
  );
});

Deno.test("parseKeySpec() of no options equals the spec of the explicit defaults", () => {
  const explicit = parseKeySpec({ format: "hex", bits: 256, count: 1 });
  assert.deepEqual({ ...parseKeySpec() }, { ...explicit });
  assert.deepEqual({ ...parseKeySpec({}) }, { ...explicit });
});

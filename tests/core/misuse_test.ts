/**
 * The library is hard to misuse: weak keys need intent, unknown options
 * are refused, loose options work everywhere a spec does, and only specs
 * that parseKeySpec made are trusted (issue 10 item 2, issue 9 item 5).
 */
import assert from "node:assert/strict";
import {
  createKeyGenerator,
  generateKey,
  generateKeys,
  generatePair,
  keyChunks,
  type KeyOptions,
  type KeySpec,
  parseKeySpec,
} from "@keymint/core";

const anyInput = (value: unknown) => value as KeyOptions;

Deno.test("below 128 bits every generator refuses without allowWeak", () => {
  const weak = { format: "digits", length: 6 } as const;
  const message =
    "Cannot make keys of 19 bits: secrets need 128; set allowWeak: true for short codes that are not secrets";
  for (
    const make of [
      () => generateKey(weak),
      () => generateKeys(weak),
      () => createKeyGenerator(weak),
      () => keyChunks(weak),
      () => generateKey(parseKeySpec(weak)),
    ]
  ) {
    assert.throws(make, new RangeError(message));
  }
  const allowed = { ...weak, allowWeak: true };
  assert.match(generateKey(allowed), /^[0-9]{6}$/);
  assert.match(createKeyGenerator(allowed)(), /^[0-9]{6}$/);
  assert.equal(generateKeys(allowed)[0]!.warnings?.length, 1);
  assert.equal([...keyChunks({ ...allowed, count: 2 })][0]!.length, 14);
  // 128 bits and up need nothing.
  assert.equal(generateKey({ bits: 128 }).length, 32);
});

Deno.test("generatePair refuses below 128 bits, with no override", async () => {
  await assert.rejects(
    generatePair({ bits: 64 }),
    (error: Error) =>
      error instanceof RangeError && /at least 128 bits/.test(error.message),
  );
  await assert.rejects(
    generatePair({ bits: 64, allowWeak: true } as never),
    new TypeError('Cannot read options: unknown option "allowWeak"'),
  );
  assert.match((await generatePair({ bits: 128 })).secret, /^sk_\w{28}$/);
});

Deno.test("generators give the library's own messages for misuse", () => {
  assert.throws(
    () => generateKey({ count: 5 }),
    new TypeError(
      "Cannot make one key: count is 5; use generateKeys or keyChunks for several",
    ),
  );
  assert.throws(
    () => generateKey(anyInput(null)),
    new TypeError("Cannot read options: expected an object, got null"),
  );
  assert.throws(
    () => createKeyGenerator(anyInput("hex")),
    new TypeError("Cannot read options: expected an object, got string"),
  );
  assert.throws(
    () => generateKey({}, { randm: crypto.getRandomValues } as never),
    new TypeError('Cannot read options: unknown option "randm"'),
  );
  assert.throws(
    () => keyChunks({}, { count: 5 } as never),
    new TypeError(
      'Cannot read options: unknown option "count"; key options go in the first argument',
    ),
  );
  assert.throws(
    () => generateKey({}, { random: 5 } as never),
    new TypeError("Cannot read option random: expected a function, got number"),
  );
});

Deno.test("loose options work wherever a spec does", () => {
  assert.match(createKeyGenerator({ prefix: "acme" })(), /^acme_\w{49}$/);
  assert.equal(generateKeys({ format: "hex", count: 3 }).length, 3);
  const lines = [...keyChunks({ preset: "laravel", count: 2 })]
    .map((chunk) => new TextDecoder().decode(chunk)).join("");
  assert.match(lines, /^(?:base64:[A-Za-z0-9+/]{43}=\n){2}$/);
});

Deno.test("only specs from parseKeySpec are trusted; copies are checked again", () => {
  const spec = parseKeySpec({ alphabet: "ab", length: 200 });
  assert.ok(Object.isFrozen(spec) && Object.isFrozen(spec.warnings));
  assert.throws(() => {
    (spec as { alphabet: string }).alphabet = "a";
  }, TypeError);
  const forged: KeySpec = { ...spec, alphabet: "a".repeat(300), bits: 256 };
  const copy = JSON.parse(JSON.stringify(spec));
  for (const fake of [forged, copy, { ...spec }]) {
    assert.throws(
      () => generateKey(fake),
      new TypeError('Cannot read options: unknown option "bodyLength"'),
    );
    assert.throws(() => createKeyGenerator(fake), TypeError);
    assert.throws(() => keyChunks(fake), TypeError);
  }
  assert.match(generateKey(spec), /^[ab]{200}$/);
});

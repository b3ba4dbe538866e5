/**
 * The published types catch misuse: each wrong call below carries
 * `@ts-expect-error`, so `deno check` (and `deno test`, which checks first)
 * fails if any of them ever compiles; each right call must compile as it
 * is. At run time the wrong calls are refused too.
 */
import assert from "node:assert/strict";
import {
  createKeyGenerator,
  cryptoRandom,
  generateKey,
  generateKeys,
  generatePair,
  keyChunks,
  type KeyOptions,
  parseKeySpec,
} from "@keymint/core";

Deno.test("wrong calls do not compile, and throw at run time", async () => {
  const wrong: Array<() => unknown> = [
    // @ts-expect-error: bits and length together
    () => generateKey({ bits: 128, length: 10 }),
    // @ts-expect-error: an unknown format
    () => generateKey({ format: "hexx" }),
    // @ts-expect-error: a preset fixes the format
    () => generateKey({ preset: "laravel", format: "hex" }),
    // @ts-expect-error: a preset fixes the size
    () => generateKey({ preset: "django", bits: 256 }),
    // @ts-expect-error: an unknown preset
    () => generateKey({ preset: "laravle" }),
    // @ts-expect-error: an alphabet without custom
    () => generateKey({ format: "hex", alphabet: "abc" }),
    // @ts-expect-error: custom needs an alphabet
    () => generateKey({ format: "custom" }),
    // @ts-expect-error: an unknown option
    () => generateKey({ colour: "red" }),
    // @ts-expect-error: text sizes belong to parseKeySpec's loose options
    () => generateKey({ bits: "12x" }),
    // @ts-expect-error: not an object
    () => generateKey(null),
    // @ts-expect-error: the random source is an options field
    () => generateKey({}, cryptoRandom),
    // @ts-expect-error: an unknown generator option
    () => createKeyGenerator({ prefix: "acme" }, { rnd: cryptoRandom }),
    // @ts-expect-error: a prefix is text
    () => createKeyGenerator({ prefix: 5 }),
    // @ts-expect-error: checksum is a boolean here
    () => keyChunks({ prefix: "acme", checksum: "maybe" }),
    // @ts-expect-error: count is a number here
    () => generateKeys({ count: "five" }),
    // @ts-expect-error: a pair has no length
    () => generatePair({ length: 10 }),
  ];
  for (const call of wrong) {
    await assert.rejects(
      async () => {
        const result = call();
        if (result instanceof Promise) await result;
      },
      (error: Error) =>
        error instanceof TypeError || error instanceof RangeError,
    );
  }
});

Deno.test("right calls compile and run", async () => {
  const right: KeyOptions[] = [
    {},
    { format: "alnum" },
    { format: "base62", bits: 128 },
    { format: "hex", length: 40 },
    { alphabet: "abc", length: 100 },
    { format: "custom", alphabet: "ab", bits: 128 },
    { prefix: "acme" },
    { prefix: "acme", checksum: false, bits: 192 },
    { preset: "laravel" },
    { format: "digits", length: 6, allowWeak: true },
  ];
  for (const options of right) {
    assert.equal(typeof generateKey(options), "string");
  }
  assert.equal(generateKeys({ preset: "django", count: 2 }).length, 2);
  assert.equal(
    createKeyGenerator({ format: "base58" }, { random: cryptoRandom })().length,
    44,
  );
  assert.equal([...keyChunks({ count: 3 })].length, 1);
  // Loose text goes through the options parser, then anywhere a spec goes.
  const spec = parseKeySpec({ format: "HEX", bits: "128", count: "2" });
  assert.equal(generateKeys(spec).length, 2);
  assert.match(
    (await generatePair({ prefix: "acme", bits: 128 })).id,
    /^\w{16}$/,
  );
});

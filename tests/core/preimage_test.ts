/**
 * Exhaustive preimage tests of every sampling table and path: every byte
 * value (or every 16-bit word) goes through the real code with an injected
 * source, and every output character (or pair) must have exactly the same
 * number of preimages. A rejection limit off by one gives one output an
 * extra preimage (or one fewer); the last tests show that this check
 * catches it.
 */
import assert from "node:assert/strict";
import {
  BASE62_ALPHABET,
  createKeyGenerator,
  FORMATS,
  generateKey,
  generateKeys,
  keyChunks,
  PRESETS,
  type RandomSource,
} from "@keymint/core";
import {
  byteLimit,
  byteTable,
  characterSampler,
  drawCodePairs,
  drawCodes,
  pairLimit,
  pairTable,
} from "../../core/_sampler.ts";
import { assertEqualPreimages, BYTE, PAIR, preimages } from "./_preimage.ts";

const DJANGO = PRESETS.find((preset) => preset.name === "django")!.alphabet;
const LATIN1 = Array.from(
  { length: 94 },
  (_, i) => String.fromCharCode(0x21 + i),
).join("") +
  Array.from({ length: 95 }, (_, i) => String.fromCharCode(0xa1 + i))
    .filter((char) => char !== "\u00ad").join("");

/** Alphabets whose characters each fit one byte: the byte and pair tables. */
const SINGLE_BYTE: ReadonlyArray<[string, string]> = [
  ...FORMATS.filter((format) => format.kind === "sampled" && format.alphabet)
    .map((format): [string, string] => [format.name, format.alphabet]),
  ["hex by length", "0123456789abcdef"],
  ["custom (2)", "01"],
  ["custom (7)", "abcdefg"],
  ["custom (Django, 50)", DJANGO],
  ["custom (ASCII and Latin-1, 188)", LATIN1],
];

/** Alphabets with characters above one byte: the per-code-point path. */
const MULTI_BYTE: ReadonlyArray<[string, string]> = [
  ["emoji (3)", "🔑🔒🔓"],
  ["emoji (5)", "🍎🍐🍊🍋🍌"],
  [
    "Latin Extended (200)",
    Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x100 + i))
      .join(""),
  ],
  [
    "CJK (256)",
    Array.from({ length: 256 }, (_, i) => String.fromCodePoint(0x4e00 + i))
      .join(""),
  ],
];

const LONG = 16_384;

/** The random characters of one key, with the source given. */
function withAlphabet(alphabet: string) {
  return alphabet === BASE62_ALPHABET
    ? { format: "alnum" as const }
    : { alphabet };
}

for (const [name, alphabet] of SINGLE_BYTE) {
  Deno.test(`byte table, one-shot generateKey(): ${name}`, () => {
    const make = (random: RandomSource) =>
      generateKey({ ...withAlphabet(alphabet), length: 300, allowWeak: true }, {
        random,
      });
    assertEqualPreimages(preimages(make, BYTE, 256), alphabet, BYTE);
  });

  Deno.test(`byte table, per-key createKeyGenerator() as the API uses it: ${name}`, () => {
    // A short key: the first draw of a fresh generator, byte by byte.
    const make = (random: RandomSource) =>
      createKeyGenerator(
        { ...withAlphabet(alphabet), length: 43, allowWeak: true },
        { random },
      )();
    assertEqualPreimages(preimages(make, BYTE, 42), alphabet, BYTE);
  });

  Deno.test(`pair table, busy generator: ${name}`, () => {
    // A draw of 4096 characters or more goes through the pair table.
    const make = (random: RandomSource) =>
      createKeyGenerator({ ...withAlphabet(alphabet), length: LONG }, {
        random,
      })();
    assertEqualPreimages(preimages(make, PAIR, 8000), alphabet, PAIR);
  });

  Deno.test(`pair table, bulk keyChunks(): ${name}`, () => {
    const decoder = new TextDecoder();
    const make = (random: RandomSource) => {
      const spec = { ...withAlphabet(alphabet), length: LONG, count: 1 };
      const [chunk] = keyChunks(spec, { random });
      return decoder.decode(chunk).slice(0, -1);
    };
    assertEqualPreimages(preimages(make, PAIR, 8000), alphabet, PAIR);
  });
}

for (const [name, alphabet] of MULTI_BYTE) {
  Deno.test(`per-code-point sampler: ${name}`, () => {
    const make = (random: RandomSource) =>
      generateKey({ alphabet, length: 300, allowWeak: true }, { random });
    assertEqualPreimages(preimages(make, BYTE, 256), alphabet, BYTE);
  });

  Deno.test(`per-code-point sampler, bulk keyChunks(): ${name}`, () => {
    const decoder = new TextDecoder();
    const make = (random: RandomSource) => {
      const spec = { alphabet, length: 300, count: 1, allowWeak: true };
      const [chunk] = keyChunks(spec, { random });
      return decoder.decode(chunk).slice(0, -1);
    };
    assertEqualPreimages(preimages(make, BYTE, 256), alphabet, BYTE);
  });
}

Deno.test("prefixed bodies, with and without checksum, one by one and in bulk", () => {
  const decoder = new TextDecoder();
  for (const checksum of [true, false]) {
    const body = (key: string) =>
      key.slice("acme_".length, checksum ? -6 : undefined);
    const options = { prefix: "acme", length: 300, checksum };
    const one = (random: RandomSource) =>
      body(generateKey(options, { random }));
    assertEqualPreimages(preimages(one, BYTE, 256), BASE62_ALPHABET, BYTE);
    const listed = (random: RandomSource) =>
      body(generateKeys(options, { random })[0]!.value);
    assertEqualPreimages(preimages(listed, BYTE, 256), BASE62_ALPHABET, BYTE);
    const bulk = (random: RandomSource) => {
      const [chunk] = keyChunks({ ...options, count: 1 }, { random });
      return body(decoder.decode(chunk).slice(0, -1));
    };
    assertEqualPreimages(preimages(bulk, BYTE, 256), BASE62_ALPHABET, BYTE);
  }
});

Deno.test("the django preset (a custom alphabet of 50) through the normal engine", () => {
  const make = (random: RandomSource) =>
    generateKey({ preset: "django" }, { random });
  // 50 characters a key: blocks of 49 inputs.
  assertEqualPreimages(preimages(make, BYTE, 49), DJANGO, BYTE);
});

// --- The check catches a rejection limit off by one. ---

const ALNUM_CODES = Array.from(BASE62_ALPHABET, (char) => char.charCodeAt(0));

/** The byte path with a given table, as the sampler drives it. */
function byteTableSampler(table: Uint8Array) {
  return (random: RandomSource) =>
    new TextDecoder().decode(drawCodes(300, 353, table, random)).slice(0, 300);
}

function pairTableSampler(table: Uint16Array) {
  return (random: RandomSource) =>
    new TextDecoder().decode(drawCodePairs(LONG, 18_448, table, random))
      .slice(0, LONG);
}

Deno.test("the byte-table check passes the real table and fails limit +-1", () => {
  const limit = byteLimit(62);
  assert.equal(limit, 248);
  const check = (table: Uint8Array) =>
    assertEqualPreimages(
      preimages(byteTableSampler(table), BYTE, 256),
      BASE62_ALPHABET,
      BYTE,
    );
  check(byteTable(ALNUM_CODES));
  assert.throws(() => check(byteTable(ALNUM_CODES, limit + 1)), {
    name: "AssertionError",
  });
  assert.throws(() => check(byteTable(ALNUM_CODES, limit - 1)), {
    name: "AssertionError",
  });
});

Deno.test("the pair-table check passes the real table and fails limit +-1", () => {
  const limit = pairLimit(62);
  assert.equal(limit, 65_536 - (65_536 % 3844));
  const check = (table: Uint16Array) =>
    assertEqualPreimages(
      preimages(pairTableSampler(table), PAIR, 8000),
      BASE62_ALPHABET,
      PAIR,
    );
  check(pairTable(ALNUM_CODES));
  assert.throws(() => check(pairTable(ALNUM_CODES, limit + 1)), {
    name: "AssertionError",
  });
  assert.throws(() => check(pairTable(ALNUM_CODES, limit - 1)), {
    name: "AssertionError",
  });
});

Deno.test("the check fails a plain-modulo sampler", () => {
  const modulo = (random: RandomSource) => {
    const bytes = random(new Uint8Array(300));
    return Array.from(bytes, (byte) => BASE62_ALPHABET[byte % 62]).join("");
  };
  assert.throws(
    () =>
      assertEqualPreimages(preimages(modulo, BYTE, 256), BASE62_ALPHABET, BYTE),
    { name: "AssertionError" },
  );
});

Deno.test("the sampler refuses alphabets outside 2 to 256 characters, called directly", () => {
  const random: RandomSource = (target) => target;
  assert.throws(() => characterSampler("a", random, 10), RangeError);
  assert.throws(() => characterSampler("", random, 10), RangeError);
  const big = Array.from(
    { length: 300 },
    (_, i) => String.fromCodePoint(0x100 + i),
  )
    .join("");
  assert.throws(() => characterSampler(big, random, 10), RangeError);
});

// --- Byte encoders: every byte value in every position. ---

/**
 * Encodes 256 bodies, body k made of bytes all equal to k, and checks each
 * character position: every character it reaches is reached equally
 * often, and it reaches 2^b characters where b is the number of data bits
 * the position carries (6 for base64, fewer in a last partial character).
 */
function assertEncoderUniform(
  encode: (random: RandomSource) => string,
  bitsPerChar: number,
): void {
  const keys = Array.from({ length: 256 }, (_, k) => {
    const random: RandomSource = (target) => target.fill(k);
    return encode(random).replace(/=+$/, "");
  });
  const length = keys[0]!.length;
  for (let position = 0; position < length; position++) {
    const counts = new Map<string, number>();
    for (const key of keys) {
      const char = key[position]!;
      counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    const values = [...counts.values()];
    assert.ok(
      values.every((count) => count === values[0]),
      `position ${position}: unequal counts`,
    );
    const reached = Math.log2(counts.size);
    assert.ok(
      Number.isInteger(reached),
      `position ${position}: ${counts.size}`,
    );
    if (position < length - 1) assert.equal(counts.size, 2 ** bitsPerChar);
  }
}

const BYTE_FORMATS = [
  ["hex", 4],
  ["base64", 6],
  ["base64url", 6],
  ["base32", 5],
  ["crockford", 5],
] as const;

for (const [format, bitsPerChar] of BYTE_FORMATS) {
  Deno.test(`byte encoder ${format}: one-shot, prepared and bulk`, () => {
    assertEncoderUniform(
      (random) => generateKey({ format, bits: 256 }, { random }),
      bitsPerChar,
    );
    assertEncoderUniform(
      (random) => createKeyGenerator({ format, bits: 256 }, { random })(),
      bitsPerChar,
    );
    const decoder = new TextDecoder();
    assertEncoderUniform((random) => {
      const [chunk] = keyChunks({ format, bits: 256 }, { random });
      return decoder.decode(chunk).slice(0, -1);
    }, bitsPerChar);
  });
}

Deno.test("byte presets: every byte value in every position, after the lead", () => {
  for (const preset of PRESETS) {
    if (preset.format === "custom") continue;
    const lead = generateKey({ preset: preset.name }).length -
      generateKey({ preset: preset.name }).replace(/^(base64:|whsec_)/, "")
        .length;
    const bits = preset.format === "hex"
      ? 4
      : preset.format.startsWith("base64")
      ? 6
      : 5;
    assertEncoderUniform(
      (random) => generateKey({ preset: preset.name }, { random }).slice(lead),
      bits,
    );
  }
});

Deno.test("the encoder check fails a modulo-62 byte encoder", () => {
  const modulo = (random: RandomSource) =>
    Array.from(
      random(new Uint8Array(32)),
      (byte) => BASE62_ALPHABET[byte % 62],
    ).join("");
  assert.throws(() => assertEncoderUniform(modulo, 6), {
    name: "AssertionError",
  });
});

Deno.test("keyChunks() writes UTF-8 for a Latin-1 alphabet", () => {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const options = { alphabet: "éèe", length: 8, count: 3, allowWeak: true };
  const text = [...keyChunks(options)].map((chunk) =>
    decoder.decode(chunk, { stream: true })
  ).join("");
  assert.match(text, /^(?:[éèe]{8}\n){3}$/u);
});

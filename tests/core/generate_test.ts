import assert from "node:assert/strict";
import {
  createKeyGenerator,
  describeKey,
  generateKeys,
  generatePair,
  hashKey,
  keyChunks,
  parseKeySpec,
  parseStructuredKey,
} from "@keymint/core";
import { seededRandom } from "./_stats.ts";

const decoder = new TextDecoder();

function collect(
  chunks: Iterable<Uint8Array>,
): { text: string; sizes: number[] } {
  let text = "";
  const sizes: number[] = [];
  for (const chunk of chunks) {
    sizes.push(chunk.length);
    text += decoder.decode(chunk, { stream: true });
  }
  return { text, sizes };
}

const STREAM_CASES = [
  { format: "hex" },
  { format: "hex", bits: 8192 },
  { format: "alnum", bits: 128 },
  { format: "base64" },
  { format: "crockford" },
  { prefix: "ks_live" },
  { preset: "django" },
  { alphabet: "🍎🍐", length: 40 },
];

Deno.test("keyChunks() writes exactly count lines of the spec's shape in every path", () => {
  for (const options of STREAM_CASES) {
    const spec = parseKeySpec({ ...options, count: 5000, allowWeak: true });
    const { text, sizes } = collect(keyChunks(spec, { chunkBytes: 4096 }));
    const lines = text.split("\n");
    assert.equal(lines.pop(), "", JSON.stringify(options));
    assert.equal(lines.length, 5000, JSON.stringify(options));
    for (const line of lines) {
      assert.equal(Array.from(line).length, spec.length);
    }
    assert.equal(new Set(lines).size, 5000);
    assert.ok(
      sizes.every((size) => size <= Math.max(4096, spec.length * 4 + 1)),
      JSON.stringify(sizes.slice(0, 3)),
    );
    if (spec.prefix !== undefined) {
      for (const line of lines.slice(0, 100)) {
        assert.equal(parseStructuredKey(line)?.valid, true);
      }
    }
  }
});

Deno.test("keyChunks() yields fresh buffers, so a consumer may keep them", () => {
  const chunks = Array.from(
    keyChunks(parseKeySpec({ count: 3000 }), { chunkBytes: 1024 }),
  );
  assert.ok(chunks.length > 10);
  assert.equal(
    new Set(chunks.map((chunk) => chunk.buffer)).size,
    chunks.length,
  );
});

Deno.test("keyChunks() with reuse writes the same keys through one shared buffer", () => {
  for (const options of STREAM_CASES) {
    const spec = parseKeySpec({ ...options, count: 3000, allowWeak: true });
    const fresh = collect(
      keyChunks(spec, { random: seededRandom(5), chunkBytes: 2048 }),
    );
    const buffers = new Set<ArrayBufferLike>();
    let text = "";
    for (
      const chunk of keyChunks(spec, {
        random: seededRandom(5),
        chunkBytes: 2048,
        reuse: true,
      })
    ) {
      buffers.add(chunk.buffer);
      text += decoder.decode(chunk, { stream: true });
    }
    assert.equal(text, fresh.text, JSON.stringify(options));
    assert.ok(
      buffers.size <= 2,
      `${buffers.size} buffers for ${JSON.stringify(options)}`,
    );
  }
});

Deno.test("keyChunks() and createKeyGenerator() are reproducible with an injected source", () => {
  for (const options of STREAM_CASES) {
    const spec = parseKeySpec({ ...options, count: 50, allowWeak: true });
    const first = collect(keyChunks(spec, { random: seededRandom(7) })).text;
    const second = collect(keyChunks(spec, { random: seededRandom(7) })).text;
    const other = collect(keyChunks(spec, { random: seededRandom(8) })).text;
    assert.equal(first, second);
    assert.notEqual(first, other);
    const a = createKeyGenerator(spec, { random: seededRandom(3) });
    const b = createKeyGenerator(spec, { random: seededRandom(3) });
    assert.equal(a(), b());
  }
});

Deno.test("createKeyGenerator() never repeats a key across pool refills", () => {
  const next = createKeyGenerator(
    parseKeySpec({ format: "alnum", length: 12, allowWeak: true }),
  );
  const seen = new Set<string>();
  for (let i = 0; i < 20_000; i++) seen.add(next());
  assert.equal(seen.size, 20_000);
});

Deno.test("describeKey() gives the JSON shape of the CLI and API", () => {
  const spec = parseKeySpec({ prefix: "ks", bits: 64, allowWeak: true });
  const [key] = generateKeys(spec);
  assert.deepEqual(Object.keys(key!), [
    "value",
    "format",
    "bits",
    "length",
    "prefix",
    "checksum",
    "warnings",
  ]);
  assert.deepEqual(describeKey(parseKeySpec(), "x"), {
    value: "x",
    format: "hex",
    bits: 256,
    length: 64,
  });
});

Deno.test("generatePair() issues an id, a checksummed secret and the secret's hash", async () => {
  const pair = await generatePair({ prefix: "acme", bits: 128 });
  assert.match(pair.id, /^[0-9A-Za-z]{16}$/);
  assert.match(pair.secret, /^acme_[0-9A-Za-z]{22}[0-9A-Za-z]{6}$/);
  assert.equal(parseStructuredKey(pair.secret)?.valid, true);
  assert.equal(pair.hash, await hashKey(pair.secret));
  assert.match((await generatePair()).secret, /^sk_[0-9A-Za-z]{49}$/);
  await assert.rejects(generatePair({ prefix: "Bad" }), RangeError);
});

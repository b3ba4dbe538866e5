/**
 * Chi-square uniformity of every sampled alphabet over 10^6 characters, at
 * a fixed threshold, and proof that the same check rejects a plain-modulo
 * sampler.
 */
import assert from "node:assert/strict";
import {
  createKeyGenerator,
  cryptoRandom,
  FORMATS,
  keyChunks,
  parseKeySpec,
} from "@keymint/core";
import { chiSquare, countCharacters, criticalValue } from "./_stats.ts";

const CHARACTERS = 1_000_000;

const ALPHABETS: ReadonlyArray<[string, string]> = [
  ...FORMATS.filter((format) =>
    format.kind === "sampled" && format.name !== "custom"
  )
    .map((format): [string, string] => [format.name, format.alphabet]),
  ["custom (7)", "abcdefg"],
  ["custom (Django, 50)", "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)"],
  [
    "custom (Latin Extended, 200)",
    Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x100 + i))
      .join(""),
  ],
  ["custom (emoji, 5)", "🍎🍐🍊🍋🍌"],
];

/** Draws about `total` characters as keys of 100, through the bulk path. */
function sample(alphabet: string, total: number): string {
  const spec = parseKeySpec({ alphabet, length: 100, count: total / 100 });
  const decoder = new TextDecoder();
  let text = "";
  for (const chunk of keyChunks(spec)) {
    text += decoder.decode(chunk, { stream: true });
  }
  return text.replaceAll("\n", "");
}

/** Plain modulo, the mistake rejection sampling exists to avoid. */
function moduloSample(alphabet: string, total: number): string {
  const chars = Array.from(alphabet);
  const bytes = cryptoRandom(new Uint8Array(total));
  let out = "";
  for (const byte of bytes) out += chars[byte % chars.length];
  return out;
}

for (const [name, alphabet] of ALPHABETS) {
  Deno.test(`keyChunks() draws ${name} uniformly (chi-square over 10^6 characters)`, () => {
    const counts = countCharacters(sample(alphabet, CHARACTERS), alphabet);
    assert.equal(counts.reduce((a, b) => a + b, 0), CHARACTERS);
    const statistic = chiSquare(counts);
    const limit = criticalValue(counts.length - 1);
    assert.ok(
      statistic < limit,
      `chi-square ${statistic.toFixed(1)} >= ${limit.toFixed(1)}`,
    );
  });
}

/**
 * The chi-square a plain-modulo sampler is expected to reach: degrees of
 * freedom plus the noncentrality N * n * sum((p_i - 1/n)^2), where p_i is
 * the share of byte values that land on character i under `% n`.
 */
function expectedModuloStatistic(size: number, total: number): number {
  let sum = 0;
  for (let i = 0; i < size; i++) {
    const share = (Math.floor(256 / size) + (i < 256 % size ? 1 : 0)) / 256;
    sum += (share - 1 / size) ** 2;
  }
  return size - 1 + total * size * sum;
}

Deno.test("the uniformity check rejects a plain-modulo sampler wherever 10^6 characters can show its bias", () => {
  let tested = 0;
  for (const [name, alphabet] of ALPHABETS) {
    const size = Array.from(alphabet).length;
    const limit = criticalValue(size - 1);
    // Five characters: modulo bias is 0.4%, too small to show reliably in
    // 10^6 draws (expected statistic about 65 against a limit of 35).
    if (expectedModuloStatistic(size, CHARACTERS) < 3 * limit) continue;
    tested++;
    const counts = countCharacters(
      moduloSample(alphabet, CHARACTERS),
      alphabet,
    );
    const statistic = chiSquare(counts);
    assert.ok(
      statistic >= limit,
      `${name}: chi-square ${statistic.toFixed(1)} < ${limit.toFixed(1)}`,
    );
  }
  assert.ok(tested >= 6, `only ${tested} alphabets tested`);
});

Deno.test("criticalValue() matches published chi-square tables", () => {
  // Published quantiles of the chi-square distribution at p = 0.001.
  const z = 3.0902;
  assert.ok(Math.abs(criticalValue(10, z) - 29.588) < 0.3);
  assert.ok(Math.abs(criticalValue(50, z) - 86.661) < 0.3);
  assert.ok(Math.abs(criticalValue(100, z) - 149.449) < 0.3);
});

Deno.test("createKeyGenerator() draws alnum and digits uniformly through its pooled path", () => {
  for (const format of ["alnum", "digits"]) {
    const spec = parseKeySpec({ format, length: 50 });
    const next = createKeyGenerator(spec);
    let text = "";
    for (let i = 0; i < CHARACTERS / 50; i++) text += next();
    const counts = countCharacters(text, spec.alphabet);
    const statistic = chiSquare(counts);
    const limit = criticalValue(counts.length - 1);
    assert.ok(
      statistic < limit,
      `${format}: chi-square ${statistic.toFixed(1)} >= ${limit.toFixed(1)}`,
    );
  }
});

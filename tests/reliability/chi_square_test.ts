/**
 * The statistics behind bench/randomness.sh: p-values against published
 * quantiles, and each check shown to catch the flaw it is there for.
 */

import assert from "node:assert/strict";
import {
  chiSquareUniform,
  countCharacters,
  judgeUniformity,
  withTails,
} from "../../bench/_chi_square.ts";
import { judgeEnt, parseEntTerse } from "../../bench/_ent_check.ts";

const encoder = new TextEncoder();
const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Keys drawn by rejection sampling over crypto.getRandomValues; with
 * `noRepeat`, a character equal to the one before it is drawn again.
 */
function fairKeys(
  alphabet: string,
  count: number,
  length: number,
  noRepeat = false,
): string {
  const n = alphabet.length;
  const limit = 256 - (256 % n);
  const bytes = new Uint8Array(65_536);
  let next = bytes.length;
  const lines: string[] = [];
  for (let k = 0; k < count; k++) {
    let key = "";
    while (key.length < length) {
      if (next === bytes.length) {
        crypto.getRandomValues(bytes);
        next = 0;
      }
      const b = bytes[next++]!;
      if (b >= limit) continue;
      const character = alphabet[b % n]!;
      if (noRepeat && key.endsWith(character)) continue;
      key += character;
    }
    lines.push(key);
  }
  return lines.join("\n") + "\n";
}

Deno.test("withTails() matches published chi-square quantiles", () => {
  // 95th percentiles: df 1 -> 3.841, df 10 -> 18.307, df 255 -> 293.25.
  const cases: Array<[number, number, number]> = [
    [3.841458820694124, 1, 0.05],
    [18.307038053275146, 10, 0.05],
    [293.2478, 255, 0.05],
    [2.7055434540954142, 1, 0.1],
  ];
  for (const [statistic, df, upper] of cases) {
    const tails = withTails(statistic, df);
    assert.ok(Math.abs(tails.upper - upper) < 1e-6, `df ${df}: ${tails.upper}`);
    assert.ok(Math.abs(tails.upper + tails.lower - 1) < 1e-12);
  }
  // df 2 has the closed form exp(-x / 2).
  assert.ok(Math.abs(withTails(7, 2).upper - Math.exp(-3.5)) < 1e-14);
});

Deno.test("chiSquareUniform() is 0 for equal counts and grows with imbalance", () => {
  assert.equal(chiSquareUniform([5, 5, 5, 5]).statistic, 0);
  assert.equal(chiSquareUniform([6, 4, 5, 5]).statistic, 0.4);
  assert.equal(chiSquareUniform([6, 4, 5, 5]).df, 3);
});

Deno.test("judgeUniformity() passes keys drawn by rejection sampling", () => {
  const text = fairKeys(ALNUM, 4000, 20);
  const report = judgeUniformity(
    "alnum",
    countCharacters(encoder.encode(text), ALNUM),
  );
  assert.deepEqual(report.failures, []);
  assert.equal(report.counts.keys, 4000);
  assert.equal(report.pairs.length, 2);
});

Deno.test("judgeUniformity() catches modulo bias", () => {
  // 256 % 62 = 8: the first 8 characters come 5/256 of the time, the rest 4/256.
  const bytes = new Uint8Array(20 * 20_000);
  for (let offset = 0; offset < bytes.length; offset += 65_536) {
    crypto.getRandomValues(bytes.subarray(offset, offset + 65_536));
  }
  const lines: string[] = [];
  for (let k = 0; k < 20_000; k++) {
    let key = "";
    for (let p = 0; p < 20; p++) key += ALNUM[bytes[k * 20 + p]! % 62];
    lines.push(key);
  }
  const report = judgeUniformity(
    "alnum",
    countCharacters(encoder.encode(lines.join("\n") + "\n"), ALNUM),
  );
  assert.ok(report.failures.includes("overall counts too uneven"));
});

Deno.test("judgeUniformity() catches counts too even to be random", () => {
  // A generator that cycles through the alphabet: perfectly flat.
  const lines: string[] = [];
  for (let k = 0; k < 620; k++) {
    let key = "";
    for (let p = 0; p < 10; p++) key += ALNUM[(k + p) % 62];
    lines.push(key);
  }
  const report = judgeUniformity(
    "alnum",
    countCharacters(encoder.encode(lines.join("\n") + "\n"), ALNUM),
  );
  assert.ok(report.failures.includes("overall counts too even"));
});

Deno.test("judgeUniformity() sees neighbours that never repeat only in the pair test", () => {
  const digits = "0123456789";
  const text = fairKeys(digits, 20_000, 30, true);
  const report = judgeUniformity(
    "digits",
    countCharacters(encoder.encode(text), digits),
  );
  assert.deepEqual(report.failures, [
    "adjacent pairs from position 0 too uneven",
    "adjacent pairs from position 1 too uneven",
  ]);
});

Deno.test("countCharacters() refuses foreign characters and uneven keys", () => {
  const bad: Array<[string, RegExp]> = [
    ["abc\nabd\n", /outside the alphabet/],
    ["abc\nab\n", /has 2 characters, not 3/],
    ["abc\nabc", /no newline/],
    ["\nabc\n", /first key is empty/],
  ];
  for (const [text, message] of bad) {
    assert.throws(
      () => countCharacters(encoder.encode(text), "abc"),
      (error: unknown) =>
        error instanceof SyntaxError && message.test(error.message),
      text,
    );
  }
});

Deno.test("judgeEnt() passes ent's figures for urandom and fails a stuck bit", () => {
  const good = parseEntTerse(
    "0,File-bytes,Entropy,Chi-square,Mean,Monte-Carlo-Pi,Serial-Correlation\n" +
      "1,134217728,7.999999,249.47,127.4966,3.141631,0.000026\n",
  );
  assert.equal(judgeEnt(good).ok, true);
  const stuck = parseEntTerse(
    "0,File-bytes,Entropy,Chi-square,Mean,Monte-Carlo-Pi,Serial-Correlation\n" +
      "1,134217728,7.999295,131204.95,125.5027,3.184310,-0.000742\n",
  );
  const verdict = judgeEnt(stuck);
  assert.equal(verdict.ok, false);
  assert.equal(verdict.lines.filter((line) => line.endsWith("FAIL")).length, 5);
  assert.throws(() => parseEntTerse("not ent output"), SyntaxError);
});

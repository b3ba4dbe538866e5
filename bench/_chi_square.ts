/**
 * Chi-square uniformity check of generated keys, per character position and
 * over all characters, with fixed thresholds. Used by `bench/randomness.sh`:
 *
 * ```sh
 * deno run --allow-read bench/_chi_square.ts --name alnum \
 *   --alphabet 0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz keys.txt
 * ```
 *
 * The file holds one key per line, all of the same length, every character
 * from the alphabet (ASCII only). Exit 0 when every check passes, 1 when one
 * fails, 2 on bad arguments or an unreadable file.
 *
 * @module
 */

import { parseArgs } from "node:util";

/**
 * A p-value below this fails a check: the counts are too uneven to be
 * chance (one run in a million would fail by bad luck).
 */
export const MIN_P = 1e-6;

/**
 * Overall and summed per-position statistics with a lower-tail p-value
 * below this also fail: counts that are too even are not random either
 * (a generator that cycles through the alphabet would pass the upper tail).
 */
export const MIN_LOWER_P = 1e-6;

/** Character counts of a set of equal-length keys. */
export interface CharacterCounts {
  /** Number of keys (lines). */
  keys: number;
  /** Characters per key. */
  length: number;
  /** Alphabet size. */
  size: number;
  /** `overall[i]`: occurrences of alphabet character i anywhere. */
  overall: Float64Array;
  /** `positions[p * size + i]`: occurrences of character i at position p. */
  positions: Float64Array;
  /**
   * Adjacent pairs that do not overlap, in two sets: `pairs[0]` counts the
   * pairs at positions (0,1), (2,3), ... and `pairs[1]` those at (1,2),
   * (3,4), ...; `pairs[a][i * size + j]` is how often j followed i. Within a
   * set no character is counted twice, so each set is a fair chi-square
   * sample of size^2 categories; together they catch a generator whose
   * characters depend on their neighbour at either alignment.
   */
  pairs: [Float64Array, Float64Array];
}

/** One chi-square statistic with its degrees of freedom and both tails. */
export interface ChiSquare {
  statistic: number;
  df: number;
  /** P(X >= statistic): small when the counts are too uneven. */
  upper: number;
  /** P(X <= statistic): small when the counts are too even. */
  lower: number;
}

/** The verdict on one file of keys. */
export interface UniformityReport {
  name: string;
  counts: CharacterCounts;
  overall: ChiSquare;
  /** The sum of the per-position statistics, with the summed df. */
  positionsSum: ChiSquare;
  /** The smallest per-position upper-tail p-value, and where it is. */
  worstPosition: { position: number; p: number };
  /** The two sets of adjacent pairs (none when keys are 1 character long). */
  pairs: ChiSquare[];
  failures: string[];
}

/**
 * Counts characters in `text` (keys separated by "\n"), per position and
 * overall.
 *
 * @param text The keys as ASCII bytes, each line one key.
 * @param alphabet The characters every key must be made of (ASCII).
 * @returns The counts.
 * @throws {SyntaxError} When a key has a character outside the alphabet or a
 * different length from the first key.
 */
export function countCharacters(
  text: Uint8Array,
  alphabet: string,
): CharacterCounts {
  const size = alphabet.length;
  const index = new Int16Array(256).fill(-1);
  for (let i = 0; i < size; i++) index[alphabet.charCodeAt(i)] = i;
  const newline = 10;
  const firstEnd = text.indexOf(newline);
  const length = firstEnd === -1 ? text.length : firstEnd;
  if (length === 0) {
    throw new SyntaxError("Cannot count: the first key is empty");
  }
  const overall = new Float64Array(size);
  const positions = new Float64Array(length * size);
  const pairs: [Float64Array, Float64Array] = [
    new Float64Array(size * size),
    new Float64Array(size * size),
  ];
  let keys = 0;
  let position = 0;
  let previous = 0;
  for (let offset = 0; offset < text.length; offset++) {
    const byte = text[offset]!;
    if (byte === newline) {
      if (position !== length) {
        throw new SyntaxError(
          `Cannot count: key ${
            keys + 1
          } has ${position} characters, not ${length}`,
        );
      }
      keys++;
      position = 0;
      continue;
    }
    const i = index[byte]!;
    if (i === -1 || position >= length) {
      throw new SyntaxError(
        `Cannot count: key ${keys + 1} has a character outside the alphabet ` +
          `or is longer than ${length}`,
      );
    }
    overall[i]!++;
    positions[position * size + i]!++;
    if (position > 0) pairs[(position - 1) & 1]![previous * size + i]!++;
    previous = i;
    position++;
  }
  if (position !== 0) {
    throw new SyntaxError("Cannot count: the last key has no newline");
  }
  return { keys, length, size, overall, positions, pairs };
}

/**
 * Pearson's chi-square statistic of `counts` against equal expected counts.
 *
 * @param counts Observed counts, one per category.
 * @returns The statistic, its degrees of freedom (categories - 1) and both tails.
 */
export function chiSquareUniform(counts: ArrayLike<number>): ChiSquare {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  const expected = total / counts.length;
  let statistic = 0;
  for (let i = 0; i < counts.length; i++) {
    const d = counts[i]! - expected;
    statistic += (d * d) / expected;
  }
  return withTails(statistic, counts.length - 1);
}

/**
 * The tails of the chi-square distribution at `statistic`.
 *
 * @param statistic The observed chi-square value (>= 0).
 * @param df Degrees of freedom, a positive integer.
 * @returns The statistic with its upper and lower tail probabilities.
 */
export function withTails(statistic: number, df: number): ChiSquare {
  const lower = regularizedLowerGamma(df / 2, statistic / 2);
  const upper = regularizedUpperGamma(df / 2, statistic / 2);
  return { statistic, df, upper, lower };
}

/**
 * ln Γ(a) for a a positive multiple of 1/2 (all a chi-square needs),
 * computed exactly as a sum: Γ(n) = (n-1)!, Γ(n + 1/2) = √π · Π (k - 1/2).
 */
function logGammaHalfInteger(a: number): number {
  if (!(a > 0) || !Number.isInteger(a * 2)) {
    throw new RangeError(
      `Cannot compute ln Γ(${a}): not a positive half-integer`,
    );
  }
  let sum = Number.isInteger(a) ? 0 : Math.log(Math.PI) / 2;
  for (let k = Number.isInteger(a) ? 1 : 0.5; k < a; k++) sum += Math.log(k);
  return sum;
}

/** ln of x^a e^-x / Γ(a), the common factor of both series. */
function logPrefactor(a: number, x: number): number {
  return a * Math.log(x) - x - logGammaHalfInteger(a);
}

/** P(a, x) by its power series; converges fast for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 100_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-16) break;
  }
  return sum * Math.exp(logPrefactor(a, x));
}

/** Q(a, x) by its continued fraction (modified Lentz); for x >= a + 1. */
function upperFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < 100_000; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return h * Math.exp(logPrefactor(a, x));
}

/** The regularized lower incomplete gamma function P(a, x). */
export function regularizedLowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? lowerSeries(a, x) : 1 - upperFraction(a, x);
}

/** The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x). */
export function regularizedUpperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x);
}

/**
 * Judges `counts` with the fixed thresholds: the overall, summed
 * per-position and both adjacent-pair statistics must have both tails >=
 * {@linkcode MIN_P}; every single position must have an upper tail >=
 * {@linkcode MIN_P}; every character must occur.
 *
 * @param name What the keys are (for the report).
 * @param counts The character counts.
 * @returns The statistics and the list of failed checks (empty: pass).
 */
export function judgeUniformity(
  name: string,
  counts: CharacterCounts,
): UniformityReport {
  const overall = chiSquareUniform(counts.overall);
  let sum = 0;
  let worstPosition = { position: 0, p: 1 };
  for (let p = 0; p < counts.length; p++) {
    const slice = counts.positions.subarray(
      p * counts.size,
      (p + 1) * counts.size,
    );
    const result = chiSquareUniform(slice);
    sum += result.statistic;
    if (result.upper < worstPosition.p) {
      worstPosition = { position: p, p: result.upper };
    }
  }
  const positionsSum = withTails(sum, counts.length * (counts.size - 1));
  const pairs = counts.length < 2
    ? []
    : counts.length === 2
    ? [chiSquareUniform(counts.pairs[0])]
    : counts.pairs.map((set) => chiSquareUniform(set));

  const failures: string[] = [];
  if (counts.overall.some((n) => n === 0)) {
    failures.push("a character of the alphabet never occurs");
  }
  if (overall.upper < MIN_P) failures.push("overall counts too uneven");
  if (overall.lower < MIN_LOWER_P) failures.push("overall counts too even");
  if (positionsSum.upper < MIN_P) {
    failures.push("summed per-position counts too uneven");
  }
  if (positionsSum.lower < MIN_LOWER_P) {
    failures.push("summed per-position counts too even");
  }
  if (worstPosition.p < MIN_P) {
    failures.push(`position ${worstPosition.position} too uneven`);
  }
  pairs.forEach((pair, alignment) => {
    if (pair.upper < MIN_P) {
      failures.push(`adjacent pairs from position ${alignment} too uneven`);
    }
    if (pair.lower < MIN_LOWER_P) {
      failures.push(`adjacent pairs from position ${alignment} too even`);
    }
  });
  return {
    name,
    counts,
    overall,
    positionsSum,
    worstPosition,
    pairs,
    failures,
  };
}

/** A p-value for humans: 4 significant digits, or "<1e-300" when it underflows. */
export function formatP(p: number): string {
  if (p === 0) return "<1e-300";
  return p >= 0.001 ? p.toFixed(4) : p.toExponential(2);
}

/**
 * One line per report: the figures and PASS or FAIL with the reasons.
 *
 * @param report The verdict to describe.
 * @returns The line, without a newline.
 */
export function describeReport(report: UniformityReport): string {
  const { counts, overall, positionsSum, worstPosition } = report;
  const verdict = report.failures.length === 0
    ? "PASS"
    : `FAIL (${report.failures.join("; ")})`;
  return [
    report.name.padEnd(10),
    `keys=${counts.keys}`,
    `length=${counts.length}`,
    `chars=${counts.keys * counts.length}`,
    `overall chi2=${overall.statistic.toFixed(1)} df=${overall.df} p=${
      formatP(overall.upper)
    }`,
    `positions sum chi2=${
      positionsSum.statistic.toFixed(1)
    } df=${positionsSum.df} p=${formatP(positionsSum.upper)}`,
    `worst position ${worstPosition.position} p=${formatP(worstPosition.p)}`,
    `pairs p=${report.pairs.map((pair) => formatP(pair.upper)).join("/")}`,
    verdict,
  ].join("  ");
}

async function main(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      name: { type: "string", default: "keys" },
      alphabet: { type: "string" },
    },
    allowPositionals: true,
  });
  const file = positionals[0];
  const alphabet = values.alphabet;
  if (
    file === undefined || alphabet === undefined || alphabet.length < 2 ||
    new Set(alphabet).size !== alphabet.length || /[^\x21-\x7e]/.test(alphabet)
  ) {
    console.error(
      "chi_square: usage: _chi_square.ts --name NAME --alphabet CHARS FILE " +
        "(2 or more distinct printable ASCII characters)",
    );
    return 2;
  }
  let report: UniformityReport;
  try {
    report = judgeUniformity(
      values.name,
      countCharacters(await Deno.readFile(file), alphabet),
    );
  } catch (error) {
    console.log(`${values.name.padEnd(10)}  FAIL (${String(error)})`);
    return 1;
  }
  console.log(describeReport(report));
  return report.failures.length === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));

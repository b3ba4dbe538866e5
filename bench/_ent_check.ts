/**
 * Judges the terse output of `ent -t` (on stdin) with fixed thresholds, for
 * `bench/randomness.sh`:
 *
 * ```sh
 * ent -t bytes.bin | deno run bench/_ent_check.ts
 * ```
 *
 * Every bound except entropy is six standard errors of an ideal source at
 * the file's size, so a correct generator fails by chance about once in
 * 10^8 runs per figure and the bounds tighten as the file grows.
 *
 * @module
 */

import { formatP, MIN_LOWER_P, MIN_P, withTails } from "./_chi_square.ts";

/** The figures `ent -t` prints for a file. */
export interface EntFigures {
  bytes: number;
  entropy: number;
  chiSquare: number;
  mean: number;
  pi: number;
  serialCorrelation: number;
}

/** How many standard errors a figure may stray from the ideal. */
export const SIGMAS = 6;

/** Bits per byte below this fail (an ideal 64 MiB file loses about 3e-6). */
export const MIN_ENTROPY = 7.9999;

/**
 * Reads the second line of `ent -t` output:
 * `1,File-bytes,Entropy,Chi-square,Mean,Monte-Carlo-Pi,Serial-Correlation`.
 *
 * @param text The whole output of `ent -t`.
 * @returns The figures.
 * @throws {SyntaxError} When the text is not `ent -t` output.
 */
export function parseEntTerse(text: string): EntFigures {
  const line = text.split("\n").find((l) => l.startsWith("1,"));
  const fields = line?.split(",").slice(1).map(Number) ?? [];
  if (fields.length !== 6 || fields.some((n) => !Number.isFinite(n))) {
    throw new SyntaxError("Cannot read ent output: expected `ent -t` lines");
  }
  const [bytes, entropy, chiSquare, mean, pi, serialCorrelation] = fields as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { bytes, entropy, chiSquare, mean, pi, serialCorrelation };
}

/**
 * Checks the figures against the thresholds.
 *
 * @param figures What ent measured.
 * @returns One line per figure, each ending in PASS or FAIL.
 */
export function judgeEnt(
  figures: EntFigures,
): { lines: string[]; ok: boolean } {
  const n = figures.bytes;
  // A uniform byte has standard deviation sqrt((256^2 - 1) / 12).
  const meanBound = SIGMAS * Math.sqrt((256 * 256 - 1) / 12) / Math.sqrt(n);
  // ent throws 6-byte points (two 24-bit coordinates) at the unit square;
  // the hit rate pi/4 is a binomial proportion over n / 6 points.
  const points = Math.floor(n / 6);
  const hit = Math.PI / 4;
  const piBound = SIGMAS * 4 * Math.sqrt(hit * (1 - hit) / points);
  // The lag-1 serial correlation of n independent bytes has sd ~ 1 / sqrt(n).
  const correlationBound = SIGMAS / Math.sqrt(n);
  const chi = withTails(figures.chiSquare, 255);

  const checks: Array<[string, boolean]> = [
    [
      `entropy ${figures.entropy.toFixed(6)} bits/byte (min ${MIN_ENTROPY})`,
      figures.entropy >= MIN_ENTROPY,
    ],
    [
      `chi-square ${figures.chiSquare.toFixed(2)} df=255 p=${
        formatP(chi.upper)
      } (both tails >= ${MIN_P})`,
      chi.upper >= MIN_P && chi.lower >= MIN_LOWER_P,
    ],
    [
      `mean ${figures.mean.toFixed(4)} (127.5 +- ${meanBound.toFixed(4)})`,
      Math.abs(figures.mean - 127.5) <= meanBound,
    ],
    [
      `Monte Carlo pi ${figures.pi.toFixed(6)} (${Math.PI.toFixed(6)} +- ${
        piBound.toFixed(6)
      })`,
      Math.abs(figures.pi - Math.PI) <= piBound,
    ],
    [
      `serial correlation ${figures.serialCorrelation.toFixed(6)} (0 +- ${
        correlationBound.toFixed(6)
      })`,
      Math.abs(figures.serialCorrelation) <= correlationBound,
    ],
  ];
  return {
    lines: checks.map(([text, pass]) =>
      `ent  ${text}  ${pass ? "PASS" : "FAIL"}`
    ),
    ok: checks.every(([, pass]) => pass),
  };
}

async function main(): Promise<number> {
  const text = await new Response(Deno.stdin.readable).text();
  let figures: EntFigures;
  try {
    figures = parseEntTerse(text);
  } catch (error) {
    console.log(`ent  FAIL (${String(error)})`);
    return 1;
  }
  const { lines, ok } = judgeEnt(figures);
  console.log(`ent  ${figures.bytes} bytes`);
  for (const line of lines) console.log(line);
  return ok ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());

/**
 * Chi-square goodness of fit against a uniform distribution, with a fixed
 * critical value per degree of freedom.
 */

/** The statistic: sum over buckets of (observed - expected)^2 / expected. */
export function chiSquare(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  const expected = total / counts.length;
  let statistic = 0;
  for (let i = 0; i < counts.length; i++) {
    const difference = counts[i]! - expected;
    statistic += (difference * difference) / expected;
  }
  return statistic;
}

/**
 * The chi-square value that a uniform source exceeds with probability about
 * one in a million (z = 4.753), by the Wilson-Hilferty approximation. A
 * fixed threshold: a correct sampler fails it about once per million runs.
 */
export function criticalValue(degreesOfFreedom: number, z = 4.753): number {
  const k = degreesOfFreedom;
  const term = 1 - 2 / (9 * k) + z * Math.sqrt(2 / (9 * k));
  return k * term * term * term;
}

/** Counts how often each character of `alphabet` occurs in `text`. */
export function countCharacters(text: string, alphabet: string): number[] {
  const chars = Array.from(alphabet);
  const index = new Map(chars.map((char, i) => [char, i]));
  const counts = new Array<number>(chars.length).fill(0);
  for (const char of text) {
    const i = index.get(char);
    if (i === undefined) throw new Error(`unexpected character ${char}`);
    counts[i]!++;
  }
  return counts;
}

/** A deterministic byte source (xorshift32), for reproducible tests only. */
export function seededRandom(
  seed: number,
): (target: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> {
  let state = seed >>> 0 || 1;
  return (target) => {
    for (let i = 0; i < target.length; i++) {
      state ^= state << 13;
      state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5;
      state >>>= 0;
      target[i] = state & 0xff;
    }
    return target;
  };
}

/** A byte source that replays `bytes` in order, then fails. */
export function replay(
  bytes: Uint8Array,
): (target: Uint8Array<ArrayBuffer>) => Uint8Array<ArrayBuffer> {
  let offset = 0;
  return (target) => {
    if (offset + target.length > bytes.length) {
      throw new Error("replay source ran out of bytes");
    }
    target.set(bytes.subarray(offset, offset + target.length));
    offset += target.length;
    return target;
  };
}

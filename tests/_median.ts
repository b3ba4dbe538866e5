/**
 * The one timing helper of the cost tests, which compare two input sizes in
 * one run (a ratio of medians, never a timed assertion).
 *
 * @module
 */

/**
 * Median milliseconds of `runs` calls of `work`, after one warm-up call
 * (compilation and first-use caches are not what a cost test measures).
 */
export function medianMs(work: () => void, runs = 7): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/**
 * How much more a larger input costs than a smaller one: the ratio of
 * their medians, with the small one floored at 0.5 ms so that timer
 * granularity cannot inflate it.
 */
export function costRatio(small: () => void, large: () => void): number {
  const t1 = medianMs(small);
  return medianMs(large) / Math.max(t1, 0.5);
}

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

/**
 * Medians over several `deno bench --json` runs of one bench file: each
 * bench's mean per call, and its ratio to its group's baseline in the same
 * run (the figure that holds on a shared, noisy machine).
 *
 *   for i in 1 2 3 4 5; do
 *     deno bench -A --json bench/webhook_bench.ts > /tmp/webhook_$i.json
 *   done
 *   deno run --allow-read bench/_bench_medians.ts /tmp/webhook_*.json
 *
 * @module
 */

interface Bench {
  group: string | null;
  name: string;
  baseline: boolean;
  results: { ok?: { avg: number } }[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A bench's mean per call in microseconds (deno bench reports ns). */
function meanOf(bench: Bench): number {
  const ok = bench.results[0]?.ok;
  if (ok === undefined) throw new Error(`"${bench.name}" did not run`);
  return ok.avg / 1000;
}

const runs = Deno.args.map((file) =>
  (JSON.parse(Deno.readTextFileSync(file)) as { benches: Bench[] }).benches
);
if (runs.length === 0) {
  console.error("usage: _bench_medians.ts RUN.json ...");
  Deno.exit(2);
}

console.log(
  "| benchmark | median per call | range of the runs | vs baseline |",
);
console.log("| --- | --: | --: | --: |");
for (const { name } of runs[0]!) {
  const means: number[] = [];
  const ratios: number[] = [];
  for (const run of runs) {
    const bench = run.find((item) => item.name === name);
    if (bench === undefined) throw new Error(`"${name}" missing from a run`);
    means.push(meanOf(bench));
    const baseline = run.find((item) =>
      item.group === bench.group && item.baseline
    );
    if (baseline !== undefined) ratios.push(meanOf(bench) / meanOf(baseline));
  }
  const range = `${Math.min(...means).toFixed(1)}-${
    Math.max(...means).toFixed(1)
  } us`;
  const ratio = ratios.length === 0 ? "" : `${median(ratios).toFixed(2)}x`;
  console.log(
    `| ${name} | ${median(means).toFixed(1)} us | ${range} | ${ratio} |`,
  );
}
console.log(
  `\n${runs.length} runs; a ratio below 1 is faster than the baseline.`,
);

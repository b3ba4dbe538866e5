import assert from "node:assert/strict";
import { readPemBlock } from "../../core/pem.ts";

/** Median milliseconds of `run` on `input`, over a few rounds. */
function medianCost(run: (input: string) => void, input: string): number {
  const samples: number[] = [];
  for (let round = 0; round < 7; round++) {
    const start = performance.now();
    for (let i = 0; i < 3; i++) run(input);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[3]!;
}

/** Many BEGIN lines and no END: the input that made the old reader quadratic. */
function unterminated(length: number): string {
  const line = "-----BEGIN PUBLIC KEY-----\nAAAA\n";
  return line.repeat(Math.floor(length / line.length));
}

/** The reader readPemBlock had before: one regular expression with a back-reference. */
function regexReader(text: string): void {
  /-----BEGIN ([A-Z0-9 ]{1,40})-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
}

function ignoringErrors(read: (text: string) => unknown) {
  return (text: string) => {
    try {
      read(text);
    } catch {
      // Refusing the text is the expected answer here; only the cost counts.
    }
  };
}

// 8x the input: linear work costs about 8x, quadratic about 64x.
const SMALL = 2_000;
const LARGE = 16_000;
const LINEAR_BOUND = 24;

Deno.test("readPemBlock() refuses unterminated blocks in linear time", () => {
  const run = ignoringErrors(readPemBlock);
  // Warm the engine up so the first size does not pay for compilation.
  medianCost(run, unterminated(SMALL));
  const ratio = medianCost(run, unterminated(LARGE)) /
    Math.max(medianCost(run, unterminated(SMALL)), 0.001);
  assert.ok(
    ratio < LINEAR_BOUND,
    `cost ratio ${ratio.toFixed(1)} for 8x input`,
  );
  assert.throws(() => readPemBlock(unterminated(LARGE)), SyntaxError);
});

Deno.test("the PEM cost check catches the old back-referencing regex", () => {
  medianCost(regexReader, unterminated(SMALL));
  const ratio = medianCost(regexReader, unterminated(LARGE)) /
    Math.max(medianCost(regexReader, unterminated(SMALL)), 0.001);
  assert.ok(
    ratio >= LINEAR_BOUND,
    `cost ratio ${ratio.toFixed(1)} for 8x input`,
  );
});

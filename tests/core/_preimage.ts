/**
 * Exact uniformity checks: feed every input value (every byte, or every
 * 16-bit word) through a sampling path with an injected byte source, and
 * count the preimages of each output character (or pair).
 *
 * How one input's output is seen through a whole key generator: the source
 * serves a block of test inputs, then a filler input forever. The key is
 * made twice, with two fillers whose outputs differ. Both runs agree on
 * the outputs of the accepted test inputs and differ from the first filler
 * output on, so the first difference marks exactly where the test inputs'
 * outputs end, however many of them were rejected.
 */
import assert from "node:assert/strict";
import type { RandomSource } from "@keymint/core";

/** A source that serves `head`, then `unit` repeated forever. */
export function stream(head: Uint8Array, unit: Uint8Array): RandomSource {
  let position = 0;
  return (target) => {
    for (let i = 0; i < target.length; i++, position++) {
      target[i] = position < head.length
        ? head[position]!
        : unit[(position - head.length) % unit.length]!;
    }
    return target;
  };
}

/** How a path consumes randomness: one byte per draw, or one 16-bit word. */
export interface Draw {
  /** Bytes per input: 1 or 2. */
  readonly bytes: 1 | 2;
  /** Characters each accepted input gives: 1 or 2. */
  readonly chars: 1 | 2;
}
export const BYTE: Draw = { bytes: 1, chars: 1 };
export const PAIR: Draw = { bytes: 2, chars: 2 };

/** The bytes of native-endian 16-bit words, as a Uint16Array view reads them. */
function words(values: readonly number[]): Uint8Array {
  return new Uint8Array(new Uint16Array(values).buffer);
}

/** Input value `v` as the bytes the source serves. */
function inputBytes(draw: Draw, values: readonly number[]): Uint8Array {
  return draw.bytes === 1 ? Uint8Array.from(values) : words(values);
}

/**
 * The outputs of the accepted inputs among `values`, in order, as the
 * path `make` gives them.
 *
 * @param make Makes one key's random characters from a byte source.
 */
export function outputsOf(
  make: (random: RandomSource) => string,
  draw: Draw,
  values: readonly number[],
): string[] {
  const head = inputBytes(draw, values);
  // Input 0 and input 1 are accepted by every table and give different
  // first characters (codes[0] and codes[1]).
  const [a, b] = [0, 1].map((filler) =>
    Array.from(make(stream(head, inputBytes(draw, [filler]))))
  );
  let end = 0;
  while (end < a!.length && a![end] === b![end]) end++;
  assert.ok(end < a!.length, "the key is too short to reach the filler");
  end -= end % draw.chars;
  const outputs: string[] = [];
  for (let i = 0; i < end; i += draw.chars) {
    outputs.push(a!.slice(i, i + draw.chars).join(""));
  }
  return outputs;
}

/**
 * Counts the preimages of each output over every input value of `draw`,
 * in blocks of `block` inputs (fewer than the key holds).
 */
export function preimages(
  make: (random: RandomSource) => string,
  draw: Draw,
  block: number,
): Map<string, number> {
  const total = draw.bytes === 1 ? 256 : 65_536;
  const counts = new Map<string, number>();
  for (let start = 0; start < total; start += block) {
    const values = Array.from(
      { length: Math.min(block, total - start) },
      (_, i) => start + i,
    );
    for (const output of outputsOf(make, draw, values)) {
      counts.set(output, (counts.get(output) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Asserts that every one of the `outputs` possible outputs (characters of
 * the alphabet, or ordered pairs) has exactly the same number of
 * preimages, and that no other output occurs.
 */
export function assertEqualPreimages(
  counts: ReadonlyMap<string, number>,
  alphabet: string,
  draw: Draw,
): void {
  const chars = Array.from(alphabet);
  const outputs = chars.length ** draw.chars;
  const inputs = draw.bytes === 1 ? 256 : 65_536;
  const each = Math.floor(inputs / outputs);
  const allowed = new Set(chars);
  for (const [output, count] of counts) {
    for (const char of output) {
      assert.ok(allowed.has(char), `output ${output} is not of the alphabet`);
    }
    assert.equal(count, each, `output ${JSON.stringify(output)}: preimages`);
  }
  assert.equal(counts.size, outputs, "every output is reached");
}

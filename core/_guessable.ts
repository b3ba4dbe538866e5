/**
 * Signs that a text was chosen by a person rather than drawn at random:
 * words, keyboard runs, repeated blocks and too few distinct characters.
 * For such text the length x log2(alphabet) bound means nothing. Every
 * check walks the text by index a bounded number of times: linear, no
 * regular expressions.
 *
 * @module
 */

import { commonWords, LONGEST_WORD } from "./_words.ts";

/** Keyboard rows and orderings a person types along. */
const RUNS = [
  "1234567890",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "abcdefghijklmnopqrstuvwxyz",
];

/** The shortest keyboard run that counts. */
const MIN_RUN = 5;

/** The longest block {@linkcode repeatedShare} looks for. */
const MAX_PERIOD = 64;

/** Whether `b` follows `a` (either way) on a keyboard row or in order. */
function adjacent(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  for (const row of RUNS) {
    const at = row.indexOf(x);
    if (at === -1) continue;
    if (row[at + 1] === y || (at > 0 && row[at - 1] === y)) return true;
  }
  return false;
}

/**
 * The share of characters that sit in keyboard or alphabet runs of five or
 * more (`qwert`, `54321`, `abcde`). Random text rarely has one such run and
 * practically never covers half its length with them.
 */
export function keyboardShare(chars: readonly string[]): number {
  let inRuns = 0;
  let run = 1;
  for (let i = 1; i <= chars.length; i++) {
    if (i < chars.length && adjacent(chars[i - 1]!, chars[i]!)) {
      run++;
      continue;
    }
    if (run >= MIN_RUN) inRuns += run;
    run = 1;
  }
  return chars.length === 0 ? 0 : inRuns / chars.length;
}

/**
 * The most characters covered by one block repeated back to back
 * (`abcabcabc`, `passpass`), for blocks of 1 to 64 characters.
 */
export function repeatedLength(chars: readonly string[]): number {
  let best = 0;
  const periods = Math.min(MAX_PERIOD, Math.floor(chars.length / 2));
  for (let period = 1; period <= periods; period++) {
    let stretch = 0;
    for (let i = period; i < chars.length; i++) {
      if (chars[i] === chars[i - period]) {
        stretch++;
        if (stretch >= period) best = Math.max(best, stretch + period);
      } else {
        stretch = 0;
      }
    }
  }
  return best;
}

/** Digits and symbols people put for letters (p4ssw0rd). */
const LEET: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  "$": "s",
};

/**
 * The share of the text covered by common words of four letters or more,
 * read case-insensitively with digits for letters (p4ssw0rd), longest word
 * first at each position. At most {@linkcode LONGEST_WORD} look-ups per
 * character.
 */
export function wordShare(chars: readonly string[]): number {
  const words = commonWords();
  const plain = chars.map((c) => LEET[c] ?? c.toLowerCase());
  let covered = 0;
  let i = 0;
  while (i < plain.length) {
    let found = 0;
    const longest = Math.min(LONGEST_WORD, plain.length - i);
    for (let length = longest; length >= 4 && found === 0; length--) {
      if (words.has(plain.slice(i, i + length).join(""))) found = length;
    }
    covered += found;
    i += found === 0 ? 1 : found;
  }
  return chars.length === 0 ? 0 : covered / chars.length;
}

/**
 * True when text has fewer than half the distinct characters that random
 * text of its length over its alphabet has on average: n(1 - (1 - 1/n)^L).
 * The count from a random source stays close to that mean, so half of it is
 * a safe line.
 */
export function lowVariety(
  chars: readonly string[],
  alphabet: number,
): boolean {
  if (chars.length < 8) return false;
  const expected = alphabet * (1 - Math.pow(1 - 1 / alphabet, chars.length));
  return new Set(chars).size < expected / 2;
}

/**
 * Sentences about signs of a chosen rather than random text, empty when
 * there are none. Each names the sign, never the text.
 *
 * @param text The random part of a key.
 * @param alphabet The size of its alphabet.
 */
export function guessableSigns(text: string, alphabet: number): string[] {
  const chars = Array.from(text);
  const signs: string[] = [];
  if (chars.length < 8) return signs;
  if (wordShare(chars) >= 0.5) {
    signs.push("It reads like words, so it was chosen by a person");
  }
  if (keyboardShare(chars) >= 0.5) {
    signs.push(
      "It follows keyboard or alphabet runs (like qwerty or 1234), so it was typed by a person",
    );
  }
  const repeated = repeatedLength(chars);
  if (repeated >= 16 || repeated * 2 >= chars.length) {
    signs.push(
      "It repeats a block of characters, which random keys almost never do",
    );
  } else if (lowVariety(chars, alphabet)) {
    signs.push(
      `It uses only ${
        new Set(chars).size
      } distinct characters, far fewer than random text of this length would`,
    );
  }
  return signs;
}

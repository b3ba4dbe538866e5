/**
 * Core generation speed, each group against a baseline in the same run.
 *
 *   deno bench -A bench/core_bench.ts
 *
 * Single-key groups time 1000 calls per iteration: one call takes tens of
 * nanoseconds, below the timer's resolution, and batching keeps pool
 * refills and garbage collection inside the average instead of in outliers.
 * Divide by 1000 for the time of one key.
 */
import { customAlphabet } from "nanoid";
import {
  BASE62_ALPHABET,
  createKeyGenerator,
  generateKey,
  keyChunks,
  parseKeySpec,
} from "@keymint/core";

const KEYS = 1000;
const hex = createKeyGenerator(parseKeySpec({ format: "hex" }));
const base64url = createKeyGenerator(parseKeySpec({ format: "base64url" }));
const alnum = createKeyGenerator(parseKeySpec({ format: "alnum" }));
const nanoidAlnum = customAlphabet(BASE62_ALPHABET, 43);

/** Calls `make` KEYS times and checks the output length, so nothing is optimised away. */
function batch(make: () => string, length: number): void {
  let total = 0;
  for (let i = 0; i < KEYS; i++) total += make().length;
  if (total !== KEYS * length) throw new Error("wrong key length");
}

const HEX = "hex 256-bit, 1000 keys";
Deno.bench(
  "raw getRandomValues(32).toHex()",
  { group: HEX, baseline: true },
  () => {
    batch(() => crypto.getRandomValues(new Uint8Array(32)).toHex(), 64);
  },
);
Deno.bench("keymint prepared hex", { group: HEX }, () => {
  batch(hex, 64);
});
Deno.bench("keymint generateKey(), one-shot", { group: HEX }, () => {
  batch(() => generateKey(), 64);
});
Deno.bench(
  'keymint generateKey({ format: "hex", bits: "256" }), options checked each call',
  { group: HEX },
  () => {
    batch(() => generateKey(parseKeySpec({ format: "hex", bits: "256" })), 64);
  },
);

const B64 = "base64url 256-bit, 1000 keys";
Deno.bench("raw getRandomValues(32).toBase64(base64url)", {
  group: B64,
  baseline: true,
}, () => {
  batch(
    () =>
      crypto.getRandomValues(new Uint8Array(32)).toBase64({
        alphabet: "base64url",
        omitPadding: true,
      }),
    43,
  );
});
Deno.bench("keymint prepared base64url", { group: B64 }, () => {
  batch(base64url, 43);
});

const ALNUM = "alnum 256-bit, 1000 keys";
Deno.bench("nanoid customAlphabet(0-9A-Za-z, 43)", {
  group: ALNUM,
  baseline: true,
}, () => {
  batch(nanoidAlnum, 43);
});
Deno.bench("keymint prepared alnum", { group: ALNUM }, () => {
  batch(alnum, 43);
});

const ONE_SHOT = "alnum 256-bit one-shot (fresh each call), 1000 keys";
Deno.bench("nanoid customAlphabet(0-9A-Za-z, 43)() fresh each call", {
  group: ONE_SHOT,
  baseline: true,
}, () => {
  batch(() => customAlphabet(BASE62_ALPHABET, 43)(), 43);
});
Deno.bench('keymint generateKey({ format: "alnum" }) one-shot', {
  group: ONE_SHOT,
}, () => {
  batch(() => generateKey({ format: "alnum" }), 43);
});

const MILLION = "10^6 hex 256-bit keys";
const million = parseKeySpec({ count: 1_000_000 });
Deno.bench(
  "raw: 10^6 x getRandomValues(32).toHex() + newline",
  { group: MILLION, baseline: true, n: 5, warmup: 1 },
  () => {
    let bytes = 0;
    for (let i = 0; i < 1_000_000; i++) {
      bytes += crypto.getRandomValues(new Uint8Array(32)).toHex().length + 1;
    }
    if (bytes !== 65_000_000) throw new Error("wrong size");
  },
);
Deno.bench(
  "keymint keyChunks()",
  { group: MILLION, n: 5, warmup: 1 },
  () => {
    let bytes = 0;
    for (const chunk of keyChunks(million)) bytes += chunk.length;
    if (bytes !== 65_000_000) throw new Error("wrong size");
  },
);

/**
 * Time to make one signing key pair of each kind with core (Web Crypto),
 * and to export every form of it. `bench/keypair.sh` runs this next to
 * `openssl genpkey` for the same kinds.
 *
 *     deno bench -A bench/keypair_bench.ts
 *
 * `deno bench` reports means and percentiles but no median; with
 * KEYPAIR_BENCH_MEDIANS=FILE set, each generate bench also times its own
 * iterations and the medians (in ms) are written to FILE as JSON when the
 * run ends.
 */

import {
  exportKeyPair,
  generateKeyPair,
  type KeyPairKind,
} from "../core/keypair_exports.ts";

const KINDS: readonly [string, KeyPairKind, number?][] = [
  ["ed25519", "ed25519"],
  ["p256", "p256"],
  ["p384", "p384"],
  ["p521", "p521"],
  ["rsa-2048", "rsa", 2048],
  ["rsa-3072", "rsa", 3072],
  ["rsa-4096", "rsa", 4096],
];

const samples: Record<string, number[]> = {};

for (const [name, kind, bits] of KINDS) {
  const options = bits === undefined ? {} : { bits };
  const times: number[] = samples[name] = [];
  // RSA takes from 0.1 to several seconds a pair (the prime search is
  // random); a fixed count keeps the run bounded.
  const n = bits === undefined ? {} : { n: bits === 4096 ? 15 : 25 };
  Deno.bench(
    `generateKeyPair ${name}`,
    { group: "generate", ...n },
    async () => {
      const start = performance.now();
      await generateKeyPair(kind, options);
      times.push(performance.now() - start);
    },
  );
}

for (const [name, kind, bits] of KINDS.slice(0, 5)) {
  const pair = await generateKeyPair(kind, bits === undefined ? {} : { bits });
  Deno.bench(
    `exportKeyPair ${name} (JWK, JWKS, PEM)`,
    { group: "export" },
    async () => {
      await exportKeyPair(pair);
    },
  );
}

const medianFile = Deno.env.get("KEYPAIR_BENCH_MEDIANS");
if (medianFile) {
  globalThis.addEventListener("unload", () => {
    const medians: Record<string, number> = {};
    for (const [name, times] of Object.entries(samples)) {
      const sorted = times.toSorted((a, b) => a - b);
      const mid = sorted.length >> 1;
      medians[name] = sorted.length % 2
        ? sorted[mid]!
        : (sorted[mid - 1]! + sorted[mid]!) / 2;
    }
    Deno.writeTextFileSync(medianFile, JSON.stringify(medians));
  });
}

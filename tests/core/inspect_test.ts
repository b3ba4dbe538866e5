import assert from "node:assert/strict";
import {
  checksumOf,
  generateKey,
  hashKey,
  inspectKey,
  KEY_KINDS,
  type KeyOptions,
  parseKeySpec,
  PRESETS,
} from "@keymint/core";
import { sample } from "./_kind_samples.ts";

const RUNS = 1000;

/** Every format but custom. */
const FORMAT_NAMES = [
  "hex",
  "base64",
  "base64url",
  "base32",
  "crockford",
  "base58",
  "alnum",
  "digits",
] as const;
const jwtPart = (value: object) =>
  btoa(JSON.stringify(value)).replaceAll("=", "").replaceAll("+", "-")
    .replaceAll("/", "_");

Deno.test("inspectKey() reports every field, in order", async () => {
  const report = await inspectKey(generateKey({ prefix: "ks_live" }));
  assert.deepEqual(Object.keys(report), [
    "length",
    "alphabet",
    "bits",
    "estimate",
    "prefix",
    "checksum",
    "kind",
    "jwt",
    "fingerprint",
    "masked",
    "warnings",
  ]);
});

Deno.test("inspectKey() names every kind in the table, with its checksum state and bits", async () => {
  for (const kind of KEY_KINDS) {
    if (kind.id === "jwt") continue;
    for (const pick of ["min", "max"] as const) {
      const text = sample(kind, pick, 3);
      const report = await inspectKey(text);
      assert.equal(report.kind?.id, kind.id, text);
      assert.equal(report.kind?.provider, kind.provider);
      assert.equal(report.kind?.type, kind.type);
      assert.equal(report.checksum, kind.checksum ? "valid" : "none");
      if (typeof kind.bits === "number") {
        assert.equal(report.bits, kind.bits, kind.id);
        assert.equal(report.estimate, "documented");
      } else {
        assert.ok(Number.isInteger(report.bits) && report.bits >= 0);
      }
    }
  }
});

Deno.test("inspectKey() reads a JWT's alg and exp without verifying, and warns on alg none", async () => {
  const header = jwtPart({ alg: "HS256", typ: "JWT" });
  const claims = jwtPart({ sub: "42", exp: 1_900_000_000 });
  const signature = generateKey({ preset: "jwt-hs256" });
  const report = await inspectKey(`${header}.${claims}.${signature}`, {
    now: 1_800_000_000_000,
  });
  assert.equal(report.kind?.id, "jwt");
  assert.deepEqual(report.jwt, { alg: "HS256", exp: 1_900_000_000 });
  assert.equal(report.bits, 256);
  assert.ok(report.warnings.some((w) => /signed token, not a secret/.test(w)));
  assert.ok(!report.warnings.some((w) => /expired|"none"/.test(w)));
  const later = await inspectKey(`${header}.${claims}.${signature}`, {
    now: 2_000_000_000_000,
  });
  assert.ok(later.warnings.includes("It expired on 2030-03-17T17:46:40.000Z"));
  const unsigned = await inspectKey(`${jwtPart({ alg: "none" })}.${claims}.`);
  assert.equal(unsigned.jwt?.alg, "none");
  assert.ok(unsigned.warnings.some((w) => /alg is "none"/.test(w)));
  assert.equal(unsigned.fingerprint, null);
  // Dotted base64url that is not JSON is no JWT.
  assert.equal((await inspectKey("eyJhbGci.eyJzdWIi.abc")).kind, null);
});

/** Expected kind ids of keymint's unprefixed formats, by format and bits. */
const FORMAT_KINDS: Readonly<Record<string, string>> = {
  "hex/256": "keymint-flask",
  "hex/128": "keymint-symfony",
  "base64/256": "keymint-authjs",
  "base64/128": "keymint-aes-128",
  "base64url/256": "keymint-jwt-hs256",
  "alnum/256": "keymint-jwt-hs256",
};

async function checkKeys(options: KeyOptions, runs: number) {
  const spec = parseKeySpec(options);
  const declared = spec.prefix === undefined ? [] : [spec.prefix];
  for (let i = 0; i < runs; i++) {
    const key = generateKey(options);
    const report = await inspectKey(key);
    const label = `${JSON.stringify(options)}: ${report.alphabet}`;
    assert.deepEqual(report.warnings, [], label);
    assert.equal(report.fingerprint, await hashKey(key));
    if (spec.prefix !== undefined) {
      assert.equal(report.prefix, spec.prefix, label);
      assert.equal(report.checksum, spec.checksum ? "valid" : "none", label);
      assert.equal(
        report.kind?.id ?? null,
        spec.checksum ? "keymint-structured" : null,
      );
      const strict = await inspectKey(key, { prefixes: declared });
      assert.equal(strict.checksum, spec.checksum ? "valid" : "invalid");
    } else {
      const kind = FORMAT_KINDS[`${spec.format}/${options.bits ?? 256}`];
      assert.equal(report.kind?.id ?? null, kind ?? null, label);
      assert.equal(report.checksum, "none");
    }
    // A body that happens to avoid some of its alphabet is covered by a
    // smaller one (alnum avoiding 0, O, I and l is base58; base64url
    // avoiding - and _ is alnum), and that bound is the documented answer.
    const smaller = { base58: 58, alnum: 62 }[report.alphabet];
    const expected = report.alphabet !== spec.format && smaller !== undefined &&
        report.estimate === "upper bound"
      ? Math.floor(spec.bodyLength * Math.log2(smaller))
      : spec.bits;
    assert.equal(report.bits, expected, label);
  }
}

for (const format of FORMAT_NAMES) {
  Deno.test(`inspectKey() reports kind, checksum and bits of ${RUNS} ${format} keys, with and without prefix and checksum`, async () => {
    await checkKeys({ format }, RUNS);
    // 22 base64url characters can hold a "_" after lower-case letters and
    // read as prefix and body (the safe, smaller figure), so base64url is
    // checked at 256 bits, where its row recognises it.
    if (format === "base64url") return;
    await checkKeys({ format, bits: 128 }, RUNS / 4);
    await checkKeys({ format, prefix: "acme" }, RUNS);
    await checkKeys(
      { format, prefix: "acme", checksum: false },
      RUNS,
    );
    await checkKeys({ format, prefix: "acme_live" }, RUNS / 4);
  });
}

Deno.test(`inspectKey() gives each of ${RUNS} values of every preset its documented kind and bits`, async () => {
  for (const preset of PRESETS) {
    for (let i = 0; i < RUNS; i++) {
      const report = await inspectKey(generateKey({ preset: preset.name }));
      assert.ok(report.kind?.type.includes(preset.name), preset.name);
      assert.equal(report.bits, preset.bits, preset.name);
      assert.equal(report.estimate, "documented");
      assert.equal(report.checksum, "none");
      assert.deepEqual(report.warnings, [], preset.name);
    }
  }
});

Deno.test("inspectKey() fixes each case the issue observed", async () => {
  const stripe = await inspectKey(
    "sk_test_" + generateKey({ format: "alnum", length: 24 }),
  );
  assert.equal(stripe.kind?.id, "stripe-secret-test");
  assert.equal(stripe.checksum, "none");
  assert.equal(stripe.prefix, "sk_test");
  const laravel = await inspectKey(generateKey({ preset: "laravel" }));
  assert.equal(laravel.bits, 256);
  const slack = await inspectKey(
    "xoxb-1765367248102-1987469832356-" +
      generateKey({ format: "alnum", length: 24 }),
  );
  assert.equal(slack.kind?.provider, "Slack");
  assert.ok(!slack.warnings.some((w) => /placeholder/.test(w)));
  const horse = await inspectKey("correct horse battery staple");
  assert.ok(horse.warnings.some((w) => /reads like words/.test(w)));
  assert.ok(horse.warnings.some((w) => /means nothing/.test(w)));
  assert.equal(horse.fingerprint, null);
  for (const typed of ["qwertyuiop123456", "asdfghjkl;asdfghjkl;"]) {
    assert.ok(
      (await inspectKey(typed)).warnings.some((w) => /keyboard/.test(w)),
      typed,
    );
  }
  const block = await inspectKey("Xk3p".repeat(12));
  assert.ok(block.warnings.some((w) => /repeats a block/.test(w)));
  // A base64url key that contains "_" is not read as prefix and checksum.
  let underscored = 0;
  while (underscored < 200) {
    const key = generateKey({ preset: "jwt-hs256" });
    if (!key.includes("_")) continue;
    underscored++;
    const report = await inspectKey(key);
    assert.equal(report.checksum, "none");
    assert.equal(report.bits, 256);
  }
});

Deno.test("inspectKey() calls a checksum invalid only for schemes that always carry one", async () => {
  const body = "pHVD1BNY5TOzXhPmOYb7brzB6w2LOe";
  const bad = "ghp_" + body + "25LgEv";
  const github = await inspectKey(bad);
  assert.equal(github.checksum, "invalid");
  assert.ok(github.warnings.some((w) => /checksum does not match/.test(w)));
  const npm = await inspectKey("npm_" + body + checksumOf(body + "x"));
  assert.equal(npm.checksum, "invalid");
  const other = await inspectKey("acme_" + body + "25LgEv");
  assert.equal(other.checksum, "none");
  assert.deepEqual(other.warnings, []);
  const declared = await inspectKey("acme_" + body + "25LgEv", {
    prefixes: ["acme"],
  });
  assert.equal(declared.checksum, "invalid");
  assert.equal(declared.bits, Math.floor(36 * Math.log2(62)));
});

Deno.test("inspectKey() refuses a declared prefix that is not one, and takes an empty one as none", async () => {
  const plain = generateKey({ prefix: "acme", checksum: false });
  assert.equal((await inspectKey(plain, { prefixes: [""] })).checksum, "none");
  for (const prefix of ["Acme", "1x", "a-b", "acme_", "a".repeat(33)]) {
    await assert.rejects(
      inspectKey("acme_abc", { prefixes: [prefix] }),
      RangeError,
      "Cannot use prefix",
    );
  }
});

const WEAK = [
  "482913",
  "deadbeef",
  "password_123456",
  "hunter2hunter2",
  "acme_x1y2z3",
];

Deno.test("inspectKey() of a weak key prints nothing that gives it away", async () => {
  for (const key of WEAK) {
    const report = await inspectKey(key);
    const text = JSON.stringify(report);
    assert.equal(report.fingerprint, null, key);
    assert.ok(report.warnings.some((w) => /^Fingerprint left out/.test(w)));
    assert.ok(!text.includes(await hashKey(key)), key);
    for (let i = 0; i + 5 <= key.length; i++) {
      assert.ok(!text.includes(key.slice(i, i + 5)), `${key} at ${i}: ${text}`);
    }
  }
});

Deno.test("the give-away check catches a report that holds the hash or part of the key", async () => {
  const strong = generateKey();
  const report = await inspectKey(strong);
  assert.ok(JSON.stringify(report).includes(await hashKey(strong)));
  assert.ok(JSON.stringify(report).includes(strong.slice(-3)));
});

Deno.test("inspectKey() refuses empty, multi-line and oversized input, but reads a PEM block", async () => {
  await assert.rejects(
    inspectKey(""),
    new RangeError("Cannot inspect key: it is empty"),
  );
  await assert.rejects(
    inspectKey("a\nb"),
    new RangeError(
      "Cannot inspect key: it spans more than one line; inspect one key at a time",
    ),
  );
  await assert.rejects(
    inspectKey("a".repeat(16_385)),
    new RangeError("Cannot inspect key: it is longer than 16384 characters"),
  );
  const pem =
    "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIB4h5Rkk8bS0nCwz1/yh4ZpfvvLjsfxL5c1YzPo5X6cI\n-----END PRIVATE KEY-----\n";
  const report = await inspectKey(pem);
  assert.equal(report.kind?.id, "pem");
  assert.equal(report.masked, "-----BEGIN PRIVATE KEY-----...");
});

Deno.test("inspectKey() still warns about published and placeholder keys", async () => {
  const cases: ReadonlyArray<[string, RegExp]> = [
    ["AKIAIOSFODNN7EXAMPLE", /AWS documentation's example access key id/],
    ["AKIAZZZZZZZZZZEXAMPLE", /AWS documentation example key/],
    ["sk_test_4eC39HqLyjWDarjtT1zdp7dc", /Stripe's documentation test key/],
    [
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      /Standard Webhooks specification's example/,
    ],
    [
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0",
      /Supabase's published demo tokens/,
    ],
    ["your-api-key-goes-here-please-1234", /placeholder words/],
    ["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", /repeats a block/],
    ["550e8400-e29b-41d4-a716-446655440000", /RFC 9562 section 8/],
  ];
  for (const [key, warning] of cases) {
    const report = await inspectKey(key);
    assert.ok(
      report.warnings.some((w) => warning.test(w)),
      `${key}: ${report.warnings}`,
    );
  }
});

/** Median milliseconds of `runs` calls of `work` on `input`. */
async function medianMs(
  work: (input: string) => unknown,
  input: string,
  runs: number,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work(input);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

/** The cost ratio of `work` on 4x the input, from medians in one run. */
async function growth(
  work: (input: string) => unknown,
  small: string,
  large: string,
): Promise<number> {
  await medianMs(work, small, 3);
  const big = await medianMs(work, large, 7);
  return big / Math.max(await medianMs(work, small, 7), 0.05);
}

const HOSTILE: ReadonlyArray<[string, (n: number) => string]> = [
  ["one character", (n) => "a".repeat(n)],
  ["prefix splits", (n) => "ab_".repeat(n / 3)],
  ["a JWT shape", (n) => "eyJ" + "a".repeat(n - 6) + ".b."],
  ["an open PEM block", (n) => "-----BEGIN " + "A ".repeat((n - 11) / 2)],
  ["Slack dashes", (n) => "xoxb-" + "1-".repeat((n - 5) / 2)],
  ["words", (n) => "horse".repeat(n / 5)],
  ["keyboard runs", (n) => "1234567890qwertyuiop".repeat(n / 20)],
  [
    "period-64 blocks",
    (n) =>
      generateKey({ format: "alnum", length: 63 }).concat("x").repeat(n / 64),
  ],
];

Deno.test("inspectKey() costs linear time on hostile input: 4x the length, well under 16x the time", async () => {
  for (const [name, make] of HOSTILE) {
    const ratio = await growth(inspectKey, make(4096), make(16380));
    assert.ok(ratio < 10, `${name}: ${ratio.toFixed(1)}x for 4x the length`);
  }
});

Deno.test("the growth check catches a quadratic scan", async () => {
  // Every period up to half the length: the repeat check without its cap.
  const quadratic = (text: string) => {
    let same = 0;
    for (let period = 1; period <= text.length / 2; period++) {
      for (let i = period; i < text.length; i++) {
        if (text[i] === text[i - period]) same++;
      }
    }
    return same;
  };
  const ratio = await growth(quadratic, "ab".repeat(512), "ab".repeat(2048));
  assert.ok(ratio >= 10, `${ratio.toFixed(1)}x`);
});

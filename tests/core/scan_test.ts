import assert from "node:assert/strict";
import {
  checksumOf,
  createKeyGenerator,
  KeyScanner,
  keyShapeOf,
  parseKeySpec,
  type RawFinding,
  SCAN_KINDS,
  type ScanKind,
  scanText,
  shapeKind,
} from "@keymint/core";
import { costRatio } from "../_median.ts";

const GITHUB = "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";
const acmeSpec = parseKeySpec({ prefix: "acme_live" });
const acme = createKeyGenerator(acmeSpec);
const KINDS: ScanKind[] = [shapeKind(keyShapeOf(acmeSpec)), ...SCAN_KINDS];

function where(found: readonly RawFinding[]): string[] {
  return found.map((f) => `${f.kind.id}@${f.line}:${f.column}`);
}

Deno.test("KeyScanner finds a key split at every position, once, at the right line and column", () => {
  const key = acme();
  const text = `first line\n\tx = ${key};\n${GITHUB}`;
  const whole = where(scanText(text, KINDS));
  assert.deepEqual(whole, ["keymint-acme-live@2:6", "github-pat-classic@3:1"]);
  for (let a = 0; a <= text.length; a++) {
    const scanner = new KeyScanner(KINDS);
    const found = [
      ...scanner.push(text.slice(0, a)),
      ...scanner.push(text.slice(a)),
      ...scanner.end(),
    ];
    assert.deepEqual(where(found), whole, `split at ${a}`);
    assert.equal(found[0]!.key, key);
  }
  // One character at a time.
  const scanner = new KeyScanner(KINDS);
  const found = [...text].flatMap((c) => scanner.push(c));
  assert.deepEqual(where([...found, ...scanner.end()]), whole);
});

Deno.test("KeyScanner needs a word boundary on both sides and the exact length", () => {
  const key = acme();
  const cases: [string, number][] = [
    [key, 1],
    [`"${key}"`, 1],
    [`-${key}-`, 1],
    [`x${key}`, 0],
    [`_${key}`, 0],
    [`${key}x`, 0],
    [`${key}_`, 0],
    [key.slice(0, -1), 0],
    [`${GITHUB}0`, 0],
    [`${GITHUB.slice(0, -1)}`, 0],
    [`${key} ${key}`, 2],
    [`${key}\n${key}`, 2],
  ];
  for (const [text, count] of cases) {
    assert.equal(scanText(text, KINDS).length, count, text);
  }
});

Deno.test("KeyScanner confirms every checksum: one changed character is never reported", () => {
  const key = acme();
  const alnum =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let reported = 0;
  for (let i = "acme_live_".length; i < key.length; i++) {
    for (const c of alnum) {
      if (c === key[i]) continue;
      const changed = key.slice(0, i) + c + key.slice(i + 1);
      reported += scanText(changed, KINDS).length;
    }
  }
  // CRC-32 catches every single-character change.
  assert.equal(reported, 0);
  assert.equal(scanText(key, KINDS).length, 1);
});

Deno.test("KeyScanner confirms npm tokens by checksum and reports unchecked kinds with their confidence", () => {
  const body = "abcdefghijABCDEFGHIJ0123456789";
  const npm = `npm_${body}${checksumOf(body)}`;
  const found = scanText(
    `${npm} npm_${body}000000 sk_live_${"a1B2".repeat(6)} glrt-${
      "x-Y_z".repeat(4)
    }`,
    SCAN_KINDS,
  );
  assert.deepEqual(
    found.map((f) => [f.kind.id, f.kind.confidence]),
    [
      ["npm-access-token", "confirmed"],
      ["stripe-secret-live", "high"],
      ["gitlab-runner-token", "medium"],
    ],
  );
});

Deno.test("KeyScanner finds keys of a padded base64 shape and a custom alphabet", () => {
  for (
    const options of [
      { prefix: "b64", format: "base64" },
      { prefix: "b64n", format: "base64", checksum: false },
      { prefix: "cu", format: "custom", alphabet: "!#$%&*+-.^~abc" },
    ]
  ) {
    const spec = parseKeySpec(options);
    const next = createKeyGenerator(spec);
    const kinds = [shapeKind(keyShapeOf(spec))];
    const keys = Array.from({ length: 200 }, next);
    const found = scanText(keys.join(" "), kinds);
    assert.deepEqual(found.map((f) => f.key), keys, JSON.stringify(options));
    assert.equal(scanText(`${keys[0]}a`, kinds).length, 0);
  }
});

Deno.test("KeyScanner's cost is linear on adversarial text (a generous ratio of medians)", () => {
  const nasty = [
    "ghp_".repeat(1),
    "acme_live_",
    "_",
    "acme_live_" + "a".repeat(60),
  ];
  for (const unit of nasty) {
    const small = unit.repeat(Math.ceil(250_000 / unit.length));
    const large = unit.repeat(Math.ceil(2_000_000 / unit.length));
    const ratio = costRatio(
      () => scanText(small, KINDS),
      () => scanText(large, KINDS),
    );
    // 8x the text: linear is ~8x; quadratic would be ~64x.
    assert.ok(ratio < 24, `${JSON.stringify(unit.slice(0, 12))}: ${ratio}x`);
  }
});

Deno.test("the linear-cost check catches a quadratic scanner", () => {
  // Re-reads the text from the start at every 2000th character.
  const quadratic = (text: string) => {
    let n = 0;
    for (let i = 0; i < text.length; i += 2000) {
      for (let j = 0; j < i; j++) n += text.charCodeAt(j) & 1;
    }
    return n;
  };
  const small = "ab".repeat(50_000);
  const large = "ab".repeat(400_000);
  const ratio = costRatio(() => quadratic(small), () => quadratic(large));
  assert.ok(ratio >= 24, `${ratio}x`);
});

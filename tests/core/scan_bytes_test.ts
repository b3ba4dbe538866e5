import assert from "node:assert/strict";
import {
  checksumOf,
  createKeyGenerator,
  KeyBytesScanner,
  keyShapeOf,
  parseKeySpec,
  type RawFinding,
  SCAN_KINDS,
  type ScanKind,
  scanText,
  shapeKind,
} from "@keymint/core";
import { SCAN_WASM_BASE64 } from "../../core/_scan_wasm.ts";
import { costRatio } from "../_median.ts";

const specs = [
  parseKeySpec({ prefix: "acme_live" }),
  parseKeySpec({ prefix: "acme_test", format: "hex", bits: 128 }),
  parseKeySpec({ prefix: "b64", format: "base64" }),
  parseKeySpec({ prefix: "cu", format: "custom", alphabet: "!#$%&*+-.^~abc" }),
];
const KINDS: ScanKind[] = [
  ...specs.map((spec) => shapeKind(keyShapeOf(spec))),
  ...SCAN_KINDS,
];
const makers = specs.map((spec) => createKeyGenerator(spec));
const encoder = new TextEncoder();

function ghToken(lead: string, seed: number): string {
  const alnum =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  let body = "";
  for (let i = 0; i < 30; i++) body += alnum[(seed * 7 + i * 13) % 62];
  return `${lead}${body}${checksumOf(body)}`;
}

function where(found: readonly RawFinding[]): string[] {
  return found.map((f) => `${f.kind.id}@${f.line}:${f.column}=${f.key}`);
}

function scanBytes(scanner: KeyBytesScanner, bytes: Uint8Array): RawFinding[] {
  scanner.buffer(bytes.length).set(bytes);
  return scanner.scan(bytes.length);
}

/** Text with keys, look-alikes, identifiers, multi-byte and invalid bytes. */
function mixedText(seed: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let state = seed;
  const next = (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
  const pieces = [
    () => makers[next(makers.length)]!(),
    () => {
      const key = makers[next(makers.length)]!();
      return key.slice(0, -1) + (key.endsWith("a") ? "b" : "a");
    },
    () => ghToken(["ghp_", "npm_", "gho_"][next(3)]!, next(1000)),
    () => `sk_live_${"a1B2".repeat(6 + next(3))}`,
    () => `glrt-${"x-Y_z".repeat(4 + next(3))}`,
    () => "const some_identifier_name = other_value_here;",
    () => "a".repeat(next(40)),
    () => "é€😀",
    () => "\n",
    () => "\r\n",
    () => " ",
    () => "x",
    () => "-",
    () => "=",
  ];
  for (let i = 0; i < 400; i++) {
    if (next(25) === 0) parts.push(new Uint8Array([0xff, 0xc3, 0xe2, 0x82]));
    else parts.push(encoder.encode(pieces[next(pieces.length)]!()));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

Deno.test("the embedded byte pass is core/_scan_bytes.wat as wat2wasm builds it", async (t) => {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command("wat2wasm", {
      args: [
        new URL("../../core/_scan_bytes.wat", import.meta.url).pathname,
        "--output=-",
      ],
      stdout: "piped",
    }).output();
  } catch {
    await t.step({
      name: "wat2wasm (wabt) is not installed",
      ignore: true,
      fn() {},
    });
    return;
  }
  assert.ok(output.success);
  const built = btoa(String.fromCharCode(...output.stdout));
  assert.equal(SCAN_WASM_BASE64, built);
});

Deno.test("KeyBytesScanner finds what scanText finds on the decoded text, with the same lines and columns", () => {
  const scanner = new KeyBytesScanner(KINDS);
  const decoder = new TextDecoder();
  let total = 0;
  for (let seed = 1; seed <= 60; seed++) {
    const bytes = mixedText(seed);
    const expected = where(scanText(decoder.decode(bytes), KINDS));
    assert.deepEqual(
      where(scanBytes(scanner, bytes)),
      expected,
      `seed ${seed}`,
    );
    total += expected.length;
  }
  assert.ok(total > 1000, `only ${total} keys planted`);
});

Deno.test("KeyBytesScanner reads keys at either end, in long runs, after many runs, and in a reused buffer", () => {
  const scanner = new KeyBytesScanner(KINDS);
  const key = makers[0]!();
  const cases = [
    key,
    `${key}\n`,
    `\n\n${key}`,
    `é${key}`,
    `${"a-".repeat(5000)} ${key}`,
    `${"a".repeat(9000)}-${key}`,
    `${"x_y ".repeat(30)}${key}`,
    // More long runs than the pass writes out at once (4096).
    `${`${"b".repeat(40)} `.repeat(5000)}${key}`,
  ];
  for (const text of cases) {
    const expected = where(scanText(text, KINDS));
    assert.ok(expected.length >= 1);
    assert.deepEqual(where(scanBytes(scanner, encoder.encode(text))), expected);
  }
  // A short text after a long one: nothing left over from before counts.
  assert.deepEqual(where(scanBytes(scanner, encoder.encode("ghp_"))), []);
  assert.deepEqual(where(scanBytes(scanner, new Uint8Array(0))), []);
});

Deno.test("KeyBytesScanner falls back to the text scanner for non-ASCII and very short shapes", () => {
  for (
    const options of [
      { prefix: "uni", format: "custom", alphabet: "äöüabcdefghijklmnop" },
      { prefix: "w", format: "hex", bits: 8, checksum: false, allowWeak: true },
    ]
  ) {
    const spec = parseKeySpec(options);
    const next = createKeyGenerator(spec);
    const kinds = [shapeKind(keyShapeOf(spec)), ...SCAN_KINDS];
    const text = Array.from({ length: 50 }, next).join(" é\n ");
    const expected = where(scanText(text, kinds));
    assert.equal(expected.length, 50, JSON.stringify(options));
    assert.deepEqual(
      where(scanBytes(new KeyBytesScanner(kinds), encoder.encode(text))),
      expected,
    );
  }
});

Deno.test("KeyBytesScanner's cost is linear on adversarial bytes (a generous ratio of medians)", () => {
  const scanner = new KeyBytesScanner(KINDS);
  for (
    const unit of [
      "a",
      "_",
      "acme_live_",
      "acme_live_" + "a".repeat(60),
      "a ".repeat(8) + "b".repeat(31),
    ]
  ) {
    const small = encoder.encode(unit.repeat(Math.ceil(250_000 / unit.length)));
    const large = encoder.encode(
      unit.repeat(Math.ceil(2_000_000 / unit.length)),
    );
    const ratio = costRatio(
      () => scanBytes(scanner, small),
      () => scanBytes(scanner, large),
    );
    // 8x the text: linear is ~8x; quadratic would be ~64x.
    assert.ok(ratio < 24, `${JSON.stringify(unit.slice(0, 12))}: ${ratio}x`);
  }
});

Deno.test("KeyBytesScanner refuses to scan more bytes than its buffer holds", () => {
  for (
    const kinds of [KINDS, [
      shapeKind(
        keyShapeOf(parseKeySpec({ prefix: "w", bits: 8, allowWeak: true })),
      ),
    ]]
  ) {
    const scanner = new KeyBytesScanner(kinds);
    const room = scanner.buffer(10).length;
    assert.deepEqual(scanner.scan(room), []);
    for (const length of [room + 1, -1, Number.NaN]) {
      assert.throws(() => scanner.scan(length), {
        name: "RangeError",
        message: `Cannot scan ${length} bytes: the buffer holds ${room}`,
      });
    }
  }
});

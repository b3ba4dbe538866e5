import assert from "node:assert/strict";
import {
  type CharClass,
  checksumOf,
  generateKey,
  KEY_KINDS,
  type KeyKind,
  PRESETS,
  recogniseKind,
} from "@keymint/core";
import { inClass, matchesShape } from "../../core/_shape.ts";

const DIGITS = "0123456789";
const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const ALNUM = DIGITS + UPPER + LOWER;

/** Every class spelled out by hand, to compare with the code's tests. */
const CLASS_CHARS: Record<Exclude<CharClass, "pem-body">, string> = {
  "digits": DIGITS,
  "hex": DIGITS + "abcdef",
  "hex-upper": DIGITS + "ABCDEF",
  "hex-any-case": DIGITS + "abcdefABCDEF",
  "alnum": ALNUM,
  "alnum-upper": DIGITS + UPPER,
  "alnum-lower": DIGITS + LOWER,
  "base32": UPPER + "234567",
  "base64": ALNUM + "+/",
  "base64url": ALNUM + "-_",
  "base64url-dot": ALNUM + "-_.",
  "base64-any": ALNUM + "+/-_",
  "slack": ALNUM + "-",
  "django": LOWER + DIGITS + "!@#$%^&*(-_=+)",
  "pad": "=",
  "pem-label": UPPER + DIGITS + " ",
  "newline": "\n\r",
};

Deno.test("every character class holds exactly its characters among the first 256 code units", () => {
  for (const [name, chars] of Object.entries(CLASS_CHARS)) {
    for (let c = 0; c < 256; c++) {
      const char = String.fromCharCode(c);
      assert.equal(
        inClass(name as CharClass, c),
        chars.includes(char),
        `${name} and ${JSON.stringify(char)}`,
      );
    }
  }
  for (let c = 0; c < 256; c++) {
    assert.equal(inClass("pem-body", c), c !== 45);
  }
});

/** Draws a deterministic value of a row's shape, `pick` choosing lengths. */
function sample(kind: KeyKind, pick: "min" | "max", seed: number): string {
  let text = kind.prefix;
  let state = seed;
  for (const part of kind.shape) {
    if (typeof part === "string") {
      text += part;
      continue;
    }
    const chars = part.chars === "pem-body"
      ? ALNUM + "+/=\n"
      : CLASS_CHARS[part.chars];
    const count = Math.max(1, part[pick] > 200 ? 200 : part[pick]);
    for (let i = 0; i < (part.min === 0 && pick === "min" ? 0 : count); i++) {
      state = (state * 1103515245 + 12345) % 2147483648;
      text += chars[state % chars.length];
    }
  }
  if (kind.checksum === "crc32-base62") {
    const body = text.slice(kind.prefix.length, -6);
    text = kind.prefix + body + checksumOf(body);
  }
  return text;
}

Deno.test("the table has at least 25 kinds, distinct ids, each with an https source", () => {
  assert.ok(KEY_KINDS.length >= 25, String(KEY_KINDS.length));
  assert.equal(
    new Set(KEY_KINDS.map((kind) => kind.id)).size,
    KEY_KINDS.length,
  );
  for (const kind of KEY_KINDS) {
    assert.match(kind.source, /^https:\/\/[a-z0-9.-]+\//, kind.id);
  }
  const providers = new Set(KEY_KINDS.map((kind) => kind.provider));
  for (
    const provider of [
      "GitHub",
      "GitLab",
      "Slack",
      "Stripe",
      "AWS",
      "Google",
      "OpenAI",
      "Anthropic",
      "npm",
      "PyPI",
      "Docker Hub",
      "Twilio",
      "SendGrid",
      "Shopify",
      "Standard Webhooks",
      "keymint",
      "JWT",
      "UUID",
      "PEM",
    ]
  ) assert.ok(providers.has(provider), provider);
});

Deno.test("recogniseKind() names every row for values of its shortest and longest shape, none shadowed", () => {
  for (const kind of KEY_KINDS) {
    for (const pick of ["min", "max"] as const) {
      for (let seed = 1; seed <= 20; seed++) {
        const text = sample(kind, pick, seed);
        const found = recogniseKind(text);
        // A generic UUID drawn with version digit 4 or 7 is that version.
        const version = kind.id === "uuid" ? text[14] : "";
        const id = version === "4" || version === "7"
          ? `uuid-v${version}`
          : kind.id;
        assert.equal(found?.kind.id, id, `${kind.id}: ${text}`);
        const expected = kind.checksum === null ? "none" : "valid";
        assert.equal(found?.checksum, expected, kind.id);
      }
    }
  }
});

Deno.test("recogniseKind() reports a bad checksum as invalid only for kinds that always carry one", () => {
  for (const kind of KEY_KINDS.filter((row) => row.checksum !== null)) {
    const good = sample(kind, "min", 7);
    const last = good.at(-1) === "A" ? "B" : "A";
    const bad = good.slice(0, -1) + last;
    const found = recogniseKind(bad);
    assert.equal(found?.kind.id, kind.id);
    assert.equal(found?.checksum, "invalid", kind.id);
  }
  assert.ok(KEY_KINDS.some((row) => row.checksum !== null));
});

Deno.test("recogniseKind() recognises published examples and refuses near misses", () => {
  const cases: ReadonlyArray<[string, string | undefined]> = [
    ["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", "github-pat-classic"],
    ["ghp_pHVD1BNY5TOzXhPmOYb7brzB6w2LOe25LgE", undefined],
    ["AKIAIOSFODNN7EXAMPLE", "aws-access-key-id"],
    ["AKIAIOSFODNN7EXAMPL", undefined],
    ["akiaIOSFODNN7EXAMPLE", undefined],
    ["sk_test_4eC39HqLyjWDarjtT1zdp7dc", "stripe-secret-test"],
    ["pk_test_TYooMQauvdEDq54NiTphI7jx", "stripe-publishable-test"],
    ["sk_test_4eC39HqLyjWDarjt", undefined],
    ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "standard-webhooks-secret"],
    ["550e8400-e29b-41d4-a716-446655440000", "uuid-v4"],
    ["017f22e2-79b0-7cc3-98c4-dc0c0c07398f", "uuid-v7"],
    ["6ba7b810-9dad-11d1-80b4-00c04fd430c8", "uuid"],
    ["550e8400-e29b-41d4-a716-44665544000", undefined],
    ["hello world", undefined],
    ["", undefined],
  ];
  for (const [text, id] of cases) {
    assert.equal(recogniseKind(text)?.kind.id, id, text);
  }
});

Deno.test("recogniseKind() gives each keymint preset its own row and exact bits", () => {
  for (const preset of PRESETS) {
    for (let i = 0; i < 200; i++) {
      const found = recogniseKind(generateKey({ preset: preset.name }));
      assert.equal(
        found?.kind.provider,
        preset.name === "standard-webhooks" ? "Standard Webhooks" : "keymint",
        preset.name,
      );
      assert.ok(found?.kind.type.includes(preset.name), preset.name);
      assert.equal(found?.bits, preset.bits, preset.name);
    }
  }
});

Deno.test("recogniseKind() confirms keymint checksums and declared prefixes", () => {
  const key = generateKey({ prefix: "acme_live" });
  const found = recogniseKind(key);
  assert.equal(found?.kind.id, "keymint-structured");
  assert.equal(found?.checksum, "valid");
  assert.equal(found?.prefix, "acme_live_");
  assert.equal(found?.body, key.slice(10, -6));
  const plain = generateKey({ prefix: "acme", checksum: false });
  assert.equal(recogniseKind(plain), undefined);
  const declared = recogniseKind(plain, { prefixes: ["acme"] });
  assert.equal(declared?.checksum, "invalid");
  assert.equal(declared?.body, plain.slice(5));
  assert.equal(
    recogniseKind(key, { prefixes: ["acme_live"] })?.checksum,
    "valid",
  );
});

Deno.test("no row puts a literal after a variable run that could swallow it", () => {
  // Matching is greedy without backtracking, which keeps it linear; a run
  // followed by a literal its class could swallow would then never match.
  assert.equal(
    matchesShape("aaaa", [{ chars: "alnum", min: 1, max: 9 }, "a"]),
    false,
  );
  assert.equal(
    matchesShape("aaaa", [{ chars: "alnum", min: 3, max: 3 }, "a"]),
    true,
  );
  for (const kind of KEY_KINDS) {
    kind.shape.forEach((part, index) => {
      const next = kind.shape[index + 1];
      if (typeof part === "string" || typeof next !== "string") return;
      if (part.min === part.max) return;
      assert.ok(!inClass(part.chars, next.charCodeAt(0)), kind.id);
    });
  }
});

import assert from "node:assert/strict";
import {
  generateKey,
  type KeyOptions,
  maskKey,
  parseKeySpec,
  PRESETS,
} from "@keymint/core";

/**
 * The bits a masked form reveals of a body drawn from `alphabet` symbols.
 * It must be the prefix, "...", then the end of the body (so never a
 * checksum character); each shown character carries log2(alphabet) bits.
 */
function shownBits(
  masked: string,
  prefix: string,
  body: string,
  alphabet: number,
): number {
  assert.ok(masked.startsWith(`${prefix}...`), masked);
  const shown = masked.slice(prefix.length + 3);
  assert.ok(body.endsWith(shown), `${masked} shows what is not the body's end`);
  return Array.from(shown).length * Math.log2(alphabet);
}

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

const EXPECTED_SHOWN: Readonly<Record<string, number>> = {
  hex: 6,
  base64: 4,
  base64url: 4,
  base32: 4,
  crockford: 4,
  base58: 4,
  alnum: 4,
  digits: 7,
};

function check(options: KeyOptions, runs: number): void {
  const spec = parseKeySpec(options);
  // Only a checksum confirms a prefix; without one the key is one text.
  const prefix = spec.prefix === undefined || !spec.checksum
    ? ""
    : `${spec.prefix}_`;
  for (let i = 0; i < runs; i++) {
    const key = generateKey(options);
    const masked = maskKey(key);
    const body = key.slice(prefix.length, spec.checksum ? -6 : undefined);
    const bits = shownBits(masked, prefix, body, spec.alphabet.length);
    assert.ok(bits <= 24, `${JSON.stringify(options)}: ${masked}`);
  }
}

Deno.test("maskKey() shows at most 24 bits of the body for every format, with and without prefix and checksum", () => {
  for (const format of FORMAT_NAMES) {
    check({ format }, 200);
    check({ format, bits: 128 }, 200);
    if (format === "base64url") continue;
    check({ format, prefix: "ks_live" }, 200);
    check({ format, prefix: "acme", checksum: false }, 200);
    const key = generateKey({ format, prefix: "ks_live" });
    const masked = maskKey(key);
    assert.equal(
      masked,
      `ks_live_...${key.slice(-6 - EXPECTED_SHOWN[format]!, -6)}`,
      format,
    );
  }
});

Deno.test("maskKey() shows at most 24 bits for every preset and for custom alphabets of 2 to 256 characters", () => {
  for (const preset of PRESETS) {
    for (let i = 0; i < 100; i++) {
      const key = generateKey({ preset: preset.name });
      const masked = maskKey(key);
      const lead = masked.slice(0, masked.indexOf("..."));
      const bits = shownBits(masked, lead, key, preset.alphabet.length);
      assert.ok(bits <= 24, `${preset.name}: ${masked}`);
    }
  }
  const symbols = Array.from(
    { length: 256 },
    (_, i) => String.fromCodePoint(0x100 + i),
  ).join("");
  for (const size of [2, 3, 10, 16, 17, 62, 95, 200, 256]) {
    const alphabet = symbols.slice(0, size);
    // At least 128 bits, so the key is not refused as weak.
    const length = Math.ceil(128 / Math.log2(size)) + 1;
    check({ format: "custom", alphabet, length }, 50);
  }
});

Deno.test("the 24-bit check catches the old mask and one character too many", () => {
  const key = generateKey({ prefix: "ks_live", bits: 128 });
  const body = key.slice(8, -6);
  // The old form: four characters at each end, the last four of them checksum.
  const old = `ks_live_${key.slice(8, 12)}...${key.slice(-4)}`;
  assert.throws(() => shownBits(old, "ks_live_", body, 62));
  const tail = `ks_live_...${key.slice(-10)}`;
  assert.throws(() => shownBits(tail, "ks_live_", body, 62));
  const five = `ks_live_...${body.slice(-5)}`;
  assert.ok(shownBits(five, "ks_live_", body, 62) > 24);
  assert.ok(
    shownBits(`ks_live_...${body.slice(-4)}`, "ks_live_", body, 62) <= 24,
  );
});

Deno.test("maskKey() never shows a checksum character, even of a mistyped key", () => {
  const good = "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";
  assert.equal(maskKey(good), "ghp_...2LOe");
  assert.equal(maskKey(good.slice(0, -1) + "v"), "ghp_...2LOe");
  const plain = generateKey({ prefix: "acme", checksum: false });
  assert.equal(
    maskKey(plain, { prefixes: ["acme"] }),
    `acme_...${plain.slice(-10, -6)}`,
  );
  assert.equal(maskKey(plain), `...${plain.slice(-4)}`);
});

Deno.test("maskKey() shows nothing of a body too short to spare 24 bits", () => {
  for (const key of ["short", "abcdefghijklmno", "482913", "ks_live_abc"]) {
    assert.ok(maskKey(key).endsWith("..."), maskKey(key));
  }
});

Deno.test("maskKey() counts characters, not UTF-16 units, and shows three of a 256-symbol alphabet", () => {
  assert.equal(maskKey("🔑🔒🔓".repeat(6)), "...🔑🔒🔓");
  assert.equal(maskKey("ks_live_" + "é".repeat(11)), "...ééé");
});

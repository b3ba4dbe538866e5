import assert from "node:assert/strict";
import {
  findPreset,
  generateKey,
  generateKeys,
  parseKeySpec,
  PRESETS,
} from "@keymint/core";

/** The preset table (docs/ARCHITECTURE.md, "The contract the tests check"): value shape and env var. */
const EXPECTED: Record<string, [RegExp, string]> = {
  laravel: [/^base64:[A-Za-z0-9+/]{43}=$/, "APP_KEY"],
  django: [/^[a-z0-9!@#$%^&*(\-_=+)]{50}$/, "SECRET_KEY"],
  rails: [/^[0-9a-f]{128}$/, "SECRET_KEY_BASE"],
  "rails-master-key": [/^[0-9a-f]{32}$/, "RAILS_MASTER_KEY"],
  authjs: [/^[A-Za-z0-9+/]{43}=$/, "AUTH_SECRET"],
  fernet: [/^[A-Za-z0-9_-]{43}=$/, "FERNET_KEY"],
  symfony: [/^[0-9a-f]{32}$/, "APP_SECRET"],
  phoenix: [/^[A-Za-z0-9+/]{64}$/, "SECRET_KEY_BASE"],
  flask: [/^[0-9a-f]{64}$/, "SECRET_KEY"],
  "jwt-hs256": [/^[A-Za-z0-9_-]{43}$/, "JWT_SECRET"],
  "jwt-hs384": [/^[A-Za-z0-9_-]{64}$/, "JWT_SECRET"],
  "jwt-hs512": [/^[A-Za-z0-9_-]{86}$/, "JWT_SECRET"],
  "standard-webhooks": [/^whsec_[A-Za-z0-9+/]{43}=$/, "WEBHOOK_SECRET"],
  "github-webhook": [/^[0-9a-f]{64}$/, "GITHUB_WEBHOOK_SECRET"],
  "aes-256": [/^[A-Za-z0-9+/]{43}=$/, "ENCRYPTION_KEY"],
  "aes-128": [/^[A-Za-z0-9+/]{22}==$/, "ENCRYPTION_KEY"],
};

function decodeBase64(text: string): Uint8Array {
  return Uint8Array.from(
    atob(text.replaceAll("-", "+").replaceAll("_", "/")),
    (c) => c.charCodeAt(0),
  );
}

Deno.test("PRESETS holds every preset of the design table, each with env var and https source", () => {
  assert.deepEqual(
    PRESETS.map((preset) => preset.name).sort(),
    Object.keys(EXPECTED).sort(),
  );
  for (const preset of PRESETS) {
    assert.equal(preset.env, EXPECTED[preset.name]![1], preset.name);
    assert.match(preset.source, /^https:\/\/[a-z0-9.-]+\//, preset.name);
    assert.ok(preset.output.length > 10);
    assert.ok(preset.bits >= 128, preset.name);
  }
});

Deno.test("generateKey() makes each preset in its framework's exact shape", () => {
  for (const preset of PRESETS) {
    for (let i = 0; i < 20; i++) {
      const value = generateKey({ preset: preset.name });
      assert.match(value, EXPECTED[preset.name]![0], preset.name);
      assert.equal(value.length, preset.length, preset.name);
    }
  }
});

Deno.test("byte presets decode to the right number of bytes", () => {
  const sizes: Record<string, number> = {
    laravel: 32,
    authjs: 32,
    fernet: 32,
    "standard-webhooks": 32,
    "aes-256": 32,
    "aes-128": 16,
    "jwt-hs256": 32,
    "jwt-hs384": 48,
    "jwt-hs512": 64,
    phoenix: 48,
  };
  for (const [name, bytes] of Object.entries(sizes)) {
    const value = generateKey(parseKeySpec({ preset: name })).replace(
      /^(base64:|whsec_)/,
      "",
    );
    assert.equal(decodeBase64(value).length, bytes, name);
  }
});

Deno.test("parseKeySpec() carries a preset's env and count into generateKeys()", () => {
  const keys = generateKeys(parseKeySpec({ preset: "laravel", count: "3" }));
  assert.equal(keys.length, 3);
  for (const key of keys) {
    assert.equal(key.preset, "laravel");
    assert.equal(key.env, "APP_KEY");
    assert.equal(key.bits, 256);
    assert.equal(key.length, 51);
  }
  assert.equal(new Set(keys.map((key) => key.value)).size, 3);
});

Deno.test("findPreset() ignores case and suggests a close name", () => {
  assert.equal(findPreset("Django").name, "django");
  assert.throws(() => findPreset("jwt-hs265"), /did you mean "jwt-hs256"\?/);
});

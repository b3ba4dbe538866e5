import assert from "node:assert/strict";
import { PRESETS } from "@keymint/core";
import { runWith } from "./_run_with.ts";

Deno.test("keymint preset lists every preset with its env var", async () => {
  const { code, stdout, stderr } = await runWith(["preset"]);
  assert.equal(code, 0);
  assert.equal(stderr, "");
  const rows = stdout.trimEnd().split("\n");
  assert.match(rows[0]!, /^NAME\s+ENV\s+OUTPUT$/);
  assert.equal(rows.length, PRESETS.length + 1);
  for (const preset of PRESETS) {
    assert.ok(
      rows.some((row) =>
        row.split(/\s+/)[0] === preset.name && row.includes(preset.env)
      ),
      preset.name,
    );
  }
});

Deno.test("keymint preset --json writes the preset table as one JSON array", async () => {
  const { stdout } = await runWith(["preset", "--json"]);
  const table = JSON.parse(stdout);
  assert.deepEqual(
    table.map((p: { name: string }) => p.name),
    PRESETS.map((p) => p.name),
  );
});

Deno.test("keymint preset NAME writes a value in that framework's shape", async () => {
  const shapes: Record<string, RegExp> = {
    laravel: /^base64:[A-Za-z0-9+/]{43}=$/,
    django: /^[a-z0-9!@#$%^&*(\-_=+)]{50}$/,
    rails: /^[0-9a-f]{128}$/,
    "rails-master-key": /^[0-9a-f]{32}$/,
    fernet: /^[A-Za-z0-9_-]{43}=$/,
    "jwt-hs512": /^[A-Za-z0-9_-]{86}$/,
    "standard-webhooks": /^whsec_[A-Za-z0-9+/]{43}=$/,
  };
  for (const [name, shape] of Object.entries(shapes)) {
    const { code, stdout, stderr } = await runWith(["preset", name]);
    assert.equal(code, 0, name);
    assert.equal(stderr, "", name);
    assert.match(stdout.trimEnd(), shape, name);
  }
});

Deno.test("keymint preset NAME --env uses the preset's own variable", async () => {
  const { stdout } = await runWith(["preset", "laravel", "--env"]);
  assert.match(stdout, /^APP_KEY=base64:[A-Za-z0-9+/]{43}=\n$/);
  const before = await runWith(["preset", "--env", "flask"]);
  assert.match(before.stdout, /^SECRET_KEY=[0-9a-f]{64}\n$/);
});

Deno.test("keymint preset NAME --env VAR renames the variable", async () => {
  assert.match(
    (await runWith(["preset", "rails", "--env", "MY_BASE"])).stdout,
    /^MY_BASE=[0-9a-f]{128}\n$/,
  );
  assert.match(
    (await runWith(["preset", "rails", "--env=lower_ok"])).stdout,
    /^lower_ok=[0-9a-f]{128}\n$/,
  );
});

Deno.test("keymint preset django --env single-quotes the value for .env files", async () => {
  const { stdout } = await runWith(["preset", "django", "--env"]);
  assert.match(stdout, /^SECRET_KEY='[a-z0-9!@#$%^&*(\-_=+)]{50}'\n$/);
});

Deno.test("keymint preset NAME --count and -n write several values", async () => {
  for (const flag of ["--count", "-n"]) {
    const { stdout } = await runWith(["preset", "symfony", flag, "4"]);
    const values = stdout.trimEnd().split("\n");
    assert.equal(values.length, 4);
    for (const value of values) assert.match(value, /^[0-9a-f]{32}$/);
  }
});

Deno.test("keymint preset NAME --json names the preset and its env var", async () => {
  const [key] = JSON.parse(
    (await runWith(["preset", "authjs", "--json"])).stdout,
  );
  assert.equal(key.preset, "authjs");
  assert.equal(key.env, "AUTH_SECRET");
  assert.equal(key.value.length, key.length);
});

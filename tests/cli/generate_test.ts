import assert from "node:assert/strict";
import { checksumOf, parseStructuredKey } from "@keymint/core";
import { run } from "../../cli/run.ts";
import { fakeIo } from "./_fake_io.ts";
import { runWith } from "./_run_with.ts";

function lines(text: string): string[] {
  assert.ok(text.endsWith("\n"), "output ends with a newline");
  return text.slice(0, -1).split("\n");
}

Deno.test("keymint FORMAT writes a key in each format's alphabet and length", async () => {
  const cases: [string, RegExp][] = [
    ["hex", /^[0-9a-f]{64}$/],
    ["base64", /^[A-Za-z0-9+/]{43}=$/],
    ["base64url", /^[A-Za-z0-9_-]{43}$/],
    ["base32", /^[A-Z2-7]{52}$/],
    ["crockford", /^[0-9a-hjkmnp-tv-z]{52}$/],
    ["base58", /^[1-9A-HJ-NP-Za-km-z]{44}$/],
    ["alnum", /^[0-9A-Za-z]{43}$/],
    ["alphanumeric", /^[0-9A-Za-z]{43}$/],
    ["base62", /^[0-9A-Za-z]{43}$/],
    ["digits", /^[0-9]{78}$/],
  ];
  for (const [format, shape] of cases) {
    const { code, stdout, stderr } = await runWith([format]);
    assert.equal(code, 0, format);
    assert.equal(stderr, "", format);
    assert.match(lines(stdout)[0]!, shape, format);
  }
});

Deno.test("keymint --bits and -b size the key by entropy", async () => {
  assert.match((await runWith(["--bits", "128"])).stdout, /^[0-9a-f]{32}\n$/);
  assert.match(
    (await runWith(["base64url", "-b", "128"])).stdout,
    /^[\w-]{22}\n$/,
  );
});

Deno.test("keymint --length and -l give an exact number of characters", async () => {
  assert.match(
    (await runWith(["alnum", "--length", "40"])).stdout,
    /^[0-9A-Za-z]{40}\n$/,
  );
  assert.match((await runWith(["digits", "-l", "200"])).stdout, /^\d{200}\n$/);
});

Deno.test("keymint --count and -n write one distinct key a line", async () => {
  const { stdout } = await runWith(["-n", "500", "base58"]);
  const keys = lines(stdout);
  assert.equal(keys.length, 500);
  assert.equal(new Set(keys).size, 500);
  assert.equal((await runWith(["--count", "3"])).stdout.split("\n").length, 4);
});

Deno.test("keymint --alphabet draws only from the given characters", async () => {
  const { stdout } = await runWith(["--alphabet", "xyz", "--length", "300"]);
  assert.match(stdout, /^[xyz]{300}\n$/);
  // 300 draws from three characters use all three.
  for (const c of "xyz") assert.ok(stdout.includes(c));
  const custom = await runWith(["custom", "--alphabet", "01"]);
  assert.match(custom.stdout, /^[01]{256}\n$/);
});

Deno.test("keymint --prefix and -p write a checksummed structured key", async () => {
  for (const flag of ["--prefix", "-p"]) {
    const { stdout } = await runWith([flag, "sk_live"]);
    const key = lines(stdout)[0]!;
    assert.match(key, /^sk_live_[0-9A-Za-z]+$/);
    const parsed = parseStructuredKey(key);
    assert.equal(parsed?.prefix, "sk_live");
    assert.equal(parsed?.valid, true);
    assert.equal(parsed?.checksum, checksumOf(parsed!.body));
  }
});

Deno.test("keymint --prefix --no-checksum leaves the checksum off", async () => {
  const { stdout } = await runWith([
    "--prefix",
    "tok",
    "--no-checksum",
    "--json",
  ]);
  const [key] = JSON.parse(stdout);
  assert.equal(key.checksum, false);
  assert.equal(key.prefix, "tok");
  assert.equal(key.value.length, key.length);
  const withSum =
    JSON.parse((await runWith(["--prefix", "tok", "--json"])).stdout)[0];
  assert.equal(withSum.length, key.length + 6);
});

Deno.test("keymint --json writes one JSON array with value, format, bits and length", async () => {
  const { code, stdout, stderr } = await runWith([
    "base64",
    "-n",
    "3",
    "--json",
  ]);
  assert.equal(code, 0);
  assert.equal(stderr, "");
  const keys = JSON.parse(stdout);
  assert.equal(keys.length, 3);
  for (const key of keys) {
    assert.equal(key.format, "base64");
    assert.equal(key.bits, 256);
    assert.equal(key.length, 44);
    assert.equal(key.value.length, 44);
  }
});

Deno.test("keymint --json stays one document across many write chunks", async () => {
  const fake = fakeIo();
  assert.equal(await run(["-n", "5000", "--json"], fake.io), 0);
  assert.ok(fake.stdoutWrites() > 3, "streamed in several writes");
  const keys = JSON.parse(fake.stdout());
  assert.equal(keys.length, 5000);
  assert.equal(new Set(keys.map((k: { value: string }) => k.value)).size, 5000);
});

Deno.test("keymint --env NAME writes one NAME=key line", async () => {
  const { stdout } = await runWith(["--env", "SESSION_SECRET"]);
  assert.match(stdout, /^SESSION_SECRET=[0-9a-f]{64}\n$/);
});

Deno.test("keymint --env quotes a value with shell-special characters", async () => {
  const { stdout } = await runWith([
    "--alphabet",
    "#$ab",
    "--length",
    "30",
    "--env",
    "X",
  ]);
  assert.match(stdout, /^X='[#$ab]{30}'\n$/);
  const single = await runWith([
    "--alphabet",
    "'ab",
    "--length",
    "30",
    "--env",
    "X",
  ]);
  assert.match(single.stdout, /^X="['ab]{30}"\n$/);
});

Deno.test("keymint --env refuses an alphabet that no quote makes safe", async () => {
  const { code, stdout, stderr } = await runWith([
    "--alphabet",
    `'"ab`,
    "--env",
    "X",
  ]);
  assert.equal(code, 2);
  assert.equal(stdout, "");
  assert.match(stderr, /both kinds of quote/);
});

Deno.test("keymint below 128 bits warns on stderr and still writes the key", async () => {
  const { code, stdout, stderr } = await runWith(["--bits", "64"]);
  assert.equal(code, 0);
  assert.match(stdout, /^[0-9a-f]{16}\n$/);
  assert.match(stderr, /^keymint: warning: [^\n]*64 bits[^\n]*128[^\n]*\n$/);
  const json = JSON.parse((await runWith(["--bits", "64", "--json"])).stdout);
  assert.ok(json[0].warnings.length > 0);
});

Deno.test("keymint takes the FORMAT after the flags too, and -- ends the flags", async () => {
  assert.match(
    (await runWith(["-b", "128", "base32"])).stdout,
    /^[A-Z2-7]{26}\n$/,
  );
  assert.match((await runWith(["--", "base32"])).stdout, /^[A-Z2-7]{52}\n$/);
});

Deno.test("keymint -n 1000000 streams in chunks without holding the output", async () => {
  const fake = fakeIo();
  assert.equal(await run(["-n", "1000000"], fake.io), 0);
  assert.equal(fake.stdoutBytes(), 65 * 1_000_000);
  assert.ok(fake.stdoutWrites() >= 500, `${fake.stdoutWrites()} writes`);
});

Deno.test("keymint stops at once when stdout closes mid-stream", async () => {
  const fake = fakeIo({ stdoutClosesAfter: 100_000 });
  assert.equal(await run(["-n", "1000000000"], fake.io), 0);
  assert.ok(fake.stdoutBytes() < 1_000_000);
  assert.equal(fake.stderr(), "");
});

Deno.test("keymint shows a progress line after a second when stdout is a file and stderr a terminal", async () => {
  // Each call to now() moves the fake clock 300 ms on.
  const clock = Array.from({ length: 10_000 }, (_, i) => i * 300);
  const fake = fakeIo({ stderrIsTerminal: true, clock });
  assert.equal(await run(["-n", "20000"], fake.io), 0);
  const stderr = fake.stderr();
  assert.match(
    stderr,
    // The line starts with CR and ESC [K (erase line): drawn in place.
    // deno-lint-ignore no-control-regex
    /\r\x1b\[Kkeymint: [\d,]+ of 20,000 keys \(\d+%\), \d+\.\d s/,
  );
  assert.ok(stderr.endsWith("\r\x1b[K"), "the line is cleared at the end");
});

Deno.test("keymint shows no progress line on a terminal stdout, a piped stderr, NO_COLOR or a short run", async () => {
  const slow = Array.from({ length: 10_000 }, (_, i) => i * 300);
  const cases = [
    { stderrIsTerminal: true, stdoutIsTerminal: true, clock: slow },
    { stderrIsTerminal: false, clock: slow },
    { stderrIsTerminal: true, env: { NO_COLOR: "1" }, clock: slow },
    { stderrIsTerminal: true, clock: [0] },
  ];
  for (const options of cases) {
    const fake = fakeIo(options);
    assert.equal(await run(["-n", "20000"], fake.io), 0);
    assert.equal(fake.stderr(), "", JSON.stringify(options));
  }
});

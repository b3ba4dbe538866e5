/**
 * `--write FILE`: dotenv files edited in place, read back by two
 * independent parsers (npm dotenv, and bash's `set -a; . FILE`).
 */

import assert from "node:assert/strict";
import dotenv from "dotenv";
import { parseKeySpec, PRESETS } from "@keymint/core/keys";
import { runWith, USAGE_ERROR } from "./_run_with.ts";

async function folder(): Promise<string> {
  return await Deno.makeTempDir({ prefix: "keymint-write-" });
}

/** What bash reads for `name` from `file` with `set -a; . FILE`. */
async function bashValue(file: string, name: string): Promise<string> {
  const { code, stdout } = await new Deno.Command("bash", {
    args: ["-c", `set -a; . "$1"; printf %s "\${${name}}"`, "bash", file],
    stdout: "piped",
  }).output();
  assert.equal(code, 0);
  return new TextDecoder().decode(stdout);
}

Deno.test("--write creates a 0600 file with one line, says so on stderr, prints nothing", async () => {
  const dir = await folder();
  const file = `${dir}/.env`;
  const outcome = await runWith(["--env", "SESSION_SECRET", "--write", file]);
  assert.equal(outcome.code, 0);
  assert.equal(outcome.stdout, "");
  const text = await Deno.readTextFile(file);
  assert.match(text, /^SESSION_SECRET=[0-9a-f]{64}\n$/);
  const key = text.slice("SESSION_SECRET=".length, -1);
  assert.equal(
    outcome.stderr,
    `keymint: set SESSION_SECRET in ${file} (${key.slice(0, 4)}...${
      key.slice(-4)
    })\n`,
  );
  assert.ok(!outcome.stderr.includes(key));
  if (Deno.build.os !== "windows") {
    assert.equal((await Deno.stat(file)).mode! & 0o777, 0o600);
  }
  const quiet = await runWith(["--env", "B", "--write", file, "-q"]);
  assert.equal(quiet.code, 0);
  assert.equal(quiet.stderr, "");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("--write replaces an empty NAME= and changes no other byte", async () => {
  const dir = await folder();
  const file = `${dir}/.env`;
  const before = "# app\r\nDB_HOST=x\r\n  export APP_KEY= # set me\r\n" +
    "QUOTED=\"a b\" # c\r\n\r\nLAST='y'";
  await Deno.writeTextFile(file, before);
  await Deno.chmod(file, 0o640);
  const inode = (await Deno.stat(file)).ino;
  const outcome = await runWith(["preset", "laravel", "--write", file]);
  assert.equal(outcome.code, 0, outcome.stderr);
  const after = await Deno.readTextFile(file);
  const head = "# app\r\nDB_HOST=x\r\n  export APP_KEY=";
  const tail = " # set me\r\nQUOTED=\"a b\" # c\r\n\r\nLAST='y'";
  assert.ok(after.startsWith(head), after);
  assert.ok(after.endsWith(tail), after);
  const value = after.slice(head.length, -tail.length);
  assert.match(value, /^base64:[A-Za-z0-9+/]{43}=$/);
  assert.equal(dotenv.parse(after).APP_KEY, value);
  assert.equal(dotenv.parse(after).DB_HOST, "x");
  assert.equal(await bashValue(file, "APP_KEY"), value);
  // Mode kept; a new inode: the file was replaced by a rename, not
  // rewritten in place; no temporary file is left behind.
  if (Deno.build.os !== "windows") {
    const info = await Deno.stat(file);
    assert.equal(info.mode! & 0o777, 0o640);
    assert.notEqual(info.ino, inode);
  }
  assert.deepEqual(
    [...Deno.readDirSync(dir)].map((entry) => entry.name),
    [".env"],
  );
  await Deno.remove(dir, { recursive: true });
});

Deno.test("--write refuses to replace a value without --force: exit 1, file untouched", async () => {
  const dir = await folder();
  const file = `${dir}/.env`;
  const before = "A=1\nSECRET_KEY='old'\n";
  await Deno.writeTextFile(file, before);
  const refused = await runWith(["preset", "django", "--write", file]);
  assert.equal(refused.code, 1);
  assert.equal(refused.stdout, "");
  assert.match(refused.stderr, USAGE_ERROR);
  assert.match(refused.stderr, /SECRET_KEY .*already holds a value/);
  assert.match(refused.stderr, /hint: pass --force/);
  assert.equal(await Deno.readTextFile(file), before);
  const forced = await runWith([
    "preset",
    "django",
    "--write",
    file,
    "--force",
  ]);
  assert.equal(forced.code, 0);
  const after = await Deno.readTextFile(file);
  assert.ok(after.startsWith("A=1\nSECRET_KEY='") && after.endsWith("'\n"));
  assert.notEqual(dotenv.parse(after).SECRET_KEY, "old");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("--write appends after a missing final newline instead of merging lines", async () => {
  const dir = await folder();
  const file = `${dir}/.env`;
  await Deno.writeTextFile(file, "DB_HOST=x");
  const outcome = await runWith(["preset", "laravel", "--write", file]);
  assert.equal(outcome.code, 0);
  const after = await Deno.readTextFile(file);
  assert.match(after, /^DB_HOST=x\nAPP_KEY=base64:[A-Za-z0-9+/]{43}=\n$/);
  assert.equal(dotenv.parse(after).DB_HOST, "x");
  await Deno.remove(dir, { recursive: true });
});

Deno.test("--write round-trips every preset through dotenv and bash", async () => {
  const dir = await folder();
  for (const preset of PRESETS) {
    const file = `${dir}/${preset.name}.env`;
    await Deno.writeTextFile(file, "# keep\nOTHER=1\n");
    const outcome = await runWith(["preset", preset.name, "--write", file]);
    assert.equal(outcome.code, 0, `${preset.name}: ${outcome.stderr}`);
    const text = await Deno.readTextFile(file);
    const parsed = dotenv.parse(text);
    // What keymint meant: the line it wrote, without its quotes.
    const line = text.split("\n").find((l) => l.startsWith(`${preset.env}=`))!;
    const written = line.slice(preset.env.length + 1).replace(
      /^(['"]?)(.*)\1$/,
      "$2",
    );
    const spec = parseKeySpec({ preset: preset.name });
    assert.ok(written.length >= spec.length, preset.name);
    assert.equal(parsed[preset.env], written, preset.name);
    assert.equal(await bashValue(file, preset.env), written, preset.name);
    assert.equal(parsed.OTHER, "1");
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("--write quotes custom alphabets with shell and dotenv specials", async () => {
  const dir = await folder();
  const alphabets = ['&$`\\!#;|<>*?(){}[]~"', "'ab#cd", "x=y:z@"];
  for (const alphabet of alphabets) {
    const file = `${dir}/custom.env`;
    await Deno.remove(file).catch(() => {});
    const outcome = await runWith([
      "custom",
      "--alphabet",
      alphabet,
      "-l",
      "200",
      "--env",
      "V",
      "--write",
      file,
      "-q",
    ]);
    assert.equal(outcome.code, 0, outcome.stderr);
    const value = dotenv.parse(await Deno.readTextFile(file)).V!;
    assert.equal([...value].length, 200, alphabet);
    assert.ok([...value].every((c) => alphabet.includes(c)), alphabet);
    assert.equal(await bashValue(file, "V"), value, alphabet);
  }
  await Deno.remove(dir, { recursive: true });
});

Deno.test("pair --write sets NAME_ID, NAME and NAME_HASH", async () => {
  const dir = await folder();
  const file = `${dir}/.env`;
  const outcome = await runWith(["pair", "--write", file, "--env", "ACME"]);
  assert.equal(outcome.code, 0, outcome.stderr);
  assert.equal(outcome.stdout, "");
  const parsed = dotenv.parse(await Deno.readTextFile(file));
  assert.deepEqual(Object.keys(parsed), ["ACME_ID", "ACME", "ACME_HASH"]);
  assert.match(parsed.ACME_HASH!, /^[0-9a-f]{64}$/);
  assert.ok(!outcome.stderr.includes(parsed.ACME!));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("--write refuses what is not a regular file, at once", async () => {
  const dir = await folder();
  const fifo = `${dir}/fifo`;
  await new Deno.Command("mkfifo", { args: [fifo] }).output();
  for (const target of [dir, "/dev/null", fifo]) {
    const outcome = await runWith(["--env", "A", "--write", target]);
    assert.equal(outcome.code, 2, target);
    assert.match(outcome.stderr, /not a regular file/);
    assert.equal(outcome.stdout, "");
  }
  const missing = await runWith(["--env", "A", "--write", `${dir}/no/such`]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot write .*no such file/);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("--write refuses a file over 1 MiB and leaves it alone", async () => {
  const dir = await folder();
  const file = `${dir}/.env`;
  const big = "# " + "x".repeat(1024 * 1024) + "\n";
  await Deno.writeTextFile(file, big);
  const outcome = await runWith(["--env", "A", "--write", file]);
  assert.equal(outcome.code, 2);
  assert.match(outcome.stderr, /larger than 1048576 bytes/);
  assert.equal(await Deno.readTextFile(file), big);
  await Deno.remove(dir, { recursive: true });
});

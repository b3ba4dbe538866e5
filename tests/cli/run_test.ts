import assert from "node:assert/strict";
import { hashKey } from "@keymint/core";
import { run } from "../../cli/run.ts";
import { VERSION } from "../../cli/version.ts";
import { fakeIo } from "./_fake_io.ts";
import { runWith, USAGE_ERROR } from "./_run_with.ts";

const HASH_OF_ABC =
  "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

Deno.test("run() with no arguments writes one 64-character hex key and nothing else", async () => {
  const { code, stdout, stderr } = await runWith([]);
  assert.equal(code, 0);
  assert.match(stdout, /^[0-9a-f]{64}\n$/);
  assert.equal(stderr, "");
});

Deno.test("run() --version prints the package version", async () => {
  const { code, stdout, stderr } = await runWith(["--version"]);
  assert.equal(code, 0);
  assert.equal(stdout, `keymint ${VERSION}\n`);
  assert.equal(stderr, "");
});

Deno.test("run() --help and help list every command and format on stdout", async () => {
  for (const args of [["--help"], ["-h"], ["help"], ["hex", "--help"]]) {
    const { code, stdout, stderr } = await runWith(args);
    assert.equal(code, 0, args.join(" "));
    assert.equal(stderr, "");
    for (
      const word of [
        "preset",
        "pair",
        "hash",
        "verify",
        "inspect",
        "base58",
        "crockford",
        "--no-checksum",
        "Examples:",
      ]
    ) {
      assert.ok(stdout.includes(word), `${args.join(" ")}: ${word}`);
    }
  }
});

Deno.test("run() COMMAND --help and help COMMAND print that command's help", async () => {
  for (const name of ["preset", "pair", "hash", "verify", "inspect"]) {
    const viaFlag = await runWith([name, "--help"]);
    const viaHelp = await runWith(["help", name]);
    assert.equal(viaFlag.code, 0);
    assert.ok(viaFlag.stdout.startsWith(`keymint ${name}: `), name);
    assert.ok(viaFlag.stdout.includes("Examples:"), name);
    assert.equal(viaHelp.stdout, viaFlag.stdout);
  }
});

Deno.test("run() help for a command flag does not need the command's other arguments", async () => {
  const { code, stdout } = await runWith(["verify", "-h"]);
  assert.equal(code, 0);
  assert.match(stdout, /^keymint verify: /);
});

Deno.test("run() treats a closed stdout as a quiet success", async () => {
  const fake = fakeIo({ stdoutClosesAfter: 0 });
  assert.equal(await run(["-n", "1000"], fake.io), 0);
  assert.equal(fake.stderr(), "");
});

Deno.test("run() returns 1 for a verify mismatch with one stderr line", async () => {
  const { code, stdout, stderr } = await runWith(["verify", HASH_OF_ABC], {
    stdin: "abd\n",
  });
  assert.equal(code, 1);
  assert.equal(stdout, "");
  assert.equal(stderr, "keymint: the key does not match the hash\n");
});

Deno.test("run() colours the error prefix only on a terminal without NO_COLOR", async () => {
  const plain = await runWith(["--bits", "7"], { stderrIsTerminal: false });
  assert.ok(plain.stderr.startsWith("keymint: "));
  const coloured = await runWith(["--bits", "7"], { stderrIsTerminal: true });
  assert.ok(coloured.stderr.startsWith("\x1b[1;31mkeymint:\x1b[0m "));
  const noColor = await runWith(["--bits", "7"], {
    stderrIsTerminal: true,
    env: { NO_COLOR: "1" },
  });
  assert.match(noColor.stderr, USAGE_ERROR);
  for (const args of [["--bits", "7"], ["--bits", "8"]]) {
    const dumb = await runWith(args, {
      stderrIsTerminal: true,
      env: { TERM: "dumb" },
    });
    assert.ok(!dumb.stderr.includes("\x1b"), args.join(" "));
    assert.match(dumb.stderr, /^keymint: /);
  }
});

Deno.test("run() help help, and the main help's exit codes", async () => {
  const helpHelp = await runWith(["help", "help"]);
  assert.equal(helpHelp.code, 0);
  assert.match(helpHelp.stdout, /^keymint help: /);
  const main = await runWith(["--help"]);
  assert.match(main.stdout, /130 interrupted/);
  assert.match(main.stdout, /^ {2}completions /m);
});

Deno.test("run() -q hides warnings and keeps errors", async () => {
  const quiet = await runWith(["--bits", "8", "-q"]);
  assert.equal(quiet.code, 0);
  assert.match(quiet.stdout, /^[0-9a-f]{2}\n$/);
  assert.equal(quiet.stderr, "");
  const loud = await runWith(["--bits", "8"]);
  assert.match(loud.stderr, /^keymint: warning: /);
  const error = await runWith(["--bits", "7", "-q"]);
  assert.equal(error.code, 2);
  assert.match(error.stderr, USAGE_ERROR);
});

Deno.test("run() with a prefix counts -l as the body, as the help says", async () => {
  const { stdout } = await runWith(["--prefix", "sk", "-l", "20"]);
  // sk_ + 20 body characters + 6 checksum characters.
  assert.match(stdout, /^sk_[A-Za-z0-9]{26}\n$/);
  const help = await runWith(["--help"]);
  assert.match(help.stdout, /with --prefix, the body's/);
});

Deno.test("run() hash keeps a leading byte-order mark as part of the key", async () => {
  const { hashKey } = await import("@keymint/core");
  const bom = await runWith(["hash"], {
    stdin: Uint8Array.of(0xef, 0xbb, 0xbf, 0x61, 0x62, 0x63),
  });
  const plain = await runWith(["hash"], { stdin: "abc" });
  assert.notEqual(bom.stdout, plain.stdout);
  assert.equal(bom.stdout, `${await hashKey("\ufeffabc")}\n`);
});

Deno.test("run() --json is one document for verify, hash, pair and preset", async () => {
  const hash =
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  const match = await runWith(["verify", hash, "--json"], { stdin: "abc" });
  assert.equal(match.code, 0);
  assert.deepEqual(JSON.parse(match.stdout), { match: true });
  const miss = await runWith(["verify", hash, "--json"], { stdin: "abd" });
  assert.equal(miss.code, 1);
  assert.deepEqual(JSON.parse(miss.stdout), { match: false });
  assert.equal(miss.stderr, "");
  assert.deepEqual(
    JSON.parse((await runWith(["hash", "--json"], { stdin: "abc" })).stdout),
    { hash },
  );
  const pair = JSON.parse((await runWith(["pair", "--json"])).stdout);
  assert.deepEqual(Object.keys(pair), ["id", "secret", "hash"]);
  const list = JSON.parse((await runWith(["preset", "--json"])).stdout);
  assert.ok(Array.isArray(list) && list.length > 10);
  const version = await runWith(["--version", "--json"]);
  assert.deepEqual(JSON.parse(version.stdout), { version: VERSION });
});

interface BadInvocation {
  args: string[];
  stdin?: string | Uint8Array;
  /** A fragment the `keymint:` line must contain. */
  says: RegExp;
  /** Text that must not appear anywhere on stderr (a secret). */
  secret?: string;
}

const BAD_INVOCATIONS: BadInvocation[] = [
  { args: ["--bits", "7"], says: /bits must be from 8 to 8192, got 7/ },
  { args: ["--bits", "8193"], says: /bits must be from 8 to 8192/ },
  { args: ["--bits", "abc"], says: /bits must be a whole number/ },
  { args: ["-b", "-5"], says: /bits must be a whole number.*"-5"/ },
  { args: ["--bits", "1.5"], says: /bits must be a whole number/ },
  { args: ["--bits"], says: /--bits needs a value/ },
  { args: ["--length", "0"], says: /length must be from 1 to 16384/ },
  { args: ["-l", "16385"], says: /length must be from 1 to 16384/ },
  { args: ["--count", "0"], says: /count must be from 1 to 1000000000/ },
  { args: ["-n", "1000000001"], says: /count must be from 1 to 1000000000/ },
  { args: ["-n", "ten"], says: /count must be a whole number/ },
  { args: ["--bits", "128", "--length", "20"], says: /bits or length/ },
  {
    args: ["--bits", "128", "-b", "256"],
    says: /--bits is given more than once/,
  },
  {
    args: ["base99"],
    says: /neither a command nor a format, did you mean "base64"\?$/m,
  },
  {
    args: ["base"],
    says:
      /did you mean one of "base64", "base64url", "base32", "base58", "base62"\?$/m,
  },
  {
    args: ["completion", "bash"],
    says: /did you mean "completions"\?$/m,
  },
  {
    args: ["ghp_pHVDaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
    says: /^keymint: Cannot run "ghp_pHVDaaaa\.\.\."/,
    secret: "ghp_pHVDaaaaa",
  },
  { args: ["--no-checksum"], says: /--no-checksum without --prefix/ },
  { args: ["--prefix", ""], says: /--prefix: it is empty/ },
  { args: ["--force"], says: /--force without --write/ },
  { args: ["--write", ".env"], says: /--write without a variable name/ },
  {
    args: ["--env", "A", "--write", "x", "-n", "2"],
    says: /--write with --count above 1/,
  },
  { args: ["--copy", "-n", "2"], says: /--copy with --count above 1/ },
  { args: ["--copy", "--json"], says: /Cannot combine --json and --copy/ },
  { args: ["preset", "--write", "x"], says: /list presets with --write/ },
  { args: ["pair", "--env", "A"], says: /--env without --write/ },
  { args: ["help", "help", "x"], says: /at most one command/ },
  {
    args: ["hahs"],
    says: /neither a command nor a format, did you mean "hash"/,
  },
  { args: ["hex", "base64"], says: /unexpected argument "base64"/ },
  {
    args: ["--bitz", "3"],
    says: /unknown flag "--bitz", did you mean "--bits"/,
  },
  { args: ["--json=yes"], says: /--json takes no value/ },
  { args: ["--json", "--env", "KEY"], says: /Cannot combine --json and --env/ },
  { args: ["--env", "1KEY"], says: /"1KEY" is not a variable name/ },
  { args: ["-n", "2", "--env", "KEY"], says: /--env with --count above 1/ },
  { args: ["--alphabet", "aab"], says: /"a" appears more than once/ },
  { args: ["--alphabet", "a"], says: /2 to 256 distinct characters/ },
  {
    args: ["hex", "--alphabet", "abc"],
    says: /only the custom format takes one/,
  },
  { args: ["custom"], says: /needs an alphabet/ },
  { args: ["--prefix", "Live"], says: /Cannot use prefix "Live"/ },
  { args: ["-p", "a".repeat(33)], says: /Cannot use prefix/ },
  { args: ["--prefix", "1abc"], says: /Cannot use prefix "1abc"/ },
  {
    args: ["preset", "lara"],
    says: /Cannot use preset "lara": unknown preset/,
  },
  { args: ["preset", "laravl"], says: /did you mean "laravel"/ },
  {
    args: ["preset", "laravel", "--bits", "128"],
    says: /unknown flag "--bits"/,
  },
  {
    args: ["preset", "--count", "2"],
    says: /Cannot list presets with --count/,
  },
  {
    args: ["preset", "laravel", "django"],
    says: /unexpected argument "django"/,
  },
  {
    args: ["preset", "laravel", "--env=bad-name"],
    says: /"bad-name" is not a variable name/,
  },
  {
    args: ["preset", "laravel", "-n", "2", "--env"],
    says: /--env with --count above 1/,
  },
  { args: ["pair", "--prefix", "Nope"], says: /Cannot use prefix "Nope"/ },
  { args: ["pair", "extra"], says: /pair takes no arguments/ },
  { args: ["hash"], stdin: "", says: /stdin is empty/ },
  { args: ["hash"], stdin: "\r\n", says: /stdin is empty/ },
  {
    args: ["hash"],
    stdin: "a".repeat(16385),
    says: /more than 16384 characters/,
  },
  { args: ["hash"], stdin: Uint8Array.of(0xff, 0xfe, 0x41), says: /not UTF-8/ },
  {
    args: ["hash", "s3cr3t-value"],
    says: /reads it from stdin/,
    secret: "s3cr3t-value",
  },
  {
    args: ["hash", "--key=s3cr3t-value"],
    says: /unknown flag "--key"$/,
    secret: "s3cr3t-value",
  },
  { args: ["inspect"], stdin: "", says: /stdin is empty/ },
  {
    args: ["inspect"],
    stdin: "x".repeat(100_000),
    says: /more than 16384 characters/,
  },
  {
    args: ["inspect", "s3cr3t-value"],
    says: /reads it from stdin/,
    secret: "s3cr3t-value",
  },
  { args: ["verify"], says: /HASH argument is missing/ },
  { args: ["verify", "abc"], says: /must be 64 hexadecimal characters/ },
  {
    args: ["verify", "g".repeat(64)],
    says: /must be 64 hexadecimal characters/,
  },
  { args: ["verify", HASH_OF_ABC], stdin: "", says: /stdin is empty/ },
  {
    args: ["verify", HASH_OF_ABC, "s3cr3t-value"],
    says: /reads it from stdin/,
    secret: "s3cr3t-value",
  },
  {
    args: ["hash", "--jsn"],
    says: /unknown flag "--jsn", did you mean "--json"\?$/,
  },
  {
    args: ["verify", "--jsno"],
    says: /unknown flag "--jsno"/,
  },
  {
    args: ["inspect", "--jsn"],
    says: /unknown flag "--jsn", did you mean "--json"\?$/,
  },
  { args: ["help", "nope"], says: /unknown command "nope"/ },
  { args: ["help", "pair", "hash"], says: /at most one command/ },
];

Deno.test("run() answers each of the bad invocations with exit 2, two stderr lines and empty stdout", async (t) => {
  assert.ok(BAD_INVOCATIONS.length >= 30);
  for (const bad of BAD_INVOCATIONS) {
    const input = bad.stdin === undefined
      ? ""
      : ` < ${
        typeof bad.stdin === "string"
          ? `${bad.stdin.length} characters`
          : "bytes that are not UTF-8"
      }`;
    const name = `keymint ${bad.args.join(" ")}`.slice(0, 60) + input;
    await t.step(name, async () => {
      const { code, stdout, stderr } = await runWith(bad.args, {
        stdin: bad.stdin ?? "",
      });
      assert.equal(code, 2);
      assert.equal(stdout, "");
      assert.match(stderr, USAGE_ERROR);
      assert.equal(stderr.split("keymint: ").length - 1, 1);
      assert.match(stderr.split("\n")[0]!, bad.says);
      if (bad.secret) assert.ok(!stderr.includes(bad.secret));
    });
  }
});

Deno.test("run() never reads stdin for a malformed verify HASH", async () => {
  const fake = fakeIo({ stdin: "some-key\n" });
  assert.equal(await run(["verify", "nothex"], fake.io), 2);
  assert.equal(fake.stdinBytesRead(), 0);
});

Deno.test("run() lets a non-usage error through as a bug", async () => {
  const fake = fakeIo();
  const io = {
    ...fake.io,
    stdout: { write: () => Promise.reject(new Error("disk on fire")) },
  };
  await assert.rejects(run([], io), /disk on fire/);
});

Deno.test("run() hash output matches hashKey() of the same key", async () => {
  const { stdout } = await runWith(["hash"], { stdin: "abc\n" });
  assert.equal(stdout, `${await hashKey("abc")}\n`);
});

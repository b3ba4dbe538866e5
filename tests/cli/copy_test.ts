/**
 * `--copy`: OSC 52 on a terminal, else a clipboard program from PATH (a
 * fake one here, which records what it was given), else a clear error.
 */

import assert from "node:assert/strict";
import { runWith, USAGE_ERROR } from "./_run_with.ts";

const MAIN = new URL("../../cli/main.ts", import.meta.url).pathname;
const PERMISSIONS = [
  "--allow-env=NO_COLOR,TERM,PATH",
  "--allow-read",
  "--allow-write",
  "--allow-run",
];

/** A folder with a fake `program` that saves its stdin and arguments. */
async function fakeClipboard(program: string): Promise<string> {
  const bin = await Deno.makeTempDir({ prefix: "keymint-clip-" });
  await Deno.writeTextFile(
    `${bin}/${program}`,
    // Shell builtins only: PATH holds nothing else.
    `#!/bin/sh\nIFS= read -r v\nprintf '%s' "$v" > "${bin}/copied"\nprintf '%s' "$*" > "${bin}/args"\n`,
  );
  await Deno.chmod(`${bin}/${program}`, 0o755);
  return bin;
}

async function keymint(args: string[], path: string) {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", ...PERMISSIONS, MAIN, ...args],
    env: { PATH: path },
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code,
    stdout: decoder.decode(stdout),
    stderr: decoder.decode(stderr),
  };
}

Deno.test("--copy gives the key to the first clipboard program on PATH and prints only the mask", async () => {
  for (
    const [program, args] of [
      ["xclip", "-selection clipboard"],
      ["wl-copy", ""],
      ["pbcopy", ""],
    ]
  ) {
    const bin = await fakeClipboard(program!);
    const outcome = await keymint(["--copy"], bin);
    assert.equal(outcome.code, 0, outcome.stderr);
    assert.equal(outcome.stdout, "");
    const key = await Deno.readTextFile(`${bin}/copied`);
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(await Deno.readTextFile(`${bin}/args`), args);
    assert.equal(
      outcome.stderr,
      `keymint: copied to the clipboard (${key.slice(0, 4)}...${
        key.slice(-4)
      })\n`,
    );
    await Deno.remove(bin, { recursive: true });
  }
});

Deno.test("preset --copy -q copies the framework's secret and says nothing", async () => {
  const bin = await fakeClipboard("xsel");
  const outcome = await keymint(["preset", "laravel", "--copy", "-q"], bin);
  assert.equal(outcome.code, 0, outcome.stderr);
  assert.equal(outcome.stdout + outcome.stderr, "");
  assert.match(
    await Deno.readTextFile(`${bin}/copied`),
    /^base64:[A-Za-z0-9+/]{43}=$/,
  );
  assert.equal(await Deno.readTextFile(`${bin}/args`), "--clipboard --input");
  await Deno.remove(bin, { recursive: true });
});

Deno.test("--copy without any clipboard says so, exit 1, no key anywhere", async () => {
  const empty = await Deno.makeTempDir();
  const outcome = await keymint(["--copy"], empty);
  assert.equal(outcome.code, 1);
  assert.equal(outcome.stdout, "");
  assert.match(outcome.stderr, USAGE_ERROR);
  assert.match(outcome.stderr, /^keymint: Cannot copy: no clipboard found/);
  await Deno.remove(empty);
});

Deno.test("--copy on a terminal sends OSC 52 on stderr, not the key in clear", async () => {
  const outcome = await runWith(["--copy"], { stderrIsTerminal: true });
  assert.equal(outcome.code, 0);
  assert.equal(outcome.stdout, "");
  const match =
    // deno-lint-ignore no-control-regex
    /^\x1b\]52;c;([A-Za-z0-9+/=]+)\x07keymint: copied to the clipboard \((\w{4})\.\.\.(\w{4})\)\n$/
      .exec(outcome.stderr);
  assert.ok(match, JSON.stringify(outcome.stderr));
  const key = atob(match[1]!);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(match[2], key.slice(0, 4));
  assert.ok(!outcome.stderr.includes(key));
  // TERM=dumb: no escape sequences, so a program is needed instead.
  const dumb = await runWith(["--copy"], {
    stderrIsTerminal: true,
    env: { TERM: "dumb", PATH: "/nonexistent" },
  });
  assert.equal(dumb.code, 1);
  assert.ok(!dumb.stderr.includes("\x1b"));
});

Deno.test("--copy is refused with --count above 1 and with other outputs", async () => {
  for (
    const args of [
      ["--copy", "-n", "2"],
      ["--copy", "--json"],
      ["--copy", "--env", "A"],
      ["preset", "django", "--copy", "-n", "3"],
    ]
  ) {
    const outcome = await runWith(args);
    assert.equal(outcome.code, 2, args.join(" "));
    assert.match(outcome.stderr, USAGE_ERROR);
    assert.equal(outcome.stdout, "");
  }
});

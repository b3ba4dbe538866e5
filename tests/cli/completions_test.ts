/**
 * `keymint completions`: each script is loaded in the real shell and asked
 * for the candidates of partial command lines.
 */

import assert from "node:assert/strict";
import { FORMATS, PRESETS } from "@keymint/core/keys";
import { runWith, USAGE_ERROR } from "./_run_with.ts";

const SHELLS = ["bash", "zsh", "fish"] as const;
type Shell = (typeof SHELLS)[number];

function installed(shell: string): boolean {
  try {
    new Deno.Command(shell, { args: ["-c", "exit 0"] }).outputSync();
    return true;
  } catch {
    return false;
  }
}

const missing = SHELLS.filter((shell) => !installed(shell));
for (const shell of missing) {
  console.log(`skipped: ${shell} is not installed (apt-get install ${shell})`);
}

async function script(shell: Shell): Promise<string> {
  const outcome = await runWith(["completions", shell]);
  assert.equal(outcome.code, 0);
  assert.equal(outcome.stderr, "");
  return outcome.stdout;
}

/** The words of a partial line; a trailing space starts an empty word. */
function wordsOf(line: string): string[] {
  return line.split(" ");
}

function quote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** Asks `shell` for the candidates of `line`, in a folder holding my.env. */
async function candidates(
  shell: Shell,
  file: string,
  line: string,
): Promise<string[]> {
  const words = wordsOf(line);
  const list = words.map(quote).join(" ");
  const code = {
    bash: `source ${quote(file)}
COMP_WORDS=(${list}); COMP_CWORD=${words.length - 1}; COMPREPLY=()
_keymint
printf '%s\\n' "\${COMPREPLY[@]}"`,
    // The completion builtins only exist inside a completion widget, so
    // they are stood in for: compadd prints the words it would offer for
    // the current word (those it begins), _files the matching files.
    zsh: `compadd() {
  [ "$1" = "--" ] && shift
  local w; for w in "$@"; do [[ $w == "\${words[CURRENT]}"* ]] && print -r -- $w; done
  return 0
}
_files() { print -rl -- "\${words[CURRENT]}"*(N); }
compdef() { :; }
source ${quote(file)}
words=(${list}); CURRENT=${words.length}
_keymint`,
    fish: `source ${quote(file)}; complete -C ${quote(line)}`,
  }[shell];
  const folder = await Deno.makeTempDir();
  await Deno.writeTextFile(`${folder}/my.env`, "");
  const { code: status, stdout } = await new Deno.Command(shell, {
    args: ["-c", code],
    cwd: folder,
    stdout: "piped",
    stderr: "inherit",
  }).output();
  await Deno.remove(folder, { recursive: true });
  assert.equal(status, 0, `${shell}: ${line}`);
  return new TextDecoder().decode(stdout).split("\n")
    .map((row) => row.split("\t")[0]!)
    .filter((word) => word !== "")
    .sort();
}

const CASES: [string, string[]][] = [
  ["keymint pre", ["preset"]],
  ["keymint preset la", ["laravel"]],
  ["keymint base", ["base32", "base58", "base62", "base64", "base64url"]],
  ["keymint webhook ", ["sign", "verify"]],
  ["keymint webhook sign --scheme ", ["github", "standard", "stripe"]],
  ["keymint hash --j", ["--json"]],
  ["keymint completions ", ["bash", "fish", "zsh"]],
  ["keymint -n 5 --wr", ["--write"]],
  ["keymint preset laravel --write ", ["my.env"]],
  ["keymint --bits ", []],
  ["keymint pair --", [
    "--env",
    "--force",
    "--help",
    "--json",
    "--prefix",
    "--quiet",
    "--write",
  ]],
];

for (const shell of SHELLS) {
  Deno.test({
    name: `keymint completions ${shell} completes partial command lines`,
    ignore: missing.includes(shell),
    async fn() {
      const file = await Deno.makeTempFile();
      await Deno.writeTextFile(file, await script(shell));
      for (const [line, expected] of CASES) {
        assert.deepEqual(
          await candidates(shell, file, line),
          expected,
          `${shell}: ${line}`,
        );
      }
      // Built from the tables: every preset and every format, no more.
      assert.deepEqual(
        await candidates(shell, file, "keymint preset "),
        PRESETS.map((preset) => preset.name).sort(),
      );
      const formats = FORMATS.flatMap((f) => [f.name, ...f.aliases]);
      const first = await candidates(shell, file, "keymint ");
      for (const format of formats) assert.ok(first.includes(format), format);
      assert.ok(first.includes("completions") && first.includes("webhook"));
      await Deno.remove(file);
    },
  });
}

Deno.test({
  name: "keymint completions bash registers with complete -F",
  ignore: missing.includes("bash"),
  async fn() {
    const file = await Deno.makeTempFile();
    await Deno.writeTextFile(file, await script("bash"));
    const { stdout } = await new Deno.Command("bash", {
      args: ["-c", `source '${file}'; complete -p keymint`],
      stdout: "piped",
    }).output();
    assert.equal(
      new TextDecoder().decode(stdout),
      "complete -F _keymint keymint\n",
    );
    await Deno.remove(file);
  },
});

Deno.test({
  name: "keymint completions zsh registers with compinit's compdef",
  ignore: missing.includes("zsh"),
  async fn() {
    const file = await Deno.makeTempFile();
    await Deno.writeTextFile(file, await script("zsh"));
    const { stdout } = await new Deno.Command("zsh", {
      args: [
        "-c",
        `autoload -U compinit && compinit -u -D; source '${file}'; print -r -- $_comps[keymint]`,
      ],
      env: { HOME: await Deno.makeTempDir() },
      stdout: "piped",
      stderr: "null",
    }).output();
    assert.equal(new TextDecoder().decode(stdout), "_keymint\n");
    await Deno.remove(file);
  },
});

Deno.test("keymint completions refuses a missing or unknown shell", async () => {
  for (
    const args of [["completions"], ["completions", "tcsh"], [
      "completions",
      "bash",
      "zsh",
    ]]
  ) {
    const outcome = await runWith(args);
    assert.equal(outcome.code, 2, args.join(" "));
    assert.match(outcome.stderr, USAGE_ERROR);
    assert.equal(outcome.stdout, "");
  }
});

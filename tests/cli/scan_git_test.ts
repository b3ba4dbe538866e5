import assert from "node:assert/strict";
import { createKeyGenerator, parseKeySpec } from "@keymint/core";
import { runWith, USAGE_ERROR } from "./_run_with.ts";

const acme = createKeyGenerator(parseKeySpec({ prefix: "acme_live" }));

async function git(dir: string, ...args: string[]): Promise<void> {
  const output = await new Deno.Command("git", {
    args: [
      "-C",
      dir,
      "-c",
      "user.name=t",
      "-c",
      "user.email=t@example.com",
      ...args,
    ],
    stdout: "null",
    stderr: "piped",
  }).output();
  assert.ok(output.success, new TextDecoder().decode(output.stderr));
}

const hasGit = await new Deno.Command("git", { args: ["--version"] }).output()
  .then((o) => o.success, () => false);
if (!hasGit) console.log("scan --git tests skipped: git is not installed");

Deno.test({
  name:
    "keymint scan --git finds a key added then removed, each blob once, and honours .gitignore",
  ignore: !hasGit,
  async fn() {
    const dir = await Deno.makeTempDir();
    const [removed, kept, ignored, untracked, branch] = [
      acme(),
      acme(),
      acme(),
      acme(),
      acme(),
    ];
    await git(dir, "init", "-q", "-b", "main");
    await Deno.writeTextFile(
      `${dir}/config.ts`,
      `export const key = "${removed}";\n`,
    );
    await Deno.writeTextFile(`${dir}/keep.ts`, `const k = "${kept}";\n`);
    await git(dir, "add", ".");
    await git(dir, "commit", "-q", "-m", "add keys");
    await Deno.writeTextFile(
      `${dir}/config.ts`,
      "export const key = Deno.env.get('KEY');\n",
    );
    await git(dir, "commit", "-q", "-am", "remove the key");
    await git(dir, "checkout", "-q", "-b", "side");
    await Deno.writeTextFile(`${dir}/side.txt`, `${branch}\n`);
    await git(dir, "add", "side.txt");
    await git(dir, "commit", "-q", "-m", "side");
    await git(dir, "checkout", "-q", "main");
    await Deno.writeTextFile(`${dir}/.gitignore`, "secret.env\n");
    await Deno.writeTextFile(`${dir}/secret.env`, `KEY=${ignored}\n`);
    await Deno.writeTextFile(`${dir}/notes.txt`, `${untracked}\n`);

    const { code, stdout } = await runWith([
      "scan",
      "--git",
      "--json",
      "-p",
      "acme_live",
      dir,
    ]);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout).findings as {
      file: string;
      blob?: string;
      fingerprint: string;
    }[];
    const where = findings.map((f) =>
      `${f.file}${f.blob === undefined ? "" : " (history)"}`
    );
    assert.deepEqual(where.sort(), [
      "config.ts (history)",
      "keep.ts",
      "notes.txt",
      "side.txt (history)",
    ]);
    // Without --git the ignored file is scanned like any other.
    const plain = await runWith(["scan", "-p", "acme_live", dir]);
    assert.equal(plain.stdout.trimEnd().split("\n").length, 3);
    assert.match(plain.stdout, /secret\.env:1:5: /);
  },
});

Deno.test({
  name: "keymint scan --git outside a repository is a usage error",
  ignore: !hasGit,
  async fn() {
    const dir = await Deno.makeTempDir();
    const { code, stdout, stderr } = await runWith(["scan", "--git", dir]);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(stderr, USAGE_ERROR);
    assert.match(stderr, /not in a git repository/);
  },
});

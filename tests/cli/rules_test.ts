import assert from "node:assert/strict";
import { RE2JS } from "re2js";
import { parse as parseYaml } from "yaml";
import { parseStructuredKey, readRulesConfig } from "@keymint/core";
import { runWith, USAGE_ERROR } from "./_run_with.ts";

Deno.test("keymint rules writes every format, each with a valid example key", async () => {
  const { code, stdout, stderr } = await runWith([
    "rules",
    "--prefix",
    "acme_live",
  ]);
  assert.equal(code, 0);
  assert.equal(stderr, "");
  const headings = [...stdout.matchAll(/^## (\w+)/gm)].map((m) => m[1]);
  assert.deepEqual(headings, [
    "gitleaks",
    "trufflehog",
    "GitHub",
    "secretlint",
    "regular",
  ]);
  const examples = [...stdout.matchAll(/(?:example: |Test string: )(\S+)/g)]
    .map((m) => m[1]!);
  assert.equal(examples.length, 3);
  for (const key of examples) {
    assert.equal(parseStructuredKey(key)?.valid, true);
  }
});

Deno.test("keymint rules --format NAME writes that scanner's config alone", async () => {
  const gitleaks = await runWith([
    "rules",
    "-p",
    "acme",
    "hex",
    "--bits",
    "128",
    "--format",
    "gitleaks",
  ]);
  assert.match(gitleaks.stdout, /^\[\[rules\]\]\nid = "keymint-acme"\n/);
  assert.match(
    gitleaks.stdout,
    /regex = "\\\\b\(acme_\[0-9a-f\]\{32\}\[0-9A-Za-z\]\{6\}\)\\\\b"/,
  );
  const truffle = await runWith([
    "rules",
    "-p",
    "acme",
    "--format",
    "trufflehog",
  ]);
  assert.equal(parseYaml(truffle.stdout).detectors[0].keywords[0], "acme_");
  const secretlint = await runWith([
    "rules",
    "-p",
    "acme",
    "--format",
    "secretlint",
  ]);
  assert.equal(
    JSON.parse(secretlint.stdout).rules[0].id,
    "@secretlint/secretlint-rule-pattern",
  );
  const regex = await runWith([
    "rules",
    "-p",
    "acme",
    "--no-checksum",
    "--length",
    "20",
    "--format",
    "regex",
  ]);
  assert.equal(regex.stdout, "\\b(acme_[0-9A-Za-z]{20})\\b\n");
  assert.ok(
    RE2JS.compile(regex.stdout.trim()).matcher(`x acme_${"a".repeat(20)} y`)
      .find(),
  );
  const github = await runWith(["rules", "-p", "acme", "--format", "github"]);
  assert.match(github.stdout, /^Before secret: \\A\|\[\^0-9A-Za-z_\]$/m);
});

Deno.test("keymint rules --json writes one document", async () => {
  const all = JSON.parse(
    (await runWith(["rules", "-p", "acme", "--json"])).stdout,
  );
  assert.deepEqual(Object.keys(all).sort(), [
    "checksum",
    "description",
    "entropy",
    "example",
    "github",
    "gitleaks",
    "id",
    "length",
    "prefix",
    "regex",
    "secretlint",
    "shape",
    "trufflehog",
  ]);
  const one = JSON.parse(
    (await runWith(["rules", "-p", "acme", "--json", "--format", "regex"]))
      .stdout,
  );
  assert.equal(one.format, "regex");
  assert.equal(one.rule, all.regex + "\n");
});

Deno.test("keymint rules --config adds and replaces shapes in keymint.rules.json", async () => {
  const dir = await Deno.makeTempDir();
  const file = `${dir}/keymint.rules.json`;
  await runWith(["rules", "-p", "acme", "--config", file, "--format", "regex"]);
  await runWith([
    "rules",
    "-p",
    "acme",
    "hex",
    "--config",
    file,
    "--format",
    "regex",
  ]);
  await runWith([
    "rules",
    "-p",
    "other",
    "--config",
    file,
    "--format",
    "regex",
  ]);
  const specs = readRulesConfig(await Deno.readTextFile(file));
  assert.deepEqual(specs.map((s) => [s.prefix, s.format]), [["acme", "hex"], [
    "other",
    "alnum",
  ]]);
  await Deno.writeTextFile(`${dir}/bad.json`, "[]");
  const bad = await runWith([
    "rules",
    "-p",
    "acme",
    "--config",
    `${dir}/bad.json`,
  ]);
  assert.equal(bad.code, 2);
  assert.equal(await Deno.readTextFile(`${dir}/bad.json`), "[]");
});

Deno.test("keymint rules refuses bad usage with exit 2 and nothing on stdout", async () => {
  const cases: [string[], RegExp][] = [
    [["rules"], /--prefix is missing/],
    [["rules", "--prefix", "Bad"], /Cannot use prefix "Bad"/],
    [["rules", "-p", "a", "--format", "snort"], /unknown --format "snort"/],
    [["rules", "-p", "a", "base64url"], /Cannot use a prefix with format/],
    [["rules", "-p", "a", "alnmu"], /unknown format, did you mean "alnum"\?/],
    [["rules", "-p", "a", "hex", "alnum"], /only one FORMAT/],
    [["rules", "-p", "a", "--bits", "9999"], /bits must be from 8 to 8192/],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await runWith(args);
    assert.equal(code, 2, args.join(" "));
    assert.equal(stdout, "");
    assert.match(stderr, USAGE_ERROR);
    assert.match(stderr, message);
  }
});

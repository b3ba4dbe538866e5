import assert from "node:assert/strict";
import AjvModule from "ajv-draft-04";
import {
  checksumOf,
  createKeyGenerator,
  hashKey,
  parseKeySpec,
} from "@keymint/core";
import { CHUNK, WHOLE_FILE } from "../../cli/_scan_file.ts";
import { runWith, USAGE_ERROR } from "./_run_with.ts";

const GITHUB = "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";
const GITHUB_BAD = "ghp_pHVD1BNY5TOzXhPmOYb7brzB6w2LOe25LgEv";
const npmBody = "abcdefghijABCDEFGHIJ0123456789";
const NPM = `npm_${npmBody}${checksumOf(npmBody)}`;
const NPM_BAD = `npm_${npmBody}000000`;

const acme = createKeyGenerator(parseKeySpec({ prefix: "acme_live" }));

function wrongChecksum(key: string): string {
  return key.slice(0, -1) + (key.endsWith("a") ? "b" : "a");
}

/** A folder with planted keys, look-alikes and awkward files. */
async function fixtureTree(): Promise<{ dir: string; keys: string[] }> {
  const dir = await Deno.makeTempDir();
  const keys = [acme(), acme(), GITHUB, NPM];
  await Deno.mkdir(`${dir}/src/deep`, { recursive: true });
  await Deno.writeTextFile(
    `${dir}/src/app.ts`,
    `// config\nconst key = "${keys[0]}";\nconst bad = "${
      wrongChecksum(acme())
    }";\n`,
  );
  await Deno.writeTextFile(
    `${dir}/src/deep/tokens.env`,
    `GITHUB=${GITHUB}\nGITHUB_OLD=${GITHUB_BAD}\nNPM=${NPM} NPM2=${NPM_BAD}\nLONG=${
      keys[1]
    }x\nINNER=x${acme()}\n  ACME=${keys[1]}\n`,
  );
  // Invalid UTF-8 around a key: the key is still found.
  await Deno.writeFile(
    `${dir}/src/latin1.txt`,
    new Uint8Array([
      0xff,
      0xfe,
      0x20,
      ...new TextEncoder().encode(keys[0]!),
      0xc3,
    ]),
  );
  await Deno.writeFile(
    `${dir}/image.bin`,
    new Uint8Array([0, 1, 2, ...new TextEncoder().encode(` ${acme()} `)]),
  );
  await Deno.symlink(".", `${dir}/src/loop`);
  await Deno.symlink(`${dir}/src/loop2`, `${dir}/src/loop2`);
  await new Deno.Command("mkfifo", { args: [`${dir}/src/fifo`] }).output();
  return { dir, keys };
}

Deno.test("keymint scan finds exactly the planted keys and skips what it cannot read", async () => {
  const { dir, keys } = await fixtureTree();
  await Deno.writeTextFile(`${dir}/big.txt`, "");
  await Deno.truncate(`${dir}/big.txt`, 1 << 30); // sparse, 1 GiB
  const { code, stdout, stderr } = await runWith([
    "scan",
    "--prefix",
    "acme_live",
    dir,
  ]);
  assert.equal(code, 1);
  const lines = stdout.trimEnd().split("\n");
  assert.deepEqual(lines.map((l) => l.split(": ")[0]), [
    `${dir}/src/app.ts:2:14`,
    `${dir}/src/deep/tokens.env:1:8`,
    `${dir}/src/deep/tokens.env:3:5`,
    `${dir}/src/deep/tokens.env:6:8`,
    `${dir}/src/latin1.txt:1:4`,
  ]);
  assert.match(
    lines[0]!,
    / keymint-acme-live \(confirmed\) acme_live_\.\.\.\S+ sha256:[0-9a-f]{64}$/,
  );
  assert.match(
    lines[1]!,
    / github-pat-classic \(confirmed\) ghp_\.\.\.2LOe sha256:/,
  );
  assert.ok(lines[1]!.endsWith(await hashKey(GITHUB)));
  assert.match(lines[2]!, / npm-access-token \(confirmed\) /);
  assert.equal(
    stderr,
    "5 keys found in 3 files; skipped 1 binary, 1 oversized, 3 special\n",
  );
  for (const key of keys) {
    assert.ok(!stdout.includes(key) && !stderr.includes(key));
  }
});

Deno.test("keymint scan exits 0 on a clean tree, and -q leaves stderr empty", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/a.txt`, `nothing here ${GITHUB_BAD}\n`);
  assert.deepEqual(await runWith(["scan", dir]), {
    code: 0,
    stdout: "",
    stderr: "no keys found in 1 file\n",
  });
  assert.deepEqual(await runWith(["scan", "-q", dir]), {
    code: 0,
    stdout: "",
    stderr: "",
  });
});

Deno.test("keymint scan - reads stdin, split anywhere", async () => {
  const text = `a\nb ${GITHUB}\n`;
  for (const at of [0, 5, 10, 20, 30, 43, text.length]) {
    const { code, stdout } = await runWith(["scan", "-"], {
      stdin: [text.slice(0, at), text.slice(at)],
    });
    assert.equal(code, 1);
    assert.match(stdout, /^stdin:2:3: github-pat-classic /);
  }
});

Deno.test("keymint scan finds a key that straddles its 1 MiB read chunks", async () => {
  const dir = await Deno.makeTempDir();
  const key = acme();
  const pad = "x = 1;\n".repeat(149_796); // 1,048,572 bytes
  await Deno.writeTextFile(`${dir}/big.js`, `${pad}k="${key}"\n${pad}`);
  const { stdout } = await runWith([
    "scan",
    "-p",
    "acme_live",
    `${dir}/big.js`,
  ]);
  assert.match(stdout, /^\S+big\.js:149797:4: keymint-acme-live /);
});

Deno.test("keymint scan reads a file too big to read whole in chunks, and finds a key across them", async () => {
  const dir = await Deno.makeTempDir();
  const key = acme();
  // 16 MiB + 2 bytes of 8-byte lines, the key across the 4 MiB chunk end.
  const lines = (WHOLE_FILE + 16) / 8;
  const at = CHUNK / 8 - 1;
  const text = "x = 12;\n".repeat(at) + `k="${key}"\n` +
    "x = 12;\n".repeat(lines - at - 1);
  assert.ok(text.length > WHOLE_FILE);
  await Deno.writeTextFile(`${dir}/huge.js`, text);
  const { stdout, stderr } = await runWith([
    "scan",
    "-p",
    "acme_live",
    `${dir}/huge.js`,
  ]);
  assert.match(
    stdout,
    new RegExp(`^\\S+huge\\.js:${at + 1}:4: keymint-acme-live `),
  );
  assert.equal(stderr, "1 key found in 1 file\n");
});

Deno.test("keymint scan --json writes one document with findings, counts and skips", async () => {
  const { dir, keys } = await fixtureTree();
  const { code, stdout } = await runWith([
    "scan",
    "--json",
    "-p",
    "acme_live",
    dir,
  ]);
  assert.equal(code, 1);
  const doc = JSON.parse(stdout);
  assert.equal(doc.findings.length, 5);
  assert.deepEqual(Object.keys(doc.findings[0]).sort(), [
    "column",
    "confidence",
    "file",
    "fingerprint",
    "kind",
    "length",
    "line",
    "masked",
    "name",
  ]);
  assert.equal(doc.findings[0].fingerprint, await hashKey(keys[0]!));
  assert.deepEqual(doc.skipped, {
    binary: 1,
    oversized: 0,
    unreadable: 0,
    special: 3,
  });
  assert.equal(doc.scanned.files, 3);
  for (const key of keys) assert.ok(!stdout.includes(key));
});

const schema = JSON.parse(
  await Deno.readTextFile(
    new URL("../fixtures/sarif-schema-2.1.0.json", import.meta.url),
  ),
);

function sarifErrors(log: unknown): string[] {
  const ajv = new AjvModule.default({
    allErrors: true,
    strict: false,
    logger: false,
  });
  const validate = ajv.compile(schema);
  return validate(log)
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

Deno.test("keymint scan --sarif is valid SARIF 2.1.0 with what code scanning needs", async () => {
  const { dir } = await fixtureTree();
  const { code, stdout } = await runWith([
    "scan",
    "--sarif",
    "-p",
    "acme_live",
    dir,
  ]);
  assert.equal(code, 1);
  const log = JSON.parse(stdout);
  assert.deepEqual(sarifErrors(log), []);
  const run = log.runs[0];
  assert.equal(run.results.length, 5);
  for (const result of run.results) {
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
    const location = result.locations[0].physicalLocation;
    assert.ok(location.artifactLocation.uri.length > 0);
    assert.ok(location.region.startLine >= 1);
    assert.match(
      result.partialFingerprints["keymintKeySha256/v1"],
      /^[0-9a-f]{64}$/,
    );
  }
  const clean = await runWith(["scan", "--sarif", await Deno.makeTempDir()]);
  assert.equal(clean.code, 0);
  assert.deepEqual(sarifErrors(JSON.parse(clean.stdout)), []);
});

Deno.test("the SARIF check catches a log that breaks the schema", () => {
  const broken = {
    version: "2.1.0",
    runs: [{ tool: { driver: {} }, results: [{ message: {} }] }],
  };
  assert.ok(sarifErrors(broken).length > 0);
  assert.ok(sarifErrors({ version: "2.0.0", runs: [] }).length > 0);
});

Deno.test("keymint scan refuses bad usage with exit 2 and nothing on stdout", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/bad.json`, "{not json");
  await Deno.writeTextFile(
    `${dir}/wrong.json`,
    '{"version":1,"keys":[{"prefix":"Bad"}]}',
  );
  await Deno.writeTextFile(`${dir}/key.txt`, `GITHUB=${GITHUB}\n`);
  const cases: [string[], RegExp][] = [
    [["scan", "--json", "--sarif", dir], /--json or --sarif/],
    [["scan", `${dir}/missing`], /no such file or folder/],
    // A key in a path before the missing one is not written either.
    [["scan", `${dir}/key.txt`, `${dir}/missing`], /no such file or folder/],
    [["scan", "--max-bytes", "lots", dir], /--max-bytes/],
    [["scan", "--prefix", "Acme", dir], /Cannot use prefix "Acme"/],
    [["scan", "--config", `${dir}/bad.json`, dir], /not JSON/],
    [["scan", "--config", `${dir}/wrong.json`, dir], /Cannot use prefix "Bad"/],
    [["scan", "--config", `${dir}/nope.json`, dir], /rules config/],
    [["scan", "-", "-"], /stdin/],
    [["scan", "--bogus"], /unknown flag/],
  ];
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await runWith(args);
    assert.equal(code, 2, args.join(" "));
    assert.equal(stdout, "");
    assert.match(stderr, USAGE_ERROR);
    assert.match(stderr, message);
  }
});

Deno.test("keymint scan counts a file it may not read and goes on", async () => {
  const dir = await Deno.makeTempDir();
  await Deno.writeTextFile(`${dir}/a.txt`, GITHUB);
  await Deno.writeTextFile(`${dir}/secret.txt`, GITHUB);
  const main = new URL("../../cli/main.ts", import.meta.url).pathname;
  // As root chmod 000 still reads; a denied path fails the same way.
  const output = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--allow-read",
      `--deny-read=${dir}/secret.txt`,
      main,
      "scan",
      dir,
    ],
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(output.code, 1);
  assert.equal(new TextDecoder().decode(output.stdout).split("\n").length, 2);
  assert.match(
    new TextDecoder().decode(output.stderr),
    /^1 key found in 1 file; skipped 1 unreadable\n$/,
  );
});

Deno.test("keymint scan --config reads the shapes keymint rules --config wrote", async () => {
  const dir = await Deno.makeTempDir();
  const config = `${dir}/keymint.rules.json`;
  assert.equal(
    (await runWith([
      "rules",
      "-p",
      "acme_test",
      "hex",
      "--bits",
      "128",
      "--config",
      config,
      "--format",
      "regex",
    ])).code,
    0,
  );
  assert.equal(
    (await runWith([
      "rules",
      "-p",
      "acme_live",
      "--config",
      config,
      "--format",
      "regex",
    ])).code,
    0,
  );
  const hex = createKeyGenerator(
    parseKeySpec({ prefix: "acme_test", format: "hex", bits: 128 }),
  )();
  await Deno.writeTextFile(
    `${dir}/a.txt`,
    `${hex}\n${acme()}\n${wrongChecksum(hex)}\n`,
  );
  const { code, stdout } = await runWith([
    "scan",
    "--config",
    config,
    `${dir}/a.txt`,
  ]);
  assert.equal(code, 1);
  assert.deepEqual(stdout.trimEnd().split("\n").map((l) => l.split(" ")[1]), [
    "keymint-acme-test",
    "keymint-acme-live",
  ]);
});

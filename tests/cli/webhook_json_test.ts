import assert from "node:assert/strict";
import { formatStandardWebhookKeys, WEBHOOK_SCHEMES } from "@keymint/core";
import { runWith as keymint } from "./_run_with.ts";
import { SECRET_DIR, secretFile, STANDARD } from "./_webhook_fixtures.ts";

const signArgs = (file: string) => [
  "webhook",
  "sign",
  "--scheme",
  "standard",
  "--secret-file",
  file,
  "--id",
  STANDARD.id,
  "--timestamp",
  STANDARD.timestamp,
];

Deno.test("run() webhook sign --json prints one document with the scheme and the headers", async () => {
  const file = await secretFile(STANDARD.secret + "\n");
  const { code, stdout, stderr } = await keymint(
    [...signArgs(file), "--json"],
    {
      stdin: STANDARD.body,
    },
  );
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.deepEqual(JSON.parse(stdout), {
    scheme: "standard",
    headers: {
      "webhook-id": STANDARD.id,
      "webhook-timestamp": STANDARD.timestamp,
      "webhook-signature": STANDARD.signature,
    },
  });
});

Deno.test("run() webhook verify --json prints the verification, valid or not, and nothing on stderr", async () => {
  const file = await secretFile(STANDARD.secret);
  const args = [
    "webhook",
    "verify",
    "--scheme",
    "standard",
    "--secret-file",
    file,
    "--header",
    `webhook-id: ${STANDARD.id}`,
    "--header",
    `webhook-timestamp: ${STANDARD.timestamp}`,
    "--header",
    `webhook-signature: ${STANDARD.signature}`,
    "--json",
  ];
  const valid = await keymint([...args, "--now", STANDARD.timestamp], {
    stdin: STANDARD.body,
  });
  assert.equal(valid.code, 0);
  assert.equal(valid.stderr, "");
  assert.deepEqual(JSON.parse(valid.stdout), {
    ok: true,
    scheme: "standard",
    signature: STANDARD.signature,
    secretIndex: 0,
    timestamp: Number(STANDARD.timestamp),
    id: STANDARD.id,
  });
  const expired = await keymint(args, { stdin: STANDARD.body });
  assert.equal(expired.code, 1);
  assert.equal(expired.stderr, "");
  const document = JSON.parse(expired.stdout);
  assert.deepEqual(Object.keys(document), [
    "ok",
    "scheme",
    "reason",
    "message",
  ]);
  assert.equal(document.ok, false);
  assert.equal(document.reason, "expired");
  const usage = await keymint(args.filter((arg) => arg !== file), {
    stdin: STANDARD.body,
  });
  assert.equal(usage.code, 2, "a usage error stays a usage error");
  assert.equal(usage.stdout, "");
});

Deno.test("run() webhook signs v1a with a whsk_ file and verifies it with the whpk_ file, also in a rotation", async () => {
  const pair = await crypto.subtle.generateKey("Ed25519", true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const keys = await formatStandardWebhookKeys(pair);
  const whsk = await secretFile(`${keys.signingKey}\n`);
  const whpk = await secretFile(`${keys.verifyingKey}\n`);
  const whsec = await secretFile(STANDARD.secret);
  const signed = await keymint(
    [...signArgs(whsec), "--secret-file", whsk],
    { stdin: STANDARD.body },
  );
  assert.equal(signed.code, 0, signed.stderr);
  const lines = signed.stdout.trimEnd().split("\n");
  assert.match(
    lines[2]!,
    /^webhook-signature: v1,\S{44} v1a,[A-Za-z0-9+/]{86}==$/,
  );
  const headers = lines.flatMap((line) => ["--header", line]);
  for (const file of [whpk, whsec]) {
    const checked = await keymint([
      "webhook",
      "verify",
      "--scheme",
      "standard",
      "--secret-file",
      file,
      ...headers,
      "--now",
      STANDARD.timestamp,
    ], { stdin: STANDARD.body });
    assert.deepEqual([checked.code, checked.stderr], [0, ""]);
  }
  const wrongHalf = await keymint([
    "webhook",
    "verify",
    "--scheme",
    "standard",
    "--secret-file",
    whsk,
    ...headers,
  ], { stdin: STANDARD.body });
  assert.equal(wrongHalf.code, 2);
  assert.match(wrongHalf.stderr, /whsk_ signing key; verify with its whpk_/);
  assert.ok(!wrongHalf.stderr.includes(keys.signingKey.slice(5, 15)));
});

Deno.test("run() webhook refuses a timestamp in milliseconds with a usage error", async () => {
  const file = await secretFile(STANDARD.secret);
  const args = signArgs(file).slice(0, -1);
  const { code, stdout, stderr } = await keymint([...args, "1614265330000"], {
    stdin: STANDARD.body,
  });
  assert.equal(code, 2);
  assert.equal(stdout, "");
  assert.equal(
    stderr,
    `keymint: Cannot parse arguments: --timestamp "161426533000..." looks like milliseconds; it takes Unix seconds\n` +
      "hint: drop the last three digits: --timestamp 1614265330\n",
  );
  const seconds = await keymint([...args, "99999999999"], {
    stdin: STANDARD.body,
  });
  assert.equal(seconds.code, 0, "the largest 11-digit time is still seconds");
});

Deno.test("run() webhook --secret-file refuses a FIFO, a device and a directory at once", async () => {
  const fifo = `${SECRET_DIR}/fifo`;
  const made = await new Deno.Command("mkfifo", { args: [fifo] }).output()
    .then((out) => out.code === 0, () => false);
  const cases: [string, string][] = [
    ["/dev/zero", "it is not a regular file"],
    [SECRET_DIR, "it is not a regular file"],
  ];
  if (made) cases.push([fifo, "it is not a regular file"]);
  else console.log("skipped the FIFO case: mkfifo is not available");
  for (const [path, problem] of cases) {
    const { code, stdout, stderr } = await keymint(
      ["webhook", "sign", "--scheme", "github", "--secret-file", path],
      { stdin: "body" },
    );
    assert.equal(code, 2, path);
    assert.equal(stdout, "");
    assert.match(
      stderr,
      new RegExp(`^keymint: Cannot read the secret file .*: ${problem}`),
      path,
    );
  }
  const big = await secretFile("x".repeat(65_537));
  const tooBig = await keymint(
    ["webhook", "sign", "--scheme", "github", "--secret-file", big],
    { stdin: "body" },
  );
  assert.equal(tooBig.code, 2);
  assert.match(tooBig.stderr, /larger than 65536 bytes/);
});

Deno.test("run() webhook --help lists every scheme of core's table with its headers", async () => {
  const { stdout } = await keymint(["webhook", "--help"]);
  const schemes = stdout.slice(stdout.indexOf("Schemes (--scheme):"));
  for (const scheme of WEBHOOK_SCHEMES) {
    assert.match(schemes, new RegExp(`\\n  ${scheme.name} +${scheme.title}:`));
    for (const header of scheme.headers) assert.ok(schemes.includes(header));
  }
  assert.match(stdout, /--json/);
  const section = schemes.slice(0, schemes.indexOf("\n\n"));
  assert.ok(section.split("\n").every((line) => line.length <= 76));
});

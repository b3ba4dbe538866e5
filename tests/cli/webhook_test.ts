import assert from "node:assert/strict";
import { signWebhook } from "@keymint/core";
import { runWith as keymint } from "./_run_with.ts";
import { GITHUB, secretFile, STANDARD } from "./_webhook_fixtures.ts";

const STRIPE_SECRET = "whsec_stripe_test_secret_for_keymint";

function headerArgs(stdout: string): string[] {
  return stdout.trimEnd().split("\n").flatMap((line) => ["--header", line]);
}

Deno.test("run() webhook sign prints the Standard Webhooks reference headers", async () => {
  const file = await secretFile(STANDARD.secret + "\n");
  const { code, stdout, stderr } = await keymint(
    [
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
    ],
    { stdin: STANDARD.body },
  );
  assert.equal(code, 0);
  assert.equal(stderr, "");
  assert.equal(
    stdout,
    `webhook-id: ${STANDARD.id}\nwebhook-timestamp: ${STANDARD.timestamp}\nwebhook-signature: ${STANDARD.signature}\n`,
  );
});

Deno.test("run() webhook sign reproduces GitHub's documented example, secret file newline dropped", async () => {
  for (const ending of ["", "\n", "\r\n"]) {
    const file = await secretFile(GITHUB.secret + ending);
    const { code, stdout } = await keymint(
      ["webhook", "sign", "--scheme", "github", "--secret-file", file],
      { stdin: GITHUB.body },
    );
    assert.equal(code, 0);
    assert.equal(
      stdout,
      `X-Hub-Signature-256: ${GITHUB.signature}\n`,
      JSON.stringify(ending),
    );
  }
});

Deno.test("run() webhook sign uses the body byte for byte and the secret file minus one newline only", async () => {
  const file = await secretFile("two newlines\n\n");
  const body = new Uint8Array([0x7b, 0x7d, 0x0a, 0xff]); // "{}\n" and a byte that is not UTF-8
  const { stdout } = await keymint(
    ["webhook", "sign", "--scheme", "github", "--secret-file", file],
    { stdin: [body.subarray(0, 2), body.subarray(2)] },
  );
  const expected = await signWebhook("github", {
    secret: "two newlines\n",
    body,
  });
  assert.equal(
    stdout,
    `X-Hub-Signature-256: ${expected["X-Hub-Signature-256"]}\n`,
  );
});

Deno.test("run() webhook verify accepts GitHub's documented example silently", async () => {
  const file = await secretFile(GITHUB.secret);
  const result = await keymint(
    [
      "webhook",
      "verify",
      "--scheme",
      "github",
      "--secret-file",
      file,
      "--header",
      `X-Hub-Signature-256: ${GITHUB.signature}`,
    ],
    { stdin: GITHUB.body },
  );
  assert.deepEqual(result, { code: 0, stdout: "", stderr: "" });
});

Deno.test("run() webhook verify replays the reference delivery with --now and rejects it without", async () => {
  const file = await secretFile(STANDARD.secret);
  const args = [
    "webhook",
    "verify",
    "--scheme=standard",
    `--secret-file=${file}`,
    "--header",
    `webhook-id: ${STANDARD.id}`,
    `--header=webhook-timestamp: ${STANDARD.timestamp}`,
    "--header",
    `webhook-signature: ${STANDARD.signature}`,
  ];
  const replay = await keymint([...args, "--now", "1614265400"], {
    stdin: STANDARD.body,
  });
  assert.deepEqual(replay, { code: 0, stdout: "", stderr: "" });
  const late = await keymint(args, { stdin: STANDARD.body });
  assert.equal(late.code, 1);
  assert.equal(late.stdout, "");
  assert.match(
    late.stderr,
    /^keymint: invalid webhook \(expired\): the signature matches, but the timestamp is \d+ s old; the tolerance is 300 s\nhint: .*--now.*\n$/,
  );
  assert.ok(!late.stderr.includes(STANDARD.signature.slice(3)));
});

Deno.test("run() webhook verify exits 1 on a mismatch without printing the secret or the signature", async () => {
  const file = await secretFile(GITHUB.secret);
  const { code, stdout, stderr } = await keymint(
    [
      "webhook",
      "verify",
      "--scheme",
      "github",
      "--secret-file",
      file,
      "--header",
      `X-Hub-Signature-256: ${GITHUB.signature}`,
    ],
    { stdin: GITHUB.body + "\n" },
  );
  assert.equal(code, 1);
  assert.equal(stdout, "");
  const lines = stderr.trimEnd().split("\n");
  assert.equal(
    lines[0],
    "keymint: invalid webhook (mismatch): the sha256 signature does not match the secret and this body",
  );
  assert.match(lines[1]!, /^hint: /);
  assert.equal(lines.length, 2);
  assert.ok(!stderr.includes(GITHUB.secret));
  assert.ok(!stderr.includes(GITHUB.signature.slice(7)));
});

Deno.test("run() webhook verify accepts what webhook sign printed, for every scheme", async () => {
  const secrets = {
    standard: STANDARD.secret,
    github: GITHUB.secret,
    stripe: STRIPE_SECRET,
  };
  for (const [scheme, secret] of Object.entries(secrets)) {
    const file = await secretFile(secret + "\n");
    const body = `{"scheme":"${scheme}"}\n`;
    const signed = await keymint([
      "webhook",
      "sign",
      "--scheme",
      scheme,
      "--secret-file",
      file,
    ], { stdin: body });
    assert.equal(signed.code, 0, scheme);
    const verified = await keymint(
      [
        "webhook",
        "verify",
        "--scheme",
        scheme,
        "--secret-file",
        file,
        ...headerArgs(signed.stdout),
      ],
      { stdin: body },
    );
    assert.deepEqual(verified, { code: 0, stdout: "", stderr: "" }, scheme);
    const tampered = await keymint(
      [
        "webhook",
        "verify",
        "--scheme",
        scheme,
        "--secret-file",
        file,
        ...headerArgs(signed.stdout),
      ],
      { stdin: body.replace(scheme, "other") },
    );
    assert.equal(tampered.code, 1, scheme);
    assert.match(tampered.stderr, /\(mismatch\)/);
  }
});

Deno.test("run() webhook handles a key rotation with two secret files", async () => {
  const oldFile = await secretFile("whsec_" + btoa("old signing key, 24 byte"));
  const newFile = await secretFile("whsec_" + btoa("new signing key, 24 byte"));
  const signed = await keymint(
    [
      "webhook",
      "sign",
      "--scheme",
      "standard",
      "--secret-file",
      oldFile,
      "--secret-file",
      newFile,
    ],
    { stdin: "rotate" },
  );
  assert.match(signed.stdout, /^webhook-signature: v1,\S+ v1,\S+$/m);
  for (const file of [oldFile, newFile]) {
    const verified = await keymint(
      [
        "webhook",
        "verify",
        "--scheme",
        "standard",
        "--secret-file",
        file,
        ...headerArgs(signed.stdout),
      ],
      { stdin: "rotate" },
    );
    assert.equal(verified.code, 0);
  }
});

Deno.test("run() webhook verify honours --tolerance and --now for Stripe", async () => {
  const file = await secretFile(STRIPE_SECRET);
  const signed = await keymint(
    [
      "webhook",
      "sign",
      "--scheme",
      "stripe",
      "--secret-file",
      file,
      "--timestamp",
      "1700000000",
    ],
    { stdin: "b" },
  );
  const verify = (...extra: string[]) =>
    keymint(
      [
        "webhook",
        "verify",
        "--scheme",
        "stripe",
        "--secret-file",
        file,
        ...headerArgs(signed.stdout),
        ...extra,
      ],
      { stdin: "b" },
    );
  assert.equal((await verify("--now", "1700000300")).code, 0);
  const late = await verify("--now", "1700000301");
  assert.equal(late.code, 1);
  assert.match(late.stderr, /\(expired\)/);
  assert.equal(
    (await verify("--now", "1700000301", "--tolerance", "400")).code,
    0,
  );
  const early = await verify("--now", "1699999000");
  assert.match(early.stderr, /^keymint: invalid webhook \(future\)/);
});

Deno.test("run() webhook verify reports a malformed header with exit 1", async () => {
  const file = await secretFile(STANDARD.secret);
  const { code, stderr } = await keymint(
    [
      "webhook",
      "verify",
      "--scheme",
      "standard",
      "--secret-file",
      file,
      "--header",
      `webhook-id: ${STANDARD.id}\nwebhook-timestamp: yesterday\nwebhook-signature: ${STANDARD.signature}`,
    ],
    { stdin: STANDARD.body },
  );
  assert.equal(code, 1);
  assert.equal(
    stderr.split("\n")[0],
    `keymint: invalid webhook (malformed): the "webhook-timestamp" header is not a whole number of seconds`,
  );
});

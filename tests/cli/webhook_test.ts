import assert from "node:assert/strict";
import { signWebhook } from "@keymint/core";
import { run } from "../../cli/run.ts";
import { fakeIo, type FakeIoOptions } from "./_fake_io.ts";

// Standard Webhooks reference vector and GitHub's documented example.
const STANDARD = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: "1614265330",
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const GITHUB = {
  secret: "It's a Secret to Everybody",
  body: "Hello, World!",
  signature:
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
};
const STRIPE_SECRET = "whsec_stripe_test_secret_for_keymint";

const SECRET_DIR = Deno.makeTempDirSync({ prefix: "keymint-webhook-test-" });
globalThis.addEventListener("unload", () => {
  Deno.removeSync(SECRET_DIR, { recursive: true });
});

async function secretFile(content: string): Promise<string> {
  const path = await Deno.makeTempFile({ dir: SECRET_DIR });
  await Deno.writeTextFile(path, content);
  return path;
}

async function keymint(args: string[], options: FakeIoOptions = {}) {
  const fake = fakeIo(options);
  const code = await run(args, fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

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

Deno.test("run() webhook rejects bad usage with exit 2 and one keymint line, never echoing a secret", async () => {
  const good = await secretFile(GITHUB.secret);
  const empty = await secretFile("\n");
  const notBase64 = await secretFile("whsec_#not-base64-at-all#");
  const header = ["--header", `X-Hub-Signature-256: ${GITHUB.signature}`];
  const cases: [string[], string][] = [
    [
      ["webhook"],
      "keymint: Cannot run webhook: name an action, sign or verify",
    ],
    [
      ["webhook", "whsec_pasted"],
      "keymint: Cannot run webhook: the first argument must be sign or verify",
    ],
    [
      ["webhook", "sign", "--scheme", "github", "--secret", "whsec_pasted"],
      "keymint: Cannot take the secret from a flag: it would land in shell history",
    ],
    [
      ["webhook", "sign", "--scheme", "github", "--secret=whsec_pasted"],
      "keymint: Cannot take the secret from a flag: it would land in shell history",
    ],
    [
      ["webhook", "sign", "--secret-file", good],
      "keymint: Cannot sign: --scheme is missing; choose standard, github or stripe",
    ],
    [
      ["webhook", "sign", "--scheme", "gitlab", "--secret-file", good],
      `keymint: Cannot use webhook scheme "gitlab": unknown scheme, did you mean "github"?; choose one of standard, github, stripe`,
    ],
    [
      ["webhook", "sign", "--scheme", "github"],
      "keymint: Cannot read the secret: --secret-file is missing",
    ],
    [
      ["webhook", "sign", "--scheme", "github", "--secret-file"],
      "keymint: Cannot parse arguments: --secret-file needs a value",
    ],
    [
      [
        "webhook",
        "sign",
        "--scheme",
        "github",
        "--secret-file",
        "/nonexistent/keymint",
      ],
      // Paths are quoted like every echoed value: 12 characters and "...".
      `keymint: Cannot read the secret file "/nonexistent...": no such file`,
    ],
    [
      ["webhook", "sign", "--scheme", "github", "--secret-file", empty],
      `keymint: Cannot read the secret file ${
        JSON.stringify(empty.slice(0, 12) + "...")
      }: it is empty`,
    ],
    [
      ["webhook", "sign", "--scheme", "standard", "--secret-file", notBase64],
      "keymint: Cannot sign a Standard Webhooks webhook: the secret is not base64 after the optional whsec_ prefix",
    ],
    [
      [
        "webhook",
        "sign",
        "--scheme",
        "github",
        "--secret-file",
        good,
        "--id",
        "msg_1",
      ],
      "keymint: Cannot sign a GitHub webhook: GitHub signs the body alone, without an id or timestamp",
    ],
    [
      [
        "webhook",
        "sign",
        "--scheme",
        "stripe",
        "--secret-file",
        good,
        "--timestamp",
        "soon",
      ],
      `keymint: Cannot parse arguments: --timestamp must be a whole number of seconds, got "soon"`,
    ],
    [
      [
        "webhook",
        "sign",
        "--scheme",
        "github",
        "--secret-file",
        good,
        "whsec_pasted",
      ],
      "keymint: Cannot run webhook sign: unexpected argument; the body comes from stdin and the secret from --secret-file",
    ],
    [[
      "webhook",
      "sign",
      "--scheme",
      "github",
      "--secret-file",
      good,
      ...header,
    ], `keymint: Cannot parse arguments: unknown flag "--header"`],
    [
      ["webhook", "verify", "--scheme", "github", "--secret-file", good],
      `keymint: Cannot verify: no --header given; pass each received header as --header "Name: value"`,
    ],
    [[
      "webhook",
      "verify",
      "--scheme",
      "github",
      "--secret-file",
      good,
      "--header",
      "sha256=abc",
    ], `keymint: Cannot read --header number 1: expected "Name: value"`],
    [
      [
        "webhook",
        "verify",
        "--scheme",
        "stripe",
        "--secret-file",
        good,
        ...header,
        "--now",
        "-5",
      ],
      `keymint: Cannot parse arguments: --now must be a whole number of seconds, got "-5"`,
    ],
    [
      [
        "webhook",
        "verify",
        "--scheme",
        "stripe",
        "--secret-file",
        good,
        ...header,
        "--tolerance",
        "5m",
      ],
      `keymint: Cannot parse arguments: --tolerance must be a whole number of seconds, got "5m"`,
    ],
    [
      [
        "webhook",
        "verify",
        "--scheme",
        "github",
        "--secret-file",
        good,
        ...header,
        "--now",
        "1",
      ],
      "keymint: Cannot verify a GitHub webhook: GitHub signs no timestamp, so tolerance and now do not apply",
    ],
    [[
      "webhook",
      "verify",
      "--scheme",
      "github",
      "--secret-file",
      good,
      ...header,
      "--timestamp",
      "1",
    ], `keymint: Cannot parse arguments: unknown flag "--timestamp"`],
  ];
  for (const [args, firstLine] of cases) {
    const { code, stdout, stderr } = await keymint(args, { stdin: "body" });
    const lines = stderr.trimEnd().split("\n");
    assert.equal(code, 2, args.join(" "));
    assert.equal(stdout, "", args.join(" "));
    assert.equal(lines[0], firstLine, args.join(" "));
    assert.equal(lines.length, 2, args.join(" "));
    assert.match(lines[1]!, /^hint: /);
    assert.ok(!stderr.includes("whsec_pasted"), args.join(" "));
    assert.ok(!stderr.includes("not-base64-at-all"), args.join(" "));
    assert.ok(!stderr.includes(GITHUB.secret), args.join(" "));
  }
});

Deno.test("run() webhook --help prints the usage of both actions", async () => {
  for (
    const args of [["webhook", "--help"], ["webhook", "verify", "--help"], [
      "help",
      "webhook",
    ]]
  ) {
    const { code, stdout, stderr } = await keymint(args);
    assert.equal(code, 0);
    assert.equal(stderr, "");
    assert.match(stdout, /keymint webhook sign --scheme S --secret-file F/);
    assert.match(
      stdout,
      /keymint webhook verify --scheme S --secret-file F --header/,
    );
  }
});

Deno.test("run() --help lists the webhook command", async () => {
  const { stdout } = await keymint(["--help"]);
  assert.match(stdout, /webhook/);
});

Deno.test("run() webhook tells a terminal user how to end the body", async () => {
  const file = await secretFile(GITHUB.secret);
  const { code, stderr } = await keymint(
    ["webhook", "sign", "--scheme", "github", "--secret-file", file],
    { stdin: GITHUB.body, stdinIsTerminal: true },
  );
  assert.equal(code, 0);
  assert.match(stderr, /end it with Ctrl-D/);
});

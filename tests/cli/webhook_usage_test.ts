import assert from "node:assert/strict";
import { runWith as keymint } from "./_run_with.ts";
import { GITHUB, secretFile } from "./_webhook_fixtures.ts";

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

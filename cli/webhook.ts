/**
 * `keymint webhook sign|verify`: make the headers of a signed webhook
 * delivery, or check the signature of a received one. The scheme list and
 * what the help says of each scheme come from core's scheme table.
 *
 * @module
 */

import {
  findWebhookScheme,
  parseWebhookHeaders,
  signWebhook,
  stripTrailingNewline,
  verifyWebhook,
  WEBHOOK_SCHEMES,
  type WebhookRejected,
  type WebhookSchemeInfo,
} from "@keymint/core";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { quoteArgument, UsageError, writeText } from "./_message.ts";
import { readAll } from "./_stdin.ts";
import { hasFlag, scanArgv } from "./_argv.ts";
import { flagHelp } from "./_help.ts";
import { writeJson } from "./_output.ts";
import { readBoundedFile } from "./_read_file.ts";

/** The longest secret file read, in bytes. */
const MAX_SECRET_BYTES = 65_536;

/** The longest body read from stdin, in bytes. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Unix seconds reach 12 digits in the year 5138: more is milliseconds. */
const MAX_SECONDS = 99_999_999_999;

const SCHEME_NAMES = WEBHOOK_SCHEMES.map((scheme) => scheme.name);

/** "a, b or c" */
function listed(words: readonly string[]): string {
  return words.length < 2
    ? words.join("")
    : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

const namesWhere = (test: (scheme: WebhookSchemeInfo) => boolean) =>
  listed(WEBHOOK_SCHEMES.filter(test).map((scheme) => scheme.name));

const SHARED_FLAGS = {
  scheme: {
    type: "string",
    placeholder: "S",
    complete: SCHEME_NAMES,
    summary: listed(SCHEME_NAMES),
  },
  "secret-file": {
    type: "string",
    multiple: true,
    placeholder: "F",
    complete: "file",
    summary: "the file holding the secret (repeat during a rotation)",
  },
} as const satisfies FlagTable;

const SIGN_FLAGS = {
  ...SHARED_FLAGS,
  id: {
    type: "string",
    placeholder: "ID",
    summary: `${
      namesWhere((s) => s.signsId)
    }: the message id (default msg_ + 32 random hex)`,
  },
  timestamp: {
    type: "string",
    placeholder: "T",
    summary: `${namesWhere((s) => s.timestamped)}: Unix seconds (default now)`,
  },
  json: {
    type: "boolean",
    summary: 'one JSON object {"scheme", "headers": {name: value}}',
  },
} as const satisfies FlagTable;

const VERIFY_FLAGS = {
  ...SHARED_FLAGS,
  header: {
    type: "string",
    multiple: true,
    placeholder: '"N: v"',
    summary: "a header as received (repeat for each one)",
  },
  tolerance: {
    type: "string",
    placeholder: "SECONDS",
    summary: "how far the timestamp may be from now (default 300)",
  },
  now: {
    type: "string",
    placeholder: "T",
    summary:
      "check the timestamp against Unix time T, to replay\na recorded delivery",
  },
  json: {
    type: "boolean",
    summary:
      'one JSON object {"ok", "scheme", ...} on stdout (the\nreason and message when invalid), no line on stderr',
  },
} as const satisfies FlagTable;

const USAGE_HINT = `run "keymint webhook --help" for usage`;

/** Wraps `text` to lines of at most `width` characters after `indent`. */
function wrap(text: string, indent: number, width = 76): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

const SCHEME_HELP = WEBHOOK_SCHEMES.map((scheme) =>
  `  ${scheme.name.padEnd(11)}${
    wrap(
      `${scheme.title}: ${scheme.headers.join(", ")}. ${scheme.summary}. ` +
        `Secret: ${scheme.secretForm}.`,
      13,
    )
  }\n`
).join("");

/** The webhook command. */
export const webhookCommand: Command = {
  help: `keymint webhook: sign a webhook delivery, or check a signature

Usage:
  keymint webhook sign --scheme S --secret-file F [--id ID] [--timestamp T] [--json]
  keymint webhook verify --scheme S --secret-file F --header "Name: value"...
                         [--tolerance SECONDS] [--now T] [--json]

Both read the request body from stdin and use it byte for byte: no newline
is added or removed. The secret comes from a file, never from an argument;
the file loses one trailing newline. Give --secret-file twice during a
rotation: sign then adds one signature per secret, verify accepts either.

sign prints the headers to send, one "Name: value" per line.
verify prints nothing and exits 0 when a signature matches and, for
timestamped schemes, the timestamp is within the tolerance of now (in
either direction); otherwise it exits 1 with the reason on stderr.

Schemes (--scheme):
${SCHEME_HELP}
Flags of sign:
${flagHelp(SIGN_FLAGS)}
Flags of verify (besides --scheme and --secret-file):
${
    flagHelp(
      Object.fromEntries(
        Object.entries(VERIFY_FLAGS).filter(([name]) =>
          !(name in SHARED_FLAGS)
        ),
      ),
    )
  }
Exit codes: 0 signed or valid, 1 invalid signature, 2 usage error.

Examples:
  keymint preset standard-webhooks > whsec.txt
  printf %s '{"type":"ping"}' | keymint webhook sign --scheme standard --secret-file whsec.txt
  keymint webhook verify --scheme github --secret-file github-secret.txt \\
    --header "X-Hub-Signature-256: sha256=757107ea0eb2..." < body.json
  keymint keypair standard-webhooks-ed25519 --out wh    (whsk_/whpk_ keys for v1a)
`,
  actions: { sign: SIGN_FLAGS, verify: VERIFY_FLAGS },
  run: webhook,
};

/**
 * Runs `keymint webhook` on the arguments after `webhook`.
 *
 * @param args `sign` or `verify`, then its flags.
 * @param io The streams to use.
 * @returns 0 when signed or valid, 1 when the signature does not check out.
 * @throws {UsageError} For bad flags, an unreadable secret file or stdin.
 * @throws {TypeError|RangeError|SyntaxError} From the core, for a bad
 * scheme, secret, id or timestamp.
 */
export async function webhook(
  args: readonly string[],
  io: RunIo,
): Promise<number> {
  const [action, ...rest] = args;
  if (action === "sign") return await sign(rest, io);
  if (action === "verify") return await verify(rest, io);
  throw new UsageError(
    action === undefined
      ? "Cannot run webhook: name an action, sign or verify"
      : "Cannot run webhook: the first argument must be sign or verify",
  );
}

async function sign(args: readonly string[], io: RunIo): Promise<number> {
  refuseSecretFlag(args);
  const { values, positionals } = parseFlags(args, SIGN_FLAGS);
  refusePositionals("sign", positionals);
  const scheme = findWebhookScheme(requireScheme("sign", values.scheme));
  const timestamp = values.timestamp === undefined
    ? undefined
    : wholeSeconds("timestamp", values.timestamp);
  const secret = await readSecrets(values["secret-file"] ?? []);
  const headers = await signWebhook(scheme.name, {
    secret,
    body: await readBody(io),
    ...(values.id === undefined ? {} : { id: values.id }),
    ...(timestamp === undefined ? {} : { timestamp }),
  });
  if (values.json) {
    await writeJson(io, { scheme: scheme.name, headers });
    return 0;
  }
  const lines = Object.entries(headers).map(([name, value]) =>
    `${name}: ${value}\n`
  );
  await writeText(io.stdout, lines.join(""));
  return 0;
}

async function verify(args: readonly string[], io: RunIo): Promise<number> {
  refuseSecretFlag(args);
  const { values, positionals } = parseFlags(args, VERIFY_FLAGS);
  refusePositionals("verify", positionals);
  const scheme = findWebhookScheme(requireScheme("verify", values.scheme));
  const headerArgs = values.header ?? [];
  if (headerArgs.length === 0) {
    throw new UsageError(
      `Cannot verify: no --header given; pass each received header as --header "Name: value"`,
      `${scheme.title} deliveries carry ${scheme.headers.join(", ")}`,
    );
  }
  const headers = headerArgs.flatMap((text, index) => {
    try {
      return parseWebhookHeaders(text);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new UsageError(
        `Cannot read --header number ${index + 1}: expected "Name: value"`,
        `write it the way it arrived, as in --header "${
          scheme.headers.at(-1)
        }: ..."`,
      );
    }
  });
  const tolerance = values.tolerance === undefined
    ? undefined
    : wholeSeconds("tolerance", values.tolerance);
  const now = values.now === undefined
    ? undefined
    : wholeSeconds("now", values.now);
  const secret = await readSecrets(values["secret-file"] ?? []);
  const result = await verifyWebhook(scheme.name, {
    secret,
    body: await readBody(io),
    headers,
    ...(tolerance === undefined ? {} : { tolerance }),
    ...(now === undefined ? {} : { now }),
  });
  if (values.json) {
    await writeJson(io, result);
    return result.ok ? 0 : 1;
  }
  if (result.ok) return 0;
  await writeText(
    io.stderr,
    `keymint: invalid webhook (${result.reason}): ${result.message}\nhint: ${
      hintFor(result)
    }\n`,
  );
  return 1;
}

function hintFor(result: WebhookRejected): string {
  switch (result.reason) {
    case "missing":
    case "malformed":
      return `pass every header of the delivery as --header "Name: value", copied as received`;
    case "mismatch":
      return "check the secret file, and that stdin holds the body exactly as received (no added newline, no re-formatted JSON)";
    case "expired":
      return "to replay a recorded delivery, pass --now with a Unix time close to its timestamp";
    case "future":
      return "check the sender's and this machine's clocks, or pass --now";
  }
}

/** A secret on the command line lands in shell history and `ps`: refuse it unquoted. */
function refuseSecretFlag(args: readonly string[]): void {
  if (hasFlag(scanArgv(args), "--secret")) {
    throw new UsageError(
      "Cannot take the secret from a flag: it would land in shell history",
      "put it in a file and pass --secret-file FILE",
    );
  }
}

function refusePositionals(
  action: string,
  positionals: readonly string[],
): void {
  if (positionals.length === 0) return;
  throw new UsageError(
    `Cannot run webhook ${action}: unexpected argument; the body comes from stdin and the secret from --secret-file`,
  );
}

function requireScheme(action: string, value: string | undefined): string {
  if (value === undefined) {
    throw new UsageError(
      `Cannot ${action}: --scheme is missing; choose ${listed(SCHEME_NAMES)}`,
      USAGE_HINT,
    );
  }
  return value;
}

/** Whole seconds from a flag: digits only, and not milliseconds. */
function wholeSeconds(flag: string, text: string): number {
  let digits = text.length > 0 && text.length <= 15;
  for (let i = 0; digits && i < text.length; i++) {
    digits = text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39;
  }
  if (!digits) {
    throw new UsageError(
      `Cannot parse arguments: --${flag} must be a whole number of seconds, got ${
        quoteArgument(text)
      }`,
    );
  }
  const seconds = Number(text);
  if (flag !== "tolerance" && seconds > MAX_SECONDS) {
    throw new UsageError(
      `Cannot parse arguments: --${flag} ${
        quoteArgument(text)
      } looks like milliseconds; it takes Unix seconds`,
      `drop the last three digits: --${flag} ${Math.floor(seconds / 1000)}`,
    );
  }
  return seconds;
}

/** Reads each secret file as UTF-8, dropping one trailing newline. */
async function readSecrets(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) {
    throw new UsageError(
      "Cannot read the secret: --secret-file is missing",
      "put the secret in a file, as in: keymint preset standard-webhooks > whsec.txt",
    );
  }
  const secrets: string[] = [];
  for (const path of paths) {
    const bytes = (await readBoundedFile(path, {
      maxBytes: MAX_SECRET_BYTES,
      label: "the secret file",
    }))!;
    const shown = quoteArgument(path);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new UsageError(
        `Cannot read the secret file ${shown}: it is not UTF-8 text`,
      );
    }
    const secret = stripTrailingNewline(text);
    if (secret === "") {
      throw new UsageError(`Cannot read the secret file ${shown}: it is empty`);
    }
    secrets.push(secret);
  }
  return secrets;
}

/** Reads stdin to its end, unchanged. */
async function readBody(io: RunIo): Promise<Uint8Array> {
  if (io.stdinIsTerminal) {
    await writeText(
      io.stderr,
      "keymint: reading the body from the terminal; end it with Ctrl-D\n",
    );
  }
  const body = await readAll(io.stdin, MAX_BODY_BYTES);
  if (body === undefined) {
    throw new UsageError(
      `Cannot read the body: stdin holds more than ${MAX_BODY_BYTES} bytes`,
    );
  }
  return body;
}

/**
 * `keymint webhook sign|verify`: make the headers of a signed webhook
 * delivery, or check the signature of a received one.
 *
 * @module
 */

import {
  findWebhookScheme,
  parseWebhookHeaders,
  signWebhook,
  verifyWebhook,
  type WebhookRejected,
} from "@keymint/core";
import { stripTrailingNewline } from "@keymint/core/faces";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { UsageError, writeText } from "./_message.ts";
import { readAll } from "./_stdin.ts";

/** The longest secret file read, in bytes. */
const MAX_SECRET_BYTES = 65_536;

/** The longest body read from stdin, in bytes. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

const SIGN_FLAGS: FlagTable = {
  scheme: { type: "string" },
  id: { type: "string" },
  timestamp: { type: "string" },
};

const VERIFY_FLAGS: FlagTable = {
  scheme: { type: "string" },
  tolerance: { type: "string" },
  now: { type: "string" },
};

const USAGE_HINT = `run "keymint webhook --help" for usage`;

/** The webhook command. */
export const webhookCommand: Command = {
  help: `keymint webhook: sign a webhook delivery, or check a signature

Usage:
  keymint webhook sign --scheme S --secret-file F [--id ID] [--timestamp T]
  keymint webhook verify --scheme S --secret-file F --header "Name: value"...
                         [--tolerance SECONDS] [--now T]

Both read the request body from stdin and use it byte for byte: no newline
is added or removed. The secret comes from a file, never from an argument;
the file loses one trailing newline. Give --secret-file twice during a
rotation: sign then adds one signature per secret, verify accepts either.

sign prints the headers to send, one "Name: value" per line.
verify prints nothing and exits 0 when a signature matches and, for
timestamped schemes, the timestamp is within the tolerance of now (in
either direction); otherwise it exits 1 with the reason on stderr.

Schemes (--scheme):
  standard   Standard Webhooks: webhook-id, webhook-timestamp and
             webhook-signature: v1,<base64>. Secret: whsec_<base64 key>.
  github     GitHub: X-Hub-Signature-256: sha256=<hex> over the body.
  stripe     Stripe: Stripe-Signature: t=<ts>,v1=<hex>; the whole
             whsec_... string is the key.

Flags:
  --scheme S          standard, github or stripe
  --secret-file F     the file holding the secret (repeat during a rotation)
  --id ID             sign, standard: the message id (default msg_ + 32 random hex)
  --timestamp T       sign, standard and stripe: Unix seconds (default now)
  --header "N: v"     verify: a header as received (repeat for each one)
  --tolerance SECONDS verify: how far the timestamp may be from now (default 300)
  --now T             verify: check the timestamp against Unix time T, to
                      replay a recorded delivery

Exit codes: 0 signed or valid, 1 invalid signature, 2 usage error.

Examples:
  keymint preset standard-webhooks > whsec.txt
  printf %s '{"type":"ping"}' | keymint webhook sign --scheme standard --secret-file whsec.txt
  keymint webhook verify --scheme github --secret-file github-secret.txt \\
    --header "X-Hub-Signature-256: sha256=757107ea0eb2..." < body.json
`,
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
  const { taken, rest } = takeRepeated(args, ["secret-file"]);
  const { values, positionals } = parseFlags(rest, SIGN_FLAGS);
  refusePositionals("sign", positionals);
  const scheme = findWebhookScheme(requireScheme("sign", values.scheme));
  const secret = await readSecrets(taken["secret-file"]!);
  const id = stringValue(values.id);
  const timestamp = stringValue(values.timestamp);
  const headers = await signWebhook(scheme.name, {
    secret,
    body: await readBody(io),
    ...(id === undefined ? {} : { id }),
    ...(timestamp === undefined
      ? {}
      : { timestamp: wholeSeconds("timestamp", timestamp) }),
  });
  const lines = Object.entries(headers).map(([name, value]) =>
    `${name}: ${value}\n`
  );
  await writeText(io.stdout, lines.join(""));
  return 0;
}

async function verify(args: readonly string[], io: RunIo): Promise<number> {
  refuseSecretFlag(args);
  const { taken, rest } = takeRepeated(args, ["secret-file", "header"]);
  const { values, positionals } = parseFlags(rest, VERIFY_FLAGS);
  refusePositionals("verify", positionals);
  const scheme = findWebhookScheme(requireScheme("verify", values.scheme));
  const headerArgs = taken["header"]!;
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
  const secret = await readSecrets(taken["secret-file"]!);
  const tolerance = stringValue(values.tolerance);
  const now = stringValue(values.now);
  const result = await verifyWebhook(scheme.name, {
    secret,
    body: await readBody(io),
    headers,
    ...(tolerance === undefined
      ? {}
      : { tolerance: wholeSeconds("tolerance", tolerance) }),
    ...(now === undefined ? {} : { now: wholeSeconds("now", now) }),
  });
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

/**
 * Pulls every `--name VALUE` and `--name=VALUE` of the repeatable flags out
 * of `args` (the shared parser refuses repeats), up to a `--`.
 */
function takeRepeated(
  args: readonly string[],
  names: readonly string[],
): { taken: Record<string, string[]>; rest: string[] } {
  const taken: Record<string, string[]> = Object.fromEntries(
    names.map((name) => [name, []]),
  );
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      rest.push(...args.slice(i));
      break;
    }
    const name = names.find((name) =>
      arg === `--${name}` || arg.startsWith(`--${name}=`)
    );
    if (name === undefined) {
      rest.push(arg);
    } else if (arg.length > name.length + 2) {
      taken[name]!.push(arg.slice(name.length + 3));
    } else if (i + 1 < args.length) {
      taken[name]!.push(args[++i]!);
    } else {
      throw new UsageError(`Cannot parse arguments: --${name} needs a value`);
    }
  }
  return { taken, rest };
}

/** A secret on the command line lands in shell history and `ps`: refuse it unquoted. */
function refuseSecretFlag(args: readonly string[]): void {
  const end = args.indexOf("--");
  const flags = end === -1 ? args : args.slice(0, end);
  if (flags.some((arg) => arg === "--secret" || arg.startsWith("--secret="))) {
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

function requireScheme(
  action: string,
  value: string | boolean | undefined,
): string {
  if (typeof value !== "string") {
    throw new UsageError(
      `Cannot ${action}: --scheme is missing; choose standard, github or stripe`,
      USAGE_HINT,
    );
  }
  return value;
}

function stringValue(value: string | boolean | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Whole seconds from a flag: digits only. */
function wholeSeconds(flag: string, text: string): number {
  if (!/^[0-9]{1,15}$/.test(text)) {
    throw new UsageError(
      `Cannot parse arguments: --${flag} must be a whole number of seconds, got ${
        JSON.stringify(text.length > 20 ? `${text.slice(0, 20)}...` : text)
      }`,
    );
  }
  return Number(text);
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
    const shown = JSON.stringify(path);
    let bytes: Uint8Array;
    try {
      bytes = await Deno.readFile(path);
    } catch (error) {
      throw new UsageError(
        `Cannot read the secret file ${shown}: ${fileProblem(error)}`,
      );
    }
    if (bytes.length > MAX_SECRET_BYTES) {
      throw new UsageError(
        `Cannot read the secret file ${shown}: it is larger than ${MAX_SECRET_BYTES} bytes`,
      );
    }
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

function fileProblem(error: unknown): string {
  if (error instanceof Deno.errors.NotFound) return "no such file";
  if (error instanceof Deno.errors.IsADirectory) return "it is a directory";
  if (
    error instanceof Deno.errors.NotCapable ||
    error instanceof Deno.errors.PermissionDenied
  ) {
    return "permission denied (keymint needs --allow-read for it)";
  }
  return error instanceof Error ? error.name : "unreadable";
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

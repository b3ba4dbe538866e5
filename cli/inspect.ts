/**
 * `keymint inspect`: what a key on stdin is made of, without printing it.
 *
 * @module
 */

import { inspectKey, isKeyMaterial, parseKeySpec } from "@keymint/core";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { writeReport, writeText } from "./_message.ts";
import { readKey } from "./_stdin.ts";
import { refuseKeyArguments } from "./_key_arguments.ts";

const FLAGS = {
  json: { type: "boolean", summary: "one JSON document on stdout" },
  prefix: {
    type: "string",
    multiple: true,
    placeholder: "P",
    summary:
      "keys with this prefix always carry a checksum: a bad one is invalid (repeat)",
  },
} as const satisfies FlagTable;

/** The inspect command. */
export const inspectCommand: Command = {
  help:
    `keymint inspect: kind, length, alphabet, entropy, checksum and warnings of a key

Reads the key from stdin (never from an argument) and reports what it is:
the recognised kind (GitHub, Stripe, Slack, AWS, OpenAI, a keymint preset, a
JWT, a UUID, ...), its entropy (the kind's documented figure, or an upper
bound: length x log2 alphabet), its prefix and checksum. It never prints the
whole key: only a masked form and a SHA-256 fingerprint, and neither gives
anything away for a weak key (below 128 bits there is no fingerprint).
Warnings cover weak entropy, words, keyboard runs and repeats, published
example keys, placeholders, UUIDs, JWTs (signed tokens, not secrets; alg
none) and bad checksums. No network call. Exit code 0 whatever it finds.

A checksum is "valid" when the last six characters are the CRC-32 base62 of
the body, "invalid" only for schemes that always carry one (GitHub's, npm's,
or a prefix given with --prefix), and "none" otherwise.

Usage:
  keymint inspect [--json] [--prefix P]...

Flags:
  --json       one JSON object: length, alphabet, bits, estimate, prefix,
               checksum, kind, jwt, fingerprint, masked, warnings
  --prefix P   keys with prefix P always carry a checksum (repeat for more)

Examples:
  printf %s "$GITHUB_TOKEN" | keymint inspect
  keymint inspect --prefix acme_live < key.txt
  keymint inspect --json < key.txt | jq .kind
  keymint inspect            (prompts: Key (hidden):)
`,
  flags: FLAGS,
  run: inspect,
};

async function inspect(args: readonly string[], io: RunIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS);
  refuseKeyArguments("inspect", positionals, 0);
  const prefixes = values.prefix ?? [];
  // Check the prefixes before asking for the key.
  for (const prefix of prefixes) parseKeySpec({ prefix });
  const key = await readKey(io, "inspect");
  if (isKeyMaterial(key)) {
    const { reportKeyMaterial } = await import("./_key_material_report.ts");
    return await reportKeyMaterial(key, values.json === true, io);
  }
  const report = await inspectKey(key, { prefixes });
  if (values.json) {
    await writeText(io.stdout, JSON.stringify(report, null, 2) + "\n");
    return 0;
  }
  const kind = report.kind === null
    ? "none recognised"
    : `${report.kind.provider} ${report.kind.type}`;
  const rows: [string, string][] = [
    ["kind", kind],
    ["length", String(report.length)],
    ["alphabet", report.alphabet],
    [
      "bits",
      report.estimate === "documented"
        ? `${report.bits} (documented for this kind)`
        : `${report.bits} (upper bound: length x log2 alphabet)`,
    ],
    ["prefix", report.prefix ?? "none"],
    ["checksum", report.checksum],
  ];
  if (report.jwt !== null) {
    rows.push(["jwt alg", report.jwt.alg ?? "none given"]);
    const exp = report.jwt.exp;
    rows.push([
      "jwt exp",
      exp === null ? "none" : `${exp} (${new Date(exp * 1000).toISOString()})`,
    ]);
  }
  rows.push(
    ["fingerprint", report.fingerprint ?? "left out (see warnings)"],
    ["masked", report.masked],
  );
  await writeReport(io, rows, report.warnings);
  return 0;
}

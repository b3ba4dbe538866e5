/**
 * `keymint inspect`: what a key on stdin is made of, without printing it.
 *
 * @module
 */

import { inspectKey } from "@keymint/core";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { writeText } from "./_message.ts";
import { readKey } from "./_stdin.ts";
import { refuseKeyArguments } from "./_key_arguments.ts";

const FLAGS = {
  json: { type: "boolean" },
} as const satisfies FlagTable;

/** The inspect command. */
export const inspectCommand: Command = {
  help:
    `keymint inspect: length, alphabet, entropy, checksum and warnings of a key

Reads the key from stdin (never from an argument) and reports what it is
made of. It never prints the whole key: only a masked form and a SHA-256
fingerprint. Warnings cover weak entropy, documentation example keys,
placeholders, UUIDs and bad checksums. Exit code 0 whatever it finds.

Usage:
  keymint inspect [--json]

Flags:
  --json   one JSON object: length, alphabet, bits, prefix, checksum,
           fingerprint, masked, warnings

Examples:
  printf %s "$GITHUB_TOKEN" | keymint inspect
  keymint inspect --json < key.txt | jq .warnings
  keymint inspect            (prompts: Key (hidden):)
`,
  run: inspect,
};

async function inspect(args: readonly string[], io: RunIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS);
  refuseKeyArguments("inspect", positionals, 0);
  const report = await inspectKey(await readKey(io, "inspect"));
  if (values.json) {
    await writeText(io.stdout, JSON.stringify(report, null, 2) + "\n");
    return 0;
  }
  const rows: [string, string][] = [
    ["length", String(report.length)],
    ["alphabet", report.alphabet],
    ["bits", `${report.bits} (upper bound: length x log2 alphabet)`],
    ["prefix", report.prefix ?? "none"],
    ["checksum", report.checksum],
    ["fingerprint", report.fingerprint ?? "left out (see warnings)"],
    ["masked", report.masked],
  ];
  if (report.warnings.length === 0) rows.push(["warnings", "none"]);
  for (const warning of report.warnings) rows.push(["warning", warning]);
  await writeText(
    io.stdout,
    rows.map(([name, value]) => `${name.padEnd(13)}${value}\n`).join(""),
  );
  return 0;
}

/**
 * `keymint pair`: a public key id, a secret, and the hash to store.
 *
 * @module
 */

import { generatePair, type PairOptions } from "@keymint/core";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { UsageError, writeText } from "./_message.ts";

const FLAGS = {
  prefix: { type: "string", short: "p" },
  json: { type: "boolean" },
} as const satisfies FlagTable;

/** The pair command. */
export const pairCommand: Command = {
  help: `keymint pair: a two-part credential for a service that issues keys

Prints a public key id (16 letters and digits, safe to log), a secret
(prefixed and checksummed; show it to the user once) and the SHA-256 hex of
the secret (store this, never the secret). Three lines, name=value:

  id=<id>
  secret=<prefix>_<body><checksum>
  hash=<64 hex characters>

Usage:
  keymint pair [--prefix P] [--json]

Flags:
  -p, --prefix P  the secret's prefix: lower-case letters, digits and _,
                  starting with a letter, at most 32
      --json      one JSON object {"id", "secret", "hash"}

Examples:
  keymint pair --prefix acme_live
  eval "$(keymint pair)"; echo "$id"     sets id, secret and hash in a shell
  keymint pair --json | jq -r .hash
`,
  run: pair,
};

async function pair(args: readonly string[], io: RunIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS);
  if (positionals.length > 0) {
    throw new UsageError(
      `Cannot parse arguments: pair takes no arguments, only flags`,
    );
  }
  const options: PairOptions = {};
  if (values.prefix !== undefined) options.prefix = values.prefix;
  const { id, secret, hash } = await generatePair(options);
  await writeText(
    io.stdout,
    values.json
      ? JSON.stringify({ id, secret, hash }, null, 2) + "\n"
      : `id=${id}\nsecret=${secret}\nhash=${hash}\n`,
  );
  return 0;
}

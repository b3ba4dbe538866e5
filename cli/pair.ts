/**
 * `keymint pair`: a public key id, a secret, and the hash to store.
 *
 * @module
 */

import { generatePair, type PairOptions } from "@keymint/core";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { quoteArgument, UsageError, writeText } from "./_message.ts";
import { flagHelp } from "./_help.ts";
import { ENV_NAME } from "./_dotenv.ts";
import {
  QUIET_FLAG,
  WRITE_FLAGS,
  writeJson,
  writeTargetOf,
  writeToEnvFile,
} from "./_output.ts";

const FLAGS = {
  prefix: {
    type: "string",
    short: "p",
    placeholder: "P",
    summary:
      "the secret's prefix: lower-case letters, digits and _,\nstarting with a letter, at most 32",
  },
  json: {
    type: "boolean",
    summary: 'one JSON object {"id", "secret", "hash"}',
  },
  ...WRITE_FLAGS,
  env: {
    type: "string",
    placeholder: "NAME",
    summary:
      "with --write: the variable for the secret (default API_KEY);\nNAME_ID and NAME_HASH get the id and the hash",
  },
  ...QUIET_FLAG,
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
  keymint pair [--prefix P] --write FILE [--env NAME] [--force]

Flags:
${flagHelp(FLAGS)}
Examples:
  keymint pair --prefix acme_live
  eval "$(keymint pair)"; echo "$id"     sets id, secret and hash in a shell
  keymint pair --json | jq -r .hash
  keymint pair --write .env              API_KEY_ID, API_KEY, API_KEY_HASH
`,
  flags: FLAGS,
  run: pair,
};

async function pair(args: readonly string[], io: RunIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS);
  if (positionals.length > 0) {
    throw new UsageError(
      `Cannot parse arguments: pair takes no arguments, only flags`,
    );
  }
  const write = writeTargetOf(values);
  if (values.json && write !== undefined) {
    throw new UsageError("Cannot combine --json and --write: pick one output");
  }
  if (values.env !== undefined && write === undefined) {
    throw new UsageError(
      "Cannot use --env without --write: pair prints id, secret and hash",
      "to set them in a .env file: keymint pair --write .env --env NAME",
    );
  }
  const name = values.env ?? "API_KEY";
  if (!ENV_NAME.test(name)) {
    throw new UsageError(
      `Cannot use --env: ${quoteArgument(name)} is not a variable name`,
    );
  }
  const options: PairOptions = {};
  if (values.prefix !== undefined) options.prefix = values.prefix;
  const { id, secret, hash } = await generatePair(options);
  if (write !== undefined) {
    await writeToEnvFile(io, write, [
      { name: `${name}_ID`, value: id },
      { name, value: secret },
      { name: `${name}_HASH`, value: hash },
    ], values.quiet);
  } else if (values.json) {
    await writeJson(io, { id, secret, hash });
  } else {
    await writeText(io.stdout, `id=${id}\nsecret=${secret}\nhash=${hash}\n`);
  }
  return 0;
}

/**
 * The default command: `keymint [FORMAT] [flags]` writes new keys.
 *
 * @module
 */

import { didYouMean } from "@keymint/core/faces";
import {
  findFormat,
  FORMATS,
  type LooseKeyOptions,
  MAX_KEY_LENGTH,
  parseKeySpec,
} from "@keymint/core/keys";
import type { RunIo } from "./io.ts";
import type { FlagTable, ParsedFlags } from "./_args.ts";
import { flagHelp } from "./_help.ts";
import { QUIET_FLAG, WRITE_FLAGS, writeTargetOf } from "./_output.ts";
import { quoteArgument, UsageError } from "./_message.ts";
import { emitKeys } from "./_write_keys.ts";
import type { Command, CommandEntry } from "./command.ts";

const FLAGS = {
  bits: {
    type: "string",
    short: "b",
    placeholder: "N",
    summary: "minimum entropy of each key, 8..8192 (default 256)",
  },
  length: {
    type: "string",
    short: "l",
    placeholder: "N",
    summary:
      `exact number of random characters instead, 1..${MAX_KEY_LENGTH};\nwith --prefix, the body's: prefix, _ and checksum come on top`,
  },
  count: {
    type: "string",
    short: "n",
    placeholder: "N",
    summary: "how many keys, one a line, 1..1000000000 (default 1)",
  },
  alphabet: {
    type: "string",
    placeholder: "CHARS",
    summary: "draw from these 2..256 distinct characters (format custom)",
  },
  prefix: {
    type: "string",
    short: "p",
    placeholder: "P",
    summary:
      "structured key P_<body><checksum>: lower-case letters,\ndigits and _, starting with a letter, at most 32",
  },
  "no-checksum": {
    type: "boolean",
    summary: "leave the CRC-32 checksum off a prefixed key",
  },
  json: {
    type: "boolean",
    summary:
      "one JSON document: an array of objects with value,\nformat, bits and length",
  },
  env: {
    type: "string",
    placeholder: "NAME",
    summary: "print NAME=<key>, a line for a .env file",
  },
  ...WRITE_FLAGS,
  copy: {
    type: "boolean",
    summary: "put the key on the clipboard; print only its masked form",
  },
  ...QUIET_FLAG,
  version: { type: "boolean", summary: "the version" },
} as const satisfies FlagTable;

/**
 * The generate command, which runs when no other command is named.
 * `commands` is the table of the others: for the help text, and for "did
 * you mean" when a mistyped command reaches this one as a format.
 */
export function generateCommand(
  commands: ReadonlyMap<string, CommandEntry>,
): Command {
  return {
    // Built when asked for: a bare keymint never renders the help.
    get help() {
      return helpText(commands);
    },
    flags: FLAGS,
    operands: FORMATS.flatMap((format) => [format.name, ...format.aliases]),
    run: (args, io) => generate(args, io, [...commands.keys()]),
  };
}

async function generate(
  args: readonly string[],
  io: RunIo,
  commands: readonly string[],
): Promise<number> {
  const { values, positionals } = await parseGenerateFlags(args);
  const format = positionals[0];
  if (format !== undefined) checkFormatOrCommand(format, commands);
  if (positionals.length > 1) {
    throw new UsageError(
      `Cannot parse arguments: unexpected argument ${
        quoteArgument(positionals[1]!)
      } (only one FORMAT is taken)`,
    );
  }
  if (values.prefix === "") {
    throw new UsageError(
      "Cannot use --prefix: it is empty",
      "give a prefix such as --prefix sk_live, or leave the flag out",
    );
  }
  if (values["no-checksum"] && values.prefix === undefined) {
    throw new UsageError(
      "Cannot use --no-checksum without --prefix: only a prefixed key has a checksum",
    );
  }

  // The CLI makes short codes on request and warns; it does not refuse them.
  const options: LooseKeyOptions = { allowWeak: true };
  if (format !== undefined) options.format = format;
  if (values.bits !== undefined) options.bits = values.bits;
  if (values.length !== undefined) options.length = values.length;
  if (values.count !== undefined) options.count = values.count;
  if (values.alphabet !== undefined) options.alphabet = values.alphabet;
  if (values.prefix !== undefined) options.prefix = values.prefix;
  if (values["no-checksum"]) options.checksum = false;
  const spec = parseKeySpec(options);

  const output = {
    json: values.json === true,
    env: values.env,
    write: writeTargetOf(values),
    copy: values.copy,
    quiet: values.quiet,
  };
  await emitKeys(spec, io, output);
  return 0;
}

const NO_FLAGS: ParsedFlags<typeof FLAGS> = { values: {}, positionals: [] };

/**
 * `node:util` adds about 7 ms to every start (measured against a bare
 * `deno run`), as much as the rest of keymint together; a bare `keymint`,
 * the most common call, has nothing to parse and skips loading it.
 */
async function parseGenerateFlags(
  args: readonly string[],
): Promise<ParsedFlags<typeof FLAGS>> {
  if (args.length === 0) return NO_FLAGS;
  const { parseFlags } = await import("./_args.ts");
  return parseFlags(args, FLAGS);
}

/**
 * A first word that is not a format: suggest the closest format or command
 * (formats it begins, as `base`, first), quoting at most 12 characters of
 * it, since it may be a key pasted by mistake.
 */
function checkFormatOrCommand(
  word: string,
  commands: readonly string[],
): void {
  try {
    findFormat(word);
    return;
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  const formats = FORMATS.flatMap((format) => [format.name, ...format.aliases]);
  const begun = word.length >= 2
    ? formats.filter((name) => name.startsWith(word) && name !== word)
    : [];
  const suggestion = begun.length > 1
    ? `, did you mean one of ${begun.map((name) => `"${name}"`).join(", ")}?`
    : begun.length === 1
    ? `, did you mean "${begun[0]}"?`
    : word.length <= 40
    ? didYouMean(word, [...formats, ...commands])
    : "";
  throw new UsageError(
    `Cannot run ${
      quoteArgument(word)
    }: it is neither a command nor a format${suggestion}`,
    'run "keymint --help" for the formats and commands; a key to check goes on stdin, never in an argument',
  );
}

function helpText(commands: ReadonlyMap<string, CommandEntry>): string {
  const width = Math.max(...[...commands.keys()].map((name) => name.length)) +
    2;
  const commandList = [
    ...[...commands].map(([name, entry]) => [name, entry.summary]),
    ["help", "this help, or a command's: keymint help COMMAND"],
  ].map(([name, summary]) => `  ${name!.padEnd(width)}${summary}`).join("\n");
  const formats = FORMATS.map((format) => {
    const names = [format.name, ...format.aliases].join(", ");
    return `  ${names.padEnd(30)}${format.summary}`;
  }).join("\n");
  return `keymint: cryptographically secure API keys, secrets and tokens

Usage:
  keymint [FORMAT] [--bits N | --length N] [--count N] [--alphabet CHARS]
          [--prefix P [--no-checksum]]
          [--json | --env NAME [--write FILE [--force]] | --copy] [-q]
  keymint COMMAND [ARGS]
  keymint COMMAND --help
  keymint --help | --version

With no arguments keymint prints one 256-bit key as 64 hex characters.

Commands:
${commandList}

Formats (FORMAT, default hex):
${formats}

Flags:
${flagHelp(FLAGS)}
Examples:
  keymint                              one 256-bit hex key
  keymint base64url --bits 128         22 URL-safe characters
  keymint alnum --length 40 -n 5       five keys of 40 letters and digits
  keymint --prefix sk_live             sk_live_<alphanumeric body><checksum>
  keymint custom --alphabet 0123456789abcdef --length 12
  keymint --env SESSION_SECRET --write .env
                                       sets SESSION_SECRET in .env in place
  keymint --copy                       to the clipboard; prints only the mask
  keymint -n 1000000 > keys.txt        streams; memory stays flat
  keymint completions bash > ~/.local/share/bash-completion/completions/keymint

Keys below 128 bits are still made, with a warning on stderr (-q hides it).
Exit codes: 0 success, 1 failure (verify mismatch, a value already set,
a write error), 2 usage error, 130 interrupted (Ctrl-C at a key prompt).
`;
}

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
  parseKeySpec,
} from "@keymint/core/keys";
import type { RunIo } from "./io.ts";
import type { FlagTable, ParsedFlags } from "./_args.ts";
import { quoteArgument, UsageError, writeWarnings } from "./_message.ts";
import { checkWriteOptions, writeKeys } from "./_write_keys.ts";
import type { Command, CommandEntry } from "./command.ts";

const FLAGS: FlagTable = {
  bits: { type: "string", short: "b" },
  length: { type: "string", short: "l" },
  count: { type: "string", short: "n" },
  alphabet: { type: "string" },
  prefix: { type: "string", short: "p" },
  "no-checksum": { type: "boolean" },
  json: { type: "boolean" },
  env: { type: "string" },
};

/**
 * The generate command, which runs when no other command is named.
 * `commands` is the table of the others: for the help text, and for "did
 * you mean" when a mistyped command reaches this one as a format.
 */
export function generateCommand(
  commands: ReadonlyMap<string, CommandEntry>,
): Command {
  return {
    help: helpText(commands),
    run: (args, io) => generate(args, io, [...commands.keys()]),
  };
}

async function generate(
  args: readonly string[],
  io: RunIo,
  commands: readonly string[],
): Promise<number> {
  const { values, positionals } = await parseGenerateFlags(args);
  if (positionals.length > 1) {
    throw new UsageError(
      `Cannot parse arguments: unexpected argument ${
        quoteArgument(positionals[1]!)
      } (only one FORMAT is taken)`,
    );
  }
  const format = positionals[0];
  if (format !== undefined) checkFormatOrCommand(format, commands);

  // The CLI makes short codes on request and warns; it does not refuse them.
  const options: LooseKeyOptions = { allowWeak: true };
  if (format !== undefined) options.format = format;
  if (typeof values.bits === "string") options.bits = values.bits;
  if (typeof values.length === "string") options.length = values.length;
  if (typeof values.count === "string") options.count = values.count;
  if (typeof values.alphabet === "string") options.alphabet = values.alphabet;
  if (typeof values.prefix === "string") options.prefix = values.prefix;
  if (values["no-checksum"]) options.checksum = false;
  const spec = parseKeySpec(options);

  const output = {
    json: values.json === true,
    env: typeof values.env === "string" ? values.env : undefined,
  };
  checkWriteOptions(spec, output);
  await writeWarnings(io, spec.warnings);
  await writeKeys(spec, io, output);
  return 0;
}

const NO_FLAGS: ParsedFlags = { values: {}, positionals: [] };

/**
 * `node:util` adds about 7 ms to every start (measured against a bare
 * `deno run`), as much as the rest of keymint together; a bare `keymint`,
 * the most common call, has nothing to parse and skips loading it.
 */
async function parseGenerateFlags(
  args: readonly string[],
): Promise<ParsedFlags> {
  if (args.length === 0) return NO_FLAGS;
  const { parseFlags } = await import("./_args.ts");
  return parseFlags(args, FLAGS);
}

/**
 * A first word that is neither a format nor a command is most likely a
 * mistyped command when it is close to one; say so. Otherwise the core's
 * own message about the format stands.
 */
function checkFormatOrCommand(
  word: string,
  commands: readonly string[],
): void {
  try {
    findFormat(word);
  } catch (error) {
    const suggestion = didYouMean(word, commands);
    if (error instanceof RangeError && suggestion !== "") {
      throw new UsageError(
        `Cannot run ${
          quoteArgument(word)
        }: it is neither a command nor a format${suggestion}`,
      );
    }
    throw error;
  }
}

function helpText(commands: ReadonlyMap<string, CommandEntry>): string {
  const commandList = [...commands].map(([name, entry]) =>
    `  ${name.padEnd(10)}${entry.summary}`
  ).join("\n");
  const formats = FORMATS.map((format) => {
    const names = [format.name, ...format.aliases].join(", ");
    return `  ${names.padEnd(30)}${format.summary}`;
  }).join("\n");
  return `keymint: cryptographically secure API keys, secrets and tokens

Usage:
  keymint [FORMAT] [--bits N | --length N] [--count N] [--alphabet CHARS]
          [--prefix P [--no-checksum]] [--json | --env NAME]
  keymint COMMAND [ARGS]
  keymint COMMAND --help
  keymint --help | --version

With no arguments keymint prints one 256-bit key as 64 hex characters.

Commands:
${commandList}

Formats (FORMAT, default hex):
${formats}

Flags:
  -b, --bits N          minimum entropy of each key, 8..8192 (default 256)
  -l, --length N        exact number of characters instead, 1..16384
  -n, --count N         how many keys, one a line, 1..1000000000 (default 1)
      --alphabet CHARS  draw from these 2..256 distinct characters (format custom)
  -p, --prefix P        structured key P_<body><checksum>: lower-case letters,
                        digits and _, starting with a letter, at most 32
      --no-checksum     leave the CRC-32 checksum off a prefixed key
      --json            one JSON document: an array of objects with value,
                        format, bits and length
      --env NAME        print NAME=<key>, a line for a .env file
  -h, --help            this help
      --version         the version

Examples:
  keymint                              one 256-bit hex key
  keymint base64url --bits 128         22 URL-safe characters
  keymint alnum --length 40 -n 5       five keys of 40 letters and digits
  keymint --prefix sk_live             sk_live_<alphanumeric body><checksum>
  keymint custom --alphabet 0123456789abcdef --length 12
  keymint --env SESSION_SECRET >> .env
  keymint -n 1000000 > keys.txt        streams; memory stays flat

Keys below 128 bits are still made, with a warning on stderr.
Exit codes: 0 success, 1 failure (verify mismatch), 2 usage error.
`;
}

/**
 * `keymint preset [NAME]`: a framework's secret in its exact format, or the
 * list of presets.
 *
 * @module
 */

import {
  type LooseKeyOptions,
  parseKeySpec,
  PRESETS,
} from "@keymint/core/keys";
import { checkKeyNames } from "@keymint/core/faces";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { quoteArgument, UsageError, writeText } from "./_message.ts";
import { emitKeys } from "./_write_keys.ts";
import { flagHelp } from "./_help.ts";
import {
  QUIET_FLAG,
  WRITE_FLAGS,
  writeJson,
  writeTargetOf,
} from "./_output.ts";

const FLAGS = {
  count: {
    type: "string",
    short: "n",
    placeholder: "N",
    summary: "how many secrets, one a line (default 1)",
  },
  json: {
    type: "boolean",
    summary: "one JSON document: an array of objects (the table without NAME)",
  },
  env: {
    type: "string",
    optionalValue: /^[A-Z_][A-Z0-9_]*$/,
    placeholder: "VAR",
    summary:
      "print VAR=<secret> with the variable the framework reads;\n--env VAR or --env=VAR names another variable",
  },
  ...WRITE_FLAGS,
  copy: {
    type: "boolean",
    summary: "put the secret on the clipboard; print only its masked form",
  },
  ...QUIET_FLAG,
} as const satisfies FlagTable;

/** The preset command. */
export const presetCommand: Command = {
  help: `keymint preset: a secret in the exact format a framework expects

Usage:
  keymint preset                      list the presets (name, env var, output)
  keymint preset --json               the preset table as JSON
  keymint preset NAME [--count N] [--json | --env [VAR] | --copy]
  keymint preset NAME --write FILE [--env VAR] [--force]

Flags:
${flagHelp(FLAGS)}
With --write, the framework's variable (or --env VAR) is set in FILE:
replaced where it stands when empty (or with --force), appended when
absent; every other line stays byte for byte.

Examples:
  keymint preset laravel              base64:... for APP_KEY
  keymint preset laravel --write .env sets APP_KEY in .env, as key:generate does
  keymint preset django --write .env --force
  keymint preset django --env DJANGO_SECRET_KEY
  keymint preset jwt-hs256 --json
`,
  flags: FLAGS,
  operands: PRESETS.map((preset) => preset.name),
  run: preset,
};

async function preset(args: readonly string[], io: RunIo): Promise<number> {
  const first = args[0];
  if (first && !PRESETS.some((row) => row.name === first)) {
    const keypair = await import("./keypair.ts");
    if (keypair.isKeyPairPreset(first)) {
      return await keypair.keypairCommand.run(args, io);
    }
  }
  const { values, positionals } = parseFlags(args, FLAGS);
  if (positionals.length > 1) {
    throw new UsageError(
      `Cannot parse arguments: unexpected argument ${
        quoteArgument(positionals[1]!)
      } (only one preset NAME is taken)`,
    );
  }
  const name = positionals[0];
  if (name === undefined) {
    const given = (["count", "env", "write", "force", "copy"] as const).find(
      (flag) => values[flag] !== undefined,
    );
    if (given !== undefined) {
      throw new UsageError(
        `Cannot list presets with --${given}: name a preset`,
        'run "keymint preset" for the names',
      );
    }
    if (values.json) await writeJson(io, PRESETS);
    else await writeText(io.stdout, presetTable());
    return 0;
  }

  const options: LooseKeyOptions = { preset: name };
  if (values.count !== undefined) options.count = values.count;
  checkKeyNames(options);
  const spec = parseKeySpec(options);
  const write = writeTargetOf(values);
  const output = {
    json: values.json === true,
    env: values.env === "" || (values.env === undefined && write)
      ? spec.env
      : values.env,
    write,
    copy: values.copy,
    quiet: values.quiet,
  };
  await emitKeys(spec, io, output);
  return 0;
}

function presetTable(): string {
  const nameWidth = Math.max(...PRESETS.map((p) => p.name.length)) + 2;
  const envWidth = Math.max(...PRESETS.map((p) => p.env.length)) + 2;
  const rows = PRESETS.map((p) =>
    `${p.name.padEnd(nameWidth)}${p.env.padEnd(envWidth)}${p.output}`
  );
  const header = `${"NAME".padEnd(nameWidth)}${"ENV".padEnd(envWidth)}OUTPUT`;
  return [header, ...rows].join("\n") + "\n";
}

/**
 * `keymint preset [NAME]`: a framework's secret in its exact format, or the
 * list of presets.
 *
 * @module
 */

import { type KeyOptions, parseKeySpec, PRESETS } from "@keymint/core/keys";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import {
  quoteArgument,
  UsageError,
  writeText,
  writeWarnings,
} from "./_message.ts";
import { checkWriteOptions, writeKeys } from "./_write_keys.ts";

const FLAGS = {
  count: { type: "string", short: "n" },
  json: { type: "boolean" },
  env: { type: "string", optionalValue: /^[A-Z_][A-Z0-9_]*$/ },
} as const satisfies FlagTable;

/** The preset command. */
export const presetCommand: Command = {
  help: `keymint preset: a secret in the exact format a framework expects

Usage:
  keymint preset                      list the presets (name, env var, output)
  keymint preset --json               the preset table as JSON
  keymint preset NAME [--count N] [--json | --env [VAR]]

Flags:
  -n, --count N   how many secrets, one a line (default 1)
      --json      one JSON document: an array of objects
      --env       print VAR=<secret> with the variable the framework reads;
                  --env VAR or --env=VAR names another variable

Examples:
  keymint preset laravel              base64:... for APP_KEY
  keymint preset laravel --env >> .env
  keymint preset django --env DJANGO_SECRET_KEY
  keymint preset jwt-hs256 --json
`,
  run: preset,
};

async function preset(args: readonly string[], io: RunIo): Promise<number> {
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
    if (values.count !== undefined || values.env !== undefined) {
      throw new UsageError(
        "Cannot list presets with --count or --env: name a preset",
      );
    }
    await writeText(
      io.stdout,
      values.json ? JSON.stringify(PRESETS, null, 2) + "\n" : presetTable(),
    );
    return 0;
  }

  const options: KeyOptions = { preset: name };
  if (values.count !== undefined) options.count = values.count;
  const spec = parseKeySpec(options);
  const output = {
    json: values.json === true,
    env: values.env === "" ? spec.env : values.env,
  };
  checkWriteOptions(spec, output);
  await writeWarnings(io, spec.warnings);
  await writeKeys(spec, io, output);
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
